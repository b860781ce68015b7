import { describe, expect, it } from 'vitest'
import { budgetSignals } from './signal.rules.ts'

const names = { gemeente: () => 'Zeist', provider: () => 'Aanbieder A', segment: () => 'Ambulant' }
const provider = (realisedCents: number) => ({ gemeenteId: 1, providerId: 7, segmentId: 3, budgetCents: 100_000_00, realisedCents, openCents: 0, forecastCents: 0 })
const run = (over: Partial<Parameters<typeof budgetSignals>[0]>) =>
  budgetSignals({ year: 2026, asOf: '2026-06-30', settings: { margePct: 0 }, providerBudgets: [], gemeenteBudgets: [], segments: [], ...over }, names)

describe('budgetSignals', () => {
  it('raises voor_op_budget for more than half of the annual budget declared by 30 June (seed 004 §5.6)', () => {
    expect(run({ providerBudgets: [provider(50_000_00)] })).toEqual([])
    const [s] = run({ providerBudgets: [provider(50_000_01)] })
    expect(s).toMatchObject({ soort: 'voor_op_budget', gemeenteId: 1, providerId: 7, segmentId: 3, bewijs: { proRataCents: 50_000_00, drempelCents: 50_000_00 } })
    expect(s!.titel).toContain('50\u00a0%')
  })
  it('allows the configured margin above pro rata', () => {
    expect(run({ settings: { margePct: 10 }, providerBudgets: [provider(55_000_00)] })).toEqual([])
    expect(run({ settings: { margePct: 10 }, providerBudgets: [provider(55_000_01)] })).toHaveLength(1)
  })
  it('is pro rata through the year and silent before it', () => {
    expect(run({ asOf: '2026-03-31', providerBudgets: [provider(25_000_01)] })).toHaveLength(1)
    expect(run({ asOf: '2025-12-31', providerBudgets: [provider(1)] })).toEqual([])
  })
  it('raises prognose_boven_budget per gemeente and for the region, and plafond_bereikt when realised and committed reach the ceiling', () => {
    const signals = run({
      gemeenteBudgets: [{ gemeenteId: 1, segmentId: 3, budgetCents: 1_000, realisedCents: 400, openCents: 300, forecastCents: 1_001 }, { gemeenteId: 2, segmentId: 3, budgetCents: 1_000, realisedCents: 400, openCents: 300, forecastCents: 1_000 }],
      segments: [{ segmentId: 3, ceilingCents: 1_400, budgetCents: 2_000, realisedCents: 800, openCents: 600, forecastCents: 2_001 }, { segmentId: 4, ceilingCents: 1_401, budgetCents: 0, realisedCents: 800, openCents: 600, forecastCents: 5 }],
    })
    expect(signals.map((s) => [s.soort, s.gemeenteId, s.segmentId])).toEqual([
      ['prognose_boven_budget', 1, 3],
      ['prognose_boven_budget', null, 3],
      ['plafond_bereikt', null, 3],
    ])
  })
})
