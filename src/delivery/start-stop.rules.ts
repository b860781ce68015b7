/**
 * The level-3 rules (berichtoverstijgend) on a 305 StartProduct and a 307 StopProduct, as
 * pure functions over what the ledger holds for the delivered product: its starts that were
 * not removed, each with its stops that were not removed. "The delivered product" is a
 * toewijzing for output- and inspanningsgericht work (TR019), or the client's Product for
 * taakgerichte work (IV096); the handler loads it (start-stop.receive.ts).
 *
 * Logical keys (the Sleutelelement column of "Condities, constraints, restricties per
 * data-element", JW305/JW307 and WMO305/WMO307; IV008; IV096): a StartProduct is
 * ToewijzingNummer, Product and Begindatum; a StopProduct is ToewijzingNummer, Product,
 * Begindatum, Einddatum and RedenBeeindiging. The Mutatieoverzicht 3.2 added RedenBeeindiging
 * so that a definitive stop may follow a temporary one with the same Einddatum. A start or
 * stop is found by its Begindatum within the ledger of its ToewijzingNummer (or, taakgericht,
 * its Product); ToewijzingIngangsdatum is no part of a key.
 */
import type { MessageProblem } from '../exchange/handler.ts'

export interface LedgerStop {
  id: number
  einddatum: string
  reden: string
}

export interface LedgerStart {
  id: number
  begindatum: string
  /** Its stops not removed, in the order received. */
  stops: LedgerStop[]
}

/** RedenBeeindiging 20: "Tijdelijke beëindiging" (JZ588/WMO588). */
export const TIJDELIJK = '20'

type Problem = Omit<MessageProblem, 'path'>

/** TR326: a start is current while no stop was sent for it (and it was not removed). */
export const isCurrent = (start: LedgerStart): boolean => start.stops.length === 0

/**
 * A new start (StatusAanlevering 1).
 * - TR074 (9074): its key was not received before.
 * - TR326 (9326): no current start for the product; after a (temporary) stop a start may
 *   follow (OP379).
 */
export function judgeStart(starts: readonly LedgerStart[], begindatum: string): Problem[] {
  const problems: Problem[] = []
  if (starts.some((s) => s.begindatum === begindatum)) {
    problems.push({ rule: 'TR074', retourcode: '9074', message: `een start met begindatum ${begindatum} is al ontvangen` })
  }
  const open = starts.find((s) => isCurrent(s) && s.begindatum !== begindatum)
  if (open) {
    problems.push({ rule: 'TR326', retourcode: '9326', message: `de levering die op ${open.begindatum} startte is nog niet gestopt met een 307` })
  }
  return problems
}

/**
 * Removing a start (StatusAanlevering 3): the start it removes, or why not.
 * - TR063 (9063): a start with the same key was received.
 * - TR071 (9071): no stop was sent for it.
 * TR063's toelichting: no other content checks on a removal.
 */
export function judgeStartRemoval(starts: readonly LedgerStart[], begindatum: string): { start: LedgerStart } | { problem: Problem } {
  const start = starts.find((s) => s.begindatum === begindatum)
  if (!start) return { problem: { rule: 'TR063', retourcode: '9063', message: `er is geen start met begindatum ${begindatum} ontvangen om te verwijderen` } }
  if (!isCurrent(start)) return { problem: { rule: 'TR071', retourcode: '9071', message: `de start van ${begindatum} kan niet worden verwijderd: er is al een stop voor verstuurd` } }
  return { start }
}

export interface StopInput {
  begindatum: string
  einddatum: string
  reden: string
}

/**
 * A new stop (StatusAanlevering 1): the start it stops, and what is wrong.
 * - TR382 (9069): the start's key (ToewijzingNummer or Product, Begindatum) is a received start.
 * - TR074 (9074): the stop's key (with RedenBeeindiging) was not received before.
 * - TR415 (9415): no stop after a definitive one (RedenBeeindiging other than 20).
 * - TR413 (9413): after a stop with reden 20, the next one is not 20 again.
 * - TR414 (9414): the Einddatum is no earlier than the current stop's.
 */
export function judgeStop(starts: readonly LedgerStart[], stop: StopInput): { start: LedgerStart | null; problems: Problem[] } {
  const start = starts.find((s) => s.begindatum === stop.begindatum)
  if (!start) return { start: null, problems: [{ rule: 'TR382', retourcode: '9069', message: `er is geen start met begindatum ${stop.begindatum} ontvangen voor dit product` }] }
  const problems: Problem[] = []
  if (start.stops.some((s) => s.reden === stop.reden && s.einddatum === stop.einddatum)) {
    problems.push({ rule: 'TR074', retourcode: '9074', message: `een stop per ${stop.einddatum} met reden ${stop.reden} op de start van ${stop.begindatum} is al ontvangen` })
  }
  const definitive = start.stops.find((s) => s.reden !== TIJDELIJK)
  if (definitive) {
    problems.push({ rule: 'TR415', retourcode: '9415', message: `de levering is al definitief gestopt op ${definitive.einddatum} (reden ${definitive.reden})` })
  }
  if (stop.reden === TIJDELIJK && start.stops.some((s) => s.reden === TIJDELIJK)) {
    problems.push({ rule: 'TR413', retourcode: '9413', message: 'er is al een tijdelijke stop (reden 20) op deze start' })
  }
  const latest = start.stops.at(-1)
  if (latest && stop.einddatum < latest.einddatum) {
    problems.push({ rule: 'TR414', retourcode: '9414', message: `de einddatum ${stop.einddatum} ligt voor de einddatum ${latest.einddatum} van de eerdere stop` })
  }
  return { start, problems }
}

/** Removing a stop (StatusAanlevering 3), TR063 (9063): a stop with the same key was received. */
export function judgeStopRemoval(starts: readonly LedgerStart[], stop: StopInput): { stop: LedgerStop } | { problem: Problem } {
  const found = starts.find((s) => s.begindatum === stop.begindatum)?.stops.find((s) => s.reden === stop.reden && s.einddatum === stop.einddatum)
  if (!found) return { problem: { rule: 'TR063', retourcode: '9063', message: `er is geen stop op de start van ${stop.begindatum} per ${stop.einddatum} met reden ${stop.reden} ontvangen om te verwijderen` } }
  return { stop: found }
}
