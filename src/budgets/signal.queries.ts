/**
 * Budget signals: raised from the live figures (signal.rules.ts), kept with their evidence,
 * (strategy targets off track use the same table and follow-up, src/targets/target.queries.ts),
 * and followed through open → erkend (a note and an owner) → gesloten (a note). A signal is
 * raised once per kind, year and budget; while it is not closed its evidence follows the
 * figures, and `actueel` says whether the condition still holds. A closed signal stays closed
 * for that year.
 */
import { sql } from 'kysely'
import { z } from 'zod'
import { type Actor, systemActor } from '../auth/actor.ts'
import type { Database } from '../db/database.ts'
import { type ScopedDb, afterCommit, narrowTo, withActor } from '../db/scope.ts'
import type { BudgetSignalKind, SignalLifecycle, SignalStatus } from '../db/schema.ts'
import { type SegmentMeta, nameLookup } from '../regions/names.queries.ts'
import { AppError } from '../shared/errors.ts'
import { type GroupedFigures, addKey, emptyFigures, figuresBy, withPercentages } from './budget-figures.queries.ts'
import { type SegmentLine, type SignalSettings, budgetSignalKinds, budgetSignals, defaultSignalSettings } from './signal.rules.ts'
import { today } from '../shared/dates.ts'
import { acknowledgeSchema, bulkAcknowledgeSchema, closeSchema, signalSettingsSchema } from './budget.schema.ts'

export async function signalSettings(trx: ScopedDb, regionId: number): Promise<SignalSettings> {
  const row = await trx.selectFrom('signaal_instelling').select('marge_pct').where('region_id', '=', regionId).executeTakeFirst()
  return row ? { margePct: row.marge_pct } : defaultSignalSettings
}

export async function setSignalSettings(trx: ScopedDb, actor: Actor, raw: z.input<typeof signalSettingsSchema>): Promise<SignalSettings> {
  const input = signalSettingsSchema.parse(raw)
  // The margin decides the signals: evaluated again once the setting committed (as budgets/follow-up.ts does).
  const year = Number(today().slice(0, 4))
  afterCommit(trx, `budgetsignalen|${actor.regionId}|${year}`, async (db) => {
    await refreshBudgetSignals(db, actor.regionId, year, today())
  })
  await trx
    .insertInto('signaal_instelling')
    .values({ region_id: actor.regionId, marge_pct: input.margePct, gewijzigd_door: actor.userId })
    .onConflict((oc) => oc.column('region_id').doUpdateSet({ marge_pct: input.margePct, gewijzigd_door: actor.userId, gewijzigd_op: new Date() }))
    .execute()
  return input
}

export type SegmentFigures = SegmentLine & GroupedFigures & { wet: string }

/** Every segment of the region with the figures and budgets of `perGemeente` (grouped by gemeente and segment) summed. */
export function segmentsOf(segments: readonly SegmentMeta[], perGemeente: readonly GroupedFigures[]): SegmentFigures[] {
  const bySegment = new Map<number, SegmentFigures>()
  for (const s of segments) bySegment.set(s.id, { ...emptyFigures(), gemeenteId: null, providerId: null, segmentId: s.id, beeindigd: 0, beeindigdDagen: 0, peildatum: null, wet: s.wet, ceilingCents: s.ceilingCents })
  for (const g of perGemeente) {
    const line = bySegment.get(g.segmentId!)
    if (!line) continue
    addKey(line, g)
    line.budgetCents += g.budgetCents
    line.beeindigd += g.beeindigd
    line.beeindigdDagen += g.beeindigdDagen
  }
  return [...bySegment.values()].map((l) => withPercentages(l))
}

/**
 * Evaluates every budget of the region for `year` as of `asOf` and records what it raises.
 * Runs as the region (the figures of every gemeente are needed for the regional ones).
 */
export async function refreshBudgetSignals(db: Database | ScopedDb, regionId: number, year: number, asOf: string): Promise<{ raised: number; current: number }> {
  const actor = systemActor(regionId, 'signalering')
  return withActor(db, actor, async (trx) => {
    const [settings, perGemeente, providerBudgets, names] = await Promise.all([signalSettings(trx, regionId), figuresBy(trx, actor, year, ['gemeente', 'segment']), figuresBy(trx, actor, year, ['gemeente', 'provider', 'segment']), nameLookup(trx, regionId)])
    const gemeenteBudgets = perGemeente.map((g) => ({ ...g, gemeenteId: g.gemeenteId!, segmentId: g.segmentId!, providerId: undefined }))
    const candidates = budgetSignals({ year, asOf, settings, providerBudgets: providerBudgets.map((p) => ({ ...p, gemeenteId: p.gemeenteId!, providerId: p.providerId!, segmentId: p.segmentId! })), gemeenteBudgets, segments: segmentsOf(names.segments, perGemeente) }, names)
    let raised = 0
    for (const c of candidates) {
      const row = await trx
        .insertInto('budget_signaal')
        .values({ region_id: regionId, soort: c.soort, jaar: year, gemeente_id: c.gemeenteId, provider_id: c.providerId, segment_id: c.segmentId, titel: c.titel, bewijs: JSON.stringify(c.bewijs) })
        .onConflict((oc) =>
          oc.constraint('budget_signaal_key').doUpdateSet({ titel: c.titel, bewijs: JSON.stringify(c.bewijs), actueel: true, bijgewerkt_op: new Date() }).where('budget_signaal.status', '<>', 'gesloten'),
        )
        .returning(sql<boolean>`xmax = 0`.as('inserted'))
        .executeTakeFirst()
      if (row?.inserted) raised++
    }
    // Signals whose condition no longer holds stay until a person closes them, marked as such.
    const current = new Set(candidates.map((c) => `${c.soort}|${c.gemeenteId}|${c.providerId}|${c.segmentId}`))
    const open = await trx.selectFrom('budget_signaal').select(['id', 'soort', 'gemeente_id', 'provider_id', 'segment_id']).where('jaar', '=', year).where('soort', 'in', budgetSignalKinds).where('status', '<>', 'gesloten').where('actueel', '=', true).execute()
    const stale = open.filter((s) => !current.has(`${s.soort}|${s.gemeente_id}|${s.provider_id}|${s.segment_id}`)).map((s) => s.id)
    if (stale.length > 0) await trx.updateTable('budget_signaal').set({ actueel: false, bijgewerkt_op: new Date() }).where('id', 'in', stale).execute()
    return { raised, current: candidates.length }
  })
}

export interface BudgetSignal extends SignalLifecycle {
  id: number
  soort: BudgetSignalKind
  jaar: number
  gemeenteId: number | null
  providerId: number | null
  segmentId: number
  /** The strategy target a `doel_niet_op_koers` signal is about. */
  doelId: number | null
}

export const signalFilterSchema = z.object({
  jaar: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(['open', 'erkend', 'gesloten', 'lopend']).optional(),
})

/** The signals in the actor's scope (a gemeente: its own and the regional ones), newest first. */
export async function listBudgetSignals(trx: ScopedDb, actor: Actor, filter: z.infer<typeof signalFilterSchema> = {}): Promise<BudgetSignal[]> {
  let q = trx
    .selectFrom('budget_signaal as s')
    .leftJoin('app_user as e', 'e.id', 's.eigenaar')
    .leftJoin('app_user as a', 'a.id', 's.erkend_door')
    .leftJoin('app_user as c', 'c.id', 's.gesloten_door')
    .select(['s.id', 's.soort', 's.jaar', 's.gemeente_id', 's.provider_id', 's.segment_id', 's.doel_id', 's.status', 's.titel', 's.bewijs', 's.actueel', 's.geopend_op', 's.bijgewerkt_op', 's.eigenaar', 'e.display_name as eigenaar_naam', 'a.display_name as erkend_naam', 's.erkend_op', 's.erkend_notitie', 'c.display_name as gesloten_naam', 's.gesloten_op', 's.gesloten_notitie'])
    .where('s.region_id', '=', actor.regionId)
    .orderBy('s.geopend_op', 'desc')
    .orderBy('s.id', 'desc')
  if (actor.gemeenteId !== null) q = q.where((eb) => eb.or([eb('s.gemeente_id', 'is', null), eb('s.gemeente_id', '=', actor.gemeenteId)]))
  if (filter.jaar !== undefined) q = q.where('s.jaar', '=', filter.jaar)
  if (filter.status === 'lopend') q = q.where('s.status', '<>', 'gesloten')
  else if (filter.status !== undefined) q = q.where('s.status', '=', filter.status)
  const rows = await q.execute()
  const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString())
  return rows.map((r) => ({
    id: r.id,
    soort: r.soort,
    jaar: r.jaar,
    gemeenteId: r.gemeente_id,
    providerId: r.provider_id,
    segmentId: r.segment_id,
    doelId: r.doel_id,
    status: r.status,
    titel: r.titel,
    bewijs: r.bewijs as Record<string, number | string>,
    actueel: r.actueel,
    geopendOp: iso(r.geopend_op)!,
    bijgewerktOp: iso(r.bijgewerkt_op)!,
    eigenaar: r.eigenaar_naam,
    eigenaarId: r.eigenaar,
    erkendDoor: r.erkend_naam,
    erkendOp: iso(r.erkend_op),
    erkendNotitie: r.erkend_notitie,
    geslotenDoor: r.gesloten_naam,
    geslotenOp: iso(r.gesloten_op),
    geslotenNotitie: r.gesloten_notitie,
  }))
}

/** The running (open and acknowledged) signals of a year, newest first up to `limit`, with how many are open and acknowledged — one query. */
export async function runningSignals(trx: ScopedDb, actor: Actor, jaar: number, limit: number): Promise<{ open: number; erkend: number; recent: Pick<BudgetSignal, 'id' | 'soort' | 'status' | 'titel' | 'gemeenteId' | 'segmentId' | 'providerId'>[] }> {
  const { rows } = await sql<{ id: number; soort: BudgetSignalKind; status: SignalStatus; titel: string; gemeente_id: number | null; segment_id: number; provider_id: number | null; open: number; erkend: number }>`
    select id, soort, status, titel, gemeente_id, segment_id, provider_id,
           count(*) filter (where status = 'open') over ()::int as open, count(*) filter (where status = 'erkend') over ()::int as erkend
    from budget_signaal
    where region_id = ${actor.regionId} and jaar = ${jaar} and status <> 'gesloten'
      and (gemeente_id is null or ${narrowTo('gemeente_id', actor.gemeenteId)})
    order by geopend_op desc, id desc limit ${limit}`.execute(trx)
  return {
    open: rows[0]?.open ?? 0,
    erkend: rows[0]?.erkend ?? 0,
    recent: rows.map((r) => ({ id: r.id, soort: r.soort, status: r.status, titel: r.titel, gemeenteId: r.gemeente_id, segmentId: r.segment_id, providerId: r.provider_id })),
  }
}

async function signalFor(trx: ScopedDb, actor: Actor, id: number) {
  const s = await trx.selectFrom('budget_signaal').select(['id', 'status', 'gemeente_id']).where('id', '=', id).where('region_id', '=', actor.regionId).executeTakeFirst()
  if (!s) throw new AppError('signal.not_found', `signal ${id} not found`)
  // A gemeente acts on its own signals; the regional ones are the region's.
  if (actor.gemeenteId !== null && s.gemeente_id !== actor.gemeenteId) throw new AppError('signal.regional', 'a regional signal is followed up by the region')
  return s
}

/** The users who may own a signal: the region's team, and the gemeente's for a gemeente's signal. */
export async function possibleOwners(trx: ScopedDb, actor: Actor, gemeenteId: number | null): Promise<{ id: number; name: string }[]> {
  let q = trx.selectFrom('app_user').select(['id', 'display_name']).where('region_id', '=', actor.regionId).orderBy('display_name')
  q = gemeenteId === null ? q.where('role', '=', 'regio') : q.where((eb) => eb.or([eb('role', '=', 'regio'), eb.and([eb('role', '=', 'gemeente'), eb('gemeente_id', '=', gemeenteId)])]))
  return (await q.execute()).map((u) => ({ id: u.id, name: u.display_name }))
}

export async function acknowledgeSignal(trx: ScopedDb, actor: Actor, id: number, raw: z.input<typeof acknowledgeSchema>): Promise<void> {
  const input = acknowledgeSchema.parse(raw)
  const s = await signalFor(trx, actor, id)
  if (s.status !== 'open') throw new AppError('signal.not_open', `signal ${id} is ${s.status}; only an open signal is acknowledged`)
  const owners = await possibleOwners(trx, actor, s.gemeente_id)
  if (!owners.some((o) => o.id === input.eigenaarId)) throw new AppError('signal.owner_invalid', 'the owner must be a member of the region team or of this gemeente', [{ path: 'eigenaarId', message: 'not a possible owner' }])
  await trx
    .updateTable('budget_signaal')
    .set({ status: 'erkend', eigenaar: input.eigenaarId, erkend_door: actor.userId, erkend_op: new Date(), erkend_notitie: input.notitie })
    .where('id', '=', id)
    .execute()
}

export async function closeSignal(trx: ScopedDb, actor: Actor, id: number, raw: z.input<typeof closeSchema>): Promise<void> {
  const input = closeSchema.parse(raw)
  const s = await signalFor(trx, actor, id)
  if (s.status !== 'erkend') throw new AppError('signal.not_acknowledged', `signal ${id} is ${s.status}; a signal is acknowledged before it is closed`)
  await trx.updateTable('budget_signaal').set({ status: 'gesloten', gesloten_door: actor.userId, gesloten_op: new Date(), gesloten_notitie: input.notitie }).where('id', '=', id).execute()
}

/**
 * Acknowledges many open signals with one note and one owner (issue 18 §2): all or none. A
 * signal outside the actor's scope (another gemeente's, a regional one for a gemeente, or none
 * at all), one that is no longer open, or an owner who may not own one of them refuses the whole
 * request, naming the signals.
 */
export async function acknowledgeSignals(trx: ScopedDb, actor: Actor, raw: z.input<typeof bulkAcknowledgeSchema>): Promise<{ acknowledged: number }> {
  const input = bulkAcknowledgeSchema.parse(raw)
  const ids = [...new Set(input.ids)]
  // Row-level security hides another gemeente's signals: they are simply not found here.
  const found = await trx.selectFrom('budget_signaal').select(['id', 'status', 'gemeente_id']).where('region_id', '=', actor.regionId).where('id', 'in', ids).execute()
  const byId = new Map(found.map((s) => [s.id, s]))
  const outside = ids.filter((id) => {
    const s = byId.get(id)
    return !s || (actor.gemeenteId !== null && s.gemeente_id !== actor.gemeenteId)
  })
  if (outside.length > 0) {
    throw new AppError('signal.out_of_scope', `${outside.length} of ${ids.length} signals are not yours to acknowledge: ${outside.slice(0, 20).join(', ')}`, outside.slice(0, 20).map((id) => ({ path: `ids/${input.ids.indexOf(id)}`, message: `signal ${id} is not in scope` })))
  }
  const notOpen = found.filter((s) => s.status !== 'open')
  if (notOpen.length > 0) {
    throw new AppError('signal.not_open', `${notOpen.length} of ${ids.length} signals are no longer open: ${notOpen.slice(0, 20).map((s) => s.id).join(', ')}`, notOpen.slice(0, 20).map((s) => ({ path: `ids/${input.ids.indexOf(s.id)}`, message: `signal ${s.id} is ${s.status}` })))
  }
  for (const gemeenteId of new Set(found.map((s) => s.gemeente_id))) {
    const owners = await possibleOwners(trx, actor, gemeenteId)
    if (!owners.some((o) => o.id === input.eigenaarId)) throw new AppError('signal.owner_invalid', 'the owner must be a member of the region team or of the gemeente of every signal', [{ path: 'eigenaarId', message: 'not a possible owner' }])
  }
  const result = await trx
    .updateTable('budget_signaal')
    .set({ status: 'erkend', eigenaar: input.eigenaarId, erkend_door: actor.userId, erkend_op: new Date(), erkend_notitie: input.notitie })
    .where('id', 'in', ids)
    .where('status', '=', 'open')
    .executeTakeFirst()
  // A signal acknowledged by someone else between the read and the update would make this a partial change.
  if (Number(result.numUpdatedRows) !== ids.length) throw new AppError('signal.not_open', 'a signal changed while it was acknowledged; nothing was changed')
  return { acknowledged: ids.length }
}
