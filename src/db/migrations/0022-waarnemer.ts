/**
 * Observer mode (issue 23, ADR 0028). A region that keeps its back office as the party that
 * answers providers lets Koers watch the traffic instead of answering it:
 * - `region_berichtenrol`: the region's setting, one row or none (then Koers answers, as
 *   before). Only the region's team (role `regio`) writes it.
 * - `message.modus`: the mode in which each message was taken in, so a region can switch
 *   without losing which messages Koers answered itself and which it only observed.
 * - `archief_onverwerkt`: what an archive import could not match or apply, with the reason in
 *   Dutch and a stable reason code; never dropped silently. Keyed by the bytes' SHA-256, so the
 *   same archive imported twice lists each message once. Personal data stays out: a row names
 *   the message (code, identification, sender) and the file in the archive, not the client.
 * - `declaratie_regel.koers_goedgekeurd`: in observer mode the 325 decides a prestatie's
 *   verdict (`goedgekeurd`); what Koers' own rules said is kept beside it for the second opinion.
 * - `koers_tweede_mening()`: per declaration answered by the back office, the lines on which
 *   it and the standard disagree and the dates of 323 and 325 — no client, so the region's team
 *   (which may not read declaration lines) gets it too; a gemeente its own, a provider its own.
 */
import type { Migration } from './index.ts'

export const waarnemer: Migration = {
  name: '0022-waarnemer',
  statements: [
    `create table region_berichtenrol (
       region_id integer primary key references region (id),
       modus text not null check (modus in ('antwoordend', 'waarnemend')),
       changed_by integer,
       changed_at timestamptz not null default now()
     )`,
    `alter table region_berichtenrol enable row level security`,
    `create policy region_scope on region_berichtenrol
       using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
    `create policy regio_writes on region_berichtenrol as restrictive for insert with check (koers_role() = 'regio')`,
    `create policy regio_updates on region_berichtenrol as restrictive for update using (koers_role() = 'regio')`,
    `create policy regio_deletes on region_berichtenrol as restrictive for delete using (koers_role() = 'regio')`,
    `alter table message add column modus text not null default 'antwoordend' check (modus in ('antwoordend', 'waarnemend'))`,
    `alter table declaratie_regel add column koers_goedgekeurd boolean`,
    `create function koers_tweede_mening() returns table (
         declaratie_id integer, gemeente_id integer, provider_id integer, wet text, maand date,
         ontvangen date, beantwoord date,
         afgewezen_regels integer, afgewezen_cents bigint, goedgekeurd_regels integer, goedgekeurd_cents bigint)
       language sql stable security definer set search_path = public as $$
       select d.id, d.gemeente_id, d.provider_id, d.wet, d.periode_begin, heen.dagtekening, antwoord.dagtekening,
              count(*) filter (where r.koers_goedgekeurd and not r.goedgekeurd)::int,
              coalesce(sum(r.bedrag_cents) filter (where r.koers_goedgekeurd and not r.goedgekeurd), 0)::bigint,
              count(*) filter (where not r.koers_goedgekeurd and r.goedgekeurd)::int,
              coalesce(sum(r.bedrag_cents) filter (where not r.koers_goedgekeurd and r.goedgekeurd), 0)::bigint
       from declaratie d
       join message heen on heen.region_id = d.region_id and heen.id = d.message_id
       join message antwoord on antwoord.region_id = d.region_id and antwoord.id = d.answer_message_id
       left join declaratie_regel r on r.region_id = d.region_id
         and r.id >= d.id * 16777216::bigint and r.id < (d.id + 1) * 16777216::bigint
       where d.region_id = koers_region_id() and antwoord.modus = 'waarnemend' and antwoord.code = '325'
         and (koers_role() not in ('gemeente', 'lokaal_team') or d.gemeente_id = koers_gemeente_id())
         and (koers_role() <> 'aanbieder' or d.provider_id = koers_provider_id())
       group by d.id, d.gemeente_id, d.provider_id, d.wet, d.periode_begin, heen.dagtekening, antwoord.dagtekening
     $$`,
    `revoke all on function koers_tweede_mening() from public`,
    `grant execute on function koers_tweede_mening() to koers_app`,
    `create table archief_onverwerkt (
       id integer generated always as identity primary key,
       region_id integer not null references region (id),
       content_sha256 char(64) not null,
       bron text not null,
       code text not null default '',
       identificatie text not null default '',
       afzender text not null default '',
       reden_code text not null,
       reden text not null,
       created_at timestamptz not null default now(),
       unique (region_id, content_sha256)
     )`,
    `alter table archief_onverwerkt enable row level security`,
    `create policy region_scope on archief_onverwerkt
       using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
    // It spans every gemeente of the region: region-wide roles only (the import runs as the region).
    `create policy regio_scope on archief_onverwerkt as restrictive using (koers_role() in ('regio', 'toezichthouder'))`,
  ],
}
