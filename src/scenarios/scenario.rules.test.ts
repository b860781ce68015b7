import { describe, expect, it } from 'vitest'
import { addDays, addMonths, monthEnd } from '../shared/dates.ts'
import { type History, type HistoryEpisode, fitModel, linearTrend, project } from './flow-model.rules.ts'
import { type LeverInput, leverSchema } from './levers.rules.ts'
import { type GemeenteInput, computeOutcome } from './scenario.rules.ts'

/**
 * A hand-made history: from June 2024 to June 2026, 10 clients begin care on the 1st of every
 * month (5 with provider 1, 5 with provider 2) and each stays exactly three months. Every month
 * after the first two, 30 clients are in care, and 30 × €10 = €300 is realised.
 * So: the hazard is 0, 0, 1 by month of care; the inflow 10 a month, no trend, no season; a
 * client-month costs €10; at the end of June 2026 the May and June cohorts (10 each) are in care.
 */
function steadyHistory(): History {
  const episodes: HistoryEpisode[] = []
  for (let m = 0; m <= 24; m++) {
    const begin = addMonths('2024-06-01', m)
    for (let c = 0; c < 10; c++) episodes.push({ providerId: c < 5 ? 1 : 2, begin, eind: monthEnd(addMonths(begin, 2)) })
  }
  const realised = new Map<string, number>()
  for (let m = 0; m <= 24; m++) realised.set(addMonths('2024-06-01', m), 30_000)
  return { gemeenteId: 7, peildatum: '2026-06-30', episodes: episodes.map((e) => ({ ...e, eind: e.eind! > '2026-06-30' ? null : e.eind })), realised, transitions: { ended: 10, scaledDown: 2, switched: 1, reentryKnown: 4, reentered: 1 } }
}

const model = fitModel(steadyHistory(), '2024-06-01')
/** The current year's forecast equal to the model's year (k = 1): 12 × €300. */
const input = (forecastCents = 360_000): GemeenteInput => ({ model, forecastCents, budgetCents: [{ jaar: 2027, cents: 350_000 }] })
const run = (hefbomen: LeverInput[], forecastCents?: number, jaren = 3) => computeOutcome([input(forecastCents)], { startdatum: '2027-01-01', jaren, hefbomen: hefbomen.map((l) => leverSchema.parse(l)) })
const year = (o: ReturnType<typeof run>, jaar: number) => o.jaren.find((r) => r.jaar === jaar)!

describe('the flow model fitted from a hand-made history', () => {
  it('finds the durations, the inflow, the cost per client-month, the stock and the shares', () => {
    expect(model.hazard).toEqual([0, 0, 1])
    expect(model.inflowLevel).toBe(10)
    expect(model.inflowSlope).toBe(0)
    expect(model.season).toEqual(new Array(12).fill(1))
    expect(model.costPerClientMonthCents).toBe(1_000)
    expect(model.stock).toEqual([10, 10])
    expect(model.providerShare).toEqual([{ providerId: 1, share: 0.5 }, { providerId: 2, share: 0.5 }])
    expect(model.transitions).toEqual({ afschalingPct: 20, wisselPct: 10, heraanmeldingPct: 25 })
  })

  it('fits a trend by least squares and a season from the months', () => {
    expect(linearTrend([1, 2, 3, 4])).toEqual({ level: 4, slope: 1 })
    expect(linearTrend([])).toEqual({ level: 0, slope: 0 })
  })

  it('projects the steady state: 10 in, 10 out, 30 client-months and €300 a month', () => {
    const months = project(model, 2027).filter((m) => !m.observed)
    expect(months).toHaveLength(18)
    for (const m of months) expect(m).toMatchObject({ inflow: 10, outflow: 10, clientMonths: 30, stockEnd: 20, costCents: 30_000 })
  })
})

describe('each lever, from 1 January 2027, against the baseline (hand-computed)', () => {
  const baseline = run([])

  it('baseline: 20 in care on 1 January, 120 in and out a year, €3,600; the current year is the forecast', () => {
    expect(year(baseline, 2027)).toMatchObject({ inZorg: 140, inZorgEinde: 20, instroom: 120, uitstroom: 120, kostenCents: 360_000, budgetCents: 350_000, declaratieregelsPerMaand: 30 })
    // Messages: providers 315 + 305 per new client, 307 per leaving one, and 2 providers' 323 a month: 360 / 12 + 2; gemeenten 301 and three retours.
    expect(year(baseline, 2027)).toMatchObject({ berichtenAanbiedersPerMaand: 32, berichtenGemeentenPerMaand: 42 })
    expect(year(run([], 400_000), 2026).kostenCents).toBe(400_000)
    // Later years carry the calibration k = 400,000 / 360,000.
    expect(year(run([], 400_000), 2027).kostenCents).toBe(400_000)
  })

  it('inflow −20 %: 8 a month; in care 28, 26, then 24 client-months; 24 fewer clients in care in 2027', () => {
    const o = run([{ soort: 'instroom', pct: -20 }])
    expect(year(o, 2027)).toMatchObject({ instroom: 96, inZorg: 116, inZorgEinde: 16, kostenCents: (28 + 26 + 24 * 10) * 1_000 })
    expect(year(o, 2026).kostenCents).toBe(360_000)
  })

  it('50 % of the requests to the voorliggend veld at €500 each: 60 people, €30,000 there, half the inflow', () => {
    const o = run([{ soort: 'voorliggend', pct: 50, kostenPerPersoonCents: 500_00 }])
    expect(year(o, 2027)).toMatchObject({ instroom: 60, naarVoorliggend: 60, voorliggendKostenCents: 3_000_000, inZorgEinde: 10 })
  })

  it('a maximum of 2 months for ontwikkeling trajecten (all of them): 20 leave in January, then 10 a month; 250 client-months', () => {
    const o = run([{ soort: 'maximale_duur', maanden: 2 }])
    expect(year(o, 2027)).toMatchObject({ uitstroom: 130, inZorgEinde: 10, kostenCents: 250_000 })
    // Half of them ontwikkeling: half the effect.
    expect(year(run([{ soort: 'maximale_duur', maanden: 2, aandeelPct: 50 }]), 2027)).toMatchObject({ uitstroom: 125, inZorgEinde: 15, kostenCents: 305_000 })
  })

  it('taakgericht: a lump sum of €240,000 a year instead of the declarations, and no declaration lines', () => {
    const o = run([{ soort: 'naar_taakgericht', lumpsumPerJaarCents: 24_000_000 }])
    expect(year(o, 2027)).toMatchObject({ kostenCents: 24_000_000, declaratieregelsPerMaand: 0, berichtenAanbiedersPerMaand: 30 })
  })

  it('outputgericht: €2,500 per new traject, the clients already in care go on as before (30 client-months in January and February)', () => {
    const o = run([{ soort: 'naar_outputgericht', trajectprijsCents: 250_000 }])
    expect(year(o, 2027).kostenCents).toBe(30_000 + 120 * 250_000)
  })

  it('a tariff index of 90 % OVA (2 %) + 10 % PPC (3 %): 2.1 % in 2027, compounded in 2028', () => {
    const o = run([{ soort: 'tariefindex', ovaPct: 2, ppcPct: 3 }])
    expect(year(o, 2027).kostenCents).toBe(367_560)
    expect(year(o, 2028).kostenCents).toBe(Math.round(360_000 * 1.021 ** 2))
  })

  it('a bestedingsruimte of €3,000 a year: €600 is not spent', () => {
    const o = run([{ soort: 'bestedingsruimte', perJaarCents: 300_000 }])
    expect(year(o, 2027)).toMatchObject({ kostenCents: 300_000, bovenBestedingsruimteCents: 60_000 })
    expect(year(o, 2026).bovenBestedingsruimteCents).toBe(0)
  })

  it('a provider leaving: its clients go to the other, 10 switch (2 provider messages and 3 gemeente messages each)', () => {
    const o = run([{ soort: 'aanbieder_stopt', providerId: 1 }])
    expect(o.perAanbieder.filter((p) => p.jaar === 2027)).toEqual([{ providerId: 2, jaar: 2027, inZorgEinde: 20, instroom: 120, kostenCents: 360_000 }])
    expect(o.perAanbieder.filter((p) => p.jaar === 2026).map((p) => p.kostenCents)).toEqual([180_000, 180_000])
    // One provider left declaring: one 323 a month fewer; the switches' messages on top.
    expect(year(o, 2027)).toMatchObject({ berichtenAanbiedersPerMaand: Math.round((31 + 20 / 12) * 10) / 10, berichtenGemeentenPerMaand: Math.round((41 + 30 / 12) * 10) / 10 })
  })

  it('several levers together, and a target path beside the scenario', () => {
    const target = { id: 1, segmentId: 1, kpi: 'instroom' as const, naam: '20 % minder instroom', basisVan: '2026-01-01', basisTot: '2026-12-31', basisWaarde: 120, doelWaarde: 96, doelRelatiefPct: -20, doelDatum: '2027-12-31', richting: 'omlaag' as const, bron: 'seed 004' }
    const o = computeOutcome([input()], { startdatum: '2027-01-01', jaren: 2, hefbomen: [leverSchema.parse({ soort: 'instroom', pct: -20 }), leverSchema.parse({ soort: 'tariefindex', ovaPct: 2, ppcPct: 3 })] }, [target])
    expect(year(o, 2027).kostenCents).toBe(Math.round(294_000 * 1.021))
    expect(o.doelen[0]!.jaren).toEqual([{ jaar: 2026, pad: 120, waarde: 120 }, { jaar: 2027, pad: 96, waarde: 96 }])
  })
})

describe('a start date in the current year', () => {
  it('changes the rest of the current year: the forecast plus what the model changes', () => {
    const o = computeOutcome([input(500_000)], { startdatum: addDays('2026-06-30', 1), jaren: 1, hefbomen: [leverSchema.parse({ soort: 'instroom', pct: -100 })] })
    // No inflow from July: client-months 20, 10, then 0; the model loses (30 − 20) + (30 − 10) + 4 × 30 = 150 client-months, × k = 500,000 / 360,000.
    expect(year(o, 2026).kostenCents).toBe(Math.round(500_000 - 150 * 1_000 * (500_000 / 360_000)))
  })
})
