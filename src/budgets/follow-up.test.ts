import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ScopedDb, afterCommit, beforeCommit, inTransaction, withActor } from '../db/scope.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { setYearBudget } from './budget.queries.ts'

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
})
