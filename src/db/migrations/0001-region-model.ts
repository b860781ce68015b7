/**
 * The region model. Every table carries `region_id` (one installation holds many regions;
 * it is also the key a distributed PostgreSQL would shard on), and every foreign key
 * includes it, so a row can never point into another region.
 * Validity periods are inclusive `[valid_from, valid_to]`; where the domain forbids two
 * at once, an exclusion constraint refuses the overlap (btree_gist).
 */
import type { Migration } from './index.ts'

const id = 'id integer generated always as identity primary key'
const region = 'region_id integer not null references region (id)'

export const regionModel: Migration = {
  name: '0001-region-model',
  statements: [
    `create extension if not exists btree_gist`,
    `create function koers_bsn_valid(bsn text) returns boolean language sql immutable as $$
       select bsn ~ '^[0-9]{9}$' and (
         select sum(substr(bsn, i, 1)::int * (case when i = 9 then -1 else 10 - i end))
         from generate_series(1, 9) as i
       ) % 11 = 0 and bsn <> '000000000'
     $$`,
    `create table region (
       ${id},
       code text not null unique check (code ~ '^[a-z0-9-]{2,40}$'),
       name text not null check (name <> ''),
       created_at timestamptz not null default now()
     )`,
    `create table gemeente (
       ${id}, ${region},
       cbs_code char(4) not null check (cbs_code ~ '^[0-9]{4}$'),
       name text not null check (name <> ''),
       population integer not null check (population >= 0),
       unique (region_id, cbs_code),
       unique (region_id, id)
     )`,
    `create table segment (
       ${id}, ${region},
       wet text not null check (wet in ('jeugdwet', 'wmo')),
       code text not null check (code ~ '^[a-z0-9-]{1,60}$'),
       name text not null check (name <> ''),
       description text not null default '',
       parent_id integer,
       toegang jsonb not null,
       bekostiging jsonb not null,
       contract_terms jsonb not null,
       leveranciersmanagement jsonb not null,
       unique (region_id, code),
       unique (region_id, id),
       unique (region_id, id, wet),
       foreign key (region_id, parent_id, wet) references segment (region_id, id, wet)
     )`,
    `create table product (
       ${id}, ${region},
       segment_id integer not null,
       wet text not null,
       productcategorie char(2) not null check (productcategorie ~ '^[0-9]{2}$'),
       productcode text check (productcode ~ '^[0-9A-Za-z]{1,5}$'),
       name text not null check (name <> ''),
       eenheid char(2) check (eenheid in ('01', '04', '14', '16', '82', '83', '84')),
       variant text not null check (variant in ('inspanningsgericht', 'outputgericht', 'taakgericht')),
       -- RULES.md, uitvoeringsvarianten: the variant fixes which units are possible.
       check (
         (variant = 'inspanningsgericht' and eenheid in ('01', '04', '14', '16', '84'))
         or (variant = 'outputgericht' and eenheid in ('82', '83'))
         or (variant = 'taakgericht' and eenheid is null)
       ),
       unique nulls not distinct (region_id, wet, productcategorie, productcode),
       unique (region_id, id),
       foreign key (region_id, segment_id, wet) references segment (region_id, id, wet)
     )`,
    `create table provider (
       ${id}, ${region},
       agb_code char(8) not null check (agb_code ~ '^[0-9]{8}$'),
       kvk_number char(8) not null check (kvk_number ~ '^[0-9]{8}$'),
       name text not null check (name <> ''),
       legal_form text not null,
       unique (region_id, agb_code),
       unique (region_id, id)
     )`,
    `create table provider_combination (
       ${id}, ${region},
       name text not null check (name <> ''),
       lead_provider_id integer not null,
       unique (region_id, id),
       foreign key (region_id, lead_provider_id) references provider (region_id, id)
     )`,
    `create table provider_combination_member (
       region_id integer not null references region (id),
       combination_id integer not null,
       provider_id integer not null,
       primary key (combination_id, provider_id),
       foreign key (region_id, combination_id) references provider_combination (region_id, id) on delete cascade,
       foreign key (region_id, provider_id) references provider (region_id, id)
     )`,
    `create table contract (
       ${id}, ${region},
       reference text not null check (reference <> ''),
       name text not null check (name <> ''),
       start_date date not null,
       initial_years integer not null check (initial_years between 1 and 10),
       extension_options integer[] not null default '{}',
       unique (region_id, reference),
       unique (region_id, id)
     )`,
    `create table contract_extension (
       ${id}, ${region},
       contract_id integer not null,
       option_number integer not null check (option_number >= 1),
       decision text not null check (decision in ('verlengd', 'niet_verlengd')),
       decided_on date not null,
       note text not null default '',
       unique (region_id, contract_id, option_number),
       foreign key (region_id, contract_id) references contract (region_id, id)
     )`,
    `create table contract_lot (
       ${id}, ${region},
       contract_id integer not null,
       segment_id integer not null,
       unique (region_id, contract_id, segment_id),
       unique (region_id, id),
       foreign key (region_id, contract_id) references contract (region_id, id),
       foreign key (region_id, segment_id) references segment (region_id, id)
     )`,
    `create table contract_award (
       ${id}, ${region},
       lot_id integer not null,
       provider_id integer not null,
       valid_from date not null,
       valid_to date,
       check (valid_to is null or valid_to >= valid_from),
       unique (region_id, id),
       foreign key (region_id, lot_id) references contract_lot (region_id, id),
       foreign key (region_id, provider_id) references provider (region_id, id),
       constraint contract_award_no_overlap exclude using gist (
         region_id with =, lot_id with =, provider_id with =,
         daterange(valid_from, valid_to, '[]') with &&)
     )`,
    `create table contract_award_gemeente (
       region_id integer not null references region (id),
       award_id integer not null,
       gemeente_id integer not null,
       primary key (award_id, gemeente_id),
       foreign key (region_id, award_id) references contract_award (region_id, id) on delete cascade,
       foreign key (region_id, gemeente_id) references gemeente (region_id, id)
     )`,
    `create table preferred_supplier (
       ${id}, ${region},
       segment_id integer not null,
       gemeente_id integer not null,
       wijk_code text not null check (wijk_code ~ '^WK[0-9]{6}$'),
       wijk_name text not null,
       provider_id integer not null,
       valid_from date not null,
       valid_to date,
       check (valid_to is null or valid_to >= valid_from),
       foreign key (region_id, segment_id) references segment (region_id, id),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id),
       foreign key (region_id, provider_id) references provider (region_id, id),
       constraint preferred_supplier_no_overlap exclude using gist (
         region_id with =, segment_id with =, wijk_code with =,
         daterange(valid_from, valid_to, '[]') with &&)
     )`,
    `create table tariff (
       ${id}, ${region},
       product_id integer not null,
       contract_id integer not null,
       valid_from date not null,
       valid_to date not null,
       amount_cents bigint not null check (amount_cents >= 0),
       indexation_basis_points integer not null default 0 check (indexation_basis_points between -10000 and 10000),
       check (valid_to >= valid_from),
       foreign key (region_id, product_id) references product (region_id, id),
       foreign key (region_id, contract_id) references contract (region_id, id),
       constraint tariff_no_overlap exclude using gist (
         region_id with =, product_id with =,
         daterange(valid_from, valid_to, '[]') with &&)
     )`,
    `create table client (
       ${id}, ${region},
       gemeente_id integer not null,
       bsn char(9) not null check (koers_bsn_valid(bsn)),
       birth_date date not null,
       pseudonym text not null unique check (pseudonym ~ '^[a-z0-9]{12}$'),
       created_at timestamptz not null default now(),
       unique (region_id, bsn),
       unique (region_id, id),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id)
     )`,
    `create table budget_gemeente (
       ${id}, ${region},
       gemeente_id integer not null,
       segment_id integer not null,
       valid_from date not null,
       valid_to date not null,
       amount_cents bigint not null check (amount_cents >= 0),
       check (valid_to >= valid_from and extract(year from valid_from) = extract(year from valid_to)),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id),
       foreign key (region_id, segment_id) references segment (region_id, id),
       constraint budget_gemeente_no_overlap exclude using gist (
         region_id with =, gemeente_id with =, segment_id with =,
         daterange(valid_from, valid_to, '[]') with &&)
     )`,
    `create table budget_provider (
       ${id}, ${region},
       provider_id integer not null,
       segment_id integer not null,
       gemeente_id integer not null,
       valid_from date not null,
       valid_to date not null,
       amount_cents bigint not null check (amount_cents >= 0),
       check (valid_to >= valid_from and extract(year from valid_from) = extract(year from valid_to)),
       foreign key (region_id, provider_id) references provider (region_id, id),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id),
       foreign key (region_id, segment_id) references segment (region_id, id),
       constraint budget_provider_no_overlap exclude using gist (
         region_id with =, provider_id with =, segment_id with =, gemeente_id with =,
         daterange(valid_from, valid_to, '[]') with &&)
     )`,
    `create table app_user (
       ${id}, ${region},
       username text not null unique check (username ~ '^[a-z0-9._-]{3,60}$'),
       display_name text not null,
       password_hash text not null,
       role text not null check (role in ('regio', 'gemeente', 'lokaal_team', 'aanbieder', 'toezichthouder')),
       gemeente_id integer,
       provider_id integer,
       check ((role in ('gemeente', 'lokaal_team')) = (gemeente_id is not null)),
       check ((role = 'aanbieder') = (provider_id is not null)),
       unique (region_id, id),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id),
       foreign key (region_id, provider_id) references provider (region_id, id)
     )`,
    `create table session (
       token_hash text primary key,
       ${region},
       user_id integer not null,
       csrf_token text not null,
       created_at timestamptz not null default now(),
       expires_at timestamptz not null,
       foreign key (region_id, user_id) references app_user (region_id, id) on delete cascade
     )`,
    `create table audit_log (
       id bigint generated always as identity primary key, ${region},
       at timestamptz not null default now(),
       user_id integer,
       action text not null,
       subject_type text not null,
       subject_id integer,
       gemeente_id integer
     )`,
    `create index client_gemeente_idx on client (region_id, gemeente_id)`,
    `create index session_expires_idx on session (expires_at)`,
  ],
}
