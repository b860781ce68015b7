/**
 * The facts the KPIs are defined on (kpi.rules.ts): every traject in the actor's scope from
 * `koers_trajecten` — the facts kept per traject by the ledger's triggers (migration 0023,
 * ADR 0029) — and the realised and expected money per key and month. Nothing here decides a
 * KPI; it reads.
 */
import { sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import { type ScopedDb, partyCondition } from '../db/scope.ts'
import { realisatie } from '../budgets/realisation.queries.ts'
import type { CalendarDate } from '../shared/dates.ts'
import { type Measurement, type MoneyMonth, type Traject, type Wet, startingPoint } from './kpi.rules.ts'

/** A row of koers_trajecten (with the client's stored id, `client_id`, unranked since migration 0025) or of the reference (a rank within its call, `client_key`). */
interface TrajectRow {
  toewijzing_id: number
  gemeente_id: number
  provider_id: number
  segment_id: number
  wet: Wet
  begin_datum: string
  eind_datum: string
  reden: string | null
  per_dag: number
  aangevraagd_op: string | null
  toegewezen_op: string | null
  gestart_op: string | null
  volgende_begin: string | null
  volgende_provider_id: number | null
  volgende_segment_id: number | null
  volgende_per_dag: number | null
  herstart: string | null
  doorlopend: boolean
  /** Null when narrowed away or empty (TrajectNarrowing.endedDetailsIn). */
  metingen: Partial<Record<'T1' | 'T2' | 'T3', Measurement>> | null
  doelen_t1: { domain: string; t1: number }[] | null
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T))

/** Which trajecten to read: one toewijzing, or those of some segments and/or one provider; all in the actor's scope when empty. */
export interface TrajectNarrowing {
  toewijzingId?: number
  segmentIds?: readonly number[]
  providerId?: number
  /**
   * Only the clients with a traject of the read that ended, was allocated or started on or after
   * this day, with all their trajecten of the read: what KPIs over periods from this day on rest
   * on. A client whose trajecten of the read all ended before it has no episode, traject, ending,
   * allocation or start in such a period, and their episodes are formed within the read, so no
   * such KPI changes.
   */
  clientsFrom?: CalendarDate
  /**
   * The caller measures periods within these days only: the facts that the KPIs read of a
   * traject only when it ended in a measured period — its reason, follow-up, re-entry, continuing
   * care, T1 goals and measurements — are left empty (null, false, none) for a traject whose last
   * day lies outside them, so that they are neither carried nor parsed. Such a traject ends in
   * no period within them (`ended` in kpi.rules.ts), so no KPI over such periods changes. Not for
   * anything that shows a traject's own facts.
   */
  endedDetailsIn?: { from: CalendarDate; to: CalendarDate }
}

/**
 * Every traject that began by `peildatum` in the actor's scope (narrowed by `narrow`), with its
 * follow-up and its outcome measurements. The follow-up looks at all of the client's trajecten
 * in the law, whatever the narrowing; a client is a number that means something within one call
 * (the function returns the stored id, unranked since migration 0025; it is numbered here, in
 * the order the rows come, and not kept).
 */
export async function trajecten(trx: ScopedDb, peildatum: CalendarDate, narrow: TrajectNarrowing = {}): Promise<Traject[]> {
  const segmenten = narrow.segmentIds === undefined ? null : [...narrow.segmentIds]
  const read = sql`koers_trajecten(${peildatum}::date, ${narrow.toewijzingId ?? null}::int, ${segmenten}::int[], ${narrow.providerId ?? null}::int)`
  // With `clientsFrom`: the rows of the clients that matter, in the order the function returns them (a hash semi-join keeps the outer order).
  const rowsOfRead = narrow.clientsFrom === undefined
    ? sql`select * from ${read}`
    : sql`
    with t as materialized (select * from ${read})
    select * from t where client_id in (
      select client_id from t where eind_datum >= ${narrow.clientsFrom}::date or toegewezen_op >= ${narrow.clientsFrom}::date or gestart_op >= ${narrow.clientsFrom}::date)`
  // With `endedDetailsIn`: the ended trajecten's facts only for those that ended within the days (`e`); an empty measurement or goal list as null (read back as empty).
  const { rows } = await (narrow.endedDetailsIn === undefined
    ? sql<TrajectRow & { client_id: number }>`${rowsOfRead}`
    : sql<TrajectRow & { client_id: number }>`
    select toewijzing_id, gemeente_id, provider_id, segment_id, wet, client_id, begin_datum, eind_datum, per_dag, aangevraagd_op, toegewezen_op, gestart_op,
           case when e then reden end as reden, case when e then volgende_begin end as volgende_begin, case when e then volgende_provider_id end as volgende_provider_id,
           case when e then volgende_segment_id end as volgende_segment_id, case when e then volgende_per_dag end as volgende_per_dag, case when e then herstart end as herstart,
           e and doorlopend as doorlopend, case when e and metingen <> '{}'::jsonb then metingen end as metingen, case when e and doelen_t1 <> '[]'::jsonb then doelen_t1 end as doelen_t1
    from (select r.*, r.eind_datum between ${narrow.endedDetailsIn.from}::date and ${narrow.endedDetailsIn.to}::date as e from (${rowsOfRead}) r) x`
  ).execute(trx)
  // The clients numbered 1, 2, … in the order they first come: within the call the same client, the same number.
  const numbers = new Map<number, number>()
  return rows.map((r) => {
    let n = numbers.get(r.client_id)
    if (n === undefined) numbers.set(r.client_id, (n = numbers.size + 1))
    return toTraject(r, n)
  })
}

/**
 * The segments in which `providerId` had trajecten with care in `periode` (as `trajecten` would
 * give them, filtered on begin and end in the database): what a scorecard needs to know of the
 * provider's own trajecten before it reads its segments' facts, without carrying them here.
 */
export async function segmentsWithCare(trx: ScopedDb, peildatum: CalendarDate, providerId: number, periode: { from: CalendarDate; to: CalendarDate }): Promise<number[]> {
  const { rows } = await sql<{ segment_id: number }>`
    select distinct segment_id from koers_trajecten(${peildatum}::date, null::int, null::int[], ${providerId}::int)
    where begin_datum <= ${periode.to}::date and eind_datum >= ${periode.from}::date
    order by segment_id`.execute(trx)
  return rows.map((r) => r.segment_id)
}

/**
 * The same facts recomputed from the ledger on every call (`koers_trajecten_herberekend`, what
 * `koers_trajecten` did before migration 0023): the reference that the property test and
 * `bench:dashboard` compare the kept facts with. Not for pages.
 */
export async function recomputedTrajecten(trx: ScopedDb, peildatum: CalendarDate): Promise<Traject[]> {
  const { rows } = await sql<TrajectRow & { client_key: number }>`select * from koers_trajecten_herberekend(${peildatum}::date, null::int)`.execute(trx)
  return rows.map((r) => toTraject(r, r.client_key))
}

function toTraject(r: TrajectRow, client: number): Traject {
  const metingen = r.metingen === null ? {} : json<NonNullable<TrajectRow['metingen']>>(r.metingen)
  return {
    id: r.toewijzing_id,
    gemeenteId: r.gemeente_id,
    providerId: r.provider_id,
    segmentId: r.segment_id,
    wet: r.wet,
    client,
    begin: r.begin_datum,
    eind: r.eind_datum,
    reden: r.reden,
    perDagCents: Number(r.per_dag),
    aangevraagdOp: r.aangevraagd_op,
    toegewezenOp: r.toegewezen_op,
    gestartOp: r.gestart_op,
    volgende: r.volgende_begin === null ? null : { begin: r.volgende_begin, providerId: r.volgende_provider_id!, segmentId: r.volgende_segment_id!, perDagCents: Number(r.volgende_per_dag) },
    herstart: r.herstart,
    doorlopend: r.doorlopend,
    t1: startingPoint(r.doelen_t1 === null ? [] : json(r.doelen_t1), metingen.T1?.zelfredzaamheid ?? null),
    t2: metingen.T2 ?? null,
    t3: metingen.T3 ?? null,
  }
}

/** Realised and expected (verplichting) cents per gemeente, provider, segment and month in [van, tot], in the actor's scope (only `segmentIds`' when given). */
export async function moneyMonths(trx: ScopedDb, actor: Actor, van: CalendarDate, tot: CalendarDate, segmentIds?: readonly number[]): Promise<MoneyMonth[]> {
  const [realised, expected] = await Promise.all([
    realisatie(trx, ['gemeente', 'provider', 'segment', 'maand'], { van, tot, scope: actor, segmentIds }),
    sql<{ gemeente_id: number; provider_id: number; segment_id: number; maand: string; verplichting: number }>`
      select gemeente_id, provider_id, segment_id, maand, sum(verplichting_cents)::bigint as verplichting
      from verplichting_maand v
      where ${partyCondition(actor, 'v')} and v.maand between ${van}::date and ${tot}::date${segmentIds === undefined ? sql`` : sql`
        and v.segment_id = any(${[...segmentIds]}::int[])`}
      group by gemeente_id, provider_id, segment_id, maand`.execute(trx),
  ])
  const months = new Map<string, MoneyMonth>()
  const at = (gemeenteId: number, providerId: number, segmentId: number, maand: string) => {
    const key = `${gemeenteId}|${providerId}|${segmentId}|${maand}`
    let m = months.get(key)
    if (!m) months.set(key, (m = { gemeenteId, providerId, segmentId, maand, realisedCents: 0, verplichtingCents: 0 }))
    return m
  }
  for (const r of realised) at(r.gemeente!, r.provider!, r.segment!, r.maand!).realisedCents += r.realisatieCents
  for (const r of expected.rows) at(r.gemeente_id, r.provider_id, r.segment_id, r.maand).verplichtingCents += Number(r.verplichting)
  return [...months.values()]
}
