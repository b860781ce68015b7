/**
 * How the demo build commits (issue 19 §4). In one transaction by default: a build that fails
 * leaves nothing behind, which `koers demo` and the tests on a server need. Or step by step — the
 * region's model, the clients, each gemeente's history, each tenth of the declarations, the
 * figures — with the rows every message updates vacuumed in between: inside one long
 * transaction no dead row version can be removed, so the message-number counters and the
 * commitments per key are read past ever more versions. Step by step is for a database that is
 * thrown away when the build fails: `koers start` in a new data directory, which marks the
 * directory until the demo is complete and empties it at the next start if the build stopped
 * halfway (src/demo/first-start.ts, ADR 0042).
 */
import type { Database } from '../db/database.ts'
import type { ScopedDb } from '../db/scope.ts'
import { vacuumHotRows } from '../db/statistics.ts'
import { deferForecasts } from '../budgets/forecast.queries.ts'

/** Runs one step of the build: in the build's transaction, or in one of its own that commits. */
export type Step = <T>(work: (tx: ScopedDb) => Promise<T>) => Promise<T>

/**
 * Runs `build` with its steps in one transaction, or (`perStep`) each step in its own. Either
 * way the budget figures are not refreshed per change: the build computes them once at the end.
 */
export async function inSteps<T>(db: Database, perStep: boolean, build: (step: Step) => Promise<T>): Promise<T> {
  if (!perStep) {
    return db.transaction().execute(async (tx) => {
      await deferForecasts(tx)
      return build((work) => work(tx))
    })
  }
  return build(async (work) => {
    const value = await db.transaction().execute(async (tx) => {
      await deferForecasts(tx)
      return work(tx)
    })
    await vacuumHotRows(db)
    return value
  })
}
