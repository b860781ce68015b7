import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerClient } from '../clients/client.queries.ts'
import { withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { type MessageObject, parseMessage } from '../istandaarden/messages/read-message.ts'
import { headerRetour } from '../istandaarden/messages/retour.ts'
import { writeMessage } from '../istandaarden/messages/write-message.ts'
import type { Moment } from '../shared/moment.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type Regel, declaratie323 } from '../test/declaratie-scenario.ts'
import { type ToegangScenario, assessment, changeRequest317, startStop, toegangScenario } from '../test/toegang-scenario.ts'
import { changeToewijzing, issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'

const nov: Moment = { date: '2026-11-20', time: '09:00:00' }
const dec: Moment = { date: '2026-12-15', time: '10:00:00' }

/**
 * OP095: "Een bericht mag niet worden afgekeurd op basis van informatie waartoe de verzendende
 * partij geen toegang heeft." The provider's messages are judged against the toewijzing as its
 * last accepted 301 carried it; a 301 it refused whole counts as not sent (OP286).
 */
describe.each(engines)('judging against what the provider was sent (OP095) on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let ident = 0
  const as = <T>(work: Parameters<typeof withActor<T>>[2]) => withActor(database.db, s.team, work)
  const receive = (bytes: Uint8Array, at: Moment = dec) => receiveMessage(database.db, s.region.regionId, bytes, { at })
  /** The provider refuses the last 301 it was sent whole, with 0001 in its 302's Header. */
  const refuseLast301 = async (provider = 0) => {
    const sent = await as((trx) => trx.selectFrom('message').select('content').where('direction', '=', 'out').where('code', '=', '301').where('provider_id', '=', s.providers[provider]!.id).orderBy('id', 'desc').executeTakeFirstOrThrow())
    const header = parseMessage(sent.content).body!.Header as MessageObject
    const { kind, body } = headerRetour({ kind: { law: 'ijw', code: '301' }, header, identificatie: `RET-${++ident}`, dagtekening: dec.date, codes: ['0001'] })
    expect(await receive(new TextEncoder().encode(writeMessage(kind, body)))).toMatchObject({ outcome: 'verwerkt' })
  }
  const january = (nummer: number, bsn: string, provider: number) => {
    const regel: Regel = { ref: `OP095-${++ident}`, nummer, bsn, begin: '2027-01-01', eind: '2027-01-31', volume: 2, tarief: 9270 }
    return receive(declaratie323({ agb: s.providers[provider]!.agb, cbs: s.zeist.cbsCode, ident: `D${++ident}`, nummer: `DN${ident}`, maand: '2027-01', dagtekening: '2027-02-03', regels: [regel] }), { date: '2027-02-04', time: '10:00:00' })
  }
  const issue = (clientId: number, provider: number, ingangsdatum: string, einddatum: string) =>
    as((trx) => issueToewijzing(trx, s.team, { clientId, assessment, providerId: s.providers[provider]!.id, productId: s.productId, ingangsdatum, einddatum, omvang: { volume: 2, eenheid: '04', frequentie: '4' } }, { at: nov }))
  const idOf = (nummer: number) => as(async (trx) => (await trx.selectFrom('toewijzing').select('id').where('toewijzing_nummer', '=', nummer).executeTakeFirstOrThrow()).id)

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
  })
  afterAll(() => database.dispose())

  it('grants a 323 within the toewijzing the provider was sent, though the gemeente shortened it since in a 301 the provider refused', async () => {
    const kept = await issue(s.clientId, 0, '2026-12-01', '2027-02-28')
    const id = await idOf(kept.toewijzingNummer)
    await as((trx) => changeToewijzing(trx, s.team, id, { redenWijziging: '05', einddatum: '2026-12-31' }, { at: { date: '2026-11-25', time: '09:00:00' } }))
    await refuseLast301(0)
    expect(await as((trx) => trx.selectFrom('toewijzing').select(['version', 'sent_version']).where('toewijzing_nummer', '=', kept.toewijzingNummer).executeTakeFirstOrThrow())).toEqual({ version: 2, sent_version: 1 })
    const r = await january(kept.toewijzingNummer, s.bsn, 0)
    expect(r.problems).toEqual([])
    expect(r).toMatchObject({ outcome: 'verwerkt', retourCodes: ['8001'] })
  })

  it('refuses the same 323 once the shortened toewijzing reached the provider', async () => {
    const bsn = '999900018'
    const c = await as((trx) => registerClient(trx, s.team, { bsn, birthDate: '2013-03-01', familyName: 'Berg', gender: '2', postcode: '3701AC', huisnummer: 3 }))
    const shortened = await issue(c.id, 1, '2026-12-01', '2027-02-28')
    const id = await idOf(shortened.toewijzingNummer)
    await as((trx) => changeToewijzing(trx, s.team, id, { redenWijziging: '05', einddatum: '2026-12-31' }, { at: { date: '2026-11-25', time: '09:00:00' } }))
    const r = await january(shortened.toewijzingNummer, bsn, 1)
    expect(r.outcome).toBe('afgekeurd')
    expect(r.problems.map((p) => p.retourcode)).toEqual(['9307', '9308'])
  })

  it('treats a toewijzing whose only 301 the provider refused as unknown to it: a 305 gets 9019, a 317 need not list it (TR349)', async () => {
    const later = await issue(s.clientId, 0, '2027-03-01', '2027-05-31')
    await refuseLast301(0)
    expect(await as((trx) => trx.selectFrom('toewijzing').select('sent_version').where('toewijzing_nummer', '=', later.toewijzingNummer).executeTakeFirstOrThrow())).toEqual({ sent_version: null })
    const start = await receive(startStop(s, '305', later.toewijzingNummer, { ToewijzingIngangsdatum: '2027-03-01', Begindatum: '2027-03-02' }, { dagtekening: '2027-03-03' }), { date: '2027-03-04', time: '09:00:00' })
    expect(start).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['9019'] })
    // The provider's current toewijzingen are the first one as it was sent (to 28 February); the later one it does not know.
    const kept = await as(async (trx) => (await trx.selectFrom('toewijzing').select('toewijzing_nummer').where('client_id', '=', s.clientId).where('toewijzing_nummer', '<>', later.toewijzingNummer).executeTakeFirstOrThrow()).toewijzing_nummer)
    const request = changeRequest317(s, {
      ReferentieAanbieder: 'OP095-317',
      OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: String(kept) }] },
      NieuweProducten: { NieuwProduct: [{ Product: { Categorie: '45', Code: '45A53' }, GewensteIngangsdatum: '2027-06-01', Einddatum: '2027-08-31', Omvang: { Volume: '1', Eenheid: '04', Frequentie: '2' } }] },
    }, { dagtekening: dec.date })
    const r = await receive(request)
    expect(r.problems.filter((p) => p.rule === 'TR349')).toEqual([])
  })
})
