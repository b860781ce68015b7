/**
 * The second opinion (issue 23 §3): for every 323 the back office answered, what it decided
 * against what the regelrapport prescribes — the rules Koers itself answers with in answering
 * mode, kept per prestatie as `koers_goedgekeurd` when the 325 was read. Per provider and month:
 * prestaties the back office rejected that the standard approves, prestaties it approved that
 * the standard rejects (each with their amount), and 325s later than OP090x4 allows; beside
 * them the back office's answers to requests (301/319) later than OP274/OP346 (5 working days,
 * after "in onderzoek" 8 weeks; OP359 for the woonplaatsbeginsel) and its retours
 * (306/308/316/318) later than OP090 (3 working days), by the month the request or message came.
 */
import { type CalendarDate } from '../shared/dates.ts'
import { deadlineOf, termijnRegels, verzoekTermijnen } from '../termijnen/termijn.rules.ts'

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
  /** Requests (315 products, 317s) the back office answered with a 301 or 319, and how many of them later than OP274/OP346/OP359 allow. */
  verzoeken: number
  verzoekenTeLaat: number
  /** 305/307/315/317 the back office answered with its retour, and how many later than OP090 allows. */
  retours: number
  retoursTeLaat: number
}

/** One request or message the back office answered (koers_tweede_mening_termijnen, migration 0026). */
export interface TermijnAntwoordFeit {
  soort: 'verzoek' | 'retour_gemeente'
  gemeenteId: number
  providerId: number
  /** The month the request or message came. */
  maand: CalendarDate
  /** A request: the day it was received; a message: its Dagtekening. */
  ontvangen: CalendarDate
  /** A request's own Dagtekening (OP274's 8 weeks run from it). */
  dagtekening: CalendarDate | null
  inOnderzoek: CalendarDate | null
  /** The final answer (301 or 319 refusal) or the retour; null while a request is in onderzoek. */
  antwoord: CalendarDate | null
  woonplaatsbeginsel: boolean
}

/** Whether the back office answered later than the standard's terms: each term of a request (first answer, final answer after "in onderzoek"), or OP090 for a retour. A term still running is not late here. */
export function isAntwoordTeLaat(f: TermijnAntwoordFeit): boolean {
  const termen =
    f.soort === 'retour_gemeente'
      ? [{ soort: 'retour_gemeente' as const, gebeurtenis: f.ontvangen, antwoord: f.antwoord }]
      : verzoekTermijnen({ gemeenteId: f.gemeenteId, providerId: f.providerId, referentie: null, ontvangen: f.ontvangen, dagtekening: f.dagtekening ?? f.ontvangen, inOnderzoek: f.inOnderzoek, eindantwoord: f.antwoord, woonplaatsbeginsel: f.woonplaatsbeginsel })
  return termen.some((t) => t.antwoord !== null && t.antwoord > deadlineOf(termijnRegels[t.soort].duur, t.gebeurtenis))
}

/** OP090x4: the 325 within 10 working days of the 323 (counted from its Dagtekening, the day it was sent). */
export const isTeLaat = (f: Pick<AntwoordFeit, 'ontvangen' | 'beantwoord'>): boolean => f.beantwoord > deadlineOf(termijnRegels.declaratie_antwoord.duur, f.ontvangen)

/** The report: one row per provider and month, in that order. */
export function tweedeMening(feiten: readonly AntwoordFeit[], termijnen: readonly TermijnAntwoordFeit[] = []): TweedeMeningRij[] {
  const rows = new Map<string, TweedeMeningRij>()
  const rij = (providerId: number, maand: CalendarDate) => {
    const key = `${providerId}|${maand}`
    const r = rows.get(key) ?? { providerId, maand, declaraties: 0, tenOnrechteAfgewezenRegels: 0, tenOnrechteAfgewezenCents: 0, tenOnrechteToegekendRegels: 0, tenOnrechteToegekendCents: 0, teLaat: 0, verzoeken: 0, verzoekenTeLaat: 0, retours: 0, retoursTeLaat: 0 }
    rows.set(key, r)
    return r
  }
  for (const t of termijnen) {
    const r = rij(t.providerId, t.maand)
    const laat = isAntwoordTeLaat(t) ? 1 : 0
    if (t.soort === 'verzoek') {
      r.verzoeken++
      r.verzoekenTeLaat += laat
    } else {
      r.retours++
      r.retoursTeLaat += laat
    }
  }
  for (const f of feiten) {
    const r = rij(f.providerId, f.maand)
    r.declaraties++
    r.tenOnrechteAfgewezenRegels += f.afgewezenRegels
    r.tenOnrechteAfgewezenCents += f.afgewezenCents
    r.tenOnrechteToegekendRegels += f.goedgekeurdRegels
    r.tenOnrechteToegekendCents += f.goedgekeurdCents
    if (isTeLaat(f)) r.teLaat++
  }
  return [...rows.values()].sort((a, b) => a.providerId - b.providerId || a.maand.localeCompare(b.maand))
}
