/**
 * Issue 4's "done when", as people do it: a provider uploads a 315 in the web app, the
 * lokaal team approves it in the work queue, the provider downloads the 301 (and the
 * official XSD accepts it), uploads a 305 and a 307, gets the 306 and 308 back, and the
 * client file shows the whole history. Screenshots land in e2e/output/.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type E2eServer, output, startServer } from './server.ts'
import { providerMessage } from '../src/exchange/provider-message.ts'
import { xsdVerdict } from '../src/istandaarden/testing/xsd-oracle.ts'
import { addDays, addMonths, today } from '../src/shared/dates.ts'
import { formatDate } from '../src/shared/format-nl.ts'

let e2e: E2eServer
let dataDir: string

beforeAll(async () => {
  e2e = await startServer(3800)
  ;({ dataDir } = e2e)
})

afterAll(() => e2e?.stop())

const logIn = (username: string): Promise<Page> => e2e.logIn(username)

const getJson = <T>(page: Page, path: string) => page.evaluate(async (p) => (await fetch(`/api${p}`)).json(), path) as Promise<T>

interface RegionData {
  gemeenten: { id: number; cbsCode: string; name: string }[]
  segments: { id: number; wet: string }[]
  products: { id: number; segmentId: number; productcategorie: string; productcode: string | null; eenheid: string | null; variant: string }[]
  providers: { id: number; agbCode: string }[]
  contracts: { startDate: string; endDate: string; lots: { segmentId: number; awards: { providerId: number; gemeenteIds: number[] }[] }[] }[]
}

async function upload(page: Page, name: string, bytes: Uint8Array): Promise<string> {
  const file = join(dataDir, name)
  writeFileSync(file, bytes)
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/messages') && r.request().method() === 'POST')
  await page.locator('#bestand').setInputFiles(file)
  await answered
  const status = page.getByRole('status').filter({ hasText: name.slice(-3) })
  await status.waitFor()
  return (await status.textContent()) ?? ''
}

describe('the toegang lifecycle in Chromium', () => {
  it('goes from a provider’s 315 to an approved 301, a start and a stop, and shows it in the client file', async () => {
    // A demo provider finds where it is contracted: a product by time or by piece, in a gemeente.
    const omvangFor: Record<string, { Volume: string; Frequentie: string }> = { '01': { Volume: '60', Frequentie: '2' }, '04': { Volume: '2', Frequentie: '2' }, '14': { Volume: '3', Frequentie: '2' }, '16': { Volume: '2', Frequentie: '2' }, '84': { Volume: '4', Frequentie: '4' } }
    // Care that started a week ago: a start or stop is reported after it happened (TR134).
    const day = addDays(today(), -7)
    type Found = { provider: Page; region: RegionData; contract: RegionData['contracts'][number]; award: { providerId: number; gemeenteIds: number[] }; product: RegionData['products'][number]; wet: string }
    const hits: Found[] = []
    for (const username of ['aanbieder1.zou', 'aanbieder2.zou', 'aanbieder3.zou']) {
      const provider = await logIn(username)
      const region = await getJson<RegionData>(provider, '/region')
      for (const contract of region.contracts.filter((c) => c.startDate <= day && c.endDate >= addDays(day, 30))) {
        for (const lot of contract.lots) {
          const product = region.products.find((p) => p.segmentId === lot.segmentId && p.variant === 'inspanningsgericht' && p.eenheid !== null && p.eenheid in omvangFor)
          if (product && lot.awards.length > 0) hits.push({ provider, region, contract, award: lot.awards[0]!, product, wet: region.segments.find((s) => s.id === lot.segmentId)!.wet })
        }
      }
      if (hits.length > 0) break
      await provider.close()
    }
    const found = hits[0]
    if (!found) throw new Error('no demo provider holds an award with a product by time or piece')
    const { provider, region, contract, award, product, wet } = found
    const law = wet === 'jeugdwet' ? 'ijw' : 'iwmo'
    const prefix = law === 'ijw' ? 'jw' : 'wmo'
    const gemeente = region.gemeenten.find((g) => g.id === award.gemeenteIds[0])!
    const agb = region.providers.find((p) => p.id === award.providerId)!.agbCode
    const einddatum = [addDays(addMonths(day, 2), -1), contract.endDate].sort()[0]!
    const bsn = '999990019'
    const client = { Bsn: bsn, Geboortedatum: { Datum: wet === 'jeugdwet' ? '2013-03-21' : '1961-03-21' }, Geslacht: '2', Naam: { Geslachtsnaam: { Achternaam: 'Veldhuis' }, Voorletters: 'S' } }
    const productXml = { Categorie: product.productcategorie, Code: product.productcode ?? undefined }

    await provider.getByRole('link', { name: 'Berichten' }).click()
    const ref = `E${Date.now() % 100_000}`
    const answer315 = await upload(provider, `${prefix.toUpperCase()}315`, providerMessage(law, '315', agb, gemeente.cbsCode, `E315${ref}`, today(), {
      ...client,
      AangevraagdeProducten: { AangevraagdProduct: [{ ReferentieAanbieder: ref, Product: productXml, ToewijzingIngangsdatum: day, ToewijzingEinddatum: einddatum, Omvang: { ...omvangFor[product.eenheid!]!, Eenheid: product.eenheid! }, Verwijzer: wet === 'jeugdwet' ? { Type: '02', ZorgverlenerCode: '01000123' } : { Type: '01' } }] },
    }))
    expect(answer315).toContain('Verwerkt')
    // IV028: a message approved whole is answered with the retour's Header alone.
    expect(answer315).toContain('zonder retourcodes')
    await provider.screenshot({ path: join(output, 'toegang-1-aanbieder-315.png'), fullPage: true })

    // The lokaal team approves it in the work queue.
    const slug = gemeente.name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '')
    const team = await logIn(`lokaalteam.${slug}`)
    await team.getByRole('link', { name: 'Werkvoorraad' }).click()
    const row = team.getByRole('row').filter({ hasText: ref })
    await row.getByRole('button', { name: 'Beoordelen' }).click()
    await team.getByLabel('Doel').fill('Weer naar school met minder uitval')
    await team.getByLabel('Postcode (BRP)').fill('3701AB')
    await team.getByLabel('Huisnummer (BRP)').fill('12')
    await team.screenshot({ path: join(output, 'toegang-2-werkvoorraad.png'), fullPage: true })
    await team.getByRole('button', { name: 'Toewijzen' }).click()
    const approved = await team.getByRole('status').filter({ hasText: 'Toegewezen' }).textContent()
    const nummer = /toewijzing (\d+)/.exec(approved ?? '')?.[1]
    expect(nummer).toBeDefined()

    // The provider downloads the 301; the official XSD accepts it.
    await provider.reload()
    await provider.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor()
    const outbox = (await getJson<{ items: { id: number; name: string; summary: string; state: string }[] }>(provider, '/messages?direction=out&limit=500')).items
    const m301 = outbox.find((m) => m.name === `${prefix.toUpperCase()}301` && m.summary.includes(nummer!))!
    const xml = await provider.evaluate(async (id) => (await fetch(`/api/messages/${id}/xml`)).text(), m301.id)
    expect(xsdVerdict(law, '301', xml)).toMatchObject({ valid: true })
    expect(xml).toContain(`<${prefix}301:ReferentieAanbieder>${ref}</${prefix}301:ReferentieAanbieder>`)
    // Fetching changes nothing (issue 17); the provider says it fetched the 301 with a POST, as the web app does after a download.
    const stateOf = async () => (await getJson<{ items: { id: number; state: string }[] }>(provider, '/messages?direction=out&limit=500')).items.find((m) => m.id === m301.id)!.state
    expect(await stateOf()).toBe('klaar')
    const marked = await provider.evaluate(async (id) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string }
      return (await fetch(`/api/messages/${id}/fetched`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: '{}' })).status
    }, m301.id)
    expect(marked).toBe(200)
    expect(await stateOf()).toBe('opgehaald')

    // Start and stop, answered with 306 and 308.
    const startProduct = { ToewijzingNummer: nummer!, Product: productXml, ToewijzingIngangsdatum: day, Begindatum: day }
    await provider.getByRole('link', { name: 'Berichten' }).click()
    const answer305 = await upload(provider, `${prefix.toUpperCase()}305`, providerMessage(law, '305', agb, gemeente.cbsCode, `E305${ref}`, today(), { ...client, StartProducten: { StartProduct: [{ ...startProduct, StatusAanlevering: '1' }] } }))
    expect(answer305).toContain('Verwerkt')
    const answer307 = await upload(provider, `${prefix.toUpperCase()}307`, providerMessage(law, '307', agb, gemeente.cbsCode, `E307${ref}`, today(), { ...client, StopProducten: { StopProduct: [{ ...startProduct, RedenBeeindiging: '31', Einddatum: addDays(day, 1), StatusAanlevering: '1' }] } }))
    expect(answer307).toContain('Verwerkt')
    // The same 307 again changes nothing, and says so.
    const again = await upload(provider, `${prefix.toUpperCase()}307`, providerMessage(law, '307', agb, gemeente.cbsCode, `E307${ref}`, today(), { ...client, StopProducten: { StopProduct: [{ ...startProduct, RedenBeeindiging: '31', Einddatum: addDays(day, 1), StatusAanlevering: '1' }] } }))
    expect(again).toContain('Al ontvangen')
    await provider.reload()
    await provider.getByRole('table', { name: 'Ontvangen van de gemeente' }).waitFor()
    const received = (await getJson<{ items: { name: string; retourCodes: string[] }[] }>(provider, '/messages?direction=out&limit=500')).items
    expect(received.filter((m) => m.name.endsWith('306') || m.name.endsWith('308')).map((m) => [m.name.slice(-3), m.retourCodes])).toEqual(expect.arrayContaining([['306', []], ['308', []]]))
    await provider.screenshot({ path: join(output, 'toegang-3-aanbieder-berichten.png'), fullPage: true })
    expect(await provider.textContent('body')).not.toContain(bsn)

    // The client file shows the history.
    await team.getByRole('link', { name: 'Cliënt zoeken' }).click()
    await team.getByLabel('BSN').fill(bsn)
    await team.getByRole('button', { name: 'Zoeken' }).click()
    await team.getByRole('heading', { level: 1, name: /Dossier S Veldhuis/ }).waitFor()
    const timeline = await team.locator('.koers-timeline').textContent()
    expect(timeline).toContain(`Verzoek 315 ${ref}`)
    expect(timeline).toContain(`Toewijzing ${nummer}`)
    expect(timeline).toContain(`Start zorg op toewijzing ${nummer}`)
    expect(timeline).toContain(`Stop zorg op toewijzing ${nummer}, reden 31`)
    expect(team.url()).not.toContain(bsn)
    expect(await team.textContent('body')).not.toContain(bsn)
    await team.screenshot({ path: join(output, 'toegang-4-clientdossier.png'), fullPage: true })

    // OP043: a pgb for the product's categorie ends the toewijzing the day before it starts.
    const pgbStart = addDays(today(), 7)
    await team.locator('#pgb-product').selectOption({ label: `${wet === 'jeugdwet' ? 'Jeugdwet' : 'Wmo'} · categorie ${product.productcategorie} (alle producten)` })
    // Dates as a Dutch user types them (dd-mm-jjjj), whatever the browser's language.
    await team.locator('#pgb-ingangsdatum').fill(formatDate(pgbStart))
    await team.locator('#pgb-einddatum').fill(formatDate(addMonths(today(), 6)))
    await team.getByRole('button', { name: 'Pgb vastleggen' }).click()
    const pgbDone = await team.getByRole('status').filter({ hasText: 'Pgb vastgelegd' }).textContent()
    expect(pgbDone).toContain(`toewijzing ${nummer} eindigt op`)
    await team.locator('.koers-timeline').filter({ hasText: `Pgb ${product.productcategorie}` }).waitFor()
    expect(await team.locator('.koers-timeline').textContent()).toContain(`Toewijzing ${nummer} versie 2: reden 08`)
    await team.locator('#pgb').scrollIntoViewIfNeeded()
    await team.screenshot({ path: join(output, 'toegang-5-pgb.png'), fullPage: true })

    // Issue 17 §3: the region's privacy officer sees that look at the file — who, when, why — without the BSN.
    const privacy = await logIn('icm.zou')
    await privacy.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Inzage', exact: true }).click()
    await privacy.getByRole('heading', { level: 1, name: 'Inzage in persoonsgegevens' }).waitFor()
    await privacy.locator('#audit-action').selectOption({ label: 'Cliëntdossier geopend' })
    await privacy.getByRole('button', { name: 'Toon' }).click()
    const inzage = privacy.getByRole('table', { name: 'Inzage', exact: true })
    const firstLine = inzage.locator('tbody tr').first()
    await firstLine.filter({ hasText: 'Cliëntdossier geopend' }).filter({ hasText: 'Lokaal team' }).waitFor()
    // The list is sorted and paged by the server: by role, descending, with its place in the whole.
    await inzage.getByRole('button', { name: /^Rol/ }).click()
    await inzage.getByRole('button', { name: /^Rol/ }).click()
    await inzage.locator('th[aria-sort="descending"]').filter({ hasText: 'Rol' }).waitFor()
    await privacy.getByRole('status').filter({ hasText: /^1–\d+ van \d/ }).waitFor()
    expect(await privacy.textContent('body')).not.toContain(bsn)
    await privacy.screenshot({ path: join(output, 'toegang-6-inzage.png'), fullPage: true })
    await privacy.close()
    await provider.close()
    await team.close()
  })
})
