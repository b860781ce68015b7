/**
 * The reader of the kept traject facts without ranking the clients, on a bitmap scan (issue 19 §5, ADR 0030).
 *
 * `koers_trajecten` (0023) numbered the clients of each call with `dense_rank() over (order by
 * client_id)`: a sort of every row it returns, jsonb and all, before the first row left the
 * function — for the largest region's largest segment (9,293 trajecten) most of the function's
 * time. It now returns the stored `client_id` as it is, in the order the rows are read. The id
 * is an internal key of a table the region's team cannot read (0004's policies); the reader
 * (src/kpis/traject.queries.ts) still numbers the clients per call, so nothing outside the call
 * holds the id. The return type changes (the column is `client_id` now), so the function is
 * dropped and created again.
 *
 * It also reads the kept rows with a bitmap scan (`enable_indexscan = off` while it runs): the
 * rows of one segment or provider lie among all the pages of their region (the triggers write a
 * client's trajecten together), so an index scan visits a heap page per row — 9,300 visits for
 * the largest segment, 2.4 % of a sequential scan of declaratie_regel — where a bitmap scan
 * visits each page once (about 1,170). The planner picks the index scan because the region,
 * the index's first column, follows the table's order. A covering index would have to carry the
 * jsonb measurements (an index row has a size limit a client's measurements could pass, failing
 * the ledger's write) and copy the table; clustering it by segment would decay with every write.
 * Everything else is 0023's reader unchanged.
 */
import type { Migration } from './index.ts'

// Copied from 0023 as it was then (a migration imports nothing but the migration API, ADR 0014), without the dense_rank.
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
           from traject_feit f, (select koers_role() in ('gemeente', 'lokaal_team') as eigen) s
           where f.region_id = koers_region_id() and f.begin_datum <= peildatum and ${where}
             and (koers_role() not in ('gemeente', 'lokaal_team') or f.gemeente_id = koers_gemeente_id())
             and (koers_role() <> 'aanbieder' or f.provider_id = koers_provider_id())
         ) x`

export const trajectenZonderRang: Migration = {
  name: '0025-trajecten-zonder-rang',
  statements: [
    `drop function koers_trajecten(date, integer, integer[], integer)`,
    `create function koers_trajecten(peildatum date, alleen integer default null, segmenten integer[] default null, aanbieder integer default null) returns table (
         toewijzing_id integer, gemeente_id integer, provider_id integer, segment_id integer, wet text,
         client_id integer, begin_datum date, eind_datum date, reden char(2), per_dag double precision,
         aangevraagd_op date, toegewezen_op date, gestart_op date,
         volgende_begin date, volgende_provider_id integer, volgende_segment_id integer, volgende_per_dag double precision,
         herstart date, doorlopend boolean, metingen jsonb, doelen_t1 jsonb)
       language plpgsql stable security definer set search_path = public set enable_indexscan = off as $$
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
