/**
 * A provider's scorecard (issue 7 §4; seed 004 §5.6: account conversations on facts): per
 * segment it works in, its KPIs over the period beside the segment's (all providers in the
 * actor's scope), the segment's scorecard KPIs first, and the segment's targets. A provider
 * sees its own card with its own figures only.
 */
import type { Actor } from '../auth/actor.ts'
import { nameLookup } from '../regions/names.queries.ts'
import type { ScopedDb } from '../db/scope.ts'
import { type KpiFactsLoader, type KpiValues, groupOf, kpiCatalogue, loadKpiFacts, segmentFamily, valuesOf } from '../kpis/kpi.queries.ts'
import { segmentsWithCare } from '../kpis/traject.queries.ts'
import type { KpiCode, Period } from '../kpis/kpi.rules.ts'
import { listSegments } from '../segments/segment.queries.ts'
import type { CalendarDate } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import { listTargets } from '../targets/target.queries.ts'
import type { Target } from '../targets/target.rules.ts'

export interface Scorecard {
  aanbieder: { id: number; name: string; agbCode: string }
  periode: Period
  peildatum: CalendarDate
  kpis: typeof kpiCatalogue
  segmenten: {
    segmentId: number
    segment: string
    scorecard: KpiCode[]
    aanbieder: KpiValues
    /** The segment over all providers in the actor's scope; null for the provider itself. */
    segmentWaarden: KpiValues | null
    doelen: Target[]
  }[]
}

/** The card in the actor's transaction; it reads the facts of the segments the provider worked in only (`load`: the reference loader in bench and tests). */
export async function providerScorecard(trx: ScopedDb, actor: Actor, providerId: number, periode: Period, peildatum: CalendarDate, load: KpiFactsLoader = loadKpiFacts): Promise<Scorecard> {
  if (actor.providerId !== null && actor.providerId !== providerId) throw new AppError('scorecard.other_provider', 'a provider sees its own scorecard')
  const provider = await trx.selectFrom('provider').select(['id', 'name', 'agb_code']).where('id', '=', providerId).where('region_id', '=', actor.regionId).executeTakeFirst()
  if (!provider) throw new AppError('provider.not_found', `provider ${providerId} not found`)
  const [segments, withCare, targets, names] = await Promise.all([listSegments(trx), segmentsWithCare(trx, peildatum, providerId, periode), listTargets(trx, actor.regionId), nameLookup(trx, actor.regionId)])
  // The top-level segments (with their sub-segments) the provider had trajecten in during the period.
  const rootOf = (id: number): number => {
    const s = segments.find((x) => x.id === id)
    return s?.parentId == null ? id : rootOf(s.parentId)
  }
  const served = [...new Set(withCare.map(rootOf))]
  const families = new Map(served.map((id) => [id, segmentFamily(segments, id)]))
  // One period only: the clients whose trajecten in these segments all ended before it are not read, nor what only a traject ended in it is measured on of the others.
  const facts = await load(trx, actor, peildatum, periode.from, new Set([...families.values()].flatMap((f) => [...f])), periode)
  return {
    aanbieder: { id: provider.id, name: provider.name, agbCode: provider.agb_code },
    periode,
    peildatum,
    kpis: kpiCatalogue,
    segmenten: served
      .map((segmentId) => {
        const family = families.get(segmentId)!
        const segment = segments.find((s) => s.id === segmentId)!
        return {
          segmentId,
          segment: names.segment(segmentId),
          scorecard: segment.leveranciersmanagement.scorecard,
          aanbieder: valuesOf(groupOf(facts, { segmentIds: family, providerId }), periode, peildatum),
          segmentWaarden: actor.providerId !== null ? null : valuesOf(groupOf(facts, { segmentIds: family }), periode, peildatum),
          doelen: targets.filter((t) => family.has(t.segmentId)),
        }
      })
      .sort((a, b) => (b.aanbieder.trajecten.waarde ?? 0) - (a.aanbieder.trajecten.waarde ?? 0) || a.segmentId - b.segmentId),
  }
}
