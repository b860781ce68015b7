import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, addMonths, addYears, ageOn, isCalendarDate } from './dates.ts'
import { firstOverlap, overlaps } from './periods.ts'
import { indexTariff } from './money.ts'

describe('calendar dates', () => {
  it('knows real dates from impossible ones', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true)
    expect(isCalendarDate('2027-02-29')).toBe(false)
    expect(isCalendarDate('2027-06-31')).toBe(false)
    expect(isCalendarDate('2027-6-30')).toBe(false)
  })
  it('adds days, months and years on the calendar', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28')
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28')
  })
  it('computes an age that turns on the birthday', () => {
    expect(ageOn('2009-03-15', '2027-03-14')).toBe(17)
    expect(ageOn('2009-03-15', '2027-03-15')).toBe(18)
  })
})

describe('validity periods', () => {
  it('treats both ends as inclusive', () => {
    expect(overlaps({ from: '2027-01-01', to: '2027-12-31' }, { from: '2027-12-31', to: null })).toBe(true)
    expect(overlaps({ from: '2027-01-01', to: '2027-12-31' }, { from: '2028-01-01', to: null })).toBe(false)
  })
  /**
   * Mutation that fails it (tried): `a.to <= b.from` in `overlaps` (touching periods no longer
   * overlap, and the answer depends on the order).
   */
  it('is symmetric, and open-ended periods overlap everything after their start', () => {
    // Dates from a few weeks as often as from years, so that periods often touch or share their first or last day.
    const date = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2000 })).map((n) => addDays('2025-01-01', n))
    const period = fc.tuple(date, fc.option(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 400 })))).map(([from, len]) => ({ from, to: len === null ? null : addDays(from, len) }))
    fc.assert(
      fc.property(period, period, (a, b) => {
        expect(overlaps(a, b)).toBe(overlaps(b, a))
        const shareADay = [a.from, b.from].some((d) => d >= a.from && (a.to === null || d <= a.to) && d >= b.from && (b.to === null || d <= b.to))
        expect(overlaps(a, b)).toBe(shareADay)
      }),
    )
  })
  it('finds the overlapping pair in a list', () => {
    const list = [
      { from: '2027-01-01', to: '2027-12-31' },
      { from: '2028-01-01', to: '2028-12-31' },
      { from: '2028-06-01', to: null },
    ]
    expect(firstOverlap(list)).toEqual([list[1], list[2]])
    expect(firstOverlap(list.slice(0, 2))).toBeNull()
  })
})

describe('tariff indexation', () => {
  it('rounds to the cent every year', () => {
    expect(indexTariff(10_000, 300, 0)).toBe(10_000)
    expect(indexTariff(10_000, 300, 1)).toBe(10_300)
    expect(indexTariff(10_000, 300, 2)).toBe(10_609)
    expect(indexTariff(8_950, 275, 1)).toBe(9_196) // 9196.125 → 9196
  })
})
