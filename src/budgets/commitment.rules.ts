/**
 * How a toewijzing's verplichting (its maximum cost, seed 004 §5.6: "per indicatie
 * (verplichting) de kosten van de totaal te verwachte declaratie (maximum)") is divided over
 * budget years and months, and what of it is still open. The database does the same in SQL
 * (`koers_deel`, migration 0006); this is the rule in words and the oracle its tests use.
 */
import { type CalendarDate, dayNumber } from '../shared/dates.ts'

/**
 * The part of `totalCents`, spread evenly over the days of `[from, to]`, that falls in
 * `[periodFrom, periodTo]`. Rounded cumulatively — ⌊total × days up to the period's end ÷ all
 * days⌋ minus the same up to its start — so the parts of adjacent periods add up to the whole.
 *
 * @example spreadCents(36500, '2026-07-01', '2027-06-30', '2026-01-01', '2026-12-31') // 184 of 365 days: 18400
 */
export function spreadCents(totalCents: number, from: CalendarDate, to: CalendarDate, periodFrom: CalendarDate, periodTo: CalendarDate): number {
  if (to < from || periodTo < from || periodFrom > to) return 0
  const days = dayNumber(to) - dayNumber(from) + 1
  const upToEnd = dayNumber(periodTo < to ? periodTo : to) - dayNumber(from) + 1
  const beforeStart = Math.max(0, dayNumber(periodFrom) - dayNumber(from))
  return Math.floor((totalCents * upToEnd) / days) - Math.floor((totalCents * beforeStart) / days)
}

/** What a toewijzing still commits in a year: its verplichting there less what was realised on it, never below zero. */
export const openCents = (verplichtingCents: number, gerealiseerdCents: number): number => Math.max(0, verplichtingCents - gerealiseerdCents)
