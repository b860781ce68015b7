import { protocol } from '@electric-sql/pglite'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ProtocolWriter } from './pglite-protocol.ts'

/** The same bytes (a quick comparison; the element-wise one only to show where they differ). */
const expectSame = (actual: Uint8Array, expected: Uint8Array): void => {
  if (!Buffer.from(actual.buffer, actual.byteOffset, actual.length).equals(expected)) expect(actual).toEqual(expected)
}

// Names as Koers makes them, and texts and values with every kind of well-formed character
// (multi-byte and astral included; fast-check's strings have no lone surrogates).
const name = fc.nat({ max: 1_000_000 }).map((n) => `koers_${n}`)
const text = fc.string({ unit: 'binary', maxLength: 300 })
const long = fc.string({ unit: 'binary', minLength: 5000, maxLength: 9000 })
const value = fc.option(fc.oneof({ arbitrary: text, weight: 5 }, { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 5 }, { arbitrary: long, weight: 1 }), { nil: null })

/** The messages of pglite-statements.ts, byte for byte as PGlite's own serialisers write them. */
describe('the protocol writer', () => {
  it('writes what PGlite writes: closes, parse and describe, bind and execute, sync', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 3 }), name, text, fc.array(value, { maxLength: 30 }), fc.integer({ min: 1, max: 64 }), (closes, statement, sql, values, size) => {
        // A small first buffer, so that the writes grow it at every kind of boundary.
        const writer = new ProtocolWriter(size)
        for (const c of closes) writer.closeStatement(c)
        writer.parse(statement, sql).describeStatement(statement).bind(statement, values).execute().sync()
        const expected = Buffer.concat([
          ...closes.map((c) => protocol.serialize.close({ type: 'S', name: c })),
          protocol.serialize.parse({ name: statement, text: sql }),
          protocol.serialize.describe({ type: 'S', name: statement }),
          protocol.serialize.bind({ statement, values }),
          protocol.serialize.execute({}),
          protocol.serialize.sync(),
        ])
        expectSame(writer.bytes(), expected)
      }),
      { numRuns: 300 },
    )
  })

  it('starts each exchange afresh, grows for a large one and lets a very large buffer go', () => {
    const writer = new ProtocolWriter()
    const large = 'x'.repeat(100_000)
    writer.reset().bind('koers_1', [large, null, 'ü']).sync()
    expectSame(writer.bytes(), Buffer.concat([protocol.serialize.bind({ statement: 'koers_1', values: [large, null, 'ü'] }), protocol.serialize.sync()]))
    writer.reset().sync()
    expectSame(writer.bytes(), protocol.serialize.sync())
    // A value of 3 MB: the buffer grows to hold it, and is back to its first size after the next reset.
    writer.reset().bind('koers_2', ['é'.repeat(1_500_000)])
    expect(writer.bytes().length).toBeGreaterThan(3_000_000)
    const first = writer.reset().sync().bytes()
    expect(first.buffer.byteLength).toBe(1 << 12)
    expectSame(first, protocol.serialize.sync())
  })

  it('writes a lone surrogate as U+FFFD, with the length of the bytes written', () => {
    const bytes = new ProtocolWriter().bind('koers_3', ['a\ud800b']).bytes()
    // Bind: 'B', length, portal '', statement 'koers_3', 1 format (text), 1 value: its length, then its bytes, then 0 result formats.
    const valueAt = 1 + 4 + 1 + 8 + 2 + 2 + 2
    expect(new DataView(bytes.buffer, bytes.byteOffset).getInt32(valueAt)).toBe(5)
    expect([...bytes.subarray(valueAt + 4, valueAt + 9)]).toEqual([0x61, 0xef, 0xbf, 0xbd, 0x62])
  })

  it('refuses more parameters than the protocol can count', () => {
    expect(() => new ProtocolWriter().bind('koers_4', Array.from({ length: 65_536 }, () => null))).toThrow(RangeError)
  })
})
