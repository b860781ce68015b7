/**
 * Toegang: what the lokaal team decides and what providers report about it.
 *
 * - `client` gets the name, gender and BRP postcode + huisnummer the 301 must carry, and an optional wijk (for the
 *   preferred supplier per wijk, seed 004 §5.2: "preferente aanbieders per wijk of buurt").
 * - `beschikking`: the assessment (perspective, complexity, intensity, goals with their T1
 *   baseline) and the decision it leads to.
 * - `toewijzing` holds the current state of each allocation (IV013: the version with the
 *   latest Toewijzingsdatum/-tijd is current), `toewijzing_version` every version, append-only.
 *   ToewijzingNummer is unique per gemeente and law (TR332).
 * - `care_request`: a 315 AangevraagdProduct or a 317 Verzoek, a work item for the lokaal team.
 * - `care_start` / `care_stop`: the 305 and 307 records (StatusAanlevering 3 removes one).
 * - `message`: the persisted inbox and outbox, per gemeente and provider, with the bytes.
 * - `number_sequence`: ToewijzingNummer, BeschikkingNummer and message Identificatie counters.
 *
 * Rows with personal data carry `gemeente_id` (and `provider_id` where a provider is party)
 * so that the row-level security policies below need no joins.
 */
import type { Migration } from './index.ts'

const id = 'id integer generated always as identity primary key'
const region = 'region_id integer not null references region (id)'

/** What one version of a toewijzing says (the 301's ToegewezenProduct plus the verplichting), in both tables. */
const versionColumns = `version integer not null,
       toewijzing_datum date not null,
       toewijzing_tijd char(8) not null check (toewijzing_tijd ~ '^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$'),
       ingangsdatum date not null,
       einddatum date not null,
       volume bigint,
       eenheid char(2),
       frequentie char(1),
       budget_cents bigint check (budget_cents >= 0),
       reden_wijziging char(2),
       verplichting_cents bigint not null check (verplichting_cents >= 0)`

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

export const toegang: Migration = {
  name: '0004-toegang',
  statements: [
    `alter table client add column family_name text not null default ''`,
    `alter table client add column name_prefix text not null default ''`,
    `alter table client add column initials text not null default ''`,
    // LDT_Geslacht: 0 onbekend, 1 mannelijk, 2 vrouwelijk.
    `alter table client add column gender char(1) not null default '0' check (gender in ('0', '1', '2'))`,
    `alter table client add column wijk_code text check (wijk_code ~ '^WK[0-9]{6}$')`,
    // The BRP address as far as the 301 needs it (CD034: Postcode for a BRP-adres).
    `alter table client add column postcode text check (postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$')`,
    `alter table client add column huisnummer integer check (huisnummer between 1 and 99999)`,
    `create table number_sequence (
       region_id integer not null references region (id),
       scope text not null,
       last bigint not null,
       primary key (region_id, scope)
     )`,
    `create table beschikking (
       ${id}, ${region},
       gemeente_id integer not null,
       client_id integer not null,
       wet text not null check (wet in ('jeugdwet', 'wmo')),
       beschikking_nummer bigint not null check (beschikking_nummer between 1 and 999999999),
       perspective text not null check (perspective in ('ontwikkeling', 'stabiliteit')),
       complexity text not null check (complexity in ('enkelvoudig', 'meervoudig', 'complex')),
       intensity text not null check (intensity in ('licht', 'middel', 'zwaar')),
       goals jsonb not null,
       justification text not null default '',
       issued_on date not null,
       created_by integer,
       created_at timestamptz not null default now(),
       unique (region_id, gemeente_id, wet, beschikking_nummer),
       unique (region_id, id),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id),
       foreign key (region_id, client_id) references client (region_id, id)
     )`,
    `create table message (
       ${id}, ${region},
       direction text not null check (direction in ('in', 'out')),
       wet text not null check (wet in ('jeugdwet', 'wmo')),
       code char(3) not null,
       sender_code text not null,
       receiver_code text not null,
       gemeente_id integer not null,
       provider_id integer not null,
       identificatie text not null check (length(identificatie) between 1 and 12),
       dagtekening date not null,
       state text not null check (state in ('verwerkt', 'afgekeurd', 'klaar', 'opgehaald')),
       answers_message_id integer,
       retour_codes text[] not null default '{}',
       summary text not null default '',
       problems jsonb not null default '[]',
       content bytea not null,
       content_sha256 char(64) not null,
       created_at timestamptz not null default now(),
       downloaded_at timestamptz,
       -- 9056: Identificatie is unique per message type for the sending party.
       unique (region_id, wet, code, sender_code, identificatie),
       unique (region_id, id),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id),
       foreign key (region_id, provider_id) references provider (region_id, id),
       foreign key (region_id, answers_message_id) references message (region_id, id)
     )`,
    `create table care_request (
       ${id}, ${region},
       gemeente_id integer not null,
       provider_id integer not null,
       wet text not null check (wet in ('jeugdwet', 'wmo')),
       kind char(3) not null check (kind in ('315', '317')),
       message_id integer not null,
       referentie_aanbieder text not null check (length(referentie_aanbieder) between 1 and 36),
       client_id integer,
       bsn char(9) not null check (koers_bsn_valid(bsn)),
       birth_date date,
       family_name text not null default '',
       name_prefix text not null default '',
       initials text not null default '',
       gender char(1) not null default '0',
       requested jsonb not null,
       status text not null default 'open' check (status in ('open', 'in_onderzoek', 'toegewezen', 'afgewezen')),
       reden_afwijzing char(1),
       decision_note text not null default '',
       decided_by integer,
       decided_at timestamptz,
       answer_message_id integer,
       received_on date not null,
       -- TR347 (9347): ReferentieAanbieder is unique for the provider within the law.
       unique (region_id, provider_id, wet, referentie_aanbieder),
       unique (region_id, id),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id),
       foreign key (region_id, provider_id) references provider (region_id, id),
       foreign key (region_id, client_id) references client (region_id, id),
       foreign key (region_id, message_id) references message (region_id, id)
     )`,
    `create table toewijzing (
       ${id}, ${region},
       gemeente_id integer not null,
       client_id integer not null,
       beschikking_id integer not null,
       provider_id integer not null,
       segment_id integer not null,
       product_id integer not null,
       wet text not null check (wet in ('jeugdwet', 'wmo')),
       toewijzing_nummer bigint not null check (toewijzing_nummer between 1 and 999999999),
       request_id integer,
       referentie_aanbieder text,
       status text not null check (status in ('wacht_op_akkoord', 'actief', 'afgewezen')),
       exception_reason text,
       exception_requested_by integer,
       exception_approved_by integer,
       ${versionColumns},
       justification text not null default '',
       created_at timestamptz not null default now(),
       check (einddatum >= ingangsdatum),
       -- RULES.md: Omvang and Budget exclude each other.
       check ((volume is null) = (eenheid is null) and (volume is null) = (frequentie is null)),
       check (volume is null or budget_cents is null),
       -- "nee, tenzij" (seed 004): an exception is approved by a second person.
       check (exception_approved_by is null or exception_approved_by is distinct from exception_requested_by),
       -- TR332 (9332): ToewijzingNummer is unique per gemeente and law.
       unique (region_id, gemeente_id, wet, toewijzing_nummer),
       unique (region_id, id),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id),
       foreign key (region_id, client_id) references client (region_id, id),
       foreign key (region_id, beschikking_id) references beschikking (region_id, id),
       foreign key (region_id, provider_id) references provider (region_id, id),
       foreign key (region_id, segment_id) references segment (region_id, id),
       foreign key (region_id, product_id) references product (region_id, id),
       foreign key (region_id, request_id) references care_request (region_id, id)
     )`,
    `create table toewijzing_version (
       ${id}, ${region},
       toewijzing_id integer not null,
       gemeente_id integer not null,
       provider_id integer not null,
       ${versionColumns},
       status text not null,
       note text not null default '',
       created_by integer,
       created_at timestamptz not null default now(),
       unique (toewijzing_id, version),
       foreign key (region_id, toewijzing_id) references toewijzing (region_id, id)
     )`,
    `create table care_start (
       ${id}, ${region},
       gemeente_id integer not null,
       provider_id integer not null,
       client_id integer not null,
       toewijzing_id integer not null,
       begindatum date not null,
       message_id integer not null,
       removed_by_message_id integer,
       unique (region_id, id),
       foreign key (region_id, toewijzing_id) references toewijzing (region_id, id),
       foreign key (region_id, message_id) references message (region_id, id)
     )`,
    `create table care_stop (
       ${id}, ${region},
       gemeente_id integer not null,
       provider_id integer not null,
       client_id integer not null,
       toewijzing_id integer not null,
       start_id integer not null,
       einddatum date not null,
       reden_beeindiging char(2) not null,
       message_id integer not null,
       removed_by_message_id integer,
       foreign key (region_id, start_id) references care_start (region_id, id),
       foreign key (region_id, message_id) references message (region_id, id)
     )`,
    `create index toewijzing_client_idx on toewijzing (region_id, client_id)`,
    `create index toewijzing_provider_idx on toewijzing (region_id, provider_id, einddatum)`,
    `create index care_request_queue_idx on care_request (region_id, gemeente_id, status)`,
    `create index message_box_idx on message (region_id, direction, provider_id, state)`,
    `create index care_start_toewijzing_idx on care_start (region_id, toewijzing_id)`,
    `create index care_stop_toewijzing_idx on care_stop (region_id, toewijzing_id)`,
    `alter table number_sequence enable row level security`,
    `create policy region_scope on number_sequence
       using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
    ...ledgerScope('beschikking', false),
    ...ledgerScope('toewijzing', true),
    ...ledgerScope('toewijzing_version', true),
    ...ledgerScope('care_request', true),
    ...ledgerScope('care_start', true),
    ...ledgerScope('care_stop', true),
    // Messages: a provider reads its own inbox and outbox and marks what it downloaded.
    ...ledgerScope('message', true, { providerMarksRead: true, keepRows: true }),
    // A provider now sees the clients it holds a toewijzing for.
    `drop policy client_scope on client`,
    `create policy client_scope on client as restrictive using (
       case koers_role()
         when 'lokaal_team' then gemeente_id = koers_gemeente_id()
         when 'gemeente' then gemeente_id = koers_gemeente_id()
         when 'aanbieder' then exists (
           select 1 from toewijzing t where t.region_id = client.region_id and t.client_id = client.id
             and t.provider_id = koers_provider_id() and t.status = 'actief')
         when 'toezichthouder' then true
         else false
       end)`,
    // Aggregates for the regional team, who may not read the rows (counts suppressed by the caller).
    `create function koers_toewijzing_totals(on_date date) returns table (
         segment_id integer, provider_id integer, gemeente_id integer, wet text,
         active integer, clients integer, verplichting_cents bigint)
       language sql stable security definer set search_path = public as $$
       select t.segment_id, t.provider_id, t.gemeente_id, t.wet, count(*)::int,
              count(distinct t.client_id)::int, sum(t.verplichting_cents)::bigint
       from toewijzing t
       where t.region_id = koers_region_id() and t.status = 'actief'
         and t.ingangsdatum <= on_date and t.einddatum >= on_date
         and (koers_role() not in ('gemeente', 'lokaal_team') or t.gemeente_id = koers_gemeente_id())
         and (koers_role() <> 'aanbieder' or t.provider_id = koers_provider_id())
       group by t.segment_id, t.provider_id, t.gemeente_id, t.wet
     $$`,
    `revoke all on function koers_toewijzing_totals(date) from public`,
    `grant execute on function koers_toewijzing_totals(date) to koers_app`,
  ],
}
