import { describe, expect, it } from 'vitest'
import { type AntwoordFeit, type RegelFeit, type RetourFeit, type TermijnAntwoordFeit, isAntwoordTeLaat, isTeLaat, regelBevinding, retourBevinding, tweedeMening } from './tweede-mening.rules.ts'

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

const regel = (over: Partial<RegelFeit>): RegelFeit => ({ declaratieId: 1, gemeenteId: 1, providerId: 7, wet: 'jeugdwet', maand: '2027-01-01', declaratieNummer: 'DN1', referentieNummer: 'R1', pseudoniem: null, productcategorie: '45', productcode: '45A48', begindatum: '2027-01-04', einddatum: '2027-01-10', bedragCents: 9000, goedgekeurd: true, retourCodes: [], koersGoedgekeurd: true, koersRetourCodes: [], ...over })

describe('the second opinion per prestatie and per retour', () => {
  it('finds nothing where the back office and the standard agree, codes included', () => {
    expect(regelBevinding(regel({}))).toBeNull()
    expect(regelBevinding(regel({ goedgekeurd: false, retourCodes: ['9338'], koersGoedgekeurd: false, koersRetourCodes: ['9338', '9307'] }))).toBeNull()
  })

  it('answers a rejection for a missing or stopped start with OP364, a code the standard gives with the rule it tested, and names a code no 323 rule gives', () => {
    const b = regelBevinding(regel({ goedgekeurd: false, retourCodes: ['9326', '9338', '9999'] }))!
    expect(b.soort).toBe('ten_onrechte_afgewezen')
    expect(b.codes.map((c) => [c.code, c.regels.map((r) => r.code), c.doorStandaardGegeven])).toEqual([
      ['9326', ['OP364'], false],
      ['9338', ['TR338'], true],
      ['9999', [], false],
    ])
    expect(b.codes[0]!.regels[0]!.titel).toBe('Regieberichten worden niet voorwaardelijk gesteld aan declaratie')
    expect(b.toelichting).toBe('9326: afgewezen op een start- of stopbericht, wat OP364 niet toestaat; 9338: de prestatie voldoet aan TR338; 9999: geen regel voor de declaratie (323) geeft deze code')
  })

  it("names the standard's rule and code for a prestatie approved against it, and reads the Wmo's rules for a Wmo line", () => {
    const b = regelBevinding(regel({ wet: 'wmo', koersGoedgekeurd: false, koersRetourCodes: ['0611'] }))!
    expect(b.soort).toBe('ten_onrechte_toegekend')
    expect(b.codes.map((c) => [c.code, c.regels.map((r) => r.code)])).toEqual([['0611', ['TR418']]])
    expect(b.toelichting).toBe('de standaard wijst af met 0611 (TR418)')
  })

  it('lists a prestatie both rejected when the back office used a code the standard did not give', () => {
    const b = regelBevinding(regel({ goedgekeurd: false, retourCodes: ['9338', '9369'], koersGoedgekeurd: false, koersRetourCodes: ['9338'] }))!
    expect(b.soort).toBe('andere_code')
    expect(b.codes.map((c) => c.code)).toEqual(['9369'])
  })

  it("lists a retour with codes the standard's rules did not give on that message, and says when no rule for the message gives them", () => {
    const retour = (over: Partial<RetourFeit>): RetourFeit => ({ gemeenteId: 1, providerId: 7, wet: 'jeugdwet', maand: '2027-01-01', heenCode: '305', identificatie: '12', ontvangen: '2027-01-04', beantwoord: '2027-01-05', retourCode: '306', retourCodes: [], koersRetourCodes: ['0200'], ...over })
    expect(retourBevinding(retour({}))).toBeNull()
    expect(retourBevinding(retour({ retourCodes: ['9326'], koersRetourCodes: ['9326'] }))).toBeNull()
    const b = retourBevinding(retour({ retourCodes: ['9069', '9074'] }))!
    expect(b.codes.map((c) => [c.code, c.regels.map((r) => r.code), c.doorStandaardGegeven])).toEqual([['9069', [], false], ['9074', ['TR074'], true]])
    expect(b.toelichting).toBe('de backoffice gaf 9069, 9074, de regels van de standaard geven geen afkeuring; geen regel voor het 305-bericht geeft 9069')
    const rows = tweedeMening([], [], [], [b])
    expect(rows.map((r) => [r.providerId, r.maand, r.retoursAndereCodes])).toEqual([[7, '2027-01-01', 1]])
  })
})
