/**
 * Chain deadlines (ketentermijnen) of the iJw/iWmo 3.2 exchange, as pure rules: from the date
 * that starts a deadline's clock, the date of the answer that stops it (or none) and today,
 * the deadline and its state. Working days skip weekends and the Dutch public holidays
 * (src/shared/working-days.ts). Each deadline names the regelrapport text it comes from
 * (`Regels op berichten iJw release 3.2`, table export 5931253, and the FAQ's table of
 * "Maximale reactietermijn" per message).
 */
import { addDays, type CalendarDate, laterDate } from '../shared/dates.ts'
import { SUPPRESSION_THRESHOLD } from '../shared/suppress.ts'
import { addWorkingDays } from '../shared/working-days.ts'

export type TermijnSoort = 'start_zorg' | 'stop_zorg' | 'antwoord_verzoek' | 'eindantwoord' | 'woonplaatsbeginsel' | 'retour_gemeente' | 'retour_aanbieder' | 'declaratie_antwoord'
export type Partij = 'gemeente' | 'aanbieder'
export type TermijnStatus = 'loopt' | 'bijna' | 'verlopen' | 'op_tijd' | 'te_laat'

/** How long a deadline runs: working days, or calendar days (weeks are 7 days each). */
export type Duur = { werkdagen: number } | { dagen: number }

export interface TermijnRegel {
  soort: TermijnSoort
  /** Whose deadline it is. */
  partij: Partij
  regel: string
  duur: Duur
  /** Dutch, for the page. */
  naam: string
  /** Dutch: what starts and what stops the clock. */
  uitleg: string
}

export const termijnRegels: Record<TermijnSoort, TermijnRegel> = {
  // OP271: "De aanbieder verzendt een startbericht binnen vijf werkdagen na de daadwerkelijke
  // datum waarop de ondersteuning gestart is" — toelichting: "Indien de ondersteuning met
  // terugwerkende kracht is toegewezen, binnen vijf werkdagen na ontvangst van het
  // toewijzingbericht." Stopped by the 305's Dagtekening ("verzendt").
  start_zorg: { soort: 'start_zorg', partij: 'aanbieder', regel: 'OP271', duur: { werkdagen: 5 }, naam: 'Startbericht (305)', uitleg: 'Binnen 5 werkdagen na de start van de zorg, of na de toewijzing als die met terugwerkende kracht is.' },
  // OP272: "De aanbieder verzendt een stopbericht binnen vijf werkdagen na de daadwerkelijke
  // datum waarop de ondersteuning beeindigd is." Stopped by the 307's Dagtekening.
  stop_zorg: { soort: 'stop_zorg', partij: 'aanbieder', regel: 'OP272', duur: { werkdagen: 5 }, naam: 'Stopbericht (307)', uitleg: 'Binnen 5 werkdagen na het einde van de zorg.' },
  // OP274: "Na ontvangst van een verzoek om toewijzing stuurt de gemeente per aangevraagd
  // product binnen 5 werkdagen ofwel een toewijzingbericht ofwel een antwoordbericht"; OP346
  // the same for a verzoek om wijziging (317). Starts at receipt, stopped by the first 301
  // or 319 (also a 319 "in onderzoek", VerzoekAntwoord 2).
  antwoord_verzoek: { soort: 'antwoord_verzoek', partij: 'gemeente', regel: 'OP274/OP346', duur: { werkdagen: 5 }, naam: 'Antwoord op verzoek (301/319)', uitleg: 'Binnen 5 werkdagen na ontvangst van een 315 of 317 een toewijzing of een antwoordbericht.' },
  // OP274/OP346 toelichting: "Als een antwoordbericht in VerzoekAntwoord de waarde 2 (Aanvraag
  // in onderzoek) bevat, dan wordt binnen 8 weken na dagtekening van het verzoek ofwel een
  // toewijzing bericht ofwel een antwoordbericht met in VerzoekAntwoord de waarde 1 (Verzoek
  // afgewezen) gestuurd." The clock starts at the request's Dagtekening, not at the 319.
  eindantwoord: { soort: 'eindantwoord', partij: 'gemeente', regel: 'OP274/OP346', duur: { dagen: 8 * 7 }, naam: 'Eindantwoord na "in onderzoek"', uitleg: 'Binnen 8 weken na de dagtekening van het verzoek een toewijzing of een afwijzing.' },
  // OP359: "Indien een verzoek om toewijzing wordt afgewezen op basis van het
  // woonplaatsbeginsel, dient de gemeente dit binnen de wettelijke termijn van 2 weken af te
  // wijzen"; the FAQ: "een reactietermijn van 14 dagen voor een 319 (afkeur) of een 301".
  // Starts at receipt of the request (as OP274), calendar days.
  woonplaatsbeginsel: { soort: 'woonplaatsbeginsel', partij: 'gemeente', regel: 'OP359', duur: { dagen: 14 }, naam: 'Afwijzing woonplaatsbeginsel (319)', uitleg: 'Binnen 2 weken na ontvangst van het verzoek afwijzen op het woonplaatsbeginsel.' },
  // OP090: "Voor ieder ontvangen bericht wordt binnen drie werkdagen na ontvangst een
  // retourbericht verzonden." The gemeente's 306, 308, 316 and 318.
  retour_gemeente: { soort: 'retour_gemeente', partij: 'gemeente', regel: 'OP090', duur: { werkdagen: 3 }, naam: 'Retourbericht gemeente (306/308/316/318)', uitleg: 'Binnen 3 werkdagen na ontvangst van een 305, 307, 315 of 317.' },
  // OP090 again, for the provider: its 302 on a 301 and its 320 on a 319.
  retour_aanbieder: { soort: 'retour_aanbieder', partij: 'aanbieder', regel: 'OP090', duur: { werkdagen: 3 }, naam: 'Retourbericht aanbieder (302/320)', uitleg: 'Binnen 3 werkdagen na ontvangst van een 301 of 319.' },
  // OP090x4: "Voor ieder ontvangen declaratiebericht wordt binnen 10 werkdagen na ontvangst een
  // declaratie-antwoordbericht verzonden."
  declaratie_antwoord: { soort: 'declaratie_antwoord', partij: 'gemeente', regel: 'OP090x4', duur: { werkdagen: 10 }, naam: 'Declaratie-antwoord (325)', uitleg: 'Binnen 10 werkdagen na ontvangst van een declaratie (323).' },
}

export const termijnSoorten = Object.keys(termijnRegels) as [TermijnSoort, ...TermijnSoort[]]
export const termijnStatussen = ['loopt', 'bijna', 'verlopen', 'op_tijd', 'te_laat'] as const satisfies readonly TermijnStatus[]

/** The last day on which the answer is in time: `duur` after `gebeurtenis`. */
export function deadlineOf(duur: Duur, gebeurtenis: CalendarDate): CalendarDate {
  return 'werkdagen' in duur ? addWorkingDays(gebeurtenis, duur.werkdagen) : addDays(gebeurtenis, duur.dagen)
}

/**
 * The state on `today`: answered on or before the deadline `op_tijd`, after it `te_laat`;
 * unanswered after it `verlopen`, within one working day of it (or on it) `bijna`, else `loopt`.
 */
export function statusOf(deadline: CalendarDate, antwoord: CalendarDate | null, today: CalendarDate): TermijnStatus {
  if (antwoord !== null) return antwoord <= deadline ? 'op_tijd' : 'te_laat'
  if (today > deadline) return 'verlopen'
  return addWorkingDays(today, 1) >= deadline ? 'bijna' : 'loopt'
}

/** The facts of one deadline, without personal data. */
export interface TermijnFeit {
  soort: TermijnSoort
  gemeenteId: number
  providerId: number
  /** What it is about: a ToewijzingNummer, a ReferentieAanbieder or a message's Identificatie; null for the region, which reads no ledger rows. */
  referentie: string | null
  /** The date that starts the clock. */
  gebeurtenis: CalendarDate
  /** The date of the answer that stops it, or null. */
  antwoord: CalendarDate | null
}

export interface Termijn extends TermijnFeit {
  partij: Partij
  deadline: CalendarDate
  status: TermijnStatus
}

export function termijnOf(feit: TermijnFeit, today: CalendarDate): Termijn {
  const regel = termijnRegels[feit.soort]
  const deadline = deadlineOf(regel.duur, feit.gebeurtenis)
  return { ...feit, partij: regel.partij, deadline, status: statusOf(deadline, feit.antwoord, today) }
}

/**
 * OP271's clock: the actual start (the 305's Begindatum, or while no 305 came the
 * toewijzing's ingangsdatum), or the day the 301 was sent when the care was assigned with
 * retroactive effect (the toelichting's "terugwerkende kracht").
 */
export function startGebeurtenis(start: CalendarDate, toewijzingsdatum: CalendarDate): CalendarDate {
  return laterDate(start, toewijzingsdatum)
}

/** A 315/317 work item's answers, as the ledger has them. */
export interface VerzoekFeiten {
  gemeenteId: number
  providerId: number
  referentie: string | null
  /** The day Koers received the request. */
  ontvangen: CalendarDate
  /** The request's own Dagtekening (OP274's "8 weken na dagtekening van het verzoek"). */
  dagtekening: CalendarDate
  /** The day of the 319 "in onderzoek" (VerzoekAntwoord 2), if one was sent. */
  inOnderzoek: CalendarDate | null
  /** The day of the final answer: a 301 or a 319 refusal (VerzoekAntwoord 1). */
  eindantwoord: CalendarDate | null
  /** Refused on the woonplaatsbeginsel (RedenAfwijzingVerzoek 5 or 8). */
  woonplaatsbeginsel: boolean
}

/**
 * The deadlines of one request: a refusal on the woonplaatsbeginsel runs on OP359's 2 weeks
 * instead of 5 working days; otherwise the first answer within 5 working days, and after an
 * "in onderzoek" the final one within 8 weeks of the request's Dagtekening.
 */
export function verzoekTermijnen(v: VerzoekFeiten): TermijnFeit[] {
  const base = { gemeenteId: v.gemeenteId, providerId: v.providerId, referentie: v.referentie }
  if (v.woonplaatsbeginsel) return [{ ...base, soort: 'woonplaatsbeginsel', gebeurtenis: v.ontvangen, antwoord: v.eindantwoord }]
  const eerste = v.inOnderzoek ?? v.eindantwoord
  const out: TermijnFeit[] = [{ ...base, soort: 'antwoord_verzoek', gebeurtenis: v.ontvangen, antwoord: eerste }]
  if (v.inOnderzoek !== null) out.push({ ...base, soort: 'eindantwoord', gebeurtenis: v.dagtekening, antwoord: v.eindantwoord })
  return out
}

/** A score: deadlines that fell due in a period, and how many were met. */
export interface TermijnScore {
  soort: TermijnSoort | 'alle'
  partij: Partij
  /** The gemeente's id for a gemeente's deadline, the provider's for a provider's. */
  partijId: number
  /** Due in the period: met, late, or passed without answer; null when 1–4 (suppressed). */
  termijnen: number | null
  gehaald: number | null
  /** Whole percent met, or null when suppressed or nothing was due. */
  percentage: number | null
  onderdrukt: boolean
}

/**
 * Per party and kind (and per party over all its kinds): the deadlines whose deadline date
 * lies in `[van, tot]` and that have an outcome (answered, or passed), and how many were met.
 * A count of 1–4 hides the whole row's figures, as the KPIs do (src/shared/suppress.ts), and
 * where that would leave one hidden kind beside a shown total, the party's next smallest kind too.
 */
export function termijnScores(termijnen: readonly Termijn[], van: CalendarDate, tot: CalendarDate): TermijnScore[] {
  type Group = { soort: TermijnSoort | 'alle'; partij: Partij; partijId: number; due: number; met: number }
  const groups = new Map<string, Group>()
  const add = (soort: TermijnSoort | 'alle', partij: Partij, partijId: number, met: boolean) => {
    const key = `${partij}|${partijId}|${soort}`
    const g = groups.get(key) ?? { soort, partij, partijId, due: 0, met: 0 }
    g.due++
    if (met) g.met++
    groups.set(key, g)
  }
  for (const t of termijnen) {
    if (t.deadline < van || t.deadline > tot || t.status === 'loopt' || t.status === 'bijna') continue
    const partijId = t.partij === 'gemeente' ? t.gemeenteId : t.providerId
    add(t.soort, t.partij, partijId, t.status === 'op_tijd')
    add('alle', t.partij, partijId, t.status === 'op_tijd')
  }
  // Complementary suppression: with the total shown, one hidden kind would follow from the total
  // minus the shown kinds; so the smallest other kind of that party is hidden as well.
  const hidden = new Set<string>()
  const small = (due: number) => due > 0 && due < SUPPRESSION_THRESHOLD
  const byParty = new Map<string, Group[]>()
  for (const g of groups.values()) byParty.set(`${g.partij}|${g.partijId}`, [...(byParty.get(`${g.partij}|${g.partijId}`) ?? []), g])
  for (const rows of byParty.values()) {
    const kinds = rows.filter((g) => g.soort !== 'alle')
    const total = rows.find((g) => g.soort === 'alle')
    if (!total || small(total.due) || kinds.filter((g) => small(g.due)).length !== 1) continue
    const next = kinds.filter((g) => !small(g.due)).sort((a, b) => a.due - b.due)[0]
    if (next) hidden.add(`${next.partij}|${next.partijId}|${next.soort}`)
  }
  return [...groups.values()].map((g) => {
    const onderdrukt = small(g.due) || hidden.has(`${g.partij}|${g.partijId}|${g.soort}`)
    return {
      soort: g.soort,
      partij: g.partij,
      partijId: g.partijId,
      termijnen: onderdrukt ? null : g.due,
      gehaald: onderdrukt ? null : g.met,
      percentage: onderdrukt || g.due === 0 ? null : Math.round((100 * g.met) / g.due),
      onderdrukt,
    }
  })
}
