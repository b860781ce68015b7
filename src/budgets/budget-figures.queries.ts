/**
 * Every budget with its live figures (issue 6 §2): the gemeente budget per segment and the
 * geraamd budget per provider (seed 004 §5.6), each with realisation, open commitments,
 * forecast and exhaustion. A budget counts the toewijzingen and payments of its own segment.
 */
import { sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import { type ScopedDb, narrowTo } from '../db/scope.ts'
import { nameLookup } from '../regions/names.queries.ts'
import { suppressSmallCount } from '../shared/suppress.ts'
import type { FiguresFilter } from './figures.queries.ts'

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

/** How the stored figures and the budgets are grouped: by any of gemeente, provider and segment. */
export type FiguresDim = 'gemeente' | 'provider' | 'segment'

export interface GroupedFigures extends Figures {
  gemeenteId: number | null
  providerId: number | null
  segmentId: number | null
  /** Toewijzingen ending in the year, and their days (for the mean length). */
  beeindigd: number
  beeindigdDagen: number
  /** The oldest reference date of the stored figures in the row (null for a budget without figures). */
  peildatum: string | null
}

const column = { gemeente: 'gemeente_id', provider: 'provider_id', segment: 'segment_id' } as const

/**
 * The stored figures (budget_prognose) summed by `dims` in SQL, beside the budgets of the
 * same grouping: the provider budgets when grouped by provider, the gemeente budgets
 * otherwise. Within the actor's scope and the filter; rows with a budget or figures.
 */
export async function figuresBy(trx: ScopedDb, actor: Actor, year: number, dims: readonly FiguresDim[], filter: FiguresFilter = {}): Promise<GroupedFigures[]> {
  const gemeenteId = actor.gemeenteId ?? filter.gemeenteId ?? null
  const providerId = actor.providerId ?? filter.providerId ?? null
  const segmentId = filter.segmentId ?? null
  const byProvider = dims.includes('provider') || providerId !== null
  const cols = dims.map((d) => sql.ref(column[d]))
  const keyCols = cols.length > 0 ? sql`${sql.join(cols)},` : sql``
  const group = cols.length > 0 ? sql`group by ${sql.join(cols)}` : sql``
  const scope = sql`region_id = ${actor.regionId}
    and ${narrowTo('gemeente_id', gemeenteId)}
    and ${narrowTo('segment_id', segmentId)}`
  const providerScope = narrowTo('provider_id', providerId)
  const join = cols.length > 0 ? sql`full join b using (${sql.join(cols)})` : sql`full join b on true`
  const pick = dims.map((d) => sql`${sql.ref(column[d])} as ${sql.ref(d)}`)
  const { rows } = await sql<Record<string, number | string | null>>`
    with k as (
      select ${keyCols} sum(gerealiseerd_cents)::bigint as g, sum(verplichting_cents)::bigint as v, sum(open_cents)::bigint as o, sum(prognose_cents)::bigint as p,
             sum(verwacht_op_verplichtingen_cents)::bigint as ec, sum(verwacht_instroom_cents)::bigint as ei, sum(verwacht_taakgericht_cents)::bigint as et,
             sum(toewijzingen)::int as n, sum(beeindigd)::int as e, sum(beeindigd_dagen)::bigint as ed, to_char(min(peildatum), 'YYYY-MM-DD') as peildatum
      from budget_prognose where ${scope} and ${providerScope} and jaar = ${year} ${group}
    ), b as (
      select ${keyCols} sum(amount_cents)::bigint as budget
      from ${byProvider ? sql`budget_provider` : sql`budget_gemeente`}
      where ${scope} ${byProvider ? sql`and ${providerScope}` : sql``} and valid_from >= ${`${year}-01-01`}::date and valid_to <= ${`${year}-12-31`}::date ${group}
    )
    select ${sql.join([...pick, sql`coalesce(budget, 0) as budget, coalesce(g, 0) as g, coalesce(v, 0) as v, coalesce(o, 0) as o, coalesce(p, 0) as p, coalesce(ec, 0) as ec, coalesce(ei, 0) as ei, coalesce(et, 0) as et, coalesce(n, 0) as n, coalesce(e, 0) as e, coalesce(ed, 0) as ed, peildatum`])}
    from k ${join}`.execute(trx)
  return rows
    .filter((r) => Number(r.budget) !== 0 || Number(r.g) !== 0 || Number(r.v) !== 0 || Number(r.p) !== 0)
    .map((r) =>
      withPercentages({
        gemeenteId: dims.includes('gemeente') ? Number(r.gemeente) : null,
        providerId: dims.includes('provider') ? Number(r.provider) : null,
        segmentId: dims.includes('segment') ? Number(r.segment) : null,
        budgetCents: Number(r.budget), realisedCents: Number(r.g), committedCents: Number(r.v), openCents: Number(r.o), forecastCents: Number(r.p),
        expectedOnCommitmentsCents: Number(r.ec), expectedInflowCents: Number(r.ei), expectedLumpSumsCents: Number(r.et),
        toewijzingen: Number(r.n), beeindigd: Number(r.e), beeindigdDagen: Number(r.ed), peildatum: (r.peildatum as string | null) ?? null,
        exhaustionPct: null, forecastPct: null,
      }),
    )
}

/**
 * Figures as every answer gives them — JSON, CSV and the web app alike: the number of
 * toewijzingen, and of those ending in the year with their days, null when 1–4
 * (src/shared/suppress.ts), since one provider in one gemeente could otherwise single out a
 * resident and the length of their care (issue 17 §8). Sums and rules work on the raw figures;
 * an answer is built from them through this, once.
 */
export type Shown<T extends Figures> = Omit<T, 'toewijzingen' | 'beeindigd' | 'beeindigdDagen'> & { toewijzingen: number | null } & (T extends { beeindigd: number } ? { beeindigd: number | null; beeindigdDagen: number | null } : unknown)

export function shown<T extends Figures>(f: T): Shown<T> {
  const out: Record<string, unknown> = { ...(f as object), toewijzingen: suppressSmallCount(f.toewijzingen) }
  // Checked on the value, not the type: a row spread from a grouping carries them whatever its declared type.
  if ('beeindigd' in f && typeof f.beeindigd === 'number') {
    const ended = suppressSmallCount(f.beeindigd)
    out.beeindigd = ended
    out.beeindigdDagen = ended === null ? null : (f as { beeindigdDagen?: number }).beeindigdDagen
  }
  return out as Shown<T>
}

/** A line of the budget page and its export: a budget with its figures (counts suppressed) and names. */
export type FiguresRow = Omit<Shown<GroupedFigures>, 'segmentId'> & { segmentId: number; gemeente: string; aanbieder: string; segment: string }

/**
 * Every budget of `year` in the actor's scope with its figures (GET /api/budgets/figures): per
 * gemeente and segment, or with `level` aanbieder (and always for a provider) per provider too.
 */
export async function figuresRows(trx: ScopedDb, actor: Actor, year: number, level: 'gemeente' | 'aanbieder', filter: FiguresFilter = {}): Promise<FiguresRow[]> {
  const perProvider = level === 'aanbieder' || actor.providerId !== null
  const lines = await figuresBy(trx, actor, year, perProvider ? ['gemeente', 'provider', 'segment'] : ['gemeente', 'segment'], filter)
  const names = await nameLookup(trx, actor.regionId)
  return lines
    .map((l): FiguresRow => ({ ...shown(l), segmentId: l.segmentId!, gemeente: names.gemeente(l.gemeenteId!), aanbieder: l.providerId === null ? '' : names.provider(l.providerId), segment: names.segment(l.segmentId!) }))
    .sort((a, b) => a.gemeente.localeCompare(b.gemeente) || a.segment.localeCompare(b.segment) || b.realisedCents - a.realisedCents)
}
