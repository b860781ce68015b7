/**
 * Builds the retour message that answers a heenbericht (306 on 305, 308 on 307, 316 on 315,
 * 318 on 317; and the 302/320 a provider's system writes) and the 325 declaratie-antwoord on a
 * 323, in the forms of IV028 and IV087:
 *
 * - no fault: the Header alone, without RetourCodes (a 325: Header 0200 and DeclaratieAntwoord
 *   8001 with the whole amount granted);
 * - a fault in the header, or any level-2 (XSLT) fault: the Header alone with the rule's code
 *   (0001 for level 2);
 * - a level-3/4 fault in a berichtklasse: Header 0200, and only the clients with a rejected
 *   class (OP065), each with all its classes: the rule's code where a fault was found, 0233
 *   below a rejected class (not assessed), 0200 elsewhere.
 */
import { type ElementNode, compiledSchema } from './compiled-schema.ts'
import { type HeenCode, type Law, type MessageKind, berichtCodes, retourOf } from '../message-catalog.ts'
import type { MessageObject, MessageValue } from './read-message.ts'
import { type WritableObject, type WritableValue, xsdVersieOf } from './write-message.ts'

export const GEEN_OPMERKING = '0200'
export const NIET_BEOORDEELD = '0233'
/** IV087: the 325 on a declaration granted whole. */
export const VOLLEDIG_TOEGEKEND = '8001'

export interface RetourInput {
  law: Law
  /** The heenbericht being answered. */
  code: Exclude<HeenCode, '323'>
  heen: MessageObject
  /** The retour's own identification (max 12 characters) and date. */
  identificatie: string
  dagtekening: string
  /** Retourcodes per rejected berichtklasse object of `heen` (by identity); empty: the heen is approved whole. */
  classCodes: ReadonlyMap<MessageObject, readonly string[]>
}

/** The retour header: the heen header with the retour's BerichtCode, identification and codes (IV028). */
function retourHeader(law: Law, code: Exclude<HeenCode, '323'>, heenHeader: MessageObject, identificatie: string, dagtekening: string, codes: readonly string[]): WritableObject {
  const kind: MessageKind = { law, code: retourOf[code] }
  return {
    ...heenHeader,
    BerichtCode: berichtCodes[law][kind.code],
    IdentificatieRetour: identificatie,
    DagtekeningRetour: dagtekening,
    XsdVersieRetour: xsdVersieOf(kind),
    RetourCodes: codes.length > 0 ? { RetourCode: [...codes] } : undefined,
  }
}

export interface HeaderRetourInput {
  /** The heenbericht's kind and header. */
  kind: MessageKind
  header: MessageObject
  identificatie: string
  dagtekening: string
  codes: readonly string[]
}

/** The retour (or 325) that is its Header alone with `codes`: a header or level-2 fault (IV028, IV087). */
export function headerRetour(input: HeaderRetourInput): { kind: MessageKind; body: WritableObject } {
  if (input.kind.code === '323') {
    return buildDeclaratieAntwoord({ law: input.kind.law, header: input.header, declaratie: {}, identificatie: input.identificatie, dagtekening: input.dagtekening, answer: { header: input.codes } })
  }
  const code = input.kind.code as Exclude<HeenCode, '323'>
  return { kind: { law: input.kind.law, code: retourOf[code] }, body: { Header: retourHeader(input.kind.law, code, input.header, input.identificatie, input.dagtekening, input.codes) } }
}

/** The retour on a 301/305/307/315/317/319 judged class by class (level 3/4), as a body for `writeMessage`. */
export function buildRetour(input: RetourInput): { kind: MessageKind; body: WritableObject } {
  const code = retourOf[input.code]
  const kind: MessageKind = { law: input.law, code }
  const heenHeader = input.heen.Header as MessageObject
  if (input.classCodes.size === 0) return { kind, body: { Header: retourHeader(input.law, input.code, heenHeader, input.identificatie, input.dagtekening, []) } }
  const schema = compiledSchema(input.law, code)
  const body: WritableObject = { Header: retourHeader(input.law, input.code, heenHeader, input.identificatie, input.dagtekening, [GEEN_OPMERKING]) }
  const rejected = (v: MessageValue): boolean => {
    if (Array.isArray(v)) return v.some(rejected)
    if (v === null || typeof v !== 'object') return false
    return input.classCodes.has(v as MessageObject) || Object.values(v as MessageObject).some(rejected)
  }
  for (const child of schema.root.children!) {
    if (child.name === 'Header') continue
    const heenValue = input.heen[child.name]
    if (heenValue === undefined) continue
    // OP065: only clients with a rejected class go back.
    const kept = Array.isArray(heenValue) ? heenValue.filter(rejected) : rejected(heenValue) ? heenValue : undefined
    if (kept === undefined || (Array.isArray(kept) && kept.length === 0)) continue
    body[child.name] = mirror(child, kept as MessageValue, input.classCodes, false)
  }
  return { kind, body }
}

/** Copies a heen value into the retour's shape, adding each class's RetourCodes. */
function mirror(node: ElementNode, value: MessageValue, classCodes: RetourInput['classCodes'], belowRejected: boolean): WritableValue {
  if (!node.children) return value as string | number
  if (Array.isArray(value)) return value.map((v) => mirror(node, v, classCodes, belowRejected) as WritableObject)
  const heen = value as MessageObject
  const own = classCodes.get(heen)
  const out: WritableObject = {}
  for (const child of node.children) {
    if (child.name === 'RetourCodes' && heen.RetourCodes === undefined) {
      out.RetourCodes = { RetourCode: own ? [...own] : [belowRejected ? NIET_BEOORDEELD : GEEN_OPMERKING] }
      continue
    }
    const v = heen[child.name]
    if (v !== undefined) out[child.name] = mirror(child, v, classCodes, belowRejected || own !== undefined)
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
  /**
   * What IV087 answers:
   * - `header`: a fault in the header or at level 2 — the Header alone with these codes;
   * - `declaratie`: a fault in the Declaratie (e.g. 9333) — Header 0200, DeclaratieAntwoord with it, nothing granted;
   * - `toegekend`: judged per prestatie — the granted total and the rejected prestaties (TR342);
   *   none rejected: DeclaratieAntwoord 8001.
   */
  answer: { header: readonly string[] } | { declaratie: readonly string[] } | { toegekend: number; afgewezen: Iterable<PrestatieOordeel>; volledig: boolean }
}

/** The 325 on a 323. Rejected prestaties may be a generator: the 325 streams like the 323. */
export function buildDeclaratieAntwoord(input: DeclaratieAntwoordInput): { kind: MessageKind; body: WritableObject } {
  const kind: MessageKind = { law: input.law, code: '325' }
  const h = input.header
  const answer = input.answer
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
    RetourCodes: { RetourCode: 'header' in answer ? [...answer.header] : [GEEN_OPMERKING] },
  }
  const body: WritableObject = { Header: header }
  if ('header' in answer) return { kind, body }
  const d = input.declaratie
  const totaal = d.TotaalIngediendBedrag as MessageObject
  const toegekend = 'toegekend' in answer ? answer.toegekend : 0
  const antwoord: WritableObject = {
    DeclaratieNummer: d.DeclaratieNummer as string,
    TotaalIngediendBedrag: { TotaalBedrag: totaal.TotaalBedrag as number, DebetCredit: totaal.DebetCredit as string },
    TotaalToegekendBedrag: { TotaalBedrag: Math.abs(toegekend), DebetCredit: toegekend < 0 ? 'C' : 'D' },
    RetourCodes: { RetourCode: 'declaratie' in answer ? [...answer.declaratie] : [answer.volledig ? VOLLEDIG_TOEGEKEND : GEEN_OPMERKING] },
  }
  if ('afgewezen' in answer) {
    // Clienten is left out when nothing was rejected (Client must occur at least once).
    const clients = groupPerClient(answer.afgewezen)
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
