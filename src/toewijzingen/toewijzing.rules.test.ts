import { describe, expect, it } from 'vitest'
import { defaultInstruments } from '../test/factory.ts'
import { type ToegangFacts, type ToewijzingProposal, type Wijziging, checkToewijzing, checkVariantFields, checkWijziging, firstUncoveredDay } from './toewijzing.rules.ts'
import { frequencyWindows, verplichtingCents } from './verplichting.ts'

const facts = (over: Partial<ToegangFacts> = {}): ToegangFacts => ({
  client: { gemeenteId: 1, birthDate: '2012-02-14', wijkCode: 'WK035501' },
  product: { id: 10, segmentId: 5, wet: 'jeugdwet', productcategorie: '45', productcode: '45A48', eenheid: '04', variant: 'inspanningsgericht', name: 'Jeugdhulp ambulant' },
  segment: { id: 5, name: 'Ambulant', wet: 'jeugdwet', toegang: defaultInstruments.toegang, bekostiging: defaultInstruments.bekostiging },
  awards: [{ providerId: 1, segmentId: 5, gemeenteIds: [1], validFrom: '2026-01-01', validTo: '2027-12-31' }],
  tariffs: [{ validFrom: '2026-01-01', validTo: '2027-12-31', amountCents: 9000 }],
  preferred: [],
  combinations: [{ name: 'Combinatie Samen', leadProviderId: 1, memberProviderIds: [2] }],
  existing: [],
  pgbs: [],
  providerNames: new Map([[1, 'Hoofd'], [2, 'Onder'], [3, 'Buiten']]),
  ...over,
})
const proposal = (over: Partial<ToewijzingProposal> = {}): ToewijzingProposal => ({
  providerId: 1,
  productId: 10,
  wet: 'jeugdwet',
  ingangsdatum: '2027-01-01',
  einddatum: '2027-06-30',
  omvang: { volume: 2, eenheid: '04', frequentie: '2' },
  budgetCents: null,
  perspective: 'ontwikkeling',
  ...over,
})
const rules = (p: Partial<ToewijzingProposal>, f: Partial<ToegangFacts> = {}) => checkToewijzing(proposal(p), facts(f)).findings.map((x) => `${x.rule}:${x.severity}`)

describe('the toegang rules', () => {
  it('allows a contracted toewijzing within the maximum and records its verplichting', () => {
    const d = checkToewijzing(proposal(), facts())
    expect(d).toMatchObject({ allowed: true, needsException: false })
    // Fri 1 Jan … Wed 30 Jun 2027 touches 27 weeks (the first from Mon 28 Dec 2026).
    expect(d.verplichtingCents).toBe(27 * 2 * 9000)
  })
  it('refuses a new toewijzing to a provider with a cliëntenstop in the segment on the ingangsdatum, not crisis care nor a change (TG-STOP, art. 1.5.9)', () => {
    const stops = [{ id: 1, providerId: 1, segmentId: 5, van: '2027-01-01', tot: '2027-03-31', reden: 'Bestedingsruimte bereikt' }]
    const d = checkToewijzing(proposal(), facts({ stops }))
    expect(d).toMatchObject({ allowed: false, needsException: false })
    expect(d.findings).toEqual([{ rule: 'TG-STOP', severity: 'refusal', path: 'providerId', message: 'Hoofd heeft van 1-1-2027 tot en met 31-3-2027 een cliëntenstop in Ambulant en neemt geen nieuwe cliënten aan (reden: Bestedingsruimte bereikt). Kies een andere aanbieder; crisishulp valt buiten de stop.' }])
    expect(rules({ ingangsdatum: '2027-04-01' }, { stops })).toEqual([])
    expect(rules({}, { stops: [{ ...stops[0]!, segmentId: 6 }] })).toEqual([])
    expect(rules({}, { stops: [{ ...stops[0]!, segmentId: null, tot: null }] })).toEqual(['TG-STOP:refusal'])
    expect(rules({ replacesToewijzingId: 99 }, { stops })).toEqual([])
    expect(rules({}, { stops, product: { ...facts().product, productcategorie: '46', productcode: '46A01', name: 'Crisis' } })).toEqual([])
  })
  it('refuses an einddatum before the ingangsdatum (TG-PERIODE)', () => expect(rules({ einddatum: '2026-12-31' })).toContain('TG-PERIODE:refusal'))
  it('refuses a product of the other law or a taakgericht one (TG-PRODUCT)', () => {
    expect(rules({ wet: 'wmo' })).toContain('TG-PRODUCT:refusal')
    expect(rules({}, { product: { ...facts().product, variant: 'taakgericht', eenheid: null } })).toContain('TG-PRODUCT:refusal')
  })
  it('refuses fields that do not fit the variant (TG-VARIANT)', () => {
    expect(rules({ omvang: null })).toContain('TG-VARIANT:refusal')
    expect(rules({ budgetCents: 1000 })).toContain('TG-VARIANT:refusal')
    expect(rules({ omvang: { volume: 2, eenheid: '16', frequentie: '2' } })).toContain('TG-VARIANT:refusal')
    expect(rules({ omvang: { volume: 2, eenheid: '04', frequentie: '7' } })).toContain('TG-VARIANT:refusal')
  })
  it('refuses more than 9 months for ontwikkeling unless justified, and never beyond stabiliteit (TG-DUUR)', () => {
    expect(rules({ einddatum: '2027-09-30' })).toEqual([])
    expect(rules({ einddatum: '2027-10-01' })).toContain('TG-DUUR:refusal')
    expect(rules({ einddatum: '2027-10-01', justification: 'Behandeling loopt door' })).toEqual([])
    expect(rules({ einddatum: '2027-12-31', perspective: 'stabiliteit' })).toEqual([])
    const tooLong = checkToewijzing(proposal({ ingangsdatum: '2026-01-01', einddatum: '2029-01-01', justification: 'x' }), facts({ awards: [{ ...facts().awards[0]!, validTo: '2030-12-31' }], tariffs: [{ validFrom: '2026-01-01', validTo: '2030-12-31', amountCents: 9000 }] }))
    expect(tooLong.findings.map((f) => f.rule)).toEqual(['TG-DUUR'])
  })
  it('needs an exception for a product without a contracted tariff for the whole period (TG-TARIEF)', () => {
    const d = checkToewijzing(proposal({ einddatum: '2027-06-30' }), facts({ tariffs: [{ validFrom: '2026-01-01', validTo: '2027-03-31', amountCents: 9000 }] }))
    expect(d).toMatchObject({ allowed: false, needsException: true })
    expect(d.findings[0]!.message).toContain('op 1-4-2027 geen gecontracteerd tarief')
  })
  it('needs an exception for a provider not contracted in the segment for this gemeente (TG-GEGUND)', () => {
    expect(rules({ providerId: 3 })).toEqual(['TG-GEGUND:exception'])
    expect(rules({}, { client: { ...facts().client, gemeenteId: 2 } })).toEqual(['TG-GEGUND:exception'])
  })
  it('points a subcontractor to its main contractor (TG-COMBINATIE)', () => {
    const d = checkToewijzing(proposal({ providerId: 2 }), facts())
    expect(d.findings.map((f) => f.rule)).toEqual(['TG-COMBINATIE'])
    expect(d.findings[0]!.message).toContain('Hoofd')
  })
  it('needs an exception to pass by the preferred supplier of the wijk (TG-PREFERENT)', () => {
    const preferred = [{ segmentId: 5, gemeenteId: 1, wijkCode: 'WK035501', providerId: 3, validFrom: '2026-01-01', validTo: null }]
    expect(rules({}, { preferred })).toEqual(['TG-PREFERENT:exception'])
    expect(rules({}, { preferred, client: { ...facts().client, wijkCode: 'WK035502' } })).toEqual([])
  })
  it('refuses a second toewijzing for the same product in an overlapping period, but not over a withdrawn one (TG-OVERLAP)', () => {
    const existing = { id: 7, toewijzingNummer: 70, productId: 10, providerId: 1, ingangsdatum: '2027-06-01', einddatum: '2027-12-31', status: 'actief', deleted: false }
    expect(rules({}, { existing: [existing] })).toEqual(['TG-OVERLAP:refusal'])
    expect(rules({}, { existing: [{ ...existing, deleted: true }] })).toEqual([])
    expect(rules({ replacesToewijzingId: 7 }, { existing: [existing] })).toEqual([])
  })
  it('refuses a verwijzer the segment does not accept (TG-VERWIJZER)', () => expect(rules({ verwijzerType: '06' })).toEqual(['TG-VERWIJZER:refusal']))
  it('warns when the client turns 18 within the period (TG-18)', () => {
    const d = checkToewijzing(proposal(), facts({ client: { ...facts().client, birthDate: '2009-03-15' } }))
    expect(d.allowed).toBe(true)
    expect(d.findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(['TG-18:warning'])
  })
})

describe('the verplichting', () => {
  it('counts every frequency window the period touches', () => {
    expect(frequencyWindows('2027-01-30', '2027-03-02', '4')).toEqual(['2027-01-30', '2027-02-01', '2027-03-01'])
    expect(frequencyWindows('2027-01-01', '2027-01-03', '1')).toHaveLength(3)
    expect(frequencyWindows('2027-01-01', '2027-12-31', '6')).toEqual(['2027-01-01'])
  })
  it('prices each window at its own year tariff, or takes the budget or the euro volume', () => {
    const tariffs = [{ validFrom: '2026-01-01', validTo: '2026-12-31', amountCents: 100 }, { validFrom: '2027-01-01', validTo: '2027-12-31', amountCents: 200 }]
    expect(verplichtingCents({ ingangsdatum: '2026-12-01', einddatum: '2027-01-31', omvang: { volume: 3, eenheid: '04', frequentie: '4' }, budgetCents: null }, tariffs)).toBe(3 * 100 + 3 * 200)
    expect(verplichtingCents({ ingangsdatum: '2026-12-01', einddatum: '2027-01-31', omvang: null, budgetCents: 123_456 }, tariffs)).toBe(123_456)
    expect(verplichtingCents({ ingangsdatum: '2026-12-01', einddatum: '2027-01-31', omvang: { volume: 500_000, eenheid: '83', frequentie: '6' }, budgetCents: null }, [])).toBe(500_000)
    expect(verplichtingCents({ ingangsdatum: '2026-12-01', einddatum: '2027-01-31', omvang: { volume: 1, eenheid: '04', frequentie: '4' }, budgetCents: null }, [])).toBeNull()
  })
  it('finds the first day no period covers', () => {
    expect(firstUncoveredDay([{ validFrom: '2026-01-01', validTo: '2026-12-31' }, { validFrom: '2027-01-02', validTo: '2027-12-31' }], '2026-06-01', '2027-06-01')).toBe('2027-01-01')
    expect(firstUncoveredDay([{ validFrom: '2026-01-01', validTo: '2026-12-31' }, { validFrom: '2027-01-01', validTo: '2027-12-31' }], '2026-06-01', '2027-06-01')).toBeNull()
  })
})

describe('a change on the same ToewijzingNummer', () => {
  const weekly = { einddatum: '2027-06-30' as const, volume: 3, eenheid: '04', frequentie: '2', budgetCents: null }
  const total = { ...weekly, volume: 40, frequentie: '6' }
  const change = (over: Partial<Wijziging> = {}): Wijziging => ({ redenWijziging: '12', einddatum: '2027-06-30', omvang: null, budgetCents: null, onRequest: false, akkoordAanbieder: false, op: '2026-12-01', ...over })
  it('changes the volume of a total (frequentie 6) on the same number, any other omvang not (IV066, OP033x1)', () => {
    expect(checkWijziging(total, change({ omvang: { volume: 60, eenheid: '04', frequentie: '6' } }))).toEqual([])
    expect(checkWijziging(weekly, change({ omvang: { volume: 4, eenheid: '04', frequentie: '2' } })).map((f) => f.rule)).toEqual(['IV066'])
    expect(checkWijziging(total, change({ omvang: { volume: 40, eenheid: '04', frequentie: '4' } })).map((f) => f.rule)).toEqual(['IV066'])
    expect(checkWijziging(weekly, change({ omvang: { volume: 3, eenheid: '04', frequentie: '2' }, einddatum: '2027-12-31' }))).toEqual([])
  })
  it('lowers a total volume or a budget only on the provider\'s request or with its consent (OP298, OP299)', () => {
    const lower = change({ omvang: { volume: 30, eenheid: '04', frequentie: '6' } })
    expect(checkWijziging(total, lower).map((f) => f.rule)).toEqual(['OP298'])
    expect(checkWijziging(total, { ...lower, onRequest: true })).toEqual([])
    expect(checkWijziging(total, { ...lower, akkoordAanbieder: true })).toEqual([])
    const budget = { einddatum: '2027-06-30', volume: null, eenheid: null, frequentie: null, budgetCents: 500_000 }
    expect(checkWijziging(budget, change({ budgetCents: 400_000 })).map((f) => f.rule)).toEqual(['OP299'])
    expect(checkWijziging(budget, change({ budgetCents: 600_000 }))).toEqual([])
    expect(checkWijziging(budget, change({ budgetCents: 400_000, onRequest: true }))).toEqual([])
  })
  it('ends a toewijzing on a day already past only in agreement with the provider, or on the end of care it reported itself (OP186)', () => {
    const same = { omvang: { volume: 3, eenheid: '04', frequentie: '2' } }
    const past = change({ ...same, redenWijziging: '05', einddatum: '2026-11-15' })
    expect(checkWijziging(weekly, past).map((f) => f.rule)).toEqual(['OP186'])
    expect(checkWijziging(weekly, { ...past, akkoordAanbieder: true })).toEqual([])
    expect(checkWijziging(weekly, { ...past, onRequest: true })).toEqual([])
    // The provider stopped care on 10 November (its 307): an end on or after that day it knew of.
    expect(checkWijziging({ ...weekly, gestopt: '2026-11-10' }, past)).toEqual([])
    expect(checkWijziging({ ...weekly, gestopt: '2026-11-20' }, past).map((f) => f.rule)).toEqual(['OP186'])
    // Shortened to today or later, or lengthened: no agreement needed.
    expect(checkWijziging(weekly, change({ ...same, redenWijziging: '05', einddatum: '2026-12-01' }))).toEqual([])
  })
  it('keeps a lower total volume or budget above what approved declarations took (OP345)', () => {
    const taken = { volume: 35, bedragCents: 450_000 }
    expect(checkWijziging({ ...total, declared: taken }, change({ onRequest: true, omvang: { volume: 30, eenheid: '04', frequentie: '6' } })).map((f) => f.rule)).toEqual(['OP345'])
    expect(checkWijziging({ ...total, declared: taken }, change({ onRequest: true, omvang: { volume: 36, eenheid: '04', frequentie: '6' } }))).toEqual([])
    const budget = { einddatum: '2027-06-30', volume: null, eenheid: null, frequentie: null, budgetCents: 500_000, declared: taken }
    expect(checkWijziging(budget, change({ onRequest: true, budgetCents: 400_000 })).map((f) => f.rule)).toEqual(['OP345'])
  })
  it('does not use RedenWijziging 01 (CS336)', () => expect(checkWijziging(weekly, change({ redenWijziging: '01', omvang: { volume: 3, eenheid: '04', frequentie: '2' } })).map((f) => f.rule)).toEqual(['CS336']))
})

describe('a toewijzing without productcode or without Product', () => {
  const aspecifiek = { variant: 'inspanningsgericht' as const, eenheid: '04', productcode: null, name: 'Jeugdhulp ambulant' }
  const generiek = { ...aspecifiek, generiek: true, name: 'Budget ambulant' }
  it('takes a budget and no omvang, aspecific or generic (CD079, CD080, IV075)', () => {
    expect(checkVariantFields({ omvang: null, budgetCents: 250_000 }, aspecifiek)).toEqual([])
    expect(checkVariantFields({ omvang: null, budgetCents: 250_000 }, generiek)).toEqual([])
    expect(checkVariantFields({ omvang: { volume: 2, eenheid: '04', frequentie: '2' }, budgetCents: null }, generiek).map((f) => f.message)).toEqual([expect.stringContaining('CD080'), expect.stringContaining('CD079')])
    expect(checkVariantFields({ omvang: null, budgetCents: null }, aspecifiek).map((f) => f.message)).toEqual([expect.stringContaining('CD079')])
  })
  it('lets no other product of the same provider overlap a generic one (OP259, TR302)', () => {
    const budget = { ...facts().product, id: 11, productcode: null, generiek: true, name: 'Budget ambulant' }
    const existing = { id: 7, toewijzingNummer: 70, productId: 10, providerId: 1, ingangsdatum: '2027-03-01', einddatum: '2027-12-31', status: 'actief', deleted: false }
    expect(rules({ productId: 11, omvang: null, budgetCents: 250_000 }, { product: budget, existing: [existing] })).toEqual(['TG-OVERLAP:refusal'])
    expect(rules({ productId: 11, omvang: null, budgetCents: 250_000 }, { product: budget, existing: [{ ...existing, providerId: 2 }] })).toEqual([])
    expect(rules({}, { existing: [{ ...existing, productId: 11, generiek: true }] })).toEqual(['TG-OVERLAP:refusal'])
  })
  it('lets a Wmo hulpmiddel (categorie 11–14) be allocated twice in one period (iWmo OP259)', () => {
    const existing = { id: 7, toewijzingNummer: 70, productId: 20, providerId: 1, ingangsdatum: '2027-03-01', einddatum: '2027-12-31', status: 'actief', deleted: false }
    const hulpmiddel = { ...facts().product, id: 20, wet: 'wmo' as const, productcategorie: '12', productcode: '12A01', name: 'Rolstoel' }
    const wmo = { wet: 'wmo' as const, productId: 20 }
    expect(checkToewijzing(proposal(wmo), facts({ product: hulpmiddel, existing: [existing] })).findings.map((f) => f.rule)).not.toContain('TG-OVERLAP')
    expect(checkToewijzing(proposal(wmo), facts({ product: { ...hulpmiddel, productcategorie: '02', productcode: '02A01' }, existing: [existing] })).findings.map((f) => f.rule)).toContain('TG-OVERLAP')
  })
})

describe('the uitvoeringsvariant', () => {
  it('allows an outputgericht amount in euro per month or per week, as CS338 does (IV042 voorbeeld 2A)', () => {
    const output = { variant: 'outputgericht' as const, eenheid: '83', productcode: '54001', name: 'Traject' }
    expect(checkVariantFields({ omvang: { volume: 20_000, eenheid: '83', frequentie: '4' }, budgetCents: null }, output)).toEqual([])
    expect(checkVariantFields({ omvang: { volume: 20_000, eenheid: '83', frequentie: '2' }, budgetCents: null }, output)).toEqual([])
    expect(checkVariantFields({ omvang: { volume: 20_000, eenheid: '83', frequentie: '1' }, budgetCents: null }, output).map((f) => f.rule)).toEqual(['TG-VARIANT'])
  })
})
