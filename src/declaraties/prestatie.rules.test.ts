import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, monthEnd, monthStart, weekday } from '../shared/dates.ts'
import {
  type ApprovedLine,
  type CheckContext,
  type DeclaredProduct,
  type Prestatie,
  PrestatieLedger,
  type ToewijzingFact,
  checkPrestatie,
  creditsFirst,
  maxVolumeInPeriod,
  maxVolumeOverToewijzing,
  perMinuut,
  sundaysBetween,
} from './prestatie.rules.ts'

/** Per month: 2 hours of 45A48 from December 2026 to February 2027, € 90 an hour in 2026, € 92.70 in 2027. */
const perMaand: ToewijzingFact = {
  id: 1, nummer: 100, clientId: 7, productId: 11, segmentId: 3, productcategorie: '45', productcode: '45A48',
  ingangsdatum: '2026-12-01', einddatum: '2027-02-28', volume: 2, eenheid: '04', frequentie: '4', budgetCents: null, status: 'actief', redenWijziging: null,
}
/** Per week: 2 dagdelen of 45A53 (€ 270 each). 1 December 2026 is a Tuesday. */
const perWeek: ToewijzingFact = { ...perMaand, id: 2, nummer: 200, productId: 12, productcode: '45A53', eenheid: '16', frequentie: '2' }
/** Aspecific (OP302): categorie 45 without a code, a budget of € 1,000 and no Omvang (TR412). */
const budget: ToewijzingFact = { ...perMaand, id: 3, nummer: 300, productId: 13, productcode: null, eenheid: null, volume: null, frequentie: null, budgetCents: 100_000 }

/** The region's product list for Jeugdwet: 45A48 per hour, 45A53 per dagdeel, 45 without a code (the aspecific toewijzing's), 45A49 per hour at € 87.30. */
const products = new Map<string, DeclaredProduct>([
  ['45|45A48', { id: 11, eenheid: '04' }],
  ['45|45A53', { id: 12, eenheid: '16' }],
  ['45|', { id: 13, eenheid: null }],
  ['45|45A49', { id: 14, eenheid: '04' }],
])

function context(ledger = new PrestatieLedger(), extra: ToewijzingFact[] = []): CheckContext & { referenties: Set<string> } {
  const all = [perMaand, perWeek, budget, ...extra]
  return {
    toewijzingen: new Map(all.map((t) => [t.nummer, t])),
    tariffs: new Map([
      [11, [{ validFrom: '2022-01-01', validTo: '2026-12-31', amountCents: 9000 }, { validFrom: '2027-01-01', validTo: '2027-12-31', amountCents: 9270 }]],
      [12, [{ validFrom: '2022-01-01', validTo: '2027-12-31', amountCents: 27000 }]],
      [14, [{ validFrom: '2021-01-01', validTo: '2027-12-31', amountCents: 8730 }]],
    ]),
    clientOf: (bsn) => ({ '999900006': 7, '999900018': 8 })[bsn],
    ledger,
    periode: { begindatum: '2026-12-01', einddatum: '2026-12-31' },
    products: { product: (categorie, code) => products.get(`${categorie}|${code ?? ''}`) },
    referenties: new Set(),
  }
}

let ref = 0
const line = (over: Partial<Prestatie> = {}): Prestatie => ({
  volgnummer: 1, bsn: '999900006', referentieNummer: `R${++ref}`, vorigReferentieNummer: null, toewijzingNummer: 100, productcategorie: '45', productcode: '45A48',
  begindatum: '2026-12-01', einddatum: '2026-12-31', volume: 2, eenheid: '04', tariefCents: 9000, bedragCents: 18_000, credit: false, ...over,
})
const dagdelen = (volume: number, over: Partial<Prestatie> = {}) => line({ toewijzingNummer: 200, productcode: '45A53', eenheid: '16', tariefCents: 27000, bedragCents: volume * 27000, volume, ...over })

/** Checks and, when approved, books the line as processing does: every ReferentieNummer is remembered, approved lines go in the ledger. */
function book(ctx: ReturnType<typeof context>, p: Prestatie, id = ref): string[] {
  const v = checkPrestatie(p, ctx)
  ctx.referenties.add(p.referentieNummer)
  if (v.codes.length === 0) {
    ctx.ledger.add({ id, referentieNummer: p.referentieNummer, toewijzingId: v.toewijzing!.id, clientId: v.toewijzing!.clientId, productcode: p.productcode, begindatum: p.begindatum, einddatum: p.einddatum, volume: p.volume, eenheid: p.eenheid, bedragCents: p.bedragCents, credit: p.credit, credited: false })
    if (v.reverses) ctx.ledger.reverse(v.reverses)
  }
  return v.codes
}

/** A toewijzing per week from the worked examples: `volume` per week of 45A48 (hours), or of euro's (output). */
const weekly = (ingangsdatum: string, einddatum: string, volume: number, over: Partial<ToewijzingFact> = {}): ToewijzingFact => ({ ...perMaand, id: 9, nummer: 900, ingangsdatum, einddatum, volume, frequentie: '2', ...over })
/** The maximum per product period (month) of a toewijzing, month by month. */
const perProductPeriode = (t: ToewijzingFact, months: string[]) => months.map((m) => maxVolumeInPeriod(t, m < t.ingangsdatum ? t.ingangsdatum : m, monthEnd(m) > t.einddatum ? t.einddatum : monthEnd(m)))

describe('prestatie rules', () => {
  it('approves a prestatie that matches its toewijzing and the contract', () => {
    expect(checkPrestatie(line(), context()).codes).toEqual([])
  })

  it('TR338 (9338): no toewijzing of this provider with that number, or one never sent', () => {
    expect(checkPrestatie(line({ toewijzingNummer: 999 }), context()).codes).toEqual(['9338'])
    expect(checkPrestatie(line({ toewijzingNummer: 400 }), context(undefined, [{ ...perMaand, id: 4, nummer: 400, status: 'wacht_op_akkoord' }])).codes).toEqual(['9338'])
  })

  it('TR304 (8187): the toewijzing belongs to another client', () => {
    expect(checkPrestatie(line({ bsn: '999900018' }), context()).codes).toEqual(['8187'])
    expect(checkPrestatie(line({ bsn: '999900031' }), context()).codes).toEqual(['8187'])
  })

  it('TR384 (9384): nothing on a toewijzing deleted with RedenWijziging 13', () => {
    expect(checkPrestatie(line({ toewijzingNummer: 500 }), context(undefined, [{ ...perMaand, id: 5, nummer: 500, redenWijziging: '13' }])).codes).toEqual(['9384'])
  })

  it('TR339 (9339), TR340 (9340): categorie and, on a specific toewijzing, code as allocated', () => {
    // 43A01 is not on the region's list either (TR381).
    expect(checkPrestatie(line({ productcategorie: '43', productcode: '43A01' }), context()).codes).toEqual(['9339', '9340', 'S329'])
    // 45A53 is on the list: its own tariff (€ 270) is the contractual one, not the toewijzing's product's (TR418).
    expect(checkPrestatie(line({ productcode: '45A53' }), context()).codes).toEqual(['9340', '0611'])
  })

  it('TR339/TR340 on a generic toewijzing (a Budget without Product, IV075): any product of the list, at its contracted tariff', () => {
    const generiek: ToewijzingFact = { ...budget, id: 4, nummer: 400, productId: 15, productcategorie: null }
    // 45A49 at € 87.30 an hour, 2 hours: nothing to compare the categorie or code with.
    expect(checkPrestatie(line({ toewijzingNummer: 400, productcode: '45A49', tariefCents: 8730, bedragCents: 17_460 }), context(new PrestatieLedger(), [generiek])).codes).toEqual([])
    // The same line on the aspecific toewijzing of categorie 45 passes too, but categorie 43 there does not.
    expect(checkPrestatie(line({ toewijzingNummer: 300, productcategorie: '43', productcode: '43A01', tariefCents: 8730, bedragCents: 17_460 }), context()).codes).toContain('9339')
    expect(checkPrestatie(line({ toewijzingNummer: 400, productcategorie: '43', productcode: '43A01', tariefCents: 8730, bedragCents: 17_460 }), context(new PrestatieLedger(), [generiek])).codes).not.toContain('9339')
  })

  it('TR381 (S329): the ProductCode must be on the product list for its categorie', () => {
    expect(checkPrestatie(line({ toewijzingNummer: 300, productcode: '45Z99', tariefCents: 5000, bedragCents: 10_000 }), context()).codes).toEqual(['S329'])
  })

  it('OP302 with TR418 (0611) and TR341 (9341): an aspecific toewijzing is declared with any code of its categorie, at that code’s contracted tariff and unit', () => {
    const ctx = context()
    expect(checkPrestatie(dagdelen(2, { toewijzingNummer: 300 }), ctx).codes).toEqual([])
    expect(checkPrestatie(line({ toewijzingNummer: 300 }), ctx).codes).toEqual([])
    expect(checkPrestatie(dagdelen(2, { toewijzingNummer: 300, tariefCents: 5000, bedragCents: 10_000 }), ctx).codes).toEqual(['0611'])
    // 45A53 is contracted per dagdeel (16): hours do not fit it.
    expect(checkPrestatie(dagdelen(2, { toewijzingNummer: 300, eenheid: '04' }), ctx).codes).toEqual(['9341'])
  })

  it('TR341 (9341): the unit of the toewijzing, or minutes against hours (IV081)', () => {
    expect(checkPrestatie(line({ eenheid: '16' }), context()).codes).toEqual(['9341'])
    // 120 minutes at € 90 an hour: ProductTarief 150, IngediendBedrag 9000 × 120 / 60.
    expect(checkPrestatie(line({ eenheid: '01', volume: 120, tariefCents: 150, bedragCents: 18_000 }), context()).codes).toEqual([])
    // Hours against a toewijzing in minutes do not fit.
    const inMinuten: ToewijzingFact = { ...perMaand, id: 10, nummer: 1000, eenheid: '01', volume: 120 }
    expect(checkPrestatie(line({ toewijzingNummer: 1000 }), context(undefined, [inMinuten])).codes).toEqual(['9341'])
  })

  it('TR346 (9346): IngediendBedrag is GeleverdVolume × ProductTarief; in minutes, the hourly tariff × minutes / 60 rounded (IV081)', () => {
    expect(checkPrestatie(line({ bedragCents: 18_001 }), context()).codes).toEqual(['9346'])
    // IV081: € 87.30 an hour is € 1.455 a minute, ProductTarief 1.46; 95 minutes cost 8730 × 95 / 60 = 13822.5 → € 138.23, not 95 × 1.46.
    expect([perMinuut.tarief(8730), perMinuut.bedrag(8730, 95)]).toEqual([146, 13_823])
    const ctx = context(undefined, [{ ...perMaand, id: 11, nummer: 1100, productId: 14, productcode: '45A49' }])
    const minuten = (over: Partial<Prestatie>) => line({ toewijzingNummer: 1100, productcode: '45A49', eenheid: '01', volume: 95, tariefCents: 146, ...over })
    expect(checkPrestatie(minuten({ bedragCents: 13_823 }), ctx).codes).toEqual([])
    expect(checkPrestatie(minuten({ bedragCents: 13_870 }), ctx).codes).toEqual(['9346'])
  })

  it('TR418 (0611): the tariff is the contracted one of the ProductCode on the period’s first day', () => {
    expect(checkPrestatie(line({ tariefCents: 9500, bedragCents: 19_000 }), context()).codes).toEqual(['0611'])
    // Per minute the tariff is the hourly one / 60, rounded: 145 is not 146.
    const ctx = context(undefined, [{ ...perMaand, id: 11, nummer: 1100, productId: 14, productcode: '45A49' }])
    expect(checkPrestatie(line({ toewijzingNummer: 1100, productcode: '45A49', eenheid: '01', volume: 95, tariefCents: 145, bedragCents: 13_823 }), ctx).codes).toEqual(['0611'])
  })

  it('TR307/308 (9307, 9308): the product period lies within the toewijzing', () => {
    const ctx = context()
    ctx.periode = { begindatum: '2026-11-01', einddatum: '2026-11-30' }
    expect(checkPrestatie(line({ begindatum: '2026-11-01', einddatum: '2026-11-30' }), ctx).codes).toEqual(['9307', '9308'])
    ctx.periode = { begindatum: '2027-03-01', einddatum: '2027-03-31' }
    expect(checkPrestatie(line({ begindatum: '2027-03-01', einddatum: '2027-03-31', tariefCents: 9270, bedragCents: 18_540 }), ctx).codes).toEqual(['9307', '9308'])
  })

  it('TR319 (9319): the product period lies in this declaratieperiode or an earlier one', () => {
    expect(checkPrestatie(line({ begindatum: '2027-01-01', einddatum: '2027-01-31', tariefCents: 9270, bedragCents: 18_540 }), context()).codes).toEqual(['9319'])
    const ctx = context()
    ctx.periode = { begindatum: '2027-02-01', einddatum: '2027-02-28' }
    // December declared late, in February (IV090).
    expect(checkPrestatie(line(), ctx).codes).toEqual([])
  })

  it('TR387/388 (9387, 9388): every product period is the calendar month, or the part the toewijzing covers (IV089)', () => {
    expect(checkPrestatie(line({ begindatum: '2026-12-02' }), context()).codes).toEqual(['9387'])
    expect(checkPrestatie(line({ einddatum: '2026-12-30' }), context()).codes).toEqual(['9388'])
    // Not only for a volume per month: per week too, and on a budget.
    expect(checkPrestatie(dagdelen(2, { einddatum: '2026-12-07' }), context()).codes).toEqual(['9388'])
    expect(checkPrestatie(line({ toewijzingNummer: 300, begindatum: '2026-12-11' }), context()).codes).toEqual(['9387'])
    // IV089's example: a toewijzing from 8 April to 17 June 2022 is declared 08-04 – 30-04, 01-05 – 31-05, 01-06 – 17-06.
    const t: ToewijzingFact = { ...perMaand, id: 6, nummer: 600, ingangsdatum: '2022-04-08', einddatum: '2022-06-17' }
    const ctx = context(undefined, [t])
    ctx.periode = { begindatum: '2022-06-01', einddatum: '2022-06-30' }
    for (const [begindatum, einddatum] of [['2022-04-08', '2022-04-30'], ['2022-05-01', '2022-05-31'], ['2022-06-01', '2022-06-17']]) {
      expect(checkPrestatie(line({ toewijzingNummer: 600, begindatum, einddatum }), ctx).codes).toEqual([])
    }
    expect(checkPrestatie(line({ toewijzingNummer: 600, begindatum: '2022-04-01', einddatum: '2022-04-30' }), ctx).codes).toEqual(['9307'])
    expect(checkPrestatie(line({ toewijzingNummer: 600, begindatum: '2022-06-01', einddatum: '2022-06-16' }), ctx).codes).toEqual(['9388'])
  })

  it('TR314 (8021): a ReferentieNummer is used once by the provider in the law — across toewijzingen and messages, approved or not', () => {
    const ctx = context()
    // Used before on a prestatie that was rejected.
    expect(book(ctx, line({ referentieNummer: 'A1', tariefCents: 1, bedragCents: 2 }))).toEqual(['0611'])
    expect(checkPrestatie(line({ referentieNummer: 'A1' }), ctx).codes).toEqual(['8021'])
    // On another toewijzing of the provider.
    expect(checkPrestatie(dagdelen(2, { referentieNummer: 'A1' }), ctx).codes).toEqual(['8021'])
    expect(checkPrestatie(line({ referentieNummer: 'A2' }), ctx).codes).toEqual([])
  })

  it('TR389 (9389): a period, product and toewijzing already paid is credited before it is declared again', () => {
    const ctx = context()
    expect(book(ctx, line())).toEqual([])
    expect(checkPrestatie(line({ volume: 0, bedragCents: 0 }), ctx).codes).toEqual(['9389'])
    // Another code on an aspecific toewijzing is another prestatie for the same period.
    expect(book(ctx, line({ toewijzingNummer: 300, volume: 1, bedragCents: 9000 }))).toEqual([])
    expect(book(ctx, dagdelen(1, { toewijzingNummer: 300 }))).toEqual([])
    expect(checkPrestatie(dagdelen(1, { toewijzingNummer: 300 }), ctx).codes).toEqual(['9389'])
  })

  describe('TR321 (9321) and TR322 (9322): the volume of one prestatie and of all, by IV077 and IV078', () => {
    it('per month: the whole volume also in a broken month (IV078, example 2), and the months together', () => {
      // 15 hours a month from 12 October to 13 December 2021: October 12–31 may have 15.
      const t: ToewijzingFact = { ...perMaand, id: 7, nummer: 700, ingangsdatum: '2021-10-12', einddatum: '2021-12-13', volume: 15, productId: 14, productcode: '45A49' }
      const ctx = context(undefined, [t])
      ctx.periode = { begindatum: '2021-12-01', einddatum: '2021-12-31' }
      const uren = (volume: number, begindatum: string, einddatum: string) => line({ toewijzingNummer: 700, productcode: '45A49', volume, tariefCents: 8730, bedragCents: volume * 8730, begindatum, einddatum })
      expect(maxVolumeInPeriod(t, '2021-10-12', '2021-10-31')).toBe(15)
      expect(maxVolumeOverToewijzing(t)).toBe(45)
      expect(book(ctx, uren(16, '2021-10-12', '2021-10-31'))).toEqual(['9321'])
      expect(book(ctx, uren(15, '2021-10-12', '2021-10-31'))).toEqual([])
      expect(book(ctx, uren(15, '2021-11-01', '2021-11-30'))).toEqual([])
      expect(book(ctx, uren(15, '2021-12-01', '2021-12-13'))).toEqual([])
    })

    it('per week, inspanningsgericht: calendar weeks per product period, and the weeks of the toewijzing in total (IV077 example)', () => {
      // 3 hours a week from 11 October to 28 December 2022: October 4 weeks (41–44), November 5 (44–48), December 5 (48–52); in all weeks 41–52, 12 weeks, 36 hours.
      const t = weekly('2022-10-11', '2022-12-28', 3, { productId: 14, productcode: '45A49' })
      expect(perProductPeriode(t, ['2022-10-01', '2022-11-01', '2022-12-01'])).toEqual([12, 15, 15])
      expect(maxVolumeOverToewijzing(t)).toBe(36)
      const ctx = context(undefined, [t])
      ctx.periode = { begindatum: '2022-12-01', einddatum: '2022-12-31' }
      const uren = (volume: number, begindatum: string, einddatum: string) => line({ toewijzingNummer: 900, productcode: '45A49', volume, tariefCents: 8730, bedragCents: volume * 8730, begindatum, einddatum })
      expect(book(ctx, uren(13, '2022-10-11', '2022-10-31'))).toEqual(['9321'])
      expect(book(ctx, uren(12, '2022-10-11', '2022-10-31'))).toEqual([])
      expect(book(ctx, uren(15, '2022-11-01', '2022-11-30'))).toEqual([])
      // December alone allows 15, but 27 are declared of the toewijzing's 36: 9 are left.
      expect(book(ctx, uren(15, '2022-12-01', '2022-12-28'))).toEqual(['9322'])
      expect(book(ctx, uren(10, '2022-12-01', '2022-12-28'))).toEqual(['9322'])
      expect(book(ctx, uren(9, '2022-12-01', '2022-12-28'))).toEqual([])
    })

    it('per week, inspanningsgericht: the werkwijze’s example 1 (13 April – 30 June 2022, 3 hours)', () => {
      const t = weekly('2022-04-13', '2022-06-30', 3)
      expect([...perProductPeriode(t, ['2022-04-01', '2022-05-01', '2022-06-01']), maxVolumeOverToewijzing(t)]).toEqual([9, 18, 15, 36])
    })

    it('per week, Wmo hulp bij het huishouden (categorie 01): six weeks per product period, the weeks of the toewijzing in total (werkwijze example 2, TR321 iWmo)', () => {
      const t = weekly('2022-05-01', '2022-07-31', 1, { productcategorie: '01', productcode: '01A05' })
      expect([...perProductPeriode(t, ['2022-05-01', '2022-06-01', '2022-07-01']), maxVolumeOverToewijzing(t)]).toEqual([6, 6, 6, 14])
      // Any other categorie per week counts calendar weeks: May 2022 touches weeks 17–22.
      expect(perProductPeriode({ ...t, productcategorie: '02' }, ['2022-05-01', '2022-06-01', '2022-07-01'])).toEqual([6, 5, 5])
    })

    it('per week, outputgericht: the Sundays in the product period, plus the broken last week where the last Sunday lies (IV076, IV077)', () => {
      const euro = (ingangsdatum: string, einddatum: string, cents: number) => weekly(ingangsdatum, einddatum, cents, { eenheid: '83' })
      // IV077: € 300 a week from 11 October to 31 December 2022 (a Saturday): 3, 4 and 4 + 1 weeks.
      expect(perProductPeriode(euro('2022-10-11', '2022-12-31', 30_000), ['2022-10-01', '2022-11-01', '2022-12-01'])).toEqual([90_000, 120_000, 150_000])
      // IV076 example 1, ending on Sunday 4 September: 900, 1200, 300.
      expect(perProductPeriode(euro('2022-07-11', '2022-09-04', 30_000), ['2022-07-01', '2022-08-01', '2022-09-01'])).toEqual([90_000, 120_000, 30_000])
      // IV076 example 2, ending on Saturday 3 September: the last week goes with August (1500), September has none.
      expect(perProductPeriode(euro('2022-07-11', '2022-09-03', 30_000), ['2022-07-01', '2022-08-01', '2022-09-01'])).toEqual([90_000, 150_000, 0])
      // The werkwijze's examples at € 150 a week.
      expect(perProductPeriode(euro('2022-04-15', '2022-06-04', 15_000), ['2022-04-01', '2022-05-01', '2022-06-01'])).toEqual([30_000, 90_000, 0])
      expect(perProductPeriode(euro('2022-04-15', '2022-07-31', 15_000), ['2022-04-01', '2022-05-01', '2022-06-01', '2022-07-01'])).toEqual([30_000, 75_000, 60_000, 75_000])
    })

    it('per week, outputgericht: a declaration for the month after the last Sunday is refused (9321)', () => {
      const t = weekly('2022-07-11', '2022-09-03', 30_000, { eenheid: '83' })
      const ctx = context(undefined, [t])
      ctx.periode = { begindatum: '2022-09-01', einddatum: '2022-09-30' }
      const euros = (volume: number, begindatum: string, einddatum: string) => line({ toewijzingNummer: 900, eenheid: '83', volume, tariefCents: null, bedragCents: volume, begindatum, einddatum })
      expect(checkPrestatie(euros(30_000, '2022-09-01', '2022-09-03'), ctx).codes).toEqual(['9321'])
      expect(checkPrestatie(euros(150_000, '2022-08-01', '2022-08-31'), ctx).codes).toEqual([])
    })

    it('minutes against hours count as the hours they are', () => {
      const ctx = context()
      expect(book(ctx, line({ eenheid: '01', volume: 121, tariefCents: 150, bedragCents: 18_150 }))).toEqual(['9321'])
      expect(book(ctx, line({ eenheid: '01', volume: 90, tariefCents: 150, bedragCents: 13_500 }))).toEqual([])
      expect(ctx.ledger.sixtiethsIn(1, '2026-12-01')).toBe(90)
    })

    it('TR322 per declaratieperiode: lines of one month on a toewijzing whose dates changed since count together', () => {
      // A debit for all of December was approved; the toewijzing now starts on 10 December.
      const ledger = new PrestatieLedger()
      ledger.add({ id: 1, referentieNummer: 'OLD', toewijzingId: 1, clientId: 7, productcode: '45A48', begindatum: '2026-12-01', einddatum: '2026-12-31', volume: 2, eenheid: '04', bedragCents: 18_000, credit: false, credited: false })
      const changed: ToewijzingFact = { ...perMaand, ingangsdatum: '2026-12-10' }
      const ctx: CheckContext = { ...context(ledger), toewijzingen: new Map([[100, changed]]) }
      expect(checkPrestatie(line({ begindatum: '2026-12-10', volume: 1, bedragCents: 9000 }), ctx).codes).toEqual(['9322'])
    })
  })

  it('TR369 (9369): with a budget, the amounts of the approved prestaties stay within it', () => {
    const ctx = context()
    ctx.periode = { begindatum: '2027-01-01', einddatum: '2027-01-31' }
    expect(book(ctx, line({ toewijzingNummer: 300, volume: 10, bedragCents: 90_000 }))).toEqual([])
    expect(book(ctx, dagdelen(1, { toewijzingNummer: 300 }))).toEqual(['9369'])
    expect(book(ctx, line({ toewijzingNummer: 300, begindatum: '2027-01-01', einddatum: '2027-01-31', volume: 1, tariefCents: 9270, bedragCents: 9270 }))).toEqual([])
    expect(book(ctx, line({ toewijzingNummer: 300, begindatum: '2027-01-01', einddatum: '2027-01-31', productcode: '45A53', eenheid: '16', volume: 1, tariefCents: 27000, bedragCents: 27000 }))).toEqual(['9369'])
  })

  describe('credits (TR323 8017, TR390 9390, IV085, IV091)', () => {
    const credit = (over: Partial<Prestatie> = {}) => line({ referentieNummer: `C${++ref}`, vorigReferentieNummer: 'D1', credit: true, ...over })

    it('TR323 (8017): a credit names an approved debit of the same toewijzing and is its copy', () => {
      const ctx = context()
      expect(book(ctx, line({ referentieNummer: 'D1' }), 1)).toEqual([])
      expect(checkPrestatie(credit({ vorigReferentieNummer: 'X' }), ctx).codes).toEqual(['8017'])
      // Not a copy: crediting part of a line is no full credit (OP366).
      expect(checkPrestatie(credit({ volume: 1, bedragCents: 9000 }), ctx).codes).toEqual(['8017'])
      // On another toewijzing there is no such debit.
      const otherClient: ToewijzingFact = { ...perMaand, id: 8, nummer: 800, clientId: 8 }
      expect(checkPrestatie(credit({ toewijzingNummer: 800, bsn: '999900018' }), context(ctx.ledger, [otherClient])).codes).toEqual(['8017'])
      // A rejected debit is never credited (IV085).
      expect(book(ctx, line({ referentieNummer: 'D9', tariefCents: 1, bedragCents: 2 }))).toEqual(['0611', '9389', '9322'])
      expect(checkPrestatie(credit({ vorigReferentieNummer: 'D9', tariefCents: 1, bedragCents: 2 }), ctx).codes).toEqual(['8017'])
      expect(checkPrestatie(credit(), ctx)).toMatchObject({ codes: [], reverses: { id: 1 } })
    })

    it('TR390 (9390): a debit is credited once; then the period may be declared again (TR389)', () => {
      const ctx = context()
      expect(book(ctx, line({ referentieNummer: 'D1' }), 1)).toEqual([])
      expect(book(ctx, credit())).toEqual([])
      expect(checkPrestatie(credit(), ctx).codes).toEqual(['9390'])
      expect(book(ctx, line({ referentieNummer: 'D2' }))).toEqual([])
    })

    it('TR314 (8021) holds for a credit’s own ReferentieNummer', () => {
      const ctx = context()
      expect(book(ctx, line({ referentieNummer: 'D1' }), 1)).toEqual([])
      expect(checkPrestatie(credit({ referentieNummer: 'D1' }), ctx).codes).toEqual(['8021'])
    })

    it('IV085: a credit is not judged against a toewijzing or tariff that changed after its debit', () => {
      const ctx = context()
      expect(book(ctx, line({ referentieNummer: 'D1' }), 1)).toEqual([])
      const shortened: ToewijzingFact = { ...perMaand, einddatum: '2026-12-15' }
      const later: CheckContext = { ...ctx, toewijzingen: new Map([[100, shortened]]), tariffs: new Map() }
      expect(checkPrestatie(credit(), later).codes).toEqual([])
    })
  })

  it('OP366: credits are processed before the debits of the same message, so a correction finds its line credited', () => {
    const ctx = context()
    expect(book(ctx, line({ referentieNummer: 'D1' }), 1)).toEqual([])
    const message = [line({ referentieNummer: 'D2', volume: 1, bedragCents: 9000 }), line({ referentieNummer: 'C1', vorigReferentieNummer: 'D1', credit: true })]
    expect(creditsFirst(message).map((p) => p.referentieNummer)).toEqual(['C1', 'D2'])
    expect(creditsFirst(message).map((p) => book(ctx, p))).toEqual([[], []])
    // Per client: another client's prestaties keep their place, so each client stays together (TR101).
    const other = (ref: string, credit = false) => line({ bsn: '999900018', referentieNummer: ref, credit })
    expect(creditsFirst([other('X1'), ...message, other('X2'), other('XC', true)]).map((p) => p.referentieNummer)).toEqual(['X1', 'C1', 'D2', 'XC', 'X2'])
    // In the order of the message the correction would have come first, and been refused.
    const inOrder = context()
    expect(book(inOrder, line({ referentieNummer: 'D1' }), 1)).toEqual([])
    expect(book(inOrder, message[0]!)).toEqual(['9389', '9322'])
  })

  it('counts a reversed debit out of the volume again', () => {
    const ledger = new PrestatieLedger()
    const d: ApprovedLine = { id: 1, referentieNummer: 'D', toewijzingId: 1, clientId: 7, productcode: '45A48', begindatum: '2026-12-01', einddatum: '2026-12-31', volume: 2, bedragCents: 18_000, credit: false, credited: false }
    ledger.add(d)
    expect(ledger.sixtiethsIn(1, '2026-12-01')).toBe(120)
    ledger.reverse(d)
    ledger.reverse(d)
    expect([ledger.sixtiethsIn(1, '2026-12-01'), ledger.sixtiethsIn(1, null), ledger.bedragOn(1)]).toEqual([0, 0, 0])
  })
})

describe('frequency per week, arithmetic (properties)', () => {
  const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2021-01-01', n))
  const range = fc.tuple(day, fc.integer({ min: 0, max: 400 })).map(([from, n]) => [from, addDays(from, n)] as const)
  const days = (from: string, to: string) => {
    const out: string[] = []
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
    return out
  }
  const months = (from: string, to: string) => [...new Set(days(from, to).map(monthStart))]

  /**
   * Mutation that fails it (tried): `Math.floor((n + 3) / 7)` in `sundaysBetween` (counts Mondays).
   */
  it('sundaysBetween counts the Sundays day by day', () => {
    fc.assert(fc.property(range, ([from, to]) => sundaysBetween(from, to) === days(from, to).filter((d) => weekday(d) === 6).length))
  })

  /**
   * Mutation that fails it (tried): weeks from Sunday in `countFrequencyWindows` (`+ 4` for `+ 3`).
   */
  it('inspanningsgericht: a product period allows its calendar weeks, counted day by day', () => {
    fc.assert(
      fc.property(range, fc.integer({ min: 1, max: 9 }), ([from, to], volume) => {
        const t = weekly(from, to, volume)
        return months(from, to).every((m) => {
          const part = days(from, to).filter((d) => monthStart(d) === m)
          const weeks = new Set(part.map((d) => addDays(d, -weekday(d)))).size
          return maxVolumeInPeriod(t, part[0]!, part.at(-1)!) === volume * weeks
        })
      }),
    )
  })

  /**
   * Mutation that fails it (tried): `const extra = 0` in `maxVolumeInPeriod` (the last, broken week
   * is never allowed).
   */
  it('outputgericht: the product periods of a toewijzing count each of its weeks exactly once, so together they allow its total (IV076)', () => {
    fc.assert(
      fc.property(range, fc.integer({ min: 1, max: 50_000 }), ([from, to], volume) => {
        const t = weekly(from, to, volume, { eenheid: '83' })
        const sum = months(from, to).reduce((s, m) => s + maxVolumeInPeriod(t, m < from ? from : m, monthEnd(m) > to ? to : monthEnd(m))!, 0)
        const weeks = new Set(days(from, to).map((d) => addDays(d, -weekday(d)))).size
        return sum === maxVolumeOverToewijzing(t) && sum === volume * weeks
      }),
    )
  })
})
