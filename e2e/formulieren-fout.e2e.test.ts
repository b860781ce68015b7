/**
 * Issue 18 "Done when": every form and upload of the web app, submitted wrongly, says in Dutch
 * what is wrong — at the field (aria-invalid, described by its melding) — and changes nothing.
 * Screenshots at 1366 px land in e2e/output/formulier-fout-*.png.
 *
 * Every form and upload in web/src, and the test that submits it wrongly:
 *   Inloggen (LoginPage)                          — here: "inloggen" (empty); region.e2e: wrong password
 *   Cliënt zoeken, BSN (ToegangPages)             — navigatie.e2e
 *   Verzoek beoordelen: toewijzen (315)           — here: "a request's toewijzing"
 *   Verzoek afwijzen (reden, woonplaatsgemeente)  — navigatie.e2e
 *   Gezagsdrager toevoegen                        — formulieren.e2e
 *   Pgb vastleggen                                — here: "a pgb"
 *   Nieuwe toewijzing                             — here: "a new toewijzing"
 *   Doel toevoegen (segment)                      — formulieren.e2e
 *   Meting vastleggen                             — formulieren.e2e
 *   Metingen inlezen (CSV/XLSX upload)            — here: "the outcome measurement import"
 *   Budget vastleggen of wijzigen                 — here: "the budget form"
 *   Voorstel aanbiedersbudgetten overnemen        — here: "budget proposals"
 *   Gemeentebudgetten inlezen (CSV/XLSX upload)   — here: "the budget import"
 *   Signaal erkennen / sluiten (one signal)       — here: "a budget signal"
 *   Gekozen signalen erkennen (bulk)              — here: "budget signals together"
 *   Marge budgetsignalen                          — meldingen.e2e
 *   Taakgerichte betaling                         — meldingen.e2e
 *   Taakgerichte betalingen, CSV plakken          — here: "the taakgericht CSV"
 *   Steekproef trekken                            — meldingen.e2e; schema-controle.e2e (a period ending before it begins)
 *   Beoordeling van een trekking (steekproef)     — here: "a lawfulness finding"
 *   Bericht aanleveren (XML upload)               — navigatie.e2e
 *   Huisstijl (kleuren, logo-upload)              — paginas.e2e
 *   Inzage: filter                                — here: "the audit filter"
 *   Bestedingsruimte vaststellen                  — bestedingsruimte.e2e (empty)
 *   Overleg vastleggen (bestedingsruimte)         — bestedingsruimte.e2e (empty)
 *   Cliëntenstop instellen                        — bestedingsruimte.e2e (no reason)
 *   Cliëntenstop opheffen                         — bestedingsruimte.e2e (no stop chosen, no reason)
 *   Melding versturen, Besluit vastleggen         — bestedingsruimte.e2e submits them right; the server's refusals: bestedingsruimte.queries.test
 *   UBO melden, Jaarverantwoording inlezen (upload) — integriteit.e2e (the provider's UBO, the region's import)
 *   Maatregel toezichthouder, Bibob, VOG, Keurmerk, Intern toezicht, Toelatingstoets
 *                                                 — integriteit-fout.e2e: "the register's forms of the region" (and the provider's)
 *   Grenzen (integriteit), Sanctielijst (upload)  — integriteit-fout.e2e: "the signals' limits and the sanctions list upload"
 *   Integriteitssignaal erkennen, Onderzoek openen, Stap van een onderzoek
 *                                                 — integriteit-fout.e2e: "a signal acknowledged, an investigation opened from it, and a step of it"
 *   Maximale winst van een contract (Regio)       — integriteit-fout.e2e: "a contract's profit maximum"
 *   Gesprek plannen (account)                     — accountgesprek.e2e (empty)
 *   Nieuwe afspraak toevoegen (accountgesprek)    — accountgesprek.e2e (empty)
 *   Afspraak sluiten                              — accountgesprek.e2e (no note)
 *   Deel van een afspraak gereed melden           — accountgesprek.e2e (no note)
 *   Gesprek vastleggen                            — not yet submitted wrongly in an e2e test (its refusals: src/app/account-agenda.routes.test.ts)
 *   Accounthouders opslaan                        — checkboxes only; a wrong user is refused in src/accounts/account.queries.test.ts
 * Buttons without input (signals recompute, "In onderzoek nemen", "Wijziging toekennen",
 * "Uitzondering goedkeuren") and the list filters of DataTable have nothing to submit wrongly.
 */
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, today } from '../src/shared/dates.ts'
import type { BudgetSignal } from '../src/budgets/signal.queries.ts'
import type { ProposalRow } from '../src/budgets/budget-proposal.queries.ts'
import type { NamedChange } from '../src/budgets/budget.routes.ts'
import type { ClientFile } from '../src/clients/client-file.queries.ts'
import type { WorklistRow } from '../src/outcomes/measurement.queries.ts'
import type { Provider } from '../src/providers/provider.queries.ts'
import type { Segment } from '../src/segments/segment.queries.ts'
import { providerMessage } from '../src/exchange/provider-message.ts'
import { clearedAt, getJson, jargon, providerWithT2Due, saysAtField } from './page-helpers.ts'
import { type E2eServer, output, startServer } from './server.ts'

let e2e: E2eServer

beforeAll(async () => {
  e2e = await startServer(4500)
})

afterAll(() => e2e?.stop())

const year = new Date().getFullYear()

/** A change through the API, as the web app sends it (with the session's CSRF token). */
const postJson = (page: Page, path: string, body: unknown): Promise<number> =>
  page.evaluate(
    async ([p, b]) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string }
      return (await fetch(p as string, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(b) })).status
    },
    [path, body] as const,
  )

/** A date field, whether it is the browser's date input (yyyy-mm-dd) or the Dutch text field (dd-mm-jjjj). */
async function fillDate(field: Locator, iso: string) {
  if ((await field.getAttribute('type')) === 'date') return field.fill(iso)
  const [y, m, d] = iso.split('-')
  await field.fill(`${d}-${m}-${y}`)
}

/** An end before the start, said by the form, the schema or the toegang rule (TG-PERIODE, without its code). */
const endBeforeStart = /^De einddatum (mag niet voor de (begin|ingangs)datum liggen|\S+ ligt voor de ingangsdatum \S+)\.$/


async function shot(page: Page, name: string) {
  await page.setViewportSize({ width: 1366, height: 1000 })
  await page.screenshot({ path: join(output, `formulier-fout-${name}.png`), fullPage: true })
}

/** A CSV file as the file chooser hands it over. */
const csvFile = (name: string, lines: string[]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n') + '\r\n') })

describe('forms submitted wrongly say in Dutch what is wrong, at the field, and change nothing', () => {
  it('inloggen: both fields, before anything is sent', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 900 } })
    await page.goto(e2e.base)
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await saysAtField(page, page.getByLabel('Gebruikersnaam'), /^Vul uw gebruikersnaam in\.$/)
    await saysAtField(page, page.getByLabel('Wachtwoord'), /^Vul uw wachtwoord in\.$/)
    await page.getByLabel('Gebruikersnaam').fill('gemeente.zeist')
    await clearedAt(page.getByLabel('Gebruikersnaam'))
    await shot(page, 'inloggen')
    await page.close()
  })

  it('the budget form: a segment, an amount in euros and a reason', async () => {
    const page = await e2e.logIn('gemeente.zeist')
    const before = await getJson<NamedChange[]>(page, `/api/budgets/changes?year=${year}`)
    await page.goto(`${e2e.base}/#/budgetten?jaar=${year}`)
    const form = page.getByRole('region', { name: `Budget ${year} vastleggen of wijzigen` })
    await form.getByRole('button', { name: 'Vastleggen' }).click()
    await saysAtField(page, form.getByLabel(/^Segment/), /^Kies een segment\.$/)
    await saysAtField(page, form.getByLabel(/^Bedrag/), /^Vul het bedrag in\.$/)
    await saysAtField(page, form.getByLabel(/^Reden/), /^Vul de reden in\.$/)
    await form.getByLabel(/^Segment/).selectOption({ index: 1 })
    await clearedAt(form.getByLabel(/^Segment/))
    await form.getByLabel(/^Reden/).fill('Begrotingswijziging na de voorjaarsnota')
    await form.getByLabel(/^Bedrag/).fill('twee ton')
    await form.getByRole('button', { name: 'Vastleggen' }).click()
    await saysAtField(page, form.getByLabel(/^Bedrag/), /^'twee ton' is geen bedrag in euro's/)
    await shot(page, 'budget')
    await form.getByLabel(/^Bedrag/).fill('200000')
    await clearedAt(form.getByLabel(/^Bedrag/))
    expect(await getJson<NamedChange[]>(page, `/api/budgets/changes?year=${year}`)).toEqual(before)
    await page.close()
  })

  it('the budget import: a file with a bad row is refused as a whole, naming the row', async () => {
    const page = await e2e.logIn('gemeente.zeist')
    const before = await getJson<NamedChange[]>(page, `/api/budgets/changes?year=${year}`)
    const segment = (await getJson<Segment[]>(page, '/api/segments'))[0]!
    const other = (await getJson<{ gemeenten: { name: string }[] }>(page, '/api/region')).gemeenten.find((g) => g.name !== 'Zeist')!
    await page.goto(`${e2e.base}/#/budgetten?jaar=${year}`)
    const section = page.getByRole('region', { name: 'Gemeentebudgetten inlezen' })
    const input = section.getByLabel('Bestand met budgetten')
    await input.setInputFiles(csvFile('begroting.csv', ['gemeente;segment;jaar;bedrag;reden', `Zeist;${segment.name};${year};1.250.000;Begroting`, `Zeist;${segment.name};${year};twee ton;Begroting`]))
    await saysAtField(page, input, /Regel 3, kolom bedrag: 'twee ton' is geen bedrag in euro's/)
    await shot(page, 'budget-import')
    // Another gemeente's budget: refused in words a civil servant reads, not "kolom row".
    await input.setInputFiles(csvFile('begroting-regio.csv', ['gemeente;segment;jaar;bedrag;reden', `${other.name};${segment.name};${year};1.250.000;Begroting`]))
    await saysAtField(page, input, /^Regel 2: Een gemeente stelt alleen haar eigen budget vast\.$/)
    expect(await getJson<NamedChange[]>(page, `/api/budgets/changes?year=${year}`)).toEqual(before)
    await page.close()
  })

  it('budget proposals: taken over all or none, and told why not in Dutch', async () => {
    const page = await e2e.logIn('icm.zou')
    // A proposal whose provider has no budget yet; its year budget is then set for half a year only.
    let jaar = year
    let row: ProposalRow | undefined
    for (const y of [year, year + 1]) {
      row = (await getJson<ProposalRow[]>(page, `/api/budgets/proposal?year=${y}`)).find((r) => r.huidigCents === null && r.voorstelCents > 0)
      jaar = y
      if (row) break
    }
    expect(row, 'a proposed provider budget where none is set').toBeDefined()
    expect(await postJson(page, '/api/budgets/provider', { providerId: row!.providerId, segmentId: row!.segmentId, gemeenteId: row!.gemeenteId, validFrom: `${jaar}-01-01`, validTo: `${jaar}-06-30`, amountCents: 100_000_00, reden: 'Eerste halfjaar' })).toBe(201)
    const before = await getJson<NamedChange[]>(page, `/api/budgets/changes?year=${jaar}`)
    await page.goto(`${e2e.base}/#/budgetten?jaar=${jaar}`)
    const section = page.getByRole('region', { name: `Voorstel aanbiedersbudgetten ${jaar}` })
    await section.getByRole('button', { name: 'Voorstel overnemen' }).click()
    const alert = section.getByRole('alert')
    await alert.waitFor()
    const text = (await alert.textContent()) ?? ''
    expect(text).toContain(row!.aanbieder)
    expect(text).toMatch(/perioden/)
    expect(text).not.toMatch(jargon)
    expect(text).not.toMatch(/sleutel/)
    await shot(page, 'voorstel')
    expect(await getJson<NamedChange[]>(page, `/api/budgets/changes?year=${jaar}`)).toEqual(before)
    await page.close()
  })

  it('a budget signal: an owner and what will be done, also when only spaces are typed', async () => {
    const page = await e2e.logIn('gemeente.zeist')
    const open = (await getJson<BudgetSignal[]>(page, `/api/budgets/signals?year=${year}&status=open`)).filter((s) => s.gemeenteId !== null)
    expect(open.length, 'Zeist has open budget signals').toBeGreaterThan(0)
    const s = open[0]!
    await page.goto(`${e2e.base}/#/budgetsignalen?signaal=${s.id}`)
    const card = page.getByRole('article', { name: `Signaal ${s.id}` })
    await card.getByLabel(/^Eigenaar/).waitFor()
    await card.getByRole('button', { name: 'Erkennen' }).click()
    await saysAtField(page, card.getByLabel(/^Eigenaar/), /^Kies een eigenaar\.$/)
    await saysAtField(page, card.getByLabel(/^Wat gaan we doen\?/), /^Schrijf op wat u gaat doen\.$/)
    // Spaces only are no note either: the server says so at the field.
    await card.getByLabel(/^Eigenaar/).selectOption({ index: 1 })
    await card.getByLabel(/^Wat gaan we doen\?/).fill('   ')
    await clearedAt(card.getByLabel(/^Wat gaan we doen\?/))
    await card.getByRole('button', { name: 'Erkennen' }).click()
    await saysAtField(page, card.getByLabel(/^Wat gaan we doen\?/), /\S/)
    await shot(page, 'signaal')
    expect((await getJson<BudgetSignal[]>(page, `/api/budgets/signals?year=${year}`)).find((x) => x.id === s.id)?.status).toBe('open')
    await page.close()
  })

  it('budget signals together: an owner and a note for all of them, none acknowledged without', async () => {
    const page = await e2e.logIn('icm.zou')
    await page.goto(`${e2e.base}/#/budgetsignalen`)
    const before = await getJson<BudgetSignal[]>(page, `/api/budgets/signals?year=${year}&status=open`)
    expect(before.length, 'open budget signals in the region').toBeGreaterThan(1)
    const boxes = page.getByRole('checkbox', { name: /^Selecteren: signaal \d+/ })
    await boxes.first().waitFor()
    await boxes.nth(0).check()
    await boxes.nth(1).check()
    const form = page.getByRole('form', { name: 'Gekozen signalen erkennen' })
    await form.getByLabel(/^Eigenaar/).waitFor()
    await form.getByRole('button', { name: 'Erkennen' }).click()
    await saysAtField(page, form.getByLabel(/^Eigenaar/), /^Kies een eigenaar\.$/)
    await saysAtField(page, form.getByLabel(/^Wat gaan we doen\?/), /^Schrijf op wat u gaat doen\.$/)
    await shot(page, 'signalen-samen')
    expect(await getJson<BudgetSignal[]>(page, `/api/budgets/signals?year=${year}&status=open`)).toEqual(before)
    await page.close()
  })

  it('the taakgericht CSV: a bad row refuses the whole file, at the field', async () => {
    const page = await e2e.logIn('gemeente.zeist')
    const before = await getJson<unknown[]>(page, '/api/declaraties/taakgericht-payments')
    const provider = (await getJson<Provider[]>(page, '/api/providers'))[0]!
    const segment = (await getJson<Segment[]>(page, '/api/segments'))[0]!
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Declaraties' }).click()
    await page.getByRole('heading', { level: 2, name: 'Taakgerichte betalingen' }).waitFor()
    const csv = page.locator('#tg-csv')
    await csv.fill(['AGB-code;segment;maand;bedrag;omschrijving', `${provider.agbCode};${segment.code};${year}-01;twee ton;Januari`].join('\n'))
    await page.getByRole('button', { name: 'CSV inlezen' }).click()
    await saysAtField(page, csv, /Regel 2, kolom bedrag: 'twee ton' is geen bedrag in euro's/)
    await csv.fill(['AGB-code;segment;maand;bedrag;omschrijving', `99999999;${segment.code};${year}-01;12.500,00;Januari`].join('\n'))
    await clearedAt(csv)
    await page.getByRole('button', { name: 'CSV inlezen' }).click()
    await saysAtField(page, csv, /Regel 2, kolom agb: '99999999'/)
    await shot(page, 'taakgericht-csv')
    expect(await getJson<unknown[]>(page, '/api/declaraties/taakgericht-payments')).toEqual(before)
    await page.close()
  })

  it('a lawfulness finding: an amount in euros, and what was found', async () => {
    const page = await e2e.logIn('gemeente.zeist')
    const months = (await getJson<{ maand: string }[]>(page, '/api/declaraties')).map((d) => d.maand).sort()
    const drawn = await page.evaluate(
      async (body) => {
        const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string }
        return (await (await fetch('/api/declaraties/samples', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) })).json()) as { id: number }
      },
      { maandVan: months[0]!, maandTot: months.at(-1)!, omvang: 3, seed: 'formulieren-fout' },
    )
    await page.goto(`${e2e.base}/#/steekproef/${drawn.id}`)
    const first = page.getByRole('form', { name: 'Trekking 1' })
    await first.getByRole('button', { name: 'Opslaan' }).click()
    await saysAtField(page, first.getByLabel(/^Uitkomst/), /^Kies de uitkomst\.$/)
    await first.getByLabel(/^Uitkomst/).selectOption('onrechtmatig')
    await first.getByLabel(/^Fout/).fill('twee ton')
    await first.getByRole('button', { name: 'Opslaan' }).click()
    await saysAtField(page, first.getByLabel(/^Fout/), /^'twee ton' is geen bedrag in euro's/)
    // An unlawful line says what was found: the server asks for it at the field.
    await first.getByLabel(/^Fout/).fill('10,00')
    await first.getByRole('button', { name: 'Opslaan' }).click()
    const melding = await saysAtField(page, first.getByLabel(/^Toelichting/), /\S/)
    expect(melding).not.toMatch(/^Toelichting klopt niet\.$/)
    await shot(page, 'steekproef-beoordeling')
    const lines = await getJson<{ uitkomst: string | null }[]>(page, `/api/declaraties/samples/${drawn.id}/lines`)
    expect(lines.every((l) => l.uitkomst === null)).toBe(true)
    await page.close()
  })

  it('the outcome measurement import: a measurement dated in the future is refused, naming the row', async () => {
    const { page, due } = await providerWithT2Due(e2e)
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Uitkomsten' }).click()
    await page.getByRole('heading', { level: 1, name: 'Uitkomsten meten' }).waitFor()
    const input = page.getByLabel('Bestand met metingen')
    const tomorrow = addDays(today(), 1)
    await input.setInputFiles(csvFile('metingen.csv', ['gemeente;wet;toewijzingnummer;moment;datum;doelen', `${due.gemeente};${due.wet};${due.toewijzingNummer};T2;${tomorrow};${due.goals.map(() => 'behaald').join('|')}`]))
    const melding = await saysAtField(page, input, /^Regel 2/)
    expect(melding).toMatch(/toekomst/)
    await shot(page, 'metingen-import')
    const after = (await getJson<{ items: WorklistRow[] }>(page, '/api/outcomes/worklist')).items.find((r) => r.toewijzingId === due.toewijzingId)
    expect(after?.recorded.some((r) => r.moment === 'T2')).toBe(false)
    await page.close()
  })

  it('a new toewijzing: the required fields, and an end before the start', async () => {
    const page = await clientFile()
    const clientId = Number(/#\/client\/(\d+)/.exec(page.url())![1])
    const before = (await getJson<ClientFile>(page, `/api/clients/${clientId}/file`)).toewijzingen
    const form = page.getByRole('region', { name: 'Nieuwe toewijzing' })
    await form.getByRole('button', { name: 'Toewijzing vastleggen' }).click()
    await saysAtField(page, form.getByLabel(/^Product/), /^Kies een product\.$/)
    await saysAtField(page, form.getByLabel(/^Aanbieder/), /^Kies een aanbieder\.$/)
    await saysAtField(page, form.getByLabel(/^Ingangsdatum/), /^Vul de ingangsdatum in\.$/)
    await saysAtField(page, form.getByLabel(/^Einddatum/), /^Vul de einddatum in\.$/)
    await saysAtField(page, form.getByLabel(/^Doel/), /^Vul het doel in\.$/)
    await form.getByLabel(/^Product/).selectOption({ index: 1 })
    await form.getByLabel(/^Aanbieder/).selectOption({ index: 1 })
    await fillDate(form.getByLabel(/^Ingangsdatum/), addDays(today(), 30))
    await fillDate(form.getByLabel(/^Einddatum/), addDays(today(), 10))
    await form.getByLabel(/^Doel/).fill('Weer naar school')
    await form.getByRole('button', { name: 'Toewijzing vastleggen' }).click()
    await saysAtField(page, form.getByLabel(/^Einddatum/), endBeforeStart)
    await shot(page, 'toewijzing')
    expect((await getJson<ClientFile>(page, `/api/clients/${clientId}/file`)).toewijzingen).toEqual(before)
    await page.close()
  })

  it('a pgb: a product, an end after the start, and a budget in euros', async () => {
    const page = await clientFile()
    const clientId = Number(/#\/client\/(\d+)/.exec(page.url())![1])
    const before = (await getJson<ClientFile>(page, `/api/clients/${clientId}/file`)).pgbs
    const form = page.getByRole('region', { name: 'Pgb' })
    await form.getByRole('button', { name: 'Pgb vastleggen' }).click()
    await saysAtField(page, form.getByLabel(/^Product/), /^Kies een product\.$/)
    await saysAtField(page, form.getByLabel(/^Ingangsdatum/), /^Vul de ingangsdatum in\.$/)
    await saysAtField(page, form.getByLabel(/^Einddatum/), /^Vul de einddatum in\.$/)
    await form.getByLabel(/^Product/).selectOption({ index: 1 })
    await fillDate(form.getByLabel(/^Ingangsdatum/), addDays(today(), 60))
    await fillDate(form.getByLabel(/^Einddatum/), addDays(today(), 30))
    await form.getByLabel(/^Budget/).fill('twee ton')
    await form.getByRole('button', { name: 'Pgb vastleggen' }).click()
    await saysAtField(page, form.getByLabel(/^Budget/), /^'twee ton' is geen bedrag in euro's/)
    await form.getByLabel(/^Budget/).fill('12.000')
    await form.getByRole('button', { name: 'Pgb vastleggen' }).click()
    await saysAtField(page, form.getByLabel(/^Einddatum/), endBeforeStart)
    await shot(page, 'pgb')
    expect((await getJson<ClientFile>(page, `/api/clients/${clientId}/file`)).pgbs).toEqual(before)
    await page.close()
  })

  it("a request's toewijzing: the period and the goal, before the 301 goes out", async () => {
    // A provider asks for care in Zeist (a 315, uploaded as providers do).
    const provider = await e2e.logIn('aanbieder1.zou')
    const { agb, cbs } = await provider.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { providerId: number }
      const region = (await (await fetch('/api/region')).json()) as { providers: { id: number; agbCode: string }[]; gemeenten: { name: string; cbsCode: string }[] }
      return { agb: region.providers.find((p) => p.id === me.providerId)!.agbCode, cbs: region.gemeenten.find((g) => g.name === 'Zeist')!.cbsCode }
    })
    const ref = `F${Date.now() % 100_000}`
    const client = { Bsn: '999990020', Geboortedatum: { Datum: '2013-03-21' }, Geslacht: '2', Naam: { Geslachtsnaam: { Achternaam: 'Jansen' }, Voorletters: 'K' } }
    const xml = providerMessage('ijw', '315', agb, cbs, `E315${ref}`, today(), { ...client, AangevraagdeProducten: { AangevraagdProduct: [{ ReferentieAanbieder: ref, Product: { Categorie: '45' }, ToewijzingIngangsdatum: addDays(today(), 7), Verwijzer: { Type: '01' } }] } })
    await provider.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Berichten' }).click()
    await provider.locator('#bestand').setInputFiles({ name: 'verzoek-fout.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) })
    const answer = provider.getByRole('status').filter({ hasText: 'verzoek-fout.xml' })
    await answer.waitFor()
    expect(await answer.textContent()).toContain('Verwerkt')
    await provider.close()

    const page = await e2e.logIn('lokaalteam.zeist')
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor()
    const before = await getJson<{ id: number; status: string }[]>(page, '/api/requests')
    await page.getByRole('row').filter({ hasText: ref }).getByRole('button', { name: 'Beoordelen' }).click()
    const form = page.getByRole('region', { name: /^Verzoek / })
    // What the request leaves open is filled in right (a product, the new client's address); only the period and the goal are wrong.
    if ((await form.getByLabel(/^Product/).inputValue()) === '') await form.getByLabel(/^Product/).selectOption({ index: 1 })
    await form.getByLabel('Postcode (BRP)').fill('3701AB')
    await form.getByLabel('Huisnummer (BRP)').fill('12')
    await form.getByLabel(/^Doel/).fill('')
    await fillDate(form.getByLabel(/^Einddatum/), today())
    await form.getByRole('button', { name: 'Toewijzen' }).click()
    await saysAtField(page, form.getByLabel(/^Doel/), /^Vul het doel in\.$/)
    await form.getByLabel(/^Doel/).fill('Weer naar school met minder uitval')
    await clearedAt(form.getByLabel(/^Doel/))
    await form.getByRole('button', { name: 'Toewijzen' }).click()
    await saysAtField(page, form.getByLabel(/^Einddatum/), endBeforeStart)
    await shot(page, 'verzoek-toewijzen')
    expect(await getJson<{ id: number; status: string }[]>(page, '/api/requests')).toEqual(before)
    await page.close()
  })

  it('the audit filter: an end before the start is said at the field', async () => {
    const page = await e2e.logIn('gemeente.zeist')
    await page.goto(`${e2e.base}/#/inzage`)
    await page.getByRole('heading', { level: 1, name: 'Inzage in persoonsgegevens' }).waitFor()
    await fillDate(page.getByLabel('Van (datum)'), addDays(today(), -10))
    await fillDate(page.getByLabel('Tot en met (datum)'), addDays(today(), -20))
    await page.getByRole('button', { name: 'Toon' }).click()
    await saysAtField(page, page.getByLabel('Tot en met (datum)'), /^De einddatum mag niet voor de begindatum liggen\.$/)
    await shot(page, 'inzage')
    await page.close()
  })
})

/** The lokaal team of Zeist in the file of a client of its own (the work queue links them). */
async function clientFile(): Promise<Page> {
  const page = await e2e.logIn('lokaalteam.zeist')
  await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor()
  const href = await page.locator('a[href^="#/client/"]').first().getAttribute('href')
  expect(href, 'a client in the work queue').toBeTruthy()
  await page.goto(`${e2e.base}/${href}`)
  await page.getByRole('heading', { level: 1, name: /^Dossier/ }).waitFor()
  await page.getByRole('region', { name: 'Nieuwe toewijzing' }).waitFor()
  return page
}
