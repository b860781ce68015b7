import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../auth/actor.ts'
import { findUserByUsername } from '../auth/session.queries.ts'
import { acknowledgeSignal, closeSignal, listBudgetSignals } from '../budgets/signal.queries.ts'
import { withActor } from '../db/scope.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newRegion, newSegment, newUser } from '../test/factory.ts'
import { type ToegangScenario, toegangScenario } from '../test/toegang-scenario.ts'
import type { TargetInput } from './target.schema.ts'
import { createTarget, listTargets, measuredTargets, refreshTargetSignals, withdrawTarget } from './target.queries.ts'

/** The day the tests look from: the baseline (the first quarter of 2026) has ended, three quarters since. */
const PEILDATUM = '2026-10-31'
/** Inflow in the scenario's segment, which has no trajecten: every window measures 0. */
const inflow = (s: ToegangScenario, over: Partial<TargetInput> = {}): TargetInput => ({ segmentId: s.segmentId, kpi: 'instroom', naam: 'Instroom', basisVan: '2026-01-01', basisTot: '2026-03-31', basisWaarde: 10, doelWaarde: 20, doelDatum: '2027-03-31', richting: 'omhoog', ...over })

describe.each(engines)('strategy targets on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let regio: Actor
  const create = (input: TargetInput, peildatum = PEILDATUM) => withActor(database.db, regio, (trx) => createTarget(trx, regio, input, peildatum))
  const targetSignals = () => withActor(database.db, regio, async (trx) => (await listBudgetSignals(trx, regio, { jaar: 2026 })).filter((x) => x.soort === 'doel_niet_op_koers'))

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    regio = s.region.actor('regio')
  })
  afterAll(() => database.dispose())

  it('refuses a target of a segment outside the region', async () => {
    const other = await newRegion(database.db, [['0307', 'Amersfoort']])
    const foreign = await newSegment(database.db, other)
    await expect(create(inflow(s, { segmentId: foreign }))).rejects.toThrow(`segment ${foreign} does not exist in this region`)
  })

  it('refuses to measure a baseline that has not ended, and takes a given one', async () => {
    const running = inflow(s, { basisTot: '2026-12-31', basisWaarde: undefined })
    await expect(create(running)).rejects.toThrow(/has not ended yet: give its value/)
    expect(await create({ ...running, basisWaarde: 12 })).toMatchObject({ basisWaarde: 12, doelWaarde: 20 })
  })

  it('refuses a baseline that has no value, naming the period', async () => {
    // No client left care in the baseline period: the mean duration has nothing to average.
    await expect(create(inflow(s, { kpi: 'duur_gemiddeld', basisWaarde: undefined, doelWaarde: 100, richting: 'omlaag' }))).rejects.toThrow('Gemiddelde duur has no value over 2026-01-01 – 2026-03-31: give the baseline')
  })

  it('refuses a target that asks for no change, or for a change against its direction', async () => {
    await expect(create(inflow(s, { doelWaarde: undefined, doelRelatiefPct: 0 }))).rejects.toThrow('the target equals its baseline (10): it asks for no change')
    await expect(create(inflow(s, { doelWaarde: 5 }))).rejects.toThrow('a target omhoog must be at least its baseline (10)')
    await expect(create(inflow(s, { richting: 'omlaag' }))).rejects.toThrow('a target omlaag must be at most its baseline (10)')
  })

  it('computes a relative target from the baseline, whole for counts', async () => {
    expect(await create(inflow(s, { basisWaarde: 7, doelWaarde: undefined, doelRelatiefPct: -20, richting: 'omlaag' }))).toMatchObject({ basisWaarde: 7, doelWaarde: 6, doelRelatiefPct: -20 })
  })

  it('raises one signal for a target off its path, keeps it current, and lets it go when the target is withdrawn', async () => {
    for (const t of await withActor(database.db, regio, (trx) => listTargets(trx, s.region.regionId))) await withActor(database.db, regio, (trx) => withdrawTarget(trx, regio, t.id))
    // Upwards from 10 to 20, measured 0: off track. Downwards from 10 to 5, measured 0: on track.
    const behind = await create(inflow(s, { naam: 'Meer instroom' }))
    await create(inflow(s, { naam: 'Minder instroom', doelWaarde: 5, richting: 'omlaag' }))
    const measured = await measuredTargets(database.db, s.region.regionId, PEILDATUM)
    expect(measured.map((t) => [t.naam, t.voortgang.status])).toEqual([['Meer instroom', 'niet_op_koers'], ['Minder instroom', 'op_koers']])
    expect(measured[0]!.voortgang.punten.map((p) => p.datum)).toEqual(['2026-03-31', '2026-04-30', '2026-07-31', '2026-10-31'])

    expect(await refreshTargetSignals(database.db, s.region.regionId, PEILDATUM)).toEqual({ raised: 1, current: 1 })
    expect(await refreshTargetSignals(database.db, s.region.regionId, PEILDATUM)).toEqual({ raised: 0, current: 1 })
    const [signal] = await targetSignals()
    expect(signal).toMatchObject({ doelId: behind.id, segmentId: s.segmentId, gemeenteId: null, actueel: true, status: 'open', titel: 'Meer instroom (Testsegment) loopt achter op het pad naar het doel' })
    expect(signal!.bewijs).toMatchObject({ kpi: 'instroom', eenheid: 'aantal', datum: '2026-10-31', waarde: 0, basis: 10, doel: 20 })

    await withActor(database.db, regio, (trx) => withdrawTarget(trx, regio, behind.id))
    expect(await refreshTargetSignals(database.db, s.region.regionId, PEILDATUM)).toEqual({ raised: 0, current: 0 })
    expect(await targetSignals()).toEqual([expect.objectContaining({ doelId: behind.id, actueel: false, status: 'open' })])
    expect((await withActor(database.db, regio, (trx) => listTargets(trx, s.region.regionId))).map((t) => t.naam)).toEqual(['Minder instroom'])
  })

  it('does not reopen a closed signal while its target stays off track', async () => {
    const behind = await create(inflow(s, { naam: 'Nog meer instroom' }))
    await refreshTargetSignals(database.db, s.region.regionId, PEILDATUM)
    const signal = (await targetSignals()).find((x) => x.doelId === behind.id)!
    await newUser(database.db, s.region, 'regio')
    const owner = (await withActor(database.db, regio, (trx) => trx.selectFrom('app_user').select('username').where('role', '=', 'regio').executeTakeFirstOrThrow())).username
    const eigenaarId = (await findUserByUsername(database.db, owner))!.id
    await withActor(database.db, regio, async (trx) => {
      await acknowledgeSignal(trx, regio, signal.id, { notitie: 'In het leveranciersoverleg', eigenaarId })
      await closeSignal(trx, regio, signal.id, { notitie: 'Doel wordt herzien' })
    })
    expect(await refreshTargetSignals(database.db, s.region.regionId, PEILDATUM)).toEqual({ raised: 0, current: 1 })
    expect((await targetSignals()).find((x) => x.doelId === behind.id)).toMatchObject({ status: 'gesloten', geslotenNotitie: 'Doel wordt herzien' })
  })

  it('refuses a money baseline with months without money (target.baseline_incomplete), and explains a complete one over windows of its length', async () => {
    const segment = await database.db.selectFrom('segment').select('wet').where('id', '=', s.segmentId).executeTakeFirstOrThrow()
    // Lump sums for February and March 2026 only: January, the baseline's first month, has nothing.
    const pay = (maand: string) =>
      database.db.insertInto('taakgericht_betaling').values({ region_id: s.region.regionId, gemeente_id: s.zeist.id, provider_id: s.providers[0]!.id, segment_id: s.segmentId, wet: segment.wet, maand, bedrag_cents: 100_000_00, omschrijving: 'test', created_by: null }).execute()
    for (const maand of ['2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01']) await pay(maand)
    const kosten = inflow(s, { kpi: 'kosten', naam: 'Minder kosten', basisWaarde: undefined, doelWaarde: undefined, doelRelatiefPct: -10, richting: 'omlaag' })
    await expect(create(kosten)).rejects.toMatchObject({ reason: 'target.baseline_incomplete', message: expect.stringContaining('(2026-01)') })
    // With a given baseline the figures say it is incomplete, and give no status.
    const given = await create({ ...kosten, naam: 'Gegeven basis', basisWaarde: 200_000_00 })
    const byName = async (naam: string) => (await measuredTargets(database.db, s.region.regionId, PEILDATUM)).find((t) => t.naam === naam)!
    expect((await byName('Gegeven basis')).voortgang).toMatchObject({ status: 'onbekend', reden: 'target.baseline_incomplete' })
    expect((await byName('Gegeven basis')).voortgang.toelichting).toContain('In januari 2026 van die periode is niets gerealiseerd')
    await withActor(database.db, regio, (trx) => withdrawTarget(trx, regio, given.id))
    // January paid too: the baseline is three months' money, and so is every window it is compared with.
    await pay('2026-01-01')
    const target = await create(kosten)
    expect(target.basisWaarde).toBe(3 * 100_000_00)
    const measured = (await byName('Minder kosten')).voortgang
    expect(measured).toMatchObject({ reden: null, laatste: { datum: '2026-10-31', waarde: 3 * 100_000_00 } })
    // The path on 31 October: € 300.000 − € 30.000 × 214 / 365 days.
    expect(measured.toelichting.replace(/\u00a0/g, ' ')).toBe(
      'De basis is € 300.000 over 1-1-2026 t/m 31-3-2026 (3 maanden). Gemeten wordt over even lange perioden: de laatste meting, over 1-8-2026 t/m 31-10-2026 (3 maanden), is € 300.000; het pad naar het doel zegt daar € 282.411.',
    )
    await withActor(database.db, regio, (trx) => withdrawTarget(trx, regio, target.id))
  })

  it("withdraws only the region's own targets", async () => {
    const target = await create(inflow(s, { naam: 'Eigen doel' }))
    const other = await newRegion(database.db, [['0310', 'De Bilt']])
    const elsewhere = other.actor('regio')
    await expect(withActor(database.db, elsewhere, (trx) => withdrawTarget(trx, elsewhere, target.id))).rejects.toThrow(`target ${target.id} not found`)
    await withActor(database.db, regio, (trx) => withdrawTarget(trx, regio, target.id))
    await expect(withActor(database.db, regio, (trx) => withdrawTarget(trx, regio, 999_999))).rejects.toThrow('target 999999 not found')
  })
})
