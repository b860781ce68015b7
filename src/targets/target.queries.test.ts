import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../auth/actor.ts'
import { findUserByUsername } from '../auth/session.queries.ts'
import { acknowledgeSignal, closeSignal, listBudgetSignals } from '../budgets/signal.queries.ts'
import { withActor } from '../db/scope.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newRegion, newSegment, newUser } from '../test/factory.ts'
import { type ToegangScenario, toegangScenario } from '../test/toegang-scenario.ts'
import { type TargetInput, createTarget, listTargets, measuredTargets, refreshTargetSignals, withdrawTarget } from './target.queries.ts'

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

  it("withdraws only the region's own targets", async () => {
    const target = await create(inflow(s, { naam: 'Eigen doel' }))
    const other = await newRegion(database.db, [['0310', 'De Bilt']])
    const elsewhere = other.actor('regio')
    await expect(withActor(database.db, elsewhere, (trx) => withdrawTarget(trx, elsewhere, target.id))).rejects.toThrow(`target ${target.id} not found`)
    await withActor(database.db, regio, (trx) => withdrawTarget(trx, regio, target.id))
    await expect(withActor(database.db, regio, (trx) => withdrawTarget(trx, regio, 999_999))).rejects.toThrow('target 999999 not found')
  })
})
