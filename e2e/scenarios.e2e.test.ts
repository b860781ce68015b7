/**
 * Issue 22 as the region uses it: it sets a budget line of the voorliggend veld, builds a
 * scenario with two levers on the segment with the most clients, sees it beside the baseline,
 * keeps it and downloads it as XLSX. Screenshots land in e2e/output/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Segment } from '../src/segments/segment.queries.ts'
import type { Comparison } from '../src/scenarios/scenario.queries.ts'
import { getJson } from './page-helpers.ts'
import { type E2eServer, output, startServer } from './server.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(4900)
})

afterAll(() => e2e?.stop())

const year = new Date().getFullYear()

describe('the voorliggend veld and scenarios in Chromium', () => {
  it('sets a voorliggend-veld budget line, builds a scenario with two levers, compares, keeps and exports it', async () => {
    const page = await e2e.logIn('icm.zou')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Voorliggend veld' }).click()
    await page.getByRole('heading', { level: 1, name: `Voorliggend veld ${year}` }).waitFor()
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Vastleggen' }) })
    const gemeente = page.getByLabel('Gemeente')
    await gemeente.selectOption({ index: 1 })
    await page.getByLabel('Wet').selectOption('jeugdwet')
    await page.locator('#v-soort').selectOption('collectieve_voorziening')
    await page.getByLabel('Organisatie').fill('CJG Zuidoost')
    await page.getByLabel('Budget (€)').fill('1.250.000')
    await form.getByRole('button', { name: 'Vastleggen' }).click()
    await page.getByText('Budgetregel CJG Zuidoost vastgelegd').waitFor()
    await page.getByRole('table', { name: `Budgetregels voorliggend veld ${year}` }).getByRole('cell', { name: 'CJG Zuidoost', exact: true }).waitFor()
    await page.getByRole('table', { name: /Voorliggend veld naast maatwerk/ }).waitFor()
    await page.screenshot({ path: `${output}/scenarios-1-voorliggend.png`, fullPage: true })

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: "Scenario's" }).click()
    await page.getByRole('heading', { level: 1, name: "Scenario's" }).waitFor()
    const segments = await getJson<Segment[]>(page, '/api/segments')
    const segment = segments.find((s) => s.parentId === null) ?? segments[0]!
    await page.locator('#s-segment').selectOption(String(segment.id))
    await page.getByRole('table', { name: 'Per jaar: basislijn en scenario' }).waitFor({ timeout: 60_000 })
    await page.getByLabel('Instroom (± %)').fill('-20')
    await page.getByLabel('Tariefindex: OVA (%, 90 % weging)').fill('2')
    // The answer with both levers: the scenario's costs differ from the baseline's from next year on.
    const answer = await page.waitForResponse(async (r) => r.url().endsWith('/api/scenarios/compute') && (r.request().postData() ?? '').includes('tariefindex'), { timeout: 60_000 })
    const v = (await answer.json()) as Comparison
    expect(v.scenario.jaren).toHaveLength(5)
    expect(v.scenario.jaren[4]!.kostenCents).not.toBe(v.baseline.jaren[4]!.kostenCents)
    await page.getByRole('img', { name: /kosten per jaar van basislijn en scenario/ }).locator('svg').first().waitFor()
    await page.getByRole('img', { name: /cliënten in zorg op 31 december/ }).locator('svg').first().waitFor()
    await page.screenshot({ path: `${output}/scenarios-2-vergelijking.png`, fullPage: true })

    await page.getByLabel('Naam van het scenario').fill('20 % minder instroom met indexatie')
    await page.getByRole('button', { name: 'Bewaren' }).click()
    await page.getByText('Scenario "20 % minder instroom met indexatie" bewaard.').waitFor()
    const kept = page.getByRole('table', { name: /Bewaarde scenario's/ })
    await kept.getByRole('cell', { name: '20 % minder instroom met indexatie', exact: true }).waitFor()
    const download = page.waitForEvent('download')
    await kept.getByRole('link', { name: /^Excel/ }).first().click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^scenario-20-minder-instroom-met-indexatie.*\.xlsx$/)
    await page.screenshot({ path: `${output}/scenarios-3-bewaard.png`, fullPage: true })
  })
})
