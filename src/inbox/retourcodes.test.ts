/** One refusal per ledger rule of the provider messages, with its retourcode; a refused class changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import type { Moment } from '../shared/moment.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type ToegangScenario, assessment, providerMessage, request315, startStop, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { receiveMessage } from './receive.ts'

const dec: Moment = { date: '2026-12-15', time: '10:00:00' }

describe.each(engines)('retourcodes of provider messages on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let nummer: number
  const receive = (bytes: Uint8Array) => receiveMessage(database.db, s.region.regionId, bytes, { at: dec })
  const count = (table: 'care_start' | 'care_stop' | 'care_request') => withActor(database.db, s.team, async (trx) => (await trx.selectFrom(table).select('id').execute()).length)
  const stop = (fields: Record<string, string>, ident?: string) => startStop(s, '307', nummer, { Begindatum: '2026-12-03', RedenBeeindiging: '31', Einddatum: '2026-12-12', ...fields }, { ident })

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    const issued = await withActor(database.db, s.team, (trx) =>
      issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-05-31', omvang: { volume: 3, eenheid: '04', frequentie: '2' } }, { at: { date: '2026-11-20', time: '09:00:00' } }),
    )
    nummer = issued.toewijzingNummer
  })
  afterAll(() => database.dispose())

  it('TR019 (9019): a start on an unknown toewijzing, or one held by another provider, is refused and signalled', async () => {
    expect((await receive(startStop(s, '305', 999_999, { Begindatum: '2026-12-03' }))).retourCodes).toEqual(['9019'])
    const other = await receive(startStop(s, '305', nummer, { Begindatum: '2026-12-03' }, { provider: 1 }))
    expect(other).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['9019'] })
    expect(other.problems[0]).toMatchObject({ rule: 'TR019', signal: 'andere_aanbieder' })
    expect(await count('care_start')).toBe(0)
  })

  it('9074 and TR326 (9326): no second start with the same key, none while the care runs', async () => {
    expect((await receive(startStop(s, '305', nummer, { Begindatum: '2026-12-03' }))).retourCodes).toEqual([])
    expect((await receive(startStop(s, '305', nummer, { Begindatum: '2026-12-03' }))).retourCodes).toEqual(['9074'])
    expect((await receive(startStop(s, '305', nummer, { Begindatum: '2026-12-05' }))).retourCodes).toEqual(['9326'])
    expect(await count('care_start')).toBe(1)
  })

  it('TR382 (9069): a stop repeats the key of a current start', async () => {
    expect((await receive(stop({ Begindatum: '2026-12-04' }))).retourCodes).toEqual(['9069'])
    expect(await count('care_stop')).toBe(0)
  })

  it('TR413, TR414, TR415 (9413, 9414, 9415): temporary and definitive stops', async () => {
    expect((await receive(stop({ RedenBeeindiging: '20', Einddatum: '2026-12-10' }))).retourCodes).toEqual([])
    expect((await receive(stop({ RedenBeeindiging: '20', Einddatum: '2026-12-11' }))).retourCodes).toEqual(['9413'])
    expect((await receive(stop({ Einddatum: '2026-12-09' }))).retourCodes).toEqual(['9414'])
    expect((await receive(stop({ Einddatum: '2026-12-12' }))).retourCodes).toEqual([])
    expect((await receive(stop({ Einddatum: '2026-12-13' }))).retourCodes).toEqual(['9415'])
    expect(await count('care_stop')).toBe(2)
  })

  it('TR071 (9071): a stopped start cannot be removed; TR063 (9069): nothing to remove', async () => {
    expect((await receive(startStop(s, '305', nummer, { Begindatum: '2026-12-03', StatusAanlevering: '3' }))).retourCodes).toEqual(['9071'])
    expect((await receive(startStop(s, '305', nummer, { Begindatum: '2026-12-08', StatusAanlevering: '3' }))).retourCodes).toEqual(['9069'])
  })

  it('TR347 (9347) and TR361 (9361): unique ReferentieAanbieder, no overlapping products in one request', async () => {
    expect((await receive(request315(s, 'R-1', { ingangsdatum: '2027-07-01', einddatum: '2027-09-30' }))).retourCodes).toEqual([])
    expect((await receive(request315(s, 'R-1', { ingangsdatum: '2027-10-01', einddatum: '2027-12-31' }))).retourCodes).toEqual(['9347'])
    const base = { Bsn: s.bsn, Geboortedatum: { Datum: '2012-02-14' }, Geslacht: '1', Naam: { Geslachtsnaam: { Achternaam: 'Wit' } } }
    const product = (ref: string, from: string) => ({ ReferentieAanbieder: ref, Product: { Categorie: '45', Code: '45A48' }, ToewijzingIngangsdatum: from, ToewijzingEinddatum: '2027-12-31', Omvang: { Volume: '1', Eenheid: '04', Frequentie: '2' }, Verwijzer: { Type: '01' } })
    const twice = await receive(providerMessage('315', s.providers[0]!.agb, s.zeist.cbsCode, { ...base, AangevraagdeProducten: { AangevraagdProduct: [product('R-2', '2027-08-01'), product('R-3', '2027-09-01')] } }))
    expect(twice.retourCodes).toEqual(['9361'])
    expect(await count('care_request')).toBe(2) // R-3 refused
  })

  it('TR349, TR350, TR351, TR357, TR373, TR374: a 317 must describe the current toewijzingen consistently', async () => {
    const verzoek = (ref: string, v: Record<string, unknown>) => providerMessage('317', s.providers[0]!.agb, s.zeist.cbsCode, { Bsn: s.bsn, Verzoek: { ReferentieAanbieder: ref, RedenVerzoek: '1', ...v } }, '2026-12-14')
    expect((await receive(verzoek('V-1', {}))).retourCodes).toContain('9349')
    expect((await receive(verzoek('V-2', { OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: String(nummer) }, { ToewijzingNummer: '424242' }] } }))).retourCodes).toContain('9350')
    expect((await receive(verzoek('V-3', { TeWijzigenProducten: { TeWijzigenProduct: [{ ToewijzingNummer: '424242', GewensteIngangsdatum: '2027-01-01', Einddatum: '2027-06-30' }] } }))).retourCodes).toContain('9351')
    expect((await receive(verzoek('V-4', { TeWijzigenProducten: { TeWijzigenProduct: [{ ToewijzingNummer: String(nummer), GewensteIngangsdatum: '2026-12-10', Einddatum: '2027-06-30' }] } }))).retourCodes).toContain('9357')
    expect((await receive(verzoek('V-5', { TeWijzigenProducten: { TeWijzigenProduct: [{ ToewijzingNummer: String(nummer), GewensteIngangsdatum: '2027-02-01', Einddatum: '2027-06-30', Budget: '100000' }] } }))).retourCodes).toContain('9373')
    expect((await receive(verzoek('V-6', { TeWijzigenProducten: { TeWijzigenProduct: [{ ToewijzingNummer: String(nummer), GewensteIngangsdatum: '2026-12-01', Einddatum: '2027-06-30' }] } }))).retourCodes).toEqual([])
    expect((await receive(verzoek('V-7', { OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: String(nummer) }] } }))).retourCodes).toEqual(['9374'])
  })

  it('8848: a Dagtekening after today is refused in the header', async () => {
    const r = await receiveMessage(database.db, s.region.regionId, startStop(s, '305', nummer, { Begindatum: '2026-12-03' }), { at: { date: '2026-12-01', time: '08:00:00' } })
    expect(r).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['8848'] })
  })
})
