import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidBsn, maskBsn } from './bsn.ts'
import { demoBsn, seededRandom } from '../demo/random.ts'

describe('BSN elfproef', () => {
  it('accepts a number that passes the elfproef', () => {
    // 9·1 + 8·1 + 7·1 + 6·1 + 5·1 + 4·1 + 3·1 + 2·1 − 1·0 = 44 ≡ 0 (mod 11)
    expect(isValidBsn('111111110')).toBe(true)
    expect(isValidBsn('999999990')).toBe(true)
  })
  it('rejects a number with one digit changed', () => {
    expect(isValidBsn('111111111')).toBe(false)
    expect(isValidBsn('111111120')).toBe(false)
  })
  it('rejects wrong lengths, letters and all zeros', () => {
    for (const bad of ['11111111', '1111111100', '11111111a', '000000000', '']) expect(isValidBsn(bad)).toBe(false)
  })
  /**
   * Mutation that fails it (tried): `sum += Number(bsn[8])` in `isValidBsn` (the last digit's
   * weight +1 instead of −1).
   */
  it('accepts every BSN the demo generator makes, and catches any single-digit error in them', () => {
    const random = seededRandom(1)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
        const bsn = demoBsn(random)
        expect(isValidBsn(bsn)).toBe(true)
        const digits = bsn.split('').map(Number)
        digits[position] = (digits[position]! + delta) % 10
        expect(isValidBsn(digits.join(''))).toBe(false)
      }),
    )
  })
  it('masks all but the last three digits', () => {
    expect(maskBsn('111111123')).toBe('******123')
  })
})
