/**
 * Contract management (issue 20 §1–§4, ADR 0027): the account of a provider, its
 * conversations and the agreements made in them.
 *
 * - `account_holder`: the users of the region's team who hold a provider's account.
 * - `account_conversation`: an account conversation planned for a date over a period of
 *   figures, then held: the date and who were present.
 * - `account_conversation_note`: the notes per agenda item. Internal to the region's team:
 *   a provider does not read them (the policy, not the query, keeps them from it).
 * - `agreement`: what was agreed, who does it (the region, the provider or both), by when,
 *   linked to a KPI or a budget signal where it applies. Closing needs a note; the provider
 *   marks its own part done with a note, and may change nothing else of the row (a trigger).
 *
 * - `koers_declaratie_afwijzingen(provider, van, tot)`: for the conversation's agenda, a provider's
 *   declaration lines over a period — all, and the rejected per retourcode — as counts and
 *   cents, no client. A definer function because the lines are personal data the region's team
 *   may not read (migration 0005); it answers the region's team and the toezichthouder for any
 *   provider of the region, a provider for itself, nobody else.
 *
 * Who reads: the region's team and the toezichthouder the whole region (the toezichthouder
 * never writes: the writers' policies name the region's team); a provider its own account,
 * conversations and agreements; a gemeente's roles and the lokaal team nothing (the account is
 * the regional team's contract management; a gemeente reads its budgets and signals elsewhere).
 */
import type { Migration } from './index.ts'

const id = 'id integer generated always as identity primary key'
const region = 'region_id integer not null references region (id)'

/** Region; then the region's team and the toezichthouder everything, a provider its own rows, nobody else anything. */
const accountScope = (table: string, providerReads: boolean) => [
  `alter table ${table} enable row level security`,
  `create policy region_scope on ${table}
     using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
  `create policy party_scope on ${table} as restrictive using (
     case koers_role()
       when 'regio' then true
       when 'toezichthouder' then true
       ${providerReads ? "when 'aanbieder' then provider_id = koers_provider_id()" : ''}
       else false
     end)`,
  `create policy written_by_region on ${table} as restrictive for insert with check (koers_role() = 'regio')`,
  `create policy removed_by_region on ${table} as restrictive for delete using (koers_role() = 'regio')`,
]

export const contractmanagement: Migration = {
  name: '0027-contractmanagement',
  statements: [
    `create table account_holder (
       ${region},
       provider_id integer not null,
       user_id integer not null,
       primary key (region_id, provider_id, user_id),
       foreign key (region_id, provider_id) references provider (region_id, id),
       foreign key (region_id, user_id) references app_user (region_id, id) on delete cascade
     )`,
    ...accountScope('account_holder', true),
    `create policy changed_by_region on account_holder as restrictive for update using (koers_role() = 'regio')`,

    `create table account_conversation (
       ${id}, ${region},
       provider_id integer not null,
       planned_on date not null,
       period_from date not null,
       period_to date not null,
       status text not null default 'gepland' check (status in ('gepland', 'gehouden')),
       held_on date,
       present text not null default '',
       created_by integer,
       created_at timestamptz not null default now(),
       recorded_by integer,
       recorded_at timestamptz,
       check (period_to >= period_from),
       check (status = 'gepland' or (held_on is not null and present <> '')),
       unique (region_id, id),
       foreign key (region_id, provider_id) references provider (region_id, id)
     )`,
    `create index account_conversation_provider_idx on account_conversation (region_id, provider_id, planned_on)`,
    ...accountScope('account_conversation', true),
    `create policy changed_by_region on account_conversation as restrictive for update using (koers_role() = 'regio')`,

    `create table account_conversation_note (
       ${region},
       conversation_id integer not null,
       item text not null check (item ~ '^[a-z_]{2,40}$'),
       note text not null check (note <> ''),
       primary key (region_id, conversation_id, item),
       foreign key (region_id, conversation_id) references account_conversation (region_id, id) on delete cascade
     )`,
    ...accountScope('account_conversation_note', false),
    `create policy changed_by_region on account_conversation_note as restrictive for update using (koers_role() = 'regio')`,

    `create table agreement (
       ${id}, ${region},
       provider_id integer not null,
       conversation_id integer not null,
       what text not null check (what <> ''),
       party text not null check (party in ('regio', 'aanbieder', 'samen')),
       person text not null default '',
       due_on date not null,
       kpi text check (kpi ~ '^[a-z_]{2,40}$'),
       signal_id integer,
       closed_on date,
       closed_note text,
       closed_by integer,
       provider_done_on date,
       provider_note text,
       provider_done_by integer,
       check (closed_on is null or (closed_note is not null and closed_note <> '')),
       check (provider_done_on is null or (provider_note is not null and provider_note <> '' and party <> 'regio')),
       unique (region_id, id),
       foreign key (region_id, provider_id) references provider (region_id, id),
       foreign key (region_id, conversation_id) references account_conversation (region_id, id),
       foreign key (region_id, signal_id) references budget_signaal (region_id, id)
     )`,
    `create index agreement_provider_idx on agreement (region_id, provider_id, due_on)`,
    ...accountScope('agreement', true),
    // The region's team changes an agreement; a provider marks its own part done.
    `create policy changed_by_region_or_provider on agreement as restrictive for update using (
       koers_role() = 'regio' or (koers_role() = 'aanbieder' and provider_id = koers_provider_id()))`,
    // A provider may set its own part and nothing else: what was agreed and its closing are the region's.
    `create function koers_agreement_provider_part() returns trigger language plpgsql as $$
       begin
         if current_setting('koers.role', true) = 'aanbieder' and (
              new.what is distinct from old.what or new.party is distinct from old.party or new.person is distinct from old.person
              or new.due_on is distinct from old.due_on or new.kpi is distinct from old.kpi or new.signal_id is distinct from old.signal_id
              or new.closed_on is distinct from old.closed_on or new.closed_note is distinct from old.closed_note or new.closed_by is distinct from old.closed_by
              or new.provider_id is distinct from old.provider_id or new.conversation_id is distinct from old.conversation_id) then
           raise exception 'a provider marks only its own part of an agreement' using errcode = '42501';
         end if;
         return new;
       end $$`,
    `create function koers_declaratie_afwijzingen(p_provider integer, p_van date, p_tot date)
       returns table (retourcode text, regels integer, bedrag_cents bigint)
       language sql stable security definer set search_path = public as $$
       with r as (
         select goedgekeurd, retour_codes, bedrag_cents from declaratie_regel
         where region_id = koers_region_id() and provider_id = p_provider and begindatum between p_van and p_tot
           and (koers_role() in ('regio', 'toezichthouder') or (koers_role() = 'aanbieder' and p_provider = koers_provider_id()))
       )
       select null::text, count(*)::int, coalesce(sum(bedrag_cents), 0)::bigint from r
       union all
       select 'afgewezen', count(*)::int, coalesce(sum(abs(bedrag_cents)), 0)::bigint from r where not goedgekeurd
       union all
       select c, count(*)::int, coalesce(sum(abs(bedrag_cents)), 0)::bigint from r, unnest(r.retour_codes) c where not r.goedgekeurd group by c
     $$`,
    `revoke all on function koers_declaratie_afwijzingen(integer, date, date) from public`,
    `grant execute on function koers_declaratie_afwijzingen(integer, date, date) to koers_app`,
    `create trigger agreement_provider_part before update on agreement for each row execute function koers_agreement_provider_part()`,
  ],
}
