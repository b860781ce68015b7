/**
 * The model's history from the KPI facts (issue 22 §2): per gemeente, the episodes of care
 * (a client's trajecten in the segment that follow each other without a day between, as the KPIs
 * count them) without the client, the realised money per month, and the transitions of the
 * trajecten that ended in the fitted period, counted with the KPIs' own definitions. With the
 * trajecten's details (the toewijzing's product and its beschikking's perspective) and the
 * realisation by product, an episode carries the perspective it began under and its trajecten
 * with their product (the model's durations per perspective and costs per product).
 */
import { type MoneyMonth, type Traject, reentered, scaledDown, switchedProvider } from '../kpis/kpi.rules.ts'
import { type CalendarDate, addDays, dayNumber } from '../shared/dates.ts'
import type { History, HistoryEpisode, Perspective } from './flow-model.rules.ts'

/** What the ledger knows of a traject (by toewijzing id) beyond its facts: its product, and its beschikking's perspective (null: not known, as in observer mode). */
export interface TrajectDetail {
  productId: number
  perspective: Perspective | null
}

/** Realised cents of one gemeente, product (null: a taakgericht payment) and month. */
export interface ProductMoneyMonth {
  gemeenteId: number
  productId: number | null
  maand: CalendarDate
  cents: number
}

/**
 * The histories of the gemeenten in `gemeenteIds` (each gets one, also without facts). `details`
 * and `byProduct` (both or neither) add the perspectives and products; a traject missing from
 * `details` leaves its gemeente's costs unsplit.
 */
export function historiesOf(
  trajecten: readonly Traject[],
  geld: readonly MoneyMonth[],
  gemeenteIds: readonly number[],
  peildatum: CalendarDate,
  fitFrom: CalendarDate,
  details?: { trajecten: ReadonlyMap<number, TrajectDetail>; byProduct: readonly ProductMoneyMonth[] },
): History[] {
  return gemeenteIds.map((gemeenteId) => {
    const own = trajecten.filter((t) => t.gemeenteId === gemeenteId && t.begin <= peildatum)
    const byClient = new Map<number, Traject[]>()
    for (const t of own) byClient.set(t.client, [...(byClient.get(t.client) ?? []), t])
    type Open = { providerId: number; begin: CalendarDate; eind: CalendarDate; perspective?: Perspective | null; trajecten?: { productId: number; begin: CalendarDate; eind: CalendarDate }[] }
    const episodes: Open[] = []
    let complete = true
    for (const list of byClient.values()) {
      list.sort((a, b) => (a.begin < b.begin ? -1 : a.begin > b.begin ? 1 : 0))
      let current: Open | null = null
      for (const t of list) {
        const detail = details?.trajecten.get(t.id)
        if (details !== undefined && detail === undefined) complete = false
        const own = detail === undefined ? [] : [{ productId: detail.productId, begin: t.begin, eind: t.eind }]
        if (current !== null && dayNumber(t.begin) - dayNumber(current.eind) <= 1) {
          if (t.eind > current.eind) current.eind = t.eind
          current.trajecten?.push(...own)
        } else {
          if (current !== null) episodes.push(current)
          // An episode's perspective is the one it began under.
          current = { providerId: t.providerId, begin: t.begin, eind: t.eind, ...(details === undefined ? {} : { perspective: detail?.perspective ?? null, trajecten: own }) }
        }
      }
      if (current !== null) episodes.push(current)
    }
    const running = (d: CalendarDate) => (d > peildatum ? null : d)
    const realised = new Map<CalendarDate, number>()
    for (const m of geld) if (m.gemeenteId === gemeenteId) realised.set(m.maand, (realised.get(m.maand) ?? 0) + m.realisedCents)
    const ended = own.filter((t) => t.eind >= fitFrom && t.eind <= peildatum)
    const known = ended.map((t) => reentered(t, peildatum)).filter((r) => r !== null)
    return {
      gemeenteId,
      peildatum,
      // Care that goes on after the peildatum is running: its end is not known yet.
      episodes: episodes.map((e): HistoryEpisode => {
        const { trajecten: ts, ...rest } = e
        return { ...rest, eind: running(e.eind), ...(ts === undefined || !complete ? {} : { trajecten: ts.map((t) => ({ ...t, eind: running(t.eind) })) }) }
      }),
      realised,
      ...(details === undefined || !complete ? {} : { realisedByProduct: details.byProduct.filter((m) => m.gemeenteId === gemeenteId && m.maand <= peildatum).map(({ productId, maand, cents }) => ({ productId, maand, cents })) }),
      transitions: { ended: ended.length, scaledDown: ended.filter(scaledDown).length, switched: ended.filter(switchedProvider).length, reentryKnown: known.length, reentered: known.filter((r) => r).length },
    }
  })
}

/** The day before a date: the peildatum of a backtest that fits on what was known before it. */
export const dayBefore = (d: CalendarDate): CalendarDate => addDays(d, -1)
