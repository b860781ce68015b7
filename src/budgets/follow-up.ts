/**
 * What follows a change the budget figures or signals depend on — one way, whatever the change
 * (a toewijzing version, a declaration, a taakgericht payment, a budget, an import) and whoever
 * makes it (a route, the CLI, the demo): the writer marks what it changed; the stored figures of
 * each key are refreshed once before the transaction commits, and the region's budget signals
 * once after (db/scope.ts: beforeCommit, afterCommit, run by inTransaction and withActor).
 */
import type { Actor } from '../auth/actor.ts'
import { type ScopedDb, afterCommit, beforeCommit, enterScope } from '../db/scope.ts'
import { today } from '../shared/dates.ts'
import type { FiguresFilter } from './figures.queries.ts'
import { affectedYears, forecastsDeferred, refreshForecast } from './forecast.queries.ts'
import { refreshBudgetSignals } from './signal.queries.ts'

/**
 * The inputs of a key's figures changed in `years`: its figures for those years (and the next,
 * whose utilisation they move) are refreshed as of `asOf` before commit, and the signals after.
 */
export async function figuresChanged(trx: ScopedDb, actor: Actor, years: Iterable<number>, asOf: string, filter: FiguresFilter): Promise<void> {
  const gemeenteId = actor.gemeenteId ?? filter.gemeenteId ?? ''
  for (const year of affectedYears(years)) {
    const key = `cijfers|${actor.regionId}|${year}|${gemeenteId}|${filter.providerId ?? ''}|${filter.segmentId ?? ''}`
    await beforeCommit(trx, key, async () => {
      // A bulk load (the demo) refreshes everything once at its end instead.
      if (await forecastsDeferred(trx)) return
      // The transaction may have moved to another scope since the change (a message's gateway actor).
      await enterScope(trx, actor)
      await refreshForecast(trx, actor, year, asOf, filter)
    })
  }
  budgetSignalsChanged(trx, actor.regionId, Number(asOf.slice(0, 4)), asOf)
}

/**
 * Something the region's budget signals of `year` depend on changed: they are evaluated once
 * after commit, as of `asOf` (the day of the change: today, when it happens now).
 */
export function budgetSignalsChanged(trx: ScopedDb, regionId: number, year: number, asOf: string = today()): void {
  afterCommit(trx, `budgetsignalen|${regionId}|${year}`, async (db) => {
    await refreshBudgetSignals(db, regionId, year, asOf)
  })
}
