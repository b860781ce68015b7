import { describe, expect, it } from 'vitest'
import {
  type Jaarcijfers,
  type ProviderBeeld,
  declaratiesBovenOmzet,
  defaultInstelling,
  geldendeMaxWinst,
  maxWinstTekst,
  inhuurHoog,
  integriteitSignalen,
  jaarrekeningOntbreekt,
  laatsteVerplichteJaar,
  meldtoets,
  normaliseerNaam,
  opSanctielijst,
  ratios,
  rvtVereist,
  winstBovenMaximum,
} from './integriteit.rules.ts'
import { registratieSchema } from './integriteit.schema.ts'
import { schemaMeldingen } from '../shared/schema-meldingen.ts'

// Hand-made figures: revenue € 1.000.000, of which € 600.000 from the region; result € 80.000.
const j2025: Jaarcijfers = {
  jaar: 2025,
  omzetCents: 1_000_000_00,
  omzetRegioCents: 600_000_00,
  personeelskostenCents: 600_000_00,
  inhuurCents: 200_000_00,
  resultaatCents: 80_000_00,
  eigenVermogenCents: 150_000_00,
  balanstotaalCents: 500_000_00,
  vlottendeActivaCents: 300_000_00,
  kortlopendeSchuldenCents: 250_000_00,
  dividendCents: 40_000_00,
  verbondenPartijenCents: 10_000_00,
}

describe('the ratios of an annual account, by hand', () => {
  it('computes margin, solvency, current ratio, the region’s share and the share of hired care', () => {
    expect(ratios(j2025)).toEqual({
      marge: 0.08, // 80.000 / 1.000.000
      solvabiliteit: 0.3, // 150.000 / 500.000
      currentRatio: 1.2, // 300.000 / 250.000
      aandeelRegio: 0.6, // 600.000 / 1.000.000
      aandeelInhuur: 0.25, // 200.000 / (600.000 + 200.000)
    })
  })
  it('gives no ratio over a zero', () => {
    expect(ratios({ ...j2025, omzetCents: 0, omzetRegioCents: 0, balanstotaalCents: 0, kortlopendeSchuldenCents: 0, personeelskostenCents: 0, inhuurCents: 0 })).toEqual({ marge: null, solvabiliteit: null, currentRatio: null, aandeelRegio: null, aandeelInhuur: null })
  })
  it('holds the profit percentage against the maximum: 8 % above 5 %, not above 8 %', () => {
    expect(winstBovenMaximum(j2025, 5)).toEqual({ winstPct: 8, maxWinstPct: 5, boven: true })
    expect(winstBovenMaximum(j2025, 8)?.boven).toBe(false)
    expect(winstBovenMaximum({ ...j2025, resultaatCents: -10_000_00 }, 0)?.boven).toBe(false)
    expect(winstBovenMaximum({ ...j2025, omzetCents: 0 }, 5)).toBeNull()
  })
  it('holds an account against the lowest maximum of the contracts running in its year, a contract without one counting as the region’s', () => {
    const raam = { contract: 'RAAM-2024', maxWinstPct: 8, validFrom: '2024-01-01', validTo: '2025-06-30' }
    const jeugd = { contract: 'JEUGD-2025', maxWinstPct: 4, validFrom: '2025-07-01', validTo: null }
    const wmo = { contract: 'WMO-2023', maxWinstPct: null, validFrom: '2023-01-01', validTo: '2024-12-31' }
    // No contract: the region's 5 %.
    expect(geldendeMaxWinst([], 2025, 5)).toEqual({ maxWinstPct: 5, bron: 'regio' })
    // 2024: RAAM-2024 (8 %) and WMO-2023 (none, so the region's 5 %) run: the lowest is 5 %, the region's.
    expect(geldendeMaxWinst([raam, jeugd, wmo], 2024, 5)).toEqual({ maxWinstPct: 5, bron: 'regio' })
    // 2025: RAAM-2024 (8 %, until 30 June) and JEUGD-2025 (4 %, from 1 July) both run that year: 4 %.
    expect(geldendeMaxWinst([raam, jeugd, wmo], 2025, 5)).toEqual({ maxWinstPct: 4, bron: 'contract', contract: 'JEUGD-2025' })
    // 2026: JEUGD-2025 alone.
    expect(geldendeMaxWinst([raam, jeugd, wmo], 2026, 5)).toEqual({ maxWinstPct: 4, bron: 'contract', contract: 'JEUGD-2025' })
    // 2024 with RAAM-2024 alone: its 8 % lies above the region's 5 % and still holds (the contract sets it).
    expect(geldendeMaxWinst([raam], 2024, 5)).toEqual({ maxWinstPct: 8, bron: 'contract', contract: 'RAAM-2024' })
    // A tie names the contract, the first by reference.
    expect(geldendeMaxWinst([{ ...raam, maxWinstPct: 5 }, wmo, { ...jeugd, contract: 'A-2024', maxWinstPct: 5, validFrom: '2024-01-01' }], 2024, 5)).toEqual({ maxWinstPct: 5, bron: 'contract', contract: 'A-2024' })
    expect(maxWinstTekst({ maxWinstPct: 4, bron: 'contract', contract: 'JEUGD-2025' })).toMatch(/^4\s%\s\(contract JEUGD-2025\)$/)
    expect(maxWinstTekst({ maxWinstPct: 5, bron: 'regio' })).toMatch(/^5\s%\s\(regio-instelling\)$/)
  })
  it('finds the share of self-employed and subcontracted costs above the threshold', () => {
    expect(inhuurHoog(j2025, 25)).toBe(false)
    expect(inhuurHoog(j2025, 24.9)).toBe(true)
  })
  it('finds declarations outgrowing the revenue reported from the region', () => {
    expect(declaratiesBovenOmzet(600_000_00, 600_000_00)).toBe(false)
    expect(declaratiesBovenOmzet(600_000_01, 600_000_00)).toBe(true)
  })
})

describe('the term for reporting a supervisor’s measure (art. 3.10.3 a)', () => {
  it('gives the GGD and the IGJ 7 calendar days from the measure’s date', () => {
    expect(meldtoets('IGJ', '2026-03-02', '2026-03-09', '2026-04-01')).toEqual({ termijnDagen: 7, uiterlijk: '2026-03-09', dagen: 7, gemeld: true, teLaat: false })
    expect(meldtoets('GGD', '2026-03-02', '2026-03-10', '2026-04-01')).toMatchObject({ dagen: 8, teLaat: true })
    // Calendar days: across a month's end and a weekend alike.
    expect(meldtoets('GGD', '2026-02-26', '2026-03-05', '2026-04-01')).toMatchObject({ uiterlijk: '2026-03-05', teLaat: false })
  })
  it('gives another supervisor (NZa) one day: "direct"', () => {
    expect(meldtoets('NZa', '2026-03-02', '2026-03-03', '2026-04-01').teLaat).toBe(false)
    expect(meldtoets('NZa', '2026-03-02', '2026-03-04', '2026-04-01').teLaat).toBe(true)
  })
  it('holds an unreported measure late once the term has passed', () => {
    expect(meldtoets('IGJ', '2026-03-02', null, '2026-03-09')).toMatchObject({ gemeld: false, teLaat: false, dagen: 7 })
    expect(meldtoets('IGJ', '2026-03-02', null, '2026-03-10')).toMatchObject({ gemeld: false, teLaat: true })
  })
})

describe('the 1 June term of the annual account', () => {
  it('is missing from 1 June of the next year, not on 31 May', () => {
    expect(jaarrekeningOntbreekt(2025, '2026-05-31', false)).toBe(false)
    expect(jaarrekeningOntbreekt(2025, '2026-06-01', false)).toBe(true)
    expect(jaarrekeningOntbreekt(2025, '2026-06-01', true)).toBe(false)
  })
  it('checks the last year that is due', () => {
    expect(laatsteVerplichteJaar('2026-05-31')).toBe(2024)
    expect(laatsteVerplichteJaar('2026-06-01')).toBe(2025)
  })
})

describe('the sanctions-list match', () => {
  const lijst = [
    { naam: 'Jan van der Berg-Ölçer', geboortedatum: '1970-04-01', kvkNummer: null },
    { naam: 'Zorg B.V.', geboortedatum: null, kvkNummer: '12345678' },
  ]
  it('normalises names', () => {
    expect(normaliseerNaam('  Jan  Van der Berg-Ölçer ')).toBe('jan van der berg olcer')
  })
  it('matches a person on name and date of birth, an organisation on name and KvK number, never on a name alone', () => {
    expect(opSanctielijst({ naam: 'JAN VAN DER BERG OLCER', geboortedatum: '1970-04-01' }, lijst)).toBe(lijst[0])
    expect(opSanctielijst({ naam: 'Jan van der Berg-Ölçer', geboortedatum: '1971-04-01' }, lijst)).toBeNull()
    expect(opSanctielijst({ naam: 'Zorg BV', kvkNummer: '12345678' }, lijst)).toBe(lijst[1])
    expect(opSanctielijst({ naam: 'Zorg BV', kvkNummer: '87654321' }, lijst)).toBeNull()
  })
})

describe('the signals of the register', () => {
  const base: ProviderBeeld = {
    providerId: 1,
    naam: 'Zorg B.V.',
    kvkNummer: '11111111',
    ubo: { datum: '2025-01-10', identiteitVastgesteld: true, personen: [{ naam: 'Piet Post', geboortedatum: '1960-01-01' }] },
    bibob: { datum: '2024-05-01', uitkomst: 'positief' },
    maatregelen: [],
    jaarrekeningen: [{ ...j2025, resultaatCents: 30_000_00 }],
    gedeclareerd: { 2025: 500_000_00 },
    jaarrekeningVerplicht: true,
    contracten: [],
  }
  const soorten = (p: ProviderBeeld, lijst: { naam: string; geboortedatum: string | null; kvkNummer: string | null }[] = [], asOf = '2026-07-01') => integriteitSignalen([p], lijst, defaultInstelling, asOf).map((s) => `${s.soort}|${s.sleutel}`)

  it('raises nothing for a provider in order', () => {
    expect(soorten(base)).toEqual([])
  })
  it('raises each kind from its condition', () => {
    expect(soorten({ ...base, ubo: null })).toEqual(['ubo_ontbreekt|-'])
    expect(soorten({ ...base, ubo: { ...base.ubo!, identiteitVastgesteld: false } })).toEqual(['ubo_ontbreekt|-'])
    expect(soorten(base, [{ naam: 'piet post', geboortedatum: '1960-01-01', kvkNummer: null }])).toEqual(['ubo_op_sanctielijst|-'])
    expect(soorten(base, [{ naam: 'Zorg BV', geboortedatum: null, kvkNummer: '11111111' }])).toEqual(['ubo_op_sanctielijst|-'])
    expect(soorten({ ...base, bibob: { datum: '2026-02-01', uitkomst: 'negatief' } })).toEqual(['bibob_negatief|2026'])
    expect(soorten({ ...base, maatregelen: [{ id: 9, bron: 'IGJ', maatregelDatum: '2026-03-02', gemeldOp: '2026-03-10' }] })).toEqual(['maatregel_niet_gemeld|9'])
    expect(soorten({ ...base, jaarrekeningen: [j2025] })).toEqual(['winst_boven_maximum|2025'])
    // 8 % profit: above the region's 5 %, not above a contract's 10 % running in 2025, above its 6 %.
    const contract = (maxWinstPct: number) => [{ contract: 'RAAM-2024', maxWinstPct, validFrom: '2024-01-01', validTo: null }]
    expect(soorten({ ...base, jaarrekeningen: [j2025], contracten: contract(10) })).toEqual([])
    const [raised] = integriteitSignalen([{ ...base, jaarrekeningen: [j2025], contracten: contract(6) }], [], defaultInstelling, '2026-07-01')
    expect(raised?.titel).toMatch(/winst 8\s% in 2025, boven het maximum van 6\s% \(contract RAAM-2024\)$/)
    // 3 % profit: above a contract's 2 %, though below the region's 5 %.
    expect(soorten({ ...base, contracten: contract(2) })).toEqual(['winst_boven_maximum|2025'])
    expect(soorten({ ...base, jaarrekeningen: [{ ...base.jaarrekeningen[0]!, eigenVermogenCents: 50_000_00 }] })).toEqual(['solvabiliteit_laag|2025'])
    expect(soorten({ ...base, jaarrekeningen: [{ ...base.jaarrekeningen[0]!, vlottendeActivaCents: 200_000_00 }] })).toEqual(['liquiditeit_laag|2025'])
    expect(soorten({ ...base, jaarrekeningen: [{ ...base.jaarrekeningen[0]!, inhuurCents: 700_000_00 }] })).toEqual(['inhuur_hoog|2025'])
    expect(soorten({ ...base, gedeclareerd: { 2025: 700_000_00 } })).toEqual(['declaraties_boven_omzet|2025'])
    expect(soorten({ ...base, jaarrekeningen: [] })).toEqual(['jaarrekening_ontbreekt|2025'])
    expect(soorten({ ...base, jaarrekeningen: [] }, [], '2026-05-31')).toEqual(['jaarrekening_ontbreekt|2024'])
    expect(soorten({ ...base, jaarrekeningen: [], jaarrekeningVerplicht: false })).toEqual([])
  })
})

describe('the internal supervisory body (Wet verbetering beschikbaarheid jeugdzorg)', () => {
  it('is required above 10 jeugdhulpverleners with residence, above 25 without', () => {
    expect([rvtVereist(true, 10), rvtVereist(true, 11), rvtVereist(false, 25), rvtVereist(false, 26)]).toEqual([false, true, false, true])
  })
  it('is an entry whose "required" follows the threshold when the care and the number are given', () => {
    const rvt = (gegevens: Record<string, unknown>) => registratieSchema.safeParse({ providerId: 1, soort: 'rvt', datum: '2026-12-01', gegevens })
    expect(rvt({ vereist: true, aanwezig: true, verblijf: true, jeugdhulpverleners: 11 }).success).toBe(true)
    expect(rvt({ vereist: false, aanwezig: false }).success).toBe(true)
    const wrong = rvt({ vereist: false, aanwezig: false, verblijf: false, jeugdhulpverleners: 30 })
    expect(wrong.success).toBe(false)
    expect(schemaMeldingen(wrong.error!)).toEqual([expect.objectContaining({ path: 'gegevens.vereist', melding: 'Intern toezicht is vereist bij meer dan 10 jeugdhulpverleners met verblijf of meer dan 25 zonder verblijf, en anders niet.' })])
  })
})
