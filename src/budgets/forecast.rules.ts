/**
 * The forecast to year end of one budget key (gemeente × provider × wet × segment), as pure
 * arithmetic on monthly figures. Seed 004 §5.6 asks to monitor "de mogelijke over- of
 * onderschrijding door een aanbieder"; the issue asks for "realised + expected on open
 * commitments + expected new inflow, with seasonality". The method (docs/budgetten.md):
 *
 * 1. **Utilisation** `u`: how much of its verplichting the key actually declared last year
 *    (realised ÷ verplichting, between 0 and 1); 1 without history (expect the maximum).
 * 2. **Expected on open commitments**: per month of the year, the existing toewijzingen are
 *    expected to realise `u × verplichting`; where less is realised so far, the difference is
 *    still expected (late declarations included), and a month already above it expects nothing
 *    more. A month is closed — nothing more expected — once `DECLARATION_MONTHS` whole months
 *    have passed after it (most declarations come within two months).
 * 3. **Expected new inflow**, for the months after the reference month: the mean number of
 *    new toewijzingen per month over the last 12 months, times the seasonal index of the
 *    calendar month (its share of the starts over the last 24 months), each costing the mean
 *    verplichting per day of a new toewijzing, for its mean length or to year end, times `u`.
 * 4. **Taakgericht lump sums** continue at the last paid month's amount to December (not once the year is over).
 *
 * Every part is rounded to whole cents per key, so the forecast of a grouping is the sum of
 * its keys' forecasts, to the cent.
 */
import { daysInMonth } from '../shared/dates.ts'

export interface InflowMonth {
  /** 1–12: the calendar month, for the seasonal index. */
  calendarMonth: number
  nieuw: number
  verplichtingCents: number
  dagen: number
}

export interface KeySeries {
  /** Approved lines net of credits per month of the year (index 0 = January). */
  realised: readonly number[]
  /** Taakgericht payments per month of the year. */
  lumpSums: readonly number[]
  /** Verplichting of the active toewijzingen falling in each month of the year. */
  committed: readonly number[]
  /** Last year's approved lines and verplichting, for the utilisation. */
  previousRealised: number
  previousCommitted: number
  /** The 24 months before the reference month (oldest first); fewer when there is no history. */
  inflow: readonly InflowMonth[]
}

export interface Forecast {
  realisedCents: number
  expectedOnCommitmentsCents: number
  expectedInflowCents: number
  expectedLumpSumsCents: number
  forecastCents: number
  /** The utilisation used, 0–1. */
  utilisation: number
  /** Realised and expected per month (index 0 = January), for charts; not rounded. */
  byMonth: number[]
}

/** How many whole months after a month its declarations are still expected. */
export const DECLARATION_MONTHS = 2

/** Last year's realised share of its verplichting, between 0 and 1; 1 without history. */
export function utilisation(previousRealised: number, previousCommitted: number): number {
  if (previousCommitted <= 0 || previousRealised <= 0) return 1
  return Math.min(1, previousRealised / previousCommitted)
}

/**
 * Seasonal index of each calendar month (index 0 = January) from the starts in `inflow`:
 * the mean starts in that calendar month divided by the mean starts per month. 1 where a
 * calendar month has no observation or there were no starts at all.
 */
export function seasonalIndex(inflow: readonly InflowMonth[]): number[] {
  const total = inflow.reduce((s, m) => s + m.nieuw, 0)
  const index = new Array<number>(12).fill(1)
  if (total <= 0) return index
  const mean = total / inflow.length
  for (let c = 1; c <= 12; c++) {
    const months = inflow.filter((m) => m.calendarMonth === c)
    if (months.length === 0) continue
    index[c - 1] = months.reduce((s, m) => s + m.nieuw, 0) / months.length / mean
  }
  return index
}

/**
 * @param year the budget year
 * @param referenceMonth 0 before the year has begun, 1–12 the month of the reference date, 12 once it is over
 */
export function forecastKey(series: KeySeries, year: number, referenceMonth: number): Forecast {
  const u = utilisation(series.previousRealised, series.previousCommitted)
  let realised = 0
  let onCommitments = 0
  const byMonth = new Array<number>(12).fill(0)
  for (let m = 0; m < 12; m++) {
    const r = series.realised[m] ?? 0
    // Month m + 1 (1–12) is closed when the reference month is more than DECLARATION_MONTHS later.
    const closed = m + 1 < referenceMonth - DECLARATION_MONTHS
    const expected = closed ? 0 : Math.max(0, u * (series.committed[m] ?? 0) - r)
    realised += r + (series.lumpSums[m] ?? 0)
    onCommitments += expected
    byMonth[m] = r + (series.lumpSums[m] ?? 0) + expected
  }

  // New inflow: the last 12 months' mean starts, by season, priced per day.
  const last12 = series.inflow.slice(-12)
  const starts12 = last12.reduce((s, m) => s + m.nieuw, 0)
  let inflow = 0
  if (starts12 > 0 && referenceMonth < 12) {
    const perMonth = starts12 / 12
    const perDay = last12.reduce((s, m) => s + m.verplichtingCents, 0) / Math.max(1, last12.reduce((s, m) => s + m.dagen, 0))
    const meanDays = last12.reduce((s, m) => s + m.dagen, 0) / starts12
    const season = seasonalIndex(series.inflow)
    for (let s = referenceMonth + 1; s <= 12; s++) {
      // A start on the first of month s runs its mean length, or to year end.
      let days = meanDays
      for (let m = s; m <= 12 && days > 0; m++) {
        const inMonth = Math.min(days, daysInMonth(year, m))
        const cents = perMonth * season[s - 1]! * perDay * inMonth * u
        inflow += cents
        byMonth[m - 1]! += cents
        days -= inMonth
      }
    }
  }

  // Taakgericht lump sums continue at the last paid month's amount.
  let lumps = 0
  let lastPaid = -1
  for (let m = 0; m < 12; m++) if ((series.lumpSums[m] ?? 0) !== 0) lastPaid = m
  if (lastPaid >= 0 && referenceMonth < 12) {
    lumps = (11 - lastPaid) * series.lumpSums[lastPaid]!
    for (let m = lastPaid + 1; m < 12; m++) byMonth[m]! += series.lumpSums[lastPaid]!
  }

  const expectedOnCommitmentsCents = Math.round(onCommitments)
  const expectedInflowCents = Math.round(inflow)
  const expectedLumpSumsCents = Math.max(0, lumps)
  return {
    realisedCents: realised,
    expectedOnCommitmentsCents,
    expectedInflowCents,
    expectedLumpSumsCents,
    forecastCents: realised + expectedOnCommitmentsCents + expectedInflowCents + expectedLumpSumsCents,
    utilisation: u,
    byMonth,
  }
}

/** Which month of `year` the reference date is in: 0 before the year, 12 after it. */
export function referenceMonthOf(year: number, asOf: string): number {
  const y = Number(asOf.slice(0, 4))
  if (y < year) return 0
  if (y > year) return 12
  return Number(asOf.slice(5, 7))
}

/**
 * The share of a year's budget that is pro rata spent by `asOf`: whole months elapsed plus
 * the elapsed part of the current month, so that 30 June is exactly one half (seed 004 §5.6:
 * "binnen de eerste helft van het jaar al ruim over de benutting van het geschatte (half jaar)
 * budget").
 */
export function proRataShare(year: number, asOf: string): number {
  const m = referenceMonthOf(year, asOf)
  if (m === 0) return 0
  if (Number(asOf.slice(0, 4)) > year) return 1
  const day = Number(asOf.slice(8, 10))
  return (m - 1 + day / daysInMonth(year, m)) / 12
}
