/**
 * What each role may do, declared in one place (STYLE.md §7). Routes and CLI commands
 * check it at the boundary; row-level security checks the data a second time.
 */
import { AppError } from '../shared/errors.ts'
import type { Actor, Role } from './actor.ts'

const everyone: readonly Role[] = ['regio', 'gemeente', 'lokaal_team', 'aanbieder', 'toezichthouder']

export const permissions = {
  /** Gemeenten, segments and their instruments, products and tariffs, contracts. */
  'region.read': everyone,
  /** Configure the strategy: segments, products, tariffs, providers, contracts. */
  'strategy.write': ['regio'],
  /** Budgets: gemeente roles see their own gemeente plus regional totals; providers their own. */
  'budget.read': ['regio', 'gemeente', 'aanbieder', 'toezichthouder'],
  'budget.gemeente.write': ['regio', 'gemeente'],
  'budget.provider.write': ['regio'],
  /** Register a client (BSN) in the own gemeente. */
  'client.register': ['lokaal_team'],
  /** Aggregate client counts (suppressed under 5). */
  'client.count': ['regio', 'gemeente', 'lokaal_team', 'toezichthouder'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof permissions

export function can(actor: Pick<Actor, 'role'>, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(actor.role)
}

export function assertCan(actor: Pick<Actor, 'role'>, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError('forbidden', `the role ${actor.role} may not do ${permission}`)
  }
}
