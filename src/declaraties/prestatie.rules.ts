/**
 * The checks on one prestatie of a 323, as pure rules over what the gemeente knows: the
 * provider's toewijzingen, the contracted tariffs, and the lines approved before (the
 * `PrestatieLedger`). Each refusal carries the retourcode the iStandaarden give its rule; the
 * texts are the basisschema's own (LDT_RetourCode), see `retourcodeTeksten`.
 *
 * Readings of the rules that the regelrapport should confirm are marked "reading".
 */
import { type CalendarDate, earlierDate, laterDate, monthEnd, monthStart } from '../shared/dates.ts'
import { EENHEID_EURO, type PricedPeriod, countFrequencyWindows } from '../toewijzingen/verplichting.ts'

/** A toewijzing as the declaration checks see it (its current version). */
export interface ToewijzingFact {
  id: number
  nummer: number
  clientId: number
  productId: number
  segmentId: number
  productcategorie: string
  productcode: string | null
  ingangsdatum: CalendarDate
  einddatum: CalendarDate
  volume: number | null
  eenheid: string | null
  frequentie: string | null
  budgetCents: number | null
  status: string
  redenWijziging: string | null
}

/** One prestatie as read from the 323. Amounts unsigned, as in the message. */
export interface Prestatie {
  volgnummer: number
  bsn: string
  referentieNummer: string
  vorigReferentieNummer: string | null
  toewijzingNummer: number
  productcategorie: string
  productcode: string | null
  begindatum: CalendarDate
  einddatum: CalendarDate
  volume: number
  eenheid: string
  tariefCents: number | null
  bedragCents: number
  credit: boolean
}

/** An approved line from an earlier declaration (or earlier in this one). */
export interface ApprovedLine {
  id: number
  referentieNummer: string
  toewijzingId: number
  clientId: number
  productcode: string | null
  begindatum: CalendarDate
  einddatum: CalendarDate
  volume: number
  /** Unsigned. */
  bedragCents: number
  credit: boolean
  /** For a debit: a credit reversed it. */
  credited: boolean
}

export interface Verdict {
  codes: string[]
  /** The toewijzing the line was matched to, if any. */
  toewijzing: ToewijzingFact | null
  /** For an approved credit: the debit it reverses. */
  reverses: ApprovedLine | null
}

export const RETOUR = {
  /** TR418 (reading): the tariff is not the contracted one. */
  tarief: '0611',
  creditZonderDebet: '8017',
  referentieAlAangeleverd: '8021',
  nietVanClient: '8187',
  beginBuitenToewijzing: '9307',
  eindBuitenToewijzing: '9308',
  buitenDeclaratiePeriode: '9319',
  volume: '9321',
  somVolume: '9322',
  declaratieNummer: '9333',
  geenToewijzing: '9338',
  categorie: '9339',
  code: '9340',
  eenheid: '9341',
  bedrag: '9346',
  creditWijktAf: '9367',
  budget: '9369',
  verwijderd: '9384',
  begindatumMaand: '9387',
  einddatumMaand: '9388',
  debetZonderCredit: '9389',
  alGecrediteerd: '9390',
} as const

const overlaps = (a: { begindatum: string; einddatum: string }, b: { begindatum: string; einddatum: string }) => a.begindatum <= b.einddatum && b.begindatum <= a.einddatum

/**
 * The volume a toewijzing allows within `[from, to]` (already inside the toewijzing): its
 * volume per frequency window times the windows the period touches — per day (1), per week
 * (2, Monday to Sunday), per calendar month (4) — or the whole volume (6, totaal). The same
 * windows as the verplichting (src/toewijzingen/verplichting.ts).
 */
export function allowedVolume(t: Pick<ToewijzingFact, 'volume' | 'frequentie'>, from: CalendarDate, to: CalendarDate): number | null {
  if (t.volume === null || t.frequentie === null) return null
  return t.volume * countFrequencyWindows(from, to, t.frequentie)
}

/**
 * What has been approved, per toewijzing: the lines by ReferentieNummer, and running sums (in
 * total and per month) that the volume and budget limits count against. A credit subtracts
 * what its debit added. Keyed by toewijzing so that a declaration of a million lines holds
 * only the toewijzingen of the lines in hand: `forget` drops them all, and they are loaded
 * again from the database (where the lines already written this transaction are) when met.
 */
/** What the ledger holds for one toewijzing: its approved lines and their running sums. */
interface Held {
  lines: ApprovedLine[]
  volume: number
  bedrag: number
  /** Pairs of (year × 12 + month, volume). */
  months: number[]
}

/** Held without approved lines: one shared empty record (a million toewijzingen may be met). */
const NONE: Held = Object.freeze({ lines: [], volume: 0, bedrag: 0, months: [] }) as unknown as Held

const monthIndex = (d: CalendarDate) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7))

export class PrestatieLedger {
  private readonly held = new Map<number, Held>()

  /** Is toewijzing `id` held (loaded, or new in this ledger)? */
  holds(toewijzingId: number): boolean {
    return this.held.has(toewijzingId)
  }

  /** Marks toewijzing `id` as held even without approved lines. */
  hold(toewijzingId: number): void {
    if (!this.held.has(toewijzingId)) this.held.set(toewijzingId, NONE)
  }

  get size(): number {
    return this.held.size
  }

  /** Drops everything held. */
  forget(): void {
    this.held.clear()
  }

  /** Adds an approved line (earlier ones when loading, new ones as they are approved). */
  add(line: ApprovedLine): void {
    let h = this.held.get(line.toewijzingId)
    if (h === undefined || h === NONE) this.held.set(line.toewijzingId, (h = { lines: [], volume: 0, bedrag: 0, months: [] }))
    h.lines.push(line)
    if (!line.credit && !line.credited) this.count(h, line, 1)
  }

  /** Marks `debit` reversed by an approved credit. */
  reverse(debit: ApprovedLine): void {
    if (debit.credited) return
    debit.credited = true
    const h = this.held.get(debit.toewijzingId)
    if (h && h !== NONE) this.count(h, debit, -1)
  }

  private count(h: Held, line: ApprovedLine, sign: 1 | -1): void {
    h.volume += sign * line.volume
    h.bedrag += sign * line.bedragCents
    const m = monthIndex(line.begindatum)
    for (let i = 0; i < h.months.length; i += 2) {
      if (h.months[i] === m) {
        h.months[i + 1]! += sign * line.volume
        return
      }
    }
    h.months.push(m, sign * line.volume)
  }

  /** The approved line with this ReferentieNummer on the toewijzing (the latest, if used twice). */
  find(toewijzingId: number, referentieNummer: string): ApprovedLine | undefined {
    const lines = this.held.get(toewijzingId)?.lines ?? []
    for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.referentieNummer === referentieNummer) return lines[i]
    return undefined
  }

  /** An approved debit for the same toewijzing and product that no credit reversed and whose period overlaps. */
  standingOverlap(toewijzingId: number, period: { productcode: string | null; begindatum: string; einddatum: string }): ApprovedLine | undefined {
    for (const d of this.held.get(toewijzingId)?.lines ?? []) if (!d.credit && !d.credited && d.productcode === period.productcode && overlaps(d, period)) return d
    return undefined
  }

  volumeIn(toewijzingId: number, month: CalendarDate | null): number {
    const h = this.held.get(toewijzingId)
    if (!h) return 0
    if (month === null) return h.volume
    const m = monthIndex(month)
    for (let i = 0; i < h.months.length; i += 2) if (h.months[i] === m) return h.months[i + 1]!
    return 0
  }

  bedragOn(toewijzingId: number): number {
    return this.held.get(toewijzingId)?.bedrag ?? 0
  }
}

export interface CheckContext {
  /** The declaring provider's toewijzingen for this gemeente and law, by ToewijzingNummer (at least those of the lines checked). */
  toewijzingen: { get(nummer: number): ToewijzingFact | undefined }
  /** The gemeente's client with this BSN. */
  clientOf(bsn: string): number | undefined
  /** Contracted tariffs per product for this provider. */
  tariffs: ReadonlyMap<number, readonly PricedPeriod[]>
  ledger: PrestatieLedger
  /** The DeclaratiePeriode (one calendar month, CS340). */
  periode: { begindatum: CalendarDate; einddatum: CalendarDate }
}

/** The contracted tariff on `day`, or null when the contract has none for that day. */
export function contractedTariff(tariffs: readonly PricedPeriod[] | undefined, day: CalendarDate): number | null {
  return tariffs?.find((t) => t.validFrom <= day && day <= t.validTo)?.amountCents ?? null
}

/**
 * Checks one prestatie. Returns the codes that refuse it (empty: approved). A line is refused
 * on what identifies it first (no toewijzing, another client, a deleted toewijzing): the other
 * checks would only repeat that.
 */
export function checkPrestatie(p: Prestatie, ctx: CheckContext): Verdict {
  const codes: string[] = []
  const t = ctx.toewijzingen.get(p.toewijzingNummer)
  // TR338 (9338): the prestatie must relate to a toegewezen product of this provider; one held
  // for another provider, or never sent (waiting for approval, refused), is none of its own.
  if (!t || t.status !== 'actief') return { codes: [RETOUR.geenToewijzing], toewijzing: null, reverses: null }
  if (ctx.clientOf(p.bsn) !== t.clientId) return { codes: [RETOUR.nietVanClient], toewijzing: t, reverses: null }
  // TR384 (9384): nothing may be declared on a toewijzing deleted with RedenWijziging 13.
  if (t.redenWijziging === '13') return { codes: [RETOUR.verwijderd], toewijzing: t, reverses: null }

  // TR339–341: the product and unit must be the ones allocated.
  if (p.productcategorie !== t.productcategorie) codes.push(RETOUR.categorie)
  if (t.productcode !== null && p.productcode !== t.productcode) codes.push(RETOUR.code)
  if (t.eenheid !== null && p.eenheid !== t.eenheid) codes.push(RETOUR.eenheid)
  // TR307/308: the product period lies within the toewijzing.
  if (p.begindatum < t.ingangsdatum || p.begindatum > t.einddatum) codes.push(RETOUR.beginBuitenToewijzing)
  if (p.einddatum < t.ingangsdatum || p.einddatum > t.einddatum) codes.push(RETOUR.eindBuitenToewijzing)
  // TR319 (9319): the product period lies within one declaratieperiode, and not after this one.
  if (p.einddatum > ctx.periode.einddatum || monthStart(p.begindatum) !== monthStart(p.einddatum)) codes.push(RETOUR.buitenDeclaratiePeriode)
  // TR387/388 (reading: for a volume per month): the period is the whole month, or the part of it the toewijzing covers.
  if (t.frequentie === '4') {
    if (p.begindatum !== laterDate(monthStart(p.begindatum), t.ingangsdatum)) codes.push(RETOUR.begindatumMaand)
    if (p.einddatum !== earlierDate(monthEnd(p.begindatum), t.einddatum)) codes.push(RETOUR.einddatumMaand)
  }
  if (p.eenheid !== EENHEID_EURO) {
    // TR346 (9346): IngediendBedrag = GeleverdVolume × ProductTarief.
    if (p.tariefCents === null || p.volume * p.tariefCents !== p.bedragCents) codes.push(RETOUR.bedrag)
    // TR418 (0611): the tariff is the one contracted for the product on the period's first day.
    const contracted = contractedTariff(ctx.tariffs.get(t.productId), p.begindatum)
    if (contracted === null || p.tariefCents !== contracted) codes.push(RETOUR.tarief)
  }

  let reverses: ApprovedLine | null = null
  // TR314 (8021, reading): a ReferentieNummer is used once for an approved prestatie on the toewijzing.
  if (ctx.ledger.find(t.id, p.referentieNummer)) codes.push(RETOUR.referentieAlAangeleverd)
  if (p.credit) {
    // TR389/390 and the credit's reference to its debit on the same toewijzing (CD060 makes VorigReferentieNummer required).
    const debit = p.vorigReferentieNummer === null ? undefined : ctx.ledger.find(t.id, p.vorigReferentieNummer)
    if (!debit || debit.credit) codes.push(RETOUR.creditZonderDebet)
    else if (debit.credited) codes.push(RETOUR.alGecrediteerd)
    // Reading: a credit reverses its debit whole — the same toewijzing, period, volume and amount.
    else if (debit.begindatum !== p.begindatum || debit.einddatum !== p.einddatum || debit.volume !== p.volume || debit.bedragCents !== p.bedragCents) codes.push(RETOUR.creditWijktAf)
    else reverses = debit
    return { codes, toewijzing: t, reverses: codes.length === 0 ? reverses : null }
  }

  // TR389 (9389): a period already paid must be credited before it is declared again.
  if (ctx.ledger.standingOverlap(t.id, p)) codes.push(RETOUR.debetZonderCredit)

  if (t.volume !== null && t.frequentie !== null) {
    const from = laterDate(p.begindatum, t.ingangsdatum)
    const to = earlierDate(p.einddatum, t.einddatum)
    // TR321 (9321): one line may not exceed the volume for its own period.
    const own = from <= to ? allowedVolume(t, from, to)! : 0
    if (p.volume > own) codes.push(RETOUR.volume)
    else {
      // TR322 (9322): nor may the sum of the approved lines — in total for frequentie 6, per
      // calendar month otherwise (the windows of the month the toewijzing covers).
      const month = monthStart(p.begindatum)
      const perMonth = t.frequentie !== '6'
      const limit = perMonth ? allowedVolume(t, laterDate(month, t.ingangsdatum), earlierDate(monthEnd(month), t.einddatum))! : t.volume
      if (ctx.ledger.volumeIn(t.id, perMonth ? month : null) + p.volume > limit) codes.push(RETOUR.somVolume)
    }
  }
  // TR369 (9369): with a budget, the approved amounts stay within it.
  if (t.budgetCents !== null && ctx.ledger.bedragOn(t.id) + p.bedragCents > t.budgetCents) codes.push(RETOUR.budget)
  return { codes, toewijzing: t, reverses: null }
}

