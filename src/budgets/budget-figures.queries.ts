/**
 * Every budget with its live figures (issue 6 §2): the gemeente budget per segment and the
 * geraamd budget per provider (seed 004 §5.6), each with realisation, open commitments,
 * forecast and exhaustion. A budget counts the toewijzingen and payments of its own segment.
 */
import { sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import type { FiguresFilter } from './figures.queries.ts'
import { type KeyTotals, storedKeys } from './prognose.queries.ts'

export interface Figures {
  budgetCents: number
  realisedCents: number
  committedCents: number
  openCents: number
  forecastCents: number
  expectedOnCommitmentsCents: number
  expectedInflowCents: number
  expectedLumpSumsCents: number
  toewijzingen: number
  /** Realised ÷ budget, in percent with one decimal; null without a budget. */
  exhaustionPct: number | null
  /** Forecast ÷ budget, in percent with one decimal; null without a budget. */
  forecastPct: number | null
}

export const emptyFigures = (): Figures => ({
  budgetCents: 0, realisedCents: 0, committedCents: 0, openCents: 0, forecastCents: 0,
  expectedOnCommitmentsCents: 0, expectedInflowCents: 0, expectedLumpSumsCents: 0, toewijzingen: 0,
  exhaustionPct: null, forecastPct: null,
})

/** Adds a key's (or another line's) figures, not its budget, to `f`. */
export function addKey(f: Figures, k: Omit<Figures, 'budgetCents' | 'exhaustionPct' | 'forecastPct'>): Figures {
  f.realisedCents += k.realisedCents
  f.committedCents += k.committedCents
  f.openCents += k.openCents
  f.forecastCents += k.forecastCents
  f.expectedOnCommitmentsCents += k.expectedOnCommitmentsCents
  f.expectedInflowCents += k.expectedInflowCents
  f.expectedLumpSumsCents += k.expectedLumpSumsCents
  f.toewijzingen += k.toewijzingen
  return f
}

export const pct = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null)

/** Sets the percentages once the budget and figures are complete. */
export function withPercentages<T extends Figures>(f: T): T {
  f.exhaustionPct = pct(f.realisedCents, f.budgetCents)
  f.forecastPct = pct(f.forecastCents, f.budgetCents)
  return f
}

export interface GemeenteBudgetFigures extends Figures {
  gemeenteId: number
  segmentId: number
}
export interface ProviderBudgetFigures extends Figures {
  gemeenteId: number
  providerId: number
  segmentId: number
}

export interface BudgetFiguresResult {
  year: number
  /** The oldest reference date of the stored figures (null when there are none). */
  peildatum: string | null
  keys: KeyTotals[]
  gemeente: GemeenteBudgetFigures[]
  provider: ProviderBudgetFigures[]
}

/** Budgets and figures per gemeente × segment and per gemeente × provider × segment, in the actor's scope. */
export async function budgetFigures(trx: ScopedDb, actor: Actor, year: number, filter: FiguresFilter = {}): Promise<BudgetFiguresResult> {
  const gemeenteId = actor.gemeenteId ?? filter.gemeenteId ?? null
  const providerId = actor.providerId ?? filter.providerId ?? null
  const segmentId = filter.segmentId ?? null
  const from = `${year}-01-01`
  const to = `${year}-12-31`
  const [figures, gb, pb] = await Promise.all([
    storedKeys(trx, actor, year, filter),
    sql<{ gemeente_id: number; segment_id: number; cents: number }>`
      select gemeente_id, segment_id, sum(amount_cents)::bigint as cents from budget_gemeente
      where region_id = ${actor.regionId} and valid_from >= ${from}::date and valid_to <= ${to}::date
        and (${gemeenteId}::int is null or gemeente_id = ${gemeenteId}::int)
        and (${segmentId}::int is null or segment_id = ${segmentId}::int)
      group by 1, 2`.execute(trx),
    sql<{ gemeente_id: number; provider_id: number; segment_id: number; cents: number }>`
      select gemeente_id, provider_id, segment_id, sum(amount_cents)::bigint as cents from budget_provider
      where region_id = ${actor.regionId} and valid_from >= ${from}::date and valid_to <= ${to}::date
        and (${gemeenteId}::int is null or gemeente_id = ${gemeenteId}::int)
        and (${providerId}::int is null or provider_id = ${providerId}::int)
        and (${segmentId}::int is null or segment_id = ${segmentId}::int)
      group by 1, 2, 3`.execute(trx),
  ])
  const gemeente = new Map<string, GemeenteBudgetFigures>()
  const provider = new Map<string, ProviderBudgetFigures>()
  const g = (gid: number, sid: number) => {
    const k = `${gid}|${sid}`
    let row = gemeente.get(k)
    if (!row) gemeente.set(k, (row = { gemeenteId: gid, segmentId: sid, ...emptyFigures() }))
    return row
  }
  const p = (gid: number, pid: number, sid: number) => {
    const k = `${gid}|${pid}|${sid}`
    let row = provider.get(k)
    if (!row) provider.set(k, (row = { gemeenteId: gid, providerId: pid, segmentId: sid, ...emptyFigures() }))
    return row
  }
  if (actor.providerId === null) for (const r of gb.rows) g(r.gemeente_id, r.segment_id).budgetCents += Number(r.cents)
  for (const r of pb.rows) p(r.gemeente_id, r.provider_id, r.segment_id).budgetCents += Number(r.cents)
  for (const k of figures.keys) {
    if (actor.providerId === null) addKey(g(k.gemeenteId, k.segmentId), k)
    addKey(p(k.gemeenteId, k.providerId, k.segmentId), k)
  }
  const byKey = <T extends Figures>(rows: Iterable<T>): T[] => [...rows].map((r) => withPercentages(r))
  return {
    year,
    peildatum: figures.peildatum,
    keys: figures.keys,
    gemeente: byKey(gemeente.values()).sort((a, b) => a.gemeenteId - b.gemeenteId || a.segmentId - b.segmentId),
    provider: byKey(provider.values()).sort((a, b) => b.realisedCents - a.realisedCents || a.providerId - b.providerId),
  }
}
