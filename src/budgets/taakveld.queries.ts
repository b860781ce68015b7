/**
 * A gemeente's totals per Iv3 taakveld for a year (issue 6 §5: "a gemeente can export its
 * totals per Iv3 taakveld to check against its own administration"): realisation and
 * commitments from the lines' productcategorie (docs/declaraties.md), and the budget, which is
 * set per segment, divided over the taakvelden of the segment in proportion to its
 * verplichting there (or its realisation, without any), to the cent by largest remainder.
 */
import { sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import { type ScopedDb, narrowTo } from '../db/scope.ts'
import { divideCents } from '../shared/money.ts'
import { realisatie } from './realisation.queries.ts'
import { nameLookup } from '../regions/names.queries.ts'
import { verplichtingen } from './verplichting.queries.ts'

export interface TaakveldRow {
  gemeenteId: number
  gemeente: string
  taakveld: string
  budgetCents: number
  gerealiseerdCents: number
  verplichtingCents: number
  openCents: number
}

const ONBEKEND = 'onbekend'

/** The totals in the actor's scope; the budget column only where the actor may read gemeente budgets (a provider gets its own realisation and commitments, no budget). */
export async function taakveldTotals(trx: ScopedDb, actor: Actor, jaar: number): Promise<TaakveldRow[]> {
  const dims = ['gemeente', 'segment', 'taakveld'] as const
  const [realised, committed, budgets, names] = await Promise.all([
    realisatie(trx, dims, { van: `${jaar}-01-01`, tot: `${jaar}-12-01`, scope: actor }),
    verplichtingen(trx, dims, { jaar, scope: actor }),
    sql<{ gemeente_id: number; segment_id: number; cents: number }>`
      select x.gemeente_id, x.segment_id, sum(x.amount_cents)::bigint as cents from budget_gemeente x
      where x.region_id = ${actor.regionId} and ${narrowTo('x.gemeente_id', actor.gemeenteId)} and ${actor.providerId === null}::boolean
        and x.valid_from >= ${`${jaar}-01-01`}::date and x.valid_to <= ${`${jaar}-12-31`}::date group by 1, 2`.execute(trx),
    nameLookup(trx, actor.regionId),
  ])
  const rows = new Map<string, TaakveldRow>()
  const row = (g: number, tv: string | null | undefined) => {
    const k = `${g}|${tv ?? ONBEKEND}`
    let r = rows.get(k)
    if (!r) rows.set(k, (r = { gemeenteId: g, gemeente: names.gemeente(g), taakveld: tv ?? ONBEKEND, budgetCents: 0, gerealiseerdCents: 0, verplichtingCents: 0, openCents: 0 }))
    return r
  }
  for (const r of realised) row(r.gemeente!, r.taakveld).gerealiseerdCents += r.realisatieCents
  for (const c of committed) {
    const r = row(c.gemeente!, c.taakveld)
    r.verplichtingCents += c.verplichtingCents
    r.openCents += c.openCents
  }
  for (const b of budgets.rows) {
    const byCommitment = committed.filter((c) => c.gemeente === b.gemeente_id && c.segment === b.segment_id && c.verplichtingCents > 0)
    const byRealisation = realised.filter((c) => c.gemeente === b.gemeente_id && c.segment === b.segment_id && c.realisatieCents > 0)
    const basis = byCommitment.length > 0 ? byCommitment.map((c) => ({ taakveld: c.taakveld, weight: c.verplichtingCents })) : byRealisation.map((c) => ({ taakveld: c.taakveld, weight: c.realisatieCents }))
    if (basis.length === 0) {
      row(b.gemeente_id, null).budgetCents += Number(b.cents)
      continue
    }
    const parts = divideCents(Number(b.cents), basis.map((x) => x.weight))
    basis.forEach((x, i) => (row(b.gemeente_id, x.taakveld).budgetCents += parts[i]!))
  }
  return [...rows.values()].sort((a, b) => a.gemeente.localeCompare(b.gemeente) || a.taakveld.localeCompare(b.taakveld))
}
