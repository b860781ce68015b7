/**
 * Validity periods: `from` and `to` are both inclusive calendar dates; `to` null means
 * open-ended. This matches how the iStandaarden write Ingangsdatum/Einddatum and how
 * PostgreSQL's `daterange(from, to, '[]')` is used in the exclusion constraints.
 */
import { z } from 'zod'
import type { CalendarDate } from './dates.ts'
import { calendarDate } from './request.schema.ts'

export interface Period {
  from: CalendarDate
  to: CalendarDate | null
}

export const periodSchema = z
  .object({ from: calendarDate, to: calendarDate.nullable() })
  .refine((p) => p.to === null || p.to >= p.from, {
    message: 'the end date may not lie before the start date',
    path: ['to'],
  })

/** True when the two periods share at least one day. */
export function overlaps(a: Period, b: Period): boolean {
  const aEndsBeforeB = a.to !== null && a.to < b.from
  const bEndsBeforeA = b.to !== null && b.to < a.from
  return !aEndsBeforeB && !bEndsBeforeA
}

/** True when `date` lies within `period`. */
export function contains(period: Period, date: CalendarDate): boolean {
  return date >= period.from && (period.to === null || date <= period.to)
}

/** The first pair (by index) of periods in `periods` that overlap, or null. */
export function firstOverlap<T extends Period>(periods: readonly T[]): [T, T] | null {
  const sorted = [...periods].sort((a, b) => a.from.localeCompare(b.from))
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!
    const cur = sorted[i]!
    if (overlaps(prev, cur)) return [prev, cur]
  }
  return null
}

export function formatPeriod(p: Period): string {
  return `${p.from} – ${p.to ?? 'open'}`
}
