import { describe, expect, it } from 'vitest'
import { assertNoTariffOverlap, checkProduct } from './product.rules.ts'

const jeugd = { wet: 'jeugdwet' as const, variants: ['inspanningsgericht', 'outputgericht'] as const }

describe('product rules (RULES.md, uitvoeringsvarianten)', () => {
  it('accepts an inspanningsgericht product per hour', () => {
    expect(checkProduct({ segmentId: 1, productcategorie: '45', productcode: '45A48', name: 'Ambulant', eenheid: '04', variant: 'inspanningsgericht' }, jeugd)).toEqual([])
  })
  it('refuses a Wmo productcategorie under the Jeugdwet', () => {
    const problems = checkProduct({ segmentId: 1, productcategorie: '02', productcode: null, name: 'x', eenheid: '04', variant: 'inspanningsgericht' }, jeugd)
    expect(problems.map((p) => p.path)).toEqual(['productcategorie'])
  })
  it('refuses an output unit on an inspanningsgericht product and a variant the segment does not use', () => {
    expect(checkProduct({ segmentId: 1, productcategorie: '45', productcode: null, name: 'x', eenheid: '82', variant: 'inspanningsgericht' }, jeugd).map((p) => p.path)).toEqual(['eenheid'])
    expect(checkProduct({ segmentId: 1, productcategorie: '45', productcode: null, name: 'x', eenheid: null, variant: 'taakgericht' }, jeugd).map((p) => p.path)).toEqual(['variant'])
  })
  it('OP305: a product contracted inspanningsgericht in pieces is allocated in eenheid 84 (stuks inspanning), not 82 (stuks output)', () => {
    expect(checkProduct({ segmentId: 1, productcategorie: '45', productcode: '45A48', name: 'Groepsbijeenkomst', eenheid: '84', variant: 'inspanningsgericht' }, jeugd)).toEqual([])
    expect(checkProduct({ segmentId: 1, productcategorie: '45', productcode: '45A48', name: 'Groepsbijeenkomst', eenheid: '82', variant: 'inspanningsgericht' }, jeugd).map((p) => p.path)).toEqual(['eenheid'])
    expect(checkProduct({ segmentId: 1, productcategorie: '45', productcode: '45A48', name: 'Traject', eenheid: '82', variant: 'outputgericht' }, jeugd)).toEqual([])
  })
  it('refuses a unit on a taakgericht product', () => {
    const segment = { wet: 'wmo' as const, variants: ['taakgericht'] as const }
    expect(checkProduct({ segmentId: 1, productcategorie: '01', productcode: null, name: 'HbH', eenheid: '04', variant: 'taakgericht' }, segment).map((p) => p.path)).toEqual(['eenheid'])
  })
  it('takes a generic product without productcode, never taakgericht (IV075)', () => {
    expect(checkProduct({ segmentId: 1, productcategorie: '45', productcode: null, name: 'Budget ambulant', eenheid: '04', variant: 'inspanningsgericht', generiek: true }, jeugd)).toEqual([])
    expect(checkProduct({ segmentId: 1, productcategorie: '45', productcode: '45A48', name: 'x', eenheid: '04', variant: 'inspanningsgericht', generiek: true }, jeugd).map((p) => p.path)).toEqual(['generiek'])
  })
  it('refuses overlapping tariff periods by naming both', () => {
    expect(() => assertNoTariffOverlap([{ from: '2027-01-01', to: '2027-12-31' }], { from: '2027-07-01', to: '2028-06-30' })).toThrow(
      expect.objectContaining({ reason: 'tariff.overlap', message: 'tariff period 2027-07-01 – 2028-06-30 overlaps the existing tariff 2027-01-01 – 2027-12-31' }),
    )
    expect(() => assertNoTariffOverlap([{ from: '2027-01-01', to: '2027-12-31' }], { from: '2028-01-01', to: '2028-12-31' })).not.toThrow()
  })
})
