/**
 * The inbox: one incoming message, read, checked and processed in one transaction, and
 * answered with its retour — the one way in for the upload route, `koers messages import` and
 * the demo. A message is processed as the receiving gemeente (its back office receives it; the
 * provider who uploads it only proves it is the sender).
 *
 * - Level 1 (not XML, not the XSD): refused, not stored; no retour (IV028).
 * - The header (src/exchange/admit.ts): sender, TR378 (S300), TR056 (9056), received before.
 * - Level 2 (the CD/CS rules and the TR rules checked within the message): stored as
 *   afgekeurd, the retour is the Header with 0001.
 * - TR135 (8848): the Header with 8848.
 * - Level 3/4 (the ledger): per berichtklasse by the message's handler — an accepted class
 *   changes the ledger, a rejected one changes nothing and gets its retourcode; the retour
 *   carries only the clients with a rejected class (OP065).
 * - A 323 is read as a stream (src/declaraties/declaratie.receive.ts) through the same header
 *   checks, and answered with a 325 (IV087).
 * A crash anywhere rolls the whole message back.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs'
import type { Database } from '../db/database.ts'
import { type ScopedDb, inTransaction } from '../db/scope.ts'
import { looksLikeDeclaration, receiveDeclaration } from '../declaraties/declaratie.receive.ts'
import { handleStart, handleStop } from '../delivery/start-stop.receive.ts'
import { type Admitted, type Envelope, type ReceiveOptions, type ReceiveResult, admit, envelopeOf, futureDagtekening, isAdmitted, messageByIdentification, problemOf, sendHeaderRetour, unreadable } from '../exchange/admit.ts'
import { type HandlerResult, type MessageHandler, asArray } from '../exchange/handler.ts'
import { nextIdentificatie, queueOutgoing, sha256, wetOf } from '../exchange/outbox.ts'
import { type HeenCode, type MessageCode, isHeen, messageName, retourOf, senderRole } from '../istandaarden/message-catalog.ts'
import { type MessageObject, parseMessage } from '../istandaarden/messages/read-message.ts'
import { buildRetour } from '../istandaarden/messages/retour.ts'
import { TECHNICAL_REJECTION } from '../istandaarden/messages/violations.ts'
import { handleChangeRequest, handleRequest } from '../requests/request.receive.ts'
import { AppError } from '../shared/errors.ts'
import { type Moment, momentOf } from '../shared/moment.ts'


const handlers: Partial<Record<MessageCode, MessageHandler>> = {
  '305': handleStart,
  '307': handleStop,
  '315': handleRequest,
  '317': handleChangeRequest,
}

/** Receives one message for region `regionId`, from a file path or bytes. */
export async function receiveMessage(db: Database | ScopedDb, regionId: number, source: string | Uint8Array, options: ReceiveOptions = {}): Promise<ReceiveResult> {
  // A 323 may be large: it is read as a stream.
  if (looksLikeDeclaration(typeof source === 'string' ? readHead(source) : source)) return receiveDeclaration(db, regionId, source, options)
  const bytes = typeof source === 'string' ? readFileSync(source) : source
  const at = options.at ?? momentOf()
  const parsed = parseMessage(bytes, { maxViolations: 50 })
  const levelOne = parsed.violations.filter((v) => v.level === 1)
  if (!parsed.message || !parsed.body || levelOne.length > 0) return unreadable(parsed.message, levelOne.length > 0 ? levelOne : parsed.violations)
  const kind = parsed.message
  const heen = parsed.body
  if (senderRole[kind.code] !== 'aanbieder') {
    throw new AppError('message.sent_by_gemeente', `${messageName(kind)} wordt door een gemeente verstuurd; Koers ontvangt alleen wat aanbieders sturen (302, 305, 307, 315, 317, 320, 323)`)
  }
  const env = envelopeOf(kind, heen.Header as MessageObject)
  const run = async (trx: ScopedDb) => {
    const admitted = await admit(trx, regionId, env, options, at, { bytes, digest: async () => sha256(bytes) })
    if (!isAdmitted(admitted)) return admitted
    return process(trx, admitted, { env, heen, at, violations: parsed.violations, observe: options.observe === true })
  }
  return db.isTransaction ? run(db as ScopedDb) : inTransaction(db as Database, run)
}

interface Incoming {
  env: Envelope
  heen: MessageObject
  at: Moment
  violations: ReturnType<typeof parseMessage>['violations']
  /** Observer mode (ADR 0028): judged and applied, but not answered — the back office answered it. */
  observe: boolean
}

async function process(trx: ScopedDb, a: Admitted, m: Incoming): Promise<ReceiveResult> {
  const { env } = m
  const base = { message: messageName(env.kind), identificatie: env.identificatie }
  const heen = isHeen(env.kind.code)
  const late = futureDagtekening(env, m.at)
  let headerCodes: string[] = []
  let result: HandlerResult
  if (m.violations.length > 0) {
    // IV028: a level-2 fault is answered with the Header alone and 0001.
    headerCodes = [TECHNICAL_REJECTION]
    result = { classCodes: new Map(), problems: m.violations.map(problemOf), accepted: 0, summary: 'technisch afgekeurd (regels binnen het bericht)' }
  } else if (late) {
    headerCodes = [late.retourcode]
    result = { classCodes: new Map(), problems: [late], accepted: 0, summary: 'dagtekening in de toekomst' }
  } else if (heen) {
    result = await handlers[env.kind.code]!({ trx, actor: a.actor, party: a.party, wet: wetOf(env.kind.law), heen: m.heen, messageId: a.messageId, at: m.at })
  } else {
    result = await linkRetour(trx, a, m)
  }

  const rejected = headerCodes.length > 0 || (result.problems.length > 0 && result.accepted === 0)
  const retourCodes = headerCodes.length > 0 ? headerCodes : [...new Set([...result.classCodes.values()].flat())]
  let retourId: number | null = null
  if (m.observe) retourId = null
  else if (heen && headerCodes.length > 0) retourId = await sendHeaderRetour(trx, a.actor, a.party, env, m.at, a.messageId, headerCodes)
  else if (heen) retourId = await sendClassRetour(trx, a, m, result.classCodes, retourCodes)
  await trx
    .updateTable('message')
    .set({ state: rejected ? 'afgekeurd' : 'verwerkt', retour_codes: retourCodes, problems: JSON.stringify(result.problems), summary: result.summary })
    .where('id', '=', a.messageId)
    .execute()
  return { ...base, outcome: rejected ? 'afgekeurd' : 'verwerkt', messageId: a.messageId, retourId, retourCodes, problems: result.problems, summary: result.summary }
}

/** Queues the retour judged class by class: the Header alone when nothing was rejected (IV028). */
async function sendClassRetour(trx: ScopedDb, a: Admitted, m: Incoming, classCodes: ReadonlyMap<MessageObject, readonly string[]>, codes: string[]): Promise<number> {
  const code = m.env.kind.code as Exclude<HeenCode, '323'>
  const retour = buildRetour({
    law: m.env.kind.law,
    code,
    heen: m.heen,
    identificatie: await nextIdentificatie(trx, a.actor.regionId, a.party.cbsCode, retourOf[code]),
    dagtekening: m.at.date,
    classCodes,
  })
  return queueOutgoing(trx, a.actor, {
    wet: wetOf(m.env.kind.law),
    code: retour.kind.code,
    party: a.party,
    body: retour.body,
    answersMessageId: a.messageId,
    retourCodes: codes,
    summary: `retour op ${messageName(m.env.kind)} ${m.env.identificatie}: ${codes.length > 0 ? codes.join(', ') : 'goedgekeurd'}`,
  })
}

/**
 * A 302 or 320 answers one of our 301s or 319s to this provider: link it and keep its codes
 * on ours. Only a 301/319 sent to the same provider in the same law can be answered by it.
 */
async function linkRetour(trx: ScopedDb, a: Admitted, m: Incoming): Promise<HandlerResult> {
  const header = m.heen.Header as MessageObject
  const heenCode = m.env.kind.code === '302' ? '301' : '319'
  const ident = String((header.BerichtIdentificatie as MessageObject).Identificatie)
  const ours = await messageByIdentification(trx, { regionId: a.actor.regionId, wet: wetOf(m.env.kind.law), code: heenCode, senderCode: a.party.cbsCode, identificatie: ident })
    .select(['id', 'verstuurde_versies'])
    .where('provider_id', '=', a.party.providerId)
    .executeTakeFirst()
  const codes = collectRetourCodes(m.heen)
  if (!ours) {
    return { classCodes: new Map(), problems: [{ rule: 'TR063', retourcode: '9063', message: `geen ${heenCode} met identificatie ${ident} aan deze aanbieder verstuurd` }], accepted: 0, summary: `retour op onbekend bericht ${ident}` }
  }
  await trx.updateTable('message').set({ retour_codes: codes }).where('id', '=', ours.id).execute()
  await trx.updateTable('message').set({ answers_message_id: ours.id }).where('id', '=', a.messageId).execute()
  // IV028: a code in the retour's Header refuses the message whole; OP286: it then counts as
  // not sent, so the toewijzingen of a refused 301 go back to the version sent before (the
  // next 301 carries them again), unless a later version went out meanwhile.
  const headerCodes = asArray((header.RetourCodes as MessageObject | undefined)?.RetourCode as never).map(String)
  const refused = headerCodes.some((c) => c !== '0200')
  if (refused) {
    for (const v of ours.verstuurde_versies ?? []) {
      await trx.updateTable('toewijzing').set({ sent_version: v.vorige }).where('id', '=', v.toewijzingId).where('sent_version', '=', v.version).execute()
    }
  }
  // IV028: a retour without codes, or with 0200 only, approves the message.
  const ok = codes.every((c) => c === '0200')
  const summary = ok ? `aanbieder bevestigt ${heenCode} ${ident}: geen opmerkingen` : refused ? `aanbieder keurt ${heenCode} ${ident} af (${headerCodes.join(', ')}): geldt als niet verstuurd` : `aanbieder meldt bij ${heenCode} ${ident}: ${codes.join(', ')}`
  return { classCodes: new Map(), problems: [], accepted: 1, summary }
}

/** Every RetourCode anywhere in a retour message, distinct, in order. */
function collectRetourCodes(value: MessageObject): string[] {
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

/** The first 4 KB of a file: enough to see which message it is. */
function readHead(file: string): Uint8Array {
  const fd = openSync(file, 'r')
  try {
    const head = Buffer.alloc(4096)
    return head.subarray(0, readSync(fd, head, 0, head.length, 0))
  } finally {
    closeSync(fd)
  }
}

