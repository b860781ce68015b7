import { describe, expect, it } from 'vitest'
import { type InflowMonth, forecastKey, proRataShare, referenceMonthOf, seasonalIndex, utilisation } from './forecast.rules.ts'

const months = <T = number>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i))
/** 24 history months ending in May 2026: July 2024 … June 2026 minus one. */
const steadyInflow: InflowMonth[] = months(24, (i) => ({ calendarMonth: ((i + 5) % 12) + 1, nieuw: 2, verplichtingCents: 6_000, dagen: 180 }))

describe('forecastKey', () => {
  it('adds the realised, the expected rest of the commitments and the expected inflow (hand-computed)', () => {
    const f = forecastKey(
      { realised: months(12, (i) => (i < 5 ? 800 : 0)), lumpSums: months(12, () => 0), committed: months(12, () => 1_000), previousRealised: 8_000, previousCommitted: 10_000, inflow: steadyInflow },
      2026,
      6,
    )
    // u = 8,000 / 10,000 = 0.8. January–May realised 800 = 0.8 × 1,000: nothing more expected; June–December 7 × 800.
    expect(f.utilisation).toBe(0.8)
    expect(f.expectedOnCommitmentsCents).toBe(5_600)
    // 2 starts a month, each 6,000 / 180 days × 90 days (to year end at most): July–October 90 days,
    // November 61, December 31 = 452 days × 2 × 33.33 × 0.8 = 24,106.67.
    expect(f.expectedInflowCents).toBe(24_107)
    expect(f.realisedCents).toBe(4_000)
    expect(f.forecastCents).toBe(4_000 + 5_600 + 24_107)
  })
  it('expects the maximum without history, and nothing more for a month two months past', () => {
    const f = forecastKey({ realised: months(12, () => 500), lumpSums: months(12, () => 0), committed: months(12, () => 1_000), previousRealised: 0, previousCommitted: 0, inflow: steadyInflow }, 2026, 6)
    expect(f.utilisation).toBe(1)
    // January–March are closed; April–December still expect 500 each.
    expect(f.expectedOnCommitmentsCents).toBe(9 * 500)
  })
  it('expects no inflow once the year is over, and late declarations for its last two months only', () => {
    const f = forecastKey({ realised: months(12, () => 500), lumpSums: months(12, () => 0), committed: months(12, () => 1_000), previousRealised: 0, previousCommitted: 0, inflow: steadyInflow }, 2026, 12)
    expect(f.expectedOnCommitmentsCents).toBe(3 * 500)
    expect(f.expectedInflowCents).toBe(0)
  })
  it('does not expect less than was realised in a month', () => {
    const f = forecastKey({ realised: months(12, () => 1_500), lumpSums: months(12, () => 0), committed: months(12, () => 1_000), previousRealised: 1, previousCommitted: 2, inflow: [] }, 2026, 12)
    expect(f.expectedOnCommitmentsCents).toBe(0)
    expect(f.forecastCents).toBe(18_000)
  })
  it('continues taakgericht lump sums at the last paid amount to December', () => {
    const f = forecastKey({ realised: months(12, () => 0), lumpSums: months(12, (i) => (i < 4 ? 1_000 : 0)), committed: months(12, () => 0), previousRealised: 0, previousCommitted: 0, inflow: [] }, 2026, 6)
    expect(f.realisedCents).toBe(4_000)
    expect(f.expectedLumpSumsCents).toBe(8 * 1_000)
  })
  it('weighs inflow by season', () => {
    // Starts only in January (12 in each of two Januaries): January's index is 12, the rest 0.
    const january: InflowMonth[] = months(24, (i) => ({ calendarMonth: (i % 12) + 1, nieuw: i % 12 === 0 ? 12 : 0, verplichtingCents: i % 12 === 0 ? 12 * 3_000 : 0, dagen: i % 12 === 0 ? 12 * 100 : 0 }))
    const index = seasonalIndex(january)
    expect(index[0]).toBe(12)
    expect(index.slice(1).every((x) => x === 0)).toBe(true)
    const before = forecastKey({ realised: months(12, () => 0), lumpSums: months(12, () => 0), committed: months(12, () => 0), previousRealised: 0, previousCommitted: 0, inflow: january }, 2027, 0)
    // January: 1 a month × 12 × 30 per day × 100 days.
    expect(before.expectedInflowCents).toBe(36_000)
    const after = forecastKey({ realised: months(12, () => 0), lumpSums: months(12, () => 0), committed: months(12, () => 0), previousRealised: 0, previousCommitted: 0, inflow: january }, 2027, 1)
    expect(after.expectedInflowCents).toBe(0)
  })
})

describe('utilisation, reference month and pro rata', () => {
  it('caps utilisation at 1', () => {
    expect(utilisation(12, 10)).toBe(1)
    expect(utilisation(5, 10)).toBe(0.5)
  })
  it('puts 30 June at exactly half the year', () => {
    expect(proRataShare(2026, '2026-06-30')).toBe(0.5)
    expect(proRataShare(2026, '2025-12-31')).toBe(0)
    expect(proRataShare(2026, '2027-01-01')).toBe(1)
    expect(referenceMonthOf(2026, '2026-11-27')).toBe(11)
  })
})
