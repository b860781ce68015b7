/**
 * Issue 21 and issue 18's "Done when" for the integrity forms: each form of the register, the
 * signals and the investigations, submitted wrongly, says in Dutch what is wrong at the field
 * (or the server's Dutch refusal at the file field) and changes nothing; then, fixed, it
 * succeeds. The register shows each kind with who recorded it and when. Screenshots of the
 * register's forms at 1366 and 320 px land in e2e/output/integriteit-formulieren-*.png.
 */
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { today } from '../src/shared/dates.ts'
import { clearedAt, getJson, saysAtField } from './page-helpers.ts'
import { type E2eServer, output, startServer } from './server.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(5125, 25)
})

afterAll(() => e2e?.stop())

interface Sectie {
  registraties: { soort: string; gegevens: Record<string, unknown>; vastgelegdDoor: string }[]
  jaarrekeningen: { jaar: number; maxWinst: { tekst: string } }[]
}

/** A date field as the Dutch text field takes it (dd-mm-jjjj). */
const fillDate = (field: Locator, iso: string) => field.fill(iso.split('-').reverse().join('-'))

const entries = async (page: Page, providerId: number) => (await getJson<Sectie>(page, `/api/integriteit/providers/${providerId}`)).registraties

async function shot(page: Page, name: string) {
  await page.setViewportSize({ width: 1366, height: 1000 })
  await page.screenshot({ path: join(output, `integriteit-fout-${name}.png`), fullPage: true })
}

describe('the integrity forms, submitted wrongly, say what is wrong at the field and change nothing', () => {
  it('the register’s forms of the region: Bibob, maatregel, VOG, keurmerk, intern toezicht, toelatingstoets', async () => {
    const page = await e2e.logIn('icm.zou')
    const providers = await getJson<{ id: number; naam: string }[]>(page, '/api/integriteit/providers')
    const provider = providers[2]!
    await page.goto(`${e2e.base}/#/integriteit/${provider.id}`)
    await page.getByRole('heading', { level: 2, name: 'Register' }).waitFor()
    const before = (await entries(page, provider.id)).length

    // Bibob: nothing filled in.
    const bibob = page.getByRole('form', { name: 'Bibob-onderzoek vastleggen' })
    await bibob.getByRole('button', { name: 'Bibob vastleggen' }).click()
    await saysAtField(page, bibob.getByLabel(/^Datum/), /^Vul de datum in\.$/)
    await saysAtField(page, bibob.getByLabel(/^Advies LBB/), /^Vul het advies van het LBB in\.$/)
    await saysAtField(page, bibob.getByLabel(/^Uitkomst/), /^Vul de uitkomst in\.$/)
    await fillDate(bibob.getByLabel(/^Datum/), '2026-11-02')
    await clearedAt(bibob.getByLabel(/^Datum/))
    await bibob.getByLabel(/^Advies LBB/).selectOption('geen_gevaar')
    await bibob.getByLabel(/^Uitkomst/).selectOption('positief')
    expect((await entries(page, provider.id)).length).toBe(before)
    await bibob.getByRole('button', { name: 'Bibob vastleggen' }).click()
    await bibob.getByText('Het Bibob-onderzoek is vastgelegd.').waitFor()

    // A supervisor's measure reported before the measure itself: the schema's Dutch melding at "Gemeld op".
    const tz = page.getByRole('form', { name: 'Maatregel van een toezichthouder melden' })
    await tz.getByLabel(/^Toezichthouder/).selectOption('IGJ')
    await fillDate(tz.getByLabel(/^Datum van de maatregel/), '2026-11-10')
    await fillDate(tz.getByLabel(/^Gemeld op/), '2026-11-05')
    await tz.getByLabel(/^Bevinding en maatregel/).fill('Aanwijzing over de dossiervorming')
    await tz.getByRole('button', { name: 'Maatregel vastleggen' }).click()
    await saysAtField(page, tz.getByLabel(/^Gemeld op/), /^De melding kan niet voor de datum van de maatregel liggen\.$/)
    expect((await entries(page, provider.id)).length).toBe(before + 1)
    await fillDate(tz.getByLabel(/^Gemeld op/), '2026-11-12')
    await clearedAt(tz.getByLabel(/^Gemeld op/))
    await tz.getByRole('button', { name: 'Maatregel vastleggen' }).click()
    await tz.getByText('De maatregel is vastgelegd.').waitFor()

    // VOG: nothing chosen.
    const vog = page.getByRole('form', { name: 'VOG-verklaring vastleggen' })
    await vog.getByRole('button', { name: 'VOG vastleggen' }).click()
    await saysAtField(page, vog.getByLabel(/^Datum van de verklaring/), /^Vul de datum van de verklaring in\.$/)
    await saysAtField(page, vog.getByLabel(/^VOG aanwezig/), /^Kies of de VOG aanwezig is\.$/)
    await shot(page, 'vog')
    expect((await entries(page, provider.id)).length).toBe(before + 2)
    await fillDate(vog.getByLabel(/^Datum van de verklaring/), '2026-10-01')
    await vog.getByLabel(/^VOG aanwezig/).selectOption('ja')
    await clearedAt(vog.getByLabel(/^VOG aanwezig/))
    await vog.getByLabel(/^Toelichting/).fill('Bestuurders en begeleiders')
    await vog.getByRole('button', { name: 'VOG vastleggen' }).click()
    await vog.getByText('De VOG-verklaring is vastgelegd.').waitFor()

    // Keurmerk: valid until before the certificate's date, and a date that is none.
    const km = page.getByRole('form', { name: 'Keurmerk vastleggen' })
    await fillDate(km.getByLabel(/^Datum van het certificaat/), '2026-09-01')
    await km.getByLabel(/^Keurmerk/).fill('HKZ')
    await fillDate(km.getByLabel(/^Geldig tot/), '2026-08-31')
    await km.getByRole('button', { name: 'Keurmerk vastleggen' }).click()
    await saysAtField(page, km.getByLabel(/^Geldig tot/), /^Geldig tot mag niet voor de datum van het certificaat liggen\.$/)
    await km.getByLabel(/^Keurmerk/).fill('')
    await fillDate(km.getByLabel(/^Geldig tot/), '2029-08-31')
    await km.getByRole('button', { name: 'Keurmerk vastleggen' }).click()
    await saysAtField(page, km.getByLabel(/^Keurmerk/), /^Vul de naam van het keurmerk in\.$/)
    expect((await entries(page, provider.id)).length).toBe(before + 3)
    await km.getByLabel(/^Keurmerk/).fill('HKZ')
    await km.getByRole('button', { name: 'Keurmerk vastleggen' }).click()
    await km.getByText('Het keurmerk is vastgelegd.').waitFor()

    // Intern toezicht: the number of jeugdhulpverleners is no number; then 14 with verblijf: required.
    const rvt = page.getByRole('form', { name: 'Intern toezicht vastleggen' })
    await rvt.getByRole('button', { name: 'Intern toezicht vastleggen' }).click()
    await saysAtField(page, rvt.getByLabel(/^Zorg/), /^Kies welke zorg de aanbieder biedt\.$/)
    await saysAtField(page, rvt.getByLabel(/^Intern toezichtsorgaan aanwezig/), /^Kies of er een intern toezichtsorgaan is\.$/)
    await fillDate(rvt.getByLabel(/^Datum/), '2026-11-15')
    await rvt.getByLabel(/^Zorg/).selectOption('met')
    await rvt.getByLabel(/^Aantal jeugdhulpverleners/).fill('veertien')
    await rvt.getByLabel(/^Intern toezichtsorgaan aanwezig/).selectOption('nee')
    await rvt.getByRole('button', { name: 'Intern toezicht vastleggen' }).click()
    await saysAtField(page, rvt.getByLabel(/^Aantal jeugdhulpverleners/), /^Jeugdhulpverleners moet een getal zijn\.$/)
    expect((await entries(page, provider.id)).length).toBe(before + 4)
    await rvt.getByLabel(/^Aantal jeugdhulpverleners/).fill('14')
    await rvt.getByText('Intern toezicht is vereist.').waitFor()
    await rvt.getByRole('button', { name: 'Intern toezicht vastleggen' }).click()
    await rvt.getByText('Het intern toezicht is vastgelegd.').waitFor()

    // Toelatingstoets: nothing chosen.
    const tl = page.getByRole('form', { name: 'Toelatingstoets vastleggen' })
    await tl.getByRole('button', { name: 'Toelatingstoets vastleggen' }).click()
    await saysAtField(page, tl.getByLabel(/^Toets/), /^Kies de toets\.$/)
    await saysAtField(page, tl.getByLabel(/^Resultaat/), /^Kies het resultaat\.$/)
    expect((await entries(page, provider.id)).length).toBe(before + 5)
    await fillDate(tl.getByLabel(/^Datum van de toets/), '2026-01-05')
    await tl.getByLabel(/^Toets/).selectOption('VOG van de bestuurders')
    await tl.getByLabel(/^Resultaat/).selectOption('voldaan')
    await tl.getByRole('button', { name: 'Toelatingstoets vastleggen' }).click()
    await tl.getByText('De toelatingstoets is vastgelegd.').waitFor()

    // Each kind in the register, with who recorded it and when.
    const after = await entries(page, provider.id)
    expect(after.length).toBe(before + 6)
    expect(after.find((r) => r.soort === 'rvt')?.gegevens).toMatchObject({ vereist: true, aanwezig: false, verblijf: true, jeugdhulpverleners: 14 })
    const register = page.getByRole('table', { name: /^Integriteitsregister/ })
    // As the register shows a date (4-12-2026) and who recorded the entry (the region's user).
    const vandaag = today().split('-').map(Number).reverse().join('-')
    for (const [soort, inhoud] of [
      ['Bibob', 'uitkomst: positief'],
      ['Bevinding toezichthouder', 'Aanwijzing over de dossiervorming'],
      ['VOG', 'VOG aanwezig: ja; Bestuurders en begeleiders'],
      ['Keurmerk', 'HKZ, geldig tot 31-8-2029'],
      ['Intern toezicht', 'Vereist: ja (14 jeugdhulpverleners, met verblijf); aanwezig: nee'],
      ['Toelatingstoets', 'VOG van de bestuurders: voldaan'],
    ]) {
      const row = register.getByRole('row').filter({ hasText: inhoud })
      await row.first().waitFor()
      expect(await row.first().textContent()).toContain(soort)
      expect(await row.first().textContent()).toContain(`icm.zou, ${vandaag}`)
    }
    await page.screenshot({ path: join(output, 'integriteit-formulieren-1366.png'), fullPage: true })
    await page.setViewportSize({ width: 320, height: 900 })
    await page.screenshot({ path: join(output, 'integriteit-formulieren-320.png'), fullPage: true })
    await page.close()
  }, 300_000)

  it('a provider records its own VOG, quality mark and internal supervision, and sees no Bibob or admission form', async () => {
    const page = await e2e.logIn('aanbieder1.zou')
    const me = await getJson<{ providerId: number }>(page, '/api/auth/me')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Integriteit', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Integriteit' }).waitFor()
    expect(await page.getByRole('form', { name: 'Bibob-onderzoek vastleggen' }).count()).toBe(0)
    expect(await page.getByRole('form', { name: 'Toelatingstoets vastleggen' }).count()).toBe(0)
    const before = (await entries(page, me.providerId)).length
    const rvt = page.getByRole('form', { name: 'Intern toezicht vastleggen' })
    await fillDate(rvt.getByLabel(/^Datum/), '2026-11-20')
    await rvt.getByLabel(/^Zorg/).selectOption('zonder')
    await rvt.getByRole('button', { name: 'Intern toezicht vastleggen' }).click()
    await saysAtField(page, rvt.getByLabel(/^Aantal jeugdhulpverleners/), /^Vul het aantal jeugdhulpverleners in\.$/)
    await rvt.getByLabel(/^Aantal jeugdhulpverleners/).fill('-3')
    await rvt.getByLabel(/^Intern toezichtsorgaan aanwezig/).selectOption('ja')
    await rvt.getByRole('button', { name: 'Intern toezicht vastleggen' }).click()
    await saysAtField(page, rvt.getByLabel(/^Aantal jeugdhulpverleners/), /^Jeugdhulpverleners moet minstens 0 zijn\.$/)
    expect((await entries(page, me.providerId)).length).toBe(before)
    await rvt.getByLabel(/^Aantal jeugdhulpverleners/).fill('20')
    await rvt.getByText('Intern toezicht is niet vereist.').waitFor()
    await rvt.getByRole('button', { name: 'Intern toezicht vastleggen' }).click()
    await rvt.getByText('Het intern toezicht is vastgelegd.').waitFor()
    const vog = page.getByRole('form', { name: 'VOG-verklaring vastleggen' })
    await fillDate(vog.getByLabel(/^Datum van de verklaring/), '2026-10-01')
    await vog.getByLabel(/^VOG aanwezig/).selectOption('ja')
    await vog.getByRole('button', { name: 'VOG vastleggen' }).click()
    await vog.getByText('De VOG-verklaring is vastgelegd.').waitFor()
    const own = await entries(page, me.providerId)
    expect(own.length).toBe(before + 2)
    expect(own.filter((r) => r.soort === 'rvt' || r.soort === 'vog').every((r) => r.vastgelegdDoor !== '')).toBe(true)
    await page.getByRole('table', { name: /^Integriteitsregister/ }).getByRole('row').filter({ hasText: 'Vereist: nee (20 jeugdhulpverleners, zonder verblijf); aanwezig: ja' }).waitFor()
    await page.screenshot({ path: join(output, 'integriteit-fout-aanbieder-1366.png'), fullPage: true })
    await page.setViewportSize({ width: 320, height: 900 })
    await page.screenshot({ path: join(output, 'integriteit-fout-aanbieder-320.png'), fullPage: true })
    await page.close()
  }, 240_000)

  it('the signals’ limits and the sanctions list upload', async () => {
    const page = await e2e.logIn('icm.zou')
    await page.goto(`${e2e.base}/#/integriteit`)
    const before = await getJson<{ maxWinstPct: number; sanctielijst: { regels: number } }>(page, '/api/integriteit/settings')
    const grenzen = page.getByRole('form', { name: 'Grenzen van de signalen' })
    const winst = grenzen.getByLabel(/^Maximale winst/)
    await winst.fill('')
    await grenzen.getByRole('button', { name: 'Grenzen vastleggen' }).click()
    await saysAtField(page, winst, /^Vul het maximale winstpercentage in\.$/)
    await winst.fill('150')
    await grenzen.getByRole('button', { name: 'Grenzen vastleggen' }).click()
    await saysAtField(page, winst, /^Maximale winst mag hoogstens 100 zijn\.$/)
    await shot(page, 'grenzen')
    expect((await getJson<{ maxWinstPct: number }>(page, '/api/integriteit/settings')).maxWinstPct).toBe(before.maxWinstPct)
    await winst.fill('6')
    await clearedAt(winst)
    await grenzen.getByRole('button', { name: 'Grenzen vastleggen' }).click()
    await grenzen.getByText('De grenzen zijn vastgelegd; de signalen worden bijgewerkt.').waitFor()
    expect((await getJson<{ maxWinstPct: number }>(page, '/api/integriteit/settings')).maxWinstPct).toBe(6)

    // A name alone: refused at the file field, naming the row; the list is as it was.
    const file = (lines: string[]) => ({ name: 'sanctielijst.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n') + '\r\n') })
    await page.locator('#sanctielijst-bestand').setInputFiles(file(['naam;geboortedatum;kvk-nummer', 'Jan Jansen;;']))
    await saysAtField(page, page.locator('#sanctielijst-bestand'), /^Regel 2.*geboortedatum \(persoon\) of het KvK-nummer \(organisatie\)/)
    await shot(page, 'sanctielijst')
    expect((await getJson<{ sanctielijst: { regels: number } }>(page, '/api/integriteit/settings')).sanctielijst.regels).toBe(before.sanctielijst.regels)
    await page.locator('#sanctielijst-bestand').setInputFiles(file(['naam;geboortedatum;kvk-nummer', 'Jan Jansen;01-02-1970;', 'Schimmig BV;;12345678']))
    await page.getByText('De sanctielijst is vervangen: 2 regel(s).').waitFor()
    await page.close()
  }, 240_000)

  it('a signal acknowledged, an investigation opened from it, and a step of it', async () => {
    const page = await e2e.logIn('icm.zou')
    const [signal] = await getJson<{ id: number; status: string }[]>(page, '/api/integriteit/signals?status=open')
    expect(signal).toBeDefined()
    await page.goto(`${e2e.base}/#/integriteitssignalen?signaal=${signal!.id}`)
    const card = page.getByRole('article', { name: `Signaal ${signal!.id}` })
    await card.getByRole('button', { name: 'Erkennen' }).click()
    await saysAtField(page, card.getByLabel(/^Eigenaar/), /^Kies een eigenaar\.$/)
    await saysAtField(page, card.getByLabel(/^Wat gaan we doen\?/), /^Schrijf op wat u gaat doen\.$/)
    await shot(page, 'signaal-erkennen')
    expect((await getJson<{ id: number; status: string }[]>(page, '/api/integriteit/signals')).find((x) => x.id === signal!.id)?.status).toBe('open')
    await card.getByLabel(/^Eigenaar/).selectOption({ index: 1 })
    await clearedAt(card.getByLabel(/^Eigenaar/))
    await card.getByLabel(/^Wat gaan we doen\?/).fill('Opvragen bij de aanbieder.')
    await card.getByRole('button', { name: 'Erkennen' }).click()
    await card.getByText('Het signaal is erkend.').waitFor()

    const onderzoeken = (await getJson<unknown[]>(page, '/api/integriteit/onderzoeken')).length
    const open = card.getByRole('form', { name: 'Rechtmatigheidsonderzoek openen' })
    await open.getByRole('button', { name: 'Onderzoek openen' }).click()
    await saysAtField(page, open.getByLabel(/^Titel/), /^Vul de titel in\.$/)
    await saysAtField(page, open.getByLabel(/^Wat moet de aanbieder beantwoorden\?/), /^Schrijf op wat de aanbieder moet beantwoorden\.$/)
    expect((await getJson<unknown[]>(page, '/api/integriteit/onderzoeken')).length).toBe(onderzoeken)
    await open.getByLabel(/^Titel/).fill('Onderzoek naar aanleiding van het signaal')
    await open.getByLabel(/^Wat moet de aanbieder beantwoorden\?/).fill('Lever de onderbouwing binnen 14 dagen aan.')
    await open.getByRole('button', { name: 'Onderzoek openen' }).click()
    const opened = await open.getByText(/^Onderzoek \d+ is geopend; zie Onderzoeken\.$/).textContent()
    const id = Number(/Onderzoek (\d+)/.exec(opened!)![1])

    await page.goto(`${e2e.base}/#/onderzoeken?onderzoek=${id}`)
    const stap = page.getByRole('form', { name: 'Stap toevoegen' })
    await stap.getByLabel(/^Soort/).selectOption('maatregel')
    await stap.getByLabel(/^Terugvordering/).fill('veel')
    await stap.getByRole('button', { name: 'Vastleggen' }).click()
    await saysAtField(page, stap.getByLabel(/^Beschrijving/), /^Beschrijf de stap, bevinding of maatregel\.$/)
    await saysAtField(page, stap.getByLabel(/^Terugvordering/), /^Vul een bedrag in euro’s in, bijvoorbeeld 1\.234,56\.$/)
    await shot(page, 'onderzoek-stap')
    expect((await getJson<{ stappen: unknown[] }>(page, `/api/integriteit/onderzoeken/${id}`)).stappen).toEqual([])
    await stap.getByLabel(/^Terugvordering/).fill('1.234,56')
    await stap.getByLabel(/^Beschrijving/).fill('Terugvordering van de te veel gedeclareerde uren')
    await stap.getByRole('button', { name: 'Vastleggen' }).click()
    await stap.getByText('Vastgelegd.').waitFor()
    expect((await getJson<{ terugvorderingCents: number }>(page, `/api/integriteit/onderzoeken/${id}`)).terugvorderingCents).toBe(123_456)
    await page.close()
  }, 240_000)

  it('a contract’s profit maximum on the region page (the section holding accounts against it: src/integriteit/integriteit.routes.test.ts)', async () => {
    const page = await e2e.logIn('icm.zou')
    const [contract] = await getJson<{ id: number; reference: string; maxWinstPct: number | null }[]>(page, '/api/contracts')
    await page.goto(`${e2e.base}/#/regio`)
    const form = page.getByRole('form', { name: `Maximale winst ${contract!.reference}` })
    const field = form.getByLabel(new RegExp(`^Maximale winst ${contract!.reference}`))
    await field.fill('veel')
    await form.getByRole('button', { name: 'Maximum vastleggen' }).click()
    await saysAtField(page, field, /^'veel' is geen percentage; vul een getal in, bijvoorbeeld 5 of 7,5\.$/)
    await field.fill('150')
    await form.getByRole('button', { name: 'Maximum vastleggen' }).click()
    await saysAtField(page, field, /^Maximale winst mag hoogstens 100 zijn\.$/)
    await shot(page, 'contract-winst')
    expect((await getJson<{ id: number; maxWinstPct: number | null }[]>(page, '/api/contracts')).find((c) => c.id === contract!.id)!.maxWinstPct).toBe(contract!.maxWinstPct)
    await field.fill('7,5')
    await form.getByRole('button', { name: 'Maximum vastleggen' }).click()
    await form.getByText(`De maximale winst van ${contract!.reference} is 7,5`).waitFor()
    expect((await getJson<{ id: number; maxWinstPct: number | null }[]>(page, '/api/contracts')).find((c) => c.id === contract!.id)!.maxWinstPct).toBe(7.5)
    await page.getByText(/Maximale winst: 7,5\s%\./).first().waitFor()
    await page.close()
  }, 240_000)
})
