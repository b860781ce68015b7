import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../shared/dates.ts'
import { openCents, spreadCents } from './commitment.rules.ts'

describe('spreadCents', () => {
  it('divides by calendar days', () => {
    expect(spreadCents(36500, '2026-07-01', '2027-06-30', '2026-01-01', '2026-12-31')).toBe(18400)
    expect(spreadCents(36500, '2026-07-01', '2027-06-30', '2027-01-01', '2027-12-31')).toBe(18100)
    expect(spreadCents(100, '2026-07-01', '2026-07-31', '2025-01-01', '2025-12-31')).toBe(0)
  })
  /**
   * Mutation that fails it (tried): each month's share rounded on its own
   * (`Math.round(totalCents * (upToEnd - beforeStart) / days)`) instead of the difference of two
   * cumulative floors.
   */
  it('gives every cent to exactly one month, whatever the period', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000_00 }), fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 800 }), (total, offset, length) => {
        const from = addDays('2026-01-01', offset)
        const to = addDays(from, length)
        let sum = 0
        for (let y = 2026; y <= 2030; y++) for (let m = 1; m <= 12; m++) {
          const start = `${y}-${String(m).padStart(2, '0')}-01`
          const end = addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1)
          const part = spreadCents(total, from, to, start, end)
          expect(part).toBeGreaterThanOrEqual(0)
          sum += part
        }
        expect(sum).toBe(total)
      }),
    )
  })
})

describe('openCents', () => {
  it('is what is left of the verplichting, never negative', () => {
    expect(openCents(10_000, 2_500)).toBe(7_500)
    expect(openCents(10_000, 12_000)).toBe(0)
    expect(openCents(10_000, -500)).toBe(10_500)
  })
})
