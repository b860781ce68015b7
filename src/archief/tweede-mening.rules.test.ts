import { describe, expect, it } from 'vitest'
import { type AntwoordFeit, isTeLaat, tweedeMening } from './tweede-mening.rules.ts'

const feit = (over: Partial<AntwoordFeit>): AntwoordFeit => ({ gemeenteId: 1, providerId: 7, maand: '2027-01-01', ontvangen: '2027-02-03', beantwoord: '2027-02-05', afgewezenRegels: 0, afgewezenCents: 0, goedgekeurdRegels: 0, goedgekeurdCents: 0, ...over })

describe('the second opinion', () => {
  it('counts a 325 as late after 10 working days (OP090x4), weekends not counted', () => {
    // Wednesday 3 February 2027 + 10 working days = Wednesday 17 February.
    expect(isTeLaat({ ontvangen: '2027-02-03', beantwoord: '2027-02-17' })).toBe(false)
    expect(isTeLaat({ ontvangen: '2027-02-03', beantwoord: '2027-02-18' })).toBe(true)
  })

  it('adds up per provider and month over gemeenten, in order', () => {
    const rows = tweedeMening([
      feit({ providerId: 9, afgewezenRegels: 1, afgewezenCents: 500 }),
      feit({ gemeenteId: 2, afgewezenRegels: 2, afgewezenCents: 1000, beantwoord: '2027-03-01' }),
      feit({ maand: '2026-12-01', goedgekeurdRegels: 1, goedgekeurdCents: -300 }),
    ])
    expect(rows.map((r) => [r.providerId, r.maand, r.declaraties, r.tenOnrechteAfgewezenCents, r.tenOnrechteToegekendCents, r.teLaat])).toEqual([
      [7, '2026-12-01', 1, 0, -300, 0],
      [7, '2027-01-01', 1, 1000, 0, 1],
      [9, '2027-01-01', 1, 500, 0, 0],
    ])
  })
})
