/**
 * The 301 and 319 the gemeente writes, read back as the provider reads them: each valid
 * against the official XSD and the CD/CS rules, with the content the regelrapport prescribes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerClient } from '../clients/client.queries.ts'
import { setGezag } from '../clients/gezag.queries.ts'
import { withActor } from '../db/scope.ts'
import { asArray } from '../exchange/handler.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { type MessageObject, parseMessage } from '../istandaarden/messages/read-message.ts'
import type { WritableObject } from '../istandaarden/messages/write-message.ts'
import { xsdVerdict } from '../istandaarden/testing/xsd-oracle.ts'
import { createProduct } from '../products/product.queries.ts'
import { approveChangeRequest, approveRequest, listRequests, markInProgress, refuseRequest } from '../requests/request.queries.ts'
import type { Moment } from '../shared/moment.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type ToegangScenario, assessment, providerMessage, toegangScenario } from '../test/toegang-scenario.ts'
import { changeToewijzing, issueToewijzing } from './toewijzing.queries.ts'

const moment = (date: string, time = '09:00:00'): Moment => ({ date, time })
const person = (bsn: string) => ({ Bsn: bsn, Geboortedatum: { Datum: '2012-02-14' }, Geslacht: '1', Naam: { Geslachtsnaam: { Achternaam: 'Jansen' }, Voorletters: 'K' } })

describe.each(engines)('the 301 and 319 on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  const as = <T>(work: Parameters<typeof withActor<T>>[2]) => withActor(database.db, s.team, work)
  const provider = () => s.providers[0]!

  /** The message as the provider reads it, after checking it against the XSD and the CD/CS rules. */
  const sent = async (id: number | null, code: '301' | '319') => {
    expect(id).not.toBeNull()
    const m = await as((trx) => trx.selectFrom('message').selectAll().where('id', '=', id!).executeTakeFirstOrThrow())
    expect(m.code).toBe(code)
    expect(xsdVerdict('ijw', code, m.content)).toEqual({ valid: true, messages: [] })
    const read = parseMessage(m.content)
    expect(read.violations).toEqual([])
    return read.body!
  }
  const toegewezen = async (id: number | null) => {
    const client = (await sent(id, '301')).Client as MessageObject
    return asArray((client.ToegewezenProducten as MessageObject).ToegewezenProduct)
  }
  const receive = async (bytes: Uint8Array, at: Moment) => expect(await receiveMessage(database.db, s.region.regionId, bytes, { at })).toMatchObject({ outcome: 'verwerkt', retourCodes: [] })
  const request315 = (bsn: string, ref: string, product: WritableObject, omvang: WritableObject, dagtekening = '2026-11-02', client: WritableObject = {}) =>
    providerMessage('315', provider().agb, s.zeist.cbsCode, {
      ...person(bsn),
      ...client,
      AangevraagdeProducten: { AangevraagdProduct: [{ ReferentieAanbieder: ref, Product: product, ToewijzingIngangsdatum: '2026-12-01', ToewijzingEinddatum: '2027-05-31', Omvang: omvang, Verwijzer: { Type: '02', ZorgverlenerCode: '01234567' } }] },
    }, dagtekening)
  const request317 = (bsn: string, ref: string, verzoek: WritableObject, dagtekening: string) =>
    providerMessage('317', provider().agb, s.zeist.cbsCode, { Bsn: bsn, Verzoek: { ReferentieAanbieder: ref, RedenVerzoek: '1', ...verzoek } }, dagtekening)
  const item = async (ref: string) => (await as((trx) => listRequests(trx, s.team))).find((r) => r.referentieAanbieder === ref)!
  const newClient = (bsn: string) => as((trx) => registerClient(trx, s.team, { bsn, birthDate: '2012-02-14', familyName: 'Jansen', initials: 'K', gender: '1', postcode: '3701AB', huisnummer: 7 }))

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
  })
  afterAll(() => database.dispose())

  it('answers a 315 "in onderzoek" (319 VerzoekAntwoord 2), then grants it with a 301 that alone carries the ReferentieAanbieder (OP274, TR360, TR379, IV094, IV097, IV099)', async () => {
    await receive(request315('999900018', 'VOT-1', { Categorie: '45', Code: '45A48' }, { Volume: '3', Eenheid: '04', Frequentie: '2' }), moment('2026-11-03'))
    expect(await item('VOT-1')).toMatchObject({ status: 'open', dagtekening: '2026-11-02', answerDue: '2026-11-10', inOnderzoekOp: null })

    const vot1 = (await item('VOT-1')).id
    const onderzoek = await as((trx) => markInProgress(trx, s.team, vot1, 'huisbezoek nodig', moment('2026-11-05')))
    expect((await sent(onderzoek.messageId, '319')).Antwoord).toEqual({ ReferentieAanbieder: 'VOT-1', VerzoekAntwoord: '2' })
    // OP274: the final answer is now due 8 weeks after the request's Dagtekening of 2 November.
    expect(await item('VOT-1')).toMatchObject({ status: 'in_onderzoek', inOnderzoekOp: '2026-11-05', answerDue: '2026-12-28' })
    await expect(as((trx) => markInProgress(trx, s.team, vot1, '', moment('2026-11-06')))).rejects.toMatchObject({ reason: 'request.already_in_onderzoek' })

    const granted = await as((trx) =>
      approveRequest(trx, s.team, vot1, { assessment, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-05-31', omvang: { volume: 3, eenheid: '04', frequentie: '2' }, postcode: '3701AB', huisnummer: 7 }, moment('2026-11-20')),
    )
    const [first] = await toegewezen(granted.messageId)
    expect(first).toMatchObject({ ToewijzingNummer: granted.toewijzingNummer, ReferentieAanbieder: 'VOT-1', Ingangsdatum: '2026-12-01', Einddatum: '2027-05-31' })
    expect(first).not.toHaveProperty('RedenWijziging')
    // TR359: no 319 after the 301 that answered the request.
    await expect(as((trx) => refuseRequest(trx, s.team, vot1, { reden: '7' }, moment('2026-11-21')))).rejects.toMatchObject({ reason: 'request.already_answered' })

    // The gemeente's own verlenging: RedenWijziging, but no ReferentieAanbieder any more (IV097).
    const longer = await as((trx) => changeToewijzing(trx, s.team, granted.id, { redenWijziging: '04', einddatum: '2027-06-30' }, { at: moment('2026-11-25') }))
    const [extended] = await toegewezen(longer.messageId)
    expect(extended).toMatchObject({ ToewijzingNummer: granted.toewijzingNummer, RedenWijziging: '04', Einddatum: '2027-06-30' })
    expect(extended).not.toHaveProperty('ReferentieAanbieder')

    // A second request granted: its product carries its reference; the first, unchanged since the last 301, neither reference nor reason (IV094, IV099).
    await receive(request315('999900018', 'VOT-2', { Categorie: '45', Code: '45A53' }, { Volume: '2', Eenheid: '16', Frequentie: '2' }, '2026-11-26'), moment('2026-11-26'))
    const vot2 = (await item('VOT-2')).id
    const second = await as((trx) =>
      approveRequest(trx, s.team, vot2, { assessment, productId: s.dayProductId, ingangsdatum: '2026-12-01', einddatum: '2027-05-31', omvang: { volume: 2, eenheid: '16', frequentie: '2' } }, moment('2026-11-27')),
    )
    const both = await toegewezen(second.messageId)
    expect(both.map((p) => [p.ToewijzingNummer, p.ReferentieAanbieder, p.RedenWijziging])).toEqual([
      [granted.toewijzingNummer, undefined, undefined],
      [second.toewijzingNummer, 'VOT-2', undefined],
    ])
  })

  it('refuses a 315 on the woonplaatsbeginsel with the responsible gemeente in the 319, as JW319.xml does (TR377, TR409, IV095)', async () => {
    await receive(request315('999900055', 'VOT-8', { Categorie: '45', Code: '45A48' }, { Volume: '3', Eenheid: '04', Frequentie: '2' }), moment('2026-11-03'))
    const id = (await item('VOT-8')).id
    const refuse = (answer: Parameters<typeof refuseRequest>[3]) => as((trx) => refuseRequest(trx, s.team, id, answer, moment('2026-11-05')))
    await expect(refuse({ reden: '8' })).rejects.toMatchObject({ reason: 'request.answer_invalid', details: expect.arrayContaining([expect.objectContaining({ rule: 'TR377' })]) })
    await expect(refuse({ reden: '7', woonplaatsGemeente: '0344' })).rejects.toMatchObject({ reason: 'request.answer_invalid', details: expect.arrayContaining([expect.objectContaining({ rule: 'TR409' })]) })
    await expect(refuse({ reden: '8', woonplaatsGemeente: s.zeist.cbsCode })).rejects.toMatchObject({ reason: 'request.answer_invalid', details: expect.arrayContaining([expect.objectContaining({ rule: 'IV095' })]) })
    const { messageId } = await refuse({ reden: '8', woonplaatsGemeente: '0344' })
    expect((await sent(messageId, '319')).Antwoord).toEqual({ ReferentieAanbieder: 'VOT-8', VerzoekAntwoord: '1', RedenAfwijzingVerzoek: '8', Woonplaatsbeginsel: { Gemeente: '0344' } })
    expect(await as((trx) => trx.selectFrom('care_request').select(['status', 'reden_afwijzing', 'woonplaats_gemeente']).where('id', '=', id).executeTakeFirstOrThrow())).toEqual({ status: 'afgewezen', reden_afwijzing: '8', woonplaats_gemeente: '0344' })
  })

  it('sends one "in onderzoek" per request and no 319 after a refusal (TR365: a second 319 only after a first with VerzoekAntwoord 2)', async () => {
    await receive(request315('999900067', 'VOT-9', { Categorie: '45', Code: '45A48' }, { Volume: '3', Eenheid: '04', Frequentie: '2' }), moment('2026-11-03'))
    const id = (await item('VOT-9')).id
    const refused = await as((trx) => refuseRequest(trx, s.team, id, { reden: '7' }, moment('2026-11-05')))
    expect((await sent(refused.messageId, '319')).Antwoord).toMatchObject({ VerzoekAntwoord: '1' })
    // After the refusal the request is answered: neither "in onderzoek" nor another refusal follows.
    await expect(as((trx) => markInProgress(trx, s.team, id, '', moment('2026-11-06')))).rejects.toMatchObject({ reason: 'request.already_answered' })
    await expect(as((trx) => refuseRequest(trx, s.team, id, { reden: '2' }, moment('2026-11-06')))).rejects.toMatchObject({ reason: 'request.already_answered' })
  })

  it('sends a partly unknown birth date with its DatumGebruik (OP252, IV009), and a briefadres as correspondentie-adres (IV047)', async () => {
    // Only the year is known: 1 January of it, DatumGebruik 2.
    await receive(request315('999900134', 'VOT-10', { Categorie: '45', Code: '45A48' }, { Volume: '3', Eenheid: '04', Frequentie: '2' }, '2026-11-02', { Geboortedatum: { Datum: '2013-01-01', DatumGebruik: '2' } }), moment('2026-11-03'))
    const id = (await item('VOT-10')).id
    const granted = await as((trx) =>
      approveRequest(trx, s.team, id, { assessment, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-05-31', omvang: { volume: 3, eenheid: '04', frequentie: '2' }, postcode: '3701AB', huisnummer: 9, briefadres: true }, moment('2026-11-20')),
    )
    const client = (await sent(granted.messageId, '301')).Client as MessageObject
    expect(client.Geboortedatum).toEqual({ Datum: '2013-01-01', DatumGebruik: '2' })
    const [contact] = asArray((client.Contactgegevens as MessageObject).Contact)
    expect(contact).toMatchObject({ Soort: '02', Adres: { Postcode: '3701AB', Huis: { Huisnummer: 9 } } })
  })

  it('grants a 317 that raises a total volume (frequentie 6) after care started, on the same ToewijzingNummer (IV066, OP033x1, IV093)', async () => {
    const client = await newClient('999900031')
    const t = await as((trx) => issueToewijzing(trx, s.team, { clientId: client.id, assessment, providerId: provider().id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-02-28', omvang: { volume: 40, eenheid: '04', frequentie: '6' } }, { at: moment('2026-11-20') }))
    await receive(providerMessage('305', provider().agb, s.zeist.cbsCode, { ...person('999900031'), StartProducten: { StartProduct: [{ ToewijzingNummer: String(t.toewijzingNummer), Product: { Categorie: '45', Code: '45A48' }, ToewijzingIngangsdatum: '2026-12-01', Begindatum: '2026-12-02', StatusAanlevering: '1' }] } }, '2026-12-03'), moment('2026-12-03'))
    await receive(request317('999900031', 'VOW-6', { TeWijzigenProducten: { TeWijzigenProduct: [{ ToewijzingNummer: String(t.toewijzingNummer), GewensteIngangsdatum: '2026-12-01', Einddatum: '2027-02-28', Omvang: { Volume: '60', Eenheid: '04', Frequentie: '6' } }] } }, '2026-12-14'), moment('2026-12-14'))
    const vow = (await item('VOW-6')).id
    const { messageId } = await as((trx) => approveChangeRequest(trx, s.team, vow, moment('2026-12-15')))
    expect(await toegewezen(messageId)).toEqual([
      expect.objectContaining({ ToewijzingNummer: t.toewijzingNummer, ReferentieAanbieder: 'VOW-6', Ingangsdatum: '2026-12-01', Einddatum: '2027-02-28', RedenWijziging: '12', Omvang: { Volume: 60, Eenheid: '04', Frequentie: '6' } }),
    ])

    // OP298: the gemeente lowers a total volume only with the provider's consent.
    await expect(as((trx) => changeToewijzing(trx, s.team, t.id, { redenWijziging: '14', volume: 50 }, { at: moment('2026-12-20') }))).rejects.toMatchObject({ reason: 'toewijzing.change_refused', details: expect.arrayContaining([expect.objectContaining({ rule: 'OP298' })]) })
    const lower = await as((trx) => changeToewijzing(trx, s.team, t.id, { redenWijziging: '14', volume: 50, akkoordAanbieder: true }, { at: moment('2026-12-20') }))
    const [lowered] = await toegewezen(lower.messageId)
    expect(lowered).toMatchObject({ ToewijzingNummer: t.toewijzingNummer, RedenWijziging: '14', Omvang: { Volume: 50, Eenheid: '04', Frequentie: '6' } })
    expect(lowered).not.toHaveProperty('ReferentieAanbieder')
    // IV066: a weekly omvang does not change on the same number.
    const weekly = await as((trx) => issueToewijzing(trx, s.team, { clientId: client.id, assessment, providerId: provider().id, productId: s.dayProductId, ingangsdatum: '2026-12-01', einddatum: '2027-02-28', omvang: { volume: 2, eenheid: '16', frequentie: '2' } }, { at: moment('2026-12-21') }))
    await expect(as((trx) => changeToewijzing(trx, s.team, weekly.id, { redenWijziging: '14', volume: 3, akkoordAanbieder: true }, { at: moment('2026-12-21', '10:00:00') }))).rejects.toMatchObject({ reason: 'toewijzing.change_refused', details: expect.arrayContaining([expect.objectContaining({ rule: 'IV066' })]) })
  })

  it('answers a 317 as IV093 voorbeeld 1: E extended on its number, F ended the day before its new omvang and a new F, all with the 317\'s ReferentieAanbieder', async () => {
    const client = await newClient('999900043')
    const stabiel = { ...assessment, perspective: 'stabiliteit' as const }
    const e = await as((trx) => issueToewijzing(trx, s.team, { clientId: client.id, assessment: stabiel, providerId: provider().id, productId: s.productId, ingangsdatum: '2027-01-01', einddatum: '2027-06-30', omvang: { volume: 4, eenheid: '04', frequentie: '2' } }, { at: moment('2026-12-10') }))
    const f = await as((trx) => issueToewijzing(trx, s.team, { clientId: client.id, assessment: stabiel, providerId: provider().id, productId: s.dayProductId, ingangsdatum: '2027-01-01', einddatum: '2027-06-30', omvang: { volume: 3, eenheid: '16', frequentie: '2' } }, { at: moment('2026-12-10', '09:00:01') }))
    await receive(request317('999900043', 'A001', {
      TeWijzigenProducten: {
        TeWijzigenProduct: [
          { ToewijzingNummer: String(e.toewijzingNummer), GewensteIngangsdatum: '2027-01-01', Einddatum: '2027-12-31', Omvang: { Volume: '4', Eenheid: '04', Frequentie: '2' } },
          { ToewijzingNummer: String(f.toewijzingNummer), GewensteIngangsdatum: '2027-03-15', Einddatum: '2027-06-30', Omvang: { Volume: '6', Eenheid: '16', Frequentie: '2' } },
        ],
      },
    }, '2027-02-20'), moment('2027-02-20'))
    const a001 = (await item('A001')).id
    const { messageId } = await as((trx) => approveChangeRequest(trx, s.team, a001, moment('2027-03-01')))
    const products = await toegewezen(messageId)
    expect(products.map((p) => [p.ToewijzingNummer === e.toewijzingNummer ? 'E' : p.ToewijzingNummer === f.toewijzingNummer ? 'F' : 'nieuw F', p.Ingangsdatum, p.Einddatum, (p.Omvang as MessageObject).Volume, p.RedenWijziging, p.ReferentieAanbieder])).toEqual([
      ['E', '2027-01-01', '2027-12-31', 4, '12', 'A001'],
      ['F', '2027-01-01', '2027-03-14', 3, '12', 'A001'],
      ['nieuw F', '2027-03-15', '2027-06-30', 6, undefined, 'A001'],
    ])
  })

  it('carries the gezagsdrager as a Relatie of the iJw 301 (OP001, OP002, OP071, IV045), not when the provider said it knows it (OP002x1)', async () => {
    const client = await newClient('999900067')
    const t = await as((trx) => issueToewijzing(trx, s.team, { clientId: client.id, assessment, providerId: provider().id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-02-28', omvang: { volume: 2, eenheid: '04', frequentie: '2' } }, { at: moment('2026-11-20') }))
    expect(t.decision.findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(['OP001:warning'])
    expect((await sent(t.messageId, '301')).Client).not.toHaveProperty('Relaties')

    await expect(as((trx) => setGezag(trx, s.team, client.id, { gezagBijClient: true }, '2026-11-21'))).rejects.toMatchObject({ reason: 'gezag.client_too_young', details: expect.arrayContaining([expect.objectContaining({ rule: 'OP001' })]) })
    await as((trx) => setGezag(trx, s.team, client.id, { gezagsdragers: [
      { soort: '10', achternaam: 'Jansen', voorletters: 'M', postcode: '3701AB', huisnummer: 7 },
      { soort: '11', achternaam: 'Stichting Jeugdbescherming', organisatie: true, telefoon: '0301234567' },
    ] }, '2026-11-21'))
    const longer = await as((trx) => changeToewijzing(trx, s.team, t.id, { redenWijziging: '04', einddatum: '2027-04-30' }, { at: moment('2026-11-22') }))
    expect(((await sent(longer.messageId, '301')).Client as MessageObject).Relaties).toEqual({
      Relatie: [
        { Nummer: '1', Soort: '10', Naam: { Geslachtsnaam: { Achternaam: 'Jansen' }, Voorletters: 'M', NaamGebruik: '1' }, Contact: { Soort: '01', Adres: { Huis: { Huisnummer: 7 }, Postcode: '3701AB', LandCode: 'NL' } } },
        { Nummer: '2', Soort: '11', Naam: { Geslachtsnaam: { Achternaam: 'Stichting Jeugdbescherming' }, NaamGebruik: '6' }, Contact: { Soort: '02', Telefoon: { Telefoon01: { Telefoonnummer: '0301234567', Landnummer: '0031' } } } },
      ],
    })
    // OP071: a relation keeps its number, and a number is never given to another person.
    const gezag = await as((trx) => setGezag(trx, s.team, client.id, { gezagsdragers: [{ nummer: 2, soort: '11', achternaam: 'Stichting Jeugdbescherming', organisatie: true, telefoon: '0301234567' }, { soort: '10', achternaam: 'Bakker', telefoon: '0612345678' }] }, '2026-11-23'))
    expect(gezag.gezagsdragers.map((g) => [g.nummer, g.achternaam])).toEqual([[2, 'Stichting Jeugdbescherming'], [3, 'Bakker']])

    await receive(request315('999900067', 'VOT-G', { Categorie: '45', Code: '45A53' }, { Volume: '2', Eenheid: '16', Frequentie: '2' }, '2026-11-24', { GezagsdragerBekend: '1' }), moment('2026-11-24'))
    const vot = (await item('VOT-G')).id
    const granted = await as((trx) => approveRequest(trx, s.team, vot, { assessment, productId: s.dayProductId, ingangsdatum: '2026-12-01', einddatum: '2027-02-28', omvang: { volume: 2, eenheid: '16', frequentie: '2' } }, moment('2026-11-25')))
    expect(granted.decision.findings).toEqual([])
    expect((await sent(granted.messageId, '301')).Client).not.toHaveProperty('Relaties')
  })

  it('writes a generic toewijzing with a Budget and no Product (IV075, CD079), and an aspecific one with the categorie only (CD080)', async () => {
    const client = await newClient('999900079')
    const regio = s.region.actor('regio')
    const [generiek, aspecifiek] = await withActor(database.db, regio, async (trx) => [
      await createProduct(trx, s.region.regionId, { segmentId: s.segmentId, productcategorie: '45', productcode: null, name: 'Budget ambulant', eenheid: '04', variant: 'inspanningsgericht', generiek: true }),
      await createProduct(trx, s.region.regionId, { segmentId: s.segmentId, productcategorie: '43', productcode: null, name: 'Jeugdhulp met verblijf', eenheid: '14', variant: 'inspanningsgericht' }),
    ])
    const budget = await as((trx) => issueToewijzing(trx, s.team, { clientId: client.id, assessment, providerId: provider().id, productId: generiek!, ingangsdatum: '2026-12-01', einddatum: '2027-05-31', budgetCents: 1_250_000 }, { at: moment('2026-11-20') }))
    expect(budget.decision.verplichtingCents).toBe(1_250_000)
    const [product] = await toegewezen(budget.messageId)
    expect(product).toMatchObject({ ToewijzingNummer: budget.toewijzingNummer, Budget: 1_250_000, Ingangsdatum: '2026-12-01', Einddatum: '2027-05-31' })
    expect(product).not.toHaveProperty('Product')
    expect(product).not.toHaveProperty('Omvang')
    // OP259, TR302: nothing else of this provider beside a generic toewijzing; another provider may.
    await expect(as((trx) => issueToewijzing(trx, s.team, { clientId: client.id, assessment, providerId: provider().id, productId: aspecifiek!, ingangsdatum: '2027-01-01', einddatum: '2027-03-31', budgetCents: 300_000 }, { at: moment('2026-11-21') }))).rejects.toMatchObject({ reason: 'toegang.refused', details: expect.arrayContaining([expect.objectContaining({ rule: 'TG-OVERLAP' })]) })
    const other = await as((trx) => issueToewijzing(trx, s.team, { clientId: client.id, assessment, providerId: s.providers[1]!.id, productId: aspecifiek!, ingangsdatum: '2027-01-01', einddatum: '2027-03-31', budgetCents: 300_000 }, { at: moment('2026-11-21') }))
    const [categorie] = await toegewezen(other.messageId)
    expect(categorie).toMatchObject({ Product: { Categorie: '43' }, Budget: 300_000 })
  })
})
