import { protocol } from '@electric-sql/pglite'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ProtocolWriter } from './pglite-protocol.ts'

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

// Names as Koers makes them, and texts and values with every kind of character (multi-byte and astral included).
const name = fc.nat({ max: 1_000_000 }).map((n) => `koers_${n}`)
const text = fc.string({ unit: 'binary', maxLength: 300 })
const long = fc.string({ unit: 'binary', minLength: 5000, maxLength: 9000 })
const value = fc.option(fc.oneof({ arbitrary: text, weight: 5 }, { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 5 }, { arbitrary: long, weight: 1 }), { nil: null })

/** The same bytes (a quick comparison; the element-wise one only to show where they differ). */
const expectSame = (actual: Uint8Array, expected: Uint8Array): void => {
  if (!Buffer.from(actual.buffer, actual.byteOffset, actual.length).equals(expected)) expect(actual).toEqual(expected)
}

/** The messages of pglite-statements.ts, byte for byte as PGlite's own serialisers write them. */
describe('the protocol writer', () => {
  it('writes what PGlite writes: closes, parse and describe, bind and execute, sync', () => {
    const writer = new ProtocolWriter()
    fc.assert(
      fc.property(fc.array(name, { maxLength: 3 }), name, text, fc.array(value, { maxLength: 30 }), (closes, statement, sql, values) => {
        writer.reset()
        for (const c of closes) writer.closeStatement(c)
        writer.parse(statement, sql).describeStatement(statement).bind(statement, values).execute().sync()
        const expected = concat([
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

  it('starts each exchange afresh and grows for a large one', () => {
    const writer = new ProtocolWriter()
    const large = 'x'.repeat(100_000)
    writer.reset().bind('koers_1', [large, null, 'ü']).sync()
    expect(writer.bytes()).toEqual(concat([protocol.serialize.bind({ statement: 'koers_1', values: [large, null, 'ü'] }), protocol.serialize.sync()]))
    writer.reset().sync()
    expect(writer.bytes()).toEqual(protocol.serialize.sync())
  })
})
