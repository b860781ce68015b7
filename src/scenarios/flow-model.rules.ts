/**
 * The flow model of one segment (with its sub-segments) in one gemeente (issue 22 §2, ADR 0034),
 * fitted from the facts of its trajecten and its realised money, as pure functions. No person is
 * in it: the history is episodes without a client, money per month and counts of transitions.
 *
 * - **Inflow** per month = trend × seasonal index. The trend is a least-squares line through the
 *   monthly starts of the fitted months (from `fitFrom`, or from the first month with care where
 *   the facts begin later: months before the facts are not months without inflow); the seasonal index of a calendar month is its mean
 *   starts over the mean starts per month (the budget forecast's `seasonalIndex`, so both read
 *   the seasons the same way). The trend is held flat after `TREND_MONTHS` months ahead, and
 *   never goes below 0.
 * - **Duration**: an empirical survival curve per month of care (Kaplan–Meier on the months,
 *   episodes still running at the peildatum counted as censored): the hazard `h[k]` is the share
 *   of those in their month k + 1 of care whose care ends in it. Beyond the longest observed
 *   duration the mean hazard of the last `TAIL_MONTHS` observed months goes on. **Per
 *   perspective** (ontwikkeling/stabiliteit, the beschikking's under which the episode began):
 *   a perspective with at least `MIN_PERSPECTIVE_EPISODES` episodes gets a curve of its own, one
 *   with fewer the segment's; episodes whose perspective is not known (observer mode) form a
 *   compartment of their own with the segment's curve. Each perspective is a compartment of the
 *   projection, with its share of the inflow (of the fitted months' starts) and its own stock.
 *   The maximum-duration lever applies to the ontwikkeling compartment, not to stabiliteit, and
 *   to its own share (`aandeelPct`) of the compartment whose perspective is not known.
 * - **Cost per client-month**: the realised cents of the last 12 complete months over the months
 *   of care of those months (a client in care on any day of a month is a client-month). **By
 *   product** (with its variant), where the realisation and the trajecten name it: the cost per
 *   traject-month of a product is its realised cents over the months its trajecten were in care
 *   (a traject in care on any day of a month is a traject-month); a compartment's cost per
 *   client-month is its product mix (traject-months of each product per client-month) times those
 *   costs, plus the realisation no product's traject-months carry (taakgericht payments,
 *   declarations for a product without a traject in that month) per client-month. Over the
 *   fitted months the compartments add up to the realised cents exactly. A segment without any
 *   client-month in those months (taakgericht, paid per period without trajecten) keeps its mean
 *   monthly realisation.
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
export const MODEL_VERSION = 'stroommodel-2'

/** How far ahead the fitted trend moves the inflow before it is held flat. */
export const TREND_MONTHS = 12
/** The observed months of care whose mean hazard continues beyond the longest observed duration. */
export const TAIL_MONTHS = 6
/** The episodes a perspective needs for a duration curve of its own; with fewer it takes the segment's. */
export const MIN_PERSPECTIVE_EPISODES = 30
/** The longest month of care the projection follows; whoever is still in care then stays in this month. */
export const MAX_AGE_MONTHS = 240

/** A month as a number: year × 12 + month − 1. */
export type MonthNo = number
export const monthNo = (d: CalendarDate): MonthNo => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1
export const monthDate = (m: MonthNo): CalendarDate => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`

export type Perspective = 'ontwikkeling' | 'stabiliteit'
/** A compartment of the projection: a perspective, or 'onbekend' where the beschikking's is not known. */
export type PerspectiveKey = Perspective | 'onbekend'
const perspectiveOrder: readonly PerspectiveKey[] = ['ontwikkeling', 'stabiliteit', 'onbekend']

/** A traject within an episode: its product and its days of care (for the cost per traject-month by product). */
export interface HistoryTraject {
  productId: number
  begin: CalendarDate
  /** The last day of care; null while it runs on after the peildatum. */
  eind: CalendarDate | null
}

/** One stretch of uninterrupted care, without its client. */
export interface HistoryEpisode {
  providerId: number
  begin: CalendarDate
  /** The last day of care; null while it runs on after the peildatum. */
  eind: CalendarDate | null
  /** The perspective of the beschikking its first traject was allocated under; null or absent: not known. */
  perspective?: Perspective | null
  /** Its trajecten with their product; absent: not known (the costs are then one per client-month). */
  trajecten?: readonly HistoryTraject[]
}

/** What the model is fitted from: one segment's (with sub-segments) facts in one gemeente. */
export interface History {
  gemeenteId: number
  /** The day the facts are known to; the projection starts in the month after its month. */
  peildatum: CalendarDate
  episodes: readonly HistoryEpisode[]
  /** Realised cents per month (first day), all providers. */
  realised: ReadonlyMap<CalendarDate, number>
  /** Realised cents per product and month (first day); a taakgericht payment has no product. Absent: not known by product. */
  realisedByProduct?: readonly { productId: number | null; maand: CalendarDate; cents: number }[]
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
  /** The compartments of the projection, one per perspective met in the history (at least one). */
  perspectives: PerspectiveCurve[]
  /** Cost per traject-month by product over the last 12 complete months (empty: the products are not known). */
  products: ProductCost[]
  /** Realised cents per client-month that no product's traject-months carry (with products known), over the same months. */
  otherPerClientMonthCents: number
  /** The client-months the costs were fitted on (the last 12 complete months). */
  costClientMonths: number
  /** Cents a month that go on whoever is in care: the mean realisation of those months where they had no client-month at all (a taakgericht segment, paid per period); else 0. */
  fixedPerMonthCents: number
}

/** The duration curve of one perspective and its part of the flow. */
export interface PerspectiveCurve {
  perspective: PerspectiveKey
  /** Episodes of the perspective within the fitted months (in care in at least one complete fitted month). */
  episodes: number
  /** True: fitted on its own episodes; false: the segment's curve (too few episodes, or the perspective not known). */
  ownCurve: boolean
  /** Kaplan–Meier counts by month of care, of this perspective's episodes: at risk and ended. */
  atRisk: number[]
  ended: number[]
  hazard: number[]
  tailHazard: number
  /** Its share of the inflow: of the starts of the fitted complete months. */
  inflowShare: number
  /** Its clients in care at the end of `lastMonth` by month of care. */
  stock: number[]
  /** Its cost per client-month: its product mix × the products' costs, plus the rest; the segment's when the products are not known. */
  costPerClientMonthCents: number
  /** Traject-months of each product per client-month of this perspective over the last 12 complete months. */
  productMix: { productId: number; perClientMonth: number }[]
}

/** What a traject-month of one product cost over the last 12 complete months. */
export interface ProductCost {
  productId: number
  trajectMonths: number
  realisedCents: number
  /** realisedCents ÷ trajectMonths. */
  costPerTrajectMonthCents: number
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

/** Kaplan–Meier hazards from the counts; the tail is the mean of the last `TAIL_MONTHS`. */
function hazardsOf(atRisk: readonly number[], ended: readonly number[]): { hazard: number[]; tailHazard: number } {
  const hazard: number[] = []
  for (let k = 0; k < atRisk.length; k++) hazard.push((atRisk[k] ?? 0) === 0 ? 0 : (ended[k] ?? 0) / atRisk[k]!)
  const tail = hazard.slice(-TAIL_MONTHS)
  return { hazard, tailHazard: tail.length === 0 ? 0 : tail.reduce((a, b) => a + b, 0) / tail.length }
}

const dense = (xs: readonly number[]) => Array.from(xs, (x) => x ?? 0)
const add = (xs: number[], k: number, n = 1) => {
  xs[k] = (xs[k] ?? 0) + n
}

/**
 * Fits the model from the history, using the months from `fitFrom` to the peildatum's month.
 * The last, partial month counts for the stock, not for the inflow trend (its starts are not all in).
 */
export function fitModel(h: History, fitFrom: CalendarDate): FittedModel {
  const lastMonth = monthNo(h.peildatum)
  // The fitted months begin at `fitFrom`, or at the first month with care when the facts begin later
  // (a region that began recording less than 24 months ago): months before its facts are not months without inflow.
  const firstCare = h.episodes.reduce((m, e) => Math.min(m, monthNo(e.begin)), Number.POSITIVE_INFINITY)
  const first = Math.min(lastMonth, Math.max(monthNo(monthStart(fitFrom)), Number.isFinite(firstCare) ? firstCare : 0))
  // The months the costs are fitted on: the last 12 complete ones within the fitted months.
  const costFrom = Math.max(first, lastMonth - 12)
  const inCostWindow = (m: MonthNo) => m >= costFrom && m < lastMonth
  const observed = new Map<MonthNo, { inflow: number; outflow: number; stockEnd: number; clientMonths: number; realisedCents: number }>()
  const earliest = Math.min(first, ...h.episodes.map((e) => monthNo(e.begin)))
  for (let m = earliest; m <= lastMonth; m++) observed.set(m, { inflow: 0, outflow: 0, stockEnd: 0, clientMonths: 0, realisedCents: h.realised.get(monthDate(m)) ?? 0 })
  const stock = new Array<number>(0)
  const providerMonths = new Map<number, number>()
  // Kaplan–Meier on months of care: at risk and ended per month of care, within the fitted months; for the segment and per perspective.
  const atRisk: number[] = []
  const ended: number[] = []
  interface Part { atRisk: number[]; ended: number[]; episodes: number; starts: number; stock: number[]; clientMonths: number; trajectMonths: Map<number, number> }
  const parts = new Map<PerspectiveKey, Part>()
  const partOf = (key: PerspectiveKey) => {
    let p = parts.get(key)
    if (!p) parts.set(key, (p = { atRisk: [], ended: [], episodes: 0, starts: 0, stock: [], clientMonths: 0, trajectMonths: new Map() }))
    return p
  }
  const trajectMonths = new Map<number, number>()
  let productsKnown = h.realisedByProduct !== undefined
  for (const e of h.episodes) {
    const b = monthNo(e.begin)
    const end = e.eind === null || e.eind > h.peildatum ? null : monthNo(e.eind)
    const last = end ?? lastMonth
    if (b > lastMonth) continue
    const part = partOf(e.perspective ?? 'onbekend')
    observed.get(b)!.inflow++
    if (b >= first && b < lastMonth) part.starts++
    if (end !== null) observed.get(end)!.outflow++
    let counted = false
    for (let m = b; m <= last; m++) {
      const o = observed.get(m)!
      o.clientMonths++
      if (m !== end) o.stockEnd++
      if (m > lastMonth - 12) providerMonths.set(e.providerId, (providerMonths.get(e.providerId) ?? 0) + 1)
      if (inCostWindow(m)) part.clientMonths++
      // The peildatum's own month is not complete: it is left out of the durations (censored).
      if (m >= first && m < lastMonth) {
        const k = m - b
        add(atRisk, k)
        add(part.atRisk, k)
        counted = true
        if (m === end) {
          add(ended, k)
          add(part.ended, k)
        }
      }
    }
    if (counted) part.episodes++
    if (end === null) {
      add(stock, lastMonth - b)
      add(part.stock, lastMonth - b)
    }
    if (e.trajecten === undefined) productsKnown = false
    for (const t of e.trajecten ?? []) {
      const from = Math.max(monthNo(t.begin), costFrom)
      const to = Math.min(t.eind === null || t.eind > h.peildatum ? lastMonth : monthNo(t.eind), lastMonth - 1)
      for (let m = from; m <= to; m++) {
        trajectMonths.set(t.productId, (trajectMonths.get(t.productId) ?? 0) + 1)
        part.trajectMonths.set(t.productId, (part.trajectMonths.get(t.productId) ?? 0) + 1)
      }
    }
  }
  const segmentCurve = hazardsOf(atRisk, ended)

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
  for (let m = costFrom; m < lastMonth; m++) {
    cents += observed.get(m)?.realisedCents ?? 0
    months += observed.get(m)?.clientMonths ?? 0
  }
  const costPerClientMonthCents = months === 0 ? 0 : cents / months
  // By product: the realisation of the same months over the traject-months of each product.
  const realisedOf = new Map<number, number>()
  for (const r of h.realisedByProduct ?? []) {
    const m = monthNo(r.maand)
    if (r.productId !== null && inCostWindow(m)) realisedOf.set(r.productId, (realisedOf.get(r.productId) ?? 0) + r.cents)
  }
  const products: ProductCost[] = productsKnown
    ? [...trajectMonths].sort((a, b) => a[0] - b[0]).map(([productId, n]) => ({ productId, trajectMonths: n, realisedCents: realisedOf.get(productId) ?? 0, costPerTrajectMonthCents: (realisedOf.get(productId) ?? 0) / n }))
    : []
  const carried = products.reduce((s, p) => s + p.realisedCents, 0)
  const otherPerClientMonthCents = productsKnown && months > 0 ? (cents - carried) / months : 0
  const costOfProduct = new Map(products.map((p) => [p.productId, p.costPerTrajectMonthCents]))

  // The compartments: a perspective with enough episodes has its own curve, the others the segment's.
  const keys = parts.size === 0 ? (['onbekend'] as PerspectiveKey[]) : perspectiveOrder.filter((k) => parts.has(k))
  const starts = [...parts.values()].reduce((s, p) => s + p.starts, 0)
  const stocked = [...parts.values()].reduce((s, p) => s + p.stock.reduce((a, b) => a + (b ?? 0), 0), 0)
  const perspectives: PerspectiveCurve[] = keys.map((perspective) => {
    const p = parts.get(perspective) ?? { atRisk: [], ended: [], episodes: 0, starts: 0, stock: [], clientMonths: 0, trajectMonths: new Map<number, number>() }
    const ownCurve = perspective !== 'onbekend' && p.episodes >= MIN_PERSPECTIVE_EPISODES
    const curve = ownCurve ? hazardsOf(p.atRisk, p.ended) : segmentCurve
    const pStock = p.stock.reduce((a, b) => a + (b ?? 0), 0)
    const productMix = productsKnown && p.clientMonths > 0 ? [...p.trajectMonths].sort((a, b) => a[0] - b[0]).map(([productId, n]) => ({ productId, perClientMonth: n / p.clientMonths })) : []
    return {
      perspective,
      episodes: p.episodes,
      ownCurve,
      atRisk: dense(p.atRisk),
      ended: dense(p.ended),
      hazard: curve.hazard,
      tailHazard: curve.tailHazard,
      // No starts in the fitted months: the stock's shares; nothing at all: the one compartment.
      inflowShare: starts > 0 ? p.starts / starts : stocked > 0 ? pStock / stocked : 1 / keys.length,
      stock: dense(p.stock),
      costPerClientMonthCents: productsKnown && p.clientMonths > 0 ? productMix.reduce((s, x) => s + x.perClientMonth * costOfProduct.get(x.productId)!, 0) + otherPerClientMonthCents : costPerClientMonthCents,
      productMix,
    }
  })

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
    hazard: segmentCurve.hazard,
    tailHazard: segmentCurve.tailHazard,
    costPerClientMonthCents,
    stock: dense(stock),
    observed: [...observed].filter(([m]) => m >= Math.floor(lastMonth / 12) * 12).map(([month, o]) => ({ month, ...o })),
    providerShare: [...providerMonths].sort((a, b) => a[0] - b[0]).map(([providerId, n]) => ({ providerId, share: n / totalProvider })),
    transitions: { afschalingPct: pct(t.scaledDown, t.ended), wisselPct: pct(t.switched, t.ended), heraanmeldingPct: pct(t.reentered, t.reentryKnown) },
    fittedMonths: Math.max(0, lastMonth - first),
    perspectives,
    products,
    otherPerClientMonthCents,
    costClientMonths: months,
    fixedPerMonthCents: months === 0 && lastMonth > costFrom ? cents / (lastMonth - costFrom) : 0,
  }
}

/** What a scenario changes in the flow, month by month (levers.rules.ts builds it). */
export interface FlowChanges {
  /** Factor on the modelled inflow of a month (1: unchanged). */
  inflowFactor(m: MonthNo): number
  /** From `from` on, the ontwikkeling clients leave care when they complete `months` months; of the clients whose perspective is not known, `share`. */
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
  /** Model cost (each compartment's client-months × its cost per client-month) in cents, unrounded; realised for an observed month. */
  costCents: number
  observed: boolean
}

/** The modelled inflow of a projected month: trend (held after TREND_MONTHS) × season, at least 0. */
export function modelledInflow(model: FittedModel, m: MonthNo): number {
  const ahead = Math.min(m - model.lastMonth, TREND_MONTHS)
  return Math.max(0, (model.inflowLevel + model.inflowSlope * (ahead - 1)) * model.season[m % 12]!)
}

/**
 * The months from January of the peildatum's year through December of `lastYear`: observed up to
 * the peildatum's month, then projected. Each perspective is a compartment with its own curve,
 * share of the inflow, stock and cost per client-month; within each, the share a maximum
 * duration applies to and the rest move alike unless it does.
 */
export function project(model: FittedModel, lastYear: number, changes: FlowChanges = NO_CHANGES): MonthFlow[] {
  const firstMonth = Math.floor(model.lastMonth / 12) * 12
  const out: MonthFlow[] = []
  const observed = new Map(model.observed.map((o) => [o.month, o]))
  for (let m = firstMonth; m <= model.lastMonth; m++) {
    const o = observed.get(m) ?? { inflow: 0, outflow: 0, stockEnd: 0, clientMonths: 0, realisedCents: 0 }
    out.push({ month: m, requests: o.inflow, inflow: o.inflow, outflow: o.outflow, stockEnd: o.stockEnd, clientMonths: o.clientMonths, costCents: o.realisedCents, observed: true })
  }
  const md = changes.maxDuration
  // A maximum duration applies to the ontwikkeling trajecten: all of that compartment, none of stabiliteit, its share where the perspective is not known.
  const shareOf = (c: PerspectiveCurve) => (md === null ? 0 : c.perspective === 'ontwikkeling' ? 1 : c.perspective === 'stabiliteit' ? 0 : md.share)
  // Per compartment, ages[k]: in care at the end of the month, having completed k + 1 months of care.
  const parts = model.perspectives.map((c) => ({ c, share: shareOf(c), limited: c.stock.map((x) => x * shareOf(c)), rest: c.stock.map((x) => x * (1 - shareOf(c))) }))
  const end = lastYear * 12 + 11
  for (let m = model.lastMonth + 1; m <= end; m++) {
    const requests = modelledInflow(model, m)
    const inflow = requests * changes.inflowFactor(m)
    let clientMonths = 0
    let costCents = 0
    let outflow = 0
    let stockEnd = 0
    for (const part of parts) {
      const { c, share } = part
      const hazardAt = (k: number) => c.hazard[k] ?? c.tailHazard
      // Month m: everyone in care at the end of m − 1 moves one month on, the inflow begins its first.
      const nextLimited = [inflow * c.inflowShare * share, ...part.limited].slice(0, MAX_AGE_MONTHS)
      const nextRest = [inflow * c.inflowShare * (1 - share), ...part.rest].slice(0, MAX_AGE_MONTHS)
      const months = nextLimited.reduce((a, b) => a + b, 0) + nextRest.reduce((a, b) => a + b, 0)
      clientMonths += months
      costCents += months * c.costPerClientMonthCents
      for (let k = 0; k < nextLimited.length; k++) {
        const h = md !== null && m >= md.from && k + 1 >= md.months ? 1 : hazardAt(k)
        const leaving = nextLimited[k]! * h
        nextLimited[k] = nextLimited[k]! - leaving
        outflow += leaving
      }
      for (let k = 0; k < nextRest.length; k++) {
        const leaving = nextRest[k]! * hazardAt(k)
        nextRest[k] = nextRest[k]! - leaving
        outflow += leaving
      }
      part.limited = nextLimited
      part.rest = nextRest
      stockEnd += nextLimited.reduce((a, b) => a + b, 0) + nextRest.reduce((a, b) => a + b, 0)
    }
    out.push({ month: m, requests, inflow, outflow, stockEnd, clientMonths, costCents: costCents + model.fixedPerMonthCents, observed: false })
  }
  return out
}

/** The first day of the month after the peildatum: where a projection and a lever may start. */
export const firstProjectedMonth = (model: Pick<FittedModel, 'lastMonth'>): CalendarDate => monthDate(model.lastMonth + 1)

/** `fitFrom` for a peildatum: the 24 months before its month (the forecast's window), or what there is. */
export const defaultFitFrom = (peildatum: CalendarDate): CalendarDate => addMonths(monthStart(peildatum), -24)
