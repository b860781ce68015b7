/**
 * Aggregates over personal data for roles that may not read the rows themselves. A
 * security-definer function runs as the owner (past row-level security) but filters on the
 * caller's region, and returns counts only; small counts are suppressed by the caller.
 */
import type { Migration } from './index.ts'

export const aggregates: Migration = {
  name: '0003-aggregates',
  statements: [
    `create function koers_client_counts() returns table (gemeente_id integer, clients integer)
       language sql stable security definer set search_path = public as $$
       select c.gemeente_id, count(*)::int from client c
       where c.region_id = koers_region_id()
       group by c.gemeente_id
     $$`,
    `revoke all on function koers_client_counts() from public`,
    `grant execute on function koers_client_counts() to koers_app`,
  ],
}
