/**
 * Which message an archive file holds and in which order the import applies it (ADR 0028).
 * Pure: the head of a message in, its place out.
 *
 * An archive comes in any order (a back office exports per month, per provider, per type).
 * The ledger needs causes before effects: a 315 before the 319 and 301 that answer it, a 301
 * before the 305 that starts it, a 323 before its 325. The import sorts by the day a message
 * was made — the retour's own DagtekeningRetour for a retour, the Dagtekening otherwise — and,
 * within a day, by the step of the exchange it is (`STAP`); within a step by identification,
 * numbers in numeric order. What still cannot be applied is parked and retried once at the end.
 */
import { type MessageCode, type MessageKind, kindOfNamespace, senderRole } from '../istandaarden/message-catalog.ts'

/** The step of the exchange a message is, within one day: requests, their answers, allocations, delivery, declarations. */
export const STAP: Record<MessageCode, number> = {
  '315': 0, '316': 1, '317': 2, '318': 3, '319': 4, '320': 5,
  '301': 6, '302': 7, '305': 8, '306': 9, '307': 10, '308': 11, '323': 12, '325': 13,
}

export interface Berichtkop {
  kind: MessageKind
  afzender: string
  ontvanger: string
  /** The message's own BerichtIdentificatie (for a retour: that of the heen message it answers). */
  identificatie: string
  dagtekening: string
  /** A retour's own identification and date (IdentificatieRetour, DagtekeningRetour). */
  identificatieRetour?: string
  dagtekeningRetour?: string
  /** A 325: the BerichtIdentificatie of the 323 it answers (DeclaratieIdentificatie). */
  declaratieIdentificatie?: string
}

const NS = /xmlns(?::[A-Za-z0-9_]+)?="([^"]+)"/g
const element = (head: string, name: string): string | undefined => new RegExp(`<(?:[A-Za-z0-9_]+:)?${name}>\\s*([^<]*?)\\s*</`).exec(head)?.[1]
const block = (head: string, name: string): string | undefined => new RegExp(`<(?:[A-Za-z0-9_]+:)?${name}>([\\s\\S]*?)</(?:[A-Za-z0-9_]+:)?${name}>`).exec(head)?.[1]

/**
 * The head of a message (its first few kilobytes) read without parsing the whole: enough to
 * sort an archive of a region's year without holding it. Undefined when it is no iJw/iWmo 3.2
 * message or its Header is incomplete; the import then reads it whole to say why.
 */
export function leesKop(head: string): Berichtkop | undefined {
  let kind: MessageKind | undefined
  for (const m of head.matchAll(NS)) kind ??= kindOfNamespace(m[1]!)
  if (!kind) return undefined
  const bericht = block(head, 'BerichtIdentificatie')
  const afzender = element(head, 'Afzender')
  const ontvanger = element(head, 'Ontvanger')
  const identificatie = bericht && element(bericht, 'Identificatie')
  const dagtekening = bericht && element(bericht, 'Dagtekening')
  if (!afzender || !ontvanger || !identificatie || !dagtekening) return undefined
  const kop: Berichtkop = { kind, afzender, ontvanger, identificatie, dagtekening }
  const identificatieRetour = element(head, 'IdentificatieRetour')
  const dagtekeningRetour = element(head, 'DagtekeningRetour')
  if (identificatieRetour) kop.identificatieRetour = identificatieRetour
  if (dagtekeningRetour) kop.dagtekeningRetour = dagtekeningRetour
  const declaratie = block(head, 'DeclaratieIdentificatie')
  const declaratieIdentificatie = declaratie && element(declaratie, 'Identificatie')
  if (declaratieIdentificatie) kop.declaratieIdentificatie = declaratieIdentificatie
  return kop
}

/** The day a message was made: a retour's DagtekeningRetour, otherwise its Dagtekening. */
export const gemaaktOp = (k: Berichtkop): string => k.dagtekeningRetour ?? k.dagtekening

/** The message's own identification: a retour's IdentificatieRetour, otherwise its BerichtIdentificatie. */
export const eigenIdentificatie = (k: Berichtkop): string => k.identificatieRetour ?? k.identificatie

/** True for what the gemeente (its back office) sends: 301, 306, 308, 316, 318, 319, 325. */
export const vanGemeente = (k: Berichtkop): boolean => senderRole[k.kind.code] === 'gemeente'

/**
 * The gemeente and the provider of a message. A retour repeats the Header of the message it
 * answers (IV028), so a 306/308/316/318 names the provider as Afzender and the gemeente as
 * Ontvanger, though the gemeente sent it; every other message names its own sender.
 */
export function partijen(k: Berichtkop): { gemeente: string; aanbieder: string } {
  const herhaaltHeen = k.identificatieRetour !== undefined
  const gemeenteStuurt = senderRole[k.kind.code] === 'gemeente'
  return gemeenteStuurt !== herhaaltHeen ? { gemeente: k.afzender, aanbieder: k.ontvanger } : { gemeente: k.ontvanger, aanbieder: k.afzender }
}

const numeric = new Intl.Collator('en', { numeric: true })

/** Sorts an archive's messages into the order in which they are applied (see the file's comment). */
export function volgorde<T extends { kop: Berichtkop; bron: string }>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) =>
      gemaaktOp(a.kop).localeCompare(gemaaktOp(b.kop)) ||
      STAP[a.kop.kind.code] - STAP[b.kop.kind.code] ||
      numeric.compare(eigenIdentificatie(a.kop), eigenIdentificatie(b.kop)) ||
      numeric.compare(a.bron, b.bron),
  )
}
