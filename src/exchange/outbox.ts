/**
 * The outbox: every message Koers sends (301, 306, 308, 316, 318, 319) is written with the
 * iStandaarden writer — which refuses to write anything the XSD or a CD/CS rule would
 * refuse — and kept with its bytes until the provider downloads it.
 */
import { createHash } from 'node:crypto'
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import { nextNumber, raiseNumber } from '../db/sequences.ts'
import { type Law, type MessageCode, berichtCodes } from '../istandaarden/message-catalog.ts'
import { type WritableObject, writeMessage, xsdVersieOf } from '../istandaarden/messages/write-message.ts'
import type { Wet } from '../istandaarden/codelists.ts'

export const lawOf = (wet: Wet): Law => (wet === 'jeugdwet' ? 'ijw' : 'iwmo')
export const wetOf = (law: Law): Wet => (law === 'ijw' ? 'jeugdwet' : 'wmo')

export interface Party {
  gemeenteId: number
  cbsCode: string
  providerId: number
  agbCode: string
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/** A fresh Identificatie for `code` from `senderCode`: unique per message type per sender (9056). */
export async function nextIdentificatie(trx: ScopedDb, regionId: number, senderCode: string, code: MessageCode): Promise<string> {
  return String(await nextNumber(trx, regionId, identificatieScope(senderCode, code)))
}

const identificatieScope = (senderCode: string, code: MessageCode) => `identificatie:${senderCode}:${code}`

/**
 * Observer mode (ADR 0028): an identification the back office gave a message of this sender
 * and type; when it is a number, `nextIdentificatie` continues after it, so Koers answering
 * after a switch does not use it again.
 */
export async function followIdentificatie(trx: ScopedDb, regionId: number, senderCode: string, code: MessageCode, identificatie: string): Promise<void> {
  if (/^\d{1,15}$/.test(identificatie)) await raiseNumber(trx, regionId, identificatieScope(senderCode, code), Number(identificatie))
}

/** The header of a message the gemeente sends. */
export function gemeenteHeader(law: Law, code: MessageCode, party: Party, identificatie: string, dagtekening: string): WritableObject {
  return {
    BerichtCode: berichtCodes[law][code],
    BerichtVersie: '3',
    BerichtSubversie: '2',
    Afzender: party.cbsCode,
    Ontvanger: party.agbCode,
    BerichtIdentificatie: { Identificatie: identificatie, Dagtekening: dagtekening },
    XsdVersie: xsdVersieOf({ law, code }),
  }
}

export interface Outgoing {
  wet: Wet
  code: MessageCode
  party: Party
  /** The message body; `Header.BerichtIdentificatie` must be set. */
  body: WritableObject
  answersMessageId?: number | null
  retourCodes?: string[]
  /** One line without personal data, for lists. */
  summary: string
}

/** Writes and stores one outgoing message; returns its id. */
export async function queueOutgoing(trx: ScopedDb, actor: Actor, out: Outgoing): Promise<number> {
  const law = lawOf(out.wet)
  const xml = writeMessage({ law, code: out.code }, out.body, { checkRules: true })
  const bytes = new TextEncoder().encode(xml)
  const header = out.body.Header as WritableObject
  // A retour repeats the heen header; its own identification is IdentificatieRetour.
  const ident =
    header.IdentificatieRetour !== undefined
      ? { Identificatie: String(header.IdentificatieRetour), Dagtekening: String(header.DagtekeningRetour) }
      : (header.BerichtIdentificatie as { Identificatie: string; Dagtekening: string })
  const row = await trx
    .insertInto('message')
    .values({
      region_id: actor.regionId,
      direction: 'out',
      wet: out.wet,
      code: out.code,
      sender_code: out.party.cbsCode,
      receiver_code: out.party.agbCode,
      gemeente_id: out.party.gemeenteId,
      provider_id: out.party.providerId,
      identificatie: ident.Identificatie,
      dagtekening: ident.Dagtekening,
      state: 'klaar',
      answers_message_id: out.answersMessageId ?? null,
      retour_codes: out.retourCodes ?? [],
      summary: out.summary,
      content: bytes,
      content_size: bytes.length,
      content_sha256: sha256(bytes),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Looks up the two parties of a message between a gemeente and a provider. */
export async function loadParty(trx: ScopedDb, gemeenteId: number, providerId: number): Promise<Party> {
  const [g, p] = await Promise.all([
    trx.selectFrom('gemeente').select(['id', 'cbs_code']).where('id', '=', gemeenteId).executeTakeFirstOrThrow(),
    trx.selectFrom('provider').select(['id', 'agb_code']).where('id', '=', providerId).executeTakeFirstOrThrow(),
  ])
  return { gemeenteId: g.id, cbsCode: g.cbs_code, providerId: p.id, agbCode: p.agb_code }
}
