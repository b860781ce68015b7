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
import { formatDate, formatInUnit, formatMonth } from '../shared/format-nl.ts'

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
  /** What is compared with what, in Dutch: the window of the latest value beside the baseline's period. */
  toelichting: string
  /** Why no status can be given although there are figures: `target.baseline_incomplete` when the baseline's period lacks months of money (named in the toelichting). */
  reden: 'target.baseline_incomplete' | null
}

/** KPIs measured from realised money: their baseline needs money in every month of its period. */
export const MONEY_KPIS: ReadonlySet<KpiCode> = new Set<KpiCode>(['kosten', 'kosten_per_client', 'benutting'])

/**
 * The months (first days) of the baseline period in which nothing was realised. A baseline
 * over a period that is partly without data compares part of a period with a whole one — the
 * demo's first year of taakgericht payments had one month in a twelve-month baseline, and a
 * target of "10 % less" was "measured" at twelve times its baseline.
 */
export function missingBaselineMonths(t: Pick<Target, 'basisVan' | 'basisTot'>, monthsWithMoney: ReadonlySet<CalendarDate>): CalendarDate[] {
  const out: CalendarDate[] = []
  for (let m = monthStart(t.basisVan); m <= t.basisTot; m = addMonths(m, 1)) if (!monthsWithMoney.has(m)) out.push(m)
  return out
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

/** A list of months in Dutch: `januari 2025, februari 2025 en maart 2025`. */
const monthList = (months: readonly CalendarDate[]) => {
  const names = months.map(formatMonth)
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`
}

/** What a target's latest figure compares, in Dutch, with the values in the KPI's unit. */
export function progressExplanation(t: Target, eenheid: string, laatste: TargetPoint | null, basisOntbreekt: readonly CalendarDate[]): string {
  const months = windowMonths(t)
  const period = months === 1 ? '1 maand' : `${months} maanden`
  const basis = `De basis is ${formatInUnit(eenheid, t.basisWaarde)} over ${formatDate(t.basisVan)} t/m ${formatDate(t.basisTot)} (${period}).`
  if (basisOntbreekt.length > 0) {
    return `${basis} In ${monthList(basisOntbreekt)} van die periode is niets gerealiseerd: de basis is onvolledig en niet te vergelijken met een hele periode. Stel het doel opnieuw vast over een periode met volledige cijfers, of geef de basiswaarde op.`
  }
  if (laatste === null) return `${basis} Elk kwartaal na de basisperiode wordt gemeten over de ${period} ervoor; er is nog geen kwartaal voorbij.`
  const window = windowEnding(t, laatste.datum)
  const measured = laatste.waarde === null ? 'is niet te tonen (minder dan 5 cliënten of geen gegevens)' : `is ${formatInUnit(eenheid, laatste.waarde)}`
  return `${basis} Gemeten wordt over even lange perioden: de laatste meting, over ${formatDate(window.from)} t/m ${formatDate(window.to)} (${period}), ${measured}; het pad naar het doel zegt daar ${formatInUnit(eenheid, laatste.pad)}.`
}

/**
 * How the target stands, given the KPI at each checkpoint. `eenheid` is the KPI's unit for the
 * explanation; `basisOntbreekt` the baseline's months without money (missingBaselineMonths),
 * which leave the status unknown with reason `target.baseline_incomplete`.
 */
export function progress(t: Target, measured: readonly { datum: CalendarDate; waarde: number | null }[], eenheid = 'aantal', basisOntbreekt: readonly CalendarDate[] = []): Progress {
  const punten: TargetPoint[] = [{ datum: t.basisTot, waarde: t.basisWaarde, pad: t.basisWaarde }, ...measured.map((m) => ({ ...m, pad: Math.round(pathValue(t, m.datum) * 10) / 10 }))]
  const laatste = measured.length === 0 ? null : punten[punten.length - 1]!
  const base = { punten, laatste, toelichting: progressExplanation(t, eenheid, laatste, basisOntbreekt) }
  if (basisOntbreekt.length > 0) return { ...base, status: 'onbekend', voorsprong: null, reden: 'target.baseline_incomplete' }
  if (laatste === null || laatste.waarde === null) return { ...base, status: 'onbekend', voorsprong: null, reden: null }
  const voorsprong = Math.round((t.richting === 'omlaag' ? laatste.pad - laatste.waarde : laatste.waarde - laatste.pad) * 10) / 10
  if (laatste.datum >= t.doelDatum) return { ...base, status: better(t.richting, laatste.waarde, t.doelWaarde) ? 'behaald' : 'niet_behaald', voorsprong, reden: null }
  return { ...base, status: better(t.richting, laatste.waarde, laatste.pad) ? 'op_koers' : 'niet_op_koers', voorsprong, reden: null }
}

/** The target value from a relative change of the baseline (−20 → 80 % of it), to one decimal (cents: whole). */
export function relativeTarget(basisWaarde: number, pct: number, wholeNumbers: boolean): number {
  const v = basisWaarde * (1 + pct / 100)
  return wholeNumbers ? Math.round(v) : Math.round(v * 10) / 10
}
