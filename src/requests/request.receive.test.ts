/**
 * The 315 and 317 as the regelrapport prescribes, through the inbox on every engine: each rule
 * refuses its case with its exact retourcode and accepts the valid neighbour; a refused
 * request puts nothing in the lokaal team's queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listContracts } from '../contracts/contract.queries.ts'
import { type ScopedDb, withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import type { WritableObject } from '../istandaarden/messages/write-message.ts'
import { xsdVerdict } from '../istandaarden/testing/xsd-oracle.ts'
import { createProduct, createTariff } from '../products/product.queries.ts'
import type { Moment } from '../shared/moment.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type ToegangScenario, assessment, changeRequest317, providerMessage, request315, scenarioClient, toegangScenario, uncheckedProviderMessage } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { markInProgress, refuseRequest } from './request.queries.ts'
import { tr411Omvang } from './request.receive.ts'

const nov: Moment = { date: '2026-11-03', time: '09:00:00' }
const dec: Moment = { date: '2026-12-15', time: '10:00:00' }

describe.each(engines)('315 and 317 rule by rule on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  /** The client's toewijzing of 45A48 (with a code) and of categorie 45 without a code, both current in December 2026. */
  let coded: string
  let uncoded: string

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    const regio = s.region.actor('regio')
    const genericId = await withActor(database.db, regio, async (trx) => {
      const id = await createProduct(trx, s.region.regionId, { segmentId: s.segmentId, productcategorie: '45', productcode: null, name: 'Jeugdhulp ambulant (categorie)', eenheid: '04', variant: 'inspanningsgericht' })
      const [contract] = await listContracts(trx, { providerId: null })
      await createTariff(trx, s.region.regionId, { productId: id, contractId: contract!.id, validFrom: '2026-01-01', validTo: '2027-12-31', amountCents: 9000 })
      return id
    })
    const issue = (productId: number, size: { omvang: { volume: number; eenheid: '04'; frequentie: '2' } } | { budgetCents: number }) =>
      withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId, ingangsdatum: '2026-12-01', einddatum: '2027-05-31', ...size }, { at: nov }))
    coded = String((await issue(s.productId, { omvang: { volume: 3, eenheid: '04', frequentie: '2' } })).toewijzingNummer)
    // CD080: a product without a code is allocated as a budget, without an Omvang.
    uncoded = String((await issue(genericId, { budgetCents: 100000 })).toewijzingNummer)
  })
  afterAll(() => database.dispose())

  const receive = (bytes: Uint8Array, moment = dec) => receiveMessage(database.db, s.region.regionId, bytes, { at: moment })
  const queued = () => withActor(database.db, s.team, async (trx) => (await trx.selectFrom('care_request').select('referentie_aanbieder').orderBy('id').execute()).map((r) => r.referentie_aanbieder))
  const requestId = async (trx: ScopedDb, ref: string) => (await trx.selectFrom('care_request').select('id').where('referentie_aanbieder', '=', ref).executeTakeFirstOrThrow()).id
  const refuse = (ref: string) => withActor(database.db, s.team, async (trx) => refuseRequest(trx, s.team, await requestId(trx, ref), { reden: '7', note: 'test' }, dec))
  const accepted = (r: { outcome: string; problems: unknown[] }) => expect(r).toMatchObject({ outcome: 'verwerkt', problems: [] })
  const refused = (r: { outcome: string; retourCodes: string[]; problems: { rule: string; retourcode: string }[] }, rule: string, code: string) => {
    expect(r.outcome).toBe('afgekeurd')
    expect(r.retourCodes).toContain(code)
    expect(r.problems.map((p) => `${p.rule} ${p.retourcode}`)).toContain(`${rule} ${code}`)
  }
  /** Both current toewijzingen listed unchanged, plus `verzoek`'s own classes. */
  const verzoek = (ref: string, v: WritableObject, options: { bsn?: string } = {}) => changeRequest317(s, { ReferentieAanbieder: ref, OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: coded }, { ToewijzingNummer: uncoded }] }, ...v }, options)
  const nieuw = (from: string, to: string, product: WritableObject = { Categorie: '45', Code: '45A53' }): WritableObject => ({ NieuweProducten: { NieuwProduct: [{ Product: product, GewensteIngangsdatum: from, Einddatum: to, Omvang: { Volume: '1', Eenheid: '16', Frequentie: '2' } }] } })

  it('TR374 (9374): no second request for the client while one is being handled, whether open or in onderzoek', async () => {
    accepted(await receive(request315(s, 'A-1', { ingangsdatum: '2027-07-01', einddatum: '2027-09-30' }), nov))
    refused(await receive(request315(s, 'A-2', { ingangsdatum: '2027-10-01', einddatum: '2027-12-31' }), nov), 'TR374', '9374')
    refused(await receive(verzoek('A-3', nieuw('2027-06-01', '2027-08-31'))), 'TR374', '9374')
    await withActor(database.db, s.team, async (trx) => markInProgress(trx, s.team, await requestId(trx, 'A-1'), 'onderzoek', nov))
    refused(await receive(request315(s, 'A-4', { ingangsdatum: '2027-10-01', einddatum: '2027-12-31' }), nov), 'TR374', '9374')
    // Handled once a 319 refused it (or a 301 honoured it).
    await refuse('A-1')
    accepted(await receive(request315(s, 'A-5', { ingangsdatum: '2027-10-01', einddatum: '2027-12-31' }), dec))
    // Another provider's request for the same client is no obstacle.
    accepted(await receive(request315(s, 'B-1', { provider: 1, ingangsdatum: '2027-10-01', einddatum: '2027-12-31' }), dec))
    await refuse('A-5')
    await refuse('B-1')
    expect(await queued()).toEqual(['A-1', 'A-5', 'B-1'])
  })

  it('TR347 (9347): a ReferentieAanbieder is used once by the provider within the law', async () => {
    refused(await receive(request315(s, 'A-1', { ingangsdatum: '2027-10-01', einddatum: '2027-12-31' })), 'TR347', '9347')
    const reused = await receive(verzoek('A-5', nieuw('2027-06-01', '2027-08-31')))
    refused(reused, 'TR347', '9347')
    expect(reused.problems.map((p) => p.rule)).toEqual(['TR347'])
    expect(await queued()).toEqual(['A-1', 'A-5', 'B-1'])
  })

  it('TR383 and TR386 (0001): a 315 with a ReferentieAanbieder twice, or a product twice in overlapping periods, is refused in the header', async () => {
    const product = (ref: string, from: string, to: string): WritableObject => ({ ReferentieAanbieder: ref, Product: { Categorie: '45', Code: '45A48' }, ToewijzingIngangsdatum: from, ToewijzingEinddatum: to, Omvang: { Volume: '1', Eenheid: '04', Frequentie: '2' }, Verwijzer: { Type: '01' } })
    const send = (products: WritableObject[]) => receive(uncheckedProviderMessage('315', s.providers[0]!.agb, s.zeist.cbsCode, { ...scenarioClient(s), AangevraagdeProducten: { AangevraagdProduct: products } }, '2026-12-14'))
    const twiceRef = await send([product('C-1', '2027-07-01', '2027-08-31'), product('C-1', '2027-09-01', '2027-10-31')])
    expect(twiceRef).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['0001'] })
    expect(twiceRef.problems.map((p) => p.rule)).toEqual(['TR383'])
    const overlap = await send([product('C-2', '2027-07-01', '2027-08-31'), product('C-3', '2027-08-31', '2027-10-31')])
    expect(overlap).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['0001'] })
    expect(overlap.problems.map((p) => p.rule)).toEqual(['TR386'])
    const apart = await send([product('C-4', '2027-07-01', '2027-08-31'), product('C-5', '2027-09-01', '2027-10-31')])
    accepted(apart)
    await refuse('C-4')
    await refuse('C-5')
    expect(await queued()).toEqual(['A-1', 'A-5', 'B-1', 'C-4', 'C-5'])
  })

  it('TR381 (S329): a ProductCode outside the region’s product list is refused', async () => {
    const bytes = providerMessage('315', s.providers[0]!.agb, s.zeist.cbsCode, {
      ...scenarioClient(s),
      AangevraagdeProducten: { AangevraagdProduct: [{ ReferentieAanbieder: 'D-1', Product: { Categorie: '45', Code: '45X99' }, ToewijzingIngangsdatum: '2027-07-01', ToewijzingEinddatum: '2027-08-31', Omvang: { Volume: '1', Eenheid: '04', Frequentie: '2' }, Verwijzer: { Type: '01' } }] },
    }, '2026-12-14')
    refused(await receive(bytes), 'TR381', 'S329')
    refused(await receive(verzoek('D-2', nieuw('2027-01-04', '2027-03-31', { Categorie: '45', Code: '45X99' }))), 'TR381', 'S329')
    expect(await queued()).not.toContain('D-1')
  })

  it('TR304 (8187): a 317 is about a client of the gemeente', async () => {
    const r = await receive(verzoek('E-1', nieuw('2027-06-01', '2027-08-31'), { bsn: '999900018' }))
    refused(r, 'TR304', '8187')
    expect(r.problems.map((p) => p.rule)).toEqual(['TR304'])
    // The retour carries the code on the Client (and the Verzoek), as the 318's XSD allows.
    const retour = await withActor(database.db, s.team, (trx) => trx.selectFrom('message').select(['code', 'content']).where('id', '=', r.retourId!).executeTakeFirstOrThrow())
    expect(retour.code).toBe('318')
    expect(xsdVerdict('ijw', '318', retour.content)).toMatchObject({ valid: true })
  })

  it('TR349, TR350, TR351 (9349, 9350, 9351): a 317 lists every current toewijzing and only those', async () => {
    refused(await receive(changeRequest317(s, { ReferentieAanbieder: 'F-1', OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: coded }] }, ...nieuw('2027-06-01', '2027-08-31') })), 'TR349', '9349')
    refused(await receive(changeRequest317(s, { ReferentieAanbieder: 'F-2', OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: coded }, { ToewijzingNummer: uncoded }, { ToewijzingNummer: '424242' }] }, ...nieuw('2027-06-01', '2027-08-31') })), 'TR350', '9350')
    refused(await receive(verzoek('F-3', { TeWijzigenProducten: { TeWijzigenProduct: [{ ToewijzingNummer: '424242', GewensteIngangsdatum: '2027-01-01', Einddatum: '2027-05-31', Omvang: { Volume: '4', Eenheid: '04', Frequentie: '2' } }] } })), 'TR351', '9351')
  })

  it('TR357 and TR373 (9357, 9373): a change from the Dagtekening or earlier, and a budget change, keep the ingangsdatum', async () => {
    const change = (ref: string, p: WritableObject) => changeRequest317(s, { ReferentieAanbieder: ref, OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: uncoded }] }, TeWijzigenProducten: { TeWijzigenProduct: [{ ToewijzingNummer: coded, Einddatum: '2027-05-31', ...p }] } })
    refused(await receive(change('G-1', { GewensteIngangsdatum: '2026-12-10', Omvang: { Volume: '4', Eenheid: '04', Frequentie: '2' } })), 'TR357', '9357')
    refused(await receive(change('G-2', { GewensteIngangsdatum: '2027-02-01', Budget: '100000' })), 'TR373', '9373')
  })

  it('TR411 and TR412 (9411, 9412): the Omvang of a TeWijzigenProduct follows the Product of its toewijzing', async () => {
    const change = (ref: string, nummer: string, other: string, omvang: WritableObject | undefined) =>
      changeRequest317(s, { ReferentieAanbieder: ref, OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: other }] }, TeWijzigenProducten: { TeWijzigenProduct: [{ ToewijzingNummer: nummer, GewensteIngangsdatum: '2026-12-01', Einddatum: '2027-05-31', ...(omvang ? { Omvang: omvang } : { Budget: '50000' }) }] } })
    refused(await receive(change('H-1', coded, uncoded, undefined)), 'TR411', '9411')
    refused(await receive(change('H-2', uncoded, coded, { Volume: '4', Eenheid: '04', Frequentie: '2' })), 'TR412', '9412')
    accepted(await receive(change('H-3', coded, uncoded, { Volume: '4', Eenheid: '04', Frequentie: '2' })))
    await refuse('H-3')
  })

  it('TR361 (9361): a NieuwProduct does not overlap a listed toewijzing of the same product; TR410 (0001) among the NieuwProducten', async () => {
    refused(await receive(verzoek('I-1', nieuw('2027-05-01', '2027-08-31', { Categorie: '45', Code: '45A48' }))), 'TR361', '9361')
    // The toewijzing without a code clashes by its categorie with every product of categorie 45.
    refused(await receive(changeRequest317(s, { ReferentieAanbieder: 'I-2', OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: coded }, { ToewijzingNummer: uncoded }] }, ...nieuw('2027-05-01', '2027-08-31') })), 'TR361', '9361')
    const twice = uncheckedProviderMessage('317', s.providers[0]!.agb, s.zeist.cbsCode, {
      Bsn: s.bsn,
      Verzoek: { ReferentieAanbieder: 'I-3', RedenVerzoek: '1', OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: coded }, { ToewijzingNummer: uncoded }] }, NieuweProducten: { NieuwProduct: ['2027-06-01', '2027-07-01'].map((from) => ({ Product: { Categorie: '45', Code: '45A53' }, GewensteIngangsdatum: from, Einddatum: '2027-09-30', Omvang: { Volume: '1', Eenheid: '16', Frequentie: '2' } })) } },
    }, '2026-12-14')
    const r = await receive(twice)
    expect(r).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['0001'] })
    expect(r.problems.map((p) => p.rule)).toEqual(['TR410'])
    accepted(await receive(verzoek('I-4', nieuw('2027-06-01', '2027-08-31', { Categorie: '45', Code: '45A48' }))))
  })

  it('TR352 and TR353 (0001): a 317 names a current toewijzing and asks a change', async () => {
    const send = (v: WritableObject) => receive(uncheckedProviderMessage('317', s.providers[0]!.agb, s.zeist.cbsCode, { Bsn: s.bsn, Verzoek: { ReferentieAanbieder: 'J-1', RedenVerzoek: '1', ...v } }, '2026-12-14'))
    const none = await send(nieuw('2027-06-01', '2027-08-31'))
    expect(none).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['0001'] })
    expect(none.problems.map((p) => p.rule)).toEqual(['TR352'])
    const nothing = await send({ OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: coded }, { ToewijzingNummer: uncoded }] } })
    expect(nothing.problems.map((p) => p.rule)).toEqual(['TR353'])
  })
})

describe('tr411Omvang', () => {
  it('TR375 (9375): a toewijzing without a Product takes no Omvang after 2020', () => {
    expect(tr411Omvang({ nummer: 1, categorie: null, code: null }, { omvang: true, einddatum: '2027-01-31' })).toMatchObject({ rule: 'TR375', retourcode: '9375' })
    expect(tr411Omvang({ nummer: 1, categorie: null, code: null }, { omvang: true, einddatum: '2020-12-31' })).toBeUndefined()
    expect(tr411Omvang({ nummer: 1, categorie: null, code: null }, { omvang: false })).toBeUndefined()
  })
})
