/**
 * The checks on one prestatie of a 323, as pure rules over what the gemeente knows: the
 * provider's toewijzingen, the region's product list and contracted tariffs, the
 * ReferentieNummers the provider used before, and the lines approved before (the
 * `PrestatieLedger`). Each refusal carries the retourcode the regelrapport gives its rule (the
 * table export of iJw 3.2; iWmo has the same codes); the texts are the basisschema's own
 * (LDT_RetourCode), see `retourcodeTeksten`.
 *
 * Readings of the rules where the texts leave room are marked "reading".
 */
import { type CalendarDate, addDays, dayNumber, earlierDate, laterDate, monthEnd, monthStart, weekday } from '../shared/dates.ts'
import { EENHEID_EURO, type PricedPeriod, countFrequencyWindows } from '../toewijzingen/verplichting.ts'

/** A toewijzing as the declaration checks see it (its current version). */
export interface ToewijzingFact {
  id: number
  nummer: number
  clientId: number
  productId: number
  segmentId: number
  /** Null for a generic toewijzing: it carries no Product (IV075), and a prestatie declares what was delivered. */
  productcategorie: string | null
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
  /** The line's Eenheid; without it, the toewijzing's (01, minutes, counts as 1/60 of an hour). */
  eenheid?: string
  /** Unsigned. */
  bedragCents: number
  credit: boolean
  /** For a debit: a credit reversed it. */
  credited: boolean
}

/** A product of the region's list for this law (the "gehanteerde productcodelijst" of IV075). */
export interface DeclaredProduct {
  id: number
  /** The unit its tariff is contracted in (null for taakgericht). */
  eenheid: string | null
}

export interface Verdict {
  codes: string[]
  /** The toewijzing the line was matched to, if any. */
  toewijzing: ToewijzingFact | null
  /** For an approved credit: the debit it reverses. */
  reverses: ApprovedLine | null
}

export const RETOUR = {
  /** TR418: the tariff is not the contracted one. */
  tarief: '0611',
  /** TR323 */
  creditZonderDebet: '8017',
  /** TR314 */
  referentieAlAangeleverd: '8021',
  /** TR304 */
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
  budget: '9369',
  verwijderd: '9384',
  begindatumMaand: '9387',
  einddatumMaand: '9388',
  debetZonderCredit: '9389',
  alGecrediteerd: '9390',
  /** TR381 */
  productCodeLijst: 'S329',
  /** TR318: the DeclaratiePeriode lies before the last one declared (a Declaratie-level refusal, checked by the run). */
  periodeTerug: '8214',
} as const

/** Eenheid 04 (uur) and 01 (minuut). */
const UUR = '04'
const MINUUT = '01'
/** Output units (82 stuks (output), 83 euro's): the product table ties them to the outputgerichte variant. */
const OUTPUT_EENHEDEN: readonly string[] = ['82', EENHEID_EURO]
/** Wmo productcategorie 01, hulp bij het huishouden (iJw's categories start at 31). */
const HULP_BIJ_HET_HUISHOUDEN = '01'
/** IV077 / TR321 (iWmo): per product period, hulp bij het huishouden per week may declare six weeks' volume. */
const WEKEN_HUISHOUDEN = 6

/**
 * TR341 / IV081: a unit fits the allocated or contracted one when it is the same, or minutes
 * against hours ("Bij toewijzing in uren mag ook in minuten gedeclareerd worden").
 */
export const eenheidPast = (gedeclareerd: string, toegewezen: string): boolean => gedeclareerd === toegewezen || (toegewezen === UUR && gedeclareerd === MINUUT)

/** Sundays in `[from, to]`. Day 0 (1 January 1970) was a Thursday: +3 makes day numbers count from a Monday. */
export function sundaysBetween(from: CalendarDate, to: CalendarDate): number {
  if (to < from) return 0
  const sundaysUpTo = (n: number) => Math.floor((n + 3 + 1) / 7)
  return sundaysUpTo(dayNumber(to)) - sundaysUpTo(dayNumber(from) - 1)
}

/**
 * IV076/IV077, outputgericht per week: the week that ends on the toewijzing's last Sunday
 * also carries the last, broken week when the toewijzing does not end on a Sunday. Reading: a
 * toewijzing without any Sunday has only that broken week, declared in the month it ends in.
 */
function lastSundayOf(t: Pick<ToewijzingFact, 'ingangsdatum' | 'einddatum'>): CalendarDate {
  const sunday = addDays(t.einddatum, -((weekday(t.einddatum) + 1) % 7))
  return sunday >= t.ingangsdatum ? sunday : t.einddatum
}

type Omvang = Pick<ToewijzingFact, 'volume' | 'eenheid' | 'frequentie' | 'productcategorie' | 'ingangsdatum' | 'einddatum'>

/**
 * TR321: the most one prestatie may declare for the product period `[from, to]` (inside the
 * toewijzing), by the toewijzing's frequency:
 * - per dag (1): the volume for every day;
 * - per week (2), inspanningsgericht: for every calendar week the period touches, broken
 *   weeks whole (IV077, IV078) — for Wmo categorie 01 six weeks, whatever the month (IV077,
 *   TR321 iWmo); outputgericht: for every Sunday in the period, plus one week in the period
 *   holding the toewijzing's last Sunday when it does not end on a Sunday (IV077);
 * - per maand (4): the volume, also for a broken month (IV078);
 * - totaal (6): the whole volume.
 * Null when the toewijzing has no Omvang.
 */
export function maxVolumeInPeriod(t: Omvang, from: CalendarDate, to: CalendarDate): number | null {
  if (t.volume === null || t.frequentie === null) return null
  if (to < from) return 0
  if (t.frequentie === '2') {
    if (t.eenheid !== null && OUTPUT_EENHEDEN.includes(t.eenheid)) {
      const last = lastSundayOf(t)
      const extra = weekday(t.einddatum) !== 6 && from <= last && last <= to ? 1 : 0
      return t.volume * (sundaysBetween(from, to) + extra)
    }
    if (t.productcategorie === HULP_BIJ_HET_HUISHOUDEN) return t.volume * WEKEN_HUISHOUDEN
  }
  return t.volume * countFrequencyWindows(from, to, t.frequentie)
}

/**
 * TR322 (the last sentence) and IV077: the most all prestaties on the toewijzing may declare
 * together, over its whole duration — its windows (days, calendar weeks, months touched) times
 * the volume, or the volume for totaal. For outputgericht per week the Sundays plus a broken
 * last week count the same weeks.
 */
export function maxVolumeOverToewijzing(t: Omvang): number | null {
  if (t.volume === null || t.frequentie === null) return null
  return t.volume * countFrequencyWindows(t.ingangsdatum, t.einddatum, t.frequentie)
}

/**
 * A volume in sixtieths of the toewijzing's unit: minutes are declared only against hours
 * (TR341), so a line in minutes counts its volume and any other line 60 × its volume — whole
 * numbers, whatever mix of hours and minutes a toewijzing is declared in.
 */
export const sixtieths = (volume: number, eenheid: string | undefined): number => (eenheid === MINUUT ? volume : volume * 60)

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
  /** In sixtieths. */
  volume: number
  bedrag: number
  /** Pairs of (year × 12 + month, volume in sixtieths). */
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
    const volume = sign * sixtieths(line.volume, line.eenheid)
    h.volume += volume
    h.bedrag += sign * line.bedragCents
    const m = monthIndex(line.begindatum)
    for (let i = 0; i < h.months.length; i += 2) {
      if (h.months[i] === m) {
        h.months[i + 1]! += volume
        return
      }
    }
    h.months.push(m, volume)
  }

  /** The approved line with this ReferentieNummer on the toewijzing (the latest, if used twice). */
  find(toewijzingId: number, referentieNummer: string): ApprovedLine | undefined {
    const lines = this.held.get(toewijzingId)?.lines ?? []
    for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.referentieNummer === referentieNummer) return lines[i]
    return undefined
  }

  /** TR389: an approved debit on the toewijzing for the same ProductPeriode and ProductCode that no credit reversed. */
  standingDebit(toewijzingId: number, p: { productcode: string | null; begindatum: string; einddatum: string }): ApprovedLine | undefined {
    for (const d of this.held.get(toewijzingId)?.lines ?? []) {
      if (!d.credit && !d.credited && d.productcode === p.productcode && d.begindatum === p.begindatum && d.einddatum === p.einddatum) return d
    }
    return undefined
  }

  /** The approved volume on the toewijzing, in sixtieths of its unit: in the month of `month`, or in total (null). */
  sixtiethsIn(toewijzingId: number, month: CalendarDate | null): number {
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
  /** Contracted tariffs per product for this provider (and gemeente: `loadContractTariffs`). */
  tariffs: ReadonlyMap<number, readonly PricedPeriod[]>
  ledger: PrestatieLedger
  /** The DeclaratiePeriode (one calendar month, CS340). */
  periode: { begindatum: CalendarDate; einddatum: CalendarDate }
  /**
   * The region's products of this law by categorie and code (the ToewijzingStore): what a
   * declared ProductCode is priced and counted in (TR341, TR381, TR418). Until the run passes
   * it, the toewijzing's own product stands in for the declared one.
   */
  products?: { product(productcategorie: string, productcode: string | null): DeclaredProduct | undefined }
  /**
   * TR314: the ReferentieNummers the provider used before in this law toward this gemeente —
   * in earlier messages and earlier in this one, approved or not (`knownReferenties`, plus
   * every line checked since). Until the run passes it, the toewijzing's approved lines stand in.
   */
  referenties?: { has(referentieNummer: string): boolean }
}

/** The contracted tariff on `day`, or null when the contract has none for that day. */
export function contractedTariff(tariffs: readonly PricedPeriod[] | undefined, day: CalendarDate): number | null {
  return tariffs?.find((t) => t.validFrom <= day && day <= t.validTo)?.amountCents ?? null
}

/** `a / b` rounded half up, for non-negative integers ("afgerond … volgens de rekenkundige regels", IV081). */
const divideRounded = (a: number, b: number): number => Math.floor((2 * a + b) / (2 * b))

/**
 * IV081 / TR346: declared in minutes against an hourly tariff, the ProductTarief is the hourly
 * tariff / 60 and the IngediendBedrag the hourly tariff × minutes / 60, each rounded to a cent.
 */
export const perMinuut = {
  tarief: (uurtariefCents: number): number => divideRounded(uurtariefCents, 60),
  bedrag: (uurtariefCents: number, minuten: number): number => divideRounded(uurtariefCents * minuten, 60),
}

/**
 * OP366: credits are processed before debits, so that a debit correcting a line credited in
 * the same message finds it credited — per client, whose prestaties stand together (TR101
 * keeps a client to one Client element), so that the 325 repeats each client once. Stable:
 * the order within each kind is kept. The run closes a chunk only between clients, so all
 * prestaties of a toewijzing are ordered together.
 */
export function creditsFirst<T extends { credit: boolean; bsn: string }>(prestaties: readonly T[]): T[] {
  const out: T[] = []
  for (let i = 0; i < prestaties.length; ) {
    let j = i
    while (j < prestaties.length && prestaties[j]!.bsn === prestaties[i]!.bsn) j++
    const client = prestaties.slice(i, j)
    out.push(...client.filter((p) => p.credit), ...client.filter((p) => !p.credit))
    i = j
  }
  return out
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
  // TR304 (8187): the client the prestatie is declared for is the toewijzing's.
  if (ctx.clientOf(p.bsn) !== t.clientId) return { codes: [RETOUR.nietVanClient], toewijzing: t, reverses: null }
  // TR384 (9384): nothing may be declared on a toewijzing deleted with RedenWijziging 13.
  if (t.redenWijziging === '13') return { codes: [RETOUR.verwijderd], toewijzing: t, reverses: null }

  // TR314 (8021): the ReferentieNummer is unique for the provider within the law, within the
  // message and across messages — any prestatie sent, approved or not.
  const used = ctx.referenties ? ctx.referenties.has(p.referentieNummer) : ctx.ledger.find(t.id, p.referentieNummer) !== undefined
  if (p.credit) {
    // IV085: a credit is the provider's own act; the gemeente refuses it only on the technical
    // rules that relate it to its debit. IV091: it is the debit's copy but for
    // ReferentieNummer, VorigReferentieNummer and DebetCredit, so it is not checked against a
    // toewijzing or tariff that may have changed since the debit was approved.
    if (used) codes.push(RETOUR.referentieAlAangeleverd)
    // TR323 (8017): the credit relates to an approved debit by its key fields — VorigReferentieNummer
    // is the debit's ReferentieNummer, and (reading, IV091 and OP366 "volledig gecrediteerd")
    // toewijzing, ProductPeriode, ProductCode, volume and amount are the debit's.
    const debit = p.vorigReferentieNummer === null ? undefined : ctx.ledger.find(t.id, p.vorigReferentieNummer)
    if (!debit || debit.credit || !mirrors(p, debit)) codes.push(RETOUR.creditZonderDebet)
    // TR390 (9390): a debit is credited once.
    else if (debit.credited) codes.push(RETOUR.alGecrediteerd)
    return { codes, toewijzing: t, reverses: codes.length === 0 ? debit! : null }
  }

  // TR339, TR340 (OP302): the categorie as allocated; the code as allocated when the
  // toewijzing has one (aspecific: any code of the categorie; generic, no Product: any product, IV075).
  if (t.productcategorie !== null && p.productcategorie !== t.productcategorie) codes.push(RETOUR.categorie)
  if (t.productcode !== null && p.productcode !== t.productcode) codes.push(RETOUR.code)
  // TR381 (S329): the declared code is one of the region's product list for that categorie.
  const product = ctx.products ? ctx.products.product(p.productcategorie, p.productcode) : { id: t.productId, eenheid: t.eenheid }
  if (!product) codes.push(RETOUR.productCodeLijst)
  // TR341 (9341): the unit of the toewijzing — for a toewijzing without Omvang, of the
  // contract for the declared product — or minutes against hours.
  const toegewezen = t.eenheid ?? product?.eenheid ?? null
  if (toegewezen !== null && !eenheidPast(p.eenheid, toegewezen)) codes.push(RETOUR.eenheid)

  // TR307/308 (9307, 9308): the product period lies within the toewijzing.
  const beginBuiten = p.begindatum < t.ingangsdatum || p.begindatum > t.einddatum
  const eindBuiten = p.einddatum < t.ingangsdatum || p.einddatum > t.einddatum
  if (beginBuiten) codes.push(RETOUR.beginBuitenToewijzing)
  if (eindBuiten) codes.push(RETOUR.eindBuitenToewijzing)
  // TR319 (9319): the product period is in this declaratieperiode or an earlier one (OP280,
  // IV090). That it lies in one calendar month is CS337, checked on the whole message.
  if (p.einddatum > ctx.periode.einddatum) codes.push(RETOUR.buitenDeclaratiePeriode)
  // TR387/388 (9387, 9388), for every prestatie (IV089): the period is the calendar month, or
  // the part of it the toewijzing covers. Within the toewijzing only: outside it, 9307/9308 say why.
  if (!beginBuiten && !eindBuiten) {
    if (p.begindatum !== laterDate(monthStart(p.begindatum), t.ingangsdatum)) codes.push(RETOUR.begindatumMaand)
    if (p.einddatum !== earlierDate(monthEnd(p.begindatum), t.einddatum)) codes.push(RETOUR.einddatumMaand)
  }

  if (p.eenheid !== EENHEID_EURO && product) {
    // The tariff is the one contracted for the declared ProductCode on the period's first day
    // (TR418); in minutes against an hourly tariff, converted as IV081 says.
    const contracted = contractedTariff(ctx.tariffs.get(product.id), p.begindatum)
    const minutes = p.eenheid === MINUUT && product.eenheid === UUR
    // TR346 (9346): IngediendBedrag = GeleverdVolume × ProductTarief; in minutes, (hourly tariff × minutes) / 60.
    if (p.tariefCents === null) codes.push(RETOUR.bedrag)
    else if (minutes ? contracted !== null && p.bedragCents !== perMinuut.bedrag(contracted, p.volume) : p.volume * p.tariefCents !== p.bedragCents) codes.push(RETOUR.bedrag)
    // TR418 (0611): ProductTarief is the contracted tariff of the ProductCode.
    const expected = contracted === null ? null : minutes ? perMinuut.tarief(contracted) : contracted
    if (expected === null || p.tariefCents !== expected) codes.push(RETOUR.tarief)
  }

  if (used) codes.push(RETOUR.referentieAlAangeleverd)
  // TR389 (9389): a debit for a ProductPeriode, ProductCode and toewijzing already paid must
  // wait until that debit is credited (OP366).
  if (ctx.ledger.standingDebit(t.id, p)) codes.push(RETOUR.debetZonderCredit)

  // The volume limits count a period within the toewijzing; outside it, 9307/9308 say why.
  const own = beginBuiten || eindBuiten ? null : maxVolumeInPeriod(t, p.begindatum, p.einddatum)
  if (own !== null) {
    // Compared in sixtieths: minutes against hours (TR341) count as the hours they are.
    const volume = sixtieths(p.volume, p.eenheid)
    // TR321 (9321): one prestatie within the volume of its own period.
    if (volume > own * 60) codes.push(RETOUR.volume)
    else {
      // TR322 (9322): all approved prestaties on the toewijzing within the volume of the
      // declaratieperiode (the month's part of the toewijzing) and, IV077, of its whole duration.
      const month = monthStart(p.begindatum)
      const perMonth = maxVolumeInPeriod(t, laterDate(month, t.ingangsdatum), earlierDate(monthEnd(month), t.einddatum))!
      const total = maxVolumeOverToewijzing(t)!
      if (ctx.ledger.sixtiethsIn(t.id, month) + volume > perMonth * 60 || ctx.ledger.sixtiethsIn(t.id, null) + volume > total * 60) codes.push(RETOUR.somVolume)
    }
  }
  // TR369 (9369): with a budget, the approved prestaties stay within it. Reading: the rule says
  // "GeleverdVolume", which is in the budget's unit (cents) only for eenheid 83; the amounts are compared.
  if (t.budgetCents !== null && ctx.ledger.bedragOn(t.id) + p.bedragCents > t.budgetCents) codes.push(RETOUR.budget)
  return { codes, toewijzing: t, reverses: null }
}

/** IV091: a credit is its debit's copy in period, product, volume and amount. */
const mirrors = (c: Prestatie, d: ApprovedLine): boolean =>
  d.begindatum === c.begindatum && d.einddatum === c.einddatum && d.productcode === c.productcode && sixtieths(d.volume, d.eenheid) === sixtieths(c.volume, c.eenheid) && d.bedragCents === c.bedragCents
