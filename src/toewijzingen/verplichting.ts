/**
 * The verplichting of a toewijzing: the maximum it can cost, recorded when it is issued so
 * that every budget counts its commitments. Seed 004 §5.6: "Voor elke toewijzing wordt de
 * verwachte maximale kosten vastgelegd" — volume × frequency × period × tariff, or the
 * budget, or the traject price.
 *
 * The volume limit applies per frequency window, as the declaration rules check it (TR321/
 * TR322): per day, per week (Monday to Sunday), per calendar month, or once for the whole
 * period. A window partly inside the period still allows its full volume, so the maximum
 * counts every window the period touches. Each window is priced at the tariff valid on its
 * first day inside the period.
 */
import { addDays, addMonths, type CalendarDate, dayNumber, weekday } from '../shared/dates.ts'

export interface Omvang {
  volume: number
  eenheid: string
  /** 1 per dag, 2 per week, 4 per maand, 6 totaal binnen geldigheidsduur toewijzing. */
  frequentie: string
}

export interface PricedPeriod {
  validFrom: CalendarDate
  validTo: CalendarDate
  amountCents: number
}

export interface VerplichtingInput {
  ingangsdatum: CalendarDate
  einddatum: CalendarDate
  omvang: Omvang | null
  budgetCents: number | null
}

/** Euro's (eenheid 83): the volume is an amount in cents, not a number of units. */
export const EENHEID_EURO = '83'

/** The first day of each frequency window the period touches, clipped to the period. */
export function frequencyWindows(ingangsdatum: CalendarDate, einddatum: CalendarDate, frequentie: string): CalendarDate[] {
  if (frequentie === '6') return [ingangsdatum]
  const starts: CalendarDate[] = [ingangsdatum]
  let day = ingangsdatum
  for (;;) {
    day = nextWindowStart(day, frequentie)
    if (day > einddatum) return starts
    starts.push(day)
  }
}


/**
 * How many frequency windows `[from, to]` touches: `frequencyWindows(…).length`, counted
 * without listing them (the declaration checks do this for every prestatie).
 */
export function countFrequencyWindows(from: CalendarDate, to: CalendarDate, frequentie: string): number {
  if (to < from) return 0
  switch (frequentie) {
    case '6':
      return 1
    case '1':
      return dayNumber(to) - dayNumber(from) + 1
    case '2':
      // Day 0 (1 January 1970) was a Thursday: +3 makes weeks start on Monday.
      return Math.floor((dayNumber(to) + 3) / 7) - Math.floor((dayNumber(from) + 3) / 7) + 1
    case '4':
      return Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - (Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7))) + 1
    default:
      throw new Error(`unknown frequentie ${frequentie}`)
  }
}

function nextWindowStart(day: CalendarDate, frequentie: string): CalendarDate {
  switch (frequentie) {
    case '1':
      return addDays(day, 1)
    case '2':
      // Weeks run Monday to Sunday (ISO 8601).
      return addDays(day, 7 - weekday(day))
    case '4':
      return `${addMonths(day, 1).slice(0, 8)}01`
    default:
      throw new Error(`unknown frequentie ${frequentie}`)
  }
}

/** The tariff on `day`; outside every tariff period, the nearest one (an exception may run past a contract year). */
export function tariffOn(tariffs: readonly PricedPeriod[], day: CalendarDate): number | null {
  if (tariffs.length === 0) return null
  const exact = tariffs.find((t) => t.validFrom <= day && day <= t.validTo)
  if (exact) return exact.amountCents
  const sorted = [...tariffs].sort((a, b) => a.validFrom.localeCompare(b.validFrom))
  const before = sorted.filter((t) => t.validTo < day).at(-1)
  return (before ?? sorted[0]!).amountCents
}

/**
 * The maximum cost in cents. `tariffs` are the product's contracted tariffs (per unit; per
 * traject for eenheid 82). Returns null when units must be priced and there is no tariff.
 *
 * @example verplichtingCents({ ingangsdatum: '2027-01-01', einddatum: '2027-03-31', omvang: { volume: 2, eenheid: '04', frequentie: '4' }, budgetCents: null }, [{ validFrom: '2027-01-01', validTo: '2027-12-31', amountCents: 8950 }]) // 3 months × 2 hours × € 89.50 = 53700
 */
export function verplichtingCents(input: VerplichtingInput, tariffs: readonly PricedPeriod[]): number | null {
  if (input.budgetCents !== null) return input.budgetCents
  if (input.omvang === null) return 0
  const { volume, eenheid, frequentie } = input.omvang
  const windows = frequencyWindows(input.ingangsdatum, input.einddatum, frequentie)
  if (eenheid === EENHEID_EURO) return volume * windows.length
  let total = 0
  for (const start of windows) {
    const tariff = tariffOn(tariffs, start)
    if (tariff === null) return null
    total += volume * tariff
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('verplichting exceeds the safe integer range')
  return total
}
