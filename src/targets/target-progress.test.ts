import { describe, expect, it } from 'vitest'
import { groupOf, valuesOf } from '../kpis/kpi.queries.ts'
import { addMonths } from '../shared/dates.ts'
import { kpiValue } from '../kpis/kpi.rules.ts'
import { traject } from '../test/traject.ts'
import type { Target } from './target.rules.ts'
import { targetProgress } from './target.queries.ts'


describe('a target measured on a segment with few clients', () => {
  it('hides what the segment page hides beside a suppressed count (secondary suppression), its baseline and every checkpoint', () => {
    // Three clients who leave care again and again, one outflow a month in 2026: six in every half year, shown on their own, beside "in zorg" under 5.
    const month = (m: number) => String(m).padStart(2, '0')
    const facts = {
      peildatum: '2026-11-30',
      trajecten: Array.from({ length: 11 }, (_, k) => traject({ client: (k % 3) + 1, providerId: 10 + (k % 2), begin: `2026-${month(k + 1)}-01`, eind: `2026-${month(k + 1)}-20` })),
      geld: [],
      budgetten: [],
    }
    const target: Target = { id: 1, segmentId: 100, kpi: 'uitstroom', naam: 'Uitstroom', basisVan: '2026-01-01', basisTot: '2026-06-30', basisWaarde: 3, doelWaarde: 6, doelRelatiefPct: null, doelDatum: '2027-06-30', richting: 'omhoog', bron: '' }
    const segment = groupOf(facts, { segmentIds: new Set([100]) })
    const baseline = { from: target.basisVan, to: target.basisTot }
    // On its own the outflow would be shown; with its group's figures it is not.
    expect(kpiValue('uitstroom', segment, baseline, facts.peildatum)).toMatchObject({ onderdrukt: false })
    expect(valuesOf(segment, baseline, facts.peildatum)).toMatchObject({ in_zorg: { onderdrukt: true }, uitstroom: { waarde: null, onderdrukt: true } })
    const progress = targetProgress(target, facts, new Set([100]))
    const checkpoints = progress.punten.slice(1)
    expect(checkpoints.length).toBeGreaterThan(0)
    for (const p of checkpoints) {
      expect(kpiValue('uitstroom', segment, { from: addMonths(p.datum, -6), to: p.datum }, facts.peildatum).onderdrukt).toBe(false)
      expect(p.waarde).toBeNull()
    }
  })
})
