/**
 * Strategy targets per segment (issue 7 §3): kept in `strategie_doel`, measured with the live
 * KPIs of the segment and its sub-segments over windows of the baseline's length, and raised
 * as a `doel_niet_op_koers` signal (the budget signals' table and follow-up) when off track.
 */
import { sql } from 'kysely'
import { type Actor, systemActor } from '../auth/actor.ts'
import type { Database } from '../db/database.ts'
import { type ScopedDb, withActor } from '../db/scope.ts'
import { type KpiFacts, groupOf, loadKpiFacts, segmentFamily, valuesOf } from '../kpis/kpi.queries.ts'
import { type KpiCode, kpiByCode } from '../kpis/kpi.rules.ts'
import { listSegments } from '../segments/segment.queries.ts'
import type { CalendarDate } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import { type TargetInput, targetInputSchema } from './target.schema.ts'
import { MONEY_KPIS, type Progress, type Target, checkpoints, missingBaselineMonths, progress, relativeTarget, windowEnding } from './target.rules.ts'

export interface TargetWithProgress extends Target {
  kpiNaam: string
  eenheid: string
  segment: string
  voortgang: Progress
}

type Row = { id: number; segment_id: number; kpi: string; naam: string; basis_van: string; basis_tot: string; basis_waarde: number; doel_waarde: number; doel_relatief_pct: number | null; doel_datum: string; richting: 'omlaag' | 'omhoog'; bron: string }
const toTarget = (r: Row): Target => ({
  id: r.id,
  segmentId: r.segment_id,
  kpi: r.kpi as KpiCode,
  naam: r.naam,
  basisVan: r.basis_van,
  basisTot: r.basis_tot,
  basisWaarde: Number(r.basis_waarde),
  doelWaarde: Number(r.doel_waarde),
  doelRelatiefPct: r.doel_relatief_pct === null ? null : Number(r.doel_relatief_pct),
  doelDatum: r.doel_datum,
  richting: r.richting,
  bron: r.bron,
})

/** The region's active targets (of some segments, or all). */
export async function listTargets(trx: ScopedDb, regionId: number, segmentIds?: ReadonlySet<number>): Promise<Target[]> {
  let q = trx.selectFrom('strategie_doel').select(['id', 'segment_id', 'kpi', 'naam', 'basis_van', 'basis_tot', 'basis_waarde', 'doel_waarde', 'doel_relatief_pct', 'doel_datum', 'richting', 'bron']).where('region_id', '=', regionId).where('actief', '=', true).orderBy('segment_id').orderBy('id')
  if (segmentIds !== undefined) q = q.where('segment_id', 'in', [...segmentIds, -1])
  return (await q.execute()).map(toTarget)
}

/** The months (first days) in which the group realised any money. */
const monthsWithMoney = (g: { geld: readonly { maand: CalendarDate; realisedCents: number }[] }): Set<CalendarDate> => new Set(g.geld.filter((m) => m.realisedCents !== 0).map((m) => m.maand))

/** The baseline's months without money, for a KPI measured from money (none for other KPIs). */
function baselineGaps(t: Pick<Target, 'kpi' | 'basisVan' | 'basisTot'>, segment: { geld: readonly { maand: CalendarDate; realisedCents: number }[] }): CalendarDate[] {
  return MONEY_KPIS.has(t.kpi) ? missingBaselineMonths(t, monthsWithMoney(segment)) : []
}

/** How a target stands: its KPI over the segment (with sub-segments) at every checkpoint, over windows as long as the baseline. */
export function targetProgress(t: Target, facts: KpiFacts, family: ReadonlySet<number>): Progress {
  const segment = groupOf(facts, { segmentIds: family })
  // Through valuesOf, so that a figure the segment page hides beside a suppressed one (secondary suppression) is hidden here too.
  const measured = checkpoints(t, facts.peildatum).map((datum) => ({ datum, waarde: valuesOf(segment, windowEnding(t, datum), facts.peildatum)[t.kpi].waarde }))
  return progress(t, measured, kpiByCode.get(t.kpi)!.eenheid, baselineGaps(t, segment))
}

/** Sets a target; the baseline is measured over its period unless given (from `facts` when the caller has them). Runs as the region, which sees every gemeente. */
export async function createTarget(trx: ScopedDb, actor: Actor, raw: TargetInput, peildatum: CalendarDate, facts?: KpiFacts): Promise<Target> {
  const input = targetInputSchema.parse(raw)
  const segments = await listSegments(trx)
  if (!segments.some((s) => s.id === input.segmentId)) throw new AppError('segment.unknown', `segment ${input.segmentId} does not exist in this region`, [{ path: 'segmentId', message: 'unknown segment' }])
  const definition = kpiByCode.get(input.kpi)!
  let basisWaarde = input.basisWaarde
  if (basisWaarde === undefined) {
    if (input.basisTot > peildatum) throw new AppError('target.baseline_not_ended', 'the baseline period has not ended yet: give its value', [{ path: 'basisTot', message: 'after today' }])
    const basis = groupOf(facts ?? (await loadKpiFacts(trx, actor, peildatum, input.basisVan)), { segmentIds: segmentFamily(segments, input.segmentId) })
    const gaps = baselineGaps(input, basis)
    if (gaps.length > 0) {
      throw new AppError('target.baseline_incomplete', `nothing was realised in ${gaps.length} month(s) of the baseline period (${gaps.map((m) => m.slice(0, 7)).join(', ')}): a baseline over part of the period cannot be compared with whole periods; choose a period with complete figures or give the baseline`, [{ path: 'basisVan', message: 'incomplete baseline' }])
    }
    const measured = valuesOf(basis, { from: input.basisVan, to: input.basisTot }, peildatum)[input.kpi]
    if (measured.onderdrukt) throw new AppError('target.baseline_suppressed', `the baseline of ${definition.naam} rests on fewer than 5 clients: choose a longer period or give its value`, [{ path: 'basisWaarde', message: 'suppressed' }])
    if (measured.waarde === null) throw new AppError('target.baseline_missing', `${definition.naam} has no value over ${input.basisVan} – ${input.basisTot}: give the baseline`, [{ path: 'basisWaarde', message: 'no data' }])
    basisWaarde = measured.waarde
  }
  const doelWaarde = input.doelWaarde ?? relativeTarget(basisWaarde, input.doelRelatiefPct!, definition.eenheid === 'cents' || definition.eenheid === 'aantal')
  if (doelWaarde === basisWaarde) throw new AppError('target.equals_baseline', `the target equals its baseline (${basisWaarde}): it asks for no change`, [{ path: 'doelWaarde', message: 'equals the baseline' }])
  if (input.richting === 'omlaag' ? doelWaarde > basisWaarde : doelWaarde < basisWaarde) {
    throw new AppError('target.contradicts_direction', `a target ${input.richting} must be ${input.richting === 'omlaag' ? 'at most' : 'at least'} its baseline (${basisWaarde})`, [{ path: 'richting', message: 'contradicts the target value' }])
  }
  const row = await trx
    .insertInto('strategie_doel')
    .values({ region_id: actor.regionId, segment_id: input.segmentId, kpi: input.kpi, naam: input.naam, basis_van: input.basisVan, basis_tot: input.basisTot, basis_waarde: basisWaarde, doel_waarde: doelWaarde, doel_relatief_pct: input.doelRelatiefPct ?? null, doel_datum: input.doelDatum, richting: input.richting, bron: input.bron, aangemaakt_door: actor.userId })
    .returning(['id', 'segment_id', 'kpi', 'naam', 'basis_van', 'basis_tot', 'basis_waarde', 'doel_waarde', 'doel_relatief_pct', 'doel_datum', 'richting', 'bron'])
    .executeTakeFirstOrThrow()
  return toTarget(row)
}

/** Withdraws a target (kept, no longer measured); its running signal stays until closed. */
export async function withdrawTarget(trx: ScopedDb, actor: Actor, id: number): Promise<void> {
  const result = await trx.updateTable('strategie_doel').set({ actief: false }).where('id', '=', id).where('region_id', '=', actor.regionId).executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw new AppError('target.not_found', `target ${id} not found`)
}

/**
 * The active targets of the region (or of some segments) with their progress. Progress is the
 * region's — suppressed aggregates, like the dashboard's regional totals — so this runs as the
 * region whoever asks (a provider is shown the targets without it).
 */
export async function measuredTargets(db: Database | ScopedDb, regionId: number, peildatum: CalendarDate, segmentIds?: ReadonlySet<number>): Promise<TargetWithProgress[]> {
  const regio = systemActor(regionId, 'doelen')
  return withActor(db, regio, async (trx) => {
    const [targets, segments] = await Promise.all([listTargets(trx, regionId, segmentIds), listSegments(trx)])
    if (targets.length === 0) return []
    // Money from the earliest baseline on; the facts of the targets' segments (with their sub-segments) only.
    const families = new Set(targets.flatMap((t) => [...segmentFamily(segments, t.segmentId)]))
    const facts = await loadKpiFacts(trx, regio, peildatum, targets.reduce((d, t) => (t.basisVan < d ? t.basisVan : d), peildatum), families)
    const name = new Map(segments.map((s) => [s.id, s.name]))
    return targets.map((t) => {
      const k = kpiByCode.get(t.kpi)!
      return { ...t, kpiNaam: k.naam, eenheid: k.eenheid, segment: name.get(t.segmentId) ?? `segment ${t.segmentId}`, voortgang: targetProgress(t, facts, segmentFamily(segments, t.segmentId)) }
    })
  })
}

const statusText = { niet_op_koers: 'loopt achter op het pad naar het doel', niet_behaald: 'is op de doeldatum niet behaald' } as const

/** Evaluates every active target of the region as of `peildatum` and raises a signal for each one off track. */
export async function refreshTargetSignals(db: Database | ScopedDb, regionId: number, peildatum: CalendarDate): Promise<{ raised: number; current: number }> {
  const evaluated = await measuredTargets(db, regionId, peildatum)
  return withActor(db, systemActor(regionId, 'signalering'), async (trx) => {
    const jaar = Number(peildatum.slice(0, 4))
    let raised = 0
    const current = new Set<number>()
    for (const t of evaluated) {
      const status = t.voortgang.status
      if (status !== 'niet_op_koers' && status !== 'niet_behaald') continue
      current.add(t.id)
      const p = t.voortgang.laatste!
      const titel = `${t.naam} (${t.segment}) ${statusText[status]}`
      const bewijs = { kpi: t.kpi, eenheid: t.eenheid, datum: p.datum, waarde: p.waarde!, pad: p.pad, basis: t.basisWaarde, doel: t.doelWaarde, doeldatum: t.doelDatum }
      const row = await trx
        .insertInto('budget_signaal')
        .values({ region_id: regionId, soort: 'doel_niet_op_koers', jaar, gemeente_id: null, provider_id: null, segment_id: t.segmentId, doel_id: t.id, titel, bewijs: JSON.stringify(bewijs) })
        .onConflict((oc) => oc.constraint('budget_signaal_key').doUpdateSet({ titel, bewijs: JSON.stringify(bewijs), actueel: true, bijgewerkt_op: new Date() }).where('budget_signaal.status', '<>', 'gesloten'))
        .returning(sql<boolean>`xmax = 0`.as('inserted'))
        .executeTakeFirst()
      if (row?.inserted) raised++
    }
    const open = await trx.selectFrom('budget_signaal').select(['id', 'doel_id']).where('jaar', '=', jaar).where('soort', '=', 'doel_niet_op_koers').where('status', '<>', 'gesloten').where('actueel', '=', true).execute()
    const stale = open.filter((s) => !current.has(s.doel_id!)).map((s) => s.id)
    if (stale.length > 0) await trx.updateTable('budget_signaal').set({ actueel: false, bijgewerkt_op: new Date() }).where('id', 'in', stale).execute()
    return { raised, current: current.size }
  })
}
