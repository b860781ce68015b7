/**
 * A gemeente's totals per Iv3 taakveld for a year (issue 6 §5: "a gemeente can export its
 * totals per Iv3 taakveld to check against its own administration"): realisation and
 * commitments from the lines' productcategorie (docs/declaraties.md), and the budget, which is
 * set per segment, divided over the taakvelden of the segment in proportion to its
 * verplichting there (or its realisation, without any), to the cent by largest remainder.
 */
import { sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import { divideCents } from '../shared/money.ts'
import { nameLookup } from './signal.queries.ts'

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

export async function taakveldTotals(trx: ScopedDb, actor: Actor, jaar: number): Promise<TaakveldRow[]> {
  const gemeenteId = actor.gemeenteId
  const scope = sql`x.region_id = ${actor.regionId} and (${gemeenteId}::int is null or x.gemeente_id = ${gemeenteId}::int)`
  const [realised, committed, budgets, names] = await Promise.all([
    sql<{ gemeente_id: number; segment_id: number; taakveld: string | null; cents: number }>`
      select x.gemeente_id, x.segment_id, tv.taakveld, sum(x.cents)::bigint as cents from (
        select region_id, gemeente_id, segment_id, wet, product_id, debet_cents - credit_cents as cents from realisatie_maand
        where maand between ${`${jaar}-01-01`}::date and ${`${jaar}-12-01`}::date
        union all
        select region_id, gemeente_id, segment_id, wet, null, bedrag_cents from taakgericht_betaling
        where maand between ${`${jaar}-01-01`}::date and ${`${jaar}-12-01`}::date
      ) x left join product p on p.id = x.product_id
      left join productcategorie_taakveld tv on tv.wet = x.wet and tv.productcategorie = p.productcategorie
      where ${scope} group by 1, 2, 3`.execute(trx),
    sql<{ gemeente_id: number; segment_id: number; taakveld: string | null; v: number; o: number }>`
      select x.gemeente_id, x.segment_id, tv.taakveld, sum(x.verplichting_cents)::bigint as v, sum(x.open_cents)::bigint as o
      from verplichting_jaar x join product p on p.id = x.product_id
      left join productcategorie_taakveld tv on tv.wet = x.wet and tv.productcategorie = p.productcategorie
      where ${scope} and x.jaar = ${jaar} group by 1, 2, 3`.execute(trx),
    sql<{ gemeente_id: number; segment_id: number; cents: number }>`
      select x.gemeente_id, x.segment_id, sum(x.amount_cents)::bigint as cents from budget_gemeente x
      where ${scope} and x.valid_from >= ${`${jaar}-01-01`}::date and x.valid_to <= ${`${jaar}-12-31`}::date group by 1, 2`.execute(trx),
    nameLookup(trx, actor.regionId),
  ])
  const rows = new Map<string, TaakveldRow>()
  const row = (g: number, tv: string | null) => {
    const k = `${g}|${tv ?? ONBEKEND}`
    let r = rows.get(k)
    if (!r) rows.set(k, (r = { gemeenteId: g, gemeente: names.gemeente(g), taakveld: tv ?? ONBEKEND, budgetCents: 0, gerealiseerdCents: 0, verplichtingCents: 0, openCents: 0 }))
    return r
  }
  for (const r of realised.rows) row(r.gemeente_id, r.taakveld).gerealiseerdCents += Number(r.cents)
  for (const c of committed.rows) {
    const r = row(c.gemeente_id, c.taakveld)
    r.verplichtingCents += Number(c.v)
    r.openCents += Number(c.o)
  }
  for (const b of budgets.rows) {
    const byCommitment = committed.rows.filter((c) => c.gemeente_id === b.gemeente_id && c.segment_id === b.segment_id && Number(c.v) > 0)
    const byRealisation = realised.rows.filter((c) => c.gemeente_id === b.gemeente_id && c.segment_id === b.segment_id && Number(c.cents) > 0)
    const basis = byCommitment.length > 0 ? byCommitment.map((c) => ({ taakveld: c.taakveld, weight: Number(c.v) })) : byRealisation.map((c) => ({ taakveld: c.taakveld, weight: Number(c.cents) }))
    if (basis.length === 0) {
      row(b.gemeente_id, null).budgetCents += Number(b.cents)
      continue
    }
    const parts = divideCents(Number(b.cents), basis.map((x) => x.weight))
    basis.forEach((x, i) => (row(b.gemeente_id, x.taakveld).budgetCents += parts[i]!))
  }
  return [...rows.values()].sort((a, b) => a.gemeente.localeCompare(b.gemeente) || a.taakveld.localeCompare(b.taakveld))
}
