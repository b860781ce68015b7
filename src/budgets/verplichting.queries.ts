/**
 * The commitments — verplichting of active toewijzingen, the part of it not yet realised, and
 * what was realised on them — by any grouping of gemeente, wet, segment, provider, product,
 * year and Iv3 taakveld. It reads `verplichting_jaar` (migration 0006), whose rows are sums
 * per toewijzing and year, so every grouping adds up to the same cents.
 */
import { sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import { type ScopedDb, narrowTo, partyCondition } from '../db/scope.ts'

export const verplichtingDimensions = ['gemeente', 'wet', 'segment', 'provider', 'product', 'jaar', 'taakveld'] as const
export type VerplichtingDimension = (typeof verplichtingDimensions)[number]

export interface VerplichtingRow {
  gemeente?: number
  wet?: string
  segment?: number
  provider?: number
  product?: number
  jaar?: number
  taakveld?: string | null
  verplichtingCents: number
  openCents: number
  gerealiseerdCents: number
  toewijzingen: number
}

const expression = {
  gemeente: sql`v.gemeente_id`,
  wet: sql`v.wet`,
  segment: sql`v.segment_id`,
  provider: sql`v.provider_id`,
  product: sql`v.product_id`,
  jaar: sql`v.jaar`,
  taakveld: sql`tv.taakveld`,
} as const

/** The commitments grouped by `dims` (none: the total) within the actor's scope, for one year or all. */
export async function verplichtingen(trx: ScopedDb, dims: readonly VerplichtingDimension[], filter: { jaar?: number; scope?: Actor } = {}): Promise<VerplichtingRow[]> {
  const unique = [...new Set(dims)]
  const select = unique.map((d) => sql`${expression[d]} as ${sql.ref(d)}`)
  const group = unique.map((d) => expression[d])
  const { rows } = await sql<Record<string, unknown>>`
    select ${sql.join([...select, sql`sum(v.verplichting_cents)::bigint as verplichting`, sql`sum(v.open_cents)::bigint as open`, sql`sum(v.gerealiseerd_cents)::bigint as gerealiseerd`, sql`sum(v.toewijzingen)::int as toewijzingen`])}
    from verplichting_jaar v
    join product p on p.id = v.product_id
    left join productcategorie_taakveld tv on tv.wet = v.wet and tv.productcategorie = p.productcategorie
    where ${filter.scope ? partyCondition(filter.scope, 'v') : sql`true`}
      and ${narrowTo('v.jaar', filter.jaar ?? null)}
    ${group.length > 0 ? sql`group by ${sql.join(group)} order by ${sql.join(group)}` : sql``}`.execute(trx)
  return rows.map((row) => {
    const out: VerplichtingRow = { verplichtingCents: Number(row.verplichting ?? 0), openCents: Number(row.open ?? 0), gerealiseerdCents: Number(row.gerealiseerd ?? 0), toewijzingen: Number(row.toewijzingen ?? 0) }
    for (const d of unique) (out as unknown as Record<string, unknown>)[d] = row[d] ?? null
    return out
  })
}
