/**
 * `withActor` is the only way request code reaches the database: one transaction, run as
 * the non-superuser role `koers_app` with the actor's scope in transaction-local settings,
 * so the row-level security policies of migration 0002 apply to every statement in it.
 */
import { type Kysely, type Transaction, sql } from 'kysely'
import type { Database } from './database.ts'
import type { DB } from './schema.ts'
import { faultPoint } from '../shared/fault-point.ts'
import { log } from '../shared/log.ts'
import { outsideRequest } from './request-signal.ts'

/**
 * What the database needs of an actor (src/auth/actor.ts, which builds on this layer): the
 * role and the parties it acts for. Every `Actor` is one.
 */
export interface ActorScope {
  role: string
  regionId: number
  gemeenteId: number | null
  providerId: number | null
  /** The user acting, when a person acts (the audit log's policy lets a user write only its own lines). */
  userId?: number | null
}

export type ScopedDb = Transaction<DB>

/** Opens a transaction in the actor's scope (withActor) and runs `work` in it. */
export type ScopedRun = <T>(work: (trx: ScopedDb) => Promise<T>) => Promise<T>

/** Puts the rest of transaction `trx` under `actor`'s scope (for a long run that decides its actor part-way, like a 323). */
export async function enterScope(trx: Kysely<DB>, actor: ActorScope): Promise<void> {
  await sql`select
      set_config('role', 'koers_app', true),
      set_config('koers.region_id', ${String(actor.regionId)}, true),
      set_config('koers.role', ${actor.role}, true),
      set_config('koers.gemeente_id', ${actor.gemeenteId === null ? '' : String(actor.gemeenteId)}, true),
      set_config('koers.provider_id', ${actor.providerId === null ? '' : String(actor.providerId)}, true),
      set_config('koers.user_id', ${actor.userId === null || actor.userId === undefined ? '' : String(actor.userId)}, true)`.execute(trx)
}

/** Returns the rest of transaction `trx` to the system role, out of any actor's scope. */
export async function leaveScope(trx: Kysely<DB>): Promise<void> {
  await sql`select set_config('role', 'none', true), set_config('koers.region_id', '', true),
      set_config('koers.role', '', true), set_config('koers.gemeente_id', '', true), set_config('koers.provider_id', '', true),
      set_config('koers.user_id', '', true)`.execute(trx)
}

/**
 * The follow-up of a change, once per transaction whatever the change and whoever made it
 * (issue 16: "writers mark the keys they changed; figures are refreshed once before commit and
 * signals once after"). A writer registers work under a key; the same key twice is one task.
 * `inTransaction` (and so `withActor`) runs the before-commit tasks at the end of the work,
 * inside the transaction, and the after-commit tasks once it committed.
 */
interface FollowUp {
  before: Map<string, () => Promise<void>>
  after: Map<string, (db: Database) => Promise<void>>
  /**
   * A transaction of many units of work (`inBatch`): a key registered again replaces its
   * before-commit task, which moves to the end, so that each key's work is done once at the
   * end as the last unit that changed it asked (its date), in the order those units came.
   */
  latest: boolean
}
const followUps = new WeakMap<object, FollowUp>()

/**
 * Work to do once before `trx` commits (the figures of a key): a second registration of `key`
 * is dropped. In a transaction opened without inTransaction the work is done at once.
 */
export async function beforeCommit(trx: Kysely<DB>, key: string, task: () => Promise<void>): Promise<void> {
  const f = followUps.get(trx)
  if (!f) return task()
  if (f.latest) {
    f.before.delete(key)
    f.before.set(key, task)
  } else if (!f.before.has(key)) f.before.set(key, task)
}

/** Work to do once after `trx` committed (the signals), with the database; `key` as above. A failure is logged: the change stands. */
export function afterCommit(trx: Kysely<DB>, key: string, task: (db: Database) => Promise<void>): void {
  const f = followUps.get(trx)
  if (f && !f.after.has(key)) f.after.set(key, task)
}
/** Does the before-commit work registered so far in `trx` now, as its commit would (a task may register another: until none is left). */
async function runBeforeCommit(trx: Kysely<DB>): Promise<void> {
  const f = followUps.get(trx)
  while (f && f.before.size > 0) {
    const [key, task] = f.before.entries().next().value!
    f.before.delete(key)
    await task()
  }
}

/** The follow-up registered so far in `trx`, to return to when a unit of work is rolled back to its savepoint. */
export interface FollowUpMark {
  before: [string, () => Promise<void>][]
  after: [string, (db: Database) => Promise<void>][]
}

/** Where `trx`'s follow-up stands now (undefined outside inTransaction): taken with a savepoint. */
export function markFollowUp(trx: Kysely<DB>): FollowUpMark | undefined {
  const f = followUps.get(trx)
  return f && { before: [...f.before], after: [...f.after] }
}

/** Forgets what was registered in `trx` since `mark`: the work it was for was rolled back to its savepoint. */
export function rollbackFollowUp(trx: Kysely<DB>, mark: FollowUpMark | undefined): void {
  const f = followUps.get(trx)
  if (!f || !mark) return
  f.before = new Map(mark.before)
  f.after = new Map(mark.after)
}

/** Runs `work` in one transaction of `db`, then its before-commit tasks in it, and after the commit its after-commit tasks. */
export async function inTransaction<T>(db: Database, work: (trx: ScopedDb) => Promise<T>): Promise<T> {
  return transactionWithFollowUp(db, work, false)
}

/**
 * `inTransaction` for many units of work applied one after the other (the archive import's
 * batches, a message each under a savepoint): each key's before-commit work (the budget
 * figures) is done once at the end, as the last unit that changed the key registered it — with
 * that unit's date — instead of once per unit. The figures come out as if each unit had
 * committed alone: a key's figures read only the key's own inputs, so the last refresh of a key
 * is the one that stays either way. A unit rolled back to its savepoint takes its registrations
 * with it (`markFollowUp`, `rollbackFollowUp`).
 */
export async function inBatch<T>(db: Database, work: (trx: ScopedDb) => Promise<T>): Promise<T> {
  return transactionWithFollowUp(db, work, true)
}

async function transactionWithFollowUp<T>(db: Database, work: (trx: ScopedDb) => Promise<T>, latest: boolean): Promise<T> {
  const f: FollowUp = { before: new Map(), after: new Map(), latest }
  const result = await db.transaction().execute(async (trx) => {
    followUps.set(trx, f)
    const value = await work(trx)
    await runBeforeCommit(trx)
    return value
  })
  faultPoint('na-commit')
  for (const [key, task] of f.after) {
    try {
      // The change committed: its follow-up runs even when the request's client has gone.
      await outsideRequest(() => task(db))
    } catch (error) {
      log.error('follow-up after commit failed', { key, error: (error as Error).message })
    }
  }
  return result
}

/**
 * Runs `work` as `actor`. Given the system database it opens a transaction; given a
 * transaction of the system connection (the demo builder), it scopes a part of it and
 * returns to the system role afterwards.
 */
export async function withActor<T>(db: Database | ScopedDb, actor: ActorScope, work: (trx: ScopedDb) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    const trx = db as ScopedDb
    await enterScope(trx, actor)
    const result = await work(trx)
    await leaveScope(trx)
    return result
  }
  return inTransaction(db as Database, async (trx) => {
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
export function partyCondition(actor: Pick<ActorScope, 'regionId' | 'gemeenteId' | 'providerId'>, alias: string) {
  return sql`${sql.ref(`${alias}.region_id`)} = ${actor.regionId}
    and ${narrowTo(`${alias}.gemeente_id`, actor.gemeenteId)}
    and ${narrowTo(`${alias}.provider_id`, actor.providerId)}`
}
