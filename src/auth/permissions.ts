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
  /** The region's huisstijl (logo and colours over the Koers theme): the region's team. */
  'huisstijl.write': ['regio'],
  /** Observer mode (ADR 0028): the region's mode; switching and importing an archive is the region's team's. */
  'archief.read': ['regio', 'gemeente', 'toezichthouder'],
  'archief.write': ['regio'],
  /** What archive imports could not match, over every gemeente of the region: region-wide roles only. */
  'archief.onverwerkt.read': ['regio', 'toezichthouder'],
  /** The second opinion on the back office's answers: the region, a gemeente its own, a provider its own, the supervisor. */
  'archief.tweede_mening.read': ['regio', 'gemeente', 'aanbieder', 'toezichthouder'],
  /** Budgets: gemeente roles see their own gemeente plus regional totals; providers their own. */
  'budget.read': ['regio', 'gemeente', 'aanbieder', 'toezichthouder'],
  /**
   * The gemeente budgets themselves and what is built from them — the totals per Iv3 taakveld, the
   * proposal of provider budgets (every provider's realisation against the gemeente's budget): the
   * region, a gemeente its own, the toezichthouder. Not a provider (issue 17 §7).
   */
  'budget.gemeente.read': ['regio', 'gemeente', 'toezichthouder'],
  'budget.gemeente.write': ['regio', 'gemeente'],
  'budget.provider.write': ['regio'],
  /** The regional dashboard: the region sees every gemeente, a gemeente its own and the regional totals. */
  'dashboard.read': ['regio', 'gemeente', 'toezichthouder'],
  /** Budget signals (seed 004 §5.6): a gemeente follows up its own, the region the rest. */
  'budgetsignaal.read': ['regio', 'gemeente', 'toezichthouder'],
  'budgetsignaal.write': ['regio', 'gemeente'],
  /** The margin above pro rata before a provider is signalled; recomputing the region's figures. */
  'signaalinstelling.write': ['regio'],
  /**
   * Bestedingsruimte per provider (contractstandaard Wmo art. 1.5): the region, gemeenten and the
   * supervisor read all; a provider its own bestedingsruimte, written notices and cliëntenstops.
   */
  'bestedingsruimte.read': ['regio', 'gemeente', 'aanbieder', 'toezichthouder'],
  /** Set it, send the written notice, record consultation and decision, set and lift a cliëntenstop: the region's team. */
  'bestedingsruimte.write': ['regio'],
  /** Art. 1.6: providers with too little realisation in their first 12 months, as input for the conversation. */
  'bestedingsruimte.inzet.read': ['regio', 'toezichthouder'],
  /** KPIs, segment pages and scorecards: in the actor's scope (a provider its own), counts under 5 suppressed. */
  'kpi.read': everyone,
  /** What-if scenarios per segment (issue 22): the region all gemeenten, a gemeente its own; the supervisor reads. */
  'scenario.read': ['regio', 'gemeente', 'toezichthouder'],
  'scenario.write': ['regio', 'gemeente'],
  /** Strategy targets per segment. */
  'doel.write': ['regio'],
  /** Outcome measurements (T1/T2/T3): the lokaal team for its residents, a provider for its own clients. */
  'uitkomst.write': ['lokaal_team', 'aanbieder'],
  /** Register a client (BSN) in the own gemeente. */
  'client.register': ['lokaal_team'],
  /** Aggregate client counts (suppressed under 5). */
  'client.count': ['regio', 'gemeente', 'lokaal_team', 'toezichthouder'],
  /** Search a client by BSN and open the client file; every look is audited. */
  'client.read': ['lokaal_team', 'toezichthouder'],
  /**
   * Personal data of the clients in the actor's scope — names, birth dates, addresses, the BSN in
   * a message's XML: the lokaal team its gemeente's, a provider those of its own traffic (what it
   * sent and what was sent to it), the toezichthouder the region's. Every read is audited
   * (ADR 0020). A gemeente's own users (beleid, financiën) see requests and messages without it.
   */
  'personal_data.read': ['lokaal_team', 'aanbieder', 'toezichthouder'],
  /** Issue and change beschikkingen and toewijzingen; approve another's exception. */
  'toewijzing.write': ['lokaal_team'],
  /** Active toewijzingen and verplichtingen per segment, provider and gemeente (aggregates). */
  'toewijzing.totals': ['regio', 'gemeente', 'lokaal_team', 'aanbieder', 'toezichthouder'],
  /** The work queue of 315/317 requests: the gemeente's, or a provider's own. */
  'request.read': ['lokaal_team', 'gemeente', 'aanbieder', 'toezichthouder'],
  /** Approve or refuse a request (301 or 319). */
  'request.decide': ['lokaal_team'],
  /** Inbox and outbox: the gemeente's, or a provider's own. */
  'message.read': ['lokaal_team', 'gemeente', 'aanbieder', 'toezichthouder'],
  /** Mark a message the gemeente sent as fetched (opgehaald): the provider it was sent to. */
  'message.mark_fetched': ['aanbieder'],
  /** Upload a message: a provider its own; a gemeente one it received another way. */
  'message.upload': ['aanbieder', 'gemeente', 'lokaal_team'],
  /** Signals from the toewijzingen ledger. */
  'signal.toegang': ['lokaal_team', 'gemeente', 'toezichthouder'],
  /** Declarations and their lines: the gemeente's, or a provider's own. */
  'declaratie.read': ['gemeente', 'aanbieder', 'toezichthouder'],
  /** The realisation per grouping (aggregates without personal data). */
  'realisatie.read': ['regio', 'gemeente', 'aanbieder', 'toezichthouder'],
  /** Taakgericht payments per provider contract: entered or imported. */
  'taakgericht.write': ['regio', 'gemeente'],
  /** Lawfulness samples and signals (seed 004 ch. 9): the gemeente's own controls. */
  'rechtmatigheid.read': ['gemeente', 'toezichthouder'],
  'rechtmatigheid.write': ['gemeente'],
  /**
   * Draw a lawfulness sample: a gemeente from its own declarations, the toezichthouder from
   * those of a gemeente it names (issue 18 §6; migration 0020 lets the database agree).
   */
  'steekproef.draw': ['gemeente', 'toezichthouder'],
  /**
   * The audit log of personal-data reads, for the privacy officer (issue 17 §3): the region's
   * team reads all of its region's lines, a gemeente's users those about its residents. Not the
   * roles whose reads it records (lokaal team, providers, toezichthouder); migration 0019.
   */
  'audit.read': ['regio', 'gemeente'],
  /**
   * Contract management (issue 20, migration 0027): accounts, account conversations and agreements. The region's team
   * and the toezichthouder read the region's, a provider its own (without the team's notes); a gemeente does not.
   */
  'account.read': ['regio', 'aanbieder', 'toezichthouder'],
  'account.write': ['regio'],
  /** A provider marks its own part of an agreement done, with a note. */
  'agreement.provider_done': ['aanbieder'],
  /**
   * The integrity and financial-health register of providers (issue 21, ADR 0035): the region's
   * team and the toezichthouder every provider's, a gemeente reads, a provider its own.
   */
  'integriteit.read': ['regio', 'gemeente', 'aanbieder', 'toezichthouder'],
  /** Record an entry or an annual account: the region's team and the toezichthouder any; a provider its own, of the kinds it reports. */
  'integriteit.write': ['regio', 'aanbieder', 'toezichthouder'],
  /** The sanctions list, the signals' floors and ceilings, and following the integrity signals up. */
  'integriteit.beheer': ['regio', 'toezichthouder'],
  /** The integrity signals: internal, so not for providers; a gemeente (its finance team) reads them. */
  'integriteitsignaal.read': ['regio', 'gemeente', 'toezichthouder'],
  /** Lawfulness investigations: the region's team (ICM) and the toezichthouder; a provider reads what it must answer. */
  'onderzoek.read': ['regio', 'aanbieder', 'toezichthouder'],
  'onderzoek.write': ['regio', 'toezichthouder'],
  'termijn.read': everyone, // chain deadlines (docs/termijnen.md): the region all, a gemeente and a provider their own
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof permissions

export function can(actor: Pick<Actor, 'role'>, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(actor.role)
}

/** Every permission of a role, for a client that shows only what the user may do. */
export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(permissions) as Permission[]).filter((p) => can({ role }, p))
}

export function assertCan(actor: Pick<Actor, 'role'>, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError('role.not_permitted', `the role ${actor.role} may not do ${permission}`)
  }
}
