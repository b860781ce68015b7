import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../shared/dates.ts'
import { countFrequencyWindows, frequencyWindows } from './verplichting.ts'

describe('frequency windows', () => {
  /**
   * Mutation that fails it (tried): drop the `+ 1` of the per-month count in `countFrequencyWindows`.
   */
  it('counts what it lists, for every frequentie and period', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 400 }), fc.constantFrom('1', '2', '4', '6'), (start, length, frequentie) => {
        const from = addDays('2024-01-01', start)
        const to = addDays(from, length)
        expect(countFrequencyWindows(from, to, frequentie)).toBe(frequencyWindows(from, to, frequentie).length)
      }),
    )
  })

  it('counts weeks from Monday: Tuesday 1 to Sunday 13 December 2026 touches two', () => {
    expect(countFrequencyWindows('2026-12-01', '2026-12-13', '2')).toBe(2)
    expect(countFrequencyWindows('2026-12-01', '2026-12-14', '2')).toBe(3)
    expect(countFrequencyWindows('2026-12-01', '2026-11-30', '4')).toBe(0)
  })
})
