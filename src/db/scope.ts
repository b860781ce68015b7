/**
 * `withActor` is the only way request code reaches the database: one transaction, run as
 * the non-superuser role `koers_app` with the actor's scope in transaction-local settings,
 * so the row-level security policies of migration 0002 apply to every statement in it.
 */
import { type Kysely, type Transaction, sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import type { Database } from './database.ts'
import type { DB } from './schema.ts'

export type ScopedDb = Transaction<DB>

/** Puts the rest of transaction `trx` under `actor`'s scope (for a long run that decides its actor part-way, like a 323). */
export async function enterScope(trx: Kysely<DB>, actor: Actor): Promise<void> {
  await sql`select
      set_config('role', 'koers_app', true),
      set_config('koers.region_id', ${String(actor.regionId)}, true),
      set_config('koers.role', ${actor.role}, true),
      set_config('koers.gemeente_id', ${actor.gemeenteId === null ? '' : String(actor.gemeenteId)}, true),
      set_config('koers.provider_id', ${actor.providerId === null ? '' : String(actor.providerId)}, true)`.execute(trx)
}

async function leaveScope(trx: Kysely<DB>): Promise<void> {
  await sql`select set_config('role', 'none', true), set_config('koers.region_id', '', true),
      set_config('koers.role', '', true), set_config('koers.gemeente_id', '', true), set_config('koers.provider_id', '', true)`.execute(trx)
}

/**
 * Runs `work` as `actor`. Given the system database it opens a transaction; given a
 * transaction of the system connection (the demo builder), it scopes a part of it and
 * returns to the system role afterwards.
 */
export async function withActor<T>(db: Database | ScopedDb, actor: Actor, work: (trx: ScopedDb) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    const trx = db as ScopedDb
    await enterScope(trx, actor)
    const result = await work(trx)
    await leaveScope(trx)
    return result
  }
  return db.transaction().execute(async (trx) => {
    await enterScope(trx, actor)
    return work(trx)
  })
}

/**
 * The rows whose `column` equals `value`, or every row when `value` is null: the one way a
 * query narrows to a gemeente, provider, segment or year that may or may not be given. One
 * statement text serves both cases, so a caller writes no branch.
 */
export function narrowTo(column: string, value: number | null) {
  return sql`(${value}::int is null or ${sql.ref(column)} = ${value}::int)`
}

/**
 * The actor's parties as an explicit condition on a table's `region_id`, `gemeente_id` and
 * `provider_id`. Row-level security enforces the same, but as a CASE on the role the planner
 * cannot use it for an index; a query that names its scope can (issue 6, national scale).
 */
export function partyCondition(actor: Pick<Actor, 'regionId' | 'gemeenteId' | 'providerId'>, alias: string) {
  return sql`${sql.ref(`${alias}.region_id`)} = ${actor.regionId}
    and ${narrowTo(`${alias}.gemeente_id`, actor.gemeenteId)}
    and ${narrowTo(`${alias}.provider_id`, actor.providerId)}`
}
