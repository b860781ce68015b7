/**
 * CopyText writes the bytes that the values' `copyValue`s joined by tabs and newlines make,
 * for every kind of value a COPY row holds: integers at and beyond the safe range, fractions,
 * NaN, strings with the characters COPY escapes and outside ASCII, null, booleans, arrays.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CopyText, copyValue } from './copy.ts'

type Value = string | number | boolean | null | undefined | string[]

const value: fc.Arbitrary<Value> = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.constantFrom(0, -0, 9, 10, 99, 100, 2 ** 24 * 2387 + 16_777_215, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, 0.5, -1.25, Number.NaN),
  fc.double(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom('a', '\t', '\n', '\r', '\\', 'é', '"', '{', ',') }),
  fc.constantFrom(null, undefined, true, false),
  fc.array(fc.string({ unit: fc.constantFrom('a', '"', '\\', ',', '\t') }), { maxLength: 3 }),
)

describe('CopyText', () => {
  it('writes the same bytes as copyValue, row by row', () => {
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 1, maxLength: 8 }), { maxLength: 20 }), (rows) => {
        const out = new CopyText(16)
        for (const row of rows) {
          row.forEach((v, i) => {
            if (i > 0) out.tab()
            out.value(v)
          })
          out.newline()
        }
        const expected = rows.map((row) => row.map((v) => copyValue(v)).join('\t') + '\n').join('')
        expect(Buffer.from(out.bytes()).toString('utf8')).toBe(expected)
        expect(out.length).toBe(Buffer.byteLength(expected))
      }),
      { numRuns: 300 },
    )
  })

  it('writes numbers as String does, and raw text as it is', () => {
    const out = new CopyText(1)
    for (const n of [0, -0, 7, -7, 1234567890123, -Number.MAX_SAFE_INTEGER, 2 ** 53, 1.5, Number.NaN]) out.number(n).tab()
    out.raw('2026-04-01').newline()
    expect(Buffer.from(out.bytes()).toString('utf8')).toBe('0\t0\t7\t-7\t1234567890123\t-9007199254740991\t9007199254740992\t1.5\tNaN\t2026-04-01\n')
  })
})
