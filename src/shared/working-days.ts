/**
 * Working days in the Netherlands, for the iStandaarden deadlines ("start/stop within 5
 * working days", "retour within 3 working days"): Monday to Friday, except the national
 * public holidays (Nieuwjaarsdag, Tweede Paasdag, Koningsdag, Bevrijdingsdag in lustrum
 * years, Hemelvaartsdag, Tweede Pinksterdag, Eerste en Tweede Kerstdag). Goede Vrijdag is
 * not a general day off and is not counted as a holiday.
 */
import { addDays, type CalendarDate, weekday } from './dates.ts'

/** Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

const holidayCache = new Map<number, Set<CalendarDate>>()

export function publicHolidays(year: number): Set<CalendarDate> {
  const cached = holidayCache.get(year)
  if (cached) return cached
  const easter = easterSunday(year)
  // Koningsdag moves to the 26th when the 27th is a Sunday.
  const kingsDay = weekday(`${year}-04-27`) === 6 ? `${year}-04-26` : `${year}-04-27`
  const days = new Set<CalendarDate>([
    `${year}-01-01`,
    addDays(easter, 1),
    kingsDay,
    addDays(easter, 39),
    addDays(easter, 50),
    `${year}-12-25`,
    `${year}-12-26`,
  ])
  if (year % 5 === 0) days.add(`${year}-05-05`)
  holidayCache.set(year, days)
  return days
}

export function isWorkingDay(date: CalendarDate): boolean {
  return weekday(date) < 5 && !publicHolidays(Number(date.slice(0, 4))).has(date)
}

/** The date `n` working days after `date` (n ≥ 0; 0 gives `date` itself). */
export function addWorkingDays(date: CalendarDate, n: number): CalendarDate {
  let day = date
  let left = n
  while (left > 0) {
    day = addDays(day, 1)
    if (isWorkingDay(day)) left--
  }
  return day
}
