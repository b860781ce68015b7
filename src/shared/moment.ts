/**
 * A moment in the domain's terms: a calendar date and a time of day in the Netherlands. Use
 * cases take one (defaulting to now) so that the demo can build a year of history and tests
 * can fix the day, without touching the system clock.
 */
import { addDays, type CalendarDate } from './dates.ts'

export interface Moment {
  date: CalendarDate
  /** `HH:MM:SS`, Europe/Amsterdam. */
  time: string
}

const format = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

export function momentOf(at: Date = new Date()): Moment {
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]))
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}:${parts.second}` }
}

/** The moment one second later (23:59:59 becomes 00:00:00 the next day), for versions written in one go. */
export function nextSecond(m: Moment): Moment {
  const [h, mi, s] = m.time.split(':').map(Number) as [number, number, number]
  const total = h * 3600 + mi * 60 + s + 1
  if (total === 86_400) return { date: addDays(m.date, 1), time: '00:00:00' }
  const pad = (n: number) => String(n).padStart(2, '0')
  return { date: m.date, time: `${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}` }
}

export const compareMoments = (a: Moment, b: Moment): number => a.date.localeCompare(b.date) || a.time.localeCompare(b.time)
