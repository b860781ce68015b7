/** Runs a request's work as its actor: logged in, permitted, inside `withActor`. */
import type { Context } from 'hono'
import type { Actor } from '../auth/actor.ts'
import { type Permission, assertCan } from '../auth/permissions.ts'
import { type ScopedDb, withActor } from '../db/scope.ts'
import { AppError } from '../shared/errors.ts'
import type { AppEnv } from './context.ts'

export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor')
  if (!actor) throw new AppError('session.missing', 'Log eerst in.')
  return actor
}

export async function asActor<T>(
  c: Context<AppEnv>,
  permission: Permission,
  work: (trx: ScopedDb, actor: Actor) => Promise<T>,
): Promise<T> {
  const actor = requireActor(c)
  assertCan(actor, permission)
  return withActor(c.get('deps').db, actor, (trx) => work(trx, actor))
}

/**
 * For work that opens more than one transaction (reads that may run side by side): the actor,
 * checked for `permission`, and a way to run a piece of work in its own scoped transaction.
 */
export function scopedRunner(c: Context<AppEnv>, permission: Permission): { actor: Actor; run: <T>(work: (trx: ScopedDb) => Promise<T>) => Promise<T> } {
  const actor = requireActor(c)
  assertCan(actor, permission)
  const db = c.get('deps').db
  return { actor, run: (work) => withActor(db, actor, work) }
}
