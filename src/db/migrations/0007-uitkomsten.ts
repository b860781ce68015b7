/**
 * Outcomes, KPIs and the strategy's targets (issue 7, docs/uitkomsten.md, ADR 0011).
 *
 * - `uitkomst_meting`: the outcome of a traject (a toewijzing) measured at T1 (start), T2 (end)
 *   and T3 (some months after) — seed 002, fase 4: "meting nodig bij start traject (T1) en
 *   einde traject (T2) en eventueel na afloopt (T3)". Doelrealisatie per goal of the
 *   beschikking, satisfaction, self-reliance per life domain (1–5), whether the client can go
 *   on without help and what follows. Personal data: a gemeente's roles see their own
 *   residents, a provider its own clients. The lokaal team records every moment; a provider
 *   T1 and T2 of its own clients (T3 comes after its care ended).
 * - `strategie_doel`: a target of a segment on one KPI — baseline period and value, target
 *   value and date, direction. No personal data: everyone in the region reads them, the
 *   region's team sets them.
 * - `budget_signaal` also carries `doel_niet_op_koers`: a target whose live KPI is off its path.
 * - `koers_trajecten`: every traject of the caller's scope (or one) with the facts the KPIs are
 *   defined on (src/kpis/kpi.rules.ts). It is a definer function because a traject's
 *   follow-up (a switch, scaling down, re-entry) may lie with another provider the caller may
 *   not read; it returns those as facts of the caller's own trajecten, and a client only as a
 *   number that means nothing outside the call.
 * - The segment's leveranciersmanagement instrument no longer holds free-form KPI targets (issue
 *   1): those are strategy targets now; it names the KPIs of its scorecard and when T3 is due.
 */
import type { Migration } from './index.ts'

const id = 'id integer generated always as identity primary key'
const region = 'region_id integer not null references region (id)'

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

/** The scorecard existing segments get (a snapshot of kpi.rules.ts' defaultScorecard when this migration was written). */
const scorecardAtMigration = ['in_zorg', 'instroom', 'uitstroom', 'duur_gemiddeld', 'kosten_per_client', 'volgens_plan', 'uitval', 'heraanmelding', 'afschaling', 'doelrealisatie', 'tevredenheid']

export const uitkomsten: Migration = {
  name: '0007-uitkomsten',
  statements: [
    `update segment set leveranciersmanagement = (leveranciersmanagement - 'kpis')
       || jsonb_build_object('scorecard', '${JSON.stringify(scorecardAtMigration)}'::jsonb, 't3Months', 6)`,

    // A provider reads the beschikking (its goals) of its own clients' toewijzingen, as it reads
    // the clients themselves (0004): it scores the goals at T2.
    `drop policy party_scope on beschikking`,
    `create policy party_scope on beschikking as restrictive using (
       case koers_role()
         when 'lokaal_team' then gemeente_id = koers_gemeente_id()
         when 'gemeente' then gemeente_id = koers_gemeente_id()
         when 'aanbieder' then exists (
           select 1 from toewijzing t where t.region_id = beschikking.region_id and t.beschikking_id = beschikking.id
             and t.provider_id = koers_provider_id() and t.status = 'actief')
         when 'toezichthouder' then true
         else false
       end)`,
    `create table uitkomst_meting (
       ${id}, ${region},
       gemeente_id integer not null,
       provider_id integer not null,
       client_id integer not null,
       toewijzing_id integer not null,
       moment text not null check (moment in ('T1', 'T2', 'T3')),
       gemeten_op date not null,
       doelen jsonb not null default '[]',
       zelfredzaamheid jsonb not null default '{}',
       tevredenheid smallint check (tevredenheid between 1 and 5),
       zonder_hulp text check (zonder_hulp in ('ja', 'deels', 'nee')),
       vervolg text check (vervolg in ('geen', 'voorliggend', 'aanvullend')),
       toelichting text not null default '',
       bron text not null check (bron in ('lokaal_team', 'aanbieder')),
       vastgelegd_door integer,
       vastgelegd_op timestamptz not null default now(),
       -- T1 is the starting point: results, satisfaction and what follows belong to T2 and T3.
       check (moment <> 'T1' or (doelen = '[]' and tevredenheid is null and zonder_hulp is null and vervolg is null)),
       check (moment <> 'T3' or bron = 'lokaal_team'),
       unique (region_id, toewijzing_id, moment),
       foreign key (region_id, toewijzing_id) references toewijzing (region_id, id),
       foreign key (region_id, client_id) references client (region_id, id)
     )`,
    `create index uitkomst_meting_party_idx on uitkomst_meting (region_id, gemeente_id, provider_id)`,
    ...personalReadScope('uitkomst_meting', true),
    // Recorded by the lokaal team (every moment) and by the provider (T1 and T2 of its own).
    ...(['insert', 'update'] as const).map(
      (op) => `create policy recorded_by_${op} on uitkomst_meting as restrictive for ${op}
         ${op === 'insert' ? 'with check' : 'using'} (koers_role() = 'lokaal_team' or (koers_role() = 'aanbieder' and moment <> 'T3'))`,
    ),
    `create policy kept on uitkomst_meting as restrictive for delete using (false)`,

    `create table strategie_doel (
       ${id}, ${region},
       segment_id integer not null,
       kpi text not null check (kpi ~ '^[a-z_]{2,40}$'),
       naam text not null check (naam <> ''),
       basis_van date not null,
       basis_tot date not null,
       basis_waarde double precision not null,
       doel_waarde double precision not null,
       doel_relatief_pct double precision,
       doel_datum date not null,
       richting text not null check (richting in ('omlaag', 'omhoog')),
       bron text not null default '',
       actief boolean not null default true,
       aangemaakt_door integer,
       aangemaakt_op timestamptz not null default now(),
       check (basis_tot >= basis_van and doel_datum > basis_tot),
       unique (region_id, id),
       foreign key (region_id, segment_id) references segment (region_id, id)
     )`,
    `alter table strategie_doel enable row level security`,
    `create policy region_scope on strategie_doel
       using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
    ...(['insert', 'update'] as const).map(
      (op) => `create policy set_by_region_${op} on strategie_doel as restrictive for ${op}
         ${op === 'insert' ? 'with check' : 'using'} (koers_role() = 'regio')`,
    ),
    `create policy kept on strategie_doel as restrictive for delete using (false)`,

    // A target off its path is a signal with the same follow-up as a budget's.
    `alter table budget_signaal add column doel_id integer`,
    `alter table budget_signaal add foreign key (region_id, doel_id) references strategie_doel (region_id, id)`,
    `alter table budget_signaal drop constraint budget_signaal_soort_check`,
    `alter table budget_signaal add constraint budget_signaal_soort_check
       check (soort in ('voor_op_budget', 'prognose_boven_budget', 'plafond_bereikt', 'doel_niet_op_koers'))`,
    `alter table budget_signaal add check ((soort = 'doel_niet_op_koers') = (doel_id is not null))`,
    `do $$ declare c text; begin
       select conname into c from pg_constraint
        where conrelid = 'budget_signaal'::regclass and contype = 'u' and pg_get_constraintdef(oid) like '%soort%';
       execute format('alter table budget_signaal drop constraint %I', c);
     end $$`,
    `alter table budget_signaal add constraint budget_signaal_key
       unique nulls not distinct (region_id, soort, jaar, gemeente_id, provider_id, segment_id, doel_id)`,

    `create type koers_traject_kort as (id integer, begin_datum date, eind_datum date, provider_id integer, segment_id integer, per_dag double precision)`,
    // Written to need no table statistics (PGlite has no autovacuum): every lookup goes by an
    // index, and a traject meets its client's other trajecten in an array, not in a join.
    `create function koers_trajecten(peildatum date, alleen integer default null) returns table (
         toewijzing_id integer, gemeente_id integer, provider_id integer, segment_id integer, wet text,
         client_key integer, begin_datum date, eind_datum date, reden char(2), per_dag double precision,
         aangevraagd_op date, toegewezen_op date, gestart_op date,
         volgende_begin date, volgende_provider_id integer, volgende_segment_id integer, volgende_per_dag double precision,
         herstart date, doorlopend boolean, metingen jsonb, doelen_t1 jsonb)
       language sql stable security definer set search_path = public as $$
       with t as (
         select t.id, t.gemeente_id, t.provider_id, t.segment_id, t.wet, t.client_id, t.beschikking_id, t.request_id,
                coalesce(s.begindatum, t.ingangsdatum) as begin_datum,
                greatest(coalesce(s.begindatum, t.ingangsdatum), least(coalesce(x.einddatum, t.einddatum), t.einddatum)) as eind_datum,
                x.reden_beeindiging as reden,
                t.verplichting_cents::float8 / (t.einddatum - t.ingangsdatum + 1) as per_dag,
                (select v.toewijzing_datum from toewijzing_version v where v.toewijzing_id = t.id and v.version = 1) as toegewezen_op,
                s.begindatum as gestart_op
         from toewijzing t
         left join lateral (
           select min(cs.begindatum) as begindatum from care_start cs
           where cs.region_id = t.region_id and cs.toewijzing_id = t.id and cs.removed_by_message_id is null) s on true
         -- The definitive stop (20 is a temporary one; TR415 allows one definitive per start).
         left join lateral (
           select cx.einddatum, cx.reden_beeindiging from care_stop cx
           where cx.region_id = t.region_id and cx.toewijzing_id = t.id and cx.removed_by_message_id is null and cx.reden_beeindiging <> '20'
           order by cx.einddatum desc limit 1) x on true
         where t.region_id = koers_region_id() and t.status = 'actief' and t.reden_wijziging is distinct from '13'
           -- A gemeente pairs its own residents' trajecten (woonplaatsbeginsel: after a move the
           -- new gemeente's care is a new start there); a provider's need every provider's.
           and (koers_role() not in ('gemeente', 'lokaal_team') or t.gemeente_id = koers_gemeente_id())
           -- One traject (alleen): its client's trajecten are enough to pair it.
           and (alleen is null or t.client_id = (select client_id from toewijzing where id = alleen))
       ), w as (
         select t.*, array_agg(row(t.id, t.begin_datum, t.eind_datum, t.provider_id, t.segment_id, t.per_dag)::koers_traject_kort)
                       over (partition by t.client_id, t.wet) as familie
         from t where t.begin_datum <= peildatum
       )
       select w.id, w.gemeente_id, w.provider_id, w.segment_id, w.wet,
              dense_rank() over (order by w.client_id)::int,
              w.begin_datum, w.eind_datum, w.reden, w.per_dag,
              r.received_on, w.toegewezen_op, w.gestart_op,
              v.begin_datum, v.provider_id, v.segment_id, v.per_dag,
              (select min(f.begin_datum) from unnest(w.familie) f where f.id <> w.id and f.begin_datum > w.eind_datum),
              coalesce((select bool_or(f.begin_datum <= w.eind_datum + 1 and f.eind_datum > w.eind_datum) from unnest(w.familie) f where f.id <> w.id), false),
              coalesce((select jsonb_object_agg(m.moment, jsonb_build_object(
                  'gemetenOp', m.gemeten_op, 'doelen', m.doelen, 'zelfredzaamheid', m.zelfredzaamheid,
                  'tevredenheid', m.tevredenheid, 'zonderHulp', m.zonder_hulp, 'vervolg', m.vervolg))
                from uitkomst_meting m where m.region_id = koers_region_id() and m.toewijzing_id = w.id), '{}'),
              (select coalesce(jsonb_agg(jsonb_build_object('domain', g ->> 'domain', 't1', (g ->> 't1')::int)), '[]')
                 from beschikking b, jsonb_array_elements(b.goals) g where b.region_id = koers_region_id() and b.id = w.beschikking_id)
       from w
       -- The follow-up: the first other traject that begins after this one began, at most 31 days after it ended.
       left join lateral (
         select f.* from unnest(w.familie) f
         where f.id <> w.id and f.begin_datum > w.begin_datum and f.begin_datum <= w.eind_datum + 31
         order by f.begin_datum, f.id limit 1) v on true
       left join care_request r on r.region_id = koers_region_id() and r.id = w.request_id
       where (koers_role() not in ('gemeente', 'lokaal_team') or w.gemeente_id = koers_gemeente_id())
         and (koers_role() <> 'aanbieder' or w.provider_id = koers_provider_id())
         and (alleen is null or w.id = alleen)
     $$`,
    `revoke all on function koers_trajecten(date, integer) from public`,
    `grant execute on function koers_trajecten(date, integer) to koers_app`,
  ],
}
