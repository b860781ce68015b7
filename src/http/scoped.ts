/** Runs a request's work as its actor: logged in, permitted, inside `withActor`. */
import type { Context } from 'hono'
import type { Actor } from '../auth/actor.ts'
import { type Permission, assertCan } from '../auth/permissions.ts'
import { type ScopedDb, withActor } from '../db/scope.ts'
import { AppError } from '../shared/errors.ts'
import type { AppEnv } from './context.ts'

export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor')
  if (!actor) throw new AppError('unauthenticated', 'Log eerst in.')
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
