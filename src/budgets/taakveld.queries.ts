/**
 * A gemeente's totals per Iv3 taakveld for a year (issue 6 §5: "a gemeente can export its
 * totals per Iv3 taakveld to check against its own administration"): realisation and
 * commitments from the lines' productcategorie (docs/declaraties.md), and the budget, which is
 * set per segment, divided over the taakvelden of the segment in proportion to its
 * verplichting there (or its realisation, without any), to the cent by largest remainder.
 *
 * Money without a product — taakgericht payments are made per segment, not per prestatie — and
 * a budget of a segment without figures go to the segment's own taakvelden (those of its
 * products' categories) in the same way, so that no "onbekend" row holds a segment's money
 * (issue 18 §5). Only a segment none of whose products maps to a taakveld keeps `onbekend`.
 */
import { sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import { type ScopedDb, narrowTo } from '../db/scope.ts'
import { divideCents } from '../shared/money.ts'
import { taakvelden } from './iv3-taakvelden.ts'
import { realisatie } from './realisation.queries.ts'
import { nameLookup } from '../regions/names.queries.ts'
import { verplichtingen } from './verplichting.queries.ts'

export interface TaakveldRow {
  gemeenteId: number
  gemeente: string
  taakveld: string
  /** The taakveld's Iv3 name; empty for `onbekend`. */
  taakveldNaam: string
  budgetCents: number
  gerealiseerdCents: number
  verplichtingCents: number
  openCents: number
}

const ONBEKEND = 'onbekend'

/** The taakvelden of each segment: those its products' categories map to. */
export async function segmentTaakvelden(trx: ScopedDb, regionId: number): Promise<Map<number, string[]>> {
  const rows = await trx
    .selectFrom('product as p')
    .innerJoin('productcategorie_taakveld as tv', (j) => j.onRef('tv.wet', '=', 'p.wet').onRef('tv.productcategorie', '=', 'p.productcategorie'))
    .select(['p.segment_id', 'tv.taakveld'])
    .where('p.region_id', '=', regionId)
    .distinct()
    .orderBy('p.segment_id')
    .orderBy('tv.taakveld')
    .execute()
  const out = new Map<number, string[]>()
  for (const r of rows) out.set(r.segment_id, [...(out.get(r.segment_id) ?? []), r.taakveld])
  return out
}

/**
 * Divides an amount of a segment over its taakvelden: in proportion to `weights` (the segment's
 * own figures per taakveld) where it has any, else equally over the segment's taakvelden; to
 * `onbekend` only when the segment has none. Whole cents, largest remainder.
 */
export function spreadOverTaakvelden(cents: number, weights: readonly { taakveld: string; weight: number }[], segmentTaakvelden: readonly string[]): { taakveld: string; cents: number }[] {
  const basis = weights.length > 0 ? weights : segmentTaakvelden.map((taakveld) => ({ taakveld, weight: 1 }))
  if (basis.length === 0) return [{ taakveld: ONBEKEND, cents }]
  const parts = divideCents(cents, basis.map((x) => x.weight))
  return basis.map((x, i) => ({ taakveld: x.taakveld, cents: parts[i]! }))
}

/** The totals in the actor's scope; the budget column only where the actor may read gemeente budgets (a provider gets its own realisation and commitments, no budget). */
export async function taakveldTotals(trx: ScopedDb, actor: Actor, jaar: number): Promise<TaakveldRow[]> {
  const dims = ['gemeente', 'segment', 'taakveld'] as const
  const [realised, committed, budgets, names, perSegment] = await Promise.all([
    realisatie(trx, dims, { van: `${jaar}-01-01`, tot: `${jaar}-12-01`, scope: actor }),
    verplichtingen(trx, dims, { jaar, scope: actor }),
    sql<{ gemeente_id: number; segment_id: number; cents: number }>`
      select x.gemeente_id, x.segment_id, sum(x.amount_cents)::bigint as cents from budget_gemeente x
      where x.region_id = ${actor.regionId} and ${narrowTo('x.gemeente_id', actor.gemeenteId)} and ${actor.providerId === null}::boolean
        and x.valid_from >= ${`${jaar}-01-01`}::date and x.valid_to <= ${`${jaar}-12-31`}::date group by 1, 2`.execute(trx),
    nameLookup(trx, actor.regionId),
    segmentTaakvelden(trx, actor.regionId),
  ])
  const rows = new Map<string, TaakveldRow>()
  const row = (g: number, tv: string) => {
    const k = `${g}|${tv}`
    let r = rows.get(k)
    if (!r) rows.set(k, (r = { gemeenteId: g, gemeente: names.gemeente(g), taakveld: tv, taakveldNaam: (taakvelden as Record<string, string>)[tv] ?? '', budgetCents: 0, gerealiseerdCents: 0, verplichtingCents: 0, openCents: 0 }))
    return r
  }
  // The segment's own figures per taakveld, the weights for what has no taakveld of its own.
  const weightsOf = (gemeente: number, segment: number) => {
    const byCommitment = committed.filter((c) => c.gemeente === gemeente && c.segment === segment && c.taakveld != null && c.verplichtingCents > 0)
    const byRealisation = realised.filter((c) => c.gemeente === gemeente && c.segment === segment && c.taakveld != null && c.realisatieCents > 0)
    return byCommitment.length > 0 ? byCommitment.map((c) => ({ taakveld: c.taakveld!, weight: c.verplichtingCents })) : byRealisation.map((c) => ({ taakveld: c.taakveld!, weight: c.realisatieCents }))
  }
  const spread = (gemeente: number, segment: number | null | undefined, cents: number) => spreadOverTaakvelden(cents, segment == null ? [] : weightsOf(gemeente, segment), segment == null ? [] : (perSegment.get(segment) ?? []))
  for (const r of realised) {
    if (r.taakveld != null) row(r.gemeente!, r.taakveld).gerealiseerdCents += r.realisatieCents
    else for (const part of spread(r.gemeente!, r.segment, r.realisatieCents)) row(r.gemeente!, part.taakveld).gerealiseerdCents += part.cents
  }
  for (const c of committed) {
    if (c.taakveld != null) {
      const r = row(c.gemeente!, c.taakveld)
      r.verplichtingCents += c.verplichtingCents
      r.openCents += c.openCents
      continue
    }
    const open = spread(c.gemeente!, c.segment, c.openCents)
    spread(c.gemeente!, c.segment, c.verplichtingCents).forEach((part, i) => {
      const r = row(c.gemeente!, part.taakveld)
      r.verplichtingCents += part.cents
      r.openCents += open[i]!.cents
    })
  }
  for (const b of budgets.rows) for (const part of spread(b.gemeente_id, b.segment_id, Number(b.cents))) row(b.gemeente_id, part.taakveld).budgetCents += part.cents
  return [...rows.values()].sort((a, b) => a.gemeente.localeCompare(b.gemeente) || a.taakveld.localeCompare(b.taakveld))
}
