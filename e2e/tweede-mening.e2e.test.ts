/**
 * Issue 23's second opinion in the web app. The demo region answers its providers itself (no
 * observer mode, no back office's answers), so this checks the page honestly in its empty state:
 * the roles that may read it find it in their menu, the page says why it is empty, and its
 * download links give the server's report (a header line, no rows); a role that may not read
 * it (the lokaal team) neither sees it nor opens it. The report's figures themselves are
 * tested on both engines in src/archief/archief.roundtrip.test.ts.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type E2eServer, output, startServer } from './server.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(4600)
})

afterAll(() => e2e?.stop())

describe('the second opinion page in Chromium', () => {
  it('shows the region its empty second opinion, with the reason and the download links', async () => {
    const page = await e2e.logIn('icm.zou')
    expect(await page.evaluate(async () => (await fetch('/api/archief/tweede-mening')).json())).toEqual([])
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Tweede mening' }).click()
    await page.getByRole('heading', { level: 1, name: 'Tweede mening op de backoffice' }).waitFor()
    expect(await page.title()).toBe('Tweede mening — Koers')
    await page.getByText('Er zijn geen antwoorden van een backoffice').waitFor()
    const csvLink = page.getByRole('link', { name: 'CSV', exact: true })
    expect(await csvLink.getAttribute('href')).toBe('/api/archief/tweede-mening?format=csv')
    const csv = await page.evaluate(async () => {
      const r = await fetch('/api/archief/tweede-mening?format=csv')
      return { type: r.headers.get('content-type'), text: await r.text() }
    })
    expect(csv.type).toContain('text/csv')
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('Aanbieder;Maand;Declaraties')
    expect(lines[0]).toContain('Retourberichten te laat (OP090)')
    const xlsx = await page.evaluate(async () => (await fetch('/api/archief/tweede-mening?format=xlsx')).headers.get('content-type'))
    expect(xlsx).toContain('spreadsheetml')
    await page.screenshot({ path: join(output, 'tweede-mening-leeg.png'), fullPage: true })
    await page.close()
  })

  it('is not for the lokaal team: not in its menu, and says so when typed in', async () => {
    const page = await e2e.logIn('lokaalteam.zeist')
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Tweede mening' }).count()).toBe(0)
    await page.goto(`${e2e.base}/#/tweede-mening`)
    await page.getByText('Deze pagina is niet voor uw rol').waitFor()
    expect(await page.evaluate(async () => (await fetch('/api/archief/tweede-mening')).status)).toBe(403)
    await page.close()
  })
})
