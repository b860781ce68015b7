import { describe, expect, it } from 'vitest'
import { acceptatieplichtGeldt, aankondiging, inzetPeriode, isCrisis, isCrisisSegment, klokken, meldingsbrief, onvoldoendeInzet, ruimteStatus, type Stop, stopOp } from './bestedingsruimte.rules.ts'

describe('aankondiging (art. 1.5.3 c and d)', () => {
  it('counts 6 and 3 calendar months back from 1 January', () => {
    const a = aankondiging('2027-01-01', '2026-07-01', '2026-10-01')
    expect(a).toMatchObject({ voornemenUiterlijk: '2026-07-01', besluitUiterlijk: '2026-10-01', voornemenOpTijd: true, besluitOpTijd: true, bevindingen: [] })
  })
  it('finds an announcement one day late, and one missing', () => {
    const a = aankondiging('2027-01-01', '2026-07-02', null)
    expect(a.voornemenOpTijd).toBe(false)
    expect(a.besluitOpTijd).toBeNull()
    expect(a.bevindingen).toEqual([
      'Het voornemen is op 2-7-2026 aangekondigd, na 1-7-2026 (6 kalendermaanden vooraf, art. 1.5.3 c).',
      'Het besluit over duur en hoogte is nog niet gemeld; dat moest uiterlijk 1-10-2026 (3 kalendermaanden vooraf, art. 1.5.3 d).',
    ])
  })
  it('counts from a later start (art. 1.5.3 b), clamped to the end of a shorter month', () => {
    const a = aankondiging('2027-08-31', '2027-02-28', '2027-05-31')
    expect(a).toMatchObject({ voornemenUiterlijk: '2027-02-28', besluitUiterlijk: '2027-05-31', voornemenOpTijd: true, besluitOpTijd: true })
  })
})

describe('ruimteStatus (art. 1.5.7)', () => {
  it('signals at 70 % of realisation plus open commitments, not a cent before', () => {
    // € 100.000: the threshold is € 70.000; € 40.000 realised + € 29.999,99 open is just under.
    const under = ruimteStatus({ bedragCents: 100_000_00, gerealiseerdCents: 40_000_00, openCents: 29_999_99, prognoseCents: 90_000_00 })
    expect(under).toMatchObject({ benutCents: 69_999_99, benutPct: 70, drempelCents: 70_000_00, resterendCents: 30_000_01, signalen: [], bereikt: false })
    const at = ruimteStatus({ bedragCents: 100_000_00, gerealiseerdCents: 40_000_00, openCents: 30_000_00, prognoseCents: 90_000_00 })
    expect(at.signalen).toEqual(['zeventig_procent'])
  })
  it('rounds the threshold up to the cent', () => {
    // 70 % of 1.001 cents is 700,7 cents: 700 is under, 701 reaches it.
    expect(ruimteStatus({ bedragCents: 1_001, gerealiseerdCents: 700, openCents: 0, prognoseCents: 0 }).signalen).toEqual([])
    expect(ruimteStatus({ bedragCents: 1_001, gerealiseerdCents: 701, openCents: 0, prognoseCents: 0 })).toMatchObject({ drempelCents: 701, signalen: ['zeventig_procent'] })
  })
  it('signals an expected overrun from the forecast alone, and marks the room reached', () => {
    expect(ruimteStatus({ bedragCents: 50_000_00, gerealiseerdCents: 10_000_00, openCents: 0, prognoseCents: 50_000_01 }).signalen).toEqual(['overschrijding_dreigt'])
    expect(ruimteStatus({ bedragCents: 50_000_00, gerealiseerdCents: 30_000_00, openCents: 20_000_00, prognoseCents: 60_000_00 })).toMatchObject({ signalen: ['zeventig_procent', 'overschrijding_dreigt'], bereikt: true, resterendCents: 0, benutPct: 100 })
  })
})

describe('klokken (art. 1.5.7: 2 weeks to consult, 2 weeks to decide)', () => {
  it('runs the consultation 14 calendar days from the notice and the decision 14 days after it', () => {
    expect(klokken({ gemeldOp: '2026-03-02', overlegGehoudenOp: null, besluitOp: null }, '2026-03-16')).toEqual({ overlegUiterlijk: '2026-03-16', overlegTeLaat: false, besluitUiterlijk: '2026-03-30', besluitTeLaat: false, fase: 'overleg' })
    expect(klokken({ gemeldOp: '2026-03-02', overlegGehoudenOp: null, besluitOp: null }, '2026-03-17')).toMatchObject({ overlegTeLaat: true, besluitTeLaat: false })
  })
  it('counts the decision from an early consultation, and not later than from the consultation’s last day', () => {
    expect(klokken({ gemeldOp: '2026-03-02', overlegGehoudenOp: '2026-03-05', besluitOp: null }, '2026-03-19')).toMatchObject({ besluitUiterlijk: '2026-03-19', besluitTeLaat: false, fase: 'besluit' })
    expect(klokken({ gemeldOp: '2026-03-02', overlegGehoudenOp: '2026-03-05', besluitOp: null }, '2026-03-20')).toMatchObject({ besluitTeLaat: true })
    // Held 4 days late: late itself, and the decision's clock stays at 16 + 14 = 30 March.
    expect(klokken({ gemeldOp: '2026-03-02', overlegGehoudenOp: '2026-03-20', besluitOp: '2026-03-31' }, '2026-04-10')).toEqual({ overlegUiterlijk: '2026-03-16', overlegTeLaat: true, besluitUiterlijk: '2026-03-30', besluitTeLaat: true, fase: 'besloten' })
  })
  it('crosses a month and a year end in calendar days', () => {
    expect(klokken({ gemeldOp: '2026-12-24', overlegGehoudenOp: null, besluitOp: null }, '2026-12-24')).toMatchObject({ overlegUiterlijk: '2027-01-07', besluitUiterlijk: '2027-01-21' })
  })
})

describe('cliëntenstop (art. 1.5.9) and crisis care', () => {
  const stops: Stop[] = [
    { id: 1, providerId: 7, segmentId: 3, van: '2026-05-01', tot: '2026-06-30', reden: 'Bestedingsruimte bereikt' },
    { id: 2, providerId: 8, segmentId: null, van: '2026-05-01', tot: null, reden: 'Hele overeenkomst' },
  ]
  it('holds from–to inclusive, for its segment only, or for every segment', () => {
    expect(stopOp(stops, 7, 3, '2026-04-30')).toBeUndefined()
    expect(stopOp(stops, 7, 3, '2026-05-01')?.id).toBe(1)
    expect(stopOp(stops, 7, 3, '2026-06-30')?.id).toBe(1)
    expect(stopOp(stops, 7, 3, '2026-07-01')).toBeUndefined()
    expect(stopOp(stops, 7, 4, '2026-05-15')).toBeUndefined()
    expect(stopOp(stops, 8, 99, '2030-01-01')?.id).toBe(2)
  })
  it('lets the acceptance duty lapse during a stop, except for crisis care', () => {
    expect(acceptatieplichtGeldt(true, stops, 7, 3, '2026-04-30')).toBe(true)
    expect(acceptatieplichtGeldt(true, stops, 7, 3, '2026-05-15')).toBe(false)
    expect(acceptatieplichtGeldt(true, stops, 7, 3, '2026-05-15', true)).toBe(true)
    expect(acceptatieplichtGeldt(false, [], 7, 3, '2026-05-15')).toBe(false)
  })
  it('knows crisis care by JZ020 46 and WMO020 17', () => {
    expect(isCrisis({ wet: 'jeugdwet', productcategorie: '46' })).toBe(true)
    expect(isCrisis({ wet: 'wmo', productcategorie: '17' })).toBe(true)
    expect(isCrisis({ wet: 'wmo', productcategorie: '46' })).toBe(false)
    expect(isCrisisSegment([{ wet: 'jeugdwet', productcategorie: '46' }])).toBe(true)
    expect(isCrisisSegment([{ wet: 'jeugdwet', productcategorie: '46' }, { wet: 'jeugdwet', productcategorie: '45' }])).toBe(false)
    expect(isCrisisSegment([])).toBe(false)
  })
})

describe('meldingsbrief', () => {
  it('states the figures, the article and both last days in Dutch', () => {
    const brief = meldingsbrief({ regio: 'Regio Zuidoost-Utrecht', aanbieder: 'Zorg BV', jaar: 2026, segment: 'Ambulant', soort: 'zeventig_procent', bedragCents: 100_000_00, benutCents: 72_500_00, prognoseCents: 95_000_00, gemeldOp: '2026-09-01' })
    expect(brief).toContain('Onderwerp: melding bestedingsruimte 2026 (artikel 1.5.7 van de overeenkomst)')
    expect(brief).toContain('Van de bestedingsruimte 2026 voor Ambulant van €\u00a0100.000,00 is €\u00a072.500,00 benut (gerealiseerd en verplicht): 72,5\u00a0%. Daarmee is de grens van 70\u00a0% bereikt.')
    expect(brief).toContain('uiterlijk 15 september 2026')
    expect(brief).toContain('uiterlijk 29 september 2026')
    expect(brief).toContain('Crisishulp blijft doorgaan en betalen wij altijd.')
  })
})

describe('onvoldoendeInzet (art. 1.6)', () => {
  const feit = (providerId: number, contractStart: string, gerealiseerdCents: number, gemiddeldCents = 100_000_00) => ({ providerId, contractStart, gerealiseerdCents, gemiddeldCents })
  it('measures the 12 whole calendar months before the reference month', () => {
    expect(inzetPeriode('2026-01-15')).toEqual({ van: '2025-01-01', tot: '2025-12-31' })
    expect(inzetPeriode('2026-03-01')).toEqual({ van: '2025-03-01', tot: '2026-02-28' })
  })
  it('lists a provider contracted over all of them with no or too little realisation, with the 6-month notice', () => {
    const rows = onvoldoendeInzet([feit(1, '2021-01-01', 0), feit(2, '2025-01-01', 9_999_99), feit(3, '2025-01-01', 10_000_00)], '2026-01-15', 10)
    expect(rows).toEqual([
      { ...feit(1, '2021-01-01', 0), periodeVan: '2025-01-01', periodeTot: '2025-12-31', aandeelPct: 0, opzeggingPer: '2026-07-15' },
      { ...feit(2, '2025-01-01', 9_999_99), periodeVan: '2025-01-01', periodeTot: '2025-12-31', aandeelPct: 10, opzeggingPer: '2026-07-15' },
    ])
  })
  it('does not list a provider contracted for less than those 12 months', () => {
    expect(onvoldoendeInzet([feit(1, '2025-01-02', 0)], '2026-01-31', 10)).toEqual([])
    expect(onvoldoendeInzet([feit(1, '2025-01-02', 0)], '2026-02-01', 10)).toHaveLength(1)
  })
})
