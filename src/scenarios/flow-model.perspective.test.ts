import { describe, expect, it } from 'vitest'
import { addMonths, monthEnd } from '../shared/dates.ts'
import { type History, type HistoryEpisode, type Perspective, MIN_PERSPECTIVE_EPISODES, fitModel, monthNo, project } from './flow-model.rules.ts'
import { leverSchema, flowChanges } from './levers.rules.ts'
import { explainModel, medianMonths } from './model-uitleg.rules.ts'

/**
 * A hand-made history with perspectives and products (issue 22 §2: durations per perspective,
 * cost per traject-month by product). From June 2024 to June 2026, every month on the 1st:
 * - 2 clients begin an ontwikkeling traject of product 11 (€100 a traject-month) of 4 months;
 * - 2 clients begin a stabiliteit traject of product 22 (€50 a traject-month) of 6 months.
 * In the steady state 8 ontwikkeling and 12 stabiliteit clients are in care: 20 client-months,
 * 8 × €100 + 12 × €50 = €1,400 a month, €70 a client-month; 4 begin and 4 end a month.
 */
const PEILDATUM = '2026-06-30'
const FIT_FROM = '2024-06-01'
const PRICE: Record<number, number> = { 11: 10_000, 22: 5_000 }

function historyOf(groups: { perspective: Perspective | null; productId: number; months: number; perMonth: number; from?: string }[]): History {
  const episodes: HistoryEpisode[] = []
  for (const g of groups) {
    for (let m = 0; m <= 24; m++) {
      const begin = addMonths(FIT_FROM, m)
      if (g.from !== undefined && begin < g.from) continue
      const eindDay = monthEnd(addMonths(begin, g.months - 1))
      const eind = eindDay > PEILDATUM ? null : eindDay
      for (let c = 0; c < g.perMonth; c++) episodes.push({ providerId: 1, begin, eind, perspective: g.perspective, trajecten: [{ productId: g.productId, begin, eind }] })
    }
  }
  // What was realised: each traject's product price for each month it was in care.
  const byProduct = new Map<string, number>()
  for (const e of episodes) {
    for (const t of e.trajecten!) {
      const last = t.eind === null ? monthNo(PEILDATUM) : monthNo(t.eind)
      for (let m = monthNo(t.begin); m <= last; m++) {
        const key = `${t.productId}|${m}`
        byProduct.set(key, (byProduct.get(key) ?? 0) + PRICE[t.productId]!)
      }
    }
  }
  const realisedByProduct = [...byProduct].map(([key, cents]) => {
    const [productId, m] = key.split('|').map(Number)
    return { productId: productId!, maand: `${Math.floor(m! / 12)}-${String((m! % 12) + 1).padStart(2, '0')}-01`, cents }
  })
  const realised = new Map<string, number>()
  for (const r of realisedByProduct) realised.set(r.maand, (realised.get(r.maand) ?? 0) + r.cents)
  return { gemeenteId: 3, peildatum: PEILDATUM, episodes, realised, realisedByProduct, transitions: { ended: 0, scaledDown: 0, switched: 0, reentryKnown: 0, reentered: 0 } }
}

const both = historyOf([
  { perspective: 'ontwikkeling', productId: 11, months: 4, perMonth: 2 },
  { perspective: 'stabiliteit', productId: 22, months: 6, perMonth: 2 },
])
const model = fitModel(both, FIT_FROM)
const curve = (m: typeof model, p: string) => m.perspectives.find((c) => c.perspective === p)!

describe('durations per perspective (hand-made history)', () => {
  it('fits a curve of its own for each perspective with enough episodes, and each one its share of the inflow and its stock', () => {
    expect(model.perspectives.map((c) => c.perspective)).toEqual(['ontwikkeling', 'stabiliteit'])
    expect(curve(model, 'ontwikkeling')).toMatchObject({ ownCurve: true, hazard: [0, 0, 0, 1], inflowShare: 0.5, stock: [2, 2, 2] })
    expect(curve(model, 'stabiliteit')).toMatchObject({ ownCurve: true, hazard: [0, 0, 0, 0, 0, 1], inflowShare: 0.5, stock: [2, 2, 2, 2, 2] })
    expect(curve(model, 'ontwikkeling').episodes).toBeGreaterThanOrEqual(MIN_PERSPECTIVE_EPISODES)
    // The segment's one curve mixes them: in month 4, of 4 at risk, 2 end.
    expect(model.hazard[3]).toBe(0.5)
  })

  it('projects each perspective with its own curve: 8 + 12 in care, 4 in and out a month', () => {
    for (const m of project(model, 2027).filter((f) => !f.observed)) expect(m).toMatchObject({ inflow: 4, outflow: 4, clientMonths: 20, stockEnd: 16, costCents: 140_000 })
  })

  it('falls back to the segment curve for a perspective with too few episodes, and for episodes whose perspective is not known', () => {
    const few = fitModel(
      historyOf([
        { perspective: 'ontwikkeling', productId: 11, months: 4, perMonth: 2 },
        { perspective: 'stabiliteit', productId: 22, months: 6, perMonth: 1, from: '2025-06-01' },
        { perspective: null, productId: 11, months: 2, perMonth: 1 },
      ]),
      FIT_FROM,
    )
    expect(curve(few, 'stabiliteit').episodes).toBeLessThan(MIN_PERSPECTIVE_EPISODES)
    expect(curve(few, 'stabiliteit')).toMatchObject({ ownCurve: false, hazard: few.hazard, tailHazard: few.tailHazard })
    expect(curve(few, 'onbekend')).toMatchObject({ ownCurve: false, hazard: few.hazard })
    expect(curve(few, 'ontwikkeling')).toMatchObject({ ownCurve: true, hazard: [0, 0, 0, 1] })
  })

  it('a maximum of 2 months ends the ontwikkeling trajecten only: 6 leave in January, then 2 a month; stabiliteit goes on', () => {
    const start = monthNo('2027-01-01')
    const year = (changes = flowChanges([], start)) => project(model, 2027, changes).filter((f) => f.month >= start)
    const cut = year(flowChanges([leverSchema.parse({ soort: 'maximale_duur', maanden: 2 })], start))
    // Ontwikkeling: January 8 client-months (2 in each of months 1–4), then 4 (months 1 and 2); stabiliteit 12 throughout.
    expect(cut.map((f) => f.clientMonths)).toEqual([20, ...new Array(11).fill(16)])
    expect(cut.reduce((s, f) => s + f.outflow, 0)).toBe(6 + 2 * 11 + 2 * 12)
    // Costs by product: ontwikkeling 52 client-months × €100, stabiliteit 144 × €50 — not 196 × the mean €70.
    expect(cut.reduce((s, f) => s + f.costCents, 0)).toBe(52 * 10_000 + 144 * 5_000)
    expect(year().reduce((s, f) => s + f.costCents, 0)).toBe(12 * 140_000)
  })
})

describe('cost per traject-month by product (hand-made history)', () => {
  it('divides each product’s realisation by its traject-months, and weights each perspective by its product mix', () => {
    expect(model.products).toEqual([
      { productId: 11, trajectMonths: 96, realisedCents: 960_000, costPerTrajectMonthCents: 10_000 },
      { productId: 22, trajectMonths: 144, realisedCents: 720_000, costPerTrajectMonthCents: 5_000 },
    ])
    expect(model.costPerClientMonthCents).toBe(7_000)
    expect(model.otherPerClientMonthCents).toBe(0)
    expect(curve(model, 'ontwikkeling')).toMatchObject({ productMix: [{ productId: 11, perClientMonth: 1 }], costPerClientMonthCents: 10_000 })
    expect(curve(model, 'stabiliteit')).toMatchObject({ productMix: [{ productId: 22, perClientMonth: 1 }], costPerClientMonthCents: 5_000 })
  })

  it('carries what no product’s traject-months carry (a taakgericht payment) per client-month, so the months add up to the realisation', () => {
    const h = historyOf([
      { perspective: 'ontwikkeling', productId: 11, months: 4, perMonth: 2 },
      { perspective: 'stabiliteit', productId: 22, months: 6, perMonth: 2 },
    ])
    // €200 a month paid taakgericht, without a product.
    const extra = Array.from({ length: 25 }, (_, m) => ({ productId: null, maand: addMonths(FIT_FROM, m), cents: 20_000 }))
    const withLumpSum = fitModel({ ...h, realisedByProduct: [...h.realisedByProduct!, ...extra], realised: new Map([...h.realised].map(([k, v]) => [k, v + 20_000])) }, FIT_FROM)
    expect(withLumpSum.otherPerClientMonthCents).toBe(1_000)
    expect(curve(withLumpSum, 'stabiliteit').costPerClientMonthCents).toBe(6_000)
    for (const m of project(withLumpSum, 2027).filter((f) => !f.observed)) expect(m.costCents).toBe(160_000)
  })

  it('without products (no realisation by product) keeps one cost per client-month', () => {
    const m = fitModel({ ...both, realisedByProduct: undefined }, FIT_FROM)
    expect(m.products).toEqual([])
    expect(m.perspectives.map((c) => c.costPerClientMonthCents)).toEqual([7_000, 7_000])
  })
})

describe("the model's explanation", () => {
  it('gives the median duration per perspective, the inflow shares and the cost per traject-month of each product with its name and variant', () => {
    const uitleg = explainModel([model], [
      { productId: 11, naam: 'Ambulant', code: '45A01', variant: 'inspanningsgericht' },
      { productId: 22, naam: 'Begeleiding', code: '45A02', variant: 'outputgericht' },
    ])
    expect(uitleg.perspectieven).toEqual([
      { perspectief: 'ontwikkeling', trajecten: curve(model, 'ontwikkeling').episodes, gemeentenEigenCurve: 1, gemeenten: 1, mediaanMaanden: 4, aandeelInstroomPct: 50 },
      { perspectief: 'stabiliteit', trajecten: curve(model, 'stabiliteit').episodes, gemeentenEigenCurve: 1, gemeenten: 1, mediaanMaanden: 6, aandeelInstroomPct: 50 },
    ])
    expect(uitleg.producten).toEqual([
      { productId: 11, naam: 'Ambulant', code: '45A01', variant: 'inspanningsgericht', trajectmaanden: 96, kostenPerTrajectmaandCents: 10_000, aandeelPct: 40 },
      { productId: 22, naam: 'Begeleiding', code: '45A02', variant: 'outputgericht', trajectmaanden: 144, kostenPerTrajectmaandCents: 5_000, aandeelPct: 60 },
    ])
    expect(uitleg).toMatchObject({ kostenPerClientmaandCents: 7_000, overigPerClientmaandCents: 0 })
  })

  it('does not show a product resting on 1–4 traject-months, and finds no median above one half', () => {
    const tiny = { ...model, products: [{ productId: 11, trajectMonths: 3, realisedCents: 30_000, costPerTrajectMonthCents: 10_000 }] }
    expect(explainModel([tiny], [])).toMatchObject({ producten: [{ productId: 11, trajectmaanden: null, kostenPerTrajectmaandCents: null, aandeelPct: null }] })
    expect(medianMonths([10, 10, 10], [1, 1, 1])).toBeNull()
    expect(medianMonths([10, 8, 4], [2, 4, 4])).toBe(2)
  })
})

describe('a segment paid per period without trajecten (taakgericht)', () => {
  it('keeps its mean monthly realisation of the last 12 complete months', () => {
    const realised = new Map(Array.from({ length: 25 }, (_, m) => [addMonths(FIT_FROM, m), m < 13 ? 100_000 : 300_000] as const))
    const m = fitModel({ gemeenteId: 1, peildatum: PEILDATUM, episodes: [], realised, transitions: { ended: 0, scaledDown: 0, switched: 0, reentryKnown: 0, reentered: 0 } }, FIT_FROM)
    // June 2025 – May 2026: 0 × €1,000 + 11 × €3,000 (June 2025 is month 12 of the history, still €1,000).
    expect(m.fixedPerMonthCents).toBe((100_000 + 11 * 300_000) / 12)
    for (const f of project(m, 2027).filter((x) => !x.observed)) expect(f).toMatchObject({ clientMonths: 0, costCents: m.fixedPerMonthCents })
    expect(model.fixedPerMonthCents).toBe(0)
  })
})

describe('facts that begin after fitFrom', () => {
  it('fit the inflow from the first month with care: the months before the facts are not months without inflow', () => {
    const late = fitModel(historyOf([{ perspective: 'ontwikkeling', productId: 11, months: 4, perMonth: 2, from: '2025-06-01' }, { perspective: 'stabiliteit', productId: 22, months: 6, perMonth: 2, from: '2025-06-01' }]), FIT_FROM)
    expect(late).toMatchObject({ inflowLevel: 4, inflowSlope: 0, fittedMonths: 12 })
    expect(late.season).toEqual(new Array(12).fill(1))
  })
})
