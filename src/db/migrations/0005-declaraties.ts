/**
 * Declaraties: what a gemeente pays, and how that is checked.
 *
 * - `declaratie`: one 323 as processed — its number, month, the submitted and granted totals
 *   and the 325 that answered it. DeclaratieNummer is unique per provider, gemeente and law
 *   among the processed ones (TR333, retourcode 9333); a technically rejected 323 (0001) was never
 *   processed, so its number may come again.
 * - `declaratie_regel`: every prestatie of a processed 323, approved or rejected with its
 *   retourcodes. Amounts are signed cents: a credit is negative. A credit names the debit it
 *   reverses (`crediteert_regel_id`). Written with COPY (ADR 0009); the BSN is not repeated
 *   here, the line points at its client.
 * - `realisatie_maand`: the approved lines and taakgericht payments summed per gemeente,
 *   provider, segment, product and month — kept by the same transaction that writes the
 *   lines, so every grouping reads a small table (issue 6 steers on it).
 * - `taakgericht_betaling`: the periodic lump sums of a taakgericht contract, which are its
 *   realisation (taakgericht is not declared per client).
 * - `productcategorie_taakveld`: which Iv3 taakveld a productcategorie's spending falls
 *   under (docs/declaraties.md), seeded with src/declaraties/taakveld.ts's table as it was then.
 * - `steekproef` / `steekproef_regel`: the lawfulness samples (seed 004 ch. 9), with seed,
 *   population and the result per sampled line.
 *
 * A large 323 need not keep its bytes (`message.content_kept`): its lines are all in
 * `declaratie_regel`, and the digest proves which file it was.
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

/** Personal data in the ledger: read as above, written by the gemeente side only. */
const ledgerScope = (table: string, withProvider: boolean, options: { providerMarksRead?: boolean; keepRows?: boolean } = {}) => [
  ...personalReadScope(table, withProvider),
  // The ledger is written by the gemeente side only: the lokaal team, and the gemeente's
  // message processing (which runs as the receiving gemeente, see src/exchange).
  `create policy gemeente_writes_insert on ${table} as restrictive for insert
     with check (koers_role() in ('lokaal_team', 'gemeente'))`,
  // A provider may mark what it downloaded (messages only).
  `create policy gemeente_writes_update on ${table} as restrictive for update
     using (koers_role() in ('lokaal_team', 'gemeente'${options.providerMarksRead ? ", 'aanbieder'" : ''}))`,
  // Kept rows (the message archive) are never deleted.
  `create policy gemeente_writes_delete on ${table} as restrictive for delete
     using (${options.keepRows ? 'false' : "koers_role() in ('lokaal_team', 'gemeente')"})`,
]

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

/** Aggregates without personal data, written by a gemeente's message processing or the region. */
const aggregateScope = (table: string) => [
  ...readScope(table),
  `create policy gemeente_writes on ${table} as restrictive for insert
     with check (koers_role() in ('gemeente', 'regio'))`,
  `create policy gemeente_updates on ${table} as restrictive for update
     using (koers_role() in ('gemeente', 'regio'))`,
]

export const declaraties: Migration = {
  name: '0005-declaraties',
  statements: [
    `alter table message add column content_kept boolean not null default true`,
    `alter table message add column content_size bigint`,
    `update message set content_size = length(content)`,
    `create table declaratie (
       ${id}, ${region},
       gemeente_id integer not null,
       provider_id integer not null,
       wet text not null check (wet in ('jeugdwet', 'wmo')),
       message_id integer not null,
       answer_message_id integer,
       declaratie_nummer text not null,
       periode_begin date not null,
       periode_eind date not null,
       dagtekening date not null,
       ingediend_cents bigint not null,
       toegekend_cents bigint not null,
       regels integer not null,
       goedgekeurd integer not null,
       afgewezen integer not null,
       created_at timestamptz not null default now(),
       -- TR333 (9333): DeclaratieNummer is unique for the provider, per receiving gemeente and law.
       unique (region_id, gemeente_id, provider_id, wet, declaratie_nummer),
       unique (region_id, id),
       unique (message_id),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id),
       foreign key (region_id, provider_id) references provider (region_id, id),
       foreign key (region_id, message_id) references message (region_id, id),
       foreign key (region_id, answer_message_id) references message (region_id, id)
     )`,
    // No foreign key to declaratie and one index besides the key: COPY must stay close to the
    // engine's own speed (ADR 0009); the declaration and its lines are written by one transaction.
    `create table declaratie_regel (
       id bigint primary key,
       ${region},
       declaratie_id integer not null,
       gemeente_id integer not null,
       provider_id integer not null,
       wet text not null,
       volgnummer integer not null,
       client_id integer,
       toewijzing_id integer,
       product_id integer,
       segment_id integer,
       referentie_nummer text not null,
       vorig_referentie_nummer text,
       toewijzing_nummer bigint not null,
       productcategorie char(2) not null,
       productcode text,
       begindatum date not null,
       einddatum date not null,
       volume bigint not null,
       eenheid char(2) not null,
       tarief_cents bigint,
       bedrag_cents bigint not null,
       goedgekeurd boolean not null,
       retour_codes text[] not null,
       crediteert_regel_id bigint,
       -- A line's id is its declaration's id × 2^24 + its number in the message: no sequence,
       -- and the primary key finds a declaration's lines in order.
       check (volgnummer between 1 and 16777215 and id = declaratie_id::bigint * 16777216 + volgnummer)
     )`,
    // The checks load a toewijzing's approved lines when they meet it (declaratie.receive.ts).
    `create index declaratie_regel_toewijzing_idx on declaratie_regel (toewijzing_id) where goedgekeurd`,
    `create index declaratie_party_idx on declaratie (region_id, gemeente_id, provider_id, wet)`,
    `create table realisatie_maand (
       ${region},
       gemeente_id integer not null,
       provider_id integer not null,
       wet text not null,
       segment_id integer not null,
       product_id integer,
       maand date not null check (extract(day from maand) = 1),
       debet_cents bigint not null,
       credit_cents bigint not null,
       regels integer not null,
       unique nulls not distinct (region_id, gemeente_id, provider_id, wet, segment_id, product_id, maand)
     )`,
    `create table taakgericht_betaling (
       ${id}, ${region},
       gemeente_id integer not null,
       provider_id integer not null,
       segment_id integer not null,
       wet text not null check (wet in ('jeugdwet', 'wmo')),
       maand date not null check (extract(day from maand) = 1),
       bedrag_cents bigint not null,
       omschrijving text not null default '',
       created_by integer,
       created_at timestamptz not null default now(),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id),
       foreign key (region_id, provider_id) references provider (region_id, id)
     )`,
    `create table productcategorie_taakveld (
       wet text not null,
       productcategorie char(2) not null,
       taakveld text not null,
       primary key (wet, productcategorie)
     )`,
    // The table of src/declaraties/taakveld.ts when this migration was written (docs/declaraties.md).
    `insert into productcategorie_taakveld (wet, productcategorie, taakveld) values
       ('jeugdwet', '31', '6.72a'),
       ('jeugdwet', '32', '6.72a'),
       ('jeugdwet', '33', '6.72c'),
       ('jeugdwet', '34', '6.72a'),
       ('jeugdwet', '35', '6.73a'),
       ('jeugdwet', '36', '6.73b'),
       ('jeugdwet', '37', '6.74c'),
       ('jeugdwet', '38', '6.73c'),
       ('jeugdwet', '40', '6.72d'),
       ('jeugdwet', '41', '6.72c'),
       ('jeugdwet', '42', '6.72d'),
       ('jeugdwet', '43', '6.73c'),
       ('jeugdwet', '44', '6.73c'),
       ('jeugdwet', '45', '6.72a'),
       ('jeugdwet', '46', '6.74b'),
       ('jeugdwet', '47', '6.82b'),
       ('jeugdwet', '48', '6.82a'),
       ('jeugdwet', '49', '6.82b'),
       ('jeugdwet', '50', '6.72d'),
       ('jeugdwet', '51', '6.74a'),
       ('jeugdwet', '52', '6.74a'),
       ('jeugdwet', '53', '6.72b'),
       ('jeugdwet', '54', '6.74a'),
       ('jeugdwet', '55', '6.72d'),
       ('wmo', '10', '6.71d'),
       ('wmo', '11', '6.6'),
       ('wmo', '12', '6.6'),
       ('wmo', '13', '6.6'),
       ('wmo', '14', '6.6'),
       ('wmo', '15', '6.81a'),
       ('wmo', '16', '6.81b'),
       ('wmo', '17', '6.81b'),
       ('wmo', '18', '6.81a'),
       ('wmo', '01', '6.71a'),
       ('wmo', '02', '6.71b'),
       ('wmo', '03', '6.71b'),
       ('wmo', '04', '6.71d'),
       ('wmo', '05', '6.71d'),
       ('wmo', '06', '6.71d'),
       ('wmo', '07', '6.71c'),
       ('wmo', '08', '6.6'),
       ('wmo', '09', '6.71c')`,
    `create table steekproef (
       ${id}, ${region},
       gemeente_id integer not null,
       provider_id integer,
       maand_van date not null,
       maand_tot date not null,
       methode text not null,
       seed text not null,
       omvang integer not null,
       populatie_regels integer not null,
       populatie_cents bigint not null,
       populatie_sha256 char(64) not null,
       interval_cents bigint not null,
       created_by integer,
       created_at timestamptz not null default now(),
       unique (region_id, id),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id)
     )`,
    `create table steekproef_regel (
       ${id}, ${region},
       steekproef_id integer not null references steekproef (id),
       gemeente_id integer not null,
       provider_id integer not null,
       regel_id bigint not null,
       trekking integer not null,
       bedrag_cents bigint not null,
       uitkomst text check (uitkomst in ('rechtmatig', 'onrechtmatig', 'onzeker')),
       fout_cents bigint check (fout_cents >= 0),
       toelichting text not null default '',
       beoordeeld_door integer,
       beoordeeld_op timestamptz,
       unique (steekproef_id, regel_id)
     )`,
    ...ledgerScope('declaratie', true),
    ...ledgerScope('declaratie_regel', true),
    ...ledgerScope('steekproef', false),
    ...ledgerScope('steekproef_regel', true),
    ...aggregateScope('realisatie_maand'),
    ...aggregateScope('taakgericht_betaling'),
    `create policy gemeente_deletes on taakgericht_betaling as restrictive for delete
       using (koers_role() in ('gemeente', 'regio'))`,
  ],
}
