/**
 * The realisation: what was granted — approved debit lines minus approved credits — plus the
 * taakgericht payments, by any grouping of gemeente, wet, segment, provider, product, month
 * and Iv3 taakveld. It reads `realisatie_maand`, which the declaration's own transaction
 * keeps (declaratie.receive.ts), so every grouping sums the same cents.
 */
import { sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import { type ScopedDb, partyCondition } from '../db/scope.ts'

export const realisationDimensions = ['gemeente', 'wet', 'segment', 'provider', 'product', 'maand', 'taakveld'] as const
export type RealisationDimension = (typeof realisationDimensions)[number]

export interface RealisationRow {
  gemeente?: number
  wet?: string
  segment?: number
  provider?: number
  /** Null for a taakgericht payment. */
  product?: number | null
  maand?: string
  taakveld?: string | null
  /** Approved debits minus approved credits, plus taakgericht payments, in cents. */
  realisatieCents: number
  debetCents: number
  creditCents: number
  taakgerichtCents: number
}

/**
 * The stored column of each grouping but taakveld (which reads wet and product_id). The month is
 * the date itself: both engines return a date as its 'YYYY-MM-DD' text (src/db/database.ts), and
 * grouping and ordering on the date spares a text per row (to_char) and a sort of those texts.
 */
const expressionColumn: Record<Exclude<RealisationDimension, 'taakveld'>, string> = { gemeente: 'gemeente_id', wet: 'wet', segment: 'segment_id', provider: 'provider_id', product: 'product_id', maand: 'maand' }

const expression = (d: RealisationDimension) => (d === 'taakveld' ? sql`tv.taakveld` : sql.raw(`r.${expressionColumn[d]}`))

export interface RealisationFilter {
  van?: string
  tot?: string
  /** The actor whose parties the query names itself (row-level security applies in any case). */
  scope?: Actor
  /** Only these segments. */
  segmentIds?: readonly number[]
}

/**
 * The realisation grouped by `dims` (none: the total), within the actor's scope. By taakveld, the
 * stored rows are first summed per gemeente, wet, segment, provider, product or month as far as
 * the grouping reads them, and only those sums are joined with the products and their taakvelden:
 * a gemeente's year is some 5,000 month rows of a few dozen products, and joining each row took
 * twice as long as reading it (issue 19 §5). Without taakveld there is nothing to join.
 */
export async function realisatie(trx: ScopedDb, dims: readonly RealisationDimension[], filter: RealisationFilter = {}): Promise<RealisationRow[]> {
  const unique = [...new Set(dims)]
  const select = unique.map((d) => sql`${expression(d)} as ${sql.ref(d)}`)
  const group = unique.map(expression)
  const sums = [sql`sum(r.debet_cents)::bigint as debet`, sql`sum(r.credit_cents)::bigint as credit`, sql`sum(r.taakgericht_cents)::bigint as taakgericht`]
  const where = sql`where ${filter.scope ? partyCondition(filter.scope, 'r') : sql`true`}
      and (${filter.van ?? null}::date is null or r.maand >= ${filter.van ?? null}::date)
      and (${filter.tot ?? null}::date is null or r.maand <= ${filter.tot ?? null}::date)${filter.segmentIds === undefined ? sql`` : sql`
      and r.segment_id = any(${[...filter.segmentIds]}::int[])`}`
  const keys = [...new Set(unique.flatMap((d) => (d === 'taakveld' ? ['wet', 'product_id'] : [expressionColumn[d]])))].map((c) => sql.ref(`r.${c}`))
  const from = unique.includes('taakveld')
    ? sql`(select ${sql.join([...keys, sql`sum(r.debet_cents) as debet_cents, sum(r.credit_cents) as credit_cents, sum(r.taakgericht_cents) as taakgericht_cents`])}
      from r ${where} group by ${sql.join(keys)}) r
    left join product p on p.id = r.product_id
    left join productcategorie_taakveld tv on tv.wet = r.wet and tv.productcategorie = p.productcategorie`
    : sql`r
    ${where}`
  const { rows } = await sql<Record<string, unknown>>`
    with r as (
      select region_id, gemeente_id, wet, segment_id, provider_id, product_id, maand, debet_cents, credit_cents, 0::bigint as taakgericht_cents from realisatie_maand
      union all
      select region_id, gemeente_id, wet, segment_id, provider_id, null, maand, 0, 0, bedrag_cents from taakgericht_betaling
    )
    select ${sql.join([...select, ...sums])}
    from ${from}
    ${group.length > 0 ? sql`group by ${sql.join(group)} order by ${sql.join(group)}` : sql``}`.execute(trx)
  return rows.map((row) => {
    const debetCents = Number(row.debet ?? 0)
    const creditCents = Number(row.credit ?? 0)
    const taakgerichtCents = Number(row.taakgericht ?? 0)
    const out: RealisationRow = { realisatieCents: debetCents - creditCents + taakgerichtCents, debetCents, creditCents, taakgerichtCents }
    for (const d of unique) (out as unknown as Record<string, unknown>)[d] = row[d] ?? null
    return out
  })
}

/** A month's realisation of one product, as declarations add to it (negative amounts are credits). */
export interface RealisatieMaandDelta {
  segmentId: number
  productId: number
  /** The month's first day, YYYY-MM-01. */
  maand: string
  debet: number
  credit: number
  regels: number
}

/**
 * Books approved (or, with negative amounts, withdrawn) declaration lines of one gemeente,
 * provider and law: added to `realisatie_maand` per product and month, and to the open
 * commitments of the toewijzingen declared on by `koers_realiseer` (migration 0006) in one
 * statement. The one way for the 323 in answering mode and a back office's 325 in observer mode.
 */
export async function bookRealisation(
  trx: ScopedDb,
  party: { regionId: number; gemeenteId: number; providerId: number; wet: 'jeugdwet' | 'wmo' },
  months: readonly RealisatieMaandDelta[],
  perToewijzingJaar: readonly { toewijzingId: number; jaar: number; cents: number }[],
): Promise<void> {
  for (let i = 0; i < months.length; i += 1000) {
    await trx
      .insertInto('realisatie_maand')
      .values(months.slice(i, i + 1000).map((r) => ({ region_id: party.regionId, gemeente_id: party.gemeenteId, provider_id: party.providerId, wet: party.wet, segment_id: r.segmentId, product_id: r.productId, maand: r.maand, debet_cents: r.debet, credit_cents: r.credit, regels: r.regels })))
      .onConflict((oc) =>
        oc.columns(['region_id', 'gemeente_id', 'provider_id', 'wet', 'segment_id', 'product_id', 'maand']).doUpdateSet((eb) => ({
          debet_cents: sql`realisatie_maand.debet_cents + ${eb.ref('excluded.debet_cents')}`,
          credit_cents: sql`realisatie_maand.credit_cents + ${eb.ref('excluded.credit_cents')}`,
          regels: sql`realisatie_maand.regels + ${eb.ref('excluded.regels')}`,
        })),
      )
      .execute()
  }
  // One statement for the whole list: it joins it with the region's toewijzing years once.
  if (perToewijzingJaar.length > 0) {
    await sql`select koers_realiseer(${perToewijzingJaar.map((t) => t.toewijzingId)}::integer[], ${perToewijzingJaar.map((t) => t.jaar)}::integer[], ${perToewijzingJaar.map((t) => t.cents)}::bigint[])`.execute(trx)
  }
}
