/** What the e2e tests ask of a page: its API's JSON, a field's Dutch melding, a provider with work to do. */
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import type { WorklistRow } from '../src/outcomes/measurement.queries.ts'
import type { E2eServer } from './server.ts'

/** GET through the page's session. */
export const getJson = <T>(page: Page, path: string): Promise<T> => page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>

/** English or developer words a civil servant should never read. */
export const jargon = /expected|received|Too (small|big)|Invalid|must be|is not|not a|cents|\bnull\b|undefined|NaN|\bkolom row\b|Id\b|[a-z][A-Z][a-z]/

/**
 * The field is marked invalid and described by its melding, which matches `text` and is Dutch.
 * Polled as a whole: a melding left from an earlier submission does not count for this one.
 */
export async function saysAtField(page: Page, field: Locator, text: RegExp): Promise<string> {
  let melding = ''
  await expect
    .poll(
      async () => {
        if ((await field.getAttribute('aria-invalid')) !== 'true') return ''
        // A field may be described by its hint and its melding: "x-hint x-fout".
        const foutId = (await field.getAttribute('aria-describedby'))?.split(/\s+/).find((id) => id.endsWith('-fout'))
        if (!foutId) return ''
        melding = (await page.locator(`[id="${foutId}"]`).textContent()) ?? ''
        return melding
      },
      { timeout: 30_000 },
    )
    .toMatch(text)
  expect(melding).not.toMatch(jargon)
  return melding
}

/** Fixed, the field's melding goes. */
export async function clearedAt(field: Locator) {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBeNull()
}

/**
 * Logs in as the demo's provider users in turn and returns the first with a traject whose T2
 * measurement is due (and has goals), on its first page after login.
 */
export async function providerWithT2Due(e2e: E2eServer): Promise<{ page: Page; due: WorklistRow }> {
  for (const username of ['aanbieder1.zou', 'aanbieder2.zou', 'aanbieder3.zou']) {
    const page = await e2e.logIn(username)
    const due = (await getJson<{ items: WorklistRow[] }>(page, '/api/outcomes/worklist')).items.find((r) => r.due.includes('T2') && r.goals.length > 0)
    if (due) return { page, due }
    await page.close()
  }
  throw new Error('no demo provider has a traject whose T2 is due')
}
