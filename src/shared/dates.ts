/**
 * Calendar dates as ISO strings `YYYY-MM-DD`: the domain (and the iStandaarden `xs:date`)
 * has no time of day or zone, so a `Date` at midnight would only invite off-by-one errors.
 * ISO dates compare correctly as strings.
 */
import { z } from 'zod'

export type CalendarDate = string

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/

/** True when `s` is a real calendar date such as `2027-02-28` (and not `2027-02-30`). */
export function isCalendarDate(s: string): boolean {
  const m = isoDate.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1) return false
  return d <= daysInMonth(y, mo)
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export const calendarDate = z
  .string()
  .refine(isCalendarDate, { message: 'must be a calendar date YYYY-MM-DD' })

/** The first day of `date`'s month. */
export const monthStart = (date: CalendarDate): CalendarDate => `${date.slice(0, 7)}-01`

/** The last day of `date`'s month. */
export function monthEnd(date: CalendarDate): CalendarDate {
  return `${date.slice(0, 8)}${String(daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)))).padStart(2, '0')}`
}

/** The later and the earlier of two dates. */
export const laterDate = (a: CalendarDate, b: CalendarDate): CalendarDate => (a > b ? a : b)
export const earlierDate = (a: CalendarDate, b: CalendarDate): CalendarDate => (a < b ? a : b)

/** Days since 1970-01-01: the difference of two is the number of days between them. */
export const dayNumber = (d: CalendarDate): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000

/** `date` plus `n` days (n may be negative). */
export function addDays(date: CalendarDate, n: number): CalendarDate {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** `date` plus `n` calendar years; 29 February becomes 28 February in a common year. */
export function addYears(date: CalendarDate, n: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const year = y + n
  const day = Math.min(d, daysInMonth(year, m))
  return `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** `date` plus `n` calendar months, clamped to the end of the target month. */
export function addMonths(date: CalendarDate, n: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + n
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const day = Math.min(d, daysInMonth(year, month))
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Day of the week: 0 = Monday … 6 = Sunday (ISO 8601). */
export function weekday(date: CalendarDate): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7
}

/** Today's calendar date in the Netherlands (Europe/Amsterdam), where the domain lives. */
export function today(now: Date = new Date()): CalendarDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now)
}

/** Age in whole years on `on` for someone born on `birthDate`. */
export function ageOn(birthDate: CalendarDate, on: CalendarDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [y, m, d] = on.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}
