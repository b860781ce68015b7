/**
 * The chain deadlines in the actor's scope, read from the ledger: toewijzingen and their
 * starts and stops (OP271, OP272), the 315/317 work items and their answers (OP274/OP346,
 * OP359), and the messages and their retours (OP090, OP090x4). The facts carry a
 * ToewijzingNummer, a ReferentieAanbieder or a message Identificatie (for the region none):
 * never a BSN or a name.
 */
import { sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import { nameLookup } from '../regions/names.queries.ts'
import type { ScopedDb } from '../db/scope.ts'
import { addDays, type CalendarDate } from '../shared/dates.ts'
import { type Partij, type Termijn, type TermijnFeit, type TermijnScore, type TermijnSoort, type TermijnStatus, startGebeurtenis, termijnOf, termijnRegels, termijnScores, verzoekTermijnen } from './termijn.rules.ts'

/** How far before a period a clock may start and still fall due in it: 8 weeks, and room for holidays. */
const LONGEST_TERM_DAYS = 70
/** Passed deadlines stay in the list this long after their deadline, as the toegang signals do. */
export const LIST_DAYS = 120
interface FeitRow {
  soort: 'start_zorg' | 'stop_zorg' | 'verzoek' | 'retour_gemeente' | 'declaratie_antwoord' | 'retour_aanbieder'
  gemeente_id: number
  provider_id: number
  referentie: string | null
  gebeurtenis: CalendarDate
  tweede_datum: CalendarDate | null
  in_onderzoek: CalendarDate | null
  antwoord: CalendarDate | null
  woonplaatsbeginsel: boolean
}

/**
 * The facts of every deadline in the actor's scope whose clock started between `van` and
 * `tot`, from `koers_termijn_feiten` (migration 0010: it scopes by the caller's role, as row-level
 * security would, and lets the region see deadlines without the ledger's personal rows).
 *
 * - OP271: the later of the start (the 305's Begindatum, or the ingangsdatum while none came)
 *   and the first 301, stopped by the 305's Dagtekening.
 * - OP272: the definitive stop's Einddatum (or the toewijzing's einddatum while none came),
 *   stopped by the 307's Dagtekening; a start with a temporary stop (reden 20) is left out, as
 *   OP272's toelichting times the definitive stop after it from the day it was known, which
 *   the ledger does not hold.
 * - OP274/OP346/OP359: see verzoekTermijnen; the final answer is the Dagtekening of the 301 or
 *   319 on the work item, the "in onderzoek" day comes from migration 0008's column.
 * - OP090 and OP090x4: Koers keeps no receipt day of an incoming message beside its
 *   Dagtekening, so the gemeente's clock starts at the day the provider sent it: strict, never
 *   in the gemeente's favour. A provider's starts at the Dagtekening of our 301 or 319.
 */
export async function loadTermijnFeiten(trx: ScopedDb, van: CalendarDate, tot: CalendarDate): Promise<TermijnFeit[]> {
  const { rows } = await sql<FeitRow>`select * from koers_termijn_feiten(${van}::date, ${tot}::date)`.execute(trx)
  return rows
    .flatMap((r): TermijnFeit[] => {
      const base = { gemeenteId: r.gemeente_id, providerId: r.provider_id, referentie: r.referentie }
      switch (r.soort) {
        case 'start_zorg':
          return [{ ...base, soort: r.soort, gebeurtenis: startGebeurtenis(r.gebeurtenis, r.tweede_datum ?? r.gebeurtenis), antwoord: r.antwoord }]
        case 'verzoek':
          return verzoekTermijnen({ ...base, ontvangen: r.gebeurtenis, dagtekening: r.tweede_datum!, inOnderzoek: r.in_onderzoek, eindantwoord: r.antwoord, woonplaatsbeginsel: r.woonplaatsbeginsel })
        default:
          return [{ ...base, soort: r.soort, gebeurtenis: r.gebeurtenis, antwoord: r.antwoord }]
      }
    })
    .filter((f) => f.gebeurtenis >= van && f.gebeurtenis <= tot)
}

/** A deadline as the API and the page show it. */
export interface TermijnRij extends Termijn {
  naam: string
  regel: string
  gemeente: string
  aanbieder: string
}

export interface TermijnFilter {
  soort?: TermijnSoort
  partij?: Partij
  status?: TermijnStatus
  gemeenteId?: number
  providerId?: number
}

/** At most this many deadlines in one answer, the most urgent first. */
export const LIST_LIMIT = 500

/**
 * The running deadlines (`loopt`, `bijna`) and those passed without an answer in the last
 * LIST_DAYS (`verlopen`) on `peildatum`, most urgent first, with the counts per kind and state.
 */
export async function listOpenTermijnen(trx: ScopedDb, actor: Actor, peildatum: CalendarDate, filter: TermijnFilter = {}): Promise<{ peildatum: CalendarDate; aantallen: { soort: TermijnSoort; status: TermijnStatus; aantal: number }[]; termijnen: TermijnRij[] }> {
  const since = addDays(peildatum, -LIST_DAYS - LONGEST_TERM_DAYS)
  const [feiten, names] = await Promise.all([loadTermijnFeiten(trx, since, peildatum), nameLookup(trx, actor.regionId)])
  const open = feiten
    .map((f) => termijnOf(f, peildatum))
    .filter((t) => (t.status === 'loopt' || t.status === 'bijna' || (t.status === 'verlopen' && t.deadline >= addDays(peildatum, -LIST_DAYS))) && matches(t, filter))
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || (a.referentie ?? '').localeCompare(b.referentie ?? ''))
  const counts = new Map<string, { soort: TermijnSoort; status: TermijnStatus; aantal: number }>()
  for (const t of open) {
    const key = `${t.soort}|${t.status}`
    const c = counts.get(key) ?? { soort: t.soort, status: t.status, aantal: 0 }
    c.aantal++
    counts.set(key, c)
  }
  return {
    peildatum,
    aantallen: [...counts.values()],
    termijnen: open.slice(0, LIST_LIMIT).map((t) => ({ ...t, naam: termijnRegels[t.soort].naam, regel: termijnRegels[t.soort].regel, gemeente: names.gemeente(t.gemeenteId), aanbieder: names.provider(t.providerId) })),
  }
}

function matches(t: Termijn, f: TermijnFilter): boolean {
  return (f.soort === undefined || t.soort === f.soort) && (f.partij === undefined || t.partij === f.partij) && (f.status === undefined || t.status === f.status) && (f.gemeenteId === undefined || t.gemeenteId === f.gemeenteId) && (f.providerId === undefined || t.providerId === f.providerId)
}

export interface TermijnScoreRij extends TermijnScore {
  /** The gemeente's or the provider's name. */
  naam: string
}

/**
 * Per provider and per gemeente, the deadlines of its own that fell due in `[van, tot]` (by
 * `peildatum`) and how many were met, per kind and over all; counts of 1–4 suppressed.
 */
export async function termijnScore(trx: ScopedDb, actor: Actor, van: CalendarDate, tot: CalendarDate, peildatum: CalendarDate): Promise<{ van: CalendarDate; tot: CalendarDate; peildatum: CalendarDate; aanbieders: TermijnScoreRij[]; gemeenten: TermijnScoreRij[] }> {
  const [feiten, names] = await Promise.all([loadTermijnFeiten(trx, addDays(van, -LONGEST_TERM_DAYS), tot), nameLookup(trx, actor.regionId)])
  const scores = termijnScores(feiten.map((f) => termijnOf(f, peildatum)), van, tot).map((s) => ({ ...s, naam: s.partij === 'gemeente' ? names.gemeente(s.partijId) : names.provider(s.partijId) }))
  const order = (a: TermijnScoreRij, b: TermijnScoreRij) => a.naam.localeCompare(b.naam) || (a.soort === 'alle' ? -1 : b.soort === 'alle' ? 1 : a.soort.localeCompare(b.soort))
  return { van, tot, peildatum, aanbieders: scores.filter((s) => s.partij === 'aanbieder').sort(order), gemeenten: scores.filter((s) => s.partij === 'gemeente').sort(order) }
}
