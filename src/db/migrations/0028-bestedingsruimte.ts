/**
 * Bestedingsruimte per opdrachtnemer (issue 20 §5, VNG contractstandaard Wmo art. 1.5; ADR 0031).
 *
 * - `bestedingsruimte`: the spending room of one provider for one year (from its start date,
 *   1 January or later, to 31 December), optionally for one segment; the dates on which the
 *   intention (art. 1.5.3 c, 6 months ahead) and the decision on its amount (art. 1.5.3 d,
 *   3 months ahead) were announced.
 * - `bestedingsruimte_melding`: the written notice at 70 % or an expected overrun (art. 1.5.7),
 *   with the letter Koers composed, its date, and the consultation and decision that follow it.
 * - `clientenstop`: a stop on new clients of a provider (in a segment, or in all), from–to, by
 *   whom and why (art. 1.5.9); lifted by setting its end (art. 1.5.10).
 *
 * No personal data. The region's team writes; the region's roles (the lokaal team too: its
 * toegang rules read the stops) and the supervisor read all; a provider reads only its own rows.
 */
import type { Migration } from './index.ts'

const id = 'id integer generated always as identity primary key'
const region = 'region_id integer not null references region (id)'

/** Everyone of the region reads, except that a provider reads only its own rows; only the region's team writes; nothing is deleted. */
const scope = (table: string) => [
  `alter table ${table} enable row level security`,
  `create policy region_scope on ${table}
     using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
  `create policy party_scope on ${table} as restrictive using (
     case koers_role()
       when 'aanbieder' then provider_id = koers_provider_id()
       else true
     end)`,
  `create policy regio_inserts on ${table} as restrictive for insert with check (koers_role() = 'regio')`,
  `create policy regio_updates on ${table} as restrictive for update using (koers_role() = 'regio')`,
  `create policy kept on ${table} as restrictive for delete using (false)`,
]

export const bestedingsruimte: Migration = {
  name: '0028-bestedingsruimte',
  statements: [
    `create table bestedingsruimte (
       ${id}, ${region},
       provider_id integer not null,
       segment_id integer,
       jaar integer not null check (jaar between 2000 and 2100),
       ingangsdatum date not null,
       bedrag_cents bigint not null check (bedrag_cents > 0),
       voornemen_gemeld_op date,
       besluit_gemeld_op date,
       toelichting text not null default '',
       vastgesteld_door integer,
       vastgesteld_op timestamptz not null default now(),
       check (extract(year from ingangsdatum) = jaar),
       constraint bestedingsruimte_key unique nulls not distinct (region_id, provider_id, segment_id, jaar),
       unique (region_id, id),
       foreign key (region_id, provider_id) references provider (region_id, id),
       foreign key (region_id, segment_id) references segment (region_id, id)
     )`,
    ...scope('bestedingsruimte'),
    `create table bestedingsruimte_melding (
       ${id}, ${region},
       bestedingsruimte_id integer not null,
       provider_id integer not null,
       soort text not null check (soort in ('zeventig_procent', 'overschrijding_dreigt')),
       gemeld_op date not null,
       brief text not null check (brief <> ''),
       benut_cents bigint not null,
       prognose_cents bigint not null,
       bedrag_cents bigint not null,
       gemeld_door integer,
       overleg_gepland_op date,
       overleg_gehouden_op date,
       overleg_notitie text,
       besluit_op date,
       besluit text check (besluit in ('ongewijzigd', 'verhoogd', 'clientenstop')),
       besluit_notitie text,
       nieuw_bedrag_cents bigint check (nieuw_bedrag_cents > 0),
       check (overleg_gehouden_op is null or overleg_gehouden_op >= gemeld_op),
       check ((besluit is null) = (besluit_op is null)),
       check (besluit_op is null or besluit_op >= gemeld_op),
       check ((besluit = 'verhoogd') = (nieuw_bedrag_cents is not null)),
       constraint bestedingsruimte_melding_once unique (region_id, bestedingsruimte_id),
       unique (region_id, id),
       foreign key (region_id, bestedingsruimte_id) references bestedingsruimte (region_id, id),
       foreign key (region_id, provider_id) references provider (region_id, id)
     )`,
    ...scope('bestedingsruimte_melding'),
    `create table clientenstop (
       ${id}, ${region},
       provider_id integer not null,
       segment_id integer,
       van date not null,
       tot date,
       reden text not null check (reden <> ''),
       ingesteld_door integer,
       ingesteld_op timestamptz not null default now(),
       opgeheven_door integer,
       opheffing_notitie text,
       check (tot is null or tot >= van),
       unique (region_id, id),
       foreign key (region_id, provider_id) references provider (region_id, id),
       foreign key (region_id, segment_id) references segment (region_id, id)
     )`,
    `create index clientenstop_provider_idx on clientenstop (region_id, provider_id, van)`,
    ...scope('clientenstop'),
  ],
}
