/**
 * `pgb_toekenning`: a persoonsgebonden budget the gemeente granted a client for a product (a
 * productcategorie, or one productcode in it) over a period. OP043: "Indien aan een client een
 * PGB is toegekend, mag op hetzelfde moment voor hetzelfde product geen toewijzing zijn
 * afgegeven" — "Een toewijzing eindigt (uiterlijk) op de dag voorafgaand aan de ingangsdatum van
 * het PGB" (src/toewijzingen/pgb.rules.ts). Personal data: the gemeente's roles of the client's
 * gemeente and the supervisor read it; no provider does (a pgb is no care in kind).
 */
import type { Migration } from './index.ts'

export const pgb: Migration = {
  name: '0014-pgb',
  statements: [
    `create table pgb_toekenning (
       id integer generated always as identity primary key,
       region_id integer not null references region (id),
       gemeente_id integer not null,
       client_id integer not null,
       wet text not null check (wet in ('jeugdwet', 'wmo')),
       productcategorie text not null check (productcategorie ~ '^[0-9]{2}$'),
       productcode text check (productcode ~ '^[0-9A-Za-z]{1,5}$'),
       ingangsdatum date not null,
       einddatum date not null check (einddatum >= ingangsdatum),
       budget_cents bigint check (budget_cents >= 0),
       toelichting text not null default '' check (length(toelichting) <= 2000),
       created_by integer,
       created_at timestamptz not null default now(),
       foreign key (region_id, client_id) references client (region_id, id),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id)
     )`,
    `create index pgb_toekenning_client_idx on pgb_toekenning (region_id, client_id)`,
    `alter table pgb_toekenning enable row level security`,
    `create policy region_scope on pgb_toekenning using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
    `create policy party_scope on pgb_toekenning as restrictive using (
       case koers_role()
         when 'lokaal_team' then gemeente_id = koers_gemeente_id()
         when 'gemeente' then gemeente_id = koers_gemeente_id()
         when 'toezichthouder' then true
         else false
       end)`,
    `create policy team_writes on pgb_toekenning as restrictive for insert with check (koers_role() = 'lokaal_team')`,
    `create policy kept on pgb_toekenning as restrictive for update using (false)`,
    `create policy kept_delete on pgb_toekenning as restrictive for delete using (false)`,
  ],
}
