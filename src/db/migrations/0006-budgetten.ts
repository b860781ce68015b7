/**
 * Budgets steered live (issue 6, seed 004 §5.6): what is committed, what is realised, the
 * changes to budgets and the signals raised on them.
 *
 * - `toewijzing_jaar`: per toewijzing and calendar year, the part of its verplichting that
 *   falls in the year and the approved lines (net of credits) declared on it for that year.
 *   The open commitment of a toewijzing is `max(0, verplichting − gerealiseerd)` per year.
 * - `verplichting_jaar`: those rows summed per gemeente, provider, wet, segment, product and
 *   year — verplichting, open commitment, realised on toewijzingen, toewijzingen active —
 *   so that every grouping adds up to the same totals (docs/budgetten.md) and every dashboard
 *   query reads a small table.
 * - `verplichting_maand`: per gemeente, provider, wet, segment and month, the verplichting
 *   falling in the month and the in- and outflow (toewijzingen starting and ending, with their
 *   verplichting and length) that the forecast and the dashboard read.
 *
 * The three are kept by triggers on `toewijzing` (every way a toewijzing is issued, changed,
 * approved or withdrawn) and by `koers_realiseer`, which the declaration's own transaction
 * calls with its approved lines per toewijzing and year. A verplichting is spread over its
 * period by calendar days, rounded so that the parts add up to the whole (`koers_deel`).
 *
 * - `budget_wijziging`: every change to a gemeente or provider budget — who, when, why, from
 *   what to what (issue 6: "with every change kept").
 * - `budget_signaal`: the early warnings and their lifecycle open → erkend → gesloten.
 * - `signaal_instelling`: per region, the margin above pro-rata before a provider is signalled.
 */
import type { Migration } from './index.ts'

const id = 'id integer generated always as identity primary key'
const region = 'region_id integer not null references region (id)'

// Copied from 0005 as it was then: a migration imports nothing but the migration API (ADR 0014).
/** Rows without personal data: region and supervisor read all of the region, a gemeente (and its lokaal team) its own, a provider its own. */
const readScope = (table: string, withProvider = true) => [
  `alter table ${table} enable row level security`,
  `create policy region_scope on ${table}
     using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
  `create policy party_scope on ${table} as restrictive using (
     case koers_role()
       when 'regio' then true
       when 'toezichthouder' then true
       when 'lokaal_team' then gemeente_id = koers_gemeente_id()
       when 'gemeente' then gemeente_id = koers_gemeente_id()
       ${withProvider ? "when 'aanbieder' then provider_id = koers_provider_id()" : ''}
       else false
     end)`,
]

/** Written only by the security-definer functions below (the table owner). */
const keptByFunctions = (table: string) => `create policy kept_by_functions on ${table} as restrictive for all using (true) with check (false)`
/** Written by whoever changed a key's inputs (the region, a gemeente and its lokaal team), within the read scope. */
const writtenByChanges = (table: string) =>
  (['insert', 'update', 'delete'] as const).map((op) =>
    op === 'insert'
      ? `create policy writers_insert on ${table} as restrictive for insert with check (koers_role() in ('regio', 'gemeente', 'lokaal_team'))`
      : `create policy writers_${op} on ${table} as restrictive for ${op} using (koers_role() in ('regio', 'gemeente', 'lokaal_team'))`,
  )

export const budgetten: Migration = {
  name: '0006-budgetten',
  statements: [
    // The part of `total`, spread evenly over the days of [d0, d1], that falls in [p0, p1].
    // Cumulative rounding: the parts of adjacent periods always add up to the whole.
    `create function koers_deel(total bigint, d0 date, d1 date, p0 date, p1 date) returns bigint
       language sql immutable as $$
       select case when d1 < d0 or p1 < d0 or p0 > d1 then 0::bigint else
         (total * (least(d1, p1) - d0 + 1)::bigint) / (d1 - d0 + 1)
         - (total * greatest(0, p0 - d0)::bigint) / (d1 - d0 + 1)
       end
     $$`,
    `create table toewijzing_jaar (
       ${region},
       toewijzing_id integer not null,
       jaar integer not null,
       gemeente_id integer not null,
       provider_id integer not null,
       wet text not null,
       segment_id integer not null,
       product_id integer not null,
       actief boolean not null,
       verplichting_cents bigint not null,
       gerealiseerd_cents bigint not null default 0,
       primary key (toewijzing_id, jaar),
       foreign key (region_id, toewijzing_id) references toewijzing (region_id, id)
     )`,
    `create table verplichting_jaar (
       ${region},
       gemeente_id integer not null,
       provider_id integer not null,
       wet text not null,
       segment_id integer not null,
       product_id integer not null,
       jaar integer not null,
       verplichting_cents bigint not null default 0,
       open_cents bigint not null default 0,
       gerealiseerd_cents bigint not null default 0,
       toewijzingen integer not null default 0,
       primary key (region_id, jaar, gemeente_id, segment_id, provider_id, wet, product_id)
     )`,
    `create table verplichting_maand (
       ${region},
       gemeente_id integer not null,
       provider_id integer not null,
       wet text not null,
       segment_id integer not null,
       maand date not null check (extract(day from maand) = 1),
       verplichting_cents bigint not null default 0,
       nieuw integer not null default 0,
       nieuw_verplichting_cents bigint not null default 0,
       nieuw_dagen bigint not null default 0,
       beeindigd integer not null default 0,
       beeindigd_dagen bigint not null default 0,
       primary key (region_id, maand, gemeente_id, segment_id, provider_id, wet)
     )`,
    // The live figures per key and year (src/budgets/prognose.queries.ts): refreshed by every
    // declaration, toewijzing change and taakgericht payment of the key, and for every key
    // when the month turns; the dashboard sums these rows.
    `create table budget_prognose (
       ${region},
       jaar integer not null,
       gemeente_id integer not null,
       provider_id integer not null,
       wet text not null,
       segment_id integer not null,
       peildatum date not null,
       gerealiseerd_cents bigint not null,
       verplichting_cents bigint not null,
       open_cents bigint not null,
       toewijzingen integer not null,
       verwacht_op_verplichtingen_cents bigint not null,
       verwacht_instroom_cents bigint not null,
       verwacht_taakgericht_cents bigint not null,
       prognose_cents bigint not null,
       benutting numeric not null,
       gerealiseerd_maand bigint[] not null,
       verplichting_maand bigint[] not null,
       prognose_maand bigint[] not null,
       nieuw_maand integer[] not null,
       beeindigd_maand integer[] not null,
       beeindigd_dagen_maand bigint[] not null,
       beeindigd integer not null,
       beeindigd_dagen bigint not null,
       primary key (region_id, jaar, gemeente_id, segment_id, provider_id, wet)
     )`,
    // The same per gemeente, segment and month (providers summed), for the dashboard's months.
    `create table budget_prognose_maand (
       ${region},
       jaar integer not null,
       gemeente_id integer not null,
       segment_id integer not null,
       maand integer not null check (maand between 1 and 12),
       gerealiseerd_cents bigint not null,
       verplichting_cents bigint not null,
       prognose_cents bigint not null,
       nieuw integer not null,
       beeindigd integer not null,
       primary key (region_id, jaar, gemeente_id, segment_id, maand)
     )`,
    // The dashboard reads a region's budgets, realisation and variants of a year.
    `create index verplichting_jaar_year_idx on verplichting_jaar (region_id, jaar)
       include (gemeente_id, segment_id, provider_id, product_id, toewijzingen, verplichting_cents, gerealiseerd_cents)`,
    `create index budget_gemeente_year_idx on budget_gemeente (region_id, valid_from) include (valid_to, gemeente_id, segment_id, amount_cents)`,
    `create index budget_provider_year_idx on budget_provider (region_id, valid_from) include (valid_to, gemeente_id, provider_id, segment_id, amount_cents)`,
    `create index realisatie_maand_region_idx on realisatie_maand (region_id, maand)`,
    // A gemeente's year (its Iv3 taakveld totals): read from the index alone; the columns that
    // row-level security reads are included, or PostgreSQL must visit the table for them.
    `create index realisatie_maand_gemeente_idx on realisatie_maand (region_id, gemeente_id, maand)
       include (provider_id, segment_id, wet, product_id, debet_cents, credit_cents)`,

    // Adds (sign 1) or removes (sign -1) what one toewijzing row contributes.
    `create function koers_toewijzing_bijdrage(t toewijzing, sign integer) returns void
       language plpgsql security definer set search_path = public as $$
       declare
         telt boolean := t.status = 'actief' and t.reden_wijziging is distinct from '13';
         dagen integer := t.einddatum - t.ingangsdatum + 1;
         y integer;
         m date;
         v bigint;
         oud toewijzing_jaar;
         nieuw_v bigint;
         nieuw_actief boolean;
       begin
         for y in select generate_series(extract(year from t.ingangsdatum)::int, extract(year from t.einddatum)::int) loop
           v := case when telt then koers_deel(t.verplichting_cents, t.ingangsdatum, t.einddatum, make_date(y, 1, 1), make_date(y, 12, 31)) else 0 end;
           select * into oud from toewijzing_jaar where toewijzing_id = t.id and jaar = y for update;
           if not found then
             oud := row(t.region_id, t.id, y, t.gemeente_id, t.provider_id, t.wet, t.segment_id, t.product_id, false, 0, 0)::toewijzing_jaar;
           end if;
           nieuw_v := oud.verplichting_cents + sign * v;
           nieuw_actief := case when sign > 0 then telt else false end;
           insert into toewijzing_jaar values (t.region_id, t.id, y, t.gemeente_id, t.provider_id, t.wet, t.segment_id, t.product_id, nieuw_actief, nieuw_v, oud.gerealiseerd_cents)
             on conflict (toewijzing_id, jaar) do update set verplichting_cents = excluded.verplichting_cents, actief = excluded.actief;
           insert into verplichting_jaar as a (region_id, gemeente_id, provider_id, wet, segment_id, product_id, jaar, verplichting_cents, open_cents, gerealiseerd_cents, toewijzingen)
             values (t.region_id, t.gemeente_id, t.provider_id, t.wet, t.segment_id, t.product_id, y, nieuw_v - oud.verplichting_cents,
                     greatest(0, nieuw_v - oud.gerealiseerd_cents) - greatest(0, oud.verplichting_cents - oud.gerealiseerd_cents), 0,
                     nieuw_actief::int - oud.actief::int)
             on conflict (region_id, jaar, gemeente_id, segment_id, provider_id, wet, product_id) do update set
               verplichting_cents = a.verplichting_cents + excluded.verplichting_cents,
               open_cents = a.open_cents + excluded.open_cents,
               toewijzingen = a.toewijzingen + excluded.toewijzingen;
         end loop;
         if not telt then return; end if;
         for m in select generate_series(date_trunc('month', t.ingangsdatum), t.einddatum, interval '1 month')::date loop
           insert into verplichting_maand as a (region_id, gemeente_id, provider_id, wet, segment_id, maand, verplichting_cents)
             values (t.region_id, t.gemeente_id, t.provider_id, t.wet, t.segment_id, m,
                     sign * koers_deel(t.verplichting_cents, t.ingangsdatum, t.einddatum, m, (m + interval '1 month' - interval '1 day')::date))
             on conflict (region_id, maand, gemeente_id, segment_id, provider_id, wet) do update set
               verplichting_cents = a.verplichting_cents + excluded.verplichting_cents;
         end loop;
         -- Inflow in the month it starts; outflow in the month it ends (with its length in days).
         insert into verplichting_maand as a (region_id, gemeente_id, provider_id, wet, segment_id, maand, nieuw, nieuw_verplichting_cents, nieuw_dagen)
           values (t.region_id, t.gemeente_id, t.provider_id, t.wet, t.segment_id, date_trunc('month', t.ingangsdatum)::date, sign, sign * t.verplichting_cents, sign * dagen)
           on conflict (region_id, maand, gemeente_id, segment_id, provider_id, wet) do update set
             nieuw = a.nieuw + excluded.nieuw,
             nieuw_verplichting_cents = a.nieuw_verplichting_cents + excluded.nieuw_verplichting_cents,
             nieuw_dagen = a.nieuw_dagen + excluded.nieuw_dagen;
         insert into verplichting_maand as a (region_id, gemeente_id, provider_id, wet, segment_id, maand, beeindigd, beeindigd_dagen)
           values (t.region_id, t.gemeente_id, t.provider_id, t.wet, t.segment_id, date_trunc('month', t.einddatum)::date, sign, sign * dagen)
           on conflict (region_id, maand, gemeente_id, segment_id, provider_id, wet) do update set
             beeindigd = a.beeindigd + excluded.beeindigd,
             beeindigd_dagen = a.beeindigd_dagen + excluded.beeindigd_dagen;
       end
     $$`,
    `create function koers_toewijzing_bijgewerkt() returns trigger
       language plpgsql security definer set search_path = public as $$
       begin
         if tg_op in ('UPDATE', 'DELETE') then perform koers_toewijzing_bijdrage(old, -1); end if;
         if tg_op in ('INSERT', 'UPDATE') then perform koers_toewijzing_bijdrage(new, 1); end if;
         return null;
       end
     $$`,
    `create trigger toewijzing_verplichting after insert or update of status, reden_wijziging, ingangsdatum, einddatum, verplichting_cents or delete
       on toewijzing for each row execute function koers_toewijzing_bijgewerkt()`,
    // A declaration's approved lines (net of credits) per toewijzing and year, called by its
    // own transaction: only toewijzingen of the caller's region and gemeente are touched.
    `create function koers_realiseer(ids integer[], jaren integer[], bedragen bigint[]) returns void
       language sql security definer set search_path = public as $$
       with regels as (
         select i.id, i.jaar, sum(i.bedrag)::bigint as bedrag
         from unnest(ids, jaren, bedragen) as i (id, jaar, bedrag)
         group by i.id, i.jaar
       ), bijgewerkt as (
         update toewijzing_jaar tj set gerealiseerd_cents = tj.gerealiseerd_cents + r.bedrag
         from regels r
         where tj.toewijzing_id = r.id and tj.jaar = r.jaar and tj.region_id = koers_region_id()
           and (koers_gemeente_id() is null or tj.gemeente_id = koers_gemeente_id())
         returning tj.*, r.bedrag
       )
       insert into verplichting_jaar as a (region_id, gemeente_id, provider_id, wet, segment_id, product_id, jaar, open_cents, gerealiseerd_cents)
       select b.region_id, b.gemeente_id, b.provider_id, b.wet, b.segment_id, b.product_id, b.jaar,
              sum(greatest(0, b.verplichting_cents - b.gerealiseerd_cents) - greatest(0, b.verplichting_cents - (b.gerealiseerd_cents - b.bedrag)))::bigint,
              sum(b.bedrag)::bigint
       from bijgewerkt b
       group by b.region_id, b.gemeente_id, b.provider_id, b.wet, b.segment_id, b.product_id, b.jaar
       on conflict (region_id, jaar, gemeente_id, segment_id, provider_id, wet, product_id) do update set
         open_cents = a.open_cents + excluded.open_cents,
         gerealiseerd_cents = a.gerealiseerd_cents + excluded.gerealiseerd_cents
     $$`,
    `revoke all on function koers_realiseer(integer[], integer[], bigint[]) from public`,
    `grant execute on function koers_realiseer(integer[], integer[], bigint[]) to koers_app`,
    `revoke all on function koers_toewijzing_bijdrage(toewijzing, integer) from public`,
    ...['toewijzing_jaar', 'verplichting_jaar', 'verplichting_maand'].flatMap((t) => [...readScope(t), keptByFunctions(t)]),
    ...readScope('budget_prognose'),
    ...writtenByChanges('budget_prognose'),
    ...readScope('budget_prognose_maand', false),
    ...writtenByChanges('budget_prognose_maand'),

    // Regional totals per segment for a gemeente's user, who reads only its own rows (sums, no persons).
    `create function koers_regio_segment_totalen(jaar_ integer) returns table (
         segment_id integer, gerealiseerd_cents bigint, verplichting_cents bigint, open_cents bigint, prognose_cents bigint, toewijzingen integer)
       language sql stable security definer set search_path = public as $$
       select p.segment_id, sum(p.gerealiseerd_cents)::bigint, sum(p.verplichting_cents)::bigint, sum(p.open_cents)::bigint, sum(p.prognose_cents)::bigint, sum(p.toewijzingen)::int
       from budget_prognose p where p.region_id = koers_region_id() and p.jaar = jaar_
       group by p.segment_id
     $$`,
    `revoke all on function koers_regio_segment_totalen(integer) from public`,
    `grant execute on function koers_regio_segment_totalen(integer) to koers_app`,

    `create table budget_wijziging (
       ${id}, ${region},
       soort text not null check (soort in ('gemeente', 'aanbieder')),
       gemeente_id integer not null,
       provider_id integer,
       segment_id integer not null,
       jaar integer not null,
       oud_cents bigint,
       nieuw_cents bigint not null,
       reden text not null,
       door integer,
       door_naam text not null,
       op timestamptz not null default now(),
       check ((soort = 'aanbieder') = (provider_id is not null))
     )`,
    `create index budget_wijziging_key_idx on budget_wijziging (region_id, jaar, gemeente_id, segment_id)`,
    ...readScope('budget_wijziging'),
    `create policy kept on budget_wijziging as restrictive for delete using (false)`,
    `create policy kept_unchanged on budget_wijziging as restrictive for update using (false)`,

    `create table signaal_instelling (
       region_id integer primary key references region (id),
       marge_pct integer not null default 0 check (marge_pct between 0 and 100),
       gewijzigd_door integer,
       gewijzigd_op timestamptz not null default now()
     )`,
    `alter table signaal_instelling enable row level security`,
    `create policy region_scope on signaal_instelling
       using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
    `create policy regio_writes on signaal_instelling as restrictive for insert with check (koers_role() = 'regio')`,
    `create policy regio_updates on signaal_instelling as restrictive for update using (koers_role() = 'regio')`,

    `create table budget_signaal (
       ${id}, ${region},
       soort text not null check (soort in ('voor_op_budget', 'prognose_boven_budget', 'plafond_bereikt')),
       jaar integer not null,
       gemeente_id integer,
       provider_id integer,
       segment_id integer not null,
       status text not null default 'open' check (status in ('open', 'erkend', 'gesloten')),
       titel text not null,
       bewijs jsonb not null,
       actueel boolean not null default true,
       geopend_op timestamptz not null default now(),
       bijgewerkt_op timestamptz not null default now(),
       eigenaar integer,
       erkend_door integer,
       erkend_op timestamptz,
       erkend_notitie text,
       gesloten_door integer,
       gesloten_op timestamptz,
       gesloten_notitie text,
       check (status = 'open' or (eigenaar is not null and erkend_op is not null and erkend_notitie <> '')),
       check (status <> 'gesloten' or (gesloten_op is not null and gesloten_notitie <> '')),
       unique nulls not distinct (region_id, soort, jaar, gemeente_id, provider_id, segment_id),
       unique (region_id, id)
     )`,
    `create index budget_signaal_year_idx on budget_signaal (region_id, jaar, geopend_op)`,
    `alter table budget_signaal enable row level security`,
    `create policy region_scope on budget_signaal
       using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
    // A gemeente sees its own signals and the regional ones; it acts on its own only.
    `create policy party_scope on budget_signaal as restrictive using (
       case koers_role()
         when 'regio' then true
         when 'toezichthouder' then true
         when 'gemeente' then gemeente_id is null or gemeente_id = koers_gemeente_id()
         else false
       end)`,
    `create policy acts_on_own on budget_signaal as restrictive for update using (
       koers_role() = 'regio' or (koers_role() = 'gemeente' and gemeente_id = koers_gemeente_id()))`,
    `create policy raised_by_region on budget_signaal as restrictive for insert with check (koers_role() = 'regio')`,
    `create policy kept on budget_signaal as restrictive for delete using (false)`,
  ],
}
