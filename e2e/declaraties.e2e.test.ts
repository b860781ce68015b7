/**
 * Issue 5 as a gemeente's controller uses it: the declarations per provider and month, a
 * declaration's rejected lines with their reasons, the exports, and the lawfulness page — a
 * sample drawn and a finding recorded. Screenshots land in e2e/output/.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatEuroCents } from '../src/shared/format-nl.ts'
import { rangeLabel } from '../web/src/components/table-model.ts'
import { type E2eServer, output, startServer } from './server.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(4000)
})

afterAll(() => e2e?.stop())

const logIn = (username: string): Promise<Page> => e2e.logIn(username)

interface Declaratie {
  id: number
  declaratieNummer: string
  maand: string
  afgewezen: number
  toegekendCents: number
}

describe('declarations and lawfulness in Chromium', () => {
  it('shows a gemeente its declarations, the rejected lines with their reasons, and exports them', async () => {
    const page = await logIn('gemeente.zeist')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Declaraties' }).click()
    await page.getByRole('table').first().waitFor()
    const list = (await page.evaluate(async () => (await fetch('/api/declaraties')).json())) as Declaratie[]
    expect(list.length).toBeGreaterThan(0)
    const pager = page.locator('.koers-datatable__pager [role=status]').first()
    // The latest month first, with its place in the whole and its totals; then every month.
    const latest = list.filter((d) => d.maand === list[0]!.maand)
    await expect.poll(() => pager.textContent()).toBe(rangeLabel(0, Math.min(50, latest.length), latest.length))
    const totals = page.locator('tfoot').first()
    expect(await totals.textContent()).toContain(formatEuroCents(latest.reduce((sum, d) => sum + d.toegekendCents, 0)))
    await page.screenshot({ path: `${output}/declaraties-1-lijst.png`, fullPage: true })
    await page.getByLabel('Declaratiemaand').selectOption('')
    await expect.poll(() => pager.textContent()).toBe(rangeLabel(0, Math.min(50, list.length), list.length))
    // Sorted by the amount granted, largest first.
    await page.getByRole('button', { name: /^Toegekend/ }).click()
    await page.getByRole('button', { name: /^Toegekend/ }).click()
    const largest = Math.max(...list.map((d) => d.toegekendCents))
    expect(await page.locator('tbody tr').first().textContent()).toContain(formatEuroCents(largest))

    // Open a declaration with rejected lines (the demo carries a few), found by the search: each shows its retourcode and what it means.
    const partly = list.find((d) => d.afgewezen > 0)
    expect(partly, 'the demo declares a few prestaties wrongly').toBeDefined()
    await page.getByLabel('Declaratiemaand').selectOption(partly!.maand)
    await page.getByLabel('Zoeken', { exact: true }).first().fill(partly!.declaratieNummer)
    await expect.poll(() => pager.textContent()).toBe(rangeLabel(0, 1, 1))
    await page.getByRole('link', { name: partly!.declaratieNummer, exact: true }).click()
    await page.getByRole('heading', { name: `Declaratie ${partly!.declaratieNummer}` }).waitFor()
    const rejected = (await page.evaluate(async (id) => (await fetch(`/api/declaraties/${id}/lines?rejected=ja`)).json(), partly!.id)) as { redenen: { code: string; tekst: string }[]; bedragCents: number }[]
    expect(rejected).toHaveLength(partly!.afgewezen)
    const table = page.getByRole('table', { name: 'Afgewezen prestaties' })
    await expect.poll(() => pager.textContent()).toBe(rangeLabel(0, Math.min(50, rejected.length), rejected.length))
    for (const reden of rejected.slice(0, 50).flatMap((r) => r.redenen)) expect(await table.textContent()).toContain(reden.tekst)
    expect(await table.locator('tfoot').textContent()).toContain(formatEuroCents(rejected.reduce((sum, r) => sum + r.bedragCents, 0)))
    await page.screenshot({ path: `${output}/declaraties-2-afgewezen.png`, fullPage: true })

    // The table's own download: exactly the rows it shows, with a header line.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV', exact: true }).click()])
    const file = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(file[0]).toContain('Retourcode;Reden')
    expect(file).toHaveLength(rejected.length + 1)

    // Every list downloads as CSV and as XLSX.
    const csv = await page.evaluate(async () => {
      const r = await fetch('/api/declaraties?format=csv')
      return { type: r.headers.get('content-type'), text: await r.text() }
    })
    expect(csv.type).toContain('text/csv')
    expect(csv.text).toContain('Declaratienummer;')
    const xlsxHead = await page.evaluate(async (id) => {
      const r = await fetch(`/api/declaraties/${id}/lines?format=xlsx`)
      return String.fromCharCode(...new Uint8Array(await r.arrayBuffer()).slice(0, 2))
    }, partly!.id)
    expect(xlsxHead).toBe('PK')
    await page.close()
  })

  it('fits every column of the declarations beside the menu at 1366 px, and scrolls the table in its own box at 320 px', async () => {
    const page = await logIn('gemeente.zeist')
    await page.setViewportSize({ width: 1366, height: 900 })
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Declaraties' }).click()
    const table = page.getByRole('table').first()
    await table.locator('tbody tr td:nth-child(9)').first().waitFor()
    // The declarations' box: the first on the page (the taakgericht payments have one below it).
    const box = page.locator('.koers-table-scroll').first()
    // The Status column was cut off inside the box (issue 18): the box no wider than its table, the last header inside it.
    const fits = () => box.evaluate((el) => ({ scrolls: el.scrollWidth > el.clientWidth, statusInside: el.querySelector('thead th:last-child')!.getBoundingClientRect().right <= el.getBoundingClientRect().right + 0.5 }))
    await expect.poll(fits).toEqual({ scrolls: false, statusInside: true })
    // Every month, with its larger totals.
    await page.getByLabel('Declaratiemaand').selectOption('')
    await expect.poll(() => table.locator('caption').textContent()).toBe('Declaraties')
    await expect.poll(fits).toEqual({ scrolls: false, statusInside: true })
    await page.screenshot({ path: `${output}/declaraties-1366.png` })
    await page.setViewportSize({ width: 320, height: 900 })
    await expect.poll(() => box.evaluate((el) => ({ scrolls: el.scrollWidth > el.clientWidth, boxInside: el.getBoundingClientRect().right <= 320, pageScrolls: document.documentElement.scrollWidth > 320 }))).toEqual({ scrolls: true, boxInside: true, pageScrolls: false })
    await page.screenshot({ path: `${output}/declaraties-320.png` })
    await page.close()
  })

  it('draws a reproducible sample and records what the controller found', async () => {
    const page = await logIn('gemeente.zeist')
    const list = (await page.evaluate(async () => (await fetch('/api/declaraties')).json())) as Declaratie[]
    const months = list.map((d) => d.maand).sort()
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Rechtmatigheid' }).click()
    await page.getByRole('heading', { name: 'Signalen', exact: true }).waitFor()
    await page.getByLabel('Van maand').fill(months[0]!)
    await page.getByLabel('Tot en met maand').fill(months.at(-1)!)
    await page.getByLabel('Aantal trekkingen').fill('5')
    await page.getByLabel('Seed (leeg: willekeurig)').fill('controle-e2e')
    await page.getByRole('button', { name: 'Steekproef trekken' }).click()
    const drawn = page.getByRole('status').filter({ hasText: 'getrokken' })
    await drawn.waitFor()
    await page.screenshot({ path: `${output}/declaraties-3-rechtmatigheid.png`, fullPage: true })

    const sampleId = /Steekproef (\d+)/.exec((await drawn.textContent()) ?? '')![1]!
    await page.getByRole('link', { name: sampleId, exact: true }).click()
    await page.getByRole('heading', { name: `Steekproef ${sampleId}` }).waitFor()
    const first = page.getByRole('form').first()
    await first.getByLabel('Uitkomst').selectOption('onrechtmatig')
    await first.getByLabel('Fout (€)').fill('10,00')
    await first.getByLabel('Toelichting').fill('Een uur niet aantoonbaar geleverd')
    const saved = page.waitForResponse((r) => r.url().includes('/finding') && r.status() === 200)
    await first.getByRole('button', { name: 'Opslaan' }).click()
    await saved
    const lines = (await page.evaluate(async (id) => (await fetch(`/api/declaraties/samples/${id}/lines`)).json(), sampleId)) as { uitkomst: string | null; foutCents: number | null }[]
    expect(lines.some((l) => l.uitkomst === 'onrechtmatig' && l.foutCents === 1000)).toBe(true)
    await page.screenshot({ path: `${output}/declaraties-4-steekproef.png`, fullPage: true })
    await page.close()
  })
})
