import { describe, expect, it } from 'vitest'
import { kpiByCode } from '../kpis/kpi.rules.ts'
import { evidenceLines } from './signal-evidence.rules.ts'

const text = (bewijs: Record<string, number | string>) => evidenceLines(bewijs, (kpi) => kpiByCode.get(kpi)?.eenheid).map((l) => `${l.label}: ${l.tekst}`.replace(/\u00a0/g, ' '))

describe('signal evidence', () => {
  it("writes a target's path, measurement, baseline and target in its KPI's unit, not raw cents", () => {
    const bewijs = { kpi: 'kosten', eenheid: 'cents', datum: '2026-11-30', waarde: 371_756_400, pad: 29_562_272.6, basis: 30_979_700, doel: 27_881_700, doeldatum: '2027-12-31' }
    expect(text(bewijs)).toEqual(['Gemeten tot en met: 30-11-2026', 'Gemeten: € 3.717.564', 'Pad: € 295.623', 'Basis: € 309.797', 'Doel: € 278.817', 'Doeldatum: 31-12-2027'])
  })

  it('writes percentages and days with their unit', () => {
    expect(text({ kpi: 'uitval', eenheid: 'procent', waarde: 12.34, pad: 10, basis: 11, doel: 8 })).toEqual(['Gemeten: 12,3 %', 'Pad: 10,0 %', 'Basis: 11,0 %', 'Doel: 8,0 %'])
    expect(text({ kpi: 'duur_gemiddeld', eenheid: 'dagen', waarde: 120.5, pad: 118, basis: 130, doel: 100 })[0]).toBe('Gemeten: 120,5 dagen')
    expect(text({ kpi: 'instroom', eenheid: 'aantal', waarde: 1234, pad: 1100, basis: 1300, doel: 1040 })[0]).toBe('Gemeten: 1.234')
  })

  it("writes an older target signal, stored without its unit, in its KPI's unit", () => {
    const old = { kpi: 'kosten', datum: '2026-11-30', waarde: 371_756_400, pad: 29_562_272.6, basis: 30_979_700, doel: 27_881_700 }
    expect(text(old)).toEqual(['Gemeten tot en met: 30-11-2026', 'Gemeten: € 3.717.564', 'Pad: € 295.623', 'Basis: € 309.797', 'Doel: € 278.817'])
    expect(text({ kpi: 'duur_gemiddeld', waarde: 120.5 })).toEqual(['Gemeten: 120,5 dagen'])
    // A KPI it does not know keeps the plain number.
    expect(text({ kpi: 'onbekend', waarde: 12.5 })).toEqual(['Gemeten: 12,5'])
  })

  it("writes a budget signal's amounts as euros and its margin as a percentage", () => {
    expect(text({ budgetCents: 1_000_000_00, gerealiseerdCents: 55_000_012, proRataCents: 50_000_000, drempelCents: 55_000_000, margePct: 10, peildatum: '2026-06-30' })).toEqual([
      'Gerealiseerd: € 550.000',
      'Budget: € 1.000.000',
      'Pro rata: € 500.000',
      'Marge: 10 %',
      'Drempel: € 550.000',
      'Peildatum: 30-6-2026',
    ])
  })

  it('leaves out keys it has no label for', () => {
    expect(evidenceLines({ kpi: 'kosten', intern: 5 })).toEqual([])
  })
})
