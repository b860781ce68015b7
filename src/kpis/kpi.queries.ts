/**
 * KPIs per segment, provider and gemeente over a period (issue 7 §2): the facts are read once
 * (traject.queries.ts) and every figure is a KPI of kpi.rules.ts over a group of them. A
 * segment's figures include its sub-segments.
 */
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import { type CalendarDate, earlierDate, monthEnd, monthStart } from '../shared/dates.ts'
import { type Dimension, type GroupFacts, type GroupKey, type KpiCode, type KpiValue, type MoneyMonth, type Period, type Traject, groupBy, groupFacts, kpiCodes, kpiDefinitions, kpiValue, suppressComplements } from './kpi.rules.ts'
import { moneyMonths, recomputedTrajecten, trajecten } from './traject.queries.ts'
import { budgetYears } from '../budgets/voorliggend.queries.ts'
import type { BudgetYear } from '../budgets/voorliggend.rules.ts'

/** The facts of the actor's scope as of `peildatum`, with money from `geldVan` on. */
export interface KpiFacts {
  peildatum: CalendarDate
  trajecten: Traject[]
  geld: MoneyMonth[]
  /** The gemeente budgets and the voorliggend veld's lines of the years from `geldVan` to `peildatum` (none for a provider). */
  budgetten: BudgetYear[]
}

/**
 * The facts of the actor's scope, or of some segments only (`segmentIds`: a page about those
 * segments reads only theirs; a traject's follow-up in another segment is a fact of the
 * traject, so no KPI of the segments changes), from the kept traject facts. `measured`: the
 * caller measures periods within these days only, so the clients whose trajecten all ended
 * before its first day are left out (TrajectNarrowing.clientsFrom), and the facts read of ended
 * trajecten only are left empty for those that did not end within it (endedDetailsIn); neither
 * would change a KPI of such a period. Facts loaded so are for KPIs over those periods only.
 */
export async function loadKpiFacts(trx: ScopedDb, actor: Actor, peildatum: CalendarDate, geldVan: CalendarDate, segmentIds?: ReadonlySet<number>, measured?: Period): Promise<KpiFacts> {
  const segments = segmentIds === undefined ? undefined : [...segmentIds]
  const [t, geld] = await Promise.all([trajecten(trx, peildatum, { segmentIds: segments, clientsFrom: measured?.from, endedDetailsIn: measured }), moneyMonths(trx, actor, monthStart(geldVan), peildatum, segments)])
  const budgetten = await budgetYears(trx, actor, Number(geldVan.slice(0, 4)), Number(peildatum.slice(0, 4)))
  return { peildatum, trajecten: t, geld, budgetten: budgetten.filter((b) => b.segmentId === null || segmentIds === undefined || segmentIds.has(b.segmentId)) }
}

/** How a page loads its facts: `loadKpiFacts`, or the reference below. */
export type KpiFactsLoader = typeof loadKpiFacts

/**
 * The reference (ADR 0029): every traject of the scope recomputed from the ledger and all its
 * money, whatever segments are asked for — what every page read before the facts were kept.
 * The property test and `bench:dashboard` run the pages with it beside `loadKpiFacts`.
 */
export const recomputedKpiFacts: KpiFactsLoader = async (trx, actor, peildatum, geldVan) => {
  const [t, geld] = await Promise.all([recomputedTrajecten(trx, peildatum), moneyMonths(trx, actor, monthStart(geldVan), peildatum)])
  return { peildatum, trajecten: t, geld, budgetten: await budgetYears(trx, actor, Number(geldVan.slice(0, 4)), Number(peildatum.slice(0, 4))) }
}

/** A segment and its sub-segments (at any depth). */
export function segmentFamily(segments: readonly { id: number; parentId: number | null }[], id: number): Set<number> {
  const family = new Set([id])
  for (let grew = true; grew; ) {
    grew = false
    for (const s of segments) {
      if (s.parentId !== null && family.has(s.parentId) && !family.has(s.id)) {
        family.add(s.id)
        grew = true
      }
    }
  }
  return family
}

export interface KpiFilter {
  segmentIds?: ReadonlySet<number>
  providerId?: number
  gemeenteId?: number
}

function filtered(facts: KpiFacts, f: KpiFilter) {
  const keep = (x: { segmentId: number; providerId: number; gemeenteId: number }) =>
    (f.segmentIds === undefined || f.segmentIds.has(x.segmentId)) && (f.providerId === undefined || x.providerId === f.providerId) && (f.gemeenteId === undefined || x.gemeenteId === f.gemeenteId)
  // A budget is a gemeente's: none within one provider's figures; a voorliggend line (no segment) goes with every segment of its gemeente.
  const budgetten = f.providerId !== undefined ? [] : facts.budgetten.filter((b) => (b.segmentId === null || f.segmentIds === undefined || f.segmentIds.has(b.segmentId)) && (f.gemeenteId === undefined || b.gemeenteId === f.gemeenteId))
  return { trajecten: facts.trajecten.filter(keep), geld: facts.geld.filter(keep), budgetten }
}

export type KpiValues = Record<KpiCode, KpiValue>

/** Every KPI of one group over a period, small counts suppressed and the figures that would give them away too (suppressComplements). */
export function valuesOf(g: GroupFacts, period: Period, peildatum: CalendarDate): KpiValues {
  return suppressComplements(Object.fromEntries(kpiCodes.map((c) => [c, kpiValue(c, g, period, peildatum)])) as KpiValues)
}

/** The KPIs of the facts that pass `filter`, split by `dims`. */
export function kpiRows(facts: KpiFacts, period: Period, dims: readonly Dimension[], filter: KpiFilter = {}): { key: GroupKey; waarden: KpiValues }[] {
  const { trajecten: t, geld, budgetten } = filtered(facts, filter)
  return groupBy(t, geld, dims, budgetten).map(({ key, facts: g }) => ({ key, waarden: valuesOf(g, period, facts.peildatum) }))
}

/** The facts that pass `filter` as one group, for measuring it over several periods (its episodes are formed once). */
export function groupOf(facts: KpiFacts, filter: KpiFilter): GroupFacts {
  const { trajecten: t, geld, budgetten } = filtered(facts, filter)
  return groupFacts(t, geld, budgetten)
}

/** The definitions, for pages and exports (the doc line is shown with every figure). */
export const kpiCatalogue = kpiDefinitions.map(({ code, naam, doc, eenheid, beter }) => ({ code, naam, doc, eenheid, beter }))

/** The quarters of a year up to the peildatum, for a trend. */
export function quartersOf(year: number, peildatum: CalendarDate): Period[] {
  const out: Period[] = []
  for (let q = 0; q < 4; q++) {
    const from = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`
    if (from > peildatum) break
    out.push({ from, to: earlierDate(monthEnd(`${year}-${String(q * 3 + 3).padStart(2, '0')}-01`), peildatum) })
  }
  return out
}
