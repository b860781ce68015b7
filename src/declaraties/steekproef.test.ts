import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { monetaryUnitSample } from './steekproef.ts'

describe('monetary-unit sampling', () => {
  it('draws the same lines from the same seed and population, others from another seed', () => {
    const populatie = Array.from({ length: 500 }, (_, i) => ({ id: i + 1, bedragCents: 1000 + ((i * 7919) % 50_000) }))
    const a = monetaryUnitSample(populatie, 25, 'controle-2026')
    expect(monetaryUnitSample([...populatie].reverse(), 25, 'controle-2026')).toEqual(a)
    expect(monetaryUnitSample(populatie, 25, 'andere-seed').getrokken).not.toEqual(a.getrokken)
    expect(a.getrokken.length).toBeGreaterThan(15)
  })

  /**
   * Mutation that fails it (tried): the interval rounded down (`Math.floor(total / omvang)`), so
   * the last draw can fall short of a large last line.
   */
  it('always draws a line larger than the interval, and never more lines than draws', () => {
    // Small populations of small amounts as often as large ones: then a line of at least the interval often comes last.
    const population = fc.oneof(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }), fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 200 }))
    fc.assert(
      fc.property(population, fc.integer({ min: 1, max: 50 }), fc.string(), (amounts, omvang, seed) => {
        const populatie = amounts.map((bedragCents, i) => ({ id: i + 1, bedragCents }))
        const r = monetaryUnitSample(populatie, omvang, seed)
        const drawn = new Set(r.getrokken.map((g) => g.id))
        expect(r.getrokken.length).toBeLessThanOrEqual(omvang)
        for (const p of populatie) if (p.bedragCents >= r.intervalCents) expect(drawn.has(p.id)).toBe(true)
        expect(r.populatieCents).toBe(amounts.reduce((a, b) => a + b, 0))
      }),
    )
  })
})
