/**
 * Starts and stops of taakgerichte care (305/307 without a toewijzing).
 *
 * TR019 ties a start or stop to a toewijzing only for output- and inspanningsgericht work;
 * IV096: "Bij een taakgerichte uitvoeringsvariant, is geen sprake van een toewijzing, daarom
 * zal de sleutel bestaan uit Product en Begindatum" (with the Client's Bsn above it). These
 * starts are kept apart from `care_start`/`care_stop`, whose rows always belong to a
 * toewijzing: the gemeente may not know the client (no toewijzing was ever made), so the row
 * keeps the BSN, and the client when the gemeente has one with that BSN.
 * Read and written as the other ledger tables (0004): the gemeente side writes, a provider
 * reads its own rows.
 */
import type { Migration } from './index.ts'

const scope = (table: string) => [
  `alter table ${table} enable row level security`,
  `create policy region_scope on ${table}
     using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
  `create policy party_scope on ${table} as restrictive using (
     case koers_role()
       when 'lokaal_team' then gemeente_id = koers_gemeente_id()
       when 'gemeente' then gemeente_id = koers_gemeente_id()
       when 'aanbieder' then provider_id = koers_provider_id()
       when 'toezichthouder' then true
       else false
     end)`,
  `create policy gemeente_writes_insert on ${table} as restrictive for insert
     with check (koers_role() in ('lokaal_team', 'gemeente'))`,
  `create policy gemeente_writes_update on ${table} as restrictive for update
     using (koers_role() in ('lokaal_team', 'gemeente'))`,
  `create policy gemeente_writes_delete on ${table} as restrictive for delete
     using (koers_role() in ('lokaal_team', 'gemeente'))`,
]

export const taakgerichtLevering: Migration = {
  name: '0009-taakgericht-levering',
  statements: [
    `create table taakgericht_start (
       id integer generated always as identity primary key,
       region_id integer not null references region (id),
       gemeente_id integer not null,
       provider_id integer not null,
       wet text not null check (wet in ('jeugdwet', 'wmo')),
       bsn char(9) not null check (koers_bsn_valid(bsn)),
       client_id integer,
       product_id integer not null,
       begindatum date not null,
       message_id integer not null,
       removed_by_message_id integer,
       unique (region_id, id),
       foreign key (region_id, product_id) references product (region_id, id),
       foreign key (region_id, message_id) references message (region_id, id)
     )`,
    `create table taakgericht_stop (
       id integer generated always as identity primary key,
       region_id integer not null references region (id),
       gemeente_id integer not null,
       provider_id integer not null,
       start_id integer not null,
       einddatum date not null,
       reden_beeindiging char(2) not null,
       message_id integer not null,
       removed_by_message_id integer,
       foreign key (region_id, start_id) references taakgericht_start (region_id, id),
       foreign key (region_id, message_id) references message (region_id, id)
     )`,
    `create index taakgericht_start_key_idx on taakgericht_start (region_id, provider_id, bsn, product_id)`,
    `create index taakgericht_stop_start_idx on taakgericht_stop (region_id, start_id)`,
    ...scope('taakgericht_start'),
    ...scope('taakgericht_stop'),
  ],
}
