/**
 * Issue 18 §2, tables people can work with: the messages list searched, sorted and paged on the
 * server, and the budget signals filtered, sorted and acknowledged together. Screenshots at
 * 1366 px and 320 px land in e2e/output/ (at 320 px a table scrolls inside its own box; the
 * reflow of the rest of a page is not this file's subject).
 */
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type E2eServer, output, startServer } from './server.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(3710)
})

afterAll(() => e2e?.stop())

/** The text of column `index` (0-based) of every body row of `table`. */
const column = (table: Locator, index: number) => table.locator('tbody tr').evaluateAll((rows, i) => rows.map((r) => (r.querySelectorAll('td')[i]?.textContent ?? '').trim()), index)

/** Screenshots of `table` at 1366 px and 320 px; at 320 px its box stays inside the screen and the table scrolls in it. */
async function shoot(page: Page, table: Locator, name: string) {
  // The table's top (its search, filters and header) at the top of the screen.
  const top = () => page.locator('.koers-datatable', { has: table }).evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await page.setViewportSize({ width: 1366, height: 900 })
  await top()
  await page.screenshot({ path: join(output, `${name}-1366.png`) })
  await page.setViewportSize({ width: 320, height: 900 })
  await top()
  // While it scrolls, the box is a region in the tab order named after the table (web/src/components/Table.tsx).
  const region = page.locator('.koers-table-scroll', { has: table })
  await expect.poll(() => region.getAttribute('role')).toBe('region')
  const caption = (await table.locator('caption').textContent()) ?? ''
  const box = await region.evaluate((el) => ({ right: el.getBoundingClientRect().right, scrolls: el.scrollWidth > el.clientWidth, tabIndex: (el as HTMLElement).tabIndex, name: el.getAttribute('aria-label') }))
  expect(box).toEqual({ right: expect.any(Number), scrolls: true, tabIndex: 0, name: expect.stringContaining(caption) })
  expect(box.right).toBeLessThanOrEqual(320)
  await page.screenshot({ path: join(output, `${name}-320.png`) })
  await page.setViewportSize({ width: 1366, height: 900 })
}

describe('tables people can work with', () => {
  it('the messages: sorted by a header, narrowed by type, paged with the total, on the server', async () => {
    const page = await e2e.logIn('gemeente.zeist')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Berichten' }).click()
    const table = page.getByRole('table', { name: 'Ontvangen van aanbieders' })
    await table.waitFor()
    await expect.poll(async () => (await column(table, 0)).length).toBeGreaterThan(0)
    const status = page.locator('.koers-datatable', { has: table }).getByRole('status')
    await expect.poll(() => status.textContent()).toMatch(/^1–\d+ van [\d.]+$/)

    const header = table.getByRole('columnheader', { name: /Dagtekening/ })
    await header.getByRole('button').click()
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending')
    await expect.poll(async () => {
      // Shown as d-m-yyyy: compared as yyyymmdd.
      const dates = (await column(table, 2)).map((d) => d.split('-').map(Number)).map(([d, m, y]) => y! * 10_000 + m! * 100 + d!)
      return dates.length > 1 && dates.every((d, i) => i === 0 || dates[i - 1]! <= d)
    }).toBe(true)
    await header.getByRole('button').click()
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending')

    await page.locator('#berichten-in-type').selectOption('323')
    await expect.poll(async () => {
      const names = await column(table, 0)
      return names.length > 0 && names.every((n) => /323/.test(n))
    }).toBe(true)
    const before = await status.textContent()
    const next = page.locator('.koers-datatable', { has: table }).getByRole('button', { name: 'Volgende' })
    // Zeist received hundreds of 323s in the demo: more than one page.
    expect(Number((before ?? '').replace(/^.* van /, '').replace(/\./g, ''))).toBeGreaterThan(50)
    await expect.poll(() => next.isEnabled()).toBe(true)
    await next.click()
    await expect.poll(() => status.textContent()).not.toBe(before)
    expect(await status.textContent()).toMatch(/^51–/)
    await shoot(page, table, 'lijsten-berichten')
    await page.close()
  })

  it('the budget signals: filtered and sorted, and open ones acknowledged together', async () => {
    const page = await e2e.logIn('icm.zou')
    await page.goto(`${e2e.base}/#/budgetsignalen`)
    await page.getByRole('heading', { level: 1, name: 'Budgetsignalen' }).waitFor()
    // Every status, so that there is something to sort whatever the demo's year holds.
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'alle' })
    const table = page.getByRole('table', { name: 'Budgetsignalen' })
    await table.waitFor()
    await expect.poll(async () => (await column(table, 1)).filter((x) => /^\d+$/.test(x)).length).toBeGreaterThan(1)

    const nr = table.getByRole('columnheader', { name: /Nr/ })
    await nr.getByRole('button').click()
    await expect.poll(() => nr.getAttribute('aria-sort')).toBe('ascending')
    const ids = (await column(table, 1)).map(Number)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))

    // Narrowed to one kind: every row is of that kind.
    const kinds = await column(table, 2)
    const kind = kinds[0]!
    await page.getByLabel('Soort', { exact: true }).selectOption({ label: kind })
    await expect.poll(async () => (await column(table, 2)).every((k) => k === kind)).toBe(true)
    await page.getByLabel('Soort', { exact: true }).selectOption({ label: 'alle' })

    // Two open signals chosen and acknowledged with one note and owner.
    await page.getByLabel('Status', { exact: true }).selectOption('open')
    const boxes = table.locator('tbody input[type="checkbox"]')
    await expect.poll(() => boxes.count()).toBeGreaterThan(1)
    const chosen = [Number((await column(table, 1))[0]), Number((await column(table, 1))[1])]
    await boxes.nth(0).check()
    await boxes.nth(1).check()
    await page.getByText('2 signalen gekozen.').waitFor()
    const owner = page.getByLabel(/^Eigenaar/)
    await owner.waitFor()
    await owner.selectOption({ index: 1 })
    await page.getByLabel(/^Wat gaan we doen\?/).fill('Samen in het accountgesprek van deze maand')
    await shoot(page, table, 'lijsten-signalen')
    await page.getByRole('button', { name: 'Erkennen', exact: true }).click()
    await page.getByText('2 signalen erkend.').waitFor()
    const after = await page.evaluate(async () => (await (await fetch('/api/budgets/signals')).json()) as { id: number; status: string; erkendNotitie: string | null }[])
    for (const id of chosen) expect(after.find((s) => s.id === id)).toMatchObject({ status: 'erkend', erkendNotitie: 'Samen in het accountgesprek van deze maand' })
    await page.close()
  })
})
