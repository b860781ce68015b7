/**
 * The live figures per key (gemeente × provider × wet × segment) and year, kept in
 * `budget_prognose` so that the dashboard sums a few thousand rows instead of computing a
 * forecast per key on every look (issue 6 §6: every dashboard query ≤ 1 % of a scan of the
 * prestaties). A key's row is refreshed in the same transaction as every change to its
 * inputs — a declaration (declaratie.receive.ts), a toewijzing issued or changed, a
 * taakgericht payment — and every key's row when the month turns (`koers budgetten
 * bijwerken`, and at start-up), because the forecast depends on the reference month.
 */
import { type Kysely, sql } from 'kysely'
import { type Actor, systemActor } from '../auth/actor.ts'
import type { Database } from '../db/database.ts'
import type { DB } from '../db/schema.ts'
import { type ScopedDb, narrowTo, withActor } from '../db/scope.ts'
import { type FiguresFilter, yearFigures } from './figures.queries.ts'

const literal = (xs: readonly number[]) => `{${xs.map((x) => Math.round(x)).join(',')}}`

/** Recomputes the stored figures of the keys in `filter` (and the actor's scope) for `year` as of `asOf`. */
export async function refreshForecast(trx: ScopedDb, actor: Actor, year: number, asOf: string, filter: FiguresFilter = {}): Promise<number> {
  const figures = await yearFigures(trx, actor, year, asOf, filter)
  const gemeenteId = actor.gemeenteId ?? filter.gemeenteId ?? null
  const { rows: deleted } = await sql<{ gemeente_id: number; segment_id: number }>`delete from budget_prognose where region_id = ${actor.regionId} and jaar = ${year}
      and ${narrowTo('gemeente_id', gemeenteId)}
      and ${narrowTo('provider_id', filter.providerId ?? null)}
      and ${narrowTo('segment_id', filter.segmentId ?? null)}
      returning gemeente_id, segment_id`.execute(trx)
  const rows = figures.keys.map((k) => ({
    region_id: actor.regionId,
    jaar: year,
    gemeente_id: k.gemeenteId,
    provider_id: k.providerId,
    wet: k.wet,
    segment_id: k.segmentId,
    peildatum: asOf,
    gerealiseerd_cents: k.realisedCents,
    verplichting_cents: k.committedCents,
    open_cents: k.openCents,
    toewijzingen: k.toewijzingen,
    verwacht_op_verplichtingen_cents: k.forecast.expectedOnCommitmentsCents,
    verwacht_instroom_cents: k.forecast.expectedInflowCents,
    verwacht_taakgericht_cents: k.forecast.expectedLumpSumsCents,
    prognose_cents: k.forecast.forecastCents,
    benutting: k.forecast.utilisation,
    gerealiseerd_maand: literal(k.realisedByMonth),
    verplichting_maand: literal(k.committedByMonth),
    prognose_maand: literal(k.forecast.byMonth),
    nieuw_maand: literal(k.nieuwByMonth),
    beeindigd_maand: literal(k.beeindigdByMonth),
    beeindigd_dagen_maand: literal(k.beeindigdDagenByMonth),
    beeindigd: k.beeindigdByMonth.reduce((a, b) => a + b, 0),
    beeindigd_dagen: k.beeindigdDagenByMonth.reduce((a, b) => a + b, 0),
  }))
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('budget_prognose').values(rows.slice(i, i + 1000)).execute()
  // The months per gemeente and segment, for every pair whose keys changed.
  const pairs = new Map<string, [number, number]>()
  for (const r of [...deleted, ...rows]) pairs.set(`${r.gemeente_id}|${r.segment_id}`, [r.gemeente_id, r.segment_id])
  if (pairs.size > 0) {
    const g = [...pairs.values()].map((p) => p[0])
    const sg = [...pairs.values()].map((p) => p[1])
    const affected = sql`(gemeente_id, segment_id) in (select * from unnest(${g}::int[], ${sg}::int[]))`
    await sql`delete from budget_prognose_maand where region_id = ${actor.regionId} and jaar = ${year} and ${affected}`.execute(trx)
    await sql`insert into budget_prognose_maand (region_id, jaar, gemeente_id, segment_id, maand, gerealiseerd_cents, verplichting_cents, prognose_cents, nieuw, beeindigd)
      select region_id, jaar, gemeente_id, segment_id, u.i, sum(u.g), sum(u.v), sum(u.p), sum(u.n), sum(u.e)
      from budget_prognose, unnest(gerealiseerd_maand, verplichting_maand, prognose_maand, nieuw_maand, beeindigd_maand) with ordinality as u (g, v, p, n, e, i)
      where region_id = ${actor.regionId} and jaar = ${year} and ${affected}
      group by region_id, jaar, gemeente_id, segment_id, u.i`.execute(trx)
  }
  return rows.length
}

/** The years whose figures a change in `years` can move: those years, and the year after each (its utilisation). */
export const affectedYears = (years: Iterable<number>): number[] => [...new Set([...years].flatMap((y) => [y, y + 1]))].sort()

/**
 * Within a bulk load (the demo builds a year of history in one transaction) the refresh per
 * change is deferred for the rest of the transaction, which ends with refreshAllForecasts.
 */
export async function deferForecasts(trx: Kysely<DB>): Promise<void> {
  await sql`select set_config('koers.prognose_uitgesteld', 'ja', true)`.execute(trx)
  deferredIn.add(trx)
}

/**
 * The transactions that deferred it here, so that asking again costs no statement (the demo asks
 * twice for each of its 2,400 declarations). The setting stays the test: a transaction that
 * deferred it elsewhere is seen too. Not for a deferral that a rollback to a savepoint may undo.
 */
const deferredIn = new WeakSet<Kysely<DB>>()

/** Whether this transaction defers the refresh per change (deferForecasts). */
export async function forecastsDeferred(trx: Kysely<DB>): Promise<boolean> {
  if (deferredIn.has(trx)) return true
  const { rows } = await sql<{ deferred: string | null }>`select current_setting('koers.prognose_uitgesteld', true) as deferred`.execute(trx)
  return rows[0]?.deferred === 'ja'
}

/**
 * Refreshes every key of every region for last year, this year and next year as of `asOf`
 * (the month has turned, or the figures were loaded in bulk). Runs as each region.
 */
export async function refreshAllForecasts(db: Database | Kysely<DB>, asOf: string, regionIds?: number[]): Promise<{ regions: number; keys: number }> {
  const ids = regionIds ?? (await db.selectFrom('region').select('id').execute()).map((r) => r.id)
  const year = Number(asOf.slice(0, 4))
  let keys = 0
  for (const regionId of ids) {
    const actor = systemActor(regionId, 'prognose')
    await withActor(db as Database, actor, async (trx) => {
      for (const y of [year - 1, year, year + 1]) keys += await refreshForecast(trx, actor, y, asOf)
    })
  }
  return { regions: ids.length, keys }
}

/** The oldest reference date among the stored figures of this year (null when none are stored). */
export async function oldestPeildatum(db: Kysely<DB>, year: number): Promise<string | null> {
  const row = await db.selectFrom('budget_prognose').select((eb) => eb.fn.min('peildatum').as('p')).where('jaar', '=', year).executeTakeFirst()
  return (row?.p as string | null | undefined) ?? null
}

const scopeOf = (actor: Actor, year: number, filter: FiguresFilter) => {
  const gemeenteId = actor.gemeenteId ?? filter.gemeenteId ?? null
  const providerId = actor.providerId ?? filter.providerId ?? null
  const segmentId = filter.segmentId ?? null
  return sql`region_id = ${actor.regionId} and jaar = ${year}
    and ${narrowTo('gemeente_id', gemeenteId)}
    and ${narrowTo('provider_id', providerId)}
    and ${narrowTo('segment_id', segmentId)}`
}

export interface MonthTotals {
  maand: string
  gerealiseerdCents: number
  verplichtingCents: number
  prognoseCents: number
  nieuw: number
  beeindigd: number
}

/**
 * The stored monthly figures of the keys in scope, summed per month: from the months per
 * gemeente and segment, or, for one provider's figures, from its own keys' months.
 */
export async function storedMonths(trx: ScopedDb, actor: Actor, year: number, filter: FiguresFilter = {}): Promise<MonthTotals[]> {
  const perProvider = (actor.providerId ?? filter.providerId ?? null) !== null
  const { rows } = perProvider
    ? await sql<{ i: number; g: number; v: number; p: number; n: number; e: number }>`
        select u.i, sum(u.g)::bigint as g, sum(u.v)::bigint as v, sum(u.p)::bigint as p, sum(u.n)::int as n, sum(u.e)::int as e
        from budget_prognose, unnest(gerealiseerd_maand, verplichting_maand, prognose_maand, nieuw_maand, beeindigd_maand) with ordinality as u (g, v, p, n, e, i)
        where ${scopeOf(actor, year, filter)}
        group by u.i`.execute(trx)
    : await sql<{ i: number; g: number; v: number; p: number; n: number; e: number }>`
        select maand as i, sum(gerealiseerd_cents)::bigint as g, sum(verplichting_cents)::bigint as v, sum(prognose_cents)::bigint as p, sum(nieuw)::int as n, sum(beeindigd)::int as e
        from budget_prognose_maand
        where region_id = ${actor.regionId} and jaar = ${year}
          and ${narrowTo('gemeente_id', actor.gemeenteId ?? filter.gemeenteId ?? null)}
          and ${narrowTo('segment_id', filter.segmentId ?? null)}
        group by maand`.execute(trx)
  const byMonth = new Map(rows.map((r) => [Number(r.i), r]))
  return Array.from({ length: 12 }, (_, i) => {
    const r = byMonth.get(i + 1)
    return { maand: `${year}-${String(i + 1).padStart(2, '0')}-01`, gerealiseerdCents: Number(r?.g ?? 0), verplichtingCents: Number(r?.v ?? 0), prognoseCents: Number(r?.p ?? 0), nieuw: r?.n ?? 0, beeindigd: r?.e ?? 0 }
  })
}
