/**
 * The inbox protocol: what every incoming message goes through before its handler sees it,
 * whatever its code and however it arrives (upload, `koers messages import`, the demo). The
 * small messages (receive.ts) and the streamed 323 (src/declaraties/declaratie.receive.ts)
 * both call it, so the header is checked one way:
 *
 * 1. The sender must be a provider of the region (else refused: there is no one to answer);
 *    an uploading provider may send only its own messages.
 * 2. TR378 (S300, externe bron): the receiving gemeente must be one of the region's; else a
 *    retour with S300 in its header goes back to the sender, and nothing is stored — the
 *    message belongs to no gemeente here.
 * 3. TR056 (9056): the same Identificatie from the same sender for the same message type with
 *    other content is refused in the header; with the same bytes it was received already and
 *    nothing changes.
 * 4. TR135 (8848, externe bron): a Dagtekening after today is refused in the header.
 *
 * A header fault is answered with the Header alone carrying the rule's code (IV028, IV087).
 */
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import { systemActor } from '../auth/actor.ts'
import { type ScopedDb, enterScope, leaveScope } from '../db/scope.ts'
import { type HeenCode, type MessageKind, isHeen, messageName, retourOf } from '../istandaarden/message-catalog.ts'
import type { MessageObject } from '../istandaarden/messages/read-message.ts'
import { headerRetour } from '../istandaarden/messages/retour.ts'
import { TECHNICAL_REJECTION, type Violation } from '../istandaarden/messages/violations.ts'
import { writeMessage } from '../istandaarden/messages/write-message.ts'
import { AppError } from '../shared/errors.ts'
import type { Moment } from '../shared/moment.ts'
import type { MessageProblem } from './handler.ts'
import { type Party, nextIdentificatie, queueOutgoing, wetOf } from './outbox.ts'

export type ReceiveOutcome = 'verwerkt' | 'afgekeurd' | 'al_ontvangen' | 'onleesbaar'

export interface ReceiveResult {
  outcome: ReceiveOutcome
  message: string | null
  identificatie: string | null
  messageId: number | null
  retourId: number | null
  /** The codes the retour (or 325) carries, distinct; empty when it is the Header alone without codes (fully approved). */
  retourCodes: string[]
  problems: MessageProblem[]
  summary: string
  /** The retour as XML when it could not be stored (S300: the message is addressed to no gemeente of this region). */
  retourXml?: string
  /** For a 323: what became of the declaration (null when it was not processed). */
  declaratie?: { id: number; regels: number; goedgekeurd: number; afgewezen: number; ingediendCents: number; toegekendCents: number } | null
}

export interface ReceiveOptions {
  /** Set when a provider uploads: the message must come from this provider. */
  asProviderId?: number
  /** Set when a gemeente's user uploads a message it received another way: it must be addressed to that gemeente. */
  asGemeenteId?: number
  at?: Moment
  /**
   * Observer mode (ADR 0028): the message comes from an archive of traffic that a back office
   * answered. It is judged and changes the ledger as always, but Koers sends nothing: no retour,
   * no 325, not even for a duplicate identification; the back office's own retour is read instead.
   */
  observe?: boolean
}

export const problemOf = (v: Violation): MessageProblem => ({ rule: v.rule, retourcode: v.retourcode, message: `${v.line}:${v.column} ${v.message}`, path: v.path })

/** The answer on a message that is not XML or not the XSD (level 1): nothing stored, no retour (IV028). */
export function unreadable(kind: MessageKind | undefined, violations: readonly Violation[]): ReceiveResult {
  return {
    outcome: 'onleesbaar',
    message: kind ? messageName(kind) : null,
    identificatie: null,
    messageId: null,
    retourId: null,
    retourCodes: [TECHNICAL_REJECTION],
    problems: violations.slice(0, 200).map(problemOf),
    summary: 'niet te lezen volgens XML en XSD: niets opgeslagen, geen retour mogelijk',
  }
}

/** The receiving gemeente's message processing: the actor incoming and outgoing messages are handled as. */
export function gatewayActor(regionId: number, gemeente: { id: number; cbs_code: string }): Actor {
  return { userId: null, name: `berichtenverkeer ${gemeente.cbs_code}`, role: 'gemeente', regionId, gemeenteId: gemeente.id, providerId: null }
}

/** The region's own view, for resolving codes before the gemeente is known. */
export const regionActor = (regionId: number): Actor => systemActor(regionId, 'berichtenverkeer')

/** Who sent a message to whom, and its identification, as its header says. */
export interface Envelope {
  kind: MessageKind
  header: MessageObject
  providerCode: string
  gemeenteCode: string
  identificatie: string
  dagtekening: string
}

export function envelopeOf(kind: MessageKind, header: MessageObject): Envelope {
  // A retour (302, 320) repeats its heen header, where the gemeente is the Afzender; its own identification is IdentificatieRetour.
  const retour = !isHeen(kind.code)
  const ident = header.BerichtIdentificatie as MessageObject
  return {
    kind,
    header,
    providerCode: String(retour ? header.Ontvanger : header.Afzender),
    gemeenteCode: String(retour ? header.Afzender : header.Ontvanger),
    identificatie: String(retour ? header.IdentificatieRetour : ident.Identificatie),
    dagtekening: String(retour ? header.DagtekeningRetour : ident.Dagtekening),
  }
}

/** A message past its header checks: stored (as `verwerkt`, its handler decides the rest), with its parties. */
export interface Admitted {
  party: Party
  actor: Actor
  messageId: number
}

export interface Content {
  /** The bytes, when held whole; a streamed 323 stores them when it has read them. */
  bytes: Uint8Array | null
  /** The SHA-256 of the whole message (read for it alone when the bytes are not held). */
  digest(): Promise<string>
}

/**
 * Checks a message's header and stores it, or answers it: `Admitted`, or the final result
 * (S300, 9056, 8848, received before). Runs in the caller's transaction; from here on the
 * transaction is scoped to the receiving gemeente's message processing.
 */
export async function admit(trx: ScopedDb, regionId: number, env: Envelope, options: ReceiveOptions, at: Moment, content: Content): Promise<Admitted | ReceiveResult> {
  const name = messageName(env.kind)
  const base = { message: name, identificatie: env.identificatie }
  // Both parties in one statement, as the region (each code is unique in it). The scope stays
  // the region's only until it is the receiving gemeente's, or the message is refused here.
  await enterScope(trx, regionActor(regionId))
  const found = await trx
    .selectFrom('gemeente')
    .select([sql.lit('gemeente').as('kind'), 'id', 'cbs_code as code'])
    .where('cbs_code', '=', env.gemeenteCode)
    .unionAll(trx.selectFrom('provider').select([sql.lit('provider').as('kind'), 'id', 'agb_code as code']).where('agb_code', '=', env.providerCode))
    .execute()
  const g = found.find((r) => r.kind === 'gemeente')
  const p = found.find((r) => r.kind === 'provider')
  const gemeente = g && { id: g.id, cbs_code: g.code }
  const provider = p && { id: p.id, agb_code: p.code }
  const refusedHere = !provider || !gemeente || (options.asProviderId !== undefined && provider.id !== options.asProviderId) || (options.asGemeenteId !== undefined && gemeente.id !== options.asGemeenteId)
  if (refusedHere) await leaveScope(trx)
  if (!provider) throw new AppError('message.sender_unknown', `${name}: de afzender ${env.providerCode} is geen aanbieder in deze regio; het bericht is niet opgeslagen`)
  if (options.asProviderId !== undefined && provider.id !== options.asProviderId) {
    throw new AppError('message.sender_not_you', `${name} komt van ${env.providerCode}, niet van uw organisatie`)
  }
  if (!gemeente) {
    const problem: MessageProblem = { rule: 'TR378', retourcode: 'S300', message: `gemeentecode ${env.gemeenteCode} is geen gemeente van deze regio; het bericht is niet opgeslagen` }
    // A refused message changes nothing, not even a counter: the retour's identification is
    // derived from the message it answers (12 hex digits of its digest: one per message).
    const identificatie = createHash('sha256').update(`${env.providerCode}|${env.kind.law}|${env.kind.code}|${env.identificatie}`).digest('hex').slice(0, 12)
    const retour = isHeen(env.kind.code) ? headerRetour({ kind: env.kind, header: env.header, identificatie, dagtekening: at.date, codes: ['S300'] }) : null
    return { ...base, outcome: 'afgekeurd', messageId: null, retourId: null, retourCodes: ['S300'], problems: [problem], summary: 'onbekende gemeente (S300)', retourXml: retour ? writeMessage(retour.kind, retour.body) : undefined }
  }
  if (options.asGemeenteId !== undefined && gemeente.id !== options.asGemeenteId) throw new AppError('message.addressee_not_you', `${name} is gericht aan gemeente ${env.gemeenteCode}, niet aan de uwe`)
  const party: Party = { gemeenteId: gemeente.id, cbsCode: gemeente.cbs_code, providerId: provider.id, agbCode: provider.agb_code }
  const actor = gatewayActor(regionId, gemeente)
  // From here on the message is processed as the receiving gemeente, under its policies.
  await enterScope(trx, actor)

  const wet = wetOf(env.kind.law)
  await lockProvider(trx, regionId, provider.id, wet)
  const earlier = await messageByIdentification(trx, { regionId, wet, code: env.kind.code, senderCode: env.providerCode, identificatie: env.identificatie })
    .select(['id', 'content_sha256', 'state', 'retour_codes'])
    .executeTakeFirst()
  // The digest is read once (for a streamed 323 only when a message with its identification came before).
  let digest: string | undefined
  const digestOnce = async () => (digest ??= await content.digest())
  if (earlier && earlier.content_sha256 === (await digestOnce())) {
    const retour = await trx.selectFrom('message').select('id').where('answers_message_id', '=', earlier.id).executeTakeFirst()
    return { ...base, outcome: 'al_ontvangen', messageId: earlier.id, retourId: retour?.id ?? null, retourCodes: earlier.retour_codes, problems: [], summary: `al ontvangen en ${earlier.state}: er verandert niets` }
  }
  if (earlier) {
    const problem: MessageProblem = { rule: 'TR056', retourcode: '9056', message: `Identificatie ${env.identificatie} is door deze afzender al gebruikt voor een ander ${name}-bericht` }
    // The message cannot be stored beside the earlier one (their key is one); its answer can.
    const retourId = isHeen(env.kind.code) && options.observe !== true ? await sendHeaderRetour(trx, actor, party, env, at, null, ['9056']) : null
    return { ...base, outcome: 'afgekeurd', messageId: null, retourId, retourCodes: ['9056'], problems: [problem], summary: 'dubbele berichtidentificatie (9056)' }
  }
  const { id: messageId } = await trx
    .insertInto('message')
    .values({
      region_id: regionId,
      direction: 'in',
      wet,
      code: env.kind.code,
      sender_code: env.providerCode,
      receiver_code: gemeente.cbs_code,
      gemeente_id: gemeente.id,
      provider_id: provider.id,
      identificatie: env.identificatie,
      dagtekening: env.dagtekening,
      state: 'verwerkt',
      modus: options.observe === true ? 'waarnemend' : 'antwoordend',
      // A streamed message's bytes, size and digest are stored when it has been read.
      content: content.bytes ?? new Uint8Array(0),
      content_kept: content.bytes !== null,
      content_size: content.bytes?.length ?? null,
      content_sha256: content.bytes ? await digestOnce() : '0'.repeat(64),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { party, actor, messageId }
}

/**
 * The message a sender sent with this identification in this law: at most one (9056), found by
 * exactly the unique key (region_id, wet, code, sender_code, identificatie). The region is named
 * too, since row-level security's region is no index condition. Then the planner takes that key
 * whatever its statistics say. With a direction as well, its default guesses for a table without
 * current statistics made message_box_idx (region_id, direction, …) cost the same, and the plan
 * a prepared statement kept read every incoming message of the region for each new one (issue
 * 19: seconds of the demo's first start; admit.plan.test.ts). The sender's code tells the
 * direction: a provider's AGB code, or a gemeente's CBS code. Callers select the columns they
 * need, and may narrow further on a column outside the key (linkRetour: the provider).
 */
export function messageByIdentification(trx: ScopedDb, key: { regionId: number; wet: 'jeugdwet' | 'wmo'; code: string; senderCode: string; identificatie: string }) {
  return trx
    .selectFrom('message')
    .where('region_id', '=', key.regionId)
    .where('wet', '=', key.wet)
    .where('code', '=', key.code)
    .where('sender_code', '=', key.senderCode)
    .where('identificatie', '=', key.identificatie)
}

/**
 * One message per provider and law at a time (PostgreSQL serves many connections): the checks
 * that compare a message with earlier ones — its identification (9056), a ReferentieNummer
 * (TR314), a paid period (9389), volumes (TR321/TR322), a ReferentieAanbieder (TR347), the
 * ledger of starts and stops — see every message of the provider committed before, never one
 * still in progress. A transaction-level advisory lock, taken before the first of those reads
 * (each statement after it reads anew under read committed) and released at commit or rollback.
 * The two keys: the region with the law, and the provider.
 */
async function lockProvider(trx: ScopedDb, regionId: number, providerId: number, wet: 'jeugdwet' | 'wmo'): Promise<void> {
  await sql`select pg_advisory_xact_lock(${regionId * 2 + (wet === 'wmo' ? 1 : 0)}::int, ${providerId}::int)`.execute(trx)
}

export const isAdmitted = (a: Admitted | ReceiveResult): a is Admitted => 'party' in a

/** TR135 (8848): the Dagtekening of a heenbericht may not lie after today. */
export function futureDagtekening(env: Envelope, at: Moment): MessageProblem | null {
  if (!isHeen(env.kind.code) || env.dagtekening <= at.date) return null
  return { rule: 'TR135', retourcode: '8848', message: `Dagtekening ${env.dagtekening} ligt na vandaag (${at.date})` }
}

/** Writes and queues the Header-only retour (or 325) with `codes` on a heenbericht (IV028, IV087). */
export async function sendHeaderRetour(trx: ScopedDb, actor: Actor, party: Party, env: Envelope, at: Moment, answersMessageId: number | null, codes: string[]): Promise<number> {
  const retour = headerRetour({ kind: env.kind, header: env.header, identificatie: await nextIdentificatie(trx, actor.regionId, party.cbsCode, retourOf[env.kind.code as HeenCode]), dagtekening: at.date, codes })
  return queueOutgoing(trx, actor, {
    wet: wetOf(env.kind.law),
    code: retour.kind.code,
    party,
    body: retour.body,
    answersMessageId,
    retourCodes: codes,
    summary: `retour op ${messageName(env.kind)} ${env.identificatie}: ${codes.join(', ')}`,
  })
}
