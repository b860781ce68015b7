/**
 * The integrity and financial-health register of providers (issue 21, ADR 0035, docs/integriteit.md).
 *
 * - `integriteit_registratie`: one entry of a provider's register (or of one of its
 *   subcontractors, `onderaannemer`), append-only: UBO report, Bibob request, VOG, a
 *   supervisor's finding or measure, a quality mark, the internal supervisory body, an
 *   admission check. The kind's own fields are a jsonb checked by Zod in src/integriteit/;
 *   a document is a reference (`document`: a name, URL or kenmerk), never a blob. Every entry
 *   says who recorded it and when. A provider records only its own entries and only the kinds
 *   it reports (ubo, vog, toezicht, keurmerk, rvt); Bibob and the admission checks are the
 *   region's and the toezichthouder's.
 * - `sanctielijst`: the sanctions list the region imports (Koers has no external access), with
 *   the normalised name; read and written by the region's team and the toezichthouder only.
 * - `jaarrekening`: a provider's annual-account figures per year (cents); a provider writes its own.
 * - `integriteit_instelling`: the floors and ceilings of the signals, one row per region.
 * - `integriteit_signaal`: the signals, with the lifecycle of `budget_signaal` (open → erkend →
 *   gesloten, an owner and notes); not shown to providers.
 * - `rechtmatigheid_onderzoek`, `onderzoek_stap`, `onderzoek_declaratie`: a lawfulness
 *   investigation opened from a signal or a sample finding, its steps, findings and measures
 *   and the declarations concerned. The region and the toezichthouder work on it; a provider
 *   reads its own investigations' question (the query layer shows it nothing else) and no step.
 *
 * Unlike the other tables, the toezichthouder writes here: the register is its work (issue 21).
 */
import type { Migration } from './index.ts'

const id = 'id integer generated always as identity primary key'
const region = 'region_id integer not null references region (id)'
const regionScope = (table: string) => [
  `alter table ${table} enable row level security`,
  `create policy region_scope on ${table}
     using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
]
const kept = (table: string) => `create policy kept on ${table} as restrictive for delete using (false)`

export const integriteit: Migration = {
  name: '0031-integriteit',
  statements: [
    // Every foreign key includes region_id (docs/ARCHITECTURE.md, "Data model").
    `alter table steekproef_regel add constraint steekproef_regel_region_id_id_key unique (region_id, id)`,
    `create table integriteit_registratie (
       ${id}, ${region},
       provider_id integer not null,
       onderaannemer text check (onderaannemer is null or onderaannemer <> ''),
       soort text not null check (soort in ('ubo', 'bibob', 'vog', 'toezicht', 'keurmerk', 'rvt', 'toelating')),
       datum date not null,
       gegevens jsonb not null,
       document text,
       recorded_by integer,
       recorded_by_name text not null,
       recorded_at timestamptz not null default now(),
       foreign key (region_id, provider_id) references provider (region_id, id),
       unique (region_id, id)
     )`,
    `create index integriteit_registratie_provider_idx on integriteit_registratie (region_id, provider_id, soort, datum)`,
    ...regionScope('integriteit_registratie'),
    `create policy party_scope on integriteit_registratie as restrictive using (
       case koers_role()
         when 'regio' then true
         when 'toezichthouder' then true
         when 'gemeente' then true
         when 'aanbieder' then provider_id = koers_provider_id()
         else false
       end)`,
    `create policy who_records on integriteit_registratie as restrictive for insert with check (
       koers_role() in ('regio', 'toezichthouder')
       or (koers_role() = 'aanbieder' and provider_id = koers_provider_id() and soort in ('ubo', 'vog', 'toezicht', 'keurmerk', 'rvt')))`,
    `create policy append_only on integriteit_registratie as restrictive for update using (false)`,
    kept('integriteit_registratie'),

    `create table sanctielijst (
       ${id}, ${region},
       naam text not null,
       naam_genormaliseerd text not null,
       geboortedatum date,
       kvk_nummer text,
       bron text not null,
       geimporteerd_door integer,
       geimporteerd_op timestamptz not null default now(),
       check (geboortedatum is not null or kvk_nummer is not null)
     )`,
    `create index sanctielijst_naam_idx on sanctielijst (region_id, naam_genormaliseerd)`,
    ...regionScope('sanctielijst'),
    `create policy region_team_only on sanctielijst as restrictive using (koers_role() in ('regio', 'toezichthouder'))`,

    `create table jaarrekening (
       ${id}, ${region},
       provider_id integer not null,
       jaar integer not null check (jaar between 2000 and 2100),
       omzet_cents bigint not null check (omzet_cents >= 0),
       omzet_regio_cents bigint not null check (omzet_regio_cents >= 0),
       personeelskosten_cents bigint not null check (personeelskosten_cents >= 0),
       inhuur_cents bigint not null default 0 check (inhuur_cents >= 0),
       resultaat_cents bigint not null,
       eigen_vermogen_cents bigint not null,
       balanstotaal_cents bigint not null check (balanstotaal_cents >= 0),
       vlottende_activa_cents bigint not null check (vlottende_activa_cents >= 0),
       kortlopende_schulden_cents bigint not null check (kortlopende_schulden_cents >= 0),
       dividend_cents bigint not null default 0 check (dividend_cents >= 0),
       verbonden_partijen_cents bigint not null default 0 check (verbonden_partijen_cents >= 0),
       ingediend_op date not null,
       bron text not null,
       recorded_by integer,
       recorded_by_name text not null,
       recorded_at timestamptz not null default now(),
       check (omzet_regio_cents <= omzet_cents),
       foreign key (region_id, provider_id) references provider (region_id, id),
       unique (region_id, provider_id, jaar),
       unique (region_id, id)
     )`,
    ...regionScope('jaarrekening'),
    `create policy party_scope on jaarrekening as restrictive using (
       case koers_role()
         when 'regio' then true
         when 'toezichthouder' then true
         when 'gemeente' then true
         when 'aanbieder' then provider_id = koers_provider_id()
         else false
       end)`,
    `create policy who_records_insert on jaarrekening as restrictive for insert with check (
       koers_role() in ('regio', 'toezichthouder') or (koers_role() = 'aanbieder' and provider_id = koers_provider_id()))`,
    `create policy who_records_update on jaarrekening as restrictive for update using (
       koers_role() in ('regio', 'toezichthouder') or (koers_role() = 'aanbieder' and provider_id = koers_provider_id()))`,
    kept('jaarrekening'),

    `create table integriteit_instelling (
       region_id integer primary key references region (id),
       max_winst_pct double precision not null default 5 check (max_winst_pct between 0 and 100),
       min_solvabiliteit_pct double precision not null default 20 check (min_solvabiliteit_pct between 0 and 100),
       min_current_ratio double precision not null default 1 check (min_current_ratio >= 0),
       max_inhuur_pct double precision not null default 50 check (max_inhuur_pct between 0 and 100),
       gewijzigd_door integer,
       gewijzigd_op timestamptz not null default now()
     )`,
    ...regionScope('integriteit_instelling'),
    `create policy region_team_writes on integriteit_instelling as restrictive for insert with check (koers_role() in ('regio', 'toezichthouder'))`,
    `create policy region_team_updates on integriteit_instelling as restrictive for update using (koers_role() in ('regio', 'toezichthouder'))`,

    `create table integriteit_signaal (
       ${id}, ${region},
       soort text not null check (soort in ('ubo_ontbreekt', 'ubo_op_sanctielijst', 'bibob_negatief', 'maatregel_niet_gemeld',
         'winst_boven_maximum', 'solvabiliteit_laag', 'liquiditeit_laag', 'declaraties_boven_omzet', 'inhuur_hoog', 'jaarrekening_ontbreekt')),
       provider_id integer not null,
       sleutel text not null,
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
       foreign key (region_id, provider_id) references provider (region_id, id),
       constraint integriteit_signaal_key unique (region_id, soort, provider_id, sleutel),
       unique (region_id, id)
     )`,
    ...regionScope('integriteit_signaal'),
    `create policy party_scope on integriteit_signaal as restrictive using (koers_role() in ('regio', 'toezichthouder', 'gemeente'))`,
    `create policy region_team_raises on integriteit_signaal as restrictive for insert with check (koers_role() in ('regio', 'toezichthouder'))`,
    `create policy region_team_acts on integriteit_signaal as restrictive for update using (koers_role() in ('regio', 'toezichthouder'))`,
    kept('integriteit_signaal'),

    `create table rechtmatigheid_onderzoek (
       ${id}, ${region},
       provider_id integer not null,
       titel text not null check (titel <> ''),
       aanleiding text not null check (aanleiding in ('signaal', 'steekproef')),
       signaal_id integer,
       steekproef_regel_id integer,
       vraag_aan_aanbieder text not null check (vraag_aan_aanbieder <> ''),
       status text not null default 'lopend' check (status in ('lopend', 'afgerond')),
       geopend_door integer,
       geopend_door_naam text not null,
       geopend_op timestamptz not null default now(),
       afgerond_op timestamptz,
       check ((aanleiding = 'signaal') = (signaal_id is not null)),
       check ((aanleiding = 'steekproef') = (steekproef_regel_id is not null)),
       check ((status = 'afgerond') = (afgerond_op is not null)),
       foreign key (region_id, provider_id) references provider (region_id, id),
       foreign key (region_id, signaal_id) references integriteit_signaal (region_id, id),
       foreign key (region_id, steekproef_regel_id) references steekproef_regel (region_id, id),
       unique (region_id, id)
     )`,
    ...regionScope('rechtmatigheid_onderzoek'),
    `create policy party_scope on rechtmatigheid_onderzoek as restrictive using (
       koers_role() in ('regio', 'toezichthouder') or (koers_role() = 'aanbieder' and provider_id = koers_provider_id()))`,
    `create policy region_team_opens on rechtmatigheid_onderzoek as restrictive for insert with check (koers_role() in ('regio', 'toezichthouder'))`,
    `create policy region_team_updates on rechtmatigheid_onderzoek as restrictive for update using (koers_role() in ('regio', 'toezichthouder'))`,
    kept('rechtmatigheid_onderzoek'),

    `create table onderzoek_stap (
       ${id}, ${region},
       onderzoek_id integer not null,
       soort text not null check (soort in ('stap', 'bevinding', 'maatregel')),
       tekst text not null check (tekst <> ''),
       terugvordering_cents bigint check (terugvordering_cents is null or terugvordering_cents > 0),
       recorded_by integer,
       recorded_by_name text not null,
       recorded_at timestamptz not null default now(),
       check (terugvordering_cents is null or soort = 'maatregel'),
       foreign key (region_id, onderzoek_id) references rechtmatigheid_onderzoek (region_id, id)
     )`,
    ...regionScope('onderzoek_stap'),
    `create policy region_team_only on onderzoek_stap as restrictive using (koers_role() in ('regio', 'toezichthouder'))`,
    `create policy append_only on onderzoek_stap as restrictive for update using (false)`,
    kept('onderzoek_stap'),

    `create table onderzoek_declaratie (
       ${region},
       onderzoek_id integer not null,
       declaratie_id integer not null,
       primary key (region_id, onderzoek_id, declaratie_id),
       foreign key (region_id, onderzoek_id) references rechtmatigheid_onderzoek (region_id, id),
       foreign key (region_id, declaratie_id) references declaratie (region_id, id)
     )`,
    ...regionScope('onderzoek_declaratie'),
    `create policy region_team_only on onderzoek_declaratie as restrictive using (koers_role() in ('regio', 'toezichthouder'))`,
  ],
}
