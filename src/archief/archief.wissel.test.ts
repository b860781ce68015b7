/**
 * Issue 23, switching: a region that starts in observer mode, imports its back office's archive
 * and then lets Koers answer, continues the history as if Koers had answered all along — the
 * toewijzing numbers, the identifications of its own messages, the 325 on a declaration about
 * toewijzingen from the archive. And the other way round: a region that answered and starts
 * observing keeps its earlier messages with the mode they were taken in.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/database.ts'
import { withActor } from '../db/scope.ts'
import { providerMessage } from '../exchange/provider-message.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { parseMessage } from '../istandaarden/messages/read-message.ts'
import { buildRetour } from '../istandaarden/messages/retour.ts'
import { writeMessage } from '../istandaarden/messages/write-message.ts'
import { approveRequest } from '../requests/request.queries.ts'
import { importeerArchief } from './archief-import.ts'
import { answeringTraffic, at, exportBothDirections } from '../test/archief-scenario.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { declaratie323 } from '../test/declaratie-scenario.ts'
import { newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { type ToegangScenario, assessment, request315, scenarioClient, toegangScenario } from '../test/toegang-scenario.ts'

/** What a provider sends next, and the team's answer: a request approved with a 301, and a declaration of January on toewijzing `nummer` (from before the switch). */
async function nextTraffic(db: Database, s: ToegangScenario, nummer: number) {
  const request = await receiveMessage(db, s.region.regionId, request315(s, 'R5', { ident: 'RQ5', ingangsdatum: '2027-09-01', einddatum: '2027-12-31' }), { at: at('2027-02-01') })
  expect(request).toMatchObject({ outcome: 'verwerkt' })
  const queued = await withActor(db, s.team, (trx) => trx.selectFrom('care_request').select('id').where('referentie_aanbieder', '=', 'R5').executeTakeFirstOrThrow())
  const t = await withActor(db, s.team, (trx) => approveRequest(trx, s.team, queued.id, { productId: s.productId, ingangsdatum: '2027-09-01', einddatum: '2027-12-31', omvang: { volume: 3, eenheid: '04', frequentie: '2' }, assessment }, at('2027-02-02', '09:00:00')))
  const regels = [{ ref: 'D9', nummer, bsn: s.bsn, begin: '2027-01-01', eind: '2027-01-31', volume: 12, tarief: 9270 }]
  const declaratie = await receiveMessage(db, s.region.regionId, declaratie323({ agb: s.providers[0]!.agb, cbs: s.zeist.cbsCode, ident: 'DC9', nummer: 'DN202701Z', maand: '2027-01', dagtekening: '2027-02-03', regels }), { at: at('2027-02-03') })
  const sent = await withActor(db, s.team, (trx) =>
    trx.selectFrom('message as m').innerJoin('message as h', 'h.id', 'm.answers_message_id').select(['m.code', 'm.identificatie', 'm.modus', 'h.identificatie as antwoordOp']).where('m.direction', '=', 'out').where('h.identificatie', 'in', ['RQ5', 'DC9']).orderBy('m.code').execute(),
  )
  const toegewezen = await withActor(db, s.team, (trx) => trx.selectFrom('message').select(['code', 'identificatie', 'modus']).where('code', '=', '301').orderBy('id', 'desc').executeTakeFirstOrThrow())
  return { toewijzingNummer: t.toewijzingNummer, declaratie: { ...declaratie, messageId: undefined, retourId: undefined }, sent, toegewezen }
}

describe.each(engines)('switching between observer and answering mode on %s', (engine) => {
  let answering: TestDatabase
  let observing: TestDatabase
  let a: ToegangScenario
  let b: ToegangScenario
  let httpA: HttpSessions
  let httpB: HttpSessions
  let nummer: number

  beforeAll(async () => {
    answering = await freshDatabase(engine)
    observing = await freshDatabase(engine)
    a = await toegangScenario(answering.db)
    b = await toegangScenario(observing.db)
    httpA = httpSessions(answering.db)
    httpB = httpSessions(observing.db)
    await httpA.login('regio', await newUser(answering.db, a.region, 'regio'))
    await httpB.login('regio', await newUser(observing.db, b.region, 'regio'))
    await answeringTraffic(answering.db, a)
    nummer = (await withActor(answering.db, a.team, (trx) => trx.selectFrom('toewijzing').select('toewijzing_nummer').where('provider_id', '=', a.providers[0]!.id).executeTakeFirstOrThrow())).toewijzing_nummer
    const dir = mkdtempSync(join(tmpdir(), 'koers-wissel-'))
    for (const [n, bytes] of await exportBothDirections(answering.db, a)) writeFileSync(join(dir, n.replace('/', '-')), bytes)
    expect(await (await httpB.post('regio', '/api/archief/modus', { modus: 'waarnemend' })).json()).toEqual({ modus: 'waarnemend' })
    expect((await importeerArchief(observing.db, b.region.regionId, [dir])).onverwerkt).toEqual([])
  }, 180_000)
  afterAll(async () => {
    await answering?.dispose()
    await observing?.dispose()
  })

  it('answers after a switch from observing as if it had answered all along', async () => {
    expect(await (await httpB.post('regio', '/api/archief/modus', { modus: 'antwoordend' })).json()).toEqual({ modus: 'antwoordend' })
    const continued = await nextTraffic(observing.db, b, nummer)
    const allAlong = await nextTraffic(answering.db, a, nummer)
    expect(continued).toEqual(allAlong)
    // Not an empty comparison: a new toewijzing number after the archive's, Koers' own 316, 301 and 325, the declaration approved on the archive's toewijzing.
    expect(continued.toewijzingNummer).toBeGreaterThan(nummer)
    expect(continued.sent.map((m) => [m.code, m.modus, m.antwoordOp])).toEqual([['316', 'antwoordend', 'RQ5'], ['325', 'antwoordend', 'DC9']])
    expect(continued.toegewezen.modus).toBe('antwoordend')
    expect(continued.declaratie).toMatchObject({ outcome: 'verwerkt', declaratie: { goedgekeurd: 1, afgewezen: 0 } })
    // Every message of the gemeente has its own identification, and the archive's kept their mode.
    const rows = await withActor(observing.db, b.team, (trx) => trx.selectFrom('message').select(['code', 'sender_code', 'identificatie', 'modus', 'direction']).execute())
    const keys = rows.map((r) => `${r.sender_code}|${r.code}|${r.identificatie}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(rows.filter((r) => r.modus === 'waarnemend').length).toBeGreaterThan(10)
    expect(rows.filter((r) => r.modus === 'antwoordend').length).toBe(5)
  })

  it('keeps the earlier messages with their mode when an answering region starts observing', async () => {
    const before = await withActor(answering.db, a.team, (trx) => trx.selectFrom('message').select(['id', 'modus']).orderBy('id').execute())
    expect(new Set(before.map((m) => m.modus))).toEqual(new Set(['antwoordend']))
    expect(await (await httpA.post('regio', '/api/archief/modus', { modus: 'waarnemend' })).json()).toEqual({ modus: 'waarnemend' })
    // The provider starts the new toewijzing; the back office answers the start with a 306 that approves it.
    const t = await withActor(answering.db, a.team, (trx) => trx.selectFrom('toewijzing').select(['toewijzing_nummer', 'ingangsdatum']).where('provider_id', '=', a.providers[0]!.id).orderBy('toewijzing_nummer', 'desc').executeTakeFirstOrThrow())
    const start = providerMessage('ijw', '305', a.providers[0]!.agb, a.zeist.cbsCode, 'ST9', '2027-09-03', { ...scenarioClient(a), StartProducten: { StartProduct: [{ ToewijzingNummer: String(t.toewijzing_nummer), Product: { Categorie: '45', Code: '45A48' }, ToewijzingIngangsdatum: t.ingangsdatum, Begindatum: '2027-09-01', StatusAanlevering: '1' }] } })
    const retour = buildRetour({ law: 'ijw', code: '305', heen: parseMessage(start).body!, identificatie: 'BO-9', dagtekening: '2027-09-04', classCodes: new Map() })
    const dir = mkdtempSync(join(tmpdir(), 'koers-wissel-'))
    writeFileSync(join(dir, '305.xml'), start)
    writeFileSync(join(dir, '306.xml'), writeMessage(retour.kind, retour.body))
    expect(await importeerArchief(answering.db, a.region.regionId, [dir])).toMatchObject({ onverwerkt: [], perUitkomst: { verwerkt: 2 } })
    const after = await withActor(answering.db, a.team, (trx) => trx.selectFrom('message').select(['id', 'code', 'modus']).orderBy('id').execute())
    expect(after.slice(0, before.length)).toEqual(before.map((m, i) => ({ ...m, code: after[i]!.code })))
    expect(after.slice(before.length).map((m) => [m.code, m.modus])).toEqual([['305', 'waarnemend'], ['306', 'waarnemend']])
    const starts = await withActor(answering.db, a.team, (trx) => trx.selectFrom('care_start').select('begindatum').where('removed_by_message_id', 'is', null).orderBy('begindatum').execute())
    expect(starts.map((s) => s.begindatum)).toContain('2027-09-01')
  })
})
