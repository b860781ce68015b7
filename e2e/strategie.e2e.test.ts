/**
 * Issue 7 as the region and a provider use it: a segment's page shows its instruments, its
 * targets with their progress and its KPIs per provider (the same figures the API gives), a
 * provider's column clicks through to its scorecard, a provider sees its own scorecard without
 * the segment's figures, and records a T2 outcome measurement. Screenshots land in e2e/output/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WorklistRow } from '../src/outcomes/measurement.queries.ts'
import type { Scorecard } from '../src/app/scorecard.queries.ts'
import type { SegmentOverview } from '../src/app/segment-overview.queries.ts'
import type { Segment } from '../src/segments/segment.queries.ts'
import { today } from '../src/shared/dates.ts'
import { formatDate, formatNumber } from '../src/shared/format-nl.ts'
import { getJson, providerWithT2Due } from './page-helpers.ts'
import { type E2eServer, output, startServer } from './server.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(4200)
})

afterAll(() => e2e?.stop())

const shown = (v: { waarde: number | null; onderdrukt: boolean }) => (v.onderdrukt ? '< 5' : v.waarde === null ? '–' : formatNumber(v.waarde, 1, true))
const year = new Date().getFullYear()
const period = `from=${year}-01-01&to=${year}-12-31`

describe('segments, targets and scorecards in Chromium', () => {
  it("shows a segment's instruments, targets and KPIs per provider, and a provider's scorecard", async () => {
    const page = await e2e.logIn('icm.zou')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Segmenten' }).click()
    await page.getByRole('heading', { level: 1, name: 'Segmenten en doelen' }).waitFor()
    // The segment with the most trajecten this year, as the API counts them.
    const segments = await getJson<Segment[]>(page, '/api/segments')
    const overviews = await Promise.all(segments.map((s) => getJson<SegmentOverview>(page, `/api/segments/${s.id}/overview?${period}`)))
    const o = overviews.sort((a, b) => (b.totaal.trajecten.waarde ?? 0) - (a.totaal.trajecten.waarde ?? 0))[0]!
    expect(o.perAanbieder.length).toBeGreaterThan(1)
    expect(o.doelen.length).toBeGreaterThan(0)
    await page.getByRole('link', { name: o.segment.name, exact: true }).click()
    await page.getByRole('heading', { level: 1, name: o.segment.name }).waitFor()
    for (const instrument of ['Toegang', 'Bekostiging', 'Contract', 'Leveranciersmanagement']) expect(await page.getByText(instrument, { exact: true }).count()).toBe(1)

    // Every target with its status and a progress chart.
    const cards = page.getByRole('article', { name: /^Doel / })
    await expect.poll(() => cards.count()).toBe(o.doelen.length)
    for (const d of o.doelen) {
      const card = page.getByRole('article', { name: `Doel ${d.naam}` })
      expect(await card.textContent()).toMatch(/Op koers|Niet op koers|Behaald|Niet behaald|Nog niet te zeggen/)
      await card.getByRole('img', { name: new RegExp(`Voortgang van ${d.naam}`) }).locator('svg').first().waitFor()
    }

    // The KPI table says what the API says, for the segment and for each provider side by side.
    const table = page.getByRole('table', { name: `KPI's van ${o.segment.name} per aanbieder` })
    const row = (naam: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${naam}`) }) })
    const cells = await row('Cliënten in zorg').getByRole('cell').allTextContents()
    expect(cells).toEqual([shown(o.totaal.in_zorg), ...o.perAanbieder.map((p) => shown(p.waarden.in_zorg))])
    const inflow = await row('Instroom').getByRole('cell').allTextContents()
    expect(inflow[0]).toBe(shown(o.totaal.instroom))
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['KPI', 'Segment', ...o.perAanbieder.map((p) => p.aanbieder)])
    // And per gemeente, for the region.
    expect(o.perGemeente.length).toBeGreaterThan(1)
    const perGemeente = page.getByRole('table', { name: `KPI's van ${o.segment.name} per gemeente` })
    expect(await perGemeente.getByRole('columnheader').allTextContents()).toEqual(['KPI', 'Segment', ...o.perGemeente.map((g) => g.gemeente)])
    await page.getByRole('img', { name: /Instroom, uitstroom en cliënten in zorg per kwartaal/ }).locator('svg').first().waitFor()
    await page.screenshot({ path: `${output}/strategie-1-segment.png`, fullPage: true })

    // A provider's column clicks through to its scorecard, beside the segment.
    const provider = o.perAanbieder[0]!
    await table.getByRole('link', { name: provider.aanbieder, exact: true }).click()
    await page.getByRole('heading', { level: 1, name: `Scorekaart ${provider.aanbieder}` }).waitFor()
    const card = await getJson<Scorecard>(page, `/api/providers/${provider.providerId}/scorecard?${period}`)
    const section = card.segmenten.find((s) => s.segmentId === o.segment.id)!
    const scoreTable = page.getByRole('table', { name: `${provider.aanbieder} in ${o.segment.name}` })
    const scoreRow = await scoreTable.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Cliënten in zorg/ }) }).getByRole('cell').allTextContents()
    expect(scoreRow.slice(0, 2)).toEqual([shown(section.aanbieder.in_zorg), shown(section.segmentWaarden!.in_zorg)])
    expect(shown(section.aanbieder.in_zorg)).toBe(shown(provider.waarden.in_zorg))
    await page.screenshot({ path: `${output}/strategie-2-scorekaart.png`, fullPage: true })
    await page.close()
  })

  it('gives a provider its own scorecard, and lets it record a T2 measurement', async () => {
    const { page, due } = await providerWithT2Due(e2e)
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' })
    await nav.getByRole('link', { name: 'Scorekaart' }).click()
    await page.getByRole('heading', { level: 1, name: /^Scorekaart / }).waitFor()
    await page.getByRole('table').or(page.getByText('Geen trajecten in deze periode.')).first().waitFor()
    // Its own figures only: no column with the segment's.
    expect(await page.getByRole('columnheader', { name: 'Segment', exact: true }).count()).toBe(0)

    await nav.getByRole('link', { name: 'Uitkomsten' }).click()
    await page.getByRole('heading', { level: 1, name: 'Uitkomsten meten' }).waitFor()
    // A ToewijzingNummer is unique per gemeente: the button names both.
    await page.getByRole('button', { name: `Meting vastleggen voor toewijzing ${due.toewijzingNummer} in ${due.gemeente}`, exact: true }).click()
    const form = page.getByRole('form', { name: 'Meting vastleggen' })
    await form.getByLabel('Moment').selectOption('T2')
    // The date field takes dd-mm-jjjj whatever the browser's language, and says at the field when a date does not exist.
    const gemetenOp = form.getByLabel('Gemeten op')
    expect(await gemetenOp.getAttribute('type')).toBe('text')
    await gemetenOp.fill('31-02-2026')
    await gemetenOp.blur()
    await expect.poll(() => gemetenOp.getAttribute('aria-invalid')).toBe('true')
    expect(await form.locator('#meting-datum-fout').textContent()).toBe('Gemeten op 31-02-2026 bestaat niet: februari 2026 heeft 28 dagen.')
    expect(await gemetenOp.getAttribute('aria-describedby')).toBe('meting-datum-hint meting-datum-fout')
    expect(await form.locator('#meting-datum-hint').textContent()).toBe('dd-mm-jjjj')
    await gemetenOp.fill(formatDate(today()))
    await expect.poll(() => gemetenOp.getAttribute('aria-invalid')).toBe(null)
    for (let i = 0; i < due.goals.length; i++) await form.getByLabel(new RegExp(`^Doel ${i + 1}:`)).selectOption('behaald')
    await form.getByLabel('Tevredenheid').selectOption('4')
    await form.getByLabel('Kan zonder hulp verder').selectOption('ja')
    await page.screenshot({ path: `${output}/strategie-3-meting.png`, fullPage: true })
    await form.getByRole('button', { name: 'Meting opslaan' }).click()
    const id = due.toewijzingId
    await expect.poll(async () => (await getJson<{ items: WorklistRow[] }>(page, '/api/outcomes/worklist?show=alle&limit=500')).items.find((r) => r.toewijzingId === id)?.recorded.map((m) => m.moment)).toContain('T2')
    await page.close()
  })
})
