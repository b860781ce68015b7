import { describe, expect, it } from 'vitest'
import { type ApprovedLine, type CheckContext, type Prestatie, PrestatieLedger, type ToewijzingFact, allowedVolume, checkPrestatie } from './prestatie.rules.ts'

/** Per month: 2 hours of 45A48 from December 2026 to February 2027, € 90 an hour in 2026. */
const perMaand: ToewijzingFact = {
  id: 1, nummer: 100, clientId: 7, productId: 11, segmentId: 3, productcategorie: '45', productcode: '45A48',
  ingangsdatum: '2026-12-01', einddatum: '2027-02-28', volume: 2, eenheid: '04', frequentie: '4', budgetCents: null, status: 'actief', redenWijziging: null,
}
/** Per week: 2 dagdelen of 45A53 (€ 270 each). 1 December 2026 is a Tuesday. */
const perWeek: ToewijzingFact = { ...perMaand, id: 2, nummer: 200, productId: 12, productcode: '45A53', eenheid: '16', frequentie: '2' }
/** A budget of € 1,000 for categorie 45 without a code. */
const budget: ToewijzingFact = { ...perMaand, id: 3, nummer: 300, productId: 13, productcode: null, eenheid: null, volume: null, frequentie: null, budgetCents: 100_000 }

function context(ledger = new PrestatieLedger(), extra: ToewijzingFact[] = []): CheckContext {
  const all = [perMaand, perWeek, budget, ...extra]
  return {
    toewijzingen: new Map(all.map((t) => [t.nummer, t])),
    tariffs: new Map([
      [11, [{ validFrom: '2026-01-01', validTo: '2026-12-31', amountCents: 9000 }, { validFrom: '2027-01-01', validTo: '2027-12-31', amountCents: 9270 }]],
      [12, [{ validFrom: '2026-01-01', validTo: '2026-12-31', amountCents: 27000 }]],
      [13, [{ validFrom: '2026-01-01', validTo: '2027-12-31', amountCents: 5000 }]],
    ]),
    clientOf: (bsn) => ({ '999900006': 7, '999900018': 8 })[bsn],
    ledger,
    periode: { begindatum: '2026-12-01', einddatum: '2026-12-31' },
  }
}

let ref = 0
const line = (over: Partial<Prestatie> = {}): Prestatie => ({
  volgnummer: 1, bsn: '999900006', referentieNummer: `R${++ref}`, vorigReferentieNummer: null, toewijzingNummer: 100, productcategorie: '45', productcode: '45A48',
  begindatum: '2026-12-01', einddatum: '2026-12-31', volume: 2, eenheid: '04', tariefCents: 9000, bedragCents: 18_000, credit: false, ...over,
})
const week = (begindatum: string, einddatum: string, volume: number, over: Partial<Prestatie> = {}) => line({ toewijzingNummer: 200, productcode: '45A53', eenheid: '16', tariefCents: 27000, bedragCents: volume * 27000, begindatum, einddatum, volume, ...over })

/** Checks and, when approved, books the line as processing does. */
function book(ctx: CheckContext, p: Prestatie, id = ref): string[] {
  const v = checkPrestatie(p, ctx)
  if (v.codes.length === 0) {
    ctx.ledger.add({ id, referentieNummer: p.referentieNummer, toewijzingId: v.toewijzing!.id, clientId: v.toewijzing!.clientId, productcode: p.productcode, begindatum: p.begindatum, einddatum: p.einddatum, volume: p.volume, bedragCents: p.bedragCents, credit: p.credit, credited: false })
    if (v.reverses) ctx.ledger.reverse(v.reverses)
  }
  return v.codes
}

describe('prestatie rules', () => {
  it('approves a prestatie that matches its toewijzing and the contract', () => {
    expect(checkPrestatie(line(), context()).codes).toEqual([])
  })

  it('TR338 (9338): no toewijzing of this provider with that number, or one never sent', () => {
    expect(checkPrestatie(line({ toewijzingNummer: 999 }), context()).codes).toEqual(['9338'])
    expect(checkPrestatie(line({ toewijzingNummer: 400 }), context(undefined, [{ ...perMaand, id: 4, nummer: 400, status: 'wacht_op_akkoord' }])).codes).toEqual(['9338'])
  })

  it('8187: the toewijzing belongs to another client', () => {
    expect(checkPrestatie(line({ bsn: '999900018' }), context()).codes).toEqual(['8187'])
  })

  it('TR384 (9384): nothing on a toewijzing deleted with RedenWijziging 13', () => {
    expect(checkPrestatie(line({ toewijzingNummer: 500 }), context(undefined, [{ ...perMaand, id: 5, nummer: 500, redenWijziging: '13' }])).codes).toEqual(['9384'])
  })

  it('TR339–341 (9339, 9340, 9341): categorie, code and eenheid as allocated', () => {
    expect(checkPrestatie(line({ productcategorie: '43', productcode: '43A01' }), context()).codes).toEqual(expect.arrayContaining(['9339', '9340']))
    expect(checkPrestatie(line({ productcode: '45A53' }), context()).codes).toEqual(['9340'])
    expect(checkPrestatie(line({ eenheid: '01', volume: 120, tariefCents: 150, bedragCents: 18_000 }), context()).codes).toEqual(expect.arrayContaining(['9341']))
  })

  it('TR307/308 (9307, 9308): the product period lies within the toewijzing', () => {
    const ctx = context()
    ctx.periode = { begindatum: '2026-11-01', einddatum: '2026-11-30' }
    expect(checkPrestatie(line({ begindatum: '2026-11-01', einddatum: '2026-11-30' }), ctx).codes).toEqual(expect.arrayContaining(['9307', '9308']))
  })

  it('TR319 (9319): the product period lies within one declaratieperiode, not after this one', () => {
    expect(checkPrestatie(line({ begindatum: '2027-01-01', einddatum: '2027-01-31', tariefCents: 9270, bedragCents: 18_540 }), context()).codes).toContain('9319')
  })

  it('TR387/388 (9387, 9388): a volume per month is declared for the whole month the toewijzing covers', () => {
    expect(checkPrestatie(line({ begindatum: '2026-12-02' }), context()).codes).toEqual(['9387'])
    expect(checkPrestatie(line({ einddatum: '2026-12-30' }), context()).codes).toEqual(['9388'])
    // A toewijzing starting mid-month is declared from its ingangsdatum.
    const late = { ...perMaand, id: 6, nummer: 600, ingangsdatum: '2026-12-10' }
    expect(checkPrestatie(line({ toewijzingNummer: 600, begindatum: '2026-12-10' }), context(undefined, [late])).codes).toEqual([])
  })

  it('9346: IngediendBedrag is GeleverdVolume × ProductTarief', () => {
    expect(checkPrestatie(line({ bedragCents: 18_001 }), context()).codes).toEqual(['9346'])
  })

  it('TR418 (0611): the tariff is the contracted one for the period', () => {
    expect(checkPrestatie(line({ tariefCents: 9500, bedragCents: 19_000 }), context()).codes).toEqual(['0611'])
  })

  it('TR321 (9321): one line within the volume of its own period', () => {
    expect(checkPrestatie(line({ volume: 3, bedragCents: 27_000 }), context()).codes).toEqual(['9321'])
    // 1–13 December touches two weeks (Tue 1st, Mon 7th): at most 4 dagdelen.
    expect(allowedVolume(perWeek, '2026-12-01', '2026-12-13')).toBe(4)
    expect(checkPrestatie(week('2026-12-01', '2026-12-13', 5), context()).codes).toEqual(['9321'])
    expect(checkPrestatie(week('2026-12-01', '2026-12-13', 4), context()).codes).toEqual([])
  })

  it('TR322 (9322): the sum of the approved lines within the volume of the month', () => {
    const ctx = context()
    // December touches five weeks: 10 dagdelen. Three lines each within their own weeks add up to 14.
    expect(book(ctx, week('2026-12-01', '2026-12-09', 4))).toEqual([])
    expect(book(ctx, week('2026-12-10', '2026-12-16', 4))).toEqual([])
    expect(book(ctx, week('2026-12-17', '2026-12-31', 6))).toEqual(['9322'])
    expect(book(ctx, week('2026-12-17', '2026-12-31', 2))).toEqual([])
  })

  it('TR369 (9369): with a budget, the approved amounts stay within it', () => {
    const ctx = context()
    // Aspecific: any code of categorie 45, at its contracted tariff.
    const onBudget = (volume: number, begindatum: string, einddatum: string) => line({ toewijzingNummer: 300, productcode: '45A48', volume, tariefCents: 5000, bedragCents: volume * 5000, begindatum, einddatum })
    expect(book(ctx, onBudget(15, '2026-12-01', '2026-12-10'))).toEqual([])
    expect(book(ctx, onBudget(6, '2026-12-11', '2026-12-20'))).toEqual(['9369'])
    expect(book(ctx, onBudget(5, '2026-12-11', '2026-12-20'))).toEqual([])
  })

  it('TR314 (8021) and TR389 (9389): no ReferentieNummer twice, no period paid twice without a credit', () => {
    const ctx = context()
    const first = line({ referentieNummer: 'A1' })
    expect(book(ctx, first)).toEqual([])
    expect(checkPrestatie(line({ referentieNummer: 'A1' }), ctx).codes).toEqual(expect.arrayContaining(['8021', '9389']))
    // The month's volume is used up too.
    expect(checkPrestatie(line({ referentieNummer: 'A2' }), ctx).codes).toEqual(['9389', '9322'])
  })

  it('credits (8017, 9367, 9390): a credit reverses one approved debit, whole and once; then the period may be declared again', () => {
    const ctx = context()
    expect(book(ctx, line({ referentieNummer: 'D1' }), 1)).toEqual([])
    const credit = (over: Partial<Prestatie> = {}) => line({ referentieNummer: `C${++ref}`, vorigReferentieNummer: 'D1', credit: true, ...over })
    expect(checkPrestatie(credit({ vorigReferentieNummer: 'X' }), ctx).codes).toEqual(['8017'])
    expect(checkPrestatie(credit({ volume: 1, bedragCents: 9000 }), ctx).codes).toEqual(['9367'])
    // A credit names its debit on its own toewijzing: on another one there is none to reverse.
    const otherClient: ToewijzingFact = { ...perMaand, id: 8, nummer: 800, clientId: 8 }
    expect(checkPrestatie(credit({ toewijzingNummer: 800, bsn: '999900018' }), context(ctx.ledger, [otherClient])).codes).toEqual(['8017'])
    const verdict = checkPrestatie(credit(), ctx)
    expect(verdict).toMatchObject({ codes: [], reverses: { id: 1 } })
    expect(book(ctx, credit())).toEqual([])
    expect(checkPrestatie(credit(), ctx).codes).toEqual(['9390'])
    expect(book(ctx, line({ referentieNummer: 'D2' }))).toEqual([])
  })

  it('counts a reversed debit out of the volume again', () => {
    const ledger = new PrestatieLedger()
    const d: ApprovedLine = { id: 1, referentieNummer: 'D', toewijzingId: 1, clientId: 7, productcode: '45A48', begindatum: '2026-12-01', einddatum: '2026-12-31', volume: 2, bedragCents: 18_000, credit: false, credited: false }
    ledger.add(d)
    expect(ledger.volumeIn(1, '2026-12-01')).toBe(2)
    ledger.reverse(d)
    ledger.reverse(d)
    expect([ledger.volumeIn(1, '2026-12-01'), ledger.volumeIn(1, null), ledger.bedragOn(1)]).toEqual([0, 0, 0])
  })
})
