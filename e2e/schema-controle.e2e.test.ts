/**
 * Issue 18 §7, ADR 0032: a form checks its body with the route's own schema before sending. For
 * three kinds of form — a toewijzing, a budget and a month period — a body the schema refuses gets
 * the server's Dutch melding at its field and no request leaves the browser; fixed, it is sent and
 * succeeds. Screenshots land in e2e/output/schema-controle-*.png.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, today } from '../src/shared/dates.ts'
import { formatDate } from '../src/shared/format-nl.ts'
import { clearedAt, saysAtField } from './page-helpers.ts'
import { type E2eServer, output, startServer } from './server.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(4750)
})

afterAll(() => e2e?.stop())

/** Every change the page sends to the API (anything but a GET), counted from now. */
function changesSent(page: Page): { count: () => number } {
  const sent: string[] = []
  page.on('request', (request) => {
    if (request.method() !== 'GET' && new URL(request.url()).pathname.startsWith('/api/')) sent.push(`${request.method()} ${request.url()}`)
  })
  return { count: () => sent.length }
}

/** Waits a moment for a request that should not come (generous: the machine is busy). */
const settle = (page: Page) => page.waitForTimeout(1500)

async function shot(page: Page, name: string) {
  await page.setViewportSize({ width: 1366, height: 1000 })
  await page.screenshot({ path: join(output, `schema-controle-${name}.png`), fullPage: true })
}

describe('a body the schema refuses is said at its field and never sent; fixed, it is', () => {
  it('a toewijzing: an onderbouwing longer than the schema takes', async () => {
    const page = await e2e.logIn('lokaalteam.zeist')
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor()
    const href = await page.locator('a[href^="#/client/"]').first().getAttribute('href')
    expect(href, 'a client in the work queue').toBeTruthy()
    await page.goto(`${e2e.base}/${href}`)
    const form = page.getByRole('region', { name: 'Nieuwe toewijzing' })
    await form.waitFor()
    await form.getByLabel(/^Product/).selectOption({ index: 1 })
    await form.locator('#aanbieder option').nth(1).waitFor({ state: 'attached' })
    await form.getByLabel(/^Aanbieder/).selectOption({ index: 1 })
    await form.getByLabel(/^Ingangsdatum/).fill(formatDate(addDays(today(), 14)))
    await form.getByLabel(/^Einddatum/).fill(formatDate(addDays(today(), 90)))
    if (await form.locator('#volume').count()) await form.locator('#volume').fill('4')
    else await form.locator('#budget').fill('1.000,00')
    await form.getByLabel(/^Doel/).fill('Weer naar school')
    const onderbouwing = form.locator('#onderbouwing')
    await onderbouwing.fill('x'.repeat(2001))
    await settle(page)
    const sent = changesSent(page)
    await form.getByRole('button', { name: 'Toewijzing vastleggen' }).click()
    await saysAtField(page, onderbouwing, /^Onderbouwing mag hoogstens 2000 tekens hebben\.$/)
    await settle(page)
    expect(sent.count(), 'no request while the schema refuses the body').toBe(0)
    await shot(page, 'toewijzing')
    await onderbouwing.fill('')
    await clearedAt(onderbouwing)
    // Whichever provider came first: care outside its contracts goes with a reason, to be approved by a colleague.
    await form.locator('#uitzondering').fill('Geen gecontracteerde aanbieder heeft op tijd plek.')
    await form.getByRole('button', { name: 'Toewijzing vastleggen' }).click()
    // What the form says after the answer: the success, or (failing the test) the refusal in its words.
    const said = form.locator('.koers-summary')
    await said.waitFor({ timeout: 60_000 })
    expect(await said.textContent()).toMatch(/^Toewijzing \d+ vastgelegd/)
    expect(sent.count()).toBeGreaterThan(0)
    await page.close()
  })

  it('a budget: a reason longer than the schema takes', async () => {
    const page = await e2e.logIn('gemeente.zeist')
    const year = new Date().getFullYear()
    await page.goto(`${e2e.base}/#/budgetten?jaar=${year}`)
    const form = page.getByRole('region', { name: `Budget ${year} vastleggen of wijzigen` })
    await form.getByLabel(/^Segment/).selectOption({ index: 1 })
    await form.getByLabel(/^Bedrag/).fill('250.000')
    const reden = form.getByLabel(/^Reden/)
    await reden.fill('Voorjaarsnota. '.repeat(40))
    const sent = changesSent(page)
    await form.getByRole('button', { name: 'Vastleggen' }).click()
    await saysAtField(page, reden, /^Reden mag hoogstens 500 tekens hebben\.$/)
    await settle(page)
    expect(sent.count(), 'no request while the schema refuses the body').toBe(0)
    await shot(page, 'budget')
    await reden.fill('Begrotingswijziging na de voorjaarsnota')
    await clearedAt(reden)
    await form.getByRole('button', { name: 'Vastleggen' }).click()
    await form.getByRole('status').filter({ hasText: `Budget ${year} vastgelegd` }).waitFor({ timeout: 60_000 })
    expect(sent.count()).toBe(1)
    await page.close()
  })

  it('a month period: months typed in Dutch, a period that ends before it begins', async () => {
    const page = await e2e.logIn('gemeente.zeist')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Rechtmatigheid' }).click()
    await page.getByRole('heading', { level: 1, name: 'Rechtmatigheid' }).waitFor()
    const van = page.getByLabel('Van maand')
    const tot = page.getByLabel('Tot en met maand')
    const sent = changesSent(page)
    // A month that does not exist: the field says so when it is left, and the form sends nothing.
    await van.fill('13-2026')
    await tot.focus()
    await saysAtField(page, van, /^Van maand 13-2026 bestaat niet: een maand is 1 tot en met 12\.$/)
    await van.fill('december 2030')
    await clearedAt(van)
    await tot.fill('1-2020')
    await page.getByRole('button', { name: 'Steekproef trekken' }).click()
    await saysAtField(page, tot, /^De periode van de steekproef eindigt voor zij begint: kies een latere maand tot\.$/)
    await settle(page)
    expect(sent.count(), 'no request while the schema refuses the body').toBe(0)
    await shot(page, 'maanden')
    await van.fill('jan 2020')
    await tot.fill('2030-12')
    await clearedAt(tot)
    await page.getByRole('button', { name: 'Steekproef trekken' }).click()
    await page.getByRole('status').filter({ hasText: /^Steekproef \d+:/ }).waitFor({ timeout: 60_000 })
    expect(sent.count()).toBe(1)
    await page.close()
  })
})
