import { describe, expect, it } from 'vitest'
import { type AntwoordFeit, type TermijnAntwoordFeit, isAntwoordTeLaat, isTeLaat, tweedeMening } from './tweede-mening.rules.ts'

const feit = (over: Partial<AntwoordFeit>): AntwoordFeit => ({ gemeenteId: 1, providerId: 7, maand: '2027-01-01', ontvangen: '2027-02-03', beantwoord: '2027-02-05', afgewezenRegels: 0, afgewezenCents: 0, goedgekeurdRegels: 0, goedgekeurdCents: 0, ...over })

const termijn = (over: Partial<TermijnAntwoordFeit>): TermijnAntwoordFeit => ({ soort: 'verzoek', gemeenteId: 1, providerId: 7, maand: '2027-02-01', ontvangen: '2027-02-03', dagtekening: '2027-02-03', inOnderzoek: null, antwoord: null, woonplaatsbeginsel: false, ...over })

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

  it('judges an answer to a request by OP274/OP346: 5 working days, after "in onderzoek" 8 weeks from the request\'s Dagtekening', () => {
    // Wednesday 3 February 2027 + 5 working days = Wednesday 10 February.
    expect(isAntwoordTeLaat(termijn({ antwoord: '2027-02-10' }))).toBe(false)
    expect(isAntwoordTeLaat(termijn({ antwoord: '2027-02-11' }))).toBe(true)
    // In onderzoek in time, the final answer within 8 weeks (31 March), or after it.
    expect(isAntwoordTeLaat(termijn({ inOnderzoek: '2027-02-08', antwoord: '2027-03-31' }))).toBe(false)
    expect(isAntwoordTeLaat(termijn({ inOnderzoek: '2027-02-08', antwoord: '2027-04-01' }))).toBe(true)
    expect(isAntwoordTeLaat(termijn({ inOnderzoek: '2027-02-12', antwoord: null }))).toBe(true)
    // Still in onderzoek, in time: not late (a term still running is not judged).
    expect(isAntwoordTeLaat(termijn({ inOnderzoek: '2027-02-08', antwoord: null }))).toBe(false)
    // OP359: a refusal on the woonplaatsbeginsel has 2 weeks.
    expect(isAntwoordTeLaat(termijn({ woonplaatsbeginsel: true, antwoord: '2027-02-17' }))).toBe(false)
    expect(isAntwoordTeLaat(termijn({ woonplaatsbeginsel: true, antwoord: '2027-02-18' }))).toBe(true)
  })

  it('judges a retour by OP090: 3 working days', () => {
    // Friday 5 February 2027 + 3 working days = Wednesday 10 February.
    expect(isAntwoordTeLaat(termijn({ soort: 'retour_gemeente', ontvangen: '2027-02-05', dagtekening: null, antwoord: '2027-02-10' }))).toBe(false)
    expect(isAntwoordTeLaat(termijn({ soort: 'retour_gemeente', ontvangen: '2027-02-05', dagtekening: null, antwoord: '2027-02-11' }))).toBe(true)
  })

  it('puts requests and retours beside the declarations of the same provider and month', () => {
    const rows = tweedeMening(
      [feit({ maand: '2027-02-01' })],
      [termijn({ antwoord: '2027-02-11' }), termijn({ antwoord: '2027-02-04' }), termijn({ soort: 'retour_gemeente', antwoord: '2027-02-12' }), termijn({ providerId: 3, maand: '2027-03-01', soort: 'retour_gemeente', ontvangen: '2027-03-01', antwoord: '2027-03-01' })],
    )
    expect(rows.map((r) => [r.providerId, r.maand, r.declaraties, r.verzoeken, r.verzoekenTeLaat, r.retours, r.retoursTeLaat])).toEqual([
      [3, '2027-03-01', 0, 0, 0, 1, 0],
      [7, '2027-02-01', 1, 2, 1, 1, 1],
    ])
  })
})
