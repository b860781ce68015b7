/**
 * The findings of the security review (issue 17) that the database enforces.
 *
 * - Who acts: `koers_user_id()` reads the user `withActor` puts in `koers.user_id`, so a policy
 *   can say "the actor's own rows".
 * - `audit_log` is append-only for `koers_app` (as `budget_wijziging` is: no update, no delete),
 *   and every role that may read personal data — the lokaal team, the gemeente (its message
 *   processing and its users), a provider, the toezichthouder — inserts its own lines and only
 *   its own. The toezichthouder is read-only everywhere else, but its reads are audited too
 *   (DOMAIN.md: "region, read-only, audited"); 0002's read-only policy refused its audit lines.
 * - `koers_app` reads users without their password hash, and writes neither users nor sessions
 *   nor the migrator's tables: those belong to the system connection (src/auth/session.queries.ts,
 *   src/db/migrate.ts), which is the owner.
 * - A message answers only a message of its own gemeente and provider: a provider's 302/320
 *   links to a 301/319 sent to that provider, never to another's (src/inbox/receive.ts checks it
 *   first; the key makes it a fact). A link that an earlier release made across providers is
 *   dropped first, so the key can be laid.
 * - A client is a resident of one gemeente: its BSN is unique within the gemeente, not within
 *   the region. A resident who moves is registered anew by the gemeente now responsible
 *   (woonplaatsbeginsel), with a pseudonym of its own, and the former gemeente keeps its record;
 *   registering a BSN no longer tells a lokaal team whether another gemeente knows it.
 * - Budgets as the permission table says (budget.read): a gemeente's roles read their own
 *   gemeente's budgets, a provider its own provider budgets and no gemeente's; the regional
 *   totals per segment, which every reader of budgets sees, come from a security-definer
 *   function that returns sums only (as 0003 and 0006 do for counts and figures).
 */
import type { Migration } from './index.ts'

export const securityReview: Migration = {
  name: '0015-security-review',
  statements: [
    `create function koers_user_id() returns integer language sql stable as $$
       select nullif(current_setting('koers.user_id', true), '')::integer
     $$`,

    // The audit log: lines are added, never changed or removed.
    `revoke update, delete, truncate on audit_log from koers_app`,
    `create policy kept_unchanged on audit_log as restrictive for update using (false)`,
    `create policy kept on audit_log as restrictive for delete using (false)`,
    `drop policy read_only_supervisor_insert on audit_log`,
    `create policy own_lines on audit_log as restrictive for insert with check (
       koers_role() in ('lokaal_team', 'gemeente', 'aanbieder', 'toezichthouder')
       and user_id is not distinct from koers_user_id())`,

    // Users: readable without the password hash (names of signal owners); written by the system connection only.
    `revoke all on app_user from koers_app`,
    `grant select (id, region_id, username, display_name, role, gemeente_id, provider_id) on app_user to koers_app`,
    // Sessions were never koers_app's (0002); the migrator's bookkeeping is not either.
    `revoke all on session from koers_app`,
    `revoke all on kysely_migration from koers_app`,
    `revoke all on kysely_migration_lock from koers_app`,

    // Retours and answers stay between the same two parties.
    `update message m set answers_message_id = null
       where m.answers_message_id is not null and not exists (
         select 1 from message o where o.region_id = m.region_id and o.id = m.answers_message_id
           and o.gemeente_id = m.gemeente_id and o.provider_id = m.provider_id)`,
    `alter table message add constraint message_parties_key unique (region_id, id, gemeente_id, provider_id)`,
    `alter table message add constraint message_answers_same_parties foreign key (region_id, answers_message_id, gemeente_id, provider_id)
       references message (region_id, id, gemeente_id, provider_id)`,

    // One client record per gemeente and BSN; the supervisor's search by BSN across the region keeps an index.
    `alter table client drop constraint client_region_id_bsn_key`,
    `alter table client add constraint client_gemeente_bsn_key unique (region_id, gemeente_id, bsn)`,
    `create index client_bsn_idx on client (region_id, bsn)`,

    // Budgets: the region and the supervisor all of the region, a gemeente its own, a provider its own provider budgets only.
    `create policy party_scope on budget_gemeente as restrictive using (
       case koers_role()
         when 'gemeente' then gemeente_id = koers_gemeente_id()
         when 'lokaal_team' then gemeente_id = koers_gemeente_id()
         when 'aanbieder' then false
         else true
       end)`,
    `create policy party_scope on budget_provider as restrictive using (
       case koers_role()
         when 'gemeente' then gemeente_id = koers_gemeente_id()
         when 'lokaal_team' then gemeente_id = koers_gemeente_id()
         when 'aanbieder' then provider_id = koers_provider_id()
         else true
       end)`,
    `create function koers_budget_regio_totalen(van date, tot date) returns table (segment_id integer, amount_cents bigint)
       language sql stable security definer set search_path = public as $$
       select b.segment_id, sum(b.amount_cents)::bigint from budget_gemeente b
       where b.region_id = koers_region_id() and b.valid_from >= van and b.valid_to <= tot
       group by b.segment_id
     $$`,
    `revoke all on function koers_budget_regio_totalen(date, date) from public`,
    `grant execute on function koers_budget_regio_totalen(date, date) to koers_app`,
  ],
}
