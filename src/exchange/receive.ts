/**
 * The inbox: one incoming message, read, checked and processed in one transaction, and
 * answered with its retour. A message is processed as the receiving gemeente (its back
 * office receives it; the provider who uploads it only proves it is the sender).
 *
 * - Level 1 (not XML, not the XSD): refused, not stored; no retour is possible.
 * - The same BerichtIdentificatie from the same sender again: with the same bytes nothing
 *   changes and the answer says so; with other bytes it is refused with 9056.
 * - Level 2 (CD/CS rules): stored as afgekeurd, retour with 0001 in the header.
 * - Level 3 (the ledger: TR019, TR326, …): per berichtklasse — an accepted class changes
 *   the ledger, a rejected one changes nothing and gets its retourcode.
 * A crash anywhere rolls the whole message back.
 */
import { type Actor, systemActor } from '../auth/actor.ts'
import type { Database } from '../db/database.ts'
import { type ScopedDb, withActor } from '../db/scope.ts'
import { type HeenCode, type MessageCode, type MessageKind, isHeen, messageName, retourOf, senderRole } from '../istandaarden/messages/message-catalog.ts'
import { type MessageObject, parseMessage } from '../istandaarden/messages/read-message.ts'
import { GEEN_OPMERKING, buildRetour } from '../istandaarden/messages/retour.ts'
import { TECHNICAL_REJECTION, type Violation } from '../istandaarden/messages/violations.ts'
import { AppError } from '../shared/errors.ts'
import { type Moment, momentOf } from '../shared/moment.ts'
import { looksLikeDeclaration, receiveDeclaration } from '../declaraties/declaratie.receive.ts'
import { handleStart, handleStop } from '../delivery/start-stop.receive.ts'
import { handleChangeRequest, handleRequest } from '../requests/request.receive.ts'
import { type HandlerResult, type MessageHandler, type MessageProblem, asArray } from './handler.ts'
import { type Party, nextIdentificatie, queueOutgoing, sha256, wetOf } from './outbox.ts'

export type ReceiveOutcome = 'verwerkt' | 'afgekeurd' | 'al_ontvangen' | 'onleesbaar'

export interface ReceiveResult {
  outcome: ReceiveOutcome
  message: string | null
  identificatie: string | null
  messageId: number | null
  retourId: number | null
  retourCodes: string[]
  problems: MessageProblem[]
  summary: string
  /** For a 323: what became of the declaration (null when it was not processed). */
  declaratie?: { id: number; regels: number; goedgekeurd: number; afgewezen: number; ingediendCents: number; toegekendCents: number } | null
}

export const problemOf = (v: Violation): MessageProblem => ({ rule: v.rule, retourcode: v.retourcode, message: `${v.line}:${v.column} ${v.message}`, path: v.path })

/** The codes a retour carries, distinct; 0200 when nothing was remarked. */
function codesOf(headerCodes: readonly string[], classCodes: ReadonlyMap<MessageObject, string[]> = new Map()): string[] {
  const all = [...new Set([...headerCodes, ...[...classCodes.values()].flat()])]
  return all.length > 0 ? all : [GEEN_OPMERKING]
}

/** The answer on a message that is not XML or not the XSD (level 1): nothing stored, no retour possible. */
export function unreadable(kind: MessageKind | undefined, violations: readonly Violation[]): ReceiveResult {
  return {
    outcome: 'onleesbaar',
    message: kind ? messageName(kind) : null,
    identificatie: null,
    messageId: null,
    retourId: null,
    retourCodes: [TECHNICAL_REJECTION],
    problems: violations.slice(0, 200).map(problemOf),
    summary: 'niet te lezen volgens XML en XSD: geen retour mogelijk',
  }
}

/** The receiving gemeente's message processing: the actor incoming and outgoing messages are handled as. */
export function gatewayActor(regionId: number, gemeente: { id: number; cbs_code: string }): Actor {
  return { userId: null, name: `berichtenverkeer ${gemeente.cbs_code}`, role: 'gemeente', regionId, gemeenteId: gemeente.id, providerId: null }
}

/** The region's own view, for resolving codes before the gemeente is known. */
export const regionActor = (regionId: number): Actor => systemActor(regionId, 'berichtenverkeer')

const handlers: Partial<Record<MessageCode, MessageHandler>> = {
  '305': handleStart,
  '307': handleStop,
  '315': handleRequest,
  '317': handleChangeRequest,
}

export interface ReceiveOptions {
  /** Set when a provider uploads: the message must come from this provider. */
  asProviderId?: number
  /** Set when a gemeente's user uploads a message it received another way: it must be addressed to that gemeente. */
  asGemeenteId?: number
  at?: Moment
}

/** Receives one message for region `regionId`. */
export async function receiveMessage(db: Database | ScopedDb, regionId: number, bytes: Uint8Array, options: ReceiveOptions = {}): Promise<ReceiveResult> {
  // A 323 may be large: it is read as a stream (src/declaraties).
  if (looksLikeDeclaration(bytes)) return receiveDeclaration(db, regionId, bytes, options)
  const at = options.at ?? momentOf()
  const parsed = parseMessage(bytes, { maxViolations: 50 })
  const levelOne = parsed.violations.filter((v) => v.level === 1)
  if (!parsed.message || !parsed.body || levelOne.length > 0) return unreadable(parsed.message, levelOne.length > 0 ? levelOne : parsed.violations)
  const kind = parsed.message
  const heen = parsed.body
  if (senderRole[kind.code] !== 'aanbieder') {
    throw new AppError('invalid_input', `${messageName(kind)} is sent by a gemeente; Koers receives only what providers send (302, 305, 307, 315, 317, 320)`)
  }

  const header = heen.Header as MessageObject
  // A retour repeats its heen header: there the gemeente is the Afzender.
  const isRetour = !isHeen(kind.code)
  const providerCode = String(isRetour ? header.Ontvanger : header.Afzender)
  const gemeenteCode = String(isRetour ? header.Afzender : header.Ontvanger)
  const ident = header.BerichtIdentificatie as MessageObject
  const identificatie = String(isRetour ? header.IdentificatieRetour : ident.Identificatie)
  const dagtekening = String(isRetour ? header.DagtekeningRetour : ident.Dagtekening)

  const run = async (trx: ScopedDb) => {
    const { gemeente, provider } = await withActor(trx, regionActor(regionId), async (r) => ({
      gemeente: await r.selectFrom('gemeente').select(['id', 'cbs_code']).where('cbs_code', '=', gemeenteCode).executeTakeFirst(),
      provider: await r.selectFrom('provider').select(['id', 'agb_code']).where('agb_code', '=', providerCode).executeTakeFirst(),
    }))
    if (!provider) throw new AppError('invalid_input', `${messageName(kind)}: the sender ${providerCode} is not a provider of this region`)
    if (options.asProviderId !== undefined && provider.id !== options.asProviderId) {
      throw new AppError('forbidden', `${messageName(kind)} comes from ${providerCode}, not from your organisation`)
    }
    if (!gemeente) throw new AppError('invalid_input', `${messageName(kind)}: retourcode S300 — gemeente ${gemeenteCode} is not part of this region`)
    if (options.asGemeenteId !== undefined && gemeente.id !== options.asGemeenteId) throw new AppError('forbidden', `${messageName(kind)} is addressed to gemeente ${gemeenteCode}, not to yours`)
    const party: Party = { gemeenteId: gemeente.id, cbsCode: gemeente.cbs_code, providerId: provider.id, agbCode: provider.agb_code }
    const gateway = gatewayActor(regionId, gemeente)
    return withActor(trx, gateway, (g) => process(g, gateway, { kind, heen, bytes, party, identificatie, dagtekening, providerCode, at, violations: parsed.violations }))
  }
  return db.isTransaction ? run(db as ScopedDb) : (db as Database).transaction().execute(run)
}

interface Incoming {
  kind: MessageKind
  heen: MessageObject
  bytes: Uint8Array
  party: Party
  identificatie: string
  dagtekening: string
  providerCode: string
  at: Moment
  violations: ReturnType<typeof parseMessage>['violations']
}

async function process(trx: ScopedDb, actor: Actor, m: Incoming): Promise<ReceiveResult> {
  const wet = wetOf(m.kind.law)
  const name = messageName(m.kind)
  const digest = sha256(m.bytes)
  const base = { message: name, identificatie: m.identificatie }
  const earlier = await trx
    .selectFrom('message')
    .select(['id', 'content_sha256', 'state', 'retour_codes', 'summary'])
    // Named, so the unique key (region_id, wet, code, sender_code, identificatie) finds it: row-level security's region is no index condition.
    .where('region_id', '=', actor.regionId)
    .where('direction', '=', 'in')
    .where('wet', '=', wet)
    .where('code', '=', m.kind.code)
    .where('sender_code', '=', m.providerCode)
    .where('identificatie', '=', m.identificatie)
    .executeTakeFirst()
  if (earlier && earlier.content_sha256 === digest) {
    const retour = await trx.selectFrom('message').select('id').where('answers_message_id', '=', earlier.id).executeTakeFirst()
    return { ...base, outcome: 'al_ontvangen', messageId: earlier.id, retourId: retour?.id ?? null, retourCodes: earlier.retour_codes, problems: [], summary: `al ontvangen en ${earlier.state}: er verandert niets` }
  }
  if (earlier) {
    // 9056: Identificatie is unique per message type for the sender; this one is new content.
    const problem: MessageProblem = { rule: '9056', retourcode: '9056', message: `Identificatie ${m.identificatie} was already used for another ${name} by this sender` }
    const retourId = isHeen(m.kind.code) ? await sendRetour(trx, actor, m, null, ['9056']) : null
    return { ...base, outcome: 'afgekeurd', messageId: null, retourId, retourCodes: ['9056'], problems: [problem], summary: 'dubbele berichtidentificatie' }
  }

  const { id: messageId } = await trx
    .insertInto('message')
    .values({
      region_id: actor.regionId,
      direction: 'in',
      wet,
      code: m.kind.code,
      sender_code: m.providerCode,
      receiver_code: m.party.cbsCode,
      gemeente_id: m.party.gemeenteId,
      provider_id: m.party.providerId,
      identificatie: m.identificatie,
      dagtekening: m.dagtekening,
      state: 'verwerkt',
      content: m.bytes,
      content_size: m.bytes.length,
      content_sha256: digest,
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  let result: HandlerResult
  let headerCodes: string[] = []
  if (m.violations.length > 0) {
    headerCodes = [TECHNICAL_REJECTION]
    result = {
      classCodes: new Map(),
      problems: m.violations.map(problemOf),
      accepted: 0,
      summary: 'technisch afgekeurd (CD/CS-regels)',
    }
  } else if (isHeen(m.kind.code) && m.dagtekening > m.at.date) {
    headerCodes = ['8848']
    result = { classCodes: new Map(), problems: [{ rule: '8848', retourcode: '8848', message: `Dagtekening ${m.dagtekening} lies after today` }], accepted: 0, summary: 'dagtekening in de toekomst' }
  } else if (isHeen(m.kind.code)) {
    result = await handlers[m.kind.code]!({ trx, actor, party: m.party, wet, heen: m.heen, messageId, at: m.at })
  } else {
    result = await linkRetour(trx, m, messageId)
  }

  const rejected = headerCodes.length > 0 || (result.problems.length > 0 && result.accepted === 0)
  const retourCodes = codesOf(headerCodes, result.classCodes)
  const retourId = isHeen(m.kind.code) ? await sendRetour(trx, actor, m, messageId, retourCodes, headerCodes, result.classCodes) : null
  await trx
    .updateTable('message')
    .set({ state: rejected ? 'afgekeurd' : 'verwerkt', retour_codes: retourCodes, problems: JSON.stringify(result.problems), summary: result.summary })
    .where('id', '=', messageId)
    .execute()
  return { ...base, outcome: rejected ? 'afgekeurd' : 'verwerkt', messageId, retourId, retourCodes, problems: result.problems, summary: result.summary }
}

/** Queues the retour on a heen message; `codes` are all its codes (for lists), the rest places them. */
async function sendRetour(trx: ScopedDb, actor: Actor, m: Incoming, answersMessageId: number | null, codes: string[], headerCodes: string[] = codes, classCodes?: Map<MessageObject, string[]>): Promise<number> {
  const code = m.kind.code as Exclude<HeenCode, '323'>
  const retour = buildRetour({
    law: m.kind.law,
    code,
    heen: m.heen,
    identificatie: await nextIdentificatie(trx, actor.regionId, m.party.cbsCode, retourOf[code]),
    dagtekening: m.at.date,
    headerCodes,
    classCodes: (_path, cls) => classCodes?.get(cls),
  })
  return queueOutgoing(trx, actor, {
    wet: wetOf(m.kind.law),
    code: retour.kind.code,
    party: m.party,
    body: retour.body,
    answersMessageId,
    retourCodes: codes,
    summary: `retour op ${messageName(m.kind)} ${m.identificatie}: ${codes.join(', ')}`,
  })
}

/** A 302 or 320 answers one of our 301s or 319s: link it and keep its codes on ours. */
async function linkRetour(trx: ScopedDb, m: Incoming, messageId: number): Promise<HandlerResult> {
  const header = m.heen.Header as MessageObject
  const heenCode = m.kind.code === '302' ? '301' : '319'
  const ident = header.BerichtIdentificatie as MessageObject
  const ours = await trx
    .selectFrom('message')
    .select(['id'])
    .where('direction', '=', 'out')
    .where('code', '=', heenCode)
    .where('sender_code', '=', m.party.cbsCode)
    .where('identificatie', '=', String(ident.Identificatie))
    .executeTakeFirst()
  const codes = collectRetourCodes(m.heen)
  if (!ours) {
    return { classCodes: new Map(), problems: [{ rule: '9063', retourcode: '9063', message: `no ${heenCode} ${String(ident.Identificatie)} was sent to this provider` }], accepted: 0, summary: `retour op onbekend bericht ${String(ident.Identificatie)}` }
  }
  await trx.updateTable('message').set({ retour_codes: codes }).where('id', '=', ours.id).execute()
  await trx.updateTable('message').set({ answers_message_id: ours.id }).where('id', '=', messageId).execute()
  const ok = codes.every((c) => c === '0200')
  return { classCodes: new Map(), problems: [], accepted: 1, summary: ok ? `aanbieder bevestigt ${heenCode} ${String(ident.Identificatie)}: geen opmerkingen` : `aanbieder meldt bij ${heenCode} ${String(ident.Identificatie)}: ${codes.join(', ')}` }
}

/** Every RetourCode anywhere in a retour message, distinct, in order. */
export function collectRetourCodes(value: MessageObject): string[] {
  const out: string[] = []
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk)
    if (v === null || typeof v !== 'object') return
    for (const [k, child] of Object.entries(v as MessageObject)) {
      if (k !== 'RetourCodes') {
        walk(child)
        continue
      }
      for (const c of asArray((child as MessageObject).RetourCode as never).map(String)) {
        if (!out.includes(c)) out.push(c)
      }
    }
  }
  walk(value)
  return out
}
