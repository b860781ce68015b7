/**
 * Issue 21 in Chromium: the region's team imports a provider's annual account, sees its ratios
 * and the profit signal it raises, and acknowledges that signal; a provider completes its UBO
 * report on its own Integriteit page and sees nothing of other providers.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type E2eServer, output, startServer } from './server.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(5100, 25)
})

afterAll(() => e2e?.stop())

const header = 'agb-code;boekjaar;opbrengsten;opbrengsten regio;personeelskosten;personeel niet in loondienst;resultaat;eigen vermogen;balanstotaal;vlottende activa;kortlopende schulden;dividend;betalingen verbonden partijen;ingediend op'

describe('the integrity register in Chromium', () => {
  it('lets the region import an annual account, see its ratios and the profit signal, and acknowledge it', async () => {
    const page = await e2e.logIn('icm.zou')
    const providers = (await page.evaluate(async () => (await fetch('/api/integriteit/providers')).json())) as { id: number; naam: string; agbCode: string }[]
    const provider = providers[1]!
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Integriteit', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Integriteit en financiële gezondheid' }).waitFor()
    // A wrong row first: nothing is read, the row is named at the file field.
    await page.locator('#jaarrekening-bestand').setInputFiles({ name: 'digimv.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${provider.agbCode};2025;veel;1;1;0;1;1;1;1;1;0;0;\n`) })
    await page.locator('#jaarrekening-bestand-fout').filter({ hasText: "Regel 2: 'veel' in de kolom opbrengsten is geen bedrag" }).waitFor()
    // Profit € 120.000 on € 1.000.000: 12 %, above the region's maximum of 5 %.
    const csv = `${header}\n${provider.agbCode};2025;1.000.000;600.000;600.000;100.000;120.000;150.000;500.000;300.000;250.000;50.000;0;15-05-2026\n`
    await page.locator('#jaarrekening-bestand').setInputFiles({ name: 'digimv.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.getByText('1 jaarverantwoording(en) ingelezen').waitFor()

    await page.goto(`${e2e.base}/#/integriteit/${provider.id}`)
    const accounts = page.getByRole('table', { name: 'Jaarverantwoordingen met kengetallen' })
    const row = accounts.getByRole('row').filter({ hasText: '2025' })
    await row.waitFor()
    const text = await row.textContent()
    expect(text).toMatch(/12\s%/) // margin
    expect(text).toMatch(/30\s%/) // solvency 150.000 / 500.000
    expect(text).toContain('1,20') // current ratio 300.000 / 250.000
    expect(text).toMatch(/60\s%/) // share of the region
    await page.screenshot({ path: join(output, 'integriteit-aanbieder.png'), fullPage: true })

    // The signal, raised after the import committed (the refresh runs after the answer; wait for it).
    let signalId: number | undefined
    for (let i = 0; i < 60 && signalId === undefined; i++) {
      const signals = (await page.evaluate(async (id) => (await fetch(`/api/integriteit/signals?soort=winst_boven_maximum&providerId=${id}&status=open`)).json(), provider.id)) as { id: number; sleutel: string }[]
      signalId = signals.find((s) => s.sleutel === '2025')?.id
      if (signalId === undefined) await page.waitForTimeout(500)
    }
    expect(signalId).toBeDefined()
    await page.goto(`${e2e.base}/#/integriteitssignalen?signaal=${signalId}`)
    const card = page.getByRole('article', { name: `Signaal ${signalId}` })
    await card.getByText(/winst 12\s% in 2025/).waitFor()
    await card.getByLabel('Eigenaar').selectOption({ index: 1 })
    await card.getByLabel('Wat gaan we doen?').fill('Gesprek over de bestemming van de winst boven het maximum.')
    await card.getByRole('button', { name: 'Erkennen' }).click()
    await card.getByText('Het signaal is erkend.').waitFor()
    const after = (await page.evaluate(async (id) => (await fetch(`/api/integriteit/signals?soort=winst_boven_maximum&providerId=${id}`)).json(), provider.id)) as { id: number; status: string }[]
    expect(after.find((s) => s.id === signalId)?.status).toBe('erkend')
    await page.screenshot({ path: join(output, 'integriteit-signaal.png'), fullPage: true })
    await page.close()
  }, 240_000)

  it('lets a provider complete its UBO report and shows it nothing of other providers', async () => {
    const page = await e2e.logIn('aanbieder1.zou')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Integriteit', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Integriteit' }).waitFor()
    // The demo's first provider misses its UBO report: payments are suspended (shown to the region, not to it).
    const ubo = page.getByRole('form', { name: 'UBO melden' })
    await ubo.getByRole('button', { name: 'UBO-melding vastleggen' }).click()
    await page.locator('#ubo-naam-fout').waitFor()
    await ubo.getByLabel('Datum van de melding').fill('01-12-2026')
    await ubo.getByLabel('Naam van de UBO').fill('Anna de Vries')
    await ubo.getByLabel('Geboortedatum van de UBO').fill('12-03-1975')
    await ubo.getByLabel('Document (naam, kenmerk of URL)').fill('UBO-uittreksel KvK december 2026')
    await ubo.getByRole('button', { name: 'UBO-melding vastleggen' }).click()
    await page.getByText('De UBO-melding is vastgelegd.').waitFor()
    await page.getByRole('table', { name: /^Integriteitsregister/ }).getByRole('row').filter({ hasText: 'UBO-uittreksel KvK december 2026' }).waitFor()
    await page.screenshot({ path: join(output, 'integriteit-eigen-register.png'), fullPage: true })

    const me = (await page.evaluate(async () => (await fetch('/api/auth/me')).json())) as { providerId: number }
    const seen = (await page.evaluate(async () => (await fetch('/api/integriteit/providers')).json())) as { id: number }[]
    expect(seen.map((p) => p.id)).toEqual([me.providerId])
    const other = me.providerId === 1 ? 2 : 1
    expect(await page.evaluate(async (id) => (await fetch(`/api/integriteit/providers/${id}`)).status, other)).toBe(404)
    expect(await page.evaluate(async () => (await fetch('/api/integriteit/signals')).status)).toBe(403)
    const own = (await page.evaluate(async (id) => (await fetch(`/api/integriteit/providers/${id}`)).json(), me.providerId)) as { signalen: unknown[]; vergelijking: unknown[]; registraties: { providerId: number }[] }
    expect(own.signalen).toEqual([])
    expect(own.vergelijking).toEqual([])
    expect(new Set(own.registraties.map((r) => r.providerId))).toEqual(new Set([me.providerId]))
    await page.close()
  }, 240_000)
})
