/**
 * Builds the retour message that answers a heenbericht (302 on 301, 306 on 305, 308 on 307,
 * 316 on 315, 318 on 317, 320 on 319) and the 325 declaratie-antwoord on a 323.
 *
 * A retour repeats the heenbericht: its header (same Afzender, Ontvanger and
 * BerichtIdentificatie, the retour's own BerichtCode) plus IdentificatieRetour,
 * DagtekeningRetour and XsdVersieRetour, and every berichtklasse with its RetourCodes. The
 * codes come from the caller per class; by default a class gets 0200 ("geen opmerking"), and
 * when the header is rejected (0001) the classes below it get 0233 ("niet beoordeeld").
 */
import { type ElementNode, compiledSchema } from './compiled-schema.ts'
import { type HeenCode, type Law, type MessageKind, berichtCodes, retourOf } from './message-catalog.ts'
import type { MessageObject, MessageValue } from './read-message.ts'
import { TECHNICAL_REJECTION } from './violations.ts'
import { type WritableObject, type WritableValue, xsdVersieOf } from './write-message.ts'

export const GEEN_OPMERKING = '0200'
export const NIET_BEOORDEELD = '0233'

export interface RetourInput {
  law: Law
  /** The heenbericht being answered. */
  code: Exclude<HeenCode, '323'>
  heen: MessageObject
  /** The retour's own identification (max 12 characters) and date. */
  identificatie: string
  dagtekening: string
  /** Header-level codes; omitted when empty (the header's RetourCodes is optional). */
  headerCodes?: string[]
  /**
   * Codes for one berichtklasse (Client, StartProduct, …), given its path and the heen object;
   * undefined means the default.
   */
  classCodes?: (path: string, heen: MessageObject) => string[] | undefined
}

/** The retour on a 301/305/307/315/317/319, as a body for `writeMessage`. */
export function buildRetour(input: RetourInput): { kind: MessageKind; body: WritableObject } {
  const code = retourOf[input.code]
  const kind: MessageKind = { law: input.law, code }
  const schema = compiledSchema(input.law, code)
  const headerCodes = input.headerCodes ?? []
  const rejected = headerCodes.includes(TECHNICAL_REJECTION)
  const fallback = rejected ? NIET_BEOORDEELD : GEEN_OPMERKING
  const heenHeader = input.heen.Header as MessageObject
  const header: WritableObject = {
    ...heenHeader,
    BerichtCode: berichtCodes[input.law][code],
    IdentificatieRetour: input.identificatie,
    DagtekeningRetour: input.dagtekening,
    XsdVersieRetour: xsdVersieOf(kind),
    RetourCodes: headerCodes.length > 0 ? { RetourCode: headerCodes } : undefined,
  }
  const body: WritableObject = { Header: header }
  for (const child of schema.root.children!) {
    if (child.name === 'Header') continue
    const heenValue = input.heen[child.name]
    if (heenValue === undefined) continue
    body[child.name] = mirror(child, heenValue, child.name, input.classCodes, fallback)
  }
  return { kind, body }
}

/** Copies a heen value into the retour's shape, adding RetourCodes where the retour has them. */
function mirror(node: ElementNode, value: MessageValue, path: string, classCodes: RetourInput['classCodes'], fallback: string): WritableValue {
  if (!node.children) return value as string | number
  if (Array.isArray(value)) return value.map((v) => mirror(node, v, path, classCodes, fallback) as WritableObject)
  const heen = value as MessageObject
  const out: WritableObject = {}
  for (const child of node.children) {
    if (child.name === 'RetourCodes' && heen.RetourCodes === undefined) {
      out.RetourCodes = { RetourCode: classCodes?.(path, heen) ?? [fallback] }
      continue
    }
    const v = heen[child.name]
    if (v !== undefined) out[child.name] = mirror(child, v, `${path}/${child.name}`, classCodes, fallback)
  }
  return out
}

export interface PrestatieOordeel {
  /** The prestatie as read from the 323 (a record). */
  prestatie: MessageObject
  /** The client's Bsn (from the record's ancestors). */
  bsn: string
  /** Retourcodes; the 325 carries only rejected prestaties (TR342), so never 8001 here. */
  codes: string[]
}

export interface DeclaratieAntwoordInput {
  law: Law
  /** The 323's header and Declaratie (without prestaties: they came as records). */
  header: MessageObject
  declaratie: MessageObject
  /** Koers' own identification of the 325 and its date. */
  identificatie: string
  dagtekening: string
  /** Header codes: 0001 for a technically rejected 323, else 0200 or 8001 (fully granted). */
  headerCodes: string[]
  /** Set when the 323 as a whole was not assessed (0001, 8848, 9056): the 325 is its header alone. */
  headerOnly?: boolean
  /** Codes on the DeclaratieAntwoord itself (default 0200), e.g. 9333 for a DeclaratieNummer used before. */
  declaratieCodes?: string[]
  /** The granted total, in cents, and the rejected prestaties (grouped per client in order given). */
  toegekendBedrag?: number
  afgewezen?: Iterable<PrestatieOordeel>
}

/** The 325 on a 323. Rejected prestaties may be a generator: the 325 streams like the 323. */
export function buildDeclaratieAntwoord(input: DeclaratieAntwoordInput): { kind: MessageKind; body: WritableObject } {
  const kind: MessageKind = { law: input.law, code: '325' }
  const h = input.header
  const header: WritableObject = {
    BerichtCode: berichtCodes[input.law]['325'],
    BerichtVersie: 3,
    BerichtSubversie: 2,
    // The answer goes back: the gemeente sends, the aanbieder receives.
    Afzender: h.Ontvanger as string,
    Ontvanger: h.Afzender as string,
    BerichtIdentificatie: { Identificatie: input.identificatie, Dagtekening: input.dagtekening },
    XsdVersie: xsdVersieOf(kind),
    DeclaratieIdentificatie: h.BerichtIdentificatie as MessageObject,
    XsdVersieDeclaratie: h.XsdVersie as MessageObject,
    RetourCodes: { RetourCode: input.headerCodes },
  }
  const body: WritableObject = { Header: header }
  if (input.headerOnly || input.headerCodes.includes(TECHNICAL_REJECTION)) return { kind, body }
  const d = input.declaratie
  const totaal = d.TotaalIngediendBedrag as MessageObject
  const toegekend = input.toegekendBedrag ?? 0
  const antwoord: WritableObject = {
    DeclaratieNummer: d.DeclaratieNummer as string,
    TotaalIngediendBedrag: { TotaalBedrag: totaal.TotaalBedrag as number, DebetCredit: totaal.DebetCredit as string },
    TotaalToegekendBedrag: { TotaalBedrag: Math.abs(toegekend), DebetCredit: toegekend < 0 ? 'C' : 'D' },
    RetourCodes: { RetourCode: input.declaratieCodes ?? [GEEN_OPMERKING] },
  }
  if (input.afgewezen) {
    // Clienten is left out when nothing was rejected (Client must occur at least once).
    const clients = groupPerClient(input.afgewezen)
    const first = clients.next()
    if (!first.done) antwoord.Clienten = { Client: prepend(first.value, clients) }
  }
  body.DeclaratieAntwoord = antwoord
  return { kind, body }
}

/** Consecutive rejected prestaties of one client become one Client element. */
function* groupPerClient(items: Iterable<PrestatieOordeel>): Generator<WritableObject> {
  let current: { bsn: string; prestaties: WritableObject[] } | undefined
  for (const item of items) {
    if (!current || current.bsn !== item.bsn) {
      if (current) yield clientOf(current)
      current = { bsn: item.bsn, prestaties: [] }
    }
    current.prestaties.push({ ...item.prestatie, RetourCodes: { RetourCode: item.codes } } as WritableObject)
  }
  if (current) yield clientOf(current)
}

const clientOf = (c: { bsn: string; prestaties: WritableObject[] }): WritableObject => ({
  Bsn: c.bsn,
  Prestaties: { Prestatie: c.prestaties },
  RetourCodes: { RetourCode: [GEEN_OPMERKING] },
})

function* prepend<T>(first: T, rest: Iterator<T>): Generator<T> {
  yield first
  for (let r = rest.next(); !r.done; r = rest.next()) yield r.value
}
