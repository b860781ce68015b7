import { describe, expect, it } from 'vitest'
import { type Termijn, type TermijnFeit, deadlineOf, startGebeurtenis, statusOf, termijnOf, termijnRegels, termijnScores, verzoekTermijnen } from './termijn.rules.ts'

const feit = (overrides: Partial<TermijnFeit> = {}): TermijnFeit => ({ soort: 'antwoord_verzoek', gemeenteId: 1, providerId: 7, referentie: 'REF-1', gebeurtenis: '2026-11-05', antwoord: null, ...overrides })

describe('the deadline of each kind', () => {
  it('counts 5 working days across a weekend', () => {
    // Thu 5 Nov 2026: Fri 6 (1), Mon 9 (2), Tue 10 (3), Wed 11 (4), Thu 12 (5).
    expect(deadlineOf(termijnRegels.antwoord_verzoek.duur, '2026-11-05')).toBe('2026-11-12')
  })

  it('skips Koningsdag', () => {
    // Wed 22 Apr 2026: Thu 23 (1), Fri 24 (2), Mon 27 is Koningsdag, Tue 28 (3), Wed 29 (4), Thu 30 (5).
    expect(deadlineOf(termijnRegels.start_zorg.duur, '2026-04-22')).toBe('2026-04-30')
  })

  it('skips Christmas and Nieuwjaarsdag', () => {
    // Tue 22 Dec 2026: Wed 23 (1), Thu 24 (2), Fri 25 Kerstdag, weekend, Mon 28 (3), Tue 29 (4), Wed 30 (5).
    expect(deadlineOf(termijnRegels.stop_zorg.duur, '2026-12-22')).toBe('2026-12-30')
    // 10 for a 325: … Wed 30 (5), Thu 31 (6), Fri 1 Jan Nieuwjaarsdag, Mon 4 (7), Tue 5 (8), Wed 6 (9), Thu 7 (10).
    expect(deadlineOf(termijnRegels.declaratie_antwoord.duur, '2026-12-22')).toBe('2027-01-07')
    // 3 for a retour from Thu 24 Dec: Mon 28 (1), Tue 29 (2), Wed 30 (3); Sat 26 (Tweede Kerstdag) is a weekend day anyway.
    expect(deadlineOf(termijnRegels.retour_gemeente.duur, '2026-12-24')).toBe('2026-12-30')
    expect(deadlineOf(termijnRegels.retour_aanbieder.duur, '2026-12-24')).toBe('2026-12-30')
  })

  it('counts 8 weeks and 2 weeks in calendar days, holidays included', () => {
    // 2 Nov 2026 + 56 days = 28 Dec 2026 (Christmas does not stretch a term in weeks).
    expect(deadlineOf(termijnRegels.eindantwoord.duur, '2026-11-02')).toBe('2026-12-28')
    expect(deadlineOf(termijnRegels.woonplaatsbeginsel.duur, '2026-11-03')).toBe('2026-11-17')
  })

  it('says whose deadline it is', () => {
    expect(termijnRegels.start_zorg.partij).toBe('aanbieder')
    expect(termijnRegels.stop_zorg.partij).toBe('aanbieder')
    expect(termijnRegels.retour_aanbieder.partij).toBe('aanbieder')
    for (const soort of ['antwoord_verzoek', 'eindantwoord', 'woonplaatsbeginsel', 'retour_gemeente', 'declaratie_antwoord'] as const) expect(termijnRegels[soort].partij).toBe('gemeente')
  })
})

describe('the state of a deadline', () => {
  it('runs, is nearly due within one working day, and passes the day after', () => {
    // Deadline Thu 12 Nov.
    expect(statusOf('2026-11-12', null, '2026-11-10')).toBe('loopt')
    expect(statusOf('2026-11-12', null, '2026-11-11')).toBe('bijna')
    expect(statusOf('2026-11-12', null, '2026-11-12')).toBe('bijna')
    expect(statusOf('2026-11-12', null, '2026-11-13')).toBe('verlopen')
  })

  it('is nearly due on the Friday before a Monday deadline, not on the Thursday', () => {
    expect(statusOf('2026-11-16', null, '2026-11-12')).toBe('loopt')
    expect(statusOf('2026-11-16', null, '2026-11-13')).toBe('bijna')
    expect(statusOf('2026-11-16', null, '2026-11-14')).toBe('bijna')
  })

  it('is met on the deadline itself and late the day after, whatever today is', () => {
    expect(statusOf('2026-11-12', '2026-11-12', '2027-01-01')).toBe('op_tijd')
    expect(statusOf('2026-11-12', '2026-11-13', '2026-11-13')).toBe('te_laat')
  })

  it('gives a 305 sent 7 working days after the start te_laat for the provider', () => {
    // Start Tue 1 Dec 2026, deadline Tue 8 Dec; the 305 of Thu 10 Dec is 7 working days after the start.
    const t = termijnOf(feit({ soort: 'start_zorg', gebeurtenis: startGebeurtenis('2026-12-01', '2026-11-20'), antwoord: '2026-12-10' }), '2026-12-15')
    expect(t).toMatchObject({ partij: 'aanbieder', deadline: '2026-12-08', status: 'te_laat' })
  })

  it('starts OP271’s clock at the 301 when the care was assigned with retroactive effect', () => {
    // Care from 1 Oct, toewijzing of Tue 20 Oct: deadline Tue 27 Oct.
    expect(startGebeurtenis('2026-10-01', '2026-10-20')).toBe('2026-10-20')
    expect(termijnOf(feit({ soort: 'start_zorg', gebeurtenis: startGebeurtenis('2026-10-01', '2026-10-20'), antwoord: '2026-10-27' }), '2026-11-01').status).toBe('op_tijd')
  })
})

describe('the deadlines of a request', () => {
  const request = { gemeenteId: 1, providerId: 7, referentie: 'REF-9', ontvangen: '2026-11-03', dagtekening: '2026-11-02', inOnderzoek: null, eindantwoord: null, woonplaatsbeginsel: false }

  it('asks one answer within 5 working days while nothing was sent', () => {
    expect(verzoekTermijnen(request)).toEqual([{ soort: 'antwoord_verzoek', gemeenteId: 1, providerId: 7, referentie: 'REF-9', gebeurtenis: '2026-11-03', antwoord: null }])
  })

  it('takes "in onderzoek" as the first answer and then asks the final one within 8 weeks of the request’s Dagtekening', () => {
    const facts = verzoekTermijnen({ ...request, inOnderzoek: '2026-11-09', eindantwoord: '2026-12-29' })
    const [first, final] = facts.map((f) => termijnOf(f, '2027-01-05'))
    expect(first).toMatchObject({ soort: 'antwoord_verzoek', deadline: '2026-11-10', status: 'op_tijd' })
    // 2 Nov + 8 weeks = 28 Dec: the 301 of 29 Dec is a day late.
    expect(final).toMatchObject({ soort: 'eindantwoord', deadline: '2026-12-28', antwoord: '2026-12-29', status: 'te_laat' })
  })

  it('gives a refusal on the woonplaatsbeginsel 2 weeks instead of 5 working days', () => {
    const facts = verzoekTermijnen({ ...request, eindantwoord: '2026-11-16', woonplaatsbeginsel: true })
    expect(facts.map((f) => termijnOf(f, '2026-11-20'))).toEqual([expect.objectContaining({ soort: 'woonplaatsbeginsel', deadline: '2026-11-17', status: 'op_tijd' })])
  })
})

describe('the score per party', () => {
  const at = (i: number, status: Termijn['status'], overrides: Partial<Termijn> = {}): Termijn => ({ ...feit({ referentie: `R${i}` }), partij: 'gemeente', deadline: '2026-11-12', status, ...overrides })

  it('counts the deadlines that fell due in the period and how many were met, per kind and over all kinds', () => {
    const termijnen = [
      ...[1, 2, 3, 4].map((i) => at(i, 'op_tijd')),
      at(5, 'te_laat'),
      at(6, 'verlopen'),
      // Still running: not due yet, not counted.
      at(7, 'loopt'),
      at(8, 'bijna'),
      // Outside the period.
      at(9, 'op_tijd', { deadline: '2026-12-01' }),
      ...[10, 11, 12, 13, 14].map((i) => at(i, 'op_tijd', { soort: 'retour_gemeente' })),
    ]
    const scores = termijnScores(termijnen, '2026-11-01', '2026-11-30')
    expect(scores).toContainEqual({ soort: 'antwoord_verzoek', partij: 'gemeente', partijId: 1, termijnen: 6, gehaald: 4, percentage: 67, onderdrukt: false })
    expect(scores).toContainEqual({ soort: 'retour_gemeente', partij: 'gemeente', partijId: 1, termijnen: 5, gehaald: 5, percentage: 100, onderdrukt: false })
    expect(scores).toContainEqual({ soort: 'alle', partij: 'gemeente', partijId: 1, termijnen: 11, gehaald: 9, percentage: 82, onderdrukt: false })
  })

  it('hides a second kind when one hidden kind would follow from the total', () => {
    const termijnen = [
      ...[1, 2, 3].map((i) => at(i, 'op_tijd', { soort: 'start_zorg', partij: 'aanbieder' })),
      ...[4, 5, 6, 7, 8].map((i) => at(i, 'te_laat', { soort: 'stop_zorg', partij: 'aanbieder' })),
      ...[9, 10, 11, 12, 13, 14].map((i) => at(i, 'op_tijd', { soort: 'retour_aanbieder', partij: 'aanbieder' })),
    ]
    const scores = termijnScores(termijnen, '2026-11-01', '2026-11-30')
    const of = (soort: string) => scores.find((r) => r.soort === soort)
    expect(of('alle')).toMatchObject({ termijnen: 14, gehaald: 9, onderdrukt: false })
    expect(of('start_zorg')).toMatchObject({ termijnen: null, onderdrukt: true })
    // 14 − 6 would give the 3 starts away: the smaller shown kind (5 stops) is hidden too.
    expect(of('stop_zorg')).toMatchObject({ termijnen: null, gehaald: null, onderdrukt: true })
    expect(of('retour_aanbieder')).toMatchObject({ termijnen: 6, gehaald: 6, onderdrukt: false })
  })

  it('hides a score over fewer than 5 deadlines', () => {
    const termijnen = [1, 2, 3].map((i) => at(i, 'op_tijd', { soort: 'start_zorg', partij: 'aanbieder' }))
    expect(termijnScores(termijnen, '2026-11-01', '2026-11-30')).toContainEqual({ soort: 'start_zorg', partij: 'aanbieder', partijId: 7, termijnen: null, gehaald: null, percentage: null, onderdrukt: true })
  })
})
