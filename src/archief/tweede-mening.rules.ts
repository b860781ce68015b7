/**
 * The second opinion (issue 23 §3): for every 323 the back office answered, what it decided
 * against what the regelrapport prescribes — the rules Koers itself answers with in answering
 * mode, kept per prestatie as `koers_goedgekeurd` when the 325 was read. Per provider and month:
 * prestaties the back office rejected that the standard approves, prestaties it approved that
 * the standard rejects (each with their amount), and 325s later than OP090x4 allows.
 */
import { type CalendarDate } from '../shared/dates.ts'
import { deadlineOf, termijnRegels } from '../termijnen/termijn.rules.ts'

/** One declaration answered by the back office (koers_tweede_mening, migration 0022). */
export interface AntwoordFeit {
  gemeenteId: number
  providerId: number
  /** The declaration's month (its period's first day). */
  maand: CalendarDate
  /** The 323's Dagtekening and the 325's. */
  ontvangen: CalendarDate
  beantwoord: CalendarDate
  afgewezenRegels: number
  afgewezenCents: number
  goedgekeurdRegels: number
  goedgekeurdCents: number
}

export interface TweedeMeningRij {
  providerId: number
  maand: CalendarDate
  declaraties: number
  /** Rejected by the back office, approved by the standard: what the provider was wrongly not paid. */
  tenOnrechteAfgewezenRegels: number
  tenOnrechteAfgewezenCents: number
  /** Approved by the back office, rejected by the standard: what was paid against the rules. */
  tenOnrechteToegekendRegels: number
  tenOnrechteToegekendCents: number
  /** 325s sent later than 10 working days after the 323 (OP090x4). */
  teLaat: number
}

/** OP090x4: the 325 within 10 working days of the 323 (counted from its Dagtekening, the day it was sent). */
export const isTeLaat = (f: Pick<AntwoordFeit, 'ontvangen' | 'beantwoord'>): boolean => f.beantwoord > deadlineOf(termijnRegels.declaratie_antwoord.duur, f.ontvangen)

/** The report: one row per provider and month, in that order. */
export function tweedeMening(feiten: readonly AntwoordFeit[]): TweedeMeningRij[] {
  const rows = new Map<string, TweedeMeningRij>()
  for (const f of feiten) {
    const key = `${f.providerId}|${f.maand}`
    const r = rows.get(key) ?? { providerId: f.providerId, maand: f.maand, declaraties: 0, tenOnrechteAfgewezenRegels: 0, tenOnrechteAfgewezenCents: 0, tenOnrechteToegekendRegels: 0, tenOnrechteToegekendCents: 0, teLaat: 0 }
    r.declaraties++
    r.tenOnrechteAfgewezenRegels += f.afgewezenRegels
    r.tenOnrechteAfgewezenCents += f.afgewezenCents
    r.tenOnrechteToegekendRegels += f.goedgekeurdRegels
    r.tenOnrechteToegekendCents += f.goedgekeurdCents
    if (isTeLaat(f)) r.teLaat++
    rows.set(key, r)
  }
  return [...rows.values()].sort((a, b) => a.providerId - b.providerId || a.maand.localeCompare(b.maand))
}
