/**
 * Dates as a Dutch user types them (issue 18 §7): `dd-mm-jjjj`, whatever the browser's language
 * (an `<input type=date>` follows the browser and shows mm/dd/yyyy in an English one). The form
 * keeps the ISO calendar date the API takes (`2026-12-31`); the field shows it as the one Dutch
 * formatter writes a date (src/shared/format-nl.ts, `31-12-2026`). Pure, for DateField.
 */
import { type CalendarDate, daysInMonth, isCalendarDate } from '../../../src/shared/dates.ts'
import { formatDate, formatMonth } from '../../../src/shared/format-nl.ts'

/** The hint under every date field's label. */
export const DATE_HINT = 'dd-mm-jjjj'
const EXAMPLE = '31-12-2026'

/** What the user typed, read: nothing, a calendar date, or why it is none (a Dutch melding). */
export type DateReading = { kind: 'leeg' } | { kind: 'datum'; iso: CalendarDate } | { kind: 'fout'; melding: string }

const dutch = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/
const iso = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Reads `31-12-2026` (also `31/12/2026`, `31.12.2026`, `1-2-2026`, or an ISO date pasted in) as
 * `2026-12-31`. `label` names the field in the melding ("Ingangsdatum 31-02-2026 bestaat niet: …").
 */
export function readDate(text: string, label?: string): DateReading {
  const typed = text.trim()
  if (typed === '') return { kind: 'leeg' }
  const m = dutch.exec(typed)
  const i = m ? null : iso.exec(typed)
  if (!m && !i) return { kind: 'fout', melding: `Schrijf ${label ?? 'de datum'} als ${DATE_HINT}, bijvoorbeeld ${EXAMPLE}.` }
  const [day, month, year] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [Number(i![3]), Number(i![2]), Number(i![1])]
  const what = `${label ?? 'De datum'} ${typed} bestaat niet`
  if (month < 1 || month > 12) return { kind: 'fout', melding: `${what}: een maand is 1 tot en met 12.` }
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  if (!isCalendarDate(date)) return { kind: 'fout', melding: `${what}: ${formatMonth(date)} heeft ${daysInMonth(year, month)} dagen.` }
  return { kind: 'datum', iso: date }
}

/** The value a form keeps for what was typed: the ISO date, '' for nothing, else the text as typed (which no check lets through). */
export function dateValue(text: string): string {
  const r = readDate(text)
  return r.kind === 'datum' ? r.iso : text.trim()
}

/** A form's value as its field shows it: an ISO date in Dutch (`31-12-2026`), anything else as it is. */
export function dateText(value: string): string {
  return isCalendarDate(value) ? formatDate(value) : value
}

/** True for a value a filter can use: a calendar date, or '' for none. */
export const isDateOrEmpty = (value: string): boolean => value === '' || isCalendarDate(value)

/**
 * The meldingen of the date fields that hold no real date, by API path, for an action's check
 * beside `verplicht`: `datumFouten({ ingangsdatum: ['Ingangsdatum', draft.ingangsdatum] })`.
 * An empty field is `verplicht`'s to report.
 */
export function datumFouten(fields: Record<string, [label: string, value: string]>): Record<string, string> {
  const fouten: Record<string, string> = {}
  for (const [path, [label, value]] of Object.entries(fields)) {
    const r = readDate(dateText(value), label)
    if (r.kind === 'fout') fouten[path] = r.melding
  }
  return fouten
}

/** The hint under every month field's label (components/MonthField.tsx). */
export const MONTH_HINT = 'mm-jjjj of de maand voluit, bijvoorbeeld 3-2026 of maart 2026'

/** A month as typed, read: nothing, a month (`YYYY-MM`), or why it is none (a Dutch melding). */
export type MonthReading = { kind: 'leeg' } | { kind: 'maand'; iso: string } | { kind: 'fout'; melding: string }

/** The Dutch month names as the one formatter writes them (januari … december), read back with their usual short forms. */
const monthNames = Array.from({ length: 12 }, (_, i) => formatMonth(`2026-${String(i + 1).padStart(2, '0')}`).split(' ')[0]!)
const monthByName = (name: string): number | null => {
  const n = name.toLowerCase().replace(/\.$/, '')
  if (n.length < 3) return null
  if (n === 'mrt') return 3
  const i = monthNames.findIndex((m) => m.startsWith(n))
  return i < 0 ? null : i + 1
}
const monthNumeric = /^(\d{1,2})[-/. ](\d{4})$/
const monthIso = /^(\d{4})-(\d{1,2})$/
const monthWords = /^([a-zA-Z]+\.?)[ -](\d{4})$/

/**
 * Reads `3-2026` (also `03-2026`, `3/2026`, `maart 2026`, `mrt 2026`, or `2026-03` pasted in) as
 * `2026-03`. `label` names the field in the melding.
 */
export function readMonth(text: string, label?: string): MonthReading {
  const typed = text.trim()
  if (typed === '') return { kind: 'leeg' }
  const numeric = monthNumeric.exec(typed)
  const pasted = numeric ? null : monthIso.exec(typed)
  const words = numeric || pasted ? null : monthWords.exec(typed)
  const [month, year] = numeric ? [Number(numeric[1]), Number(numeric[2])] : pasted ? [Number(pasted[2]), Number(pasted[1])] : words ? [monthByName(words[1]!), Number(words[2])] : [null, null]
  if (month === null || year === null) return { kind: 'fout', melding: `Schrijf ${label ? label.toLowerCase() : 'de maand'} als ${MONTH_HINT}.` }
  if (month < 1 || month > 12) return { kind: 'fout', melding: `${label ?? 'De maand'} ${typed} bestaat niet: een maand is 1 tot en met 12.` }
  return { kind: 'maand', iso: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}` }
}

/** The value a form keeps for a typed month: `YYYY-MM`, '' for nothing, else the text as typed (which no check lets through). */
export function monthValue(text: string): string {
  const r = readMonth(text)
  return r.kind === 'maand' ? r.iso : text.trim()
}

/** A form's month as its field shows it: `2026-03` as `maart 2026`, anything else as it is. */
export function monthText(value: string): string {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? formatMonth(value) : value
}

/** The meldingen of the month fields that hold no month, by API path, beside `verplicht` (which reports empty ones). */
export function maandFouten(fields: Record<string, [label: string, value: string]>): Record<string, string> {
  const fouten: Record<string, string> = {}
  for (const [path, [label, value]] of Object.entries(fields)) {
    const r = readMonth(monthText(value), label)
    if (r.kind === 'fout') fouten[path] = r.melding
  }
  return fouten
}
