/**
 * Row-level security: the second line of defence behind the scoped queries.
 *
 * Requests run as the role `koers_app` (never a superuser, so policies apply) with the
 * actor's scope in transaction-local settings (`koers.region_id`, `koers.role`,
 * `koers.gemeente_id`, `koers.provider_id`), set by `withActor` in src/db/scope.ts.
 * A query that forgets its scope still sees only the actor's region, and on tables with
 * personal data only the actor's gemeente (Jeugdwet §7.2, AVG: purpose limitation).
 */
import type { Migration } from './index.ts'

/** Tables whose rows belong to a region through `region_id`. */
const regionScopedTables = [
  'gemeente',
  'segment',
  'product',
  'provider',
  'provider_combination',
  'provider_combination_member',
  'contract',
  'contract_extension',
  'contract_lot',
  'contract_award',
  'contract_award_gemeente',
  'preferred_supplier',
  'tariff',
  'client',
  'budget_gemeente',
  'budget_provider',
  'app_user',
  'audit_log',
] as const

const setting = (name: string, type: string) =>
  `create function koers_${name}() returns ${type} language sql stable as $$
     select nullif(current_setting('koers.${name}', true), '')::${type}
   $$`

export const rowLevelSecurity: Migration = {
  name: '0002-row-level-security',
  statements: [
    `do $$ begin
       if not exists (select from pg_roles where rolname = 'koers_app') then
         create role koers_app nologin noinherit;
       end if;
     end $$`,
    setting('region_id', 'integer'),
    setting('role', 'text'),
    setting('gemeente_id', 'integer'),
    setting('provider_id', 'integer'),
    `grant usage on schema public to koers_app`,
    `grant select, insert, update, delete on all tables in schema public to koers_app`,
    `grant usage, select on all sequences in schema public to koers_app`,
    `alter default privileges in schema public grant select, insert, update, delete on tables to koers_app`,
    `alter default privileges in schema public grant usage, select on sequences to koers_app`,
    // Sessions and the migration bookkeeping are only for the system connection.
    `revoke all on session from koers_app`,
    `alter table region enable row level security`,
    `create policy region_scope on region using (id = koers_region_id())`,
    ...regionScopedTables.flatMap((table) => [
      `alter table ${table} enable row level security`,
      `create policy region_scope on ${table}
         using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
      // The toezichthouder reads, audited, and never writes (DOMAIN.md, roles).
      `create policy read_only_supervisor_insert on ${table} as restrictive for insert
         with check (koers_role() is distinct from 'toezichthouder')`,
      `create policy read_only_supervisor_update on ${table} as restrictive for update
         using (koers_role() is distinct from 'toezichthouder')`,
      `create policy read_only_supervisor_delete on ${table} as restrictive for delete
         using (koers_role() is distinct from 'toezichthouder')`,
    ]),
    // Personal data: a gemeente and its lokaal team see their own residents only; a
    // provider sees only its own clients (none until allocations link them); the regional
    // team works with aggregates and pseudonyms, not with client rows.
    `create policy client_scope on client as restrictive using (
       case koers_role()
         when 'lokaal_team' then gemeente_id = koers_gemeente_id()
         when 'gemeente' then gemeente_id = koers_gemeente_id()
         when 'toezichthouder' then true
         else false
       end)`,
    `create policy audit_scope on audit_log as restrictive for select using (
       koers_role() in ('regio', 'toezichthouder')
       or (koers_role() in ('gemeente', 'lokaal_team') and gemeente_id = koers_gemeente_id()))`,
  ],
}
