import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { proposeProviderBudgets } from './budget-proposal.rules.ts'

describe('proposeProviderBudgets', () => {
  it("gives each provider its share of last year's realisation of this year's gemeente budget", () => {
    const p = proposeProviderBudgets([{ providerId: 1, lastYearCents: 300_00 }, { providerId: 2, lastYearCents: 100_00 }], 1_000_00)
    expect(p.map((x) => x.proposalCents)).toEqual([750_00, 250_00])
  })
  it('is last year itself without a gemeente budget, and negative history counts as nothing', () => {
    expect(proposeProviderBudgets([{ providerId: 1, lastYearCents: 123 }, { providerId: 2, lastYearCents: -5 }], null).map((x) => x.proposalCents)).toEqual([123, 0])
  })
  /**
   * Mutation that fails it (tried): `let rest = 0` in `divideCents` (the cents left by rounding
   * down are not handed out).
   */
  it('adds up to the gemeente budget to the cent', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000_00 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 50_000_000_00 }), (history, budget) => {
        const p = proposeProviderBudgets(history.map((c, i) => ({ providerId: i, lastYearCents: c })), budget)
        const total = history.reduce((s, c) => s + c, 0)
        expect(p.reduce((s, x) => s + x.proposalCents, 0)).toBe(total === 0 ? 0 : budget)
        for (const x of p) expect(x.proposalCents).toBeGreaterThanOrEqual(0)
      }),
    )
  })
})
