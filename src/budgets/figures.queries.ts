/**
 * Live figures per budget: realisation, open commitments, forecast and exhaustion, read from
 * the aggregates the declarations and the toewijzingen keep (migrations 0005 and 0006), never
 * from the lines. Everything is computed per key — gemeente × provider × wet × segment — and
 * summed, so every grouping adds up to the same cents (docs/budgetten.md).
 */
import { sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import { type ScopedDb, narrowTo } from '../db/scope.ts'
import type { Wet } from '../istandaarden/codelists.ts'
import { addMonths, monthStart } from '../shared/dates.ts'
import { type Forecast, type InflowMonth, type KeySeries, forecastKey, referenceMonthOf } from './forecast.rules.ts'

/** A key — gemeente × provider × wet × segment — and its year's figures, as refreshForecast stores them. */
export interface KeyFigures {
  gemeenteId: number
  providerId: number
  wet: Wet
  segmentId: number
  /** Approved lines net of credits, plus taakgericht payments, in the year. */
  realisedCents: number
  /** Verplichting of the toewijzingen active in the year, falling in the year. */
  committedCents: number
  /** Per toewijzing max(0, verplichting − realised), summed. */
  openCents: number
  toewijzingen: number
  forecast: Forecast
  /** Per month (index 0 = January): realised, verplichting. */
  realisedByMonth: number[]
  committedByMonth: number[]
  nieuwByMonth: number[]
  beeindigdByMonth: number[]
  beeindigdDagenByMonth: number[]
}

export interface YearFigures {
  year: number
  asOf: string
  keys: KeyFigures[]
}

const keyOf = (g: number, p: number, w: string, s: number) => `${g}|${p}|${w}|${s}`

export interface FiguresFilter {
  gemeenteId?: number
  providerId?: number
  segmentId?: number
}

/** The figures of every key in the actor's scope for `year`, as of `asOf`. */
export async function yearFigures(trx: ScopedDb, actor: Actor, year: number, asOf: string, filter: FiguresFilter = {}): Promise<YearFigures> {
  const gemeenteId = actor.gemeenteId ?? filter.gemeenteId ?? null
  const providerId = actor.providerId ?? filter.providerId ?? null
  const segmentId = filter.segmentId ?? null
  const histEnd = addMonths(monthStart(asOf), -1)
  const histStart = addMonths(histEnd, -23)
  const from = `${year - 1}-01-01` < histStart ? `${year - 1}-01-01` : histStart
  const scope = sql`region_id = ${actor.regionId}
      and ${narrowTo('gemeente_id', gemeenteId)}
      and ${narrowTo('provider_id', providerId)}
      and ${narrowTo('segment_id', segmentId)}`

  const [realised, lumps, months, years] = await Promise.all([
    sql<{ gemeente_id: number; provider_id: number; wet: Wet; segment_id: number; y: number; m: number; cents: number }>`
      select gemeente_id, provider_id, wet, segment_id, extract(year from maand)::int as y, extract(month from maand)::int as m,
             sum(debet_cents - credit_cents)::bigint as cents
      from realisatie_maand where ${scope} and maand between ${`${year - 1}-01-01`}::date and ${`${year}-12-01`}::date
      group by 1, 2, 3, 4, 5, 6`.execute(trx),
    sql<{ gemeente_id: number; provider_id: number; wet: Wet; segment_id: number; m: number; cents: number }>`
      select gemeente_id, provider_id, wet, segment_id, extract(month from maand)::int as m, sum(bedrag_cents)::bigint as cents
      from taakgericht_betaling where ${scope} and maand between ${`${year}-01-01`}::date and ${`${year}-12-01`}::date
      group by 1, 2, 3, 4, 5`.execute(trx),
    sql<{ gemeente_id: number; provider_id: number; wet: Wet; segment_id: number; maand: string; verplichting_cents: number; nieuw: number; nieuw_verplichting_cents: number; nieuw_dagen: number; beeindigd: number; beeindigd_dagen: number }>`
      select gemeente_id, provider_id, wet, segment_id, to_char(maand, 'YYYY-MM-DD') as maand, verplichting_cents, nieuw, nieuw_verplichting_cents, nieuw_dagen, beeindigd, beeindigd_dagen
      from verplichting_maand where ${scope} and maand between ${from}::date and ${`${year}-12-01`}::date`.execute(trx),
    sql<{ gemeente_id: number; provider_id: number; wet: Wet; segment_id: number; verplichting: number; open: number; toewijzingen: number }>`
      select gemeente_id, provider_id, wet, segment_id, sum(verplichting_cents)::bigint as verplichting, sum(open_cents)::bigint as open, sum(toewijzingen)::int as toewijzingen
      from verplichting_jaar where ${scope} and jaar = ${year}
      group by 1, 2, 3, 4`.execute(trx),
  ])

  interface Acc {
    gemeenteId: number
    providerId: number
    wet: Wet
    segmentId: number
    series: { realised: number[]; lumpSums: number[]; committed: number[]; previousRealised: number; previousCommitted: number; inflow: Map<string, InflowMonth> }
    committedCents: number
    openCents: number
    toewijzingen: number
    nieuw: number[]
    beeindigd: number[]
    beeindigdDagen: number[]
  }
  const keys = new Map<string, Acc>()
  const acc = (g: number, p: number, w: Wet, s: number): Acc => {
    const k = keyOf(g, p, w, s)
    let a = keys.get(k)
    if (!a) {
      a = {
        gemeenteId: g, providerId: p, wet: w, segmentId: s,
        series: { realised: zeros(), lumpSums: zeros(), committed: zeros(), previousRealised: 0, previousCommitted: 0, inflow: new Map() },
        committedCents: 0, openCents: 0, toewijzingen: 0, nieuw: zeros(), beeindigd: zeros(), beeindigdDagen: zeros(),
      }
      keys.set(k, a)
    }
    return a
  }
  for (const r of realised.rows) {
    const a = acc(r.gemeente_id, r.provider_id, r.wet, r.segment_id)
    if (r.y === year) a.series.realised[r.m - 1]! += Number(r.cents)
    else a.series.previousRealised += Number(r.cents)
  }
  for (const r of lumps.rows) acc(r.gemeente_id, r.provider_id, r.wet, r.segment_id).series.lumpSums[r.m - 1]! += Number(r.cents)
  for (const r of months.rows) {
    const a = acc(r.gemeente_id, r.provider_id, r.wet, r.segment_id)
    const y = Number(r.maand.slice(0, 4))
    const m = Number(r.maand.slice(5, 7))
    if (y === year) {
      a.series.committed[m - 1]! += Number(r.verplichting_cents)
      a.nieuw[m - 1]! += r.nieuw
      a.beeindigd[m - 1]! += r.beeindigd
      a.beeindigdDagen[m - 1]! += Number(r.beeindigd_dagen)
    } else if (y === year - 1) a.series.previousCommitted += Number(r.verplichting_cents)
    if (r.maand >= histStart && r.maand <= histEnd) a.series.inflow.set(r.maand, { calendarMonth: m, nieuw: r.nieuw, verplichtingCents: Number(r.nieuw_verplichting_cents), dagen: Number(r.nieuw_dagen) })
  }
  for (const r of years.rows) {
    const a = acc(r.gemeente_id, r.provider_id, r.wet, r.segment_id)
    a.committedCents += Number(r.verplichting)
    a.openCents += Number(r.open)
    a.toewijzingen += r.toewijzingen
  }

  const referenceMonth = referenceMonthOf(year, asOf)
  // The 24 history months in order, empty ones included, so that the seasonal index counts them.
  const history: string[] = []
  for (let m = histStart; m <= histEnd; m = addMonths(m, 1)) history.push(m)
  return {
    year,
    asOf,
    keys: [...keys.values()].map((a) => {
      const series: KeySeries = {
        ...a.series,
        inflow: history.map((m) => a.series.inflow.get(m) ?? { calendarMonth: Number(m.slice(5, 7)), nieuw: 0, verplichtingCents: 0, dagen: 0 }),
      }
      return {
        gemeenteId: a.gemeenteId,
        providerId: a.providerId,
        wet: a.wet,
        segmentId: a.segmentId,
        realisedCents: sum(a.series.realised) + sum(a.series.lumpSums),
        committedCents: a.committedCents,
        openCents: a.openCents,
        toewijzingen: a.toewijzingen,
        forecast: forecastKey(series, year, referenceMonth),
        realisedByMonth: a.series.realised.map((r, i) => r + a.series.lumpSums[i]!),
        committedByMonth: a.series.committed,
        nieuwByMonth: a.nieuw,
        beeindigdByMonth: a.beeindigd,
        beeindigdDagenByMonth: a.beeindigdDagen,
      }
    }),
  }
}

const zeros = () => new Array<number>(12).fill(0)
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0)
