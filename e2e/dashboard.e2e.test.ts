/**
 * Issue 6 as the region and a gemeente use it: the dashboard is the first page after login,
 * its figures add up to what the budget page and the exports say, a figure clicks through to
 * what makes it up, and a budget signal is acknowledged (with an owner and a note) and closed.
 * Screenshots land in e2e/output/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dashboard } from '../src/budgets/dashboard.queries.ts'
import type { BudgetSignal } from '../src/budgets/signal.queries.ts'
import { formatEuro } from '../src/shared/format-nl.ts'
import { getJson } from './page-helpers.ts'
import { type E2eServer, output, startServer } from './server.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(4100)
})

afterAll(() => e2e?.stop())

const euro = formatEuro
/** Sums a euro column of a Koers CSV export (decimal comma, `;`). */
function sumColumn(csv: string, header: string): number {
  const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/)
  const index = lines[0]!.split(';').indexOf(header)
  expect(index, `column ${header}`).toBeGreaterThanOrEqual(0)
  return lines.slice(1).reduce((sum, l) => sum + Math.round(Number((l.split(';')[index] ?? '0').replace(/\./g, '').replace(',', '.')) * 100), 0)
}

describe('the regional dashboard in Chromium', () => {
  it('opens on the dashboard for the region, whose figures add up and click through', async () => {
    const page = await e2e.logIn('icm.zou')
    await page.getByRole('heading', { level: 1, name: 'Regionaal dashboard' }).waitFor()
    const year = new Date().getFullYear()
    const d = await getJson<Dashboard>(page, `/api/budgets/dashboard?year=${year}`)
    expect(d.totaal.realisedCents).toBeGreaterThan(0)
    const tiles = page.getByLabel('Kerncijfers')
    await expect.poll(() => tiles.textContent()).toContain(euro(d.totaal.realisedCents))
    expect(await tiles.textContent()).toContain(euro(d.totaal.forecastCents))
    expect(await tiles.textContent()).toContain(euro(d.totaal.budgetCents))
    await page.getByRole('img', { name: /budget, gerealiseerd en prognose per segment/ }).locator('svg').first().waitFor()
    await page.screenshot({ path: `${output}/dashboard-1-regio.png`, fullPage: true })

    // Every grouping adds up to the same total, to the cent: segments, gemeenten, providers, months, and the exports.
    const sum = (xs: { realisedCents?: number; gerealiseerdCents?: number }[]) => xs.reduce((s, x) => s + (x.realisedCents ?? x.gerealiseerdCents ?? 0), 0)
    expect(sum(d.segmenten)).toBe(d.totaal.realisedCents)
    expect(sum(d.gemeenten)).toBe(d.totaal.realisedCents)
    expect(sum(d.aanbieders)).toBe(d.totaal.realisedCents)
    expect(sum(d.maanden)).toBe(d.totaal.realisedCents)
    const csv = await page.evaluate(async (y) => (await fetch(`/api/budgets/figures?year=${y}&level=aanbieder&format=csv`)).text(), year)
    expect(sumColumn(csv, 'Gerealiseerd (€)')).toBe(d.totaal.realisedCents)
    expect(sumColumn(csv, 'Open verplichting (€)')).toBe(d.totaal.openCents)
    const xlsx = await page.evaluate(async (y) => String.fromCharCode(...new Uint8Array(await (await fetch(`/api/budgets/figures?year=${y}&format=xlsx`)).arrayBuffer()).slice(0, 2)), year)
    expect(xlsx).toBe('PK')

    // A segment's figure clicks through to its budgets per gemeente and their months and changes.
    const segment = d.segmenten[0]!
    await page.getByRole('table', { name: `Per segment, ${year}` }).getByRole('link', { name: segment.segment, exact: true }).click()
    await page.getByRole('heading', { level: 1, name: `Budgetten ${year}: ${segment.segment}` }).waitFor()
    const rows = page.getByRole('table', { name: 'Per gemeente en segment' }).getByRole('row')
    await expect.poll(() => rows.count()).toBe(d.gemeenten.filter((g) => g.segmentId === segment.segmentId).length + 1)
    await page.screenshot({ path: `${output}/dashboard-2-segment.png`, fullPage: true })
    expect(await page.textContent('body')).not.toMatch(/\b\d{9}\b/) // no BSN anywhere
    await page.close()
  })

  it("opens on its own dashboard for a gemeente, with the region's totals, and follows a signal through", async () => {
    const page = await e2e.logIn('gemeente.zeist')
    await page.getByRole('heading', { level: 1, name: 'Dashboard Zeist' }).waitFor()
    await page.getByRole('heading', { name: 'De regio als geheel' }).waitFor()
    const year = new Date().getFullYear()
    const d = await getJson<Dashboard>(page, `/api/budgets/dashboard?year=${year}`)
    expect(new Set(d.gemeenten.map((g) => g.gemeente))).toEqual(new Set(['Zeist']))
    await page.screenshot({ path: `${output}/dashboard-3-zeist.png`, fullPage: true })

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Budgetsignalen' }).click()
    await page.getByRole('heading', { level: 1, name: 'Budgetsignalen' }).waitFor()
    const signals = await getJson<BudgetSignal[]>(page, `/api/budgets/signals?year=${year}&status=open`)
    const own = signals.find((s) => s.gemeenteId !== null)
    expect(own, 'the demo budgets leave Zeist at least one open signal').toBeDefined()
    // The list is a table (ADR 0025); one signal's card opens from its link (?signaal=ID).
    await page.goto(`${e2e.base}/#/budgetsignalen?signaal=${own!.id}`)
    const card = page.getByRole('article', { name: `Signaal ${own!.id}` })
    await card.getByLabel('Eigenaar').selectOption({ index: 1 })
    await card.getByLabel('Wat gaan we doen?').fill('Accountgesprek met de aanbieder in de eerste week van december')
    await card.getByRole('button', { name: 'Erkennen' }).click()
    await expect.poll(async () => (await getJson<BudgetSignal[]>(page, `/api/budgets/signals?year=${year}`)).find((s) => s.id === own!.id)?.status).toBe('erkend')
    await card.getByText(/erkend .* eigenaar/).waitFor()
    await page.screenshot({ path: `${output}/dashboard-4-signaal-erkend.png`, fullPage: false })

    // Its evidence: the figures of its budget.
    const evidence = await card.getByRole('link', { name: 'Bekijk de cijfers' }).getAttribute('href')
    expect(evidence).toContain(`segment=${own!.segmentId}`)

    await card.getByLabel('Hoe is het afgehandeld?').fill('Afgesproken: nieuwe cliënten via de wachtlijst tot januari')
    await card.getByRole('button', { name: 'Sluiten' }).click()
    await expect.poll(async () => (await getJson<BudgetSignal[]>(page, `/api/budgets/signals?year=${year}`)).find((s) => s.id === own!.id)?.status).toBe('gesloten')
    await page.getByLabel('Status', { exact: true }).selectOption('gesloten')
    await page.getByRole('article', { name: `Signaal ${own!.id}` }).getByText(/gesloten .* Afgesproken/).waitFor()
    await page.screenshot({ path: `${output}/dashboard-5-signaal-gesloten.png`, fullPage: false })
    await page.close()
  })
})
