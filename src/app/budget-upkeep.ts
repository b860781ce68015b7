/**
 * Keeping the live figures current when nothing is written: the forecast depends on the
 * reference month, so when the month turns every key is recomputed and the signals are
 * evaluated again (pro rata moves every day, so they are evaluated daily), with the strategy
 * targets' signals (src/targets: a target's path moves every day too). Run at start-up,
 * hourly by a running server, and by `koers budgetten bijwerken`.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import type { DB } from '../db/schema.ts'
import { today } from '../shared/dates.ts'
import { oldestPeildatum, refreshAllForecasts } from '../budgets/forecast.queries.ts'
import { refreshBudgetSignals } from '../budgets/signal.queries.ts'
import { refreshTargetSignals } from '../targets/target.queries.ts'

/** Evaluates every region's budget and target signals as of `asOf`; how many were raised. */
async function refreshAllSignals(db: Database | Kysely<DB>, asOf: string): Promise<number> {
  let raised = 0
  for (const { id } of await db.selectFrom('region').select('id').execute()) {
    raised += (await refreshBudgetSignals(db as Database, id, Number(asOf.slice(0, 4)), asOf)).raised
    raised += (await refreshTargetSignals(db as Database, id, asOf)).raised
  }
  return raised
}

/** Recomputes every region's figures and signals as of `asOf`. */
export async function refreshBudgets(db: Database | Kysely<DB>, asOf: string): Promise<{ regions: number; keys: number; raised: number }> {
  const { regions, keys } = await refreshAllForecasts(db, asOf)
  return { regions, keys, raised: await refreshAllSignals(db, asOf) }
}

/** The day the signals were last evaluated, per database (a process may hold more than one: the tests do). */
const lastSignalDay = new WeakMap<object, string>()

/** Refreshes when the stored figures are from an earlier month, and the signals once a day. */
export async function refreshBudgetsIfStale(db: Database | Kysely<DB>, asOf: string = today()): Promise<boolean> {
  const oldest = await oldestPeildatum(db as Kysely<DB>, Number(asOf.slice(0, 4)))
  if (oldest !== null && oldest.slice(0, 7) === asOf.slice(0, 7)) {
    if (lastSignalDay.get(db) === asOf) return false
    lastSignalDay.set(db, asOf)
    await refreshAllSignals(db, asOf)
    return false
  }
  await refreshBudgets(db, asOf)
  lastSignalDay.set(db, asOf)
  return true
}
