/**
 * What the gemeente writes in its 301 (toewijzing) and 319 (antwoord), as pure rules over
 * plain facts (STYLE.md §2). The queries load the rows, these rules decide, the writer writes.
 * Each rule names its code in the regelrapport (docs/toegang.md, "De 301" and "De 319").
 */
import type { Wet } from '../istandaarden/codelists.ts'
import type { CalendarDate } from '../shared/dates.ts'
import { deadlineOf, termijnRegels } from '../termijnen/termijn.rules.ts'

/** A toewijzing of the client at the provider, as stored, with what the last 301 carried. */
export interface StoredToegewezenProduct {
  id: number
  version: number
  /** The version the last 301 carried; null when it was never sent. */
  sentVersion: number | null
  ingangsdatum: CalendarDate
  einddatum: CalendarDate
  redenWijziging: string | null
  /** The ReferentieAanbieder of the AangevraagdProduct (315) this toewijzing honours, if any. */
  referentieAanbieder: string | null
}

/**
 * Why this 301 is sent: the gemeente's own change or the answer to a 315 (each new toewijzing
 * carries its own request's reference), or the answer to a 317 (one reference for all).
 */
export type Aanleiding = { kind: 'gemeente' } | { kind: 'vow'; referentieAanbieder: string }

export interface ToegewezenProductLine {
  id: number
  redenWijziging: string | undefined
  referentieAanbieder: string | undefined
}

/**
 * OP087, OP259, TR302: a toewijzing withdrawn (RedenWijziging 13) or annulled (01) with
 * einddatum equal to ingangsdatum is not a current toewijzing.
 */
export const isVervallen = (t: Pick<StoredToegewezenProduct, 'ingangsdatum' | 'einddatum' | 'redenWijziging'>): boolean =>
  t.ingangsdatum === t.einddatum && (t.redenWijziging === '13' || t.redenWijziging === '01')

/**
 * The ToegewezenProducten of a 301 written on `dagtekening`, each with its RedenWijziging and
 * ReferentieAanbieder:
 *
 * - OP087: every toewijzing current on or after the dagtekening, plus every one changed since
 *   the previous 301 (a verkorting into the past, a withdrawal). A toewijzing withdrawn before
 *   it was ever sent counts as never sent and stays out.
 * - IV099: RedenWijziging only when the product changed since it was last sent; never on an
 *   initial toewijzing (IV066: "Een initiele toekenning kent nooit een RedenWijziging").
 * - TR379, IV094, IV097: ReferentieAanbieder only in the 301 that honours the request, and only
 *   the first time: a toewijzing honouring an AangevraagdProduct carries that product's reference
 *   when it is first sent (IV094: the other current ones leave it empty); a 301 honouring a 317
 *   gives its one reference to every ToegewezenProduct, unchanged ones included (IV093, IV097).
 *   The gemeente's own later changes leave it empty.
 */
export function toegewezenProducten(rows: readonly StoredToegewezenProduct[], dagtekening: CalendarDate, aanleiding: Aanleiding): ToegewezenProductLine[] {
  const out: ToegewezenProductLine[] = []
  for (const t of rows) {
    const neverSent = t.sentVersion === null
    const changedSinceSent = neverSent || t.version > t.sentVersion!
    const current = !isVervallen(t) && t.einddatum >= dagtekening
    if (neverSent && isVervallen(t)) continue
    if (!current && !changedSinceSent) continue
    out.push({
      id: t.id,
      redenWijziging: !neverSent && changedSinceSent ? (t.redenWijziging ?? undefined) : undefined,
      referentieAanbieder: aanleiding.kind === 'vow' ? aanleiding.referentieAanbieder : neverSent ? (t.referentieAanbieder ?? undefined) : undefined,
    })
  }
  return out
}

/**
 * The gezagsdragers an iJw 301 carries as Relaties of the client (OP002): none in the iWmo, none
 * when the client holds the authority (OP002x2), and none in the 301 that follows a 315 in
 * which the provider said it knows the gezagsdrager (OP002x1, GezagsdragerBekend 1, ja).
 */
export function gezagsRelaties<T>(r: { wet: Wet; gezagBijClient: boolean; gezagsdragerBekend: boolean; gezagsdragers: readonly T[] }): readonly T[] {
  return r.wet !== 'jeugdwet' || r.gezagBijClient || r.gezagsdragerBekend ? [] : r.gezagsdragers
}

export interface AntwoordFinding {
  rule: 'CD085' | 'CD086' | 'TR377' | 'TR409' | 'IV095' | 'WJ759'
  message: string
  path: string
}

export interface Antwoord {
  wet: Wet
  kind: '315' | '317'
  verzoekAntwoord: '1' | '2'
  redenAfwijzingVerzoek: string | undefined
  /** Woonplaatsbeginsel / Gemeente: the CBS code of the responsible gemeente. */
  woonplaatsGemeente: string | undefined
  /** The CBS code of the gemeente that answers. */
  ownCbsCode: string
}

/**
 * The 319's content rules:
 *
 * - CD085/CD086: a refusal (1) gives its RedenAfwijzingVerzoek, "in onderzoek" (2) none.
 * - WJ759 and the FAQ ("Wanneer gebruik ik … code 5 … en wanneer code 8"): reden 8
 *   (woonplaatsbeginsel) is iJw only, and only for a Verzoek om toewijzing; otherwise reden 5.
 * - TR377: with reden 8 the class Woonplaatsbeginsel names the responsible gemeente; TR409:
 *   otherwise it is left out. IV095: that gemeente is another one than the answering gemeente.
 */
export function checkAntwoord(a: Antwoord): AntwoordFinding[] {
  const out: AntwoordFinding[] = []
  const reden = a.redenAfwijzingVerzoek
  if (a.verzoekAntwoord === '1' && reden === undefined) out.push({ rule: 'CD085', path: 'reden', message: 'Een afwijzing geeft de reden (RedenAfwijzingVerzoek).' })
  if (a.verzoekAntwoord === '2' && reden !== undefined) out.push({ rule: 'CD086', path: 'reden', message: 'Bij "aanvraag in onderzoek" blijft de reden leeg.' })
  if (reden === '8' && a.wet !== 'jeugdwet') out.push({ rule: 'WJ759', path: 'reden', message: 'Reden 8 (woonplaatsbeginsel) bestaat alleen in de Jeugdwet; gebruik reden 5 (andere gemeente).' })
  else if (reden === '8' && a.kind !== '315') out.push({ rule: 'WJ759', path: 'reden', message: 'Reden 8 (woonplaatsbeginsel) is alleen voor een verzoek om toewijzing (315); gebruik reden 5 (andere gemeente).' })
  else if (reden === '8' && a.woonplaatsGemeente === undefined) out.push({ rule: 'TR377', path: 'woonplaatsGemeente', message: 'Bij reden 8 (woonplaatsbeginsel) noemt het antwoord de verantwoordelijke gemeente (CBS-code).' })
  else if (reden === '8' && a.woonplaatsGemeente === a.ownCbsCode) out.push({ rule: 'IV095', path: 'woonplaatsGemeente', message: 'Bij reden 8 is de verantwoordelijke gemeente een andere dan de eigen gemeente.' })
  if (reden !== '8' && a.woonplaatsGemeente !== undefined) out.push({ rule: 'TR409', path: 'woonplaatsGemeente', message: 'Alleen bij reden 8 (woonplaatsbeginsel) noemt het antwoord een gemeente.' })
  return out
}

/**
 * When the gemeente's answer to a 315 or 317 is due, by the chain's deadlines
 * (src/termijnen): 5 working days after receipt (OP274, OP346); after a 319 "aanvraag in
 * onderzoek", 8 weeks after the request's Dagtekening.
 */
export function answerDue(r: { receivedOn: CalendarDate; dagtekening: CalendarDate; inOnderzoek: boolean }): CalendarDate {
  return r.inOnderzoek ? deadlineOf(termijnRegels.eindantwoord.duur, r.dagtekening) : deadlineOf(termijnRegels.antwoord_verzoek.duur, r.receivedOn)
}
