/**
 * Signals from the toewijzingen ledger (issue: "toewijzing ending within N weeks without
 * follow-up; ended without a 307; start not received within 5 working days; a start or stop
 * from a provider that does not hold the toewijzing"). The rules are pure; the query loads
 * the rows in the actor's scope. Signals name a toewijzing number and a pseudonym, never a
 * BSN or a name.
 */
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import { addDays, type CalendarDate } from '../shared/dates.ts'
import { formatDate } from '../shared/format-nl.ts'
import { addWorkingDays } from '../shared/working-days.ts'
import { currentStarts } from '../delivery/delivery.queries.ts'

export type ToegangSignalKind = 'eindigt_zonder_vervolg' | 'beeindigd_zonder_stop' | 'geen_start' | 'andere_aanbieder'

export interface LedgerRow {
  id: number
  toewijzingNummer: number
  clientId: number
  pseudonym: string
  providerName: string
  productId: number
  segmentId: number
  toewijzingDatum: CalendarDate
  ingangsdatum: CalendarDate
  einddatum: CalendarDate
  withdrawn: boolean
  /** Current starts (not removed) and whether each has a definitive stop. */
  starts: { begindatum: CalendarDate; stopped: boolean }[]
}

export interface ToegangSignal {
  kind: ToegangSignalKind
  date: CalendarDate
  toewijzingNummer: number | null
  clientId: number | null
  pseudonym: string | null
  providerName: string
  text: string
}

/** The ledger signals on `today`; `weeks` is the horizon for "ending soon". */
export function ledgerSignals(rows: readonly LedgerRow[], today: CalendarDate, weeks = 6): ToegangSignal[] {
  const out: ToegangSignal[] = []
  const horizon = addDays(today, weeks * 7)
  for (const t of rows) {
    if (t.withdrawn) continue
    const base = { toewijzingNummer: t.toewijzingNummer, clientId: t.clientId, pseudonym: t.pseudonym, providerName: t.providerName }
    const followUp = rows.some((o) => o.id !== t.id && !o.withdrawn && o.clientId === t.clientId && o.segmentId === t.segmentId && o.einddatum > t.einddatum && o.ingangsdatum <= addDays(t.einddatum, 1))
    const stillDelivering = t.starts.some((s) => !s.stopped)
    if (t.einddatum >= today && t.einddatum <= horizon && !followUp && (stillDelivering || t.starts.length === 0)) {
      out.push({ ...base, kind: 'eindigt_zonder_vervolg', date: t.einddatum, text: `Toewijzing ${t.toewijzingNummer} eindigt op ${formatDate(t.einddatum)}; er is geen vervolgtoewijzing.` })
    }
    if (stillDelivering && addWorkingDays(t.einddatum, 5) < today) {
      out.push({ ...base, kind: 'beeindigd_zonder_stop', date: t.einddatum, text: `Toewijzing ${t.toewijzingNummer} eindigde op ${formatDate(t.einddatum)}, maar ${t.providerName} stuurde geen stopbericht.` })
    }
    const startDue = addWorkingDays(t.ingangsdatum > t.toewijzingDatum ? t.ingangsdatum : t.toewijzingDatum, 5)
    if (t.starts.length === 0 && startDue < today && t.ingangsdatum <= today) {
      out.push({ ...base, kind: 'geen_start', date: startDue, text: `Voor toewijzing ${t.toewijzingNummer} (vanaf ${formatDate(t.ingangsdatum)}) kwam uiterlijk ${formatDate(startDue)} geen startbericht van ${t.providerName}.` })
    }
  }
  return out
}

/** All toegang signals in the actor's scope on `today`, newest first. */
export async function toegangSignals(trx: ScopedDb, actor: Actor, today: CalendarDate, weeks = 6): Promise<ToegangSignal[]> {
  let q = trx
    .selectFrom('toewijzing as t')
    .innerJoin('client as c', 'c.id', 't.client_id')
    .innerJoin('provider as p', 'p.id', 't.provider_id')
    .select(['t.id', 't.toewijzing_nummer', 't.client_id', 'c.pseudonym', 'p.name as provider_name', 't.product_id', 't.segment_id', 't.toewijzing_datum', 't.ingangsdatum', 't.einddatum', 't.reden_wijziging'])
    .where('t.status', '=', 'actief')
    // Long-finished toewijzingen have nothing left to signal.
    .where('t.einddatum', '>=', addDays(today, -120))
  if (actor.gemeenteId !== null) q = q.where('t.gemeente_id', '=', actor.gemeenteId)
  const rows = await q.execute()
  const starts = await currentStarts(trx, rows.map((r) => r.id))
  const ledger: LedgerRow[] = rows.map((r) => ({
    id: r.id,
    toewijzingNummer: r.toewijzing_nummer,
    clientId: r.client_id,
    pseudonym: r.pseudonym,
    providerName: r.provider_name,
    productId: r.product_id,
    segmentId: r.segment_id,
    toewijzingDatum: r.toewijzing_datum,
    ingangsdatum: r.ingangsdatum,
    einddatum: r.einddatum,
    withdrawn: r.reden_wijziging === '13',
    starts: starts.filter((s) => s.toewijzingId === r.id),
  }))
  const signals = ledgerSignals(ledger, today, weeks)
  // Starts and stops refused because another provider holds the toewijzing (TR019).
  let mq = trx.selectFrom('message as m').innerJoin('provider as p', 'p.id', 'm.provider_id').select(['m.dagtekening', 'm.code', 'm.problems', 'p.name as provider_name']).where('m.direction', '=', 'in').where('m.code', 'in', ['305', '307']).where('m.dagtekening', '>=', addDays(today, -120))
  if (actor.gemeenteId !== null) mq = mq.where('m.gemeente_id', '=', actor.gemeenteId)
  for (const m of await mq.execute()) {
    for (const p of m.problems.filter((x) => x.signal === 'andere_aanbieder')) {
      signals.push({ kind: 'andere_aanbieder', date: m.dagtekening, toewijzingNummer: null, clientId: null, pseudonym: null, providerName: m.provider_name, text: `${m.provider_name} stuurde een ${m.code === '305' ? 'start' : 'stop'} (${p.path ?? ''}) op een toewijzing die het niet heeft.` })
    }
  }
  return signals.sort((a, b) => b.date.localeCompare(a.date))
}
