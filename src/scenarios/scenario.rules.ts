/**
 * A scenario's outcome over up to five years beside the baseline (issue 22 §3, ADR 0034), in
 * memory on the fitted models: moving a lever recomputes without the database.
 *
 * **The baseline's current year is the forecast** the budget pages show (budget_prognose, the
 * forecast rules of src/budgets): per gemeente, the costs of the peildatum's year are that
 * forecast, by definition, not by fitting. The later years are the model's costs times the
 * gemeente's calibration `k = forecast ÷ model costs of the current year` (1 when either is 0), so
 * the years join. A scenario's current year is the forecast plus `k ×` what its levers change in
 * the model's months; without levers it changes nothing, so the baseline's current year is
 * the forecast to the cent (the property test holds it).
 *
 * Administrative load, per month (docs/scenarios.md): a provider sends a 315 and a 305 per new
 * client, a 307 per client leaving, and one 323 a month while it declares; a gemeente sends a
 * 301 per new client and a retour per provider message (316, 306, 308, 325). Declaration lines:
 * a client-month each under inspanningsgericht, one per new traject under outputgericht, none
 * under taakgericht (and no 323). A switch of provider is a 307, a 305 and a 301.
 */
import { type CalendarDate, monthStart } from '../shared/dates.ts'
import type { Target } from '../targets/target.rules.ts'
import { pathValue, windowMonths } from '../targets/target.rules.ts'
import { type FittedModel, type MonthFlow, type MonthNo, monthNo, project } from './flow-model.rules.ts'
import { type Lever, flowChanges, tariffFactor, voorliggendShareOf } from './levers.rules.ts'

/** What a gemeente's model is compared with: the budget page's forecast of the current year and the segment's budgets per year. */
export interface GemeenteInput {
  model: FittedModel
  /** The current year's forecast of the segment (with sub-segments) in this gemeente, in cents, as the budget pages show it. */
  forecastCents: number
  /** The gemeente's budget for the segment (with sub-segments) per year; absent years have none. */
  budgetCents: { jaar: number; cents: number }[]
}

export interface YearRow {
  jaar: number
  /** Clients in care on some day of the year: in care at its start plus the inflow. */
  inZorg: number
  inZorgEinde: number
  instroom: number
  uitstroom: number
  /** Requests sent to the voorliggend veld instead. */
  naarVoorliggend: number
  kostenCents: number
  voorliggendKostenCents: number
  budgetCents: number | null
  /** What a bestedingsruimte kept from being spent (0 without one). */
  bovenBestedingsruimteCents: number
  declaratieregelsPerMaand: number
  berichtenAanbiedersPerMaand: number
  berichtenGemeentenPerMaand: number
}

export interface ProviderYear {
  providerId: number
  jaar: number
  inZorgEinde: number
  instroom: number
  kostenCents: number
}

export interface TargetYear {
  jaar: number
  pad: number
  /** The scenario's value of the target's KPI over the year (scaled to the target's window for flows and costs); null: not modelled. */
  waarde: number | null
}

export interface Outcome {
  jaren: YearRow[]
  perGemeente: { gemeenteId: number; jaren: YearRow[] }[]
  perAanbieder: ProviderYear[]
  doelen: { doelId: number; naam: string; kpi: string; richting: Target['richting']; jaren: TargetYear[] }[]
}

export interface ScenarioSpec {
  startdatum: CalendarDate
  jaren: number
  hefbomen: readonly Lever[]
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0)
const round1 = (x: number) => Math.round(x * 10) / 10

/** The KPIs a scenario gives a value for, and how over a year. */
const modelled: Record<string, (y: YearRow, window: number) => number | null> = {
  instroom: (y, w) => round1((y.instroom * w) / 12),
  uitstroom: (y, w) => round1((y.uitstroom * w) / 12),
  in_zorg: (y) => round1(y.inZorg),
  in_zorg_einde: (y) => round1(y.inZorgEinde),
  kosten: (y, w) => Math.round((y.kostenCents * w) / 12),
  kosten_per_client: (y) => (y.inZorg === 0 ? null : Math.round(y.kostenCents / y.inZorg)),
}

interface GemeenteMonths {
  flows: MonthFlow[]
  /** Cents per month of the flows, after calibration and the cost levers. */
  cents: number[]
  voorliggendCents: number[]
  naarVoorliggend: number[]
  declarationLines: number[]
  declaring: boolean[]
}

/** One gemeente's months under the levers (none: the baseline). */
function gemeenteMonths(g: GemeenteInput, spec: ScenarioSpec, levers: readonly Lever[], lastYear: number): GemeenteMonths {
  const start = monthNo(monthStart(spec.startdatum))
  const flows = project(g.model, lastYear, flowChanges(levers, start))
  const base = levers.length === 0 ? flows : project(g.model, lastYear)
  const currentYear = Math.floor(g.model.lastMonth / 12)
  const modelCurrent = sum(base.filter((f) => Math.floor(f.month / 12) === currentYear).map((f) => f.costCents))
  const k = modelCurrent > 0 && g.forecastCents > 0 ? g.forecastCents / modelCurrent : 1
  const funding = levers.find((l) => l.soort === 'naar_taakgericht' || l.soort === 'naar_outputgericht')
  // Under an outputgericht price the clients already in care at the start go on as before: their client-months without new inflow.
  const old = funding?.soort === 'naar_outputgericht' ? project(g.model, lastYear, { ...flowChanges(levers, start), inflowFactor: (m) => (m >= start ? 0 : 1) }) : null
  const { share: toVoorliggend, costPerPersonCents } = voorliggendShareOf(levers)
  const cents: number[] = []
  const voorliggendCents: number[] = []
  const naarVoorliggend: number[] = []
  const declarationLines: number[] = []
  const declaring: boolean[] = []
  flows.forEach((f, i) => {
    const active = !f.observed && f.month >= start
    const price = tariffFactor(levers, start, f.month)
    let c = f.costCents * price
    let lines = f.clientMonths
    if (active && funding?.soort === 'naar_taakgericht') {
      c = funding.lumpsumPerJaarCents / 12 / k
      lines = 0
    } else if (active && old !== null && funding?.soort === 'naar_outputgericht') {
      c = old[i]!.costCents * price + (f.inflow * funding.trajectprijsCents) / k
      lines = old[i]!.clientMonths + f.inflow
    }
    cents.push(c * k)
    const sent = active ? f.requests * toVoorliggend : 0
    naarVoorliggend.push(sent)
    voorliggendCents.push(sent * costPerPersonCents)
    declarationLines.push(lines)
    declaring.push(lines > 0)
  })
  // The current year: the forecast, plus what the levers change in the model's months.
  const baseCents = base.map((f) => f.costCents * k)
  const deltaCurrent = sum(flows.map((f, i) => (Math.floor(f.month / 12) === currentYear ? cents[i]! - baseCents[i]! : 0)))
  const current = flows.map((f) => Math.floor(f.month / 12) === currentYear)
  const currentTotal = g.forecastCents + deltaCurrent
  // Spread the current year's total over its months as the model has it, so that the year adds up to it exactly.
  const weights = flows.map((f, i) => (current[i] ? Math.max(0, cents[i]!) : 0))
  const weight = sum(weights)
  const currentMonths = flows.filter((_, i) => current[i]).length
  return {
    flows,
    cents: cents.map((c, i) => (current[i] ? (weight > 0 ? (currentTotal * weights[i]!) / weight : currentTotal / currentMonths) : c)),
    voorliggendCents,
    naarVoorliggend,
    declarationLines,
    declaring,
  }
}

/** Sums the months of a gemeente (or several) into years, integers where they are cents. */
function years(months: readonly GemeenteMonths[], firstYear: number, lastYear: number, budgets: (jaar: number) => number | null, providers: number): YearRow[] {
  const rows: YearRow[] = []
  for (let y = firstYear; y <= lastYear; y++) {
    let instroom = 0, uitstroom = 0, naar = 0, lines = 0, declaringMonths = 0, eind = 0, begin = 0
    let kosten = 0, voorliggend = 0
    for (const g of months) {
      g.flows.forEach((f, i) => {
        const fy = Math.floor(f.month / 12)
        if (fy === y - 1 && f.month % 12 === 11) begin += f.stockEnd
        if (fy !== y) return
        instroom += f.inflow
        uitstroom += f.outflow
        naar += g.naarVoorliggend[i]!
        kosten += g.cents[i]!
        voorliggend += g.voorliggendCents[i]!
        lines += g.declarationLines[i]!
        if (g.declaring[i]) declaringMonths++
        if (f.month % 12 === 11) eind += f.stockEnd
      })
    }
    // The first year has no December before it in the flows: in care on 1 January is January's end, plus its outflow, minus its inflow.
    if (y === firstYear) begin = months.reduce((s, g) => s + (g.flows[0] ? g.flows[0].stockEnd + g.flows[0].outflow - g.flows[0].inflow : 0), 0)
    // A 323 goes from each provider to each gemeente it declares to, once a month.
    const declarationsPerMonth = (providers * declaringMonths) / 12
    rows.push({
      jaar: y,
      inZorg: round1(begin + instroom),
      inZorgEinde: round1(eind),
      instroom: round1(instroom),
      uitstroom: round1(uitstroom),
      naarVoorliggend: round1(naar),
      kostenCents: Math.round(kosten),
      voorliggendKostenCents: Math.round(voorliggend),
      budgetCents: budgets(y),
      bovenBestedingsruimteCents: 0,
      declaratieregelsPerMaand: round1(lines / 12),
      berichtenAanbiedersPerMaand: round1((2 * instroom + uitstroom) / 12 + declarationsPerMonth),
      berichtenGemeentenPerMaand: round1((instroom + 2 * instroom + uitstroom) / 12 + declarationsPerMonth),
    })
  }
  return rows
}

/** The providers' shares after a provider leaves (its share spread over the others in proportion). */
function sharesAfter(shares: FittedModel['providerShare'], leaving: ReadonlySet<number>): Map<number, number> {
  const kept = shares.filter((s) => !leaving.has(s.providerId)).map((s) => [s.providerId, s.share] as const)
  const total = sum(kept.map(([, s]) => s))
  return new Map(kept.map(([p, s]) => [p, total > 0 ? s / total : 0]))
}

/** The outcome of a scenario (no levers: the baseline) for the gemeenten given, from the peildatum's year on. */
export function computeOutcome(gemeenten: readonly GemeenteInput[], spec: ScenarioSpec, targets: readonly Target[] = []): Outcome {
  if (gemeenten.length === 0) return { jaren: [], perGemeente: [], perAanbieder: [], doelen: [] }
  const firstYear = Math.floor(gemeenten[0]!.model.lastMonth / 12)
  const lastYear = firstYear + spec.jaren - 1
  const start = monthNo(monthStart(spec.startdatum))
  const startYear = Math.floor(start / 12)
  const levers = spec.hefbomen
  const perGemeente = gemeenten.map((g) => ({ g, months: gemeenteMonths(g, spec, levers, lastYear) }))

  // A bestedingsruimte caps the segment's costs per year over the gemeenten, each cut in proportion to its costs.
  const ceiling = levers.find((l) => l.soort === 'bestedingsruimte')
  const cut = new Map<number, number>()
  if (ceiling?.soort === 'bestedingsruimte') {
    for (let y = Math.max(startYear, firstYear); y <= lastYear; y++) {
      const inYear = (m: MonthNo) => Math.floor(m / 12) === y
      const total = sum(perGemeente.flatMap(({ months }) => months.flows.map((f, i) => (inYear(f.month) ? months.cents[i]! : 0))))
      const before = sum(perGemeente.flatMap(({ months }) => months.flows.map((f, i) => (inYear(f.month) && f.month < start ? months.cents[i]! : 0))))
      const monthsFrom = y === startYear ? 12 - (start % 12) : 12
      const allowed = before + (ceiling.perJaarCents * monthsFrom) / 12
      if (total <= allowed || total === 0) continue
      const factor = allowed / total
      cut.set(y, total - allowed)
      for (const { months } of perGemeente) months.flows.forEach((f, i) => {
        if (inYear(f.month)) months.cents[i] = months.cents[i]! * factor
      })
    }
  }

  const leaving = new Set(levers.flatMap((l) => (l.soort === 'aanbieder_stopt' ? [l.providerId] : [])))
  const providersOf = (g: GemeenteInput, afterStart: boolean) => sharesAfter(g.model.providerShare, afterStart ? leaving : new Set())
  const rowsOf = (gs: typeof perGemeente) => {
    const providers = Math.max(1, new Set(gs.flatMap(({ g }) => [...providersOf(g, true).keys()])).size)
    const rows = years(gs.map((x) => x.months), firstYear, lastYear, (y) => {
      const bs = gs.map(({ g }) => g.budgetCents.find((b) => b.jaar === y)?.cents)
      return bs.every((b) => b === undefined) ? null : sum(bs.map((b) => b ?? 0))
    }, providers)
    // A provider leaving: its clients in care switch (a 307, a 305 and a 301 each), in the start's year.
    if (leaving.size > 0) {
      const switches = sum(gs.map(({ g, months }) => {
        const before = months.flows.find((f) => f.month === start - 1)?.stockEnd ?? 0
        return before * sum(g.model.providerShare.filter((s) => leaving.has(s.providerId)).map((s) => s.share))
      }))
      const row = rows.find((r) => r.jaar === startYear)
      if (row) {
        row.berichtenAanbiedersPerMaand = round1(row.berichtenAanbiedersPerMaand + (2 * switches) / 12)
        row.berichtenGemeentenPerMaand = round1(row.berichtenGemeentenPerMaand + (3 * switches) / 12)
      }
    }
    return rows
  }
  const total = rowsOf(perGemeente)
  for (const row of total) row.bovenBestedingsruimteCents = Math.round(cut.get(row.jaar) ?? 0)

  // Per provider: the gemeente's figures by the provider's share (after a provider left, from the start's year on).
  const byProvider = new Map<string, ProviderYear>()
  for (const { g } of perGemeente) {
    const rows = rowsOf(perGemeente.filter((x) => x.g === g))
    for (const r of rows) {
      for (const [providerId, share] of providersOf(g, r.jaar >= startYear && leaving.size > 0)) {
        const key = `${providerId}|${r.jaar}`
        const p = byProvider.get(key) ?? { providerId, jaar: r.jaar, inZorgEinde: 0, instroom: 0, kostenCents: 0 }
        p.inZorgEinde += r.inZorgEinde * share
        p.instroom += r.instroom * share
        p.kostenCents += r.kostenCents * share
        byProvider.set(key, p)
      }
    }
  }
  const perAanbieder = [...byProvider.values()]
    .map((p) => ({ ...p, inZorgEinde: round1(p.inZorgEinde), instroom: round1(p.instroom), kostenCents: Math.round(p.kostenCents) }))
    .sort((a, b) => a.providerId - b.providerId || a.jaar - b.jaar)

  const doelen = targets.map((t) => ({
    doelId: t.id,
    naam: t.naam,
    kpi: t.kpi,
    richting: t.richting,
    jaren: total.map((r) => ({ jaar: r.jaar, pad: round1(pathValue(t, `${r.jaar}-12-31`)), waarde: modelled[t.kpi]?.(r, windowMonths(t)) ?? null })),
  }))
  return { jaren: total, perGemeente: perGemeente.map(({ g }) => ({ gemeenteId: g.model.gemeenteId, jaren: rowsOf(perGemeente.filter((x) => x.g === g)) })), perAanbieder, doelen }
}

/** A count as shown: whole, and null when 1–4 (counts under 5 are suppressed, DOMAIN.md). */
export type Shown<T> = { [K in keyof T]: K extends CountField ? number | null : T[K] }
type CountField = 'inZorg' | 'inZorgEinde' | 'instroom' | 'uitstroom' | 'naarVoorliggend'
const countFields: readonly CountField[] = ['inZorg', 'inZorgEinde', 'instroom', 'uitstroom', 'naarVoorliggend']
export interface ShownOutcome {
  jaren: Shown<YearRow>[]
  perGemeente: { gemeenteId: number; jaren: Shown<YearRow>[] }[]
  perAanbieder: (Omit<ProviderYear, 'inZorgEinde' | 'instroom'> & { inZorgEinde: number | null; instroom: number | null })[]
  doelen: Outcome['doelen']
}

/** A modelled count shown: rounded to whole clients, and hidden when 1–4 (the current year holds counted clients). */
export function shownCount(x: number): number | null {
  const n = Math.round(x)
  return n > 0 && n < 5 ? null : n
}

/** The outcome as an answer shows it: every count of clients whole, those of 1–4 suppressed. */
export function shownOutcome(o: Outcome): ShownOutcome {
  const row = (r: YearRow): Shown<YearRow> => ({ ...r, ...Object.fromEntries(countFields.map((f) => [f, shownCount(r[f])])) }) as Shown<YearRow>
  return {
    jaren: o.jaren.map(row),
    perGemeente: o.perGemeente.map((g) => ({ gemeenteId: g.gemeenteId, jaren: g.jaren.map(row) })),
    perAanbieder: o.perAanbieder.map((p) => ({ ...p, inZorgEinde: shownCount(p.inZorgEinde), instroom: shownCount(p.instroom) })),
    doelen: o.doelen,
  }
}
