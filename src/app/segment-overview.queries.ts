/**
 * The segment page (issue 7 §4): its four instruments, its strategy targets with their
 * progress, its KPIs in total, per provider and per gemeente side by side, and a trend per quarter. KPIs
 * are in the actor's scope (a gemeente: its own residents); a target's progress is the
 * region's (suppressed aggregates, like the dashboard's regional totals), and a provider sees
 * the targets without it.
 */
import type { Actor } from '../auth/actor.ts'
import type { ScopedRun } from '../db/scope.ts'
import { type KpiFactsLoader, type KpiValues, groupOf, kpiCatalogue, kpiRows, loadKpiFacts, quartersOf, segmentFamily, valuesOf } from '../kpis/kpi.queries.ts'
import type { Period } from '../kpis/kpi.rules.ts'
import { nameLookup } from '../regions/names.queries.ts'
import type { CalendarDate } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import { type TargetWithProgress, listTargets } from '../targets/target.queries.ts'
import type { Target } from '../targets/target.rules.ts'
import { type Segment, listSegments } from '../segments/segment.queries.ts'

/** The region's targets of some segments with their progress (measuredTargets), or null when the asker sees targets without it. */
export type RegionalTargets = ((segmentIds: ReadonlySet<number>) => Promise<TargetWithProgress[]>) | null

export interface TrendPoint {
  van: CalendarDate
  tot: CalendarDate
  waarden: KpiValues
}

export interface SegmentOverview {
  segment: Segment
  onderdelen: { id: number; name: string }[]
  bovenliggend: { id: number; name: string } | null
  periode: Period
  peildatum: CalendarDate
  kpis: typeof kpiCatalogue
  totaal: KpiValues
  perAanbieder: { providerId: number; aanbieder: string; waarden: KpiValues }[]
  /** Per gemeente, when the actor sees more than one. */
  perGemeente: { gemeenteId: number; gemeente: string; waarden: KpiValues }[]
  trend: TrendPoint[]
  /** With progress (the region's), or without for a provider. */
  doelen: (Target | TargetWithProgress)[]
}

/** The quarters of the year before the period's year and of its year, up to the peildatum. */
export const trendQuarters = (p: Period, peildatum: CalendarDate) => [...quartersOf(Number(p.from.slice(0, 4)) - 1, peildatum), ...quartersOf(Number(p.from.slice(0, 4)), peildatum)]

/**
 * The page's figures in the actor's transaction (`run`), then the targets' progress in the
 * region's (one after the other: the embedded engine has one connection). It reads the facts
 * of the segment and its sub-segments only (`load`: the reference loader in bench and tests).
 */
export async function segmentOverview(run: ScopedRun, actor: Actor, segmentId: number, periode: Period, peildatum: CalendarDate, regionalTargets: RegionalTargets, load: KpiFactsLoader = loadKpiFacts): Promise<SegmentOverview> {
  const trend = trendQuarters(periode, peildatum)
  // Every period measured here (the period, the trend's quarters) lies within these days: from the first quarter's first day to the latest last day.
  const measured = { from: trend[0]?.from ?? periode.from, to: [periode, ...trend].reduce((to, p) => (p.to > to ? p.to : to), periode.to) }
  const { segments, facts, names, targets } = await run(async (trx) => {
    const segments = await listSegments(trx)
    return {
      segments,
      facts: await load(trx, actor, peildatum, measured.from, segmentFamily(segments, segmentId), measured),
      names: await nameLookup(trx, actor.regionId),
      targets: regionalTargets === null ? await listTargets(trx, actor.regionId, new Set([segmentId])) : null,
    }
  })
  const segment = segments.find((s) => s.id === segmentId)
  if (!segment) throw new AppError('segment.not_found', `segment ${segmentId} not found`)
  const family = segmentFamily(segments, segmentId)
  const doelen = targets ?? (await regionalTargets!(new Set([segmentId])))
  const inSegment = { segmentIds: family }
  // The segment as one group: its episodes are formed once for the period and every quarter.
  const whole = groupOf(facts, inSegment)
  return {
    segment,
    onderdelen: segments.filter((s) => s.parentId === segmentId).map((s) => ({ id: s.id, name: s.name })),
    bovenliggend: segment.parentId === null ? null : { id: segment.parentId, name: names.segment(segment.parentId) },
    periode,
    peildatum,
    kpis: kpiCatalogue,
    totaal: valuesOf(whole, periode, peildatum),
    perAanbieder: kpiRows(facts, periode, ['provider'], inSegment)
      .map((r) => ({ providerId: r.key.providerId!, aanbieder: names.provider(r.key.providerId!), waarden: r.waarden }))
      .sort((a, b) => (b.waarden.trajecten.waarde ?? 0) - (a.waarden.trajecten.waarde ?? 0) || a.aanbieder.localeCompare(b.aanbieder)),
    perGemeente: actor.gemeenteId !== null || actor.providerId !== null
      ? []
      : kpiRows(facts, periode, ['gemeente'], inSegment)
          .map((r) => ({ gemeenteId: r.key.gemeenteId!, gemeente: names.gemeente(r.key.gemeenteId!), waarden: r.waarden }))
          .sort((a, b) => a.gemeente.localeCompare(b.gemeente)),
    trend: trend.map((q) => ({ van: q.from, tot: q.to, waarden: valuesOf(whole, q, peildatum) })),
    doelen,
  }
}
