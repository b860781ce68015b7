/**
 * The integrity and financial-health rules of issue 21, as pure functions (ADR 0035,
 * docs/integriteit.md): the ratios of an annual account, the reporting term of a supervisor's
 * measure, the 1 June term of the annual account, the sanctions-list match, and the signals
 * they raise.
 */
import { addDays, type CalendarDate, dayNumber } from '../shared/dates.ts'
import { formatDate, formatEuro, formatNumber, formatPercent } from '../shared/format-nl.ts'
import type { IntegriteitSignaalSoort } from '../db/schema.ts'

/** The figures of one annual account (jaarverantwoording), in cents. */
export interface Jaarcijfers {
  jaar: number
  omzetCents: number
  omzetRegioCents: number
  personeelskostenCents: number
  /** Costs of personnel not employed (self-employed, PNIL) and work subcontracted. */
  inhuurCents: number
  resultaatCents: number
  eigenVermogenCents: number
  balanstotaalCents: number
  vlottendeActivaCents: number
  kortlopendeSchuldenCents: number
  dividendCents: number
  verbondenPartijenCents: number
}

export interface Ratios {
  /** Result / revenue (a fraction; × 100 is the profit percentage). */
  marge: number | null
  /** Equity / total assets. */
  solvabiliteit: number | null
  /** Current assets / current liabilities. */
  currentRatio: number | null
  /** Revenue from the region's gemeenten / revenue. */
  aandeelRegio: number | null
  /** Self-employed and subcontracted costs / (personnel costs + those). */
  aandeelInhuur: number | null
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)

export function ratios(j: Jaarcijfers): Ratios {
  return {
    marge: ratio(j.resultaatCents, j.omzetCents),
    solvabiliteit: ratio(j.eigenVermogenCents, j.balanstotaalCents),
    currentRatio: ratio(j.vlottendeActivaCents, j.kortlopendeSchuldenCents),
    aandeelRegio: ratio(j.omzetRegioCents, j.omzetCents),
    aandeelInhuur: ratio(j.inhuurCents, j.personeelskostenCents + j.inhuurCents),
  }
}

/** The profit percentage (result / revenue × 100) against the maximum; null without revenue. */
export function winstBovenMaximum(j: Jaarcijfers, maxWinstPct: number): { winstPct: number; maxWinstPct: number; boven: boolean } | null {
  const marge = ratio(j.resultaatCents, j.omzetCents)
  if (marge === null) return null
  const winstPct = marge * 100
  return { winstPct, maxWinstPct, boven: winstPct > maxWinstPct + 1e-9 }
}

/** An award of a provider with its contract's own profit maximum (null: the contract sets none). */
export interface ContractMaximum {
  contract: string
  maxWinstPct: number | null
  validFrom: CalendarDate
  validTo: CalendarDate | null
}

/** The profit maximum that holds for a provider in a year, and where it comes from. */
export type GeldendeMaxWinst = { maxWinstPct: number; bron: 'regio' } | { maxWinstPct: number; bron: 'contract'; contract: string }

/**
 * The maximum profit percentage a provider's annual account over `jaar` is held against: the
 * lowest maximum of the contracts under which it held an award during that year (an award
 * running on any day of the year), a contract without its own maximum counting as the region's
 * setting. Without a running award, the region's setting. On a tie the contract is named.
 */
export function geldendeMaxWinst(contracten: readonly ContractMaximum[], jaar: number, regioMaxPct: number): GeldendeMaxWinst {
  const candidates: GeldendeMaxWinst[] = contracten
    .filter((c) => c.validFrom <= `${jaar}-12-31` && (c.validTo === null || c.validTo >= `${jaar}-01-01`))
    .map((c) => (c.maxWinstPct === null ? { maxWinstPct: regioMaxPct, bron: 'regio' } : { maxWinstPct: c.maxWinstPct, bron: 'contract', contract: c.contract }))
  if (candidates.length === 0) return { maxWinstPct: regioMaxPct, bron: 'regio' }
  const rank = (m: GeldendeMaxWinst) => (m.bron === 'contract' ? m.contract : '\uffff')
  return candidates.reduce((best, m) => (m.maxWinstPct < best.maxWinstPct || (m.maxWinstPct === best.maxWinstPct && rank(m) < rank(best)) ? m : best))
}

/** The maximum as Dutch text: "8 % (contract RAAM-2026)" or "5 % (regio-instelling)". */
export function maxWinstTekst(m: GeldendeMaxWinst): string {
  return `${formatPercent(m.maxWinstPct, 1, true)} (${m.bron === 'contract' ? `contract ${m.contract}` : 'regio-instelling'})`
}

/** The signal settings of a region (integriteit_instelling). */
export interface IntegriteitInstelling {
  /** The maximum profit percentage of the region's contracts that set none of their own (seed 004 ch. 9: "de winst (maximaal percentage)"). */
  maxWinstPct: number
  /** Equity below this percentage of total assets raises `solvabiliteit_laag`. */
  minSolvabiliteitPct: number
  /** A current ratio below this raises `liquiditeit_laag`. */
  minCurrentRatio: number
  /** A share of self-employed and subcontracted costs above this percentage raises `inhuur_hoog`. */
  maxInhuurPct: number
}
export const defaultInstelling: IntegriteitInstelling = { maxWinstPct: 5, minSolvabiliteitPct: 20, minCurrentRatio: 1, maxInhuurPct: 50 }

/**
 * Whether a youth-care provider must have an internal supervisory body (Wet verbetering
 * beschikbaarheid jeugdzorg, from 2026): more than 10 jeugdhulpverleners when it offers youth
 * care with residence (verblijf), more than 25 otherwise.
 */
export const RVT_GRENS_MET_VERBLIJF = 10
export const RVT_GRENS_ZONDER_VERBLIJF = 25
export function rvtVereist(verblijf: boolean, jeugdhulpverleners: number): boolean {
  return jeugdhulpverleners > (verblijf ? RVT_GRENS_MET_VERBLIJF : RVT_GRENS_ZONDER_VERBLIJF)
}

/** The checks of the region's admission procedure (toelatingsprocedure) a form offers; the API takes any text. */
export const toelatingsToetsen = [
  'Inschrijving KvK en AGB-code',
  'Uitsluitingsgronden (Eigen verklaring)',
  'VOG van de bestuurders',
  'Kwaliteitskeurmerk of kwaliteitssysteem',
  'Verzekeringen',
  'Financiële toets (jaarrekening)',
  'UBO-verklaring',
  'Bibob-vragenlijst',
  'Meldcode huiselijk geweld en kindermishandeling',
  'Klachtenregeling en medezeggenschap',
] as const

export const toezichtBronnen = ['GGD', 'IGJ', 'NZa', 'anders'] as const
export type ToezichtBron = (typeof toezichtBronnen)[number]

/**
 * The term within which a provider reports a supervisor's measure, in calendar days from the
 * measure's date. Model agreement Wmo v1.2 art. 3.10.3 a: "Als een toezichthouder maatregelen
 * oplegt aan Opdrachtnemer of zijn bestuurders, dan meldt Opdrachtnemer dit aan Opdrachtgever:
 * – binnen 7 kalenderdagen bij maatregelen van Wmo- of Jeugdtoezichthouder – binnen 7
 * kalenderdagen bij maatregelen van de IGJ – direct bij andere toezichthouders (zoals
 * Belastingdienst of ACM)". The Wmo-toezichthouder of the region is the GGD; "direct" is read
 * as no later than the next calendar day (1).
 */
export function meldtermijnDagen(bron: ToezichtBron): number {
  return bron === 'GGD' || bron === 'IGJ' ? 7 : 1
}

export interface Meldtoets {
  termijnDagen: number
  uiterlijk: CalendarDate
  /** Calendar days from the measure to the report (or to `asOf` while unreported). */
  dagen: number
  gemeld: boolean
  teLaat: boolean
}

/**
 * Whether a measure was reported in time: reported on or before the measure's date + the term.
 * An unreported measure is late once `asOf` is past that day.
 */
export function meldtoets(bron: ToezichtBron, maatregelDatum: CalendarDate, gemeldOp: CalendarDate | null, asOf: CalendarDate): Meldtoets {
  const termijnDagen = meldtermijnDagen(bron)
  const uiterlijk = addDays(maatregelDatum, termijnDagen)
  const tot = gemeldOp ?? asOf
  return { termijnDagen, uiterlijk, dagen: dayNumber(tot) - dayNumber(maatregelDatum), gemeld: gemeldOp !== null, teLaat: tot > uiterlijk }
}

/**
 * The annual account over year Y is due before 1 June of Y + 1 (DigiMV: "de
 * jaarverantwoording over jaar Y wordt vóór 1 juni van jaar Y+1 gedeponeerd"). From 1 June
 * of Y + 1 an account that was not filed is missing.
 */
export const jaarrekeningUiterlijk = (jaar: number): CalendarDate => `${jaar + 1}-05-31`

export function jaarrekeningOntbreekt(jaar: number, asOf: CalendarDate, ingediend: boolean): boolean {
  return !ingediend && asOf >= `${jaar + 1}-06-01`
}

/** The most recent year whose annual account is due by `asOf`. */
export function laatsteVerplichteJaar(asOf: CalendarDate): number {
  const year = Number(asOf.slice(0, 4))
  return asOf >= `${year}-06-01` ? year - 1 : year - 2
}

/**
 * A name as the sanctions list is matched on: lower case, without diacritics, dots and apostrophes,
 * other punctuation as a space, and without repeated spaces ("Jan  Van der Berg-Ölçer" → "jan
 * van der berg olcer", "Zorg B.V." → "zorg bv").
 */
export function normaliseerNaam(naam: string): string {
  return naam
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.'’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

export interface SanctieRegel {
  naam: string
  geboortedatum: CalendarDate | null
  kvkNummer: string | null
}

/** A person (a UBO) or an organisation (the provider, by its KvK number) held against the list. */
export interface Getoetst {
  naam: string
  geboortedatum?: CalendarDate | null
  kvkNummer?: string | null
}

/**
 * A match on the sanctions list: the same normalised name AND the same date of birth (a
 * person) or the same KvK number (an organisation). A name alone never matches (namesakes);
 * a BSN is never used.
 */
export function opSanctielijst(wie: Getoetst, lijst: readonly SanctieRegel[]): SanctieRegel | null {
  const naam = normaliseerNaam(wie.naam)
  for (const r of lijst) {
    if (normaliseerNaam(r.naam) !== naam) continue
    if (wie.geboortedatum && r.geboortedatum === wie.geboortedatum) return r
    if (wie.kvkNummer && r.kvkNummer === wie.kvkNummer) return r
  }
  return null
}

/** Declared in the region in year Y above the revenue from the region the provider reported for Y. */
export const declaratiesBovenOmzet = (gedeclareerdCents: number, omzetRegioCents: number): boolean => gedeclareerdCents > omzetRegioCents

/** The share of self-employed and subcontracted costs above the threshold (percent). */
export function inhuurHoog(j: Jaarcijfers, maxInhuurPct: number): boolean {
  const share = ratios(j).aandeelInhuur
  return share !== null && share * 100 > maxInhuurPct + 1e-9
}

/** What the signals are raised from, per provider. */
export interface ProviderBeeld {
  providerId: number
  naam: string
  kvkNummer: string
  /** The latest UBO report, or null when none. */
  ubo: { datum: CalendarDate; identiteitVastgesteld: boolean; personen: { naam: string; geboortedatum: CalendarDate }[] } | null
  /** The latest Bibob entry with an outcome. */
  bibob: { datum: CalendarDate; uitkomst: 'positief' | 'negatief' | 'lopend' } | null
  maatregelen: { id: number; bron: ToezichtBron; maatregelDatum: CalendarDate; gemeldOp: CalendarDate | null }[]
  jaarrekeningen: Jaarcijfers[]
  /** Declared (approved, net) in the region per year, in cents. */
  gedeclareerd: Record<number, number>
  /** Whether the annual account over the last due year is required (the provider held an award in that year). */
  jaarrekeningVerplicht: boolean
  /** The provider's awards with their contract's profit maximum (geldendeMaxWinst). */
  contracten: ContractMaximum[]
}

export interface IntegriteitKandidaat {
  soort: IntegriteitSignaalSoort
  providerId: number
  /** What makes the signal one of its kind for the provider: a year, a measure's id, or '-'. */
  sleutel: string
  titel: string
  bewijs: Record<string, number | string>
}

const pct = (fraction: number) => formatPercent(fraction * 100, 1, true)

/** Every signal the register, the annual accounts and the declarations raise as of `asOf`. */
export function integriteitSignalen(providers: readonly ProviderBeeld[], lijst: readonly SanctieRegel[], instelling: IntegriteitInstelling, asOf: CalendarDate): IntegriteitKandidaat[] {
  const out: IntegriteitKandidaat[] = []
  for (const p of providers) {
    const add = (soort: IntegriteitSignaalSoort, sleutel: string, titel: string, bewijs: Record<string, number | string>) => out.push({ soort, providerId: p.providerId, sleutel, titel, bewijs })
    if (p.ubo === null || !p.ubo.identiteitVastgesteld) {
      add('ubo_ontbreekt', '-', `${p.naam}: UBO niet gemeld of identiteit niet vastgesteld; betalingen opschorten (art. 3.15.4)`, { gemeld: p.ubo ? formatDate(p.ubo.datum) : 'nee' })
    }
    const treffers = [...(p.ubo?.personen ?? []).map((x) => ({ naam: x.naam, geboortedatum: x.geboortedatum })), { naam: p.naam, kvkNummer: p.kvkNummer }]
      .map((w) => ({ wie: w.naam, regel: opSanctielijst(w, lijst) }))
      .filter((t) => t.regel !== null)
    if (treffers.length > 0) {
      add('ubo_op_sanctielijst', '-', `${p.naam}: UBO of aanbieder op de sanctielijst; geen betalingen (art. 3.15.2)`, { treffers: treffers.map((t) => t.wie).join(', ') })
    }
    if (p.bibob?.uitkomst === 'negatief') add('bibob_negatief', p.bibob.datum.slice(0, 4), `${p.naam}: Bibob-onderzoek met negatieve uitkomst`, { datum: formatDate(p.bibob.datum) })
    for (const m of p.maatregelen) {
      const t = meldtoets(m.bron, m.maatregelDatum, m.gemeldOp, asOf)
      if (!t.teLaat) continue
      add('maatregel_niet_gemeld', String(m.id), `${p.naam}: maatregel van ${m.bron} van ${formatDate(m.maatregelDatum)} ${t.gemeld ? `pas na ${t.dagen} dagen gemeld` : 'niet gemeld'} (termijn ${t.termijnDagen} ${t.termijnDagen === 1 ? 'dag' : 'dagen'})`, {
        bron: m.bron,
        maatregelDatum: formatDate(m.maatregelDatum),
        gemeldOp: m.gemeldOp ? formatDate(m.gemeldOp) : 'niet gemeld',
        dagen: t.dagen,
        termijnDagen: t.termijnDagen,
      })
    }
    for (const j of p.jaarrekeningen) {
      const r = ratios(j)
      const max = geldendeMaxWinst(p.contracten, j.jaar, instelling.maxWinstPct)
      const w = winstBovenMaximum(j, max.maxWinstPct)
      if (w?.boven) add('winst_boven_maximum', String(j.jaar), `${p.naam}: winst ${formatPercent(w.winstPct, 1, true)} in ${j.jaar}, boven het maximum van ${maxWinstTekst(max)}`, { resultaat: formatEuro(j.resultaatCents), omzet: formatEuro(j.omzetCents), winstPct: Number(w.winstPct.toFixed(2)), maximum: maxWinstTekst(max) })
      if (r.solvabiliteit !== null && r.solvabiliteit * 100 < instelling.minSolvabiliteitPct - 1e-9) add('solvabiliteit_laag', String(j.jaar), `${p.naam}: solvabiliteit ${pct(r.solvabiliteit)} in ${j.jaar}, onder ${formatPercent(instelling.minSolvabiliteitPct, 1, true)}`, { eigenVermogen: formatEuro(j.eigenVermogenCents), balanstotaal: formatEuro(j.balanstotaalCents) })
      if (r.currentRatio !== null && r.currentRatio < instelling.minCurrentRatio - 1e-9) add('liquiditeit_laag', String(j.jaar), `${p.naam}: current ratio ${formatNumber(r.currentRatio, 2)} in ${j.jaar}, onder ${formatNumber(instelling.minCurrentRatio, 2)}`, { vlottendeActiva: formatEuro(j.vlottendeActivaCents), kortlopendeSchulden: formatEuro(j.kortlopendeSchuldenCents) })
      if (inhuurHoog(j, instelling.maxInhuurPct)) add('inhuur_hoog', String(j.jaar), `${p.naam}: ${pct(r.aandeelInhuur!)} van de personele lasten naar zzp'ers en onderaannemers in ${j.jaar}`, { inhuur: formatEuro(j.inhuurCents), personeelskosten: formatEuro(j.personeelskostenCents) })
      const gedeclareerd = p.gedeclareerd[j.jaar] ?? 0
      if (declaratiesBovenOmzet(gedeclareerd, j.omzetRegioCents)) add('declaraties_boven_omzet', String(j.jaar), `${p.naam}: in ${j.jaar} ${formatEuro(gedeclareerd)} gedeclareerd in de regio, meer dan de opgegeven omzet uit de regio (${formatEuro(j.omzetRegioCents)})`, { gedeclareerd: formatEuro(gedeclareerd), omzetRegio: formatEuro(j.omzetRegioCents) })
    }
    const jaar = laatsteVerplichteJaar(asOf)
    if (p.jaarrekeningVerplicht && jaarrekeningOntbreekt(jaar, asOf, p.jaarrekeningen.some((j) => j.jaar === jaar))) {
      add('jaarrekening_ontbreekt', String(jaar), `${p.naam}: jaarverantwoording ${jaar} ontbreekt (uiterlijk ${formatDate(jaarrekeningUiterlijk(jaar))})`, { jaar })
    }
  }
  return out
}

/** Payments are to be suspended while a UBO signal holds (art. 3.15.2–3.15.4). */
export const opschortendeSoorten: readonly IntegriteitSignaalSoort[] = ['ubo_ontbreekt', 'ubo_op_sanctielijst']

export const signaalSoortLabels: Record<IntegriteitSignaalSoort, string> = {
  ubo_ontbreekt: 'UBO ontbreekt',
  ubo_op_sanctielijst: 'UBO op sanctielijst',
  bibob_negatief: 'Bibob negatief',
  maatregel_niet_gemeld: 'Maatregel niet binnen termijn gemeld',
  winst_boven_maximum: 'Winst boven maximum',
  solvabiliteit_laag: 'Solvabiliteit onder ondergrens',
  liquiditeit_laag: 'Liquiditeit onder ondergrens',
  declaraties_boven_omzet: 'Declaraties boven omzet',
  inhuur_hoog: 'Hoog aandeel inhuur',
  jaarrekening_ontbreekt: 'Jaarverantwoording ontbreekt',
}
export const signaalSoorten = Object.keys(signaalSoortLabels) as IntegriteitSignaalSoort[]
