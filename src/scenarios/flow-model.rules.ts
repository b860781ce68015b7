/**
 * The flow model of one segment (with its sub-segments) in one gemeente (issue 22 §2, ADR 0034),
 * fitted from the facts of its trajecten and its realised money, as pure functions. No person is
 * in it: the history is episodes without a client, money per month and counts of transitions.
 *
 * - **Inflow** per month = trend × seasonal index. The trend is a least-squares line through the
 *   monthly starts of the fitted months; the seasonal index of a calendar month is its mean
 *   starts over the mean starts per month (the budget forecast's `seasonalIndex`, so both read
 *   the seasons the same way). The trend is held flat after `TREND_MONTHS` months ahead, and
 *   never goes below 0.
 * - **Duration**: an empirical survival curve per month of care (Kaplan–Meier on the months,
 *   episodes still running at the peildatum counted as censored): the hazard `h[k]` is the share
 *   of those in their month k + 1 of care whose care ends in it. Beyond the longest observed
 *   duration the mean hazard of the last `TAIL_MONTHS` observed months goes on. The facts carry no
 *   perspective (ontwikkeling/stabiliteit), so there is one curve per segment and gemeente; the
 *   maximum-duration lever names the share it applies to.
 * - **Cost per client-month**: the realised cents of the last 12 complete months over the months
 *   of care of those months (a client in care on any day of a month is a client-month).
 * - **Transitions**: shares of the ended trajecten scaled down, switched provider and re-entered
 *   within 12 months (the KPI definitions of kpi.rules.ts), reported with the model.
 * - **Providers**: each provider's share of the client-months of the last 12 months.
 *
 * The projection is age-structured: the clients in care at the peildatum by their month of care,
 * plus each month's inflow, move one month on per month and leave by the hazard. Counts are
 * expected values (fractions); outputs are rounded where they are shown.
 */
import { seasonalIndex } from '../budgets/forecast.rules.ts'
import { type CalendarDate, addMonths, monthStart } from '../shared/dates.ts'

/** The version of the model a kept scenario was computed with (ADR 0034). */
export const MODEL_VERSION = 'stroommodel-1'

/** How far ahead the fitted trend moves the inflow before it is held flat. */
export const TREND_MONTHS = 12
/** The observed months of care whose mean hazard continues beyond the longest observed duration. */
export const TAIL_MONTHS = 6
/** The longest month of care the projection follows; whoever is still in care then stays in this month. */
export const MAX_AGE_MONTHS = 240

/** A month as a number: year × 12 + month − 1. */
export type MonthNo = number
export const monthNo = (d: CalendarDate): MonthNo => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1
export const monthDate = (m: MonthNo): CalendarDate => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`

/** One stretch of uninterrupted care, without its client. */
export interface HistoryEpisode {
  providerId: number
  begin: CalendarDate
  /** The last day of care; null while it runs on after the peildatum. */
  eind: CalendarDate | null
}

/** What the model is fitted from: one segment's (with sub-segments) facts in one gemeente. */
export interface History {
  gemeenteId: number
  /** The day the facts are known to; the projection starts in the month after its month. */
  peildatum: CalendarDate
  episodes: readonly HistoryEpisode[]
  /** Realised cents per month (first day), all providers. */
  realised: ReadonlyMap<CalendarDate, number>
  /** Counts over the ended trajecten of the fitted period. */
  transitions: { ended: number; scaledDown: number; switched: number; reentryKnown: number; reentered: number }
}

/** One observed month of the model (plain data: a fitted model travels as JSON to the page, which recomputes as a lever moves). */
export interface ObservedMonth {
  month: MonthNo
  inflow: number
  outflow: number
  stockEnd: number
  clientMonths: number
  realisedCents: number
}

export interface FittedModel {
  gemeenteId: number
  peildatum: CalendarDate
  /** The month of the peildatum: the last month whose figures are known (in part). */
  lastMonth: MonthNo
  /** The trend line of monthly inflow: level at `lastMonth` and slope per month. */
  inflowLevel: number
  inflowSlope: number
  /** Seasonal index per calendar month (0 = January). */
  season: number[]
  /** Hazard per month of care (index 0 = the first month), then `tailHazard`. */
  hazard: number[]
  tailHazard: number
  costPerClientMonthCents: number
  /** Clients in care at the end of `lastMonth` by month of care (index 0: began in `lastMonth`). */
  stock: number[]
  /** Observed per month up to `lastMonth` (from January of its year): inflow, outflow, clients in care at the end, client-months, realised cents. */
  observed: ObservedMonth[]
  /** Each provider's share of the client-months of the last 12 months. */
  providerShare: { providerId: number; share: number }[]
  transitions: { afschalingPct: number | null; wisselPct: number | null; heraanmeldingPct: number | null }
  fittedMonths: number
}

const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10)

/** Least squares through (x, y); slope 0 with fewer than two points. */
export function linearTrend(ys: readonly number[]): { level: number; slope: number } {
  const n = ys.length
  if (n === 0) return { level: 0, slope: 0 }
  const mean = ys.reduce((a, b) => a + b, 0) / n
  if (n === 1) return { level: mean, slope: 0 }
  const mx = (n - 1) / 2
  let sxy = 0
  let sxx = 0
  ys.forEach((y, x) => {
    sxy += (x - mx) * (y - mean)
    sxx += (x - mx) ** 2
  })
  const slope = sxy / sxx
  // The level at the last fitted month.
  return { level: mean + slope * (n - 1 - mx), slope }
}

/**
 * Fits the model from the history, using the months from `fitFrom` to the peildatum's month.
 * The last, partial month counts for the stock, not for the inflow trend (its starts are not all in).
 */
export function fitModel(h: History, fitFrom: CalendarDate): FittedModel {
  const lastMonth = monthNo(h.peildatum)
  const first = monthNo(monthStart(fitFrom))
  const observed = new Map<MonthNo, { inflow: number; outflow: number; stockEnd: number; clientMonths: number; realisedCents: number }>()
  const earliest = Math.min(first, ...h.episodes.map((e) => monthNo(e.begin)))
  for (let m = earliest; m <= lastMonth; m++) observed.set(m, { inflow: 0, outflow: 0, stockEnd: 0, clientMonths: 0, realisedCents: h.realised.get(monthDate(m)) ?? 0 })
  const stock = new Array<number>(0)
  const providerMonths = new Map<number, number>()
  // Kaplan–Meier on months of care: at risk and ended per month of care, within the fitted months.
  const atRisk: number[] = []
  const ended: number[] = []
  for (const e of h.episodes) {
    const b = monthNo(e.begin)
    const end = e.eind === null || e.eind > h.peildatum ? null : monthNo(e.eind)
    const last = end ?? lastMonth
    if (b > lastMonth) continue
    observed.get(b)!.inflow++
    if (end !== null) observed.get(end)!.outflow++
    for (let m = b; m <= last; m++) {
      const o = observed.get(m)!
      o.clientMonths++
      if (m !== end) o.stockEnd++
      if (m > lastMonth - 12) providerMonths.set(e.providerId, (providerMonths.get(e.providerId) ?? 0) + 1)
      // The peildatum's own month is not complete: it is left out of the durations (censored).
      if (m >= first && m < lastMonth) {
        const k = m - b
        atRisk[k] = (atRisk[k] ?? 0) + 1
        if (m === end) ended[k] = (ended[k] ?? 0) + 1
      }
    }
    if (end === null) stock[lastMonth - b] = (stock[lastMonth - b] ?? 0) + 1
  }
  const hazard: number[] = []
  for (let k = 0; k < atRisk.length; k++) hazard.push((atRisk[k] ?? 0) === 0 ? 0 : (ended[k] ?? 0) / atRisk[k]!)
  const tail = hazard.slice(-TAIL_MONTHS)
  const tailHazard = tail.length === 0 ? 0 : tail.reduce((a, b) => a + b, 0) / tail.length

  // Inflow: the complete fitted months (the peildatum's month is partial).
  const fitted: { calendarMonth: number; nieuw: number; verplichtingCents: number; dagen: number }[] = []
  for (let m = first; m < lastMonth; m++) fitted.push({ calendarMonth: (m % 12) + 1, nieuw: observed.get(m)?.inflow ?? 0, verplichtingCents: 0, dagen: 0 })
  const season = seasonalIndex(fitted)
  // The trend through the deseasonalised starts; through the starts themselves when a calendar month had none (its index is 0).
  const deseasonalise = season.every((x) => x > 0)
  const { level, slope } = linearTrend(fitted.map((f) => (deseasonalise ? f.nieuw / season[f.calendarMonth - 1]! : f.nieuw)))

  // Cost per client-month over the last 12 complete months.
  let cents = 0
  let months = 0
  for (let m = Math.max(first, lastMonth - 12); m < lastMonth; m++) {
    cents += observed.get(m)?.realisedCents ?? 0
    months += observed.get(m)?.clientMonths ?? 0
  }
  const totalProvider = [...providerMonths.values()].reduce((a, b) => a + b, 0)
  const t = h.transitions
  return {
    gemeenteId: h.gemeenteId,
    peildatum: h.peildatum,
    lastMonth,
    // The level one month on from the last complete month is the trend at lastMonth.
    inflowLevel: Math.max(0, level + slope),
    inflowSlope: slope,
    season,
    hazard,
    tailHazard,
    costPerClientMonthCents: months === 0 ? 0 : cents / months,
    stock: Array.from(stock, (x) => x ?? 0),
    observed: [...observed].filter(([m]) => m >= Math.floor(lastMonth / 12) * 12).map(([month, o]) => ({ month, ...o })),
    providerShare: [...providerMonths].sort((a, b) => a[0] - b[0]).map(([providerId, n]) => ({ providerId, share: n / totalProvider })),
    transitions: { afschalingPct: pct(t.scaledDown, t.ended), wisselPct: pct(t.switched, t.ended), heraanmeldingPct: pct(t.reentered, t.reentryKnown) },
    fittedMonths: Math.max(0, lastMonth - first),
  }
}

/** What a scenario changes in the flow, month by month (levers.rules.ts builds it). */
export interface FlowChanges {
  /** Factor on the modelled inflow of a month (1: unchanged). */
  inflowFactor(m: MonthNo): number
  /** From `from` on, this share of the clients leaves care when it completes `months` months. */
  maxDuration: { from: MonthNo; months: number; share: number } | null
}

export const NO_CHANGES: FlowChanges = { inflowFactor: () => 1, maxDuration: null }

export interface MonthFlow {
  month: MonthNo
  /** Modelled inflow before the lever's factor (the requests), and after it. */
  requests: number
  inflow: number
  outflow: number
  stockEnd: number
  clientMonths: number
  /** Model cost (client-months × cost per client-month) in cents, unrounded; realised for an observed month. */
  costCents: number
  observed: boolean
}

/** The modelled inflow of a projected month: trend (held after TREND_MONTHS) × season, at least 0. */
export function modelledInflow(model: FittedModel, m: MonthNo): number {
  const ahead = Math.min(m - model.lastMonth, TREND_MONTHS)
  return Math.max(0, (model.inflowLevel + model.inflowSlope * (ahead - 1)) * model.season[m % 12]!)
}

const hazardAt = (model: FittedModel, k: number) => model.hazard[k] ?? model.tailHazard

/**
 * The months from January of the peildatum's year through December of `lastYear`: observed up to
 * the peildatum's month, then projected. Two compartments — the share a maximum duration applies
 * to and the rest — move alike unless it does.
 */
export function project(model: FittedModel, lastYear: number, changes: FlowChanges = NO_CHANGES): MonthFlow[] {
  const firstMonth = Math.floor(model.lastMonth / 12) * 12
  const out: MonthFlow[] = []
  const observed = new Map(model.observed.map((o) => [o.month, o]))
  for (let m = firstMonth; m <= model.lastMonth; m++) {
    const o = observed.get(m) ?? { inflow: 0, outflow: 0, stockEnd: 0, clientMonths: 0, realisedCents: 0 }
    out.push({ month: m, requests: o.inflow, inflow: o.inflow, outflow: o.outflow, stockEnd: o.stockEnd, clientMonths: o.clientMonths, costCents: o.realisedCents, observed: true })
  }
  const share = changes.maxDuration?.share ?? 0
  // ages[k]: in care at the end of the month, having completed k + 1 months of care.
  let limited = model.stock.map((c) => c * share)
  let rest = model.stock.map((c) => c * (1 - share))
  const end = lastYear * 12 + 11
  for (let m = model.lastMonth + 1; m <= end; m++) {
    const requests = modelledInflow(model, m)
    const inflow = requests * changes.inflowFactor(m)
    // Month m: everyone in care at the end of m − 1 moves one month on, the inflow begins its first.
    const nextLimited = [inflow * share, ...limited].slice(0, MAX_AGE_MONTHS)
    const nextRest = [inflow * (1 - share), ...rest].slice(0, MAX_AGE_MONTHS)
    const clientMonths = nextLimited.reduce((a, b) => a + b, 0) + nextRest.reduce((a, b) => a + b, 0)
    const md = changes.maxDuration
    let outflow = 0
    for (let k = 0; k < nextLimited.length; k++) {
      const h = md !== null && m >= md.from && k + 1 >= md.months ? 1 : hazardAt(model, k)
      const leaving = nextLimited[k]! * h
      nextLimited[k] = nextLimited[k]! - leaving
      outflow += leaving
    }
    for (let k = 0; k < nextRest.length; k++) {
      const leaving = nextRest[k]! * hazardAt(model, k)
      nextRest[k] = nextRest[k]! - leaving
      outflow += leaving
    }
    limited = nextLimited
    rest = nextRest
    const stockEnd = limited.reduce((a, b) => a + b, 0) + rest.reduce((a, b) => a + b, 0)
    out.push({ month: m, requests, inflow, outflow, stockEnd, clientMonths, costCents: clientMonths * model.costPerClientMonthCents, observed: false })
  }
  return out
}

/** The first day of the month after the peildatum: where a projection and a lever may start. */
export const firstProjectedMonth = (model: Pick<FittedModel, 'lastMonth'>): CalendarDate => monthDate(model.lastMonth + 1)

/** `fitFrom` for a peildatum: the 24 months before its month (the forecast's window), or what there is. */
export const defaultFitFrom = (peildatum: CalendarDate): CalendarDate => addMonths(monthStart(peildatum), -24)
