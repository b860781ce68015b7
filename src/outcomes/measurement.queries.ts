/**
 * Recording outcome measurements and the work list of what is due. The lokaal team records
 * for its gemeente's residents, a provider for its own clients (row-level security enforces
 * the same, migration 0007); a measurement is corrected by the side that recorded it.
 */
import { sql } from 'kysely'
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import { auditReads } from '../auth/audit.queries.ts'
import { displayName } from '../clients/client-file.queries.ts'
import type { ScopedDb } from '../db/scope.ts'
import { listSegments } from '../segments/segment.queries.ts'
import { trajecten } from '../kpis/traject.queries.ts'
import type { CalendarDate } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import { dueMoments, measurementProblems } from './measurement.rules.ts'
import { measurementInputSchema } from './measurement.schema.ts'

const dutch = new Intl.Collator('nl', { numeric: true, sensitivity: 'base' })

/** The side a role records for. */
const sideOf = (actor: Actor): 'lokaal_team' | 'aanbieder' => {
  if (actor.role === 'lokaal_team' || actor.role === 'aanbieder') return actor.role
  throw new AppError('outcome.role_not_permitted', `the role ${actor.role} does not record outcomes`)
}

/** Records (or corrects) one measurement of a traject in the actor's scope. */
export async function recordMeasurement(trx: ScopedDb, actor: Actor, raw: z.input<typeof measurementInputSchema>, today: CalendarDate): Promise<{ id: number; created: boolean }> {
  const m = measurementInputSchema.parse(raw)
  const bron = sideOf(actor)
  // Row-level security hides another gemeente's or provider's toewijzing: "not found" either way.
  const t = await trx
    .selectFrom('toewijzing as t')
    .innerJoin('beschikking as b', 'b.id', 't.beschikking_id')
    .select(['t.id', 't.gemeente_id', 't.provider_id', 't.client_id', 't.status', sql<number>`jsonb_array_length(b.goals)`.as('goals')])
    .where('t.id', '=', m.toewijzingId)
    .where('t.region_id', '=', actor.regionId)
    .executeTakeFirst()
  if (!t || t.status !== 'actief') throw new AppError('toewijzing.not_found', `toewijzing ${m.toewijzingId} not found`)
  const [facts] = await trajecten(trx, today, { toewijzingId: m.toewijzingId })
  if (facts === undefined) throw new AppError('outcome.care_not_begun', `the care of toewijzing ${m.toewijzingId} has not begun: there is nothing to measure yet`, [{ path: 'toewijzingId', message: 'not begun' }])
  const problems = measurementProblems(m, { role: actor.role, goals: Number(t.goals), begin: facts.begin, eind: facts.eind, today })
  if (problems.length > 0) throw new AppError('outcome.invalid', problems.map((p) => p.message).join('; '), problems)
  const existing = await trx.selectFrom('uitkomst_meting').select(['id', 'bron']).where('toewijzing_id', '=', m.toewijzingId).where('moment', '=', m.moment).executeTakeFirst()
  if (existing && existing.bron !== bron) throw new AppError('outcome.recorded_by_other', `${m.moment} of this traject was recorded by ${existing.bron === 'lokaal_team' ? 'the lokaal team' : 'the provider'}, who corrects it`)
  const values = {
    gemeten_op: m.gemetenOp,
    doelen: JSON.stringify(m.doelen),
    zelfredzaamheid: JSON.stringify(m.zelfredzaamheid),
    tevredenheid: m.tevredenheid,
    zonder_hulp: m.zonderHulp,
    vervolg: m.vervolg,
    toelichting: m.toelichting,
    vastgelegd_door: actor.userId,
    vastgelegd_op: new Date(),
  }
  if (existing) {
    await trx.updateTable('uitkomst_meting').set(values).where('id', '=', existing.id).execute()
    return { id: existing.id, created: false }
  }
  const row = await trx
    .insertInto('uitkomst_meting')
    .values({ ...values, region_id: actor.regionId, gemeente_id: t.gemeente_id, provider_id: t.provider_id, client_id: t.client_id, toewijzing_id: t.id, moment: m.moment, bron })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, created: true }
}

/** A page of the work list holds at most this many trajecten (each names a client, and each shown is audited). */
export const WORKLIST_PAGE_LIMIT = 500

/** How the work list may be sorted; by default the most recently ended first. */
export const worklistSortKeys = ['eind', 'begin', 'gemeente', 'aanbieder', 'segment', 'te_doen'] as const
export type WorklistSortKey = (typeof worklistSortKeys)[number]

export const worklistQuery = z.object({
  /** te_doen: only trajecten with a measurement due; alle: every traject. */
  toon: z.enum(['te_doen', 'alle']).default('te_doen'),
  segment: z.coerce.number().int().positive().optional(),
  sort: z.enum(worklistSortKeys).default('eind'),
  dir: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(WORKLIST_PAGE_LIMIT).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})

export interface WorklistRow {
  toewijzingId: number
  toewijzingNummer: number
  wet: string
  client: string
  gemeente: string
  aanbieder: string
  segment: string
  product: string
  begin: CalendarDate
  eind: CalendarDate
  reden: string | null
  goals: { description: string; domain: string; t1: number }[]
  recorded: { moment: string; gemetenOp: string; bron: string }[]
  due: ('T1' | 'T2' | 'T3')[]
}

/**
 * The trajecten whose outcomes the actor records, with what is recorded and what is due: one
 * page of them, sorted (by default the most recently ended first), and how many there are in
 * all. Audited: it names clients — only those on the page are named, and logged.
 */
export async function outcomeWorklist(trx: ScopedDb, actor: Actor, raw: z.input<typeof worklistQuery>, today: CalendarDate): Promise<{ total: number; items: WorklistRow[] }> {
  const q = worklistQuery.parse(raw)
  const [all, recorded, segments, gemeenten, providers] = await Promise.all([
    trajecten(trx, today),
    trx.selectFrom('uitkomst_meting').select(['toewijzing_id', 'moment', 'gemeten_op', 'bron']).where('region_id', '=', actor.regionId).orderBy('moment').execute(),
    listSegments(trx),
    trx.selectFrom('gemeente').select(['id', 'name']).where('region_id', '=', actor.regionId).execute(),
    trx.selectFrom('provider').select(['id', 'name']).where('region_id', '=', actor.regionId).execute(),
  ])
  const t3Months = new Map(segments.map((s) => [s.id, s.leveranciersmanagement.t3Months]))
  const byTraject = new Map<number, WorklistRow['recorded']>()
  for (const r of recorded) byTraject.set(r.toewijzing_id, [...(byTraject.get(r.toewijzing_id) ?? []), { moment: r.moment, gemetenOp: r.gemeten_op, bron: r.bron }])
  const names = {
    gemeente: new Map(gemeenten.map((g) => [g.id, g.name])),
    aanbieder: new Map(providers.map((p) => [p.id, p.name])),
    segment: new Map(segments.map((s) => [s.id, s.name])),
  }
  const matching = all
    .filter((t) => q.segment === undefined || t.segmentId === q.segment)
    .map((t) => ({ t, due: dueMoments({ begin: t.begin, eind: t.eind, recorded: (byTraject.get(t.id) ?? []).map((x) => x.moment), t3Months: t3Months.get(t.segmentId) ?? 6 }, today, actor.role) }))
    .filter((x) => q.toon === 'alle' || x.due.length > 0)
  const key = (x: (typeof matching)[number]): string => {
    switch (q.sort) {
      case 'eind':
        return x.t.eind
      case 'begin':
        return x.t.begin
      case 'gemeente':
        return names.gemeente.get(x.t.gemeenteId) ?? ''
      case 'aanbieder':
        return names.aanbieder.get(x.t.providerId) ?? ''
      case 'segment':
        return names.segment.get(x.t.segmentId) ?? ''
      case 'te_doen':
        return x.due.join(',')
    }
  }
  // Dates sort as text; names in Dutch order; ties the most recently ended first, then the newest toewijzing.
  const sign = (q.dir ?? (q.sort === 'eind' ? 'desc' : 'asc')) === 'asc' ? 1 : -1
  const sorted = matching.map((x) => ({ x, k: key(x) })).sort((a, b) => sign * dutch.compare(a.k, b.k) || b.x.t.eind.localeCompare(a.x.t.eind) || b.x.t.id - a.x.t.id)
  const chosen = sorted.slice(q.offset, q.offset + q.limit).map((y) => y.x)
  const total = matching.length
  if (chosen.length === 0) return { total, items: [] }
  const rows = await trx
    .selectFrom('toewijzing as t')
    .innerJoin('client as c', 'c.id', 't.client_id')
    .innerJoin('beschikking as b', 'b.id', 't.beschikking_id')
    .innerJoin('gemeente as g', 'g.id', 't.gemeente_id')
    .innerJoin('provider as p', 'p.id', 't.provider_id')
    .innerJoin('segment as s', 's.id', 't.segment_id')
    .innerJoin('product as pr', 'pr.id', 't.product_id')
    .select(['t.id', 't.toewijzing_nummer', 't.wet', 't.gemeente_id', 'c.pseudonym', 'c.initials', 'c.name_prefix', 'c.family_name', 'g.name as gemeente', 'p.name as aanbieder', 's.name as segment', 'pr.name as product', 'b.goals'])
    .where('t.id', 'in', chosen.map((x) => x.t.id))
    .execute()
  const named = new Map(rows.map((r) => [r.id, r]))
  const list = chosen.map(({ t, due }): WorklistRow => {
    const r = named.get(t.id)!
    return {
      toewijzingId: t.id,
      toewijzingNummer: r.toewijzing_nummer,
      wet: r.wet,
      client: displayName(r),
      gemeente: r.gemeente,
      aanbieder: r.aanbieder,
      segment: r.segment,
      product: r.product,
      begin: t.begin,
      eind: t.eind,
      reden: t.reden,
      goals: r.goals,
      recorded: byTraject.get(t.id) ?? [],
      due,
    }
  })
  // One line per traject shown: the list names each client (ADR 0020).
  await auditReads(
    trx,
    actor,
    chosen.map(({ t }) => {
      const r = named.get(t.id)!
      return { action: 'uitkomsten.werklijst', subjectType: 'toewijzing', subjectId: t.id, gemeenteId: r.gemeente_id, clientPseudonym: r.pseudonym, subjectLabel: `toewijzing ${r.toewijzing_nummer}` }
    }),
  )
  return { total, items: list }
}

