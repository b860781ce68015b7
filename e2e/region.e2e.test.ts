/**
 * End to end, as a person would: the built web app served by `koers start`, driven in
 * Debian's Chromium. Screenshots land in e2e/output/.
 */
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type E2eServer, output, startServer } from './server.ts'

let e2e: E2eServer
let browser: Browser
let base: string

beforeAll(async () => {
  e2e = await startServer(3900)
  ;({ browser, base } = e2e)
})

afterAll(() => e2e?.stop())

async function logIn(username: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  await page.goto(base)
  await page.getByLabel('Gebruikersnaam').fill(username)
  await page.getByLabel('Wachtwoord').fill('koers-demo')
  await page.getByRole('button', { name: 'Inloggen' }).click()
  // The region and gemeente roles open on the dashboard (issue 6); the region page is one link away.
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Regio', exact: true }).click()
  await page.getByRole('heading', { level: 1, name: /Regio Zuidoost-Utrecht/ }).waitFor()
  return page
}

describe('the region page in Chromium', () => {
  it('shows a regional user the whole region, with budgets', async () => {
    const page = await logIn('icm.zou')
    await page.getByRole('heading', { name: 'Budgetten 2027' }).waitFor()
    expect(await page.getByRole('heading', { name: /Jeugdhulp ambulant/ }).count()).toBeGreaterThan(0)
    expect(await page.getByRole('cell', { name: 'Zeist' }).count()).toBeGreaterThan(0)
    await page.screenshot({ path: join(output, 'region-icm.png'), fullPage: true })
    const body = await page.textContent('body')
    expect(body).not.toMatch(/\b\d{9}\b/) // no BSN anywhere on the page
    await page.close()
  })

  it('shows a gemeente user its own budget lines only', async () => {
    const page = await logIn('gemeente.bunnik')
    await page.getByRole('table', { name: 'Budget per gemeente en segment' }).waitFor()
    const cells = await page.getByRole('table', { name: 'Budget per gemeente en segment' }).locator('tbody tr td:first-child').allTextContents()
    expect(new Set(cells)).toEqual(new Set(['Bunnik']))
    await page.screenshot({ path: join(output, 'region-gemeente-bunnik.png'), fullPage: false })
    await page.close()
  })

  it('refuses a wrong password with a clear message', async () => {
    const page = await browser.newPage()
    await page.goto(base)
    await page.getByLabel('Gebruikersnaam').fill('icm.zou')
    await page.getByLabel('Wachtwoord').fill('fout')
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Gebruikersnaam of wachtwoord klopt niet')
    await page.screenshot({ path: join(output, 'login-refused.png') })
    await page.close()
  })
})
