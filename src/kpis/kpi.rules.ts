/**
 * The KPIs of a segment, provider and gemeente over a period (issue 7 §2), each defined once,
 * here, as a pure function over the facts of trajecten (one traject = one toewijzing) and the
 * money per month. Seed 001 steers on "afschaling, verkorting van de duur van trajecten en een
 * daling van de gemiddelde kosten per jeugdige"; seed 002 (fase 4) measures "doelrealisatie,
 * klanttevredenheid, uitval" and, for doelrealisatie, "geen nieuwe start hulp" and "mate waarin
 * zonder hulp verder kan"; seed 004 wants less inflow. docs/uitkomsten.md has the table.
 *
 * Counting clients in and out: within a group a client's trajecten that follow each other
 * without a day between form one *episode* of care, so a verlenging or a second product is
 * not an outflow and an inflow. Over any period: stand at the end = stand at the start +
 * inflow − outflow (the property test checks it).
 *
 * A count, or a figure resting on fewer than 5 clients, is suppressed (DOMAIN.md: counts
 * under 5 hidden, the way CBS does).
 */
import { type CalendarDate, addMonths, dayNumber, monthStart } from '../shared/dates.ts'
import { SUPPRESSION_THRESHOLD } from '../shared/suppress.ts'
import { type BudgetYear, voorliggendShareOver } from '../budgets/voorliggend.rules.ts'

export type Wet = 'jeugdwet' | 'wmo'
export type Doelresultaat = 'behaald' | 'deels' | 'niet'

/** One outcome measurement (T2 or T3) as the KPIs read it. */
export interface Measurement {
  gemetenOp: CalendarDate
  doelen: { doel: number; resultaat: Doelresultaat }[]
  zelfredzaamheid: Record<string, number>
  tevredenheid: number | null
  zonderHulp: 'ja' | 'deels' | 'nee' | null
  vervolg: 'geen' | 'voorliggend' | 'aanvullend' | null
}

/** A toewijzing that was acted on: the facts every KPI is defined on (src/kpis/traject.queries.ts reads them). */
export interface Traject {
  id: number
  gemeenteId: number
  providerId: number
  segmentId: number
  wet: Wet
  /** The client, as a number that means something within one set of facts only. */
  client: number
  /** First day of care: the 305's Begindatum, else the toewijzing's Ingangsdatum. */
  begin: CalendarDate
  /** Last day of care: the definitive 307's Einddatum, else the toewijzing's Einddatum. */
  eind: CalendarDate
  /** RedenBeeindiging of the definitive 307 (JZ588 / WMO588), null without one. */
  reden: string | null
  /** The toewijzing's verplichting per day, in cents. */
  perDagCents: number
  /** When the 315 that asked for it came in (null: not asked by a provider). */
  aangevraagdOp: CalendarDate | null
  /** The Toewijzingsdatum of its first 301. */
  toegewezenOp: CalendarDate | null
  /** The 305's Begindatum (null: no start reported). */
  gestartOp: CalendarDate | null
  /** The client's next toewijzing in the same law that begins after this one began and at most 31 days after it ended. */
  volgende: { begin: CalendarDate; providerId: number; segmentId: number; perDagCents: number } | null
  /** The first day of the client's next care in the same law that begins after this traject ended. */
  herstart: CalendarDate | null
  /** Whether the client's care in the same law went on the day after this traject ended. */
  doorlopend: boolean
  /** Self-reliance per life domain at the start (1–5). */
  t1: Record<string, number>
  t2: Measurement | null
  t3: Measurement | null
}

/** Realised and expected spending of one key in one month. */
export interface MoneyMonth {
  gemeenteId: number
  providerId: number
  segmentId: number
  /** First day of the month. */
  maand: CalendarDate
  realisedCents: number
  verplichtingCents: number
}

export interface Period {
  from: CalendarDate
  to: CalendarDate
}

/** A KPI's value with the number of clients (or trajecten) it rests on; n is null for money that is about no person. */
export interface Measure {
  waarde: number | null
  n: number | null
}

export interface KpiValue extends Measure {
  /** True when the value rests on 1–4 clients and is not shown. */
  onderdrukt: boolean
}

export type Eenheid = 'aantal' | 'procent' | 'dagen' | 'cents' | 'schaal'

/** A stretch of uninterrupted care of one client within a group. */
export interface Episode {
  client: number
  begin: CalendarDate
  eind: CalendarDate
}

/** The facts of one group (a segment, provider, gemeente or a combination). */
export interface GroupFacts {
  trajecten: readonly Traject[]
  episodes: readonly Episode[]
  geld: readonly MoneyMonth[]
  /** The gemeente budgets of the group's segments and the voorliggend veld's lines of its gemeenten, per year (issue 22 §1). */
  budgetten: readonly BudgetYear[]
}

// JZ588 (iJw) and WMO588 (iWmo) RedenBeeindiging, RULES.md; the Beleidsinformatie Jeugd splits
// "volgens plan" from "voortijdig" the same way.
const volgensPlan: Record<Wet, readonly string[]> = { jeugdwet: ['31'], wmo: ['19'] }
const voortijdig: Record<Wet, readonly string[]> = { jeugdwet: ['32', '33', '34', '35'], wmo: ['21', '22', '23'] }
/** Not about how care went: 02 overlijden, 37 wijzigingsverzoek (the care goes on under a new toewijzing). */
const nietBeoordeeld = ['02', '37']

/** Days a follow-up may begin after the end and still count as the next step (afschaling, a switch). */
export const FOLLOW_UP_DAYS = 31
/** Lighter help: the follow-up costs at most this share per day (a few days more or less in a month is no afschaling). */
export const LIGHTER_SHARE = 0.9
/** Re-entry: new care within 12 months (seed 002: "geen nieuwe start hulp"). */
export const REENTRY_MONTHS = 12

const inPeriod = (d: CalendarDate | null, p: Period): d is CalendarDate => d !== null && d >= p.from && d <= p.to
const overlaps = (x: { begin: CalendarDate; eind: CalendarDate }, p: Period) => x.begin <= p.to && x.eind >= p.from
const days = (from: CalendarDate, to: CalendarDate) => dayNumber(to) - dayNumber(from)
const pct = (part: number, whole: number): Measure => ({ waarde: whole === 0 ? null : Math.round((part / whole) * 1000) / 10, n: whole })
const count = (n: number): Measure => ({ waarde: n, n })
const mean = (xs: readonly number[]): Measure => ({ waarde: xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10, n: xs.length })
function median(xs: readonly number[]): Measure {
  if (xs.length === 0) return { waarde: null, n: 0 }
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return { waarde: s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2, n: s.length }
}

/**
 * What several KPIs of one group and period share (the ended trajecten and episodes, the clients
 * in care, the money), formed once per group and period (`p`), or once per group (`p` null: the
 * wetten): a page measures every KPI of a group over several periods.
 * Kept beside the group (a WeakMap: it goes when the group goes); a group's facts are not changed after it is formed.
 */
const shared = new WeakMap<GroupFacts, Map<string, unknown>>()
function once<T>(g: GroupFacts, p: Period | null, what: string, compute: () => T): T {
  let memo = shared.get(g)
  if (!memo) shared.set(g, (memo = new Map()))
  const key = p === null ? what : `${what}|${p.from}|${p.to}`
  if (memo.has(key)) return memo.get(key) as T
  const value = compute()
  memo.set(key, value)
  return value
}
/** How many of `xs` pass `test` (a count without the array a filter makes). */
function countWhere<T>(xs: readonly T[], test: (x: T) => boolean): number {
  let n = 0
  for (const x of xs) if (test(x)) n++
  return n
}

/** The trajecten that ended in the period (their last day of care lies in it). */
const ended = (g: GroupFacts, p: Period): readonly Traject[] => once(g, p, 'ended', () => g.trajecten.filter((t) => inPeriod(t.eind, p)))
/** Ended trajecten whose reason says how the care went. */
const judged = (g: GroupFacts, p: Period): readonly Traject[] => once(g, p, 'judged', () => ended(g, p).filter((t) => t.reden !== null && !nietBeoordeeld.includes(t.reden)))
/** The share of the judged trajecten whose reason is one of `codes`. */
function shareOfJudged(g: GroupFacts, p: Period, codes: Record<Wet, readonly string[]>): Measure {
  const j = judged(g, p)
  return pct(countWhere(j, (t) => codes[t.wet].includes(t.reden!)), j.length)
}
/** The group's realised and expected cents in the months of the period (each summed in the order of the months' rows). */
function money(g: GroupFacts, p: Period, field: 'realisedCents' | 'verplichtingCents'): number {
  return once(g, p, 'money', () => {
    const from = monthStart(p.from)
    const sums = { realisedCents: 0, verplichtingCents: 0 }
    for (const m of g.geld) {
      if (m.maand < from || m.maand > p.to) continue
      sums.realisedCents += m.realisedCents
      sums.verplichtingCents += m.verplichtingCents
    }
    return sums
  })[field]
}
/** The months of `p` that lie in calendar year `jaar` (0–12). */
function monthsOfYearIn(p: Period, jaar: number): number {
  const from = monthStart(p.from) > `${jaar}-01-01` ? monthStart(p.from) : `${jaar}-01-01`
  const to = p.to < `${jaar}-12-31` ? p.to : `${jaar}-12-31`
  if (to < from) return 0
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1
}
const clientsInCare = (g: GroupFacts, p: Period): number =>
  once(g, p, 'clientsInCare', () => {
    const clients = new Set<number>()
    for (const e of g.episodes) if (overlaps(e, p)) clients.add(e.client)
    return clients.size
  })
/** The episodes that ended in the period (the client's care stopped in it), and their lengths in days (first to last day). */
const endedEpisodes = (g: GroupFacts, p: Period): readonly Episode[] => once(g, p, 'endedEpisodes', () => g.episodes.filter((e) => inPeriod(e.eind, p)))
const endedEpisodeDays = (g: GroupFacts, p: Period): readonly number[] => once(g, p, 'endedEpisodeDays', () => endedEpisodes(g, p).map((e) => days(e.begin, e.eind) + 1))
/** Whether a traject that began on `begin` follows one that ended on `eind` closely enough to be its next step. */
const followsWithin = (begin: CalendarDate, eind: CalendarDate) => days(eind, begin) <= FOLLOW_UP_DAYS
/** The latest after-measurement: T3 if there is one, else T2. */
const lastMeasurement = (t: Traject) => t.t3 ?? t.t2

/** Whether the next step after a traject was lighter help (seed 001/004: "afschalen"). */
export function scaledDown(t: Traject): boolean {
  if (t.t2?.vervolg === 'voorliggend' || t.t3?.vervolg === 'voorliggend') return true
  return t.volgende !== null && followsWithin(t.volgende.begin, t.eind) && t.volgende.perDagCents <= t.perDagCents * LIGHTER_SHARE
}

/** Whether the client went on with another provider in the same segment (a provider switch). */
export function switchedProvider(t: Traject): boolean {
  return t.volgende !== null && followsWithin(t.volgende.begin, t.eind) && t.volgende.segmentId === t.segmentId && t.volgende.providerId !== t.providerId
}

/**
 * Re-entry as known on `peildatum`: true, false, or null while the 12 months have not passed —
 * and null when the care went on (the next day, or as a follow-up within 31 days: afschaling
 * or a switch is the next step, not a new start).
 */
export function reentered(t: Traject, peildatum: CalendarDate): boolean | null {
  if (t.doorlopend || (t.herstart !== null && followsWithin(t.herstart, t.eind))) return null
  const window = addMonths(t.eind, REENTRY_MONTHS)
  if (t.herstart !== null && t.herstart <= window) return true
  return window <= peildatum ? false : null
}

export interface KpiDefinition {
  code: string
  naam: string
  /** The definition in one line (shown beside the figure and in docs/uitkomsten.md). */
  doc: string
  eenheid: Eenheid
  /** Which way is better; null where neither is (volume). */
  beter: 'lager' | 'hoger' | null
  measure(g: GroupFacts, p: Period, peildatum: CalendarDate): Measure
}

const kpi = <C extends string>(d: KpiDefinition & { code: C }) => d

/** Every KPI, in the order pages show them. */
export const kpiDefinitions = [
  kpi({
    code: 'in_zorg', naam: 'Cliënten in zorg', eenheid: 'aantal', beter: null,
    doc: 'Verschillende cliënten met zorg op minstens één dag van de periode.',
    measure: (g, p) => count(clientsInCare(g, p)),
  }),
  kpi({
    code: 'in_zorg_begin', naam: 'Stand bij begin', eenheid: 'aantal', beter: null,
    doc: 'Cliënten van wie de zorg vóór de periode begon en op de eerste dag doorliep.',
    measure: (g, p) => count(countWhere(g.episodes, (e) => e.begin < p.from && e.eind >= p.from)),
  }),
  kpi({
    code: 'in_zorg_einde', naam: 'Stand bij einde', eenheid: 'aantal', beter: null,
    doc: 'Cliënten in zorg op de laatste dag van de periode van wie de zorg daarna doorloopt (bij Verblijf: bedden in gebruik).',
    measure: (g, p) => count(countWhere(g.episodes, (e) => e.begin <= p.to && e.eind > p.to)),
  }),
  kpi({
    code: 'instroom', naam: 'Instroom', eenheid: 'aantal', beter: 'lager',
    doc: 'Cliënten van wie de zorg in de periode begon, zonder zorg op de dag ervoor.',
    measure: (g, p) => count(countWhere(g.episodes, (e) => inPeriod(e.begin, p))),
  }),
  kpi({
    code: 'uitstroom', naam: 'Uitstroom', eenheid: 'aantal', beter: null,
    doc: 'Cliënten van wie de zorg in de periode eindigde, zonder zorg op de dag erna.',
    measure: (g, p) => count(endedEpisodes(g, p).length),
  }),
  kpi({
    code: 'duur_gemiddeld', naam: 'Gemiddelde duur', eenheid: 'dagen', beter: 'lager',
    doc: 'Gemiddeld aantal dagen zorg (eerste t/m laatste dag) van wie in de periode uitstroomde.',
    measure: (g, p) => mean(endedEpisodeDays(g, p)),
  }),
  kpi({
    code: 'duur_mediaan', naam: 'Mediane duur', eenheid: 'dagen', beter: 'lager',
    doc: 'Mediaan van het aantal dagen zorg van wie in de periode uitstroomde.',
    measure: (g, p) => median(endedEpisodeDays(g, p)),
  }),
  kpi({
    code: 'trajecten', naam: 'Trajecten', eenheid: 'aantal', beter: null,
    doc: 'Toewijzingen met zorg op minstens één dag van de periode (Regiemonitor: trajecten per aanbieder).',
    measure: (g, p) => count(countWhere(g.trajecten, (t) => overlaps(t, p))),
  }),
  kpi({
    code: 'kosten', naam: 'Kosten', eenheid: 'cents', beter: 'lager',
    doc: 'Gerealiseerd in de maanden van de periode: goedgekeurde declaraties min credits, plus taakgerichte bedragen.',
    measure: (g, p) => ({ waarde: money(g, p, 'realisedCents'), n: null }),
  }),
  kpi({
    code: 'kosten_per_client', naam: 'Kosten per cliënt', eenheid: 'cents', beter: 'lager',
    doc: 'Kosten van de periode gedeeld door de cliënten in zorg in de periode.',
    measure: (g, p) => {
      const n = clientsInCare(g, p)
      return { waarde: n === 0 ? null : Math.round(money(g, p, 'realisedCents') / n), n }
    },
  }),
  kpi({
    code: 'verplichting', naam: 'Verwacht gebruik', eenheid: 'cents', beter: null,
    doc: 'De verplichting van de toewijzingen, over hun dagen verdeeld, die in de maanden van de periode valt.',
    measure: (g, p) => ({ waarde: money(g, p, 'verplichtingCents'), n: null }),
  }),
  kpi({
    code: 'benutting', naam: 'Werkelijk tegen verwacht gebruik', eenheid: 'procent', beter: null,
    doc: 'Kosten als percentage van het verwachte gebruik (de verplichting) in de periode.',
    measure: (g, p) => ({ ...pct(money(g, p, 'realisedCents'), money(g, p, 'verplichtingCents')), n: null }),
  }),
  kpi({
    code: 'aandeel_voorliggend', naam: 'Aandeel voorliggend veld', eenheid: 'procent', beter: 'hoger',
    doc: 'Budget van het voorliggend veld (collectieve voorzieningen, groepsaanbod, subsidies, taakgericht) als deel van dat budget plus de maatwerkbudgetten van de segmenten, naar rato van de maanden van de periode; voorliggend alleen van een gemeente en wet met een maatwerkbudget in de periode.',
    measure: (g, p) => ({ waarde: voorliggendShareOver(g.budgetten, (jaar) => monthsOfYearIn(p, jaar)).waarde, n: null }),
  }),
  kpi({
    code: 'volgens_plan', naam: 'Beëindigd volgens plan', eenheid: 'procent', beter: 'hoger',
    doc: 'Van de trajecten die in de periode eindigden met een reden (307, zonder overlijden en wijzigingsverzoek): het deel volgens plan (31; Wmo 19).',
    measure: (g, p) => shareOfJudged(g, p, volgensPlan),
  }),
  kpi({
    code: 'uitval', naam: 'Uitval', eenheid: 'procent', beter: 'lager',
    doc: 'Van dezelfde trajecten: het deel voortijdig beëindigd (32–35; Wmo 21–23).',
    measure: (g, p) => shareOfJudged(g, p, voortijdig),
  }),
  kpi({
    code: 'heraanmelding', naam: 'Nieuwe hulp binnen 12 maanden', eenheid: 'procent', beter: 'lager',
    doc: 'Van de trajecten die in de periode eindigden zonder vervolg binnen 31 dagen: het deel met nieuwe zorg (zelfde wet) binnen 12 maanden; geteld zodra dat bekend is.',
    measure: (g, p, peildatum) => {
      const known = ended(g, p).map((t) => reentered(t, peildatum)).filter((r) => r !== null)
      return pct(known.filter((r) => r).length, known.length)
    },
  }),
  kpi({
    code: 'afschaling', naam: 'Afgeschaald', eenheid: 'procent', beter: 'hoger',
    doc: 'Van de trajecten die in de periode eindigden: het deel binnen 31 dagen gevolgd door zorg die per dag minstens 10 % goedkoper is, of door een voorliggende voorziening.',
    measure: (g, p) => {
      const e = ended(g, p)
      return pct(countWhere(e, scaledDown), e.length)
    },
  }),
  kpi({
    code: 'wisselingen', naam: 'Wisselingen van aanbieder', eenheid: 'aantal', beter: 'lager',
    doc: 'Trajecten die in de periode eindigden en binnen 31 dagen bij een andere aanbieder in hetzelfde segment verdergingen.',
    measure: (g, p) => count(countWhere(ended(g, p), switchedProvider)),
  }),
  kpi({
    code: 'wachttijd_toewijzing', naam: 'Wachttijd aanvraag → toewijzing', eenheid: 'dagen', beter: 'lager',
    doc: 'Mediaan van de kalenderdagen van ontvangst van de 315 tot de toewijzing (301), voor toewijzingen van de periode.',
    measure: (g, p) => median(g.trajecten.filter((t) => t.aangevraagdOp !== null && inPeriod(t.toegewezenOp, p)).map((t) => Math.max(0, days(t.aangevraagdOp!, t.toegewezenOp!)))),
  }),
  kpi({
    code: 'wachttijd_start', naam: 'Wachttijd toewijzing → start', eenheid: 'dagen', beter: 'lager',
    doc: 'Mediaan van de kalenderdagen van de toewijzing (301) tot de start van de zorg (305), voor starts in de periode; met terugwerkende kracht telt als 0.',
    measure: (g, p) => median(g.trajecten.filter((t) => t.toegewezenOp !== null && inPeriod(t.gestartOp, p)).map((t) => Math.max(0, days(t.toegewezenOp!, t.gestartOp!)))),
  }),
  kpi({
    code: 'doelrealisatie', naam: 'Doelen behaald', eenheid: 'procent', beter: 'hoger',
    doc: 'Van de trajecten die in de periode eindigden met een T2-meting: het deel waarin alle doelen behaald zijn.',
    measure: (g, p) => {
      const m = ended(g, p).flatMap((t) => (t.t2 !== null && t.t2.doelen.length > 0 ? [t.t2] : []))
      return pct(m.filter((x) => x.doelen.every((d) => d.resultaat === 'behaald')).length, m.length)
    },
  }),
  kpi({
    code: 'tevredenheid', naam: 'Tevreden cliënten', eenheid: 'procent', beter: 'hoger',
    doc: 'Van de T2-metingen met een oordeel (1–5) bij trajecten die in de periode eindigden: het deel met 4 of 5.',
    measure: (g, p) => {
      const scores = ended(g, p).flatMap((t) => (t.t2?.tevredenheid != null ? [t.t2.tevredenheid] : []))
      return pct(scores.filter((s) => s >= 4).length, scores.length)
    },
  }),
  kpi({
    code: 'zelfredzaamheid', naam: 'Groei zelfredzaamheid', eenheid: 'schaal', beter: 'hoger',
    doc: 'Gemiddelde groei (T2 min T1, schaal 1–5) over de levensdomeinen die bij start en einde zijn gemeten, voor trajecten die in de periode eindigden.',
    measure: (g, p) => mean(ended(g, p).flatMap((t) => {
      const growth = Object.entries(t.t2?.zelfredzaamheid ?? {}).filter(([d]) => t.t1[d] !== undefined).map(([d, v]) => v - t.t1[d]!)
      return growth.length === 0 ? [] : [growth.reduce((a, b) => a + b, 0) / growth.length]
    })),
  }),
  kpi({
    code: 'zonder_hulp', naam: 'Kan zonder hulp verder', eenheid: 'procent', beter: 'hoger',
    doc: 'Van de trajecten die in de periode eindigden met een antwoord bij de laatste meting (T3, anders T2): het deel dat zonder hulp verder kan.',
    measure: (g, p) => {
      const answers = ended(g, p).flatMap((t) => (lastMeasurement(t)?.zonderHulp != null ? [lastMeasurement(t)!.zonderHulp] : []))
      return pct(answers.filter((a) => a === 'ja').length, answers.length)
    },
  }),
] as const

export type KpiCode = (typeof kpiDefinitions)[number]['code']
export const kpiCodes = kpiDefinitions.map((k) => k.code) as [KpiCode, ...KpiCode[]]
/** The scorecard a new segment starts with. */
export const defaultScorecard: KpiCode[] = ['in_zorg', 'instroom', 'uitstroom', 'duur_gemiddeld', 'kosten_per_client', 'volgens_plan', 'uitval', 'heraanmelding', 'afschaling', 'doelrealisatie', 'tevredenheid']
export const kpiByCode = new Map<string, KpiDefinition>(kpiDefinitions.map((k) => [k.code, k]))

/** A client's trajecten in a group merged into episodes: one begins no later than the day after the previous ended. */
export function episodesOf(trajecten: readonly Traject[]): Episode[] {
  const byClient = new Map<number, Traject[]>()
  for (const t of trajecten) {
    const list = byClient.get(t.client)
    if (list) list.push(t)
    else byClient.set(t.client, [t])
  }
  const episodes: Episode[] = []
  for (const [client, list] of byClient) {
    if (list.length > 1) list.sort((a, b) => (a.begin < b.begin ? -1 : a.begin > b.begin ? 1 : 0))
    let current: Episode | null = null
    for (const t of list) {
      if (current !== null && days(current.eind, t.begin) <= 1) {
        if (t.eind > current.eind) current.eind = t.eind
      } else {
        if (current !== null) episodes.push(current)
        current = { client, begin: t.begin, eind: t.eind }
      }
    }
    if (current !== null) episodes.push(current)
  }
  return episodes
}

export function groupFacts(trajecten: readonly Traject[], geld: readonly MoneyMonth[], budgetten: readonly BudgetYear[] = []): GroupFacts {
  return { trajecten, episodes: episodesOf(trajecten), geld, budgetten }
}

/** A measure with small counts hidden. */
export function suppress(m: Measure): KpiValue {
  const hidden = m.n !== null && m.n > 0 && m.n < SUPPRESSION_THRESHOLD
  return { waarde: hidden ? null : m.waarde, n: hidden ? null : m.n, onderdrukt: hidden }
}

const HIDDEN: KpiValue = { waarde: null, n: null, onderdrukt: true }
/** The flow of people adds up: stand bij begin + instroom = uitstroom + stand bij einde. */
const FLOW = ['in_zorg_begin', 'instroom', 'uitstroom', 'in_zorg_einde'] as const

/**
 * Secondary suppression (issue 18 §5): a figure shown beside a suppressed one must not give it
 * away. Within one group's KPIs:
 * - when the group's clients in care are fewer than 5, every other figure about its people
 *   (a count or a share with n > 0) is hidden too — "< 5 in zorg" beside "uitstroom 5" says
 *   there were at least 5, and a count of a subset tells how many the group has;
 * - the four figures of the flow add up, so when one of them is hidden another is hidden
 *   with it (the smallest one not zero), and the hidden one can no longer be computed.
 * Money about no person (n null) stays. Counts across groups (a row against the total) are not
 * covered here.
 */
export function suppressComplements<V extends Record<string, KpiValue>>(values: V): V {
  const out: Record<string, KpiValue> = { ...values }
  if (out.in_zorg?.onderdrukt) {
    for (const [code, v] of Object.entries(out)) if (code !== 'in_zorg' && !v.onderdrukt && v.n !== null && v.n > 0) out[code] = HIDDEN
  }
  const flow = FLOW.filter((c) => out[c] !== undefined)
  if (flow.filter((c) => out[c]!.onderdrukt).length === 1) {
    const complement = flow.filter((c) => !out[c]!.onderdrukt && (out[c]!.waarde ?? 0) > 0).sort((a, b) => out[a]!.waarde! - out[b]!.waarde!)[0]
    if (complement !== undefined) out[complement] = HIDDEN
  }
  return out as V
}

/** One KPI of a group over a period, suppressed. */
export function kpiValue(code: KpiCode, g: GroupFacts, p: Period, peildatum: CalendarDate): KpiValue {
  return suppress(kpiByCode.get(code)!.measure(g, p, peildatum))
}

export type Dimension = 'segment' | 'provider' | 'gemeente'
export interface GroupKey {
  segmentId: number | null
  providerId: number | null
  gemeenteId: number | null
}

const keyOf = (x: { segmentId: number; providerId: number; gemeenteId: number }, dims: readonly Dimension[]): GroupKey => ({
  segmentId: dims.includes('segment') ? x.segmentId : null,
  providerId: dims.includes('provider') ? x.providerId : null,
  gemeenteId: dims.includes('gemeente') ? x.gemeenteId : null,
})
const keyText = (k: GroupKey) => `${k.segmentId}|${k.providerId}|${k.gemeenteId}`

/** The facts split by the chosen dimensions (none: one group of everything). */
export function groupBy(trajecten: readonly Traject[], geld: readonly MoneyMonth[], dims: readonly Dimension[], budgetten: readonly BudgetYear[] = []): { key: GroupKey; facts: GroupFacts }[] {
  const groups = new Map<string, { key: GroupKey; trajecten: Traject[]; geld: MoneyMonth[]; budgetten: BudgetYear[] }>()
  const groupOf = (x: { segmentId: number; providerId: number; gemeenteId: number }) => {
    const key = keyOf(x, dims)
    const text = keyText(key)
    let g = groups.get(text)
    if (!g) groups.set(text, (g = { key, trajecten: [], geld: [], budgetten: [] }))
    return g
  }
  for (const t of trajecten) groupOf(t).trajecten.push(t)
  for (const m of geld) groupOf(m).geld.push(m)
  // Budgets are a gemeente's, not a provider's: a grouping by provider has none. A voorliggend line (no segment) belongs to every group of its gemeente.
  if (!dims.includes('provider')) {
    for (const b of budgetten) if (b.segmentId !== null) groupOf({ segmentId: b.segmentId, providerId: 0, gemeenteId: b.gemeenteId }).budgetten.push(b)
    const lines = budgetten.filter((b) => b.segmentId === null)
    for (const g of groups.values()) g.budgetten.push(...lines.filter((b) => g.key.gemeenteId === null || g.key.gemeenteId === b.gemeenteId))
  }
  return [...groups.values()].map((g) => ({ key: g.key, facts: groupFacts(g.trajecten, g.geld, g.budgetten) }))
}

/** Self-reliance at the start per life domain: the T1 measurement, else the T1 the beschikking recorded with each goal. */
export function startingPoint(goals: readonly { domain: string; t1: number }[], t1Measurement: Record<string, number> | null): Record<string, number> {
  const start: Record<string, number> = {}
  for (const g of goals) start[g.domain] = g.t1
  return { ...start, ...(t1Measurement ?? {}) }
}
