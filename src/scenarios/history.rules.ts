/**
 * The model's history from the KPI facts (issue 22 §2): per gemeente, the episodes of care
 * (a client's trajecten in the segment that follow each other without a day between, as the KPIs
 * count them) without the client, the realised money per month, and the transitions of the
 * trajecten that ended in the fitted period, counted with the KPIs' own definitions.
 */
import { type MoneyMonth, type Traject, reentered, scaledDown, switchedProvider } from '../kpis/kpi.rules.ts'
import { type CalendarDate, addDays, dayNumber } from '../shared/dates.ts'
import type { History } from './flow-model.rules.ts'

/** The histories of the gemeenten in `gemeenteIds` (each gets one, also without facts). */
export function historiesOf(trajecten: readonly Traject[], geld: readonly MoneyMonth[], gemeenteIds: readonly number[], peildatum: CalendarDate, fitFrom: CalendarDate): History[] {
  return gemeenteIds.map((gemeenteId) => {
    const own = trajecten.filter((t) => t.gemeenteId === gemeenteId && t.begin <= peildatum)
    const byClient = new Map<number, Traject[]>()
    for (const t of own) byClient.set(t.client, [...(byClient.get(t.client) ?? []), t])
    const episodes: { providerId: number; begin: CalendarDate; eind: CalendarDate }[] = []
    for (const list of byClient.values()) {
      list.sort((a, b) => (a.begin < b.begin ? -1 : a.begin > b.begin ? 1 : 0))
      let current: { providerId: number; begin: CalendarDate; eind: CalendarDate } | null = null
      for (const t of list) {
        if (current !== null && dayNumber(t.begin) - dayNumber(current.eind) <= 1) {
          if (t.eind > current.eind) current.eind = t.eind
        } else {
          if (current !== null) episodes.push(current)
          current = { providerId: t.providerId, begin: t.begin, eind: t.eind }
        }
      }
      if (current !== null) episodes.push(current)
    }
    const realised = new Map<CalendarDate, number>()
    for (const m of geld) if (m.gemeenteId === gemeenteId) realised.set(m.maand, (realised.get(m.maand) ?? 0) + m.realisedCents)
    const ended = own.filter((t) => t.eind >= fitFrom && t.eind <= peildatum)
    const known = ended.map((t) => reentered(t, peildatum)).filter((r) => r !== null)
    return {
      gemeenteId,
      peildatum,
      // Care that goes on after the peildatum is running: its end is not known yet.
      episodes: episodes.map((e) => ({ ...e, eind: e.eind > peildatum ? null : e.eind })),
      realised,
      transitions: { ended: ended.length, scaledDown: ended.filter(scaledDown).length, switched: ended.filter(switchedProvider).length, reentryKnown: known.length, reentered: known.filter((r) => r).length },
    }
  })
}

/** The day before a date: the peildatum of a backtest that fits on what was known before it. */
export const dayBefore = (d: CalendarDate): CalendarDate => addDays(d, -1)
