/**
 * Review issue 17 in the browser: the web app works under its Content-Security-Policy (no
 * page reports a violation, charts included), and "Overal uitloggen" ends the user's session
 * in another browser too.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type E2eServer, startServer } from './server.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(4300)
})

afterAll(() => e2e?.stop())

/** A new browser (its own cookies) whose Content-Security-Policy violations are collected from before the first page. */
async function browserWatchingCsp(): Promise<{ page: Page; violations: string[] }> {
  const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 1000 } })
  const page = await context.newPage()
  const violations: string[] = []
  await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`))
  })
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  return { page, violations }
}

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(e2e.base)
  await page.getByLabel('Gebruikersnaam').fill(username)
  await page.getByLabel('Wachtwoord').fill('koers-demo')
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor()
}

describe('the web app under its security headers', () => {
  it('runs every page of the region and a gemeente without a Content-Security-Policy violation', async () => {
    const { page, violations } = await browserWatchingCsp()
    const response = await page.goto(e2e.base)
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
    await logIn(page, 'icm.zou')
    await page.getByRole('img', { name: /budget, gerealiseerd en prognose per segment/ }).locator('svg').first().waitFor()
    for (const name of ['Segmenten', 'Budgetten', 'Budgetsignalen', 'Regio', 'Toewijzingen', 'Dashboard']) {
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name, exact: true }).click()
      await page.getByRole('heading', { level: 1 }).first().waitFor()
      await page.waitForLoadState('networkidle')
    }
    await page.getByRole('button', { name: 'Uitloggen', exact: true }).click()
    await logIn(page, 'gemeente.zeist')
    for (const name of ['Declaraties', 'Rechtmatigheid', 'Berichten', 'Signalen']) {
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name, exact: true }).click()
      await page.getByRole('heading', { level: 1 }).first().waitFor()
      await page.waitForLoadState('networkidle')
    }
    expect(violations).toEqual([])
    await page.context().close()
  })

  it('logs a user out everywhere: the session in another browser ends too', async () => {
    const laptop = (await browserWatchingCsp()).page
    const desktop = (await browserWatchingCsp()).page
    await logIn(laptop, 'gemeente.zeist')
    await logIn(desktop, 'gemeente.zeist')
    await laptop.getByRole('button', { name: 'Overal uitloggen' }).click()
    await laptop.getByLabel('Gebruikersnaam').waitFor()
    await desktop.reload()
    await desktop.getByLabel('Gebruikersnaam').waitFor()
    expect(await desktop.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(0)
    await laptop.context().close()
    await desktop.context().close()
  })
})
