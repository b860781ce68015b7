import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { approveRequest, listRequests, markInProgress, refuseRequest } from '../requests/request.queries.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type ToegangScenario, assessment, request315, startStop, toegangScenario } from '../test/toegang-scenario.ts'
import { listOpenTermijnen, loadTermijnFeiten } from './termijn.queries.ts'
import { termijnOf } from './termijn.rules.ts'

describe.each(engines)('chain deadlines through real messages on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
  })
  afterAll(() => database.dispose())

  const open = (peildatum: string) => withActor(database.db, s.team, (trx) => listOpenTermijnen(trx, s.team, peildatum))
  const request = (t: { soort: string; referentie: string | null }) => t.soort === 'antwoord_verzoek' && t.referentie === '315 TERM-1'

  it('runs the gemeente’s 5 working days from the receipt of a 315, nearly due on the last day, passed the day after', async () => {
    // Received Tue 3 Nov 2026: deadline Tue 10 Nov.
    expect((await receiveMessage(database.db, s.region.regionId, request315(s, 'TERM-1', { ingangsdatum: '2026-12-01' }), { at: { date: '2026-11-03', time: '09:00:00' } })).outcome).toBe('verwerkt')
    const running = await open('2026-11-05')
    expect(running.termijnen.filter(request)).toEqual([expect.objectContaining({ partij: 'gemeente', gebeurtenis: '2026-11-03', deadline: '2026-11-10', status: 'loopt', gemeente: 'Zeist', aanbieder: 'Aanbieder 1', regel: 'OP274/OP346' })])
    expect((await open('2026-11-10')).termijnen.filter(request).map((t) => t.status)).toEqual(['bijna'])
    const passed = await open('2026-11-11')
    expect(passed.termijnen.filter(request).map((t) => t.status)).toEqual(['verlopen'])
    expect(passed.aantallen).toContainEqual({ soort: 'antwoord_verzoek', status: 'verlopen', aantal: 1 })
    // The 316 went out on receipt: that retour is met and no longer listed.
    expect(passed.termijnen.some((t) => t.soort === 'retour_gemeente')).toBe(false)
    expect(JSON.stringify(passed)).not.toContain(s.bsn)
  })

  it('marks a 301 after the deadline te_laat for the gemeente, and a 305 sent 7 working days after the start te_laat for the provider', async () => {
    const [item] = await withActor(database.db, s.team, (trx) => listRequests(trx, s.team, { status: 'open' }))
    const issued = await withActor(database.db, s.team, (trx) =>
      approveRequest(trx, s.team, item!.id, { assessment, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-05-31', omvang: { volume: 3, eenheid: '04', frequentie: '2' } }, { date: '2026-11-12', time: '10:00:00' }),
    )
    // Care from Tue 1 Dec (deadline Tue 8 Dec); the 305 is dated Thu 10 Dec, 7 working days later.
    const start = await receiveMessage(database.db, s.region.regionId, startStop(s, '305', issued.toewijzingNummer, { Begindatum: '2026-12-01' }), { at: { date: '2026-12-11', time: '09:00:00' } })
    expect(start.outcome).toBe('verwerkt')
    const feiten = await withActor(database.db, s.team, (trx) => loadTermijnFeiten(trx, '2026-11-01', '2026-12-31'))
    const all = feiten.map((f) => termijnOf(f, '2026-12-15'))
    expect(all.filter(request)).toEqual([expect.objectContaining({ antwoord: '2026-11-12', deadline: '2026-11-10', status: 'te_laat' })])
    expect(all.filter((t) => t.soort === 'start_zorg')).toEqual([expect.objectContaining({ partij: 'aanbieder', referentie: `toewijzing ${issued.toewijzingNummer}`, gebeurtenis: '2026-12-01', deadline: '2026-12-08', antwoord: '2026-12-10', status: 'te_laat' })])
    // No 302 came on the 301 of Thu 12 Nov: the provider's retour passed on Tue 17 Nov.
    expect(all.filter((t) => t.soort === 'retour_aanbieder')).toEqual([expect.objectContaining({ partij: 'aanbieder', gebeurtenis: '2026-11-12', deadline: '2026-11-17', status: 'verlopen' })])
    // The toewijzing runs to May: no stop is due yet.
    expect(all.some((t) => t.soort === 'stop_zorg')).toBe(false)
  })

  it('times the final answer after "in onderzoek" from the request’s Dagtekening, and a woonplaatsbeginsel refusal in 2 weeks', async () => {
    const at = (date: string) => ({ date, time: '11:00:00' })
    // TERM-3 from the third provider: TR374 allows one open request per provider and client.
    for (const [ref, provider, from, to] of [['TERM-2', 0, '2027-06-01', '2027-08-31'], ['TERM-3', 2, '2027-09-01', '2027-11-30']] as const) {
      const r = await receiveMessage(database.db, s.region.regionId, request315(s, ref, { provider, ingangsdatum: from, einddatum: to }), { at: at('2026-11-03') })
      expect(r.problems).toEqual([])
    }
    const items = await withActor(database.db, s.team, (trx) => listRequests(trx, s.team, { status: 'open' }))
    const item = (ref: string) => items.find((i) => i.referentieAanbieder === ref)!.id
    await withActor(database.db, s.team, (trx) => markInProgress(trx, s.team, item('TERM-2'), 'meer informatie nodig', at('2026-11-05')))
    await withActor(database.db, s.team, (trx) => refuseRequest(trx, s.team, item('TERM-3'), { reden: '8', woonplaatsGemeente: s.region.gemeenten[1]!.cbsCode }, at('2026-11-16')))
    const running = (await withActor(database.db, s.team, (trx) => loadTermijnFeiten(trx, '2026-11-01', '2026-12-31'))).map((f) => termijnOf(f, '2026-12-21'))
    const of = (ref: string) => running.filter((t) => t.referentie === `315 ${ref}`).map((t) => ({ soort: t.soort, deadline: t.deadline, status: t.status }))
    // The 315s are dated Mon 2 Nov: 8 weeks later is Mon 28 Dec.
    expect(of('TERM-2')).toEqual([
      { soort: 'antwoord_verzoek', deadline: '2026-11-10', status: 'op_tijd' },
      { soort: 'eindantwoord', deadline: '2026-12-28', status: 'loopt' },
    ])
    // Received Tue 3 Nov, refused on the woonplaatsbeginsel on Mon 16 Nov: within the 2 weeks (Tue 17 Nov), not within 5 working days.
    expect(of('TERM-3')).toEqual([{ soort: 'woonplaatsbeginsel', deadline: '2026-11-17', status: 'op_tijd' }])
    await withActor(database.db, s.team, (trx) =>
      approveRequest(trx, s.team, item('TERM-2'), { assessment, productId: s.productId, ingangsdatum: '2027-06-01', einddatum: '2027-08-31', omvang: { volume: 3, eenheid: '04', frequentie: '2' } }, at('2026-12-29')),
    )
    const after = (await withActor(database.db, s.team, (trx) => loadTermijnFeiten(trx, '2026-11-01', '2026-12-31'))).map((f) => termijnOf(f, '2027-01-04'))
    expect(after.filter((t) => t.referentie === '315 TERM-2' && t.soort === 'eindantwoord')).toEqual([expect.objectContaining({ antwoord: '2026-12-29', status: 'te_laat' })])
  })

  it('shows a provider only its own deadlines, another gemeente none, and the region all without references', async () => {
    const own = s.region.actor('aanbieder', { providerId: s.providers[0]!.id })
    const other = s.region.actor('aanbieder', { providerId: s.providers[1]!.id })
    const bunnik = s.region.actor('gemeente', { gemeenteId: s.region.gemeenten[1]!.id })
    const load = (actor: typeof own) => withActor(database.db, actor, (trx) => loadTermijnFeiten(trx, '2026-11-01', '2026-12-31'))
    const ownFacts = await load(own)
    expect(ownFacts.length).toBeGreaterThan(0)
    expect(ownFacts.every((f) => f.providerId === s.providers[0]!.id)).toBe(true)
    expect(await load(other)).toEqual([])
    expect(await load(bunnik)).toEqual([])
    // The region follows every deadline, without a reference into the ledger it may not read.
    const region = await load(s.region.actor('regio'))
    expect(region.length).toBeGreaterThan(ownFacts.length - 1)
    expect(region.every((f) => f.referentie === null)).toBe(true)
  })
})
