/**
 * Accounts, account conversations and agreements (issue 20 §1–§2, migration 0027, ADR 0027).
 * An account is a provider seen by the region's contract management: its holders in the
 * region's team, the segments and lots it is contracted for with their conversation cadence,
 * its conversations and the agreements made in them. A provider reads its own (row-level
 * security keeps the internal notes from it).
 */
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import type { AgreementParty, ConversationStatus } from '../db/schema.ts'
import type { CalendarDate } from '../shared/dates.ts'
import { closeAgreementSchema, holdersInputSchema, planInputSchema, recordInputSchema } from './account.schema.ts'
import { AppError } from '../shared/errors.ts'
import { type AgreementStatus, type Cadence, type DueStatus, type Planning, agreementStatus, checkClose, checkProviderDone, checkRecord, planning } from './account.rules.ts'

/** A contracted lot: the segment, the contract it belongs to and the provider's award period. */
export interface ContractedLot {
  lotId: number
  contract: string
  segmentId: number
  segment: string
  cadence: Cadence
  validFrom: CalendarDate
  validTo: CalendarDate | null
}

/** The lots a provider is (or was) contracted for, with their segment's conversation cadence. */
export async function contractedLots(trx: ScopedDb, providerIds?: readonly number[]): Promise<(ContractedLot & { providerId: number })[]> {
  let q = trx
    .selectFrom('contract_award as a')
    .innerJoin('contract_lot as l', (j) => j.onRef('l.id', '=', 'a.lot_id').onRef('l.region_id', '=', 'a.region_id'))
    .innerJoin('contract as c', (j) => j.onRef('c.id', '=', 'l.contract_id').onRef('c.region_id', '=', 'l.region_id'))
    .innerJoin('segment as s', (j) => j.onRef('s.id', '=', 'l.segment_id').onRef('s.region_id', '=', 'l.region_id'))
    .select(['a.provider_id', 'l.id as lot_id', 'c.name as contract', 'c.reference', 's.id as segment_id', 's.name as segment', 's.leveranciersmanagement', 'a.valid_from', 'a.valid_to'])
    .orderBy('a.provider_id')
    .orderBy('s.name')
    .orderBy('a.valid_from')
  if (providerIds !== undefined) q = q.where('a.provider_id', 'in', [...providerIds, -1])
  return (await q.execute()).map((r) => ({
    providerId: r.provider_id,
    lotId: r.lot_id,
    contract: `${r.contract} (${r.reference})`,
    segmentId: r.segment_id,
    segment: r.segment,
    cadence: r.leveranciersmanagement.conversationCadence,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }))
}

/** The planning input of a provider's lots: per segment its cadence and its earliest award, the awards still running on `today`. */
function segmentsOf(lots: readonly ContractedLot[], today: CalendarDate) {
  const bySegment = new Map<number, { segmentId: number; cadence: Cadence; since: CalendarDate }>()
  for (const l of lots) {
    if (l.validTo !== null && l.validTo < today) continue
    const s = bySegment.get(l.segmentId)
    if (!s || l.validFrom < s.since) bySegment.set(l.segmentId, { segmentId: l.segmentId, cadence: l.cadence, since: l.validFrom })
  }
  return [...bySegment.values()]
}

export interface Agreement {
  id: number
  providerId: number
  conversationId: number
  what: string
  party: AgreementParty
  person: string
  dueOn: CalendarDate
  kpi: string | null
  signalId: number | null
  status: AgreementStatus
  closedOn: CalendarDate | null
  closedNote: string | null
  providerDoneOn: CalendarDate | null
  providerNote: string | null
}

export interface Conversation {
  id: number
  providerId: number
  plannedOn: CalendarDate
  periodFrom: CalendarDate
  periodTo: CalendarDate
  status: ConversationStatus
  heldOn: CalendarDate | null
  present: string
}

const conversationColumns = ['id', 'provider_id', 'planned_on', 'period_from', 'period_to', 'status', 'held_on', 'present'] as const
type ConversationRow = { id: number; provider_id: number; planned_on: string; period_from: string; period_to: string; status: ConversationStatus; held_on: string | null; present: string }
const toConversation = (r: ConversationRow): Conversation => ({ id: r.id, providerId: r.provider_id, plannedOn: r.planned_on, periodFrom: r.period_from, periodTo: r.period_to, status: r.status, heldOn: r.held_on, present: r.present })

/** The conversations of some providers (all in the actor's scope when not given), newest first. */
export async function listConversations(trx: ScopedDb, providerIds?: readonly number[]): Promise<Conversation[]> {
  let q = trx.selectFrom('account_conversation').select([...conversationColumns]).orderBy('planned_on', 'desc').orderBy('id', 'desc')
  if (providerIds !== undefined) q = q.where('provider_id', 'in', [...providerIds, -1])
  return (await q.execute()).map(toConversation)
}

const agreementColumns = ['id', 'provider_id', 'conversation_id', 'what', 'party', 'person', 'due_on', 'kpi', 'signal_id', 'closed_on', 'closed_note', 'provider_done_on', 'provider_note'] as const
type AgreementRow = { id: number; provider_id: number; conversation_id: number; what: string; party: AgreementParty; person: string; due_on: string; kpi: string | null; signal_id: number | null; closed_on: string | null; closed_note: string | null; provider_done_on: string | null; provider_note: string | null }
const toAgreement = (r: AgreementRow, today: CalendarDate): Agreement => ({
  id: r.id,
  providerId: r.provider_id,
  conversationId: r.conversation_id,
  what: r.what,
  party: r.party,
  person: r.person,
  dueOn: r.due_on,
  kpi: r.kpi,
  signalId: r.signal_id,
  status: agreementStatus({ dueOn: r.due_on, closedOn: r.closed_on }, today),
  closedOn: r.closed_on,
  closedNote: r.closed_note,
  providerDoneOn: r.provider_done_on,
  providerNote: r.provider_note,
})

/** The agreements of some providers (all in the actor's scope when not given), by due date. */
export async function listAgreements(trx: ScopedDb, today: CalendarDate, filter: { providerIds?: readonly number[]; conversationId?: number } = {}): Promise<Agreement[]> {
  let q = trx.selectFrom('agreement').select([...agreementColumns]).orderBy('due_on').orderBy('id')
  if (filter.providerIds !== undefined) q = q.where('provider_id', 'in', [...filter.providerIds, -1])
  if (filter.conversationId !== undefined) q = q.where('conversation_id', '=', filter.conversationId)
  return (await q.execute()).map((r) => toAgreement(r, today))
}

export interface Holder {
  userId: number
  name: string
}

async function holdersOf(trx: ScopedDb, providerIds?: readonly number[]): Promise<(Holder & { providerId: number })[]> {
  let q = trx
    .selectFrom('account_holder as h')
    .innerJoin('app_user as u', (j) => j.onRef('u.id', '=', 'h.user_id').onRef('u.region_id', '=', 'h.region_id'))
    .select(['h.provider_id', 'h.user_id', 'u.display_name'])
    .orderBy('u.display_name')
  if (providerIds !== undefined) q = q.where('h.provider_id', 'in', [...providerIds, -1])
  return (await q.execute()).map((r) => ({ providerId: r.provider_id, userId: r.user_id, name: r.display_name }))
}

/** A line of the region's contract-management work list. */
export interface AccountLine {
  providerId: number
  name: string
  agbCode: string
  holders: string[]
  segments: string[]
  planning: Omit<Planning, 'segments'>
  agreements: { open: number; binnenkort: number; verlopen: number }
  /** Something to do: a conversation or an agreement overdue or due soon. */
  attention: boolean
}

/**
 * Every account in the actor's scope (a provider: its own) with its planning and open
 * agreements: the accounts of the providers contracted in the region, and of any provider
 * that has had a conversation.
 */
export async function listAccounts(trx: ScopedDb, actor: Actor, today: CalendarDate): Promise<AccountLine[]> {
  const own = actor.providerId === null ? undefined : [actor.providerId]
  const [lots, conversations, agreements, holders] = await Promise.all([contractedLots(trx, own), listConversations(trx, own), listAgreements(trx, today, { providerIds: own }), holdersOf(trx, own)])
  const ids = new Set([...lots.map((l) => l.providerId), ...conversations.map((c) => c.providerId)])
  if (ids.size === 0) return []
  const providers = await trx.selectFrom('provider').select(['id', 'name', 'agb_code']).where('region_id', '=', actor.regionId).where('id', 'in', [...ids]).execute()
  return providers
    .map((p): AccountLine => {
      const mine = lots.filter((l) => l.providerId === p.id)
      const talks = conversations.filter((c) => c.providerId === p.id)
      const plan: Omit<Planning, 'segments'> & { segments?: unknown } = planning(
        segmentsOf(mine, today),
        talks.filter((c) => c.heldOn !== null).map((c) => c.heldOn!),
        talks.filter((c) => c.status === 'gepland').map((c) => c.plannedOn),
        today,
      )
      delete plan.segments
      const open = agreements.filter((a) => a.providerId === p.id && a.status !== 'gesloten')
      const count = (s: AgreementStatus) => open.filter((a) => a.status === s).length
      const agreementCounts = { open: open.length, binnenkort: count('binnenkort'), verlopen: count('verlopen') }
      const due: DueStatus | null = plan.status
      return {
        providerId: p.id,
        name: p.name,
        agbCode: p.agb_code,
        holders: holders.filter((h) => h.providerId === p.id).map((h) => h.name),
        segments: [...new Set(mine.map((l) => l.segment))],
        planning: plan,
        agreements: agreementCounts,
        attention: due === 'verlopen' || due === 'binnenkort' || agreementCounts.binnenkort + agreementCounts.verlopen > 0,
      }
    })
    .sort((a, b) => Number(b.attention) - Number(a.attention) || (a.planning.due ?? '9999').localeCompare(b.planning.due ?? '9999') || a.name.localeCompare(b.name, 'nl'))
}

export interface Account {
  provider: { id: number; name: string; agbCode: string }
  holders: Holder[]
  lots: ContractedLot[]
  planning: Planning & { segments: (Planning['segments'][number] & { segment: string })[] }
  conversations: Conversation[]
  agreements: Agreement[]
}

/** The provider of an account; a provider only itself (404 for another, as if it did not exist). */
async function providerOf(trx: ScopedDb, actor: Actor, providerId: number) {
  if (actor.providerId !== null && actor.providerId !== providerId) throw new AppError('provider.not_found', `provider ${providerId} not found`)
  const provider = await trx.selectFrom('provider').select(['id', 'name', 'agb_code']).where('region_id', '=', actor.regionId).where('id', '=', providerId).executeTakeFirst()
  if (!provider) throw new AppError('provider.not_found', `provider ${providerId} not found`)
  return provider
}

/** One provider's account; a provider only its own (404 for another's, as if it did not exist). */
export async function getAccount(trx: ScopedDb, actor: Actor, providerId: number, today: CalendarDate): Promise<Account> {
  const provider = await providerOf(trx, actor, providerId)
  const [lots, conversations, agreements, holders] = await Promise.all([contractedLots(trx, [providerId]), listConversations(trx, [providerId]), listAgreements(trx, today, { providerIds: [providerId] }), holdersOf(trx, [providerId])])
  const plan = planning(
    segmentsOf(lots, today),
    conversations.filter((c) => c.heldOn !== null).map((c) => c.heldOn!),
    conversations.filter((c) => c.status === 'gepland').map((c) => c.plannedOn),
    today,
  )
  const segmentName = new Map(lots.map((l) => [l.segmentId, l.segment]))
  return {
    provider: { id: provider.id, name: provider.name, agbCode: provider.agb_code },
    holders: holders.map(({ userId, name }) => ({ userId, name })),
    lots: lots.map((l) => ({ lotId: l.lotId, contract: l.contract, segmentId: l.segmentId, segment: l.segment, cadence: l.cadence, validFrom: l.validFrom, validTo: l.validTo })),
    planning: { ...plan, segments: plan.segments.map((s) => ({ ...s, segment: segmentName.get(s.segmentId)! })) },
    conversations,
    agreements,
  }
}

/** Sets the holders of a provider's account: users of the region's team. */
export async function setHolders(trx: ScopedDb, actor: Actor, providerId: number, raw: z.input<typeof holdersInputSchema>): Promise<Holder[]> {
  const input = holdersInputSchema.parse(raw)
  await providerOf(trx, actor, providerId)
  const users = input.userIds.length === 0 ? [] : await trx.selectFrom('app_user').select(['id', 'role']).where('region_id', '=', actor.regionId).where('id', 'in', input.userIds).execute()
  const wrong = input.userIds.findIndex((id) => users.find((u) => u.id === id)?.role !== 'regio')
  if (wrong >= 0) throw new AppError('account.holder_not_region', `user ${input.userIds[wrong]} is not a user of the region's team`, [{ path: `userIds.${wrong}`, message: 'not of the region' }])
  await trx.deleteFrom('account_holder').where('region_id', '=', actor.regionId).where('provider_id', '=', providerId).execute()
  if (input.userIds.length > 0) await trx.insertInto('account_holder').values([...new Set(input.userIds)].map((userId) => ({ region_id: actor.regionId, provider_id: providerId, user_id: userId }))).execute()
  return (await holdersOf(trx, [providerId])).map(({ userId, name }) => ({ userId, name }))
}

/** The users of the region's team: who may hold an account. */
export async function possibleHolders(trx: ScopedDb, actor: Actor): Promise<Holder[]> {
  const rows = await trx.selectFrom('app_user').select(['id', 'display_name']).where('region_id', '=', actor.regionId).where('role', '=', 'regio').orderBy('display_name').execute()
  return rows.map((r) => ({ userId: r.id, name: r.display_name }))
}

/** Plans a conversation with a provider on a date, over a period of figures. */
export async function planConversation(trx: ScopedDb, actor: Actor, providerId: number, raw: z.input<typeof planInputSchema>): Promise<Conversation> {
  const input = planInputSchema.parse(raw)
  await providerOf(trx, actor, providerId)
  const row = await trx
    .insertInto('account_conversation')
    .values({ region_id: actor.regionId, provider_id: providerId, planned_on: input.plannedOn, period_from: input.periodFrom, period_to: input.periodTo, created_by: actor.userId })
    .returning([...conversationColumns])
    .executeTakeFirstOrThrow()
  return toConversation(row)
}

/** A conversation with its notes (the region's team's; none for a provider) and the agreements made in it. */
export interface ConversationDetail extends Conversation {
  provider: { id: number; name: string; agbCode: string }
  notes: { item: string; note: string }[]
  agreements: Agreement[]
}

/** One conversation; a provider only one of its own (404 otherwise). */
export async function getConversation(trx: ScopedDb, actor: Actor, id: number, today: CalendarDate): Promise<ConversationDetail> {
  const row = await trx.selectFrom('account_conversation').select([...conversationColumns]).where('region_id', '=', actor.regionId).where('id', '=', id).executeTakeFirst()
  if (!row || (actor.providerId !== null && row.provider_id !== actor.providerId)) throw new AppError('conversation.not_found', `conversation ${id} not found`)
  const provider = await trx.selectFrom('provider').select(['id', 'name', 'agb_code']).where('region_id', '=', actor.regionId).where('id', '=', row.provider_id).executeTakeFirstOrThrow()
  const notes = await trx.selectFrom('account_conversation_note').select(['item', 'note']).where('conversation_id', '=', id).orderBy('item').execute()
  return { ...toConversation(row), provider: { id: provider.id, name: provider.name, agbCode: provider.agb_code }, notes, agreements: await listAgreements(trx, today, { conversationId: id }) }
}

/** Records a held conversation: the date, who were present, a note per agenda item and the agreements made. */
export async function recordConversation(trx: ScopedDb, actor: Actor, id: number, raw: z.input<typeof recordInputSchema>, today: CalendarDate): Promise<ConversationDetail> {
  const input = recordInputSchema.parse(raw)
  const c = await getConversation(trx, actor, id, today)
  checkRecord(c, input.heldOn, today)
  for (const [i, a] of input.agreements.entries()) {
    if (a.signalId == null) continue
    const signal = await trx.selectFrom('budget_signaal').select('provider_id').where('region_id', '=', actor.regionId).where('id', '=', a.signalId).executeTakeFirst()
    if (!signal || (signal.provider_id !== null && signal.provider_id !== c.providerId)) throw new AppError('agreement.signal_unknown', `signal ${a.signalId} is not about this provider`, [{ path: `agreements.${i}.signalId`, message: 'unknown signal' }])
  }
  await trx.updateTable('account_conversation').set({ status: 'gehouden', held_on: input.heldOn, present: input.present, recorded_by: actor.userId, recorded_at: new Date() }).where('region_id', '=', actor.regionId).where('id', '=', id).execute()
  const notes = input.notes.filter((n) => n.note !== '')
  if (notes.length > 0) await trx.insertInto('account_conversation_note').values(notes.map((n) => ({ region_id: actor.regionId, conversation_id: id, item: n.item, note: n.note }))).execute()
  if (input.agreements.length > 0) {
    await trx
      .insertInto('agreement')
      .values(input.agreements.map((a) => ({ region_id: actor.regionId, provider_id: c.providerId, conversation_id: id, what: a.what, party: a.party, person: a.person, due_on: a.dueOn, kpi: a.kpi ?? null, signal_id: a.signalId ?? null })))
      .execute()
  }
  return getConversation(trx, actor, id, today)
}

async function agreementRow(trx: ScopedDb, actor: Actor, id: number): Promise<AgreementRow> {
  const row = await trx.selectFrom('agreement').select([...agreementColumns]).where('region_id', '=', actor.regionId).where('id', '=', id).executeTakeFirst()
  if (!row || (actor.providerId !== null && row.provider_id !== actor.providerId)) throw new AppError('agreement.not_found', `agreement ${id} not found`)
  return row
}

/** Closes an agreement (the region's team), with a note. */
export async function closeAgreement(trx: ScopedDb, actor: Actor, id: number, raw: z.input<typeof closeAgreementSchema>, today: CalendarDate): Promise<Agreement> {
  const input = closeAgreementSchema.parse(raw)
  const row = await agreementRow(trx, actor, id)
  checkClose({ closedOn: row.closed_on }, input.note)
  const updated = await trx.updateTable('agreement').set({ closed_on: today, closed_note: input.note, closed_by: actor.userId }).where('region_id', '=', actor.regionId).where('id', '=', id).returning([...agreementColumns]).executeTakeFirstOrThrow()
  return toAgreement(updated, today)
}

/** A provider marks its part of an agreement done, with a note; the region's team closes it. */
export async function markProviderDone(trx: ScopedDb, actor: Actor, id: number, raw: z.input<typeof closeAgreementSchema>, today: CalendarDate): Promise<Agreement> {
  const input = closeAgreementSchema.parse(raw)
  const row = await agreementRow(trx, actor, id)
  checkProviderDone({ closedOn: row.closed_on, party: row.party, providerDoneOn: row.provider_done_on }, input.note)
  const updated = await trx.updateTable('agreement').set({ provider_done_on: today, provider_note: input.note, provider_done_by: actor.userId }).where('region_id', '=', actor.regionId).where('id', '=', id).returning([...agreementColumns]).executeTakeFirstOrThrow()
  return toAgreement(updated, today)
}

/** The budget signals about a provider that the contract standard says it is told of: its own budget running ahead, its forecast over it, a ceiling reached. */
export const TOLD_SIGNAL_KINDS = ['voor_op_budget', 'prognose_boven_budget', 'plafond_bereikt'] as const

export interface ToldSignal {
  id: number
  soort: (typeof TOLD_SIGNAL_KINDS)[number]
  jaar: number
  titel: string
  status: 'open' | 'erkend' | 'gesloten'
  geopendOp: string
}

/**
 * Those signals of one provider, newest first, without the region's notes on them. The signals'
 * table is the region's and the gemeenten' (migration 0006): `trx` runs as the region.
 */
export async function toldSignals(trx: ScopedDb, providerId: number): Promise<ToldSignal[]> {
  const rows = await trx
    .selectFrom('budget_signaal')
    .select(['id', 'soort', 'jaar', 'titel', 'status', 'geopend_op'])
    .where('provider_id', '=', providerId)
    .where('soort', 'in', [...TOLD_SIGNAL_KINDS])
    .orderBy('geopend_op', 'desc')
    .orderBy('id', 'desc')
    .execute()
  return rows.map((r) => ({ id: r.id, soort: r.soort as ToldSignal['soort'], jaar: r.jaar, titel: r.titel, status: r.status, geopendOp: new Date(r.geopend_op).toISOString() }))
}
