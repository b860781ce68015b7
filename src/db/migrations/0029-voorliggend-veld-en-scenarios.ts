/**
 * The voorliggend veld in the budget and the kept what-if scenarios (issue 22, ADR 0034).
 *
 * - `voorliggend_budget`: per gemeente, year and wet, a budget line for a collective
 *   provision, groepsaanbod, a subsidy or a taakgericht lump sum to a welfare organisation,
 *   beside the maatwerk segments' budgets (`budget_gemeente`), with its realisation entered or
 *   imported. The share of the social-domain budget that goes to the voorliggend veld is a KPI
 *   (kpi.rules.ts `aandeel_voorliggend`) built from these lines and the segments' budgets.
 * - `scenario`: a named set of levers with a start date, kept with the model version it was
 *   computed with and its outcome, so that a year later it can be held against what happened.
 *   A scenario of one gemeente carries its id; a region-wide one none.
 *
 * Row-level security: the region reads and writes all of its region's rows, a gemeente (and its
 * lokaal team, reading) its own, the toezichthouder reads and never writes; providers nothing.
 */
import type { Migration } from './index.ts'

const id = 'id integer generated always as identity primary key'
const region = 'region_id integer not null references region (id)'

// Copied from 0002 and 0006 as they were then: a migration imports nothing but the migration API (ADR 0014).
const policies = (table: string) => [
  `alter table ${table} enable row level security`,
  `create policy region_scope on ${table}
     using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
  `create policy party_scope on ${table} as restrictive using (
     case koers_role()
       when 'regio' then true
       when 'toezichthouder' then true
       when 'gemeente' then gemeente_id = koers_gemeente_id()
       when 'lokaal_team' then gemeente_id = koers_gemeente_id()
       else false
     end)`,
  `create policy writers_insert on ${table} as restrictive for insert with check (koers_role() in ('regio', 'gemeente'))`,
  `create policy writers_update on ${table} as restrictive for update using (koers_role() in ('regio', 'gemeente'))`,
  `create policy writers_delete on ${table} as restrictive for delete using (koers_role() in ('regio', 'gemeente'))`,
]

export const voorliggendVeldEnScenarios: Migration = {
  name: '0029-voorliggend-veld-en-scenarios',
  statements: [
    `create table voorliggend_budget (
       ${id}, ${region},
       gemeente_id integer not null,
       jaar integer not null check (jaar between 2000 and 2100),
       wet text not null check (wet in ('jeugdwet', 'wmo')),
       soort text not null check (soort in ('collectieve_voorziening', 'groepsaanbod', 'subsidie', 'taakgericht')),
       organisatie text not null check (length(organisatie) between 1 and 200),
       omschrijving text not null default '',
       budget_cents bigint not null check (budget_cents >= 0),
       realisatie_cents bigint check (realisatie_cents >= 0),
       realisatie_bron text check (realisatie_bron in ('invoer', 'import')),
       gewijzigd_door integer,
       gewijzigd_op timestamptz not null default now(),
       check ((realisatie_cents is null) = (realisatie_bron is null)),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id),
       constraint voorliggend_budget_key unique (region_id, gemeente_id, jaar, wet, soort, organisatie)
     )`,
    `create index voorliggend_budget_year_idx on voorliggend_budget (region_id, jaar)`,
    ...policies('voorliggend_budget'),

    `create table scenario (
       ${id}, ${region},
       gemeente_id integer,
       segment_id integer not null,
       naam text not null check (length(naam) between 1 and 200),
       hefbomen jsonb not null,
       startdatum date not null,
       jaren integer not null check (jaren between 1 and 5),
       modelversie text not null,
       peildatum date not null,
       uitkomst jsonb not null,
       aangemaakt_door integer,
       aangemaakt_door_naam text not null,
       aangemaakt_op timestamptz not null default now(),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id),
       foreign key (region_id, segment_id) references segment (region_id, id)
     )`,
    `create index scenario_region_idx on scenario (region_id, segment_id)`,
    // A region-wide scenario (no gemeente) holds every gemeente's figures: the region's and the supervisor's only.
    ...policies('scenario'),
    // A kept scenario is a record: it is not changed afterwards.
    `create policy kept_unchanged on scenario as restrictive for update using (false)`,
  ],
}
