/**
 * The one Dutch formatter for figures (issue 18 §5, ADR 0023): money in integer cents, counts,
 * percentages and calendar dates, for the web app, the exports, signals and the CLI alike.
 *
 * Written by hand rather than with `Intl.NumberFormat('nl-NL')`: the output is then the same
 * on every Node and browser, whatever ICU data they carry (small-icu builds fall back to
 * `1,234.56`; ICU versions have changed the currency pattern and its spaces), and tests can
 * compare strings. Between `€` and the amount, and between a number and `%`, stands a
 * non-breaking space (U+00A0), as Intl writes it, so that a line never breaks inside a figure.
 *
 * @example formatEuroCents(123456) // '€ 1.234,56'
 * @example formatEuro(123456) // '€ 1.235'
 * @example formatPercent(64.44) // '64,4 %'
 * @example formatDate('2026-12-04') // '4-12-2026'; formatDateLong: '4 december 2026'
 */
import type { Cents } from './money.ts'
import { SUPPRESSION_THRESHOLD } from './suppress.ts'

/** U+00A0: keeps `€` with its amount and `%` with its number. */
export const NBSP = '\u00a0'

/** How a suppressed count (1–4 people) reads. */
export const SUPPRESSED_COUNT = `< ${SUPPRESSION_THRESHOLD}`

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'] as const

/** Digits grouped by thousands with dots: 1234567 → `1.234.567` (a non-negative integer string in). */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')
}

/**
 * A number with `decimals` decimals (half away from zero), Dutch: `1.234,5`, `-0,5`; with
 * `trim`, trailing zero decimals are dropped (`12` rather than `12,0`).
 */
export function formatNumber(value: number, decimals = 0, trim = false): string {
  if (!Number.isFinite(value)) return '–'
  const factor = 10 ** decimals
  // Half away from zero; toPrecision(15) first so that 1.005 × 100 (100.49999…) rounds up as written.
  const scaled = Math.round(Number((Math.abs(value) * factor).toPrecision(15)))
  const negative = value < 0 && scaled !== 0
  const whole = Math.floor(scaled / factor)
  let fraction = decimals > 0 ? String(scaled - whole * factor).padStart(decimals, '0') : ''
  if (trim) fraction = fraction.replace(/0+$/, '')
  return `${negative ? '-' : ''}${group(whole.toFixed(0))}${fraction ? `,${fraction}` : ''}`
}

/** Cents as euros with cents: `€ 1.234,56`, `€ -0,05`. */
export function formatEuroCents(amount: Cents): string {
  const abs = Math.abs(Math.round(amount))
  // After rounding: -0,4 cent is € 0,00, not € -0,00.
  const negative = amount < 0 && abs !== 0
  const euros = Math.floor(abs / 100)
  const rest = String(abs % 100).padStart(2, '0')
  return `€${NBSP}${negative ? '-' : ''}${group(euros.toFixed(0))},${rest}`
}

/** Cents as whole euros (half away from zero), for overviews: `€ 1.235`. */
export function formatEuro(amount: Cents): string {
  const euros = Math.round(Math.abs(amount) / 100)
  return `€${NBSP}${amount < 0 && euros !== 0 ? '-' : ''}${group(euros.toFixed(0))}`
}

/** Cents as euros in a spreadsheet cell's text: `1234,56` (no `€`, no thousands dots, which a spreadsheet would read as a decimal point). */
export function formatEuroPlain(amount: Cents): string {
  const abs = Math.abs(Math.round(amount))
  return `${amount < 0 && abs !== 0 ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`
}

/** A percentage (already × 100) with one decimal: `64,4 %`; `decimals` and `trim` as in formatNumber. */
export function formatPercent(value: number, decimals = 1, trim = false): string {
  return `${formatNumber(value, decimals, trim)}${NBSP}%`
}

/** A count of people, or `< 5` when it was suppressed (null). */
export function formatCount(n: number | null): string {
  return n === null ? SUPPRESSED_COUNT : formatNumber(n)
}

/** A value in a KPI's unit (its `eenheid`, kpis/kpi.rules.ts): cents as whole euros, `procent` with `%`, `dagen` with `dagen`, `schaal` with its sign. */
export function formatInUnit(eenheid: string, value: number): string {
  switch (eenheid) {
    case 'cents':
      return formatEuro(value)
    case 'procent':
      return formatPercent(value)
    case 'dagen':
      return `${formatNumber(value, 1, true)} dagen`
    case 'schaal':
      return `${value > 0 ? '+' : ''}${formatNumber(value, 2, true)}`
    default:
      return formatNumber(value, 1, true)
  }
}

function parts(iso: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null
}

/** A calendar date `2026-12-04` as `4-12-2026`; null (an open end) as `onbepaald`. */
export function formatDate(iso: string | null): string {
  if (iso === null) return 'onbepaald'
  const p = parts(iso)
  return p ? `${p[2]}-${p[1]}-${p[0]}` : iso
}

/** A calendar date `2026-12-04` as `4 december 2026`; null as `onbepaald`. */
export function formatDateLong(iso: string | null): string {
  if (iso === null) return 'onbepaald'
  const p = parts(iso)
  return p ? `${p[2]} ${MONTHS[p[1] - 1]} ${p[0]}` : iso
}

/** `2026-10` (or a date in it) as `oktober 2026`. */
export function formatMonth(yearMonth: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(yearMonth)
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : yearMonth
}

// Only the time zone's offset is taken from Intl (en-CA: digits only); the Dutch text is written here.
// Made on first use: loading the time zone costs about 30 ms, which a module that only formats
// amounts (`koers messages`) should not pay at start-up.
let amsterdam: Intl.DateTimeFormat | undefined

function amsterdamParts(timestamp: string): Record<string, string> | null {
  const at = new Date(timestamp)
  if (Number.isNaN(at.getTime())) return null
  amsterdam ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
  return Object.fromEntries(amsterdam.formatToParts(at).map((x) => [x.type, x.value]))
}

/** The Dutch calendar date of a moment (an ISO timestamp), as formatDate writes it: `4-12-2026`. */
export function formatMomentDate(timestamp: string): string {
  const p = amsterdamParts(timestamp)
  return p ? formatDate(`${p.year}-${p.month}-${p.day}`) : timestamp
}

/** A moment with its time in the Netherlands: `4-12-2026 14:03`; with `seconds` (the audit log) `4-12-2026 14:03:12`. */
export function formatMoment(timestamp: string, options: { seconds?: boolean } = {}): string {
  const p = amsterdamParts(timestamp)
  return p ? `${formatDate(`${p.year}-${p.month}-${p.day}`)} ${p.hour}:${p.minute}${options.seconds ? `:${p.second}` : ''}` : timestamp
}
