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
 * The actor's parties as an explicit condition on a table's `region_id`, `gemeente_id` and
 * `provider_id`. Row-level security enforces the same, but as a CASE on the role the planner
 * cannot use it for an index; a query that names its scope can (issue 6, national scale).
 */
export function partyCondition(actor: Pick<Actor, 'regionId' | 'gemeenteId' | 'providerId'>, alias: string) {
  const col = (c: string) => sql.ref(`${alias}.${c}`)
  return sql`${col('region_id')} = ${actor.regionId}
    and (${actor.gemeenteId}::int is null or ${col('gemeente_id')} = ${actor.gemeenteId}::int)
    and (${actor.providerId}::int is null or ${col('provider_id')} = ${actor.providerId}::int)`
}
