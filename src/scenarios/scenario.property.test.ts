import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type KeySeries, forecastKey, referenceMonthOf } from '../budgets/forecast.rules.ts'
import { addDays, addMonths, monthStart } from '../shared/dates.ts'
import { type History, defaultFitFrom, fitModel } from './flow-model.rules.ts'
import { computeOutcome } from './scenario.rules.ts'

/**
 * Issue 22: "the baseline scenario without levers reproduces the forecast the budget pages show
 * for the current year". Reproduces means: for every gemeente, and for the scope as a whole, the
 * baseline's costs of the peildatum's year equal, to the cent, the sum of the forecasts
 * (`forecastKey`, the budget pages' rule, stored as budget_prognose) of the keys of the segment
 * in that gemeente — whatever the history the model was fitted on. It holds by construction (the
 * baseline's current year is the forecast); this test holds the construction to it.
 */
const months = Array.from({ length: 36 }, (_, i) => addMonths('2024-01-01', i))
const episodeArb = fc.record({ provider: fc.integer({ min: 1, max: 4 }), begin: fc.constantFrom(...months), days: fc.integer({ min: 1, max: 900 }), running: fc.boolean(), perspective: fc.constantFrom(null, 'ontwikkeling' as const, 'stabiliteit' as const), product: fc.integer({ min: 1, max: 3 }) })
const seriesArb: fc.Arbitrary<KeySeries> = fc.record({
  realised: fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 12, maxLength: 12 }),
  lumpSums: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 })), { minLength: 12, maxLength: 12 }),
  committed: fc.array(fc.integer({ min: 0, max: 6_000_000 }), { minLength: 12, maxLength: 12 }),
  previousRealised: fc.integer({ min: 0, max: 50_000_000 }),
  previousCommitted: fc.integer({ min: 0, max: 60_000_000 }),
  inflow: fc.array(fc.record({ calendarMonth: fc.integer({ min: 1, max: 12 }), nieuw: fc.integer({ min: 0, max: 40 }), verplichtingCents: fc.integer({ min: 0, max: 9_000_000 }), dagen: fc.integer({ min: 0, max: 9_000 }) }), { maxLength: 24 }),
})
const gemeenteArb = fc.record({ episodes: fc.array(episodeArb, { maxLength: 60 }), realised: fc.array(fc.integer({ min: 0, max: 3_000_000 }), { minLength: 36, maxLength: 36 }), keys: fc.array(seriesArb, { maxLength: 4 }), byProduct: fc.boolean() })

describe('the baseline scenario (property)', () => {
  it("reproduces, per gemeente and in total, the current year's forecast of the budget pages", () => {
    fc.assert(
      fc.property(fc.array(gemeenteArb, { minLength: 1, maxLength: 3 }), fc.constantFrom('2026-03-15', '2026-06-30', '2026-11-02', '2026-12-31'), fc.integer({ min: 1, max: 5 }), (gemeenten, peildatum, jaren) => {
        const year = Number(peildatum.slice(0, 4))
        const inputs = gemeenten.map((g, i) => {
          const history: History = {
            gemeenteId: i + 1,
            peildatum,
            episodes: g.episodes.filter((e) => e.begin <= peildatum).map((e) => {
              const eind = e.running ? null : addDays(e.begin, e.days)
              // With perspectives and products (stroommodel-2), or without (an observer-mode history, or one from before).
              return { providerId: e.provider, begin: e.begin, eind, ...(g.byProduct ? { perspective: e.perspective, trajecten: [{ productId: e.product, begin: e.begin, eind }] } : {}) }
            }),
            realised: new Map(months.map((m, k) => [m, g.realised[k]!])),
            // The month's realisation split over the products and a taakgericht part without one.
            ...(g.byProduct ? { realisedByProduct: months.flatMap((maand, k) => [1, 2, 3, null].map((productId, i) => ({ productId, maand, cents: i < 3 ? Math.floor(g.realised[k]! / 4) : g.realised[k]! - 3 * Math.floor(g.realised[k]! / 4) }))) } : {}),
            transitions: { ended: 0, scaledDown: 0, switched: 0, reentryKnown: 0, reentered: 0 },
          }
          const forecastCents = g.keys.reduce((s, k) => s + forecastKey(k, year, referenceMonthOf(year, peildatum)).forecastCents, 0)
          return { model: fitModel(history, defaultFitFrom(peildatum)), forecastCents, budgetCents: [] }
        })
        const baseline = computeOutcome(inputs, { startdatum: monthStart(addMonths(peildatum, 1)), jaren, hefbomen: [] })
        expect(baseline.jaren[0]!.jaar).toBe(year)
        expect(baseline.jaren[0]!.kostenCents).toBe(inputs.reduce((s, g) => s + g.forecastCents, 0))
        baseline.perGemeente.forEach((g, i) => expect(g.jaren[0]!.kostenCents).toBe(inputs[i]!.forecastCents))
        expect(baseline.jaren).toHaveLength(jaren)
        for (const r of baseline.jaren) for (const v of Object.values(r)) if (v !== null) expect(Number.isFinite(v), JSON.stringify(r)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})
