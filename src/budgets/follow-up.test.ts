import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ScopedDb, afterCommit, beforeCommit, inBatch, inTransaction, markFollowUp, rollbackFollowUp, withActor } from '../db/scope.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { changeToewijzing, issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { setYearBudget } from './budget.queries.ts'
import { refreshForecast } from './forecast.queries.ts'

/** Issue 16: one follow-up after a change — figures once before commit, signals once after — whoever makes it. */
describe.each(engines)('the follow-up of a change on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  const signals = () => database.db.selectFrom('budget_signaal').select(['soort', 'gemeente_id', 'jaar']).where('gemeente_id', 'is not', null).execute()

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
  })
  afterAll(() => database.dispose())

  it('runs a key registered twice once, the before-commit work inside the transaction and the after-commit work once it committed', async () => {
    const log: string[] = []
    let seenCommitted: number | undefined
    await inTransaction(database.db, async (trx) => {
      await trx.insertInto('region').values({ code: 'follow-up', name: 'Volgen' }).execute()
      for (let i = 0; i < 3; i++) {
        await beforeCommit(trx, 'cijfers', async () => void log.push('voor'))
        afterCommit(trx, 'signalen', async (db) => {
          seenCommitted = (await db.selectFrom('region').select('id').where('code', '=', 'follow-up').execute()).length
          log.push('na')
        })
      }
      log.push('werk')
    })
    expect(log).toEqual(['werk', 'voor', 'na'])
    // Outside the transaction, after its commit: the after-commit work sees the change.
    expect(seenCommitted).toBe(1)
  })

  it('runs each key once at the end of a batch as its last registration asked, in the order of the last registrations', async () => {
    const log: string[] = []
    await inBatch(database.db, async (trx) => {
      // Three units: the first and third change key k (as of their own dates), the second key j.
      await beforeCommit(trx, 'k', async () => void log.push('k as of 2026-01-05'))
      await beforeCommit(trx, 'j', async () => void log.push('j as of 2026-01-06'))
      await beforeCommit(trx, 'k', async () => void log.push('k as of 2026-01-07'))
      log.push('werk')
    })
    expect(log).toEqual(['werk', 'j as of 2026-01-06', 'k as of 2026-01-07'])
    // A transaction of one unit keeps the first registration of a key, where it was.
    log.length = 0
    await inTransaction(database.db, async (trx) => {
      await beforeCommit(trx, 'k', async () => void log.push('k eerst'))
      await beforeCommit(trx, 'j', async () => void log.push('j'))
      await beforeCommit(trx, 'k', async () => void log.push('k later'))
    })
    expect(log).toEqual(['k eerst', 'j'])
  })

  it('forgets the follow-up of a unit rolled back to its savepoint, and keeps what came before it', async () => {
    const log: string[] = []
    await inBatch(database.db, async (trx) => {
      await beforeCommit(trx, 'k', async () => void log.push('k van de eerste'))
      const mark = markFollowUp(trx)
      await beforeCommit(trx, 'k', async () => void log.push('k van de tweede'))
      await beforeCommit(trx, 'j', async () => void log.push('j van de tweede'))
      afterCommit(trx, 'signalen', async () => void log.push('signalen van de tweede'))
      rollbackFollowUp(trx, mark)
    })
    expect(log).toEqual(['k van de eerste'])
  })

  it('keeps the change when the after-commit work fails, and runs nothing after a rollback', async () => {
    await inTransaction(database.db, async (trx: ScopedDb) => {
      await trx.insertInto('region').values({ code: 'blijft', name: 'Blijft' }).execute()
      afterCommit(trx, 'faalt', async () => {
        throw new Error('signalen niet bij te werken')
      })
    })
    expect(await database.db.selectFrom('region').select('id').where('code', '=', 'blijft').execute()).toHaveLength(1)
    let ran = false
    await expect(inTransaction(database.db, async (trx) => {
      afterCommit(trx, 'nooit', async () => void (ran = true))
      throw new Error('teruggedraaid')
    })).rejects.toThrow('teruggedraaid')
    expect(ran).toBe(false)
  })

  it('raises the budget signal of a new toewijzing as soon as it is committed, not a day later', async () => {
    await withActor(database.db, s.region.actor('regio'), (trx) => setYearBudget(trx, s.region.actor('regio'), { soort: 'gemeente', gemeenteId: s.zeist.id, segmentId: s.segmentId, jaar: 2026, amountCents: 500_00, reden: 'Begroting' }))
    expect(await signals()).toEqual([])
    // 3 hours a week in December at € 90: more than Zeist's € 500 for the segment this year.
    await withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2026-12-31', omvang: { volume: 3, eenheid: '04', frequentie: '2' } }, { at: { date: '2026-11-20', time: '09:00:00' } }))
    expect(await signals()).toEqual([{ soort: 'prognose_boven_budget', gemeente_id: s.zeist.id, jaar: 2026 }])
  })

  it('stores a batch\'s figures of a key as of the last change to it, as if each change had committed alone', async () => {
    const provider = s.providers[1]!
    const stored = () => database.db.selectFrom('budget_prognose').selectAll().where('provider_id', '=', provider.id).orderBy('jaar').orderBy('segment_id').orderBy('wet').execute()
    // Two units of one batch on the same key: a toewijzing issued on 1 December, extended on 10 February.
    await inBatch(database.db, async (trx) => {
      const t = await withActor(trx, s.team, (t) => issueToewijzing(t, s.team, { clientId: s.clientId, assessment, providerId: provider.id, productId: s.productId, ingangsdatum: '2027-01-01', einddatum: '2027-03-31', omvang: { volume: 2, eenheid: '04', frequentie: '2' } }, { at: { date: '2026-12-01', time: '09:00:00' } }))
      await withActor(trx, s.team, (t2) => changeToewijzing(t2, s.team, t.id, { redenWijziging: '04', einddatum: '2027-09-30', note: 'verlengd' }, { at: { date: '2027-02-10', time: '09:00:00' } }))
    })
    const batch = await stored()
    expect(batch.length).toBeGreaterThan(0)
    expect(new Set(batch.map((r) => String(r.peildatum)))).toEqual(new Set(['2027-02-10']))
    // What the last change alone stores: the key refreshed as of its date.
    await withActor(database.db, s.team, async (trx) => {
      for (const jaar of [2027, 2028]) await refreshForecast(trx, s.team, jaar, '2027-02-10', { gemeenteId: s.zeist.id, providerId: provider.id, segmentId: s.segmentId })
    })
    expect(await stored()).toEqual(batch)
  })
})
