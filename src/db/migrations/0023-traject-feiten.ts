/**
 * Traject facts kept incrementally (issue 19 §5, ADR 0029).
 *
 * - `traject_feit`: one row per traject (an active toewijzing not withdrawn with reden 13) with
 *   the facts `koers_trajecten` (0007) computed per request: first and last day of care from
 *   the 305/307, the 307's reason, verplichting per day, the waiting dates, the outcome
 *   measurements, the T1 goals — and the client's follow-up, re-entry and continuing care,
 *   computed over the client's trajecten in the law (and again over those in the traject's own
 *   gemeente, which is what a gemeente's roles pair: woonplaatsbeginsel). Those three depend on
 *   the peildatum only through "the other traject had begun by then", so each is stored as the
 *   date it becomes true (`volgende_begin`, `herstart`, `doorlopend_vanaf`) and the reader
 *   compares it with the peildatum.
 * - Kept by statement-level triggers (with transition tables, so a bulk write recomputes each
 *   client once) on every table the facts are read from: toewijzing, toewijzing_version,
 *   care_start, care_stop, care_request, beschikking, uitkomst_meting. A change recomputes every
 *   traject of the clients it touched, in the same transaction, with the same SQL that builds
 *   the table below (`koers_traject_feiten_bijwerken`).
 * - `koers_trajecten` (0007) is kept as `koers_trajecten_herberekend`: the recomputation from
 *   the ledger, the reference the property test and the benchmark compare the kept facts with.
 *   The new `koers_trajecten` reads the kept rows, scoped by the caller's role as before, and
 *   can be narrowed to segments or a provider (the segment page, the scorecard).
 * - Personal data (a client id): read like the toewijzingen, written only by these functions.
 */
import type { Migration } from './index.ts'

// Copied from 0004 as it was then: a migration imports nothing but the migration API (ADR 0014).
/** Reading personal data: a gemeente's roles see their own residents, a provider its own clients, the supervisor all. */
const personalReadScope = (table: string, withProvider: boolean) => [
  `alter table ${table} enable row level security`,
  `create policy region_scope on ${table}
     using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
  `create policy party_scope on ${table} as restrictive using (
     case koers_role()
       when 'lokaal_team' then gemeente_id = koers_gemeente_id()
       when 'gemeente' then gemeente_id = koers_gemeente_id()
       ${withProvider ? "when 'aanbieder' then provider_id = koers_provider_id()" : ''}
       when 'toezichthouder' then true
       else false
     end)`,
]

/** The kept columns after `toewijzing_id`, in the order the build inserts them. */
const columns = `region_id, gemeente_id, provider_id, segment_id, wet, client_id, begin_datum, eind_datum, reden, per_dag,
       aangevraagd_op, toegewezen_op, gestart_op, metingen, doelen_t1,
       volgende_begin, volgende_provider_id, volgende_segment_id, volgende_per_dag, herstart, doorlopend_vanaf,
       eigen_volgende_begin, eigen_volgende_provider_id, eigen_volgende_segment_id, eigen_volgende_per_dag, eigen_herstart, eigen_doorlopend_vanaf`

/**
 * The facts of every traject of the toewijzingen that pass `where` (alias t), computed as
 * 0007's koers_trajecten computed them, without a peildatum. `where` must take whole clients:
 * a traject's follow-up is read from its client's other trajecten.
 */
const build = (where: string) => `insert into traject_feit (toewijzing_id, ${columns})
       with t as (
         select t.id, t.region_id, t.gemeente_id, t.provider_id, t.segment_id, t.wet, t.client_id,
                coalesce(s.begindatum, t.ingangsdatum) as begin_datum,
                greatest(coalesce(s.begindatum, t.ingangsdatum), least(coalesce(x.einddatum, t.einddatum), t.einddatum)) as eind_datum,
                x.reden_beeindiging as reden,
                t.verplichting_cents::float8 / (t.einddatum - t.ingangsdatum + 1) as per_dag,
                (select r.received_on from care_request r where r.region_id = t.region_id and r.id = t.request_id) as aangevraagd_op,
                (select v.toewijzing_datum from toewijzing_version v where v.toewijzing_id = t.id and v.version = 1) as toegewezen_op,
                s.begindatum as gestart_op,
                coalesce((select jsonb_object_agg(m.moment, jsonb_build_object(
                    'gemetenOp', m.gemeten_op, 'doelen', m.doelen, 'zelfredzaamheid', m.zelfredzaamheid,
                    'tevredenheid', m.tevredenheid, 'zonderHulp', m.zonder_hulp, 'vervolg', m.vervolg))
                  from uitkomst_meting m where m.region_id = t.region_id and m.toewijzing_id = t.id), '{}') as metingen,
                (select coalesce(jsonb_agg(jsonb_build_object('domain', g ->> 'domain', 't1', (g ->> 't1')::int)), '[]')
                   from beschikking b, jsonb_array_elements(b.goals) g where b.region_id = t.region_id and b.id = t.beschikking_id) as doelen_t1
         from toewijzing t
         left join lateral (
           select min(cs.begindatum) as begindatum from care_start cs
           where cs.region_id = t.region_id and cs.toewijzing_id = t.id and cs.removed_by_message_id is null) s on true
         -- The definitive stop (20 is a temporary one; TR415 allows one definitive per start).
         left join lateral (
           select cx.einddatum, cx.reden_beeindiging from care_stop cx
           where cx.region_id = t.region_id and cx.toewijzing_id = t.id and cx.removed_by_message_id is null and cx.reden_beeindiging <> '20'
           order by cx.einddatum desc limit 1) x on true
         where t.status = 'actief' and t.reden_wijziging is distinct from '13' and ${where}
       ), w as (
         -- The client's trajecten in the law, and those in the traject's own gemeente (what a gemeente pairs).
         select t.*, array_agg(row(t.id, t.begin_datum, t.eind_datum, t.provider_id, t.segment_id, t.per_dag)::koers_traject_kort)
                       over (partition by t.client_id, t.wet) as familie,
                     array_agg(row(t.id, t.begin_datum, t.eind_datum, t.provider_id, t.segment_id, t.per_dag)::koers_traject_kort)
                       over (partition by t.client_id, t.wet, t.gemeente_id) as eigen_familie
         from t
       )
       select w.id, w.region_id, w.gemeente_id, w.provider_id, w.segment_id, w.wet, w.client_id, w.begin_datum, w.eind_datum, w.reden, w.per_dag,
              w.aangevraagd_op, w.toegewezen_op, w.gestart_op, w.metingen, w.doelen_t1,
              v.begin_datum, v.provider_id, v.segment_id, v.per_dag,
              (select min(f.begin_datum) from unnest(w.familie) f where f.id <> w.id and f.begin_datum > w.eind_datum),
              (select min(f.begin_datum) from unnest(w.familie) f where f.id <> w.id and f.begin_datum <= w.eind_datum + 1 and f.eind_datum > w.eind_datum),
              e.begin_datum, e.provider_id, e.segment_id, e.per_dag,
              (select min(f.begin_datum) from unnest(w.eigen_familie) f where f.id <> w.id and f.begin_datum > w.eind_datum),
              (select min(f.begin_datum) from unnest(w.eigen_familie) f where f.id <> w.id and f.begin_datum <= w.eind_datum + 1 and f.eind_datum > w.eind_datum)
       from w
       -- The follow-up: the first other traject that begins after this one began, at most 31 days after it ended.
       left join lateral (
         select f.* from unnest(w.familie) f
         where f.id <> w.id and f.begin_datum > w.begin_datum and f.begin_datum <= w.eind_datum + 31
         order by f.begin_datum, f.id limit 1) v on true
       left join lateral (
         select f.* from unnest(w.eigen_familie) f
         where f.id <> w.id and f.begin_datum > w.begin_datum and f.begin_datum <= w.eind_datum + 31
         order by f.begin_datum, f.id limit 1) e on true`

const ofToewijzing = (rows: string) =>
  `select region_id, client_id from ${rows} union select t.region_id, t.client_id from ${rows} r join toewijzing t on t.region_id = r.region_id and t.id = r.toewijzing_id`

/** The clients (per region) whose trajecten a change of `rows` touches, for each source table. */
const clientsOf: Record<string, (rows: string) => string> = {
  toewijzing: (rows) => `select region_id, client_id from ${rows}`,
  // A start, stop or measurement counts for its toewijzing's client (and its own, should the two differ).
  care_start: (rows) => ofToewijzing(rows),
  care_stop: (rows) => ofToewijzing(rows),
  uitkomst_meting: (rows) => ofToewijzing(rows),
  beschikking: (rows) => `select region_id, client_id from ${rows} union select t.region_id, t.client_id from ${rows} r join toewijzing t on t.region_id = r.region_id and t.beschikking_id = r.id`,
  toewijzing_version: (rows) => `select t.region_id, t.client_id from ${rows} r join toewijzing t on t.region_id = r.region_id and t.id = r.toewijzing_id where r.version = 1`,
  care_request: (rows) => `select t.region_id, t.client_id from ${rows} r join toewijzing t on t.region_id = r.region_id and t.request_id = r.id`,
}

/** What an update must change for the facts to change (other columns, such as sent_version or a status of the message, leave them). */
const readColumns: Record<string, string[]> = {
  toewijzing: ['region_id', 'client_id', 'gemeente_id', 'provider_id', 'segment_id', 'wet', 'status', 'reden_wijziging', 'ingangsdatum', 'einddatum', 'verplichting_cents', 'request_id', 'beschikking_id'],
  toewijzing_version: ['toewijzing_id', 'version', 'toewijzing_datum'],
  care_start: ['region_id', 'client_id', 'toewijzing_id', 'begindatum', 'removed_by_message_id'],
  care_stop: ['region_id', 'client_id', 'toewijzing_id', 'einddatum', 'reden_beeindiging', 'removed_by_message_id'],
  care_request: ['id', 'region_id', 'received_on'],
  beschikking: ['id', 'region_id', 'client_id', 'goals'],
  uitkomst_meting: ['region_id', 'client_id', 'toewijzing_id', 'moment', 'gemeten_op', 'doelen', 'zelfredzaamheid', 'tevredenheid', 'zonder_hulp', 'vervolg'],
}

/**
 * The trigger function of one source table: the touched clients, then their trajecten
 * recomputed once. A care_request or beschikking is inserted before any toewijzing names it,
 * and the toewijzing's foreign key keeps one named from being deleted: only their updates can
 * change facts.
 */
function keeper(table: string): string[] {
  const changed = readColumns[table]!.map((c) => `o.${c} is distinct from n.${c}`).join(' or ')
  const events = table === 'care_request' || table === 'beschikking' ? ['update'] : ['insert', 'update', 'delete']
  return [
    `create function koers_traject_feiten_${table}() returns trigger
       language plpgsql security definer set search_path = public as $$
       declare
         geraakt record;
       begin
         if tg_op = 'INSERT' then
           for geraakt in select k.region_id, array_agg(distinct k.client_id) as clients from (${clientsOf[table]!('nieuw')}) k where k.client_id is not null group by k.region_id loop
             perform koers_traject_feiten_bijwerken(geraakt.region_id, geraakt.clients);
           end loop;
         elsif tg_op = 'DELETE' then
           for geraakt in select k.region_id, array_agg(distinct k.client_id) as clients from (${clientsOf[table]!('oud')}) k where k.client_id is not null group by k.region_id loop
             perform koers_traject_feiten_bijwerken(geraakt.region_id, geraakt.clients);
           end loop;
         else
           -- Most updates leave what the facts read alone (a message marked sent, a request's status).
           perform 1 from oud o join nieuw n on n.id = o.id where ${changed} limit 1;
           if not found then return null; end if;
           for geraakt in
             with veranderd as (select o.id from oud o join nieuw n on n.id = o.id where ${changed}),
                  nieuw_v as (select n.* from nieuw n join veranderd using (id)),
                  oud_v as (select o.* from oud o join veranderd using (id))
             select k.region_id, array_agg(distinct k.client_id) as clients
             from (${clientsOf[table]!('nieuw_v')} union ${clientsOf[table]!('oud_v')}) k
             where k.client_id is not null group by k.region_id loop
             perform koers_traject_feiten_bijwerken(geraakt.region_id, geraakt.clients);
           end loop;
         end if;
         return null;
       end
     $$`,
    // One trigger per event: PostgreSQL takes transition tables only on a trigger of one event.
    ...events.map(
      (event) => `create trigger traject_feiten_${event} after ${event} on ${table}
       referencing ${event === 'insert' ? 'new table as nieuw' : event === 'delete' ? 'old table as oud' : 'old table as oud new table as nieuw'}
       for each statement execute function koers_traject_feiten_${table}()`,
    ),
    `revoke all on function koers_traject_feiten_${table}() from public`,
  ]
}

const eigen = (column: string) => `case when s.eigen then f.eigen_${column} else f.${column} end`

/** The reader's query over the kept rows that pass `where` (alias f), as 0007's koers_trajecten returned them. */
const read = (where: string) => `return query
         select x.toewijzing_id, x.gemeente_id, x.provider_id, x.segment_id, x.wet,
                dense_rank() over (order by x.client_id)::int,
                x.begin_datum, x.eind_datum, x.reden, x.per_dag, x.aangevraagd_op, x.toegewezen_op, x.gestart_op,
                case when x.vb <= peildatum then x.vb end, case when x.vb <= peildatum then x.vp end,
                case when x.vb <= peildatum then x.vs end, case when x.vb <= peildatum then x.vd end,
                case when x.h <= peildatum then x.h end, coalesce(x.d <= peildatum, false),
                x.metingen, x.doelen_t1
         from (
           select f.*, ${eigen('volgende_begin')} as vb, ${eigen('volgende_provider_id')} as vp, ${eigen('volgende_segment_id')} as vs,
                  ${eigen('volgende_per_dag')} as vd, ${eigen('herstart')} as h, ${eigen('doorlopend_vanaf')} as d
           from traject_feit f, (select koers_role() in ('gemeente', 'lokaal_team') as eigen) s
           where f.region_id = koers_region_id() and f.begin_datum <= peildatum and ${where}
             and (koers_role() not in ('gemeente', 'lokaal_team') or f.gemeente_id = koers_gemeente_id())
             and (koers_role() <> 'aanbieder' or f.provider_id = koers_provider_id())
         ) x`

export const trajectFeiten: Migration = {
  name: '0023-traject-feiten',
  statements: [
    `create table traject_feit (
       toewijzing_id integer primary key,
       region_id integer not null references region (id),
       gemeente_id integer not null,
       provider_id integer not null,
       segment_id integer not null,
       wet text not null,
       client_id integer not null,
       begin_datum date not null,
       eind_datum date not null,
       reden char(2),
       per_dag double precision not null,
       aangevraagd_op date,
       toegewezen_op date,
       gestart_op date,
       metingen jsonb not null,
       doelen_t1 jsonb not null,
       -- The follow-up among the client's trajecten in the law; herstart and doorlopend_vanaf:
       -- the first day another traject of the client begins that makes it true.
       volgende_begin date,
       volgende_provider_id integer,
       volgende_segment_id integer,
       volgende_per_dag double precision,
       herstart date,
       doorlopend_vanaf date,
       -- The same among the client's trajecten in this traject's gemeente (a gemeente's view).
       eigen_volgende_begin date,
       eigen_volgende_provider_id integer,
       eigen_volgende_segment_id integer,
       eigen_volgende_per_dag double precision,
       eigen_herstart date,
       eigen_doorlopend_vanaf date
     )`,
    `create index traject_feit_client_idx on traject_feit (region_id, client_id)`,
    `create index traject_feit_segment_idx on traject_feit (region_id, segment_id, begin_datum)`,
    `create index traject_feit_provider_idx on traject_feit (region_id, provider_id, begin_datum)`,
    `create index traject_feit_gemeente_idx on traject_feit (region_id, gemeente_id, begin_datum)`,
    ...personalReadScope('traject_feit', true),
    // Written only by the functions below (the owner): no privilege to write, and policies that
    // refuse it too. (0006's kept_by_functions, one policy for all, lets a DELETE through: its USING is true.)
    `revoke insert, update, delete, truncate on traject_feit from koers_app`,
    `create policy kept_by_functions_insert on traject_feit as restrictive for insert with check (false)`,
    `create policy kept_by_functions_update on traject_feit as restrictive for update using (false)`,
    `create policy kept_by_functions_delete on traject_feit as restrictive for delete using (false)`,

    // Every traject of some clients of a region, recomputed: the one way the table is written.
    `create function koers_traject_feiten_bijwerken(regio integer, clients integer[]) returns void
       language plpgsql security definer set search_path = public as $$
       begin
         delete from traject_feit where region_id = regio and client_id = any(clients);
         ${build('t.region_id = regio and t.client_id = any(clients)')};
       end
     $$`,
    `revoke all on function koers_traject_feiten_bijwerken(integer, integer[]) from public`,
    ...Object.keys(readColumns).flatMap(keeper),
    // The existing ledger, in one pass; then statistics, so that the reader's plans know the table's size.
    build('true'),
    `analyze traject_feit`,

    `alter function koers_trajecten(date, integer) rename to koers_trajecten_herberekend`,
    `create function koers_trajecten(peildatum date, alleen integer default null, segmenten integer[] default null, aanbieder integer default null) returns table (
         toewijzing_id integer, gemeente_id integer, provider_id integer, segment_id integer, wet text,
         client_key integer, begin_datum date, eind_datum date, reden char(2), per_dag double precision,
         aangevraagd_op date, toegewezen_op date, gestart_op date,
         volgende_begin date, volgende_provider_id integer, volgende_segment_id integer, volgende_per_dag double precision,
         herstart date, doorlopend boolean, metingen jsonb, doelen_t1 jsonb)
       language plpgsql stable security definer set search_path = public as $$
       #variable_conflict use_column
       begin
         -- One query per narrowing, so that each is planned on its own index.
         if alleen is not null then
           ${read('f.toewijzing_id = alleen')};
         elsif segmenten is not null then
           ${read('f.segment_id = any(segmenten) and (aanbieder is null or f.provider_id = aanbieder)')};
         elsif aanbieder is not null then
           ${read('f.provider_id = aanbieder')};
         else
           ${read('true')};
         end if;
       end
     $$`,
    `revoke all on function koers_trajecten(date, integer, integer[], integer) from public`,
    `grant execute on function koers_trajecten(date, integer, integer[], integer) to koers_app`,
  ],
}
