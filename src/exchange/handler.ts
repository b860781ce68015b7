/** What a handler of an incoming message gets and gives back. */
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import type { Wet } from '../istandaarden/codelists.ts'
import type { MessageObject, MessageValue } from '../istandaarden/messages/read-message.ts'
import type { Moment } from '../shared/moment.ts'
import type { Party } from './outbox.ts'

/** A problem found in a message, in the standard's terms; never carries a BSN or a name. */
export interface MessageProblem {
  /** The rule: `TR019`, `TR326`, `CS002`, `XSD-…`. */
  rule: string
  retourcode: string
  message: string
  /** Where: the berichtklasse and its key, e.g. `StartProduct 300201`. */
  path?: string
  /** Set when the problem is also a signal for the ledger (e.g. `andere_aanbieder`). */
  signal?: string
}

export interface HandlerContext {
  trx: ScopedDb
  /** The receiving gemeente's message processing. */
  actor: Actor
  party: Party
  wet: Wet
  heen: MessageObject
  messageId: number
  at: Moment
}

export interface HandlerResult {
  /** Retourcodes per berichtklasse object of `heen` (by identity); absent means 0200. */
  classCodes: Map<MessageObject, string[]>
  problems: MessageProblem[]
  /** Classes accepted; a message with problems and nothing accepted counts as afgekeurd. */
  accepted: number
  /** One line without personal data. */
  summary: string
}

/** Observer mode (ADR 0028): one berichtklasse of a provider's message (305, 307, 315, 317), Koers' verdict beside the back office's, and what the ledger or work queue did to follow the latter. */
export interface FollowedClass {
  cls: MessageObject
  /** Koers' rules took the class in when the message was read. */
  koers: boolean
  /** The back office's retour took it in. */
  backoffice: boolean
  /** `gelijk`: nothing to do; `teruggedraaid`: what Koers applied is undone; `toegepast`: applied as the back office accepted it; `niet_te_volgen`: the ledger does not allow it (`reason`). */
  done: 'gelijk' | 'teruggedraaid' | 'toegepast' | 'niet_te_volgen'
  reason?: string
}

export type MessageHandler = (ctx: HandlerContext) => Promise<HandlerResult>

/** A repeated element as an array (the reader gives an array for maxOccurs > 1). */
export function asArray(value: MessageValue | undefined): MessageObject[] {
  if (value === undefined) return []
  return (Array.isArray(value) ? value : [value]) as MessageObject[]
}

export const text = (value: MessageValue | undefined): string | undefined => (value === undefined ? undefined : String(value))

/** Collects codes per class and the problems behind them. */
export class Verdicts {
  readonly classCodes = new Map<MessageObject, string[]>()
  readonly problems: MessageProblem[] = []
  accepted = 0

  reject(cls: MessageObject, problem: MessageProblem): void {
    const codes = this.classCodes.get(cls) ?? []
    if (!codes.includes(problem.retourcode)) codes.push(problem.retourcode)
    this.classCodes.set(cls, codes)
    this.problems.push(problem)
  }

  isRejected(cls: MessageObject): boolean {
    return this.classCodes.has(cls)
  }

  result(summary: string): HandlerResult {
    return { classCodes: this.classCodes, problems: this.problems, accepted: this.accepted, summary }
  }
}
