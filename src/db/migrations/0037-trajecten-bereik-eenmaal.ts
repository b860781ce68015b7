/**
 * `koers_trajecten` reads the caller's scope once per call (issue 19 §5). Its queries (0025) named
 * `koers_role()`, `koers_region_id()`, `koers_gemeente_id()` and `koers_provider_id()` in their
 * filter, and the role and the gemeente and provider are not in the index condition, so each row the
 * bitmap scan returned called them again — four reads of a setting per traject: for the two
 * segments of the largest region's largest provider (18,593 trajecten) 37.7 ms against 5.4 ms for
 * the same rows without them (EXPLAIN ANALYZE on the national bench database). They are now
 * PL/pgSQL variables set once when the function begins, and the queries compare with those; the
 * settings cannot change while the function runs, so every caller reads the same rows as before
 * (the property test of the kept facts compares every role with the recomputation). The return
 * type is the same, so the function is replaced in place and keeps its privileges (0025's revoke
 * and grant); everything else is 0025's reader unchanged.
 */
import type { Migration } from './index.ts'

// Copied from 0025 (a migration imports nothing but the migration API, ADR 0014); the caller's scope from variables set once per call.
const eigen = (column: string) => `case when s.eigen then f.eigen_${column} else f.${column} end`

/** The reader's query over the kept rows that pass `where` (alias f). */
const read = (where: string) => `return query
         select x.toewijzing_id, x.gemeente_id, x.provider_id, x.segment_id, x.wet, x.client_id,
                x.begin_datum, x.eind_datum, x.reden, x.per_dag, x.aangevraagd_op, x.toegewezen_op, x.gestart_op,
                case when x.vb <= peildatum then x.vb end, case when x.vb <= peildatum then x.vp end,
                case when x.vb <= peildatum then x.vs end, case when x.vb <= peildatum then x.vd end,
                case when x.h <= peildatum then x.h end, coalesce(x.d <= peildatum, false),
                x.metingen, x.doelen_t1
         from (
           select f.*, ${eigen('volgende_begin')} as vb, ${eigen('volgende_provider_id')} as vp, ${eigen('volgende_segment_id')} as vs,
                  ${eigen('volgende_per_dag')} as vd, ${eigen('herstart')} as h, ${eigen('doorlopend_vanaf')} as d
           from traject_feit f, (select mijn_rol in ('gemeente', 'lokaal_team') as eigen) s
           where f.region_id = mijn_regio and f.begin_datum <= peildatum and ${where}
             and (mijn_rol not in ('gemeente', 'lokaal_team') or f.gemeente_id = mijn_gemeente)
             and (mijn_rol <> 'aanbieder' or f.provider_id = mijn_aanbieder)
         ) x`

export const trajectenBereikEenmaal: Migration = {
  name: '0037-trajecten-bereik-eenmaal',
  statements: [
    `create or replace function koers_trajecten(peildatum date, alleen integer default null, segmenten integer[] default null, aanbieder integer default null) returns table (
         toewijzing_id integer, gemeente_id integer, provider_id integer, segment_id integer, wet text,
         client_id integer, begin_datum date, eind_datum date, reden char(2), per_dag double precision,
         aangevraagd_op date, toegewezen_op date, gestart_op date,
         volgende_begin date, volgende_provider_id integer, volgende_segment_id integer, volgende_per_dag double precision,
         herstart date, doorlopend boolean, metingen jsonb, doelen_t1 jsonb)
       language plpgsql stable security definer set search_path = public set enable_indexscan = off as $$
       #variable_conflict use_column
       declare
         -- The caller's scope, read once per call: in the query's filter they were read per row.
         mijn_regio integer := koers_region_id();
         mijn_rol text := koers_role();
         mijn_gemeente integer := koers_gemeente_id();
         mijn_aanbieder integer := koers_provider_id();
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
  ],
}
