/**
 * Calendar dates as ISO strings `YYYY-MM-DD`: the domain (and the iStandaarden `xs:date`)
 * has no time of day or zone, so a `Date` at midnight would only invite off-by-one errors.
 * ISO dates compare correctly as strings.
 *
 * No zod here: the message rules use these functions, and `koers messages validate` should not
 * load zod. The schema for a date in a request body is `calendarDate` in request.schema.ts.
 */

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

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return monthLengths[month - 1] ?? new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The first day of `date`'s month. */
export const monthStart = (date: CalendarDate): CalendarDate => `${date.slice(0, 7)}-01`

/** The last day of `date`'s month. */
export function monthEnd(date: CalendarDate): CalendarDate {
  return `${date.slice(0, 8)}${String(daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)))).padStart(2, '0')}`
}

/** The later and the earlier of two dates. */
export const laterDate = (a: CalendarDate, b: CalendarDate): CalendarDate => (a > b ? a : b)
export const earlierDate = (a: CalendarDate, b: CalendarDate): CalendarDate => (a < b ? a : b)

const digit = (s: string, i: number) => s.charCodeAt(i) - 48

/**
 * Days since 1970-01-01: the difference of two is the number of days between them. Integer
 * arithmetic on the proleptic Gregorian calendar (H. Hinnant's days_from_civil), no `Date`:
 * the KPIs compare days of tens of thousands of trajecten per page.
 */
export function dayNumber(d: CalendarDate): number {
  const month = digit(d, 5) * 10 + digit(d, 6)
  const year = digit(d, 0) * 1000 + digit(d, 1) * 100 + digit(d, 2) * 10 + digit(d, 3) - (month <= 2 ? 1 : 0)
  const era = Math.floor(year / 400)
  const yearOfEra = year - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + digit(d, 8) * 10 + digit(d, 9) - 1
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468
}

/** The calendar date of a day number (the inverse of `dayNumber`, civil_from_days), for years 0–9999. */
export function dateOfDayNumber(n: number): CalendarDate {
  const z = n + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365)
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const mp = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`
}

/** `date` plus `n` days (n may be negative). */
export const addDays = (date: CalendarDate, n: number): CalendarDate => dateOfDayNumber(dayNumber(date) + n)

/** `date` plus `n` calendar years; 29 February becomes 28 February in a common year. */
export function addYears(date: CalendarDate, n: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const year = y + n
  const day = Math.min(d, daysInMonth(year, m))
  return `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** `date` plus `n` calendar months, clamped to the end of the target month. */
export function addMonths(date: CalendarDate, n: number): CalendarDate {
  const index = (digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3)) * 12 + digit(date, 5) * 10 + digit(date, 6) - 1 + n
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const day = Math.min(digit(date, 8) * 10 + digit(date, 9), daysInMonth(year, month))
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`
}

/** Day of the week: 0 = Monday … 6 = Sunday (ISO 8601). */
export function weekday(date: CalendarDate): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7
}

/** Today's calendar date in the Netherlands (Europe/Amsterdam), where the domain lives. */
export function today(now: Date = new Date()): CalendarDate {
  // One formatter, made on first use: a new one per call showed in the demo build's profile.
  amsterdamDay ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' })
  return amsterdamDay.format(now)
}
let amsterdamDay: Intl.DateTimeFormat | undefined

/** Age in whole years on `on` for someone born on `birthDate`. */
export function ageOn(birthDate: CalendarDate, on: CalendarDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [y, m, d] = on.split('-').map(Number) as [number, number, number]
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}
