import { describe, expect, it } from 'vitest'
import { type StoredToegewezenProduct, answerDue, checkAntwoord, gezagsRelaties, toegewezenProducten } from './toewijzingbericht.rules.ts'

const row = (over: Partial<StoredToegewezenProduct> = {}): StoredToegewezenProduct => ({
  id: 1,
  version: 1,
  sentVersion: 1,
  ingangsdatum: '2027-01-01',
  einddatum: '2027-06-30',
  redenWijziging: null,
  referentieAanbieder: null,
  ...over,
})
const gemeente = { kind: 'gemeente' } as const

describe('the ToegewezenProducten of a 301', () => {
  it('carries every current toewijzing and those changed since the last 301, not an old unchanged one (OP087)', () => {
    const rows = [row({ id: 1 }), row({ id: 2, einddatum: '2027-01-31' }), row({ id: 3, einddatum: '2027-01-31', version: 2, redenWijziging: '05' })]
    expect(toegewezenProducten(rows, '2027-02-10', gemeente).map((l) => l.id)).toEqual([1, 3])
  })
  it('leaves out a withdrawn toewijzing once sent, and one withdrawn before it was ever sent (OP087, CS335)', () => {
    const withdrawn = row({ id: 4, einddatum: '2027-01-01', redenWijziging: '13', version: 2 })
    expect(toegewezenProducten([withdrawn], '2026-12-20', gemeente)).toEqual([{ id: 4, redenWijziging: '13', referentieAanbieder: undefined }])
    expect(toegewezenProducten([{ ...withdrawn, sentVersion: 2 }], '2026-12-20', gemeente)).toEqual([])
    expect(toegewezenProducten([{ ...withdrawn, sentVersion: null }], '2026-12-20', gemeente)).toEqual([])
  })
  it('fills RedenWijziging only for a product changed since it was last sent, never on an initial one (IV099, IV066)', () => {
    const lines = toegewezenProducten([row({ id: 1, version: 3, sentVersion: 3, redenWijziging: '04' }), row({ id: 2, version: 2, sentVersion: 1, redenWijziging: '04' }), row({ id: 3, version: 2, sentVersion: null, redenWijziging: null })], '2027-02-01', gemeente)
    expect(lines.map((l) => l.redenWijziging)).toEqual([undefined, '04', undefined])
  })
  it('gives a toewijzing honouring a 315 its ReferentieAanbieder the first time only, and none to the others (TR379, IV094, IV097)', () => {
    const first = toegewezenProducten([row({ id: 1, referentieAanbieder: 'OUD' }), row({ id: 2, sentVersion: null, referentieAanbieder: 'NIEUW' })], '2027-02-01', gemeente)
    expect(first.map((l) => l.referentieAanbieder)).toEqual([undefined, 'NIEUW'])
    const later = toegewezenProducten([row({ id: 2, version: 2, sentVersion: 1, redenWijziging: '04', referentieAanbieder: 'NIEUW' })], '2027-02-01', gemeente)
    expect(later[0]!.referentieAanbieder).toBeUndefined()
  })
  it('gives every product of the answer to a 317 its one ReferentieAanbieder, unchanged ones without RedenWijziging (IV093, IV097)', () => {
    const lines = toegewezenProducten([row({ id: 1 }), row({ id: 2, version: 2, redenWijziging: '12' }), row({ id: 3, sentVersion: null })], '2027-02-01', { kind: 'vow', referentieAanbieder: '667788' })
    expect(lines).toEqual([
      { id: 1, redenWijziging: undefined, referentieAanbieder: '667788' },
      { id: 2, redenWijziging: '12', referentieAanbieder: '667788' },
      { id: 3, redenWijziging: undefined, referentieAanbieder: '667788' },
    ])
  })
})

describe('the gezagsdrager in the 301', () => {
  const r = { wet: 'jeugdwet' as const, gezagBijClient: false, gezagsdragerBekend: false, gezagsdragers: ['moeder', 'vader'] }
  it('goes as Relatie into an iJw 301 (OP002), not into an iWmo one', () => {
    expect(gezagsRelaties(r)).toEqual(['moeder', 'vader'])
    expect(gezagsRelaties({ ...r, wet: 'wmo' })).toEqual([])
  })
  it('stays out when the client holds the authority (OP002x2) or the 315 said it is known (OP002x1)', () => {
    expect(gezagsRelaties({ ...r, gezagBijClient: true })).toEqual([])
    expect(gezagsRelaties({ ...r, gezagsdragerBekend: true })).toEqual([])
  })
})

describe('the 319', () => {
  const base = { wet: 'jeugdwet' as const, kind: '315' as const, verzoekAntwoord: '1' as const, redenAfwijzingVerzoek: '7', woonplaatsGemeente: undefined, ownCbsCode: '0355' }
  const rules = (over: Partial<typeof base> | Record<string, unknown>) => checkAntwoord({ ...base, ...over }).map((f) => f.rule)
  it('gives a refusal its reason and leaves it out of "in onderzoek" (CD085, CD086)', () => {
    expect(rules({})).toEqual([])
    expect(rules({ redenAfwijzingVerzoek: undefined })).toEqual(['CD085'])
    expect(rules({ verzoekAntwoord: '2', redenAfwijzingVerzoek: undefined })).toEqual([])
    expect(rules({ verzoekAntwoord: '2' })).toEqual(['CD086'])
  })
  it('names the responsible gemeente with reden 8, and only then (TR377, TR409, IV095)', () => {
    expect(rules({ redenAfwijzingVerzoek: '8', woonplaatsGemeente: '0344' })).toEqual([])
    expect(rules({ redenAfwijzingVerzoek: '8' })).toEqual(['TR377'])
    expect(rules({ redenAfwijzingVerzoek: '8', woonplaatsGemeente: '0355' })).toEqual(['IV095'])
    expect(rules({ redenAfwijzingVerzoek: '5', woonplaatsGemeente: '0344' })).toEqual(['TR409'])
  })
  it('keeps reden 8 to a Jeugdwet verzoek om toewijzing (WJ759, veelgestelde vragen)', () => {
    expect(rules({ wet: 'wmo', redenAfwijzingVerzoek: '8', woonplaatsGemeente: '0344' })).toEqual(['WJ759'])
    expect(rules({ kind: '317', redenAfwijzingVerzoek: '8', woonplaatsGemeente: '0344' })).toEqual(['WJ759'])
  })
  it('is due 5 working days after receipt, and 8 weeks after the Dagtekening once "in onderzoek" (OP274, OP346)', () => {
    expect(answerDue({ receivedOn: '2026-11-03', dagtekening: '2026-11-02', inOnderzoek: false })).toBe('2026-11-10')
    expect(answerDue({ receivedOn: '2026-11-03', dagtekening: '2026-11-02', inOnderzoek: true })).toBe('2026-12-28')
  })
})
