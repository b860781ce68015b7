/**
 * The rules of contract management (issue 20 §1–§2, ADR 0027), as pure functions over plain
 * data: when the next account conversation is due under a segment's cadence
 * (leveranciersmanagement instrument), whether it is overdue, and how an agreement stands.
 */
import type { Leveranciersmanagement } from '../segments/instruments.schema.ts'
import { type CalendarDate, addDays, addMonths } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'

export type Cadence = Leveranciersmanagement['conversationCadence']

/** The months between two conversations under a cadence. */
export const cadenceMonths: Record<Cadence, number> = { maandelijks: 1, per_kwartaal: 3, halfjaarlijks: 6, jaarlijks: 12 }

/** A conversation or agreement due within this many days is "binnenkort" (on the work list). */
export const DUE_SOON_DAYS = 14

/** How a due date stands on a day: passed, within DUE_SOON_DAYS, or later. */
export type DueStatus = 'verlopen' | 'binnenkort' | 'op_tijd'

export function dueStatus(due: CalendarDate, today: CalendarDate): DueStatus {
  if (due < today) return 'verlopen'
  return due <= addDays(today, DUE_SOON_DAYS) ? 'binnenkort' : 'op_tijd'
}

/** A segment the provider is contracted for, with its cadence and the first day of its award. */
export interface ContractedSegment {
  segmentId: number
  cadence: Cadence
  /** The first day the provider was contracted for the segment (its earliest award). */
  since: CalendarDate
}

export interface SegmentPlanning extends ContractedSegment {
  /** The next conversation's due date: one cadence after the last held conversation, or after the award began. */
  due: CalendarDate
  status: DueStatus
}

export interface Planning {
  segments: SegmentPlanning[]
  /** The earliest due date over the segments (the account's cadence is its strictest segment's); null without a contract. */
  due: CalendarDate | null
  status: DueStatus | null
  /** The last held conversation and the next planned one, if any. */
  lastHeld: CalendarDate | null
  nextPlanned: CalendarDate | null
}

/**
 * The conversation planning of an account: per contracted segment the next due date, one
 * cadence after the last held conversation (a conversation covers the whole account), or one
 * cadence after the segment's award began when none was held since.
 *
 * @example a quarterly segment awarded on 2026-01-01, last conversation held on 2026-02-10:
 *   due 2026-05-10; on 2026-05-11 it is 'verlopen'.
 */
export function planning(segments: readonly ContractedSegment[], held: readonly CalendarDate[], planned: readonly CalendarDate[], today: CalendarDate): Planning {
  const lastHeld = held.length === 0 ? null : held.reduce((a, b) => (a > b ? a : b))
  const upcoming = planned.filter((d) => d >= today)
  const nextPlanned = upcoming.length === 0 ? null : upcoming.reduce((a, b) => (a < b ? a : b))
  const perSegment = segments.map((s): SegmentPlanning => {
    const from = lastHeld !== null && lastHeld >= s.since ? lastHeld : s.since
    const due = addMonths(from, cadenceMonths[s.cadence])
    return { ...s, due, status: dueStatus(due, today) }
  })
  const due = perSegment.length === 0 ? null : perSegment.map((s) => s.due).reduce((a, b) => (a < b ? a : b))
  return { segments: perSegment, due, status: due === null ? null : dueStatus(due, today), lastHeld, nextPlanned }
}

/** How an agreement stands: closed, or open and by its due date passed, due soon, or later. */
export type AgreementStatus = 'gesloten' | 'verlopen' | 'binnenkort' | 'open'

export function agreementStatus(a: { dueOn: CalendarDate; closedOn: CalendarDate | null }, today: CalendarDate): AgreementStatus {
  if (a.closedOn !== null) return 'gesloten'
  const due = dueStatus(a.dueOn, today)
  return due === 'op_tijd' ? 'open' : due
}

/** Closing an agreement needs a note and an agreement still open. */
export function checkClose(a: { closedOn: CalendarDate | null }, note: string): void {
  if (a.closedOn !== null) throw new AppError('agreement.closed', 'the agreement is already closed')
  if (note.trim() === '') throw new AppError('agreement.note_required', 'closing an agreement needs a note', [{ path: 'note', message: 'required' }])
}

/** A provider marks its part done: only of an agreement that gives it a part, still open, with a note. */
export function checkProviderDone(a: { closedOn: CalendarDate | null; party: 'regio' | 'aanbieder' | 'samen'; providerDoneOn: CalendarDate | null }, note: string): void {
  if (a.party === 'regio') throw new AppError('agreement.not_providers_part', "the agreement is the region's team's to carry out")
  if (a.closedOn !== null) throw new AppError('agreement.closed', 'the agreement is already closed')
  if (note.trim() === '') throw new AppError('agreement.note_required', 'marking a part done needs a note', [{ path: 'note', message: 'required' }])
}

/** A conversation is recorded once, on or before today, not before it could cover its period's start. */
export function checkRecord(c: { status: 'gepland' | 'gehouden'; periodFrom: CalendarDate }, heldOn: CalendarDate, today: CalendarDate): void {
  if (c.status === 'gehouden') throw new AppError('conversation.already_held', 'the conversation has been recorded already')
  if (heldOn > today) throw new AppError('conversation.held_in_future', 'a conversation is recorded once it was held', [{ path: 'heldOn', message: 'after today' }])
  if (heldOn < c.periodFrom) throw new AppError('conversation.held_before_period', 'the conversation was held before the period it covers began', [{ path: 'heldOn', message: 'before the period' }])
}
