/**
 * A segment's strategy targets (issue 7 §3) as pure rules: the path from the baseline to the
 * target, the windows the live KPI is measured over, and whether it is on track. Examples to
 * configure, not to hard-code: seed 001 "een afbouw van 20% van de bedden over vijf jaar";
 * seed 004 "Vanaf 2027 willen we 20% minder instroom", "in 2027 tot minstens 20% minder
 * kosten voor gespecialiseerde hulp".
 */
import { type CalendarDate, addDays, addMonths, dayNumber, monthEnd, monthStart } from '../shared/dates.ts'
import type { Direction } from '../db/schema.ts'
import type { KpiCode, Period } from '../kpis/kpi.rules.ts'

export interface Target {
  id: number
  segmentId: number
  kpi: KpiCode
  naam: string
  basisVan: CalendarDate
  basisTot: CalendarDate
  basisWaarde: number
  doelWaarde: number
  doelRelatiefPct: number | null
  doelDatum: CalendarDate
  richting: Direction
  bron: string
}

export type TargetStatus = 'op_koers' | 'niet_op_koers' | 'behaald' | 'niet_behaald' | 'onbekend'

export interface TargetPoint {
  datum: CalendarDate
  /** The KPI over the window ending on `datum` (null: suppressed or no data). */
  waarde: number | null
  /** Where the path says it should be on `datum`. */
  pad: number
}

export interface Progress {
  status: TargetStatus
  /** The baseline, then the KPI at the end of every quarter since. */
  punten: TargetPoint[]
  laatste: TargetPoint | null
  /** How far the latest value is from the path, in the direction of better (negative: behind). */
  voorsprong: number | null
}

/** The number of months of the baseline period (a target is measured over windows of the same length). */
export function windowMonths(t: Pick<Target, 'basisVan' | 'basisTot'>): number {
  const from = monthStart(t.basisVan)
  const to = addDays(t.basisTot, 1)
  return Math.max(1, (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)))
}

/** The window of the baseline's length that ends on `end` (a month's last day). */
export function windowEnding(t: Pick<Target, 'basisVan' | 'basisTot'>, end: CalendarDate): Period {
  return { from: addMonths(addDays(end, 1), -windowMonths(t)), to: end }
}

/** The end of the last month that has ended by `peildatum`. */
export function lastCompleteMonthEnd(peildatum: CalendarDate): CalendarDate {
  return peildatum === monthEnd(peildatum) ? peildatum : addDays(monthStart(peildatum), -1)
}

/** Linear from the baseline (at the end of its period) to the target (on its date); flat after. */
export function pathValue(t: Pick<Target, 'basisTot' | 'basisWaarde' | 'doelWaarde' | 'doelDatum'>, datum: CalendarDate): number {
  if (datum <= t.basisTot) return t.basisWaarde
  if (datum >= t.doelDatum) return t.doelWaarde
  const share = (dayNumber(datum) - dayNumber(t.basisTot)) / (dayNumber(t.doelDatum) - dayNumber(t.basisTot))
  return t.basisWaarde + (t.doelWaarde - t.basisWaarde) * share
}

/** The month ends, a quarter apart and counting back from the last complete month, after the baseline up to `peildatum`. */
export function checkpoints(t: Pick<Target, 'basisTot'>, peildatum: CalendarDate): CalendarDate[] {
  const out: CalendarDate[] = []
  for (let d = lastCompleteMonthEnd(peildatum); d > t.basisTot; d = monthEnd(addMonths(monthStart(d), -3))) out.unshift(d)
  return out
}

const better = (richting: Direction, a: number, b: number) => (richting === 'omlaag' ? a <= b : a >= b)

/** How the target stands, given the KPI at each checkpoint. */
export function progress(t: Target, measured: readonly { datum: CalendarDate; waarde: number | null }[]): Progress {
  const punten: TargetPoint[] = [{ datum: t.basisTot, waarde: t.basisWaarde, pad: t.basisWaarde }, ...measured.map((m) => ({ ...m, pad: Math.round(pathValue(t, m.datum) * 10) / 10 }))]
  const laatste = measured.length === 0 ? null : punten[punten.length - 1]!
  if (laatste === null || laatste.waarde === null) return { status: 'onbekend', punten, laatste, voorsprong: null }
  const voorsprong = Math.round((t.richting === 'omlaag' ? laatste.pad - laatste.waarde : laatste.waarde - laatste.pad) * 10) / 10
  if (laatste.datum >= t.doelDatum) return { status: better(t.richting, laatste.waarde, t.doelWaarde) ? 'behaald' : 'niet_behaald', punten, laatste, voorsprong }
  return { status: better(t.richting, laatste.waarde, laatste.pad) ? 'op_koers' : 'niet_op_koers', punten, laatste, voorsprong }
}

/** The target value from a relative change of the baseline (−20 → 80 % of it), to one decimal (cents: whole). */
export function relativeTarget(basisWaarde: number, pct: number, wholeNumbers: boolean): number {
  const v = basisWaarde * (1 + pct / 100)
  return wholeNumbers ? Math.round(v) : Math.round(v * 10) / 10
}
