/**
 * The voorliggend veld's budget lines (migration 0029, issue 22 §1): per gemeente, year and wet
 * a line per organisation and kind, with its realisation entered or imported; and the share of
 * the social-domain budget per gemeente and year beside the maatwerk segments' budgets.
 */
import { sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import { type ScopedDb, narrowTo } from '../db/scope.ts'
import { refusingConstraints } from '../db/errors.ts'
import { AppError } from '../shared/errors.ts'
import { type BudgetYear, type VoorliggendSoort, type Wet, voorliggendShare } from './voorliggend.rules.ts'
import { type VoorliggendLineInput, voorliggendLineSchema } from './voorliggend.schema.ts'


export interface VoorliggendLine {
  id: number
  gemeenteId: number
  jaar: number
  wet: Wet
  soort: VoorliggendSoort
  organisatie: string
  omschrijving: string
  budgetCents: number
  realisatieCents: number | null
  realisatieBron: 'invoer' | 'import' | null
}

/** Sets a line (gemeente, year, wet, kind and organisation are its key): a new one, or the budget and realisation of the existing one. */
export async function setVoorliggendLine(trx: ScopedDb, actor: Actor, raw: VoorliggendLineInput, bron: 'invoer' | 'import' = 'invoer'): Promise<{ id: number; nieuw: boolean }> {
  const input = voorliggendLineSchema.parse(raw)
  // Each gemeente stays financially responsible for its own residents (DOMAIN.md); row-level security says so again.
  if (actor.gemeenteId !== null && actor.gemeenteId !== input.gemeenteId) throw new AppError('budget.other_gemeente', 'a gemeente sets its own budget only')
  const realisatie = input.realisatieCents === null ? { realisatie_cents: null, realisatie_bron: null } : { realisatie_cents: input.realisatieCents, realisatie_bron: bron }
  return refusingConstraints(async () => {
    const row = await trx
      .insertInto('voorliggend_budget')
      .values({ region_id: actor.regionId, gemeente_id: input.gemeenteId, jaar: input.jaar, wet: input.wet, soort: input.soort, organisatie: input.organisatie, omschrijving: input.omschrijving, budget_cents: input.budgetCents, ...realisatie, gewijzigd_door: actor.userId })
      .onConflict((oc) => oc.constraint('voorliggend_budget_key').doUpdateSet({ omschrijving: input.omschrijving, budget_cents: input.budgetCents, ...realisatie, gewijzigd_door: actor.userId, gewijzigd_op: new Date() }))
      .returning(['id', sql<boolean>`xmax = 0`.as('nieuw')])
      .executeTakeFirstOrThrow()
    return { id: row.id, nieuw: row.nieuw }
  })
}

/** Removes a line. */
export async function deleteVoorliggendLine(trx: ScopedDb, actor: Actor, id: number): Promise<void> {
  const result = await trx.deleteFrom('voorliggend_budget').where('id', '=', id).where('region_id', '=', actor.regionId).$if(actor.gemeenteId !== null, (q) => q.where('gemeente_id', '=', actor.gemeenteId!)).executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) throw new AppError('voorliggend.not_found', `no voorliggend budget line ${id}`)
}

/** The lines of a year in the actor's scope (a gemeente its own). */
export async function listVoorliggendLines(trx: ScopedDb, actor: Actor, jaar: number): Promise<VoorliggendLine[]> {
  const rows = await trx
    .selectFrom('voorliggend_budget')
    .select(['id', 'gemeente_id', 'jaar', 'wet', 'soort', 'organisatie', 'omschrijving', 'budget_cents', 'realisatie_cents', 'realisatie_bron'])
    .where('region_id', '=', actor.regionId)
    .where('jaar', '=', jaar)
    .$if(actor.gemeenteId !== null, (q) => q.where('gemeente_id', '=', actor.gemeenteId!))
    .orderBy('gemeente_id')
    .orderBy('wet')
    .orderBy('soort')
    .orderBy('organisatie')
    .execute()
  return rows.map((r) => ({ id: r.id, gemeenteId: r.gemeente_id, jaar: r.jaar, wet: r.wet, soort: r.soort, organisatie: r.organisatie, omschrijving: r.omschrijving, budgetCents: r.budget_cents, realisatieCents: r.realisatie_cents, realisatieBron: r.realisatie_bron }))
}

/**
 * The budget years from `vanJaar` to `totJaar` of the actor's scope: every maatwerk segment's
 * gemeente budget (per gemeente, segment and year) and every voorliggend line (segment null).
 * Nothing for a provider: the gemeente budgets are not its to read.
 */
export async function budgetYears(trx: ScopedDb, actor: Actor, vanJaar: number, totJaar: number): Promise<BudgetYear[]> {
  if (actor.providerId !== null || actor.role === 'aanbieder') return []
  const { rows } = await sql<{ gemeente_id: number; segment_id: number | null; wet: Wet; jaar: number; cents: number }>`
    select b.gemeente_id, b.segment_id, s.wet, extract(year from b.valid_from)::int as jaar, sum(b.amount_cents)::bigint as cents
    from budget_gemeente b
    join segment s on s.region_id = b.region_id and s.id = b.segment_id
    where b.region_id = ${actor.regionId} and b.valid_from >= make_date(${vanJaar}::int, 1, 1) and b.valid_from <= make_date(${totJaar}::int, 12, 31)
      and ${narrowTo('b.gemeente_id', actor.gemeenteId)}
    group by b.gemeente_id, b.segment_id, s.wet, extract(year from b.valid_from)
    union all
    select v.gemeente_id, null, v.wet, v.jaar, sum(v.budget_cents)::bigint
    from voorliggend_budget v
    where v.region_id = ${actor.regionId} and v.jaar between ${vanJaar}::int and ${totJaar}::int and ${narrowTo('v.gemeente_id', actor.gemeenteId)}
    group by v.gemeente_id, v.wet, v.jaar
    order by 1, 4, 2 nulls first`.execute(trx)
  return rows.map((r) => ({ gemeenteId: r.gemeente_id, segmentId: r.segment_id, wet: r.wet, jaar: r.jaar, cents: Number(r.cents) }))
}

export interface VoorliggendShareRow {
  gemeenteId: number
  wet: Wet
  voorliggendCents: number
  maatwerkCents: number
  /** Voorliggend / (voorliggend + maatwerk), percent to one decimal; null when both are 0. */
  aandeelPct: number | null
}

/** Per gemeente and wet, the year's voorliggend and maatwerk budgets and the share (the KPI `aandeel_voorliggend` over the year; none without maatwerk). */
export async function voorliggendShares(trx: ScopedDb, actor: Actor, jaar: number): Promise<VoorliggendShareRow[]> {
  const rows = await budgetYears(trx, actor, jaar, jaar)
  const byKey = new Map<string, VoorliggendShareRow>()
  for (const r of rows) {
    const key = `${r.gemeenteId}|${r.wet}`
    let row = byKey.get(key)
    if (!row) byKey.set(key, (row = { gemeenteId: r.gemeenteId, wet: r.wet, voorliggendCents: 0, maatwerkCents: 0, aandeelPct: null }))
    if (r.segmentId === null) row.voorliggendCents += r.cents
    else row.maatwerkCents += r.cents
  }
  return [...byKey.values()].map((r) => ({ ...r, aandeelPct: voorliggendShare(r.voorliggendCents, r.maatwerkCents) })).sort((a, b) => a.gemeenteId - b.gemeenteId || a.wet.localeCompare(b.wet))
}
