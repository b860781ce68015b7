/**
 * Observer mode (ADR 0028): which berichtklassen of a provider's 305, 307, 315 or 317 the back
 * office's retour (306, 308, 316, 318) rejected. IV028: a code other than 0200 in the retour's
 * Header rejects the whole message; otherwise the retour carries only the clients with a
 * rejected class (OP065), each class with its codes — a code other than 0200 rejects it (0233,
 * "niet beoordeeld", below a rejected class counts as not taken in too). A class of the heen
 * message is found again in the retour by its key: the client's Bsn with, for starts and stops,
 * ToewijzingNummer (or Product), Begindatum, Einddatum and RedenBeeindiging and
 * StatusAanlevering; for requests the ReferentieAanbieder.
 */
import { asArray, text } from '../exchange/handler.ts'
import type { MessageObject, MessageValue } from '../istandaarden/messages/read-message.ts'
import { GEEN_OPMERKING } from '../istandaarden/messages/retour.ts'

export type KlasHeenCode = '305' | '307' | '315' | '317'

const obj = (v: MessageValue | undefined): MessageObject | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as MessageObject) : undefined)

const codesOf = (cls: MessageObject | undefined): string[] => asArray(obj(cls?.RetourCodes)?.RetourCode as never).map(String)

/** The berichtklassen of one client that a retour judges one by one. */
export function klassenVanClient(code: KlasHeenCode, client: MessageObject): MessageObject[] {
  switch (code) {
    case '305':
      return asArray(obj(client.StartProducten)?.StartProduct)
    case '307':
      return asArray(obj(client.StopProducten)?.StopProduct)
    case '315':
      return asArray(obj(client.AangevraagdeProducten)?.AangevraagdProduct)
    case '317':
      return client.Verzoek === undefined ? [] : [obj(client.Verzoek)!]
  }
}

export const bsnVan = (client: MessageObject): string => String(client.Bsn).padStart(9, '0')

/** A class's key, the same in the heen message and in its retour (with the client's Bsn: never shown, only compared). */
export function klasSleutel(code: KlasHeenCode, bsn: string, cls: MessageObject): string {
  if (code === '315' || code === '317') return `${bsn}|${text(cls.ReferentieAanbieder)}`
  const product = obj(cls.Product)
  const waar = text(cls.ToewijzingNummer) ?? (product ? `${text(product.Categorie)}/${text(product.Code) ?? ''}` : '')
  const stop = code === '307' ? `|${text(cls.Einddatum)}|${text(cls.RedenBeeindiging)}` : ''
  return `${bsn}|${waar}|${text(cls.Begindatum)}${stop}|${text(cls.StatusAanlevering)}`
}

/** A class named for people reading a finding: no Bsn, no name. */
export function klasOmschrijving(code: KlasHeenCode, cls: MessageObject): string {
  if (code === '315') return `aangevraagd product ${text(cls.ReferentieAanbieder)}`
  if (code === '317') return `verzoek om wijziging ${text(cls.ReferentieAanbieder)}`
  const product = obj(cls.Product)
  const waar = text(cls.ToewijzingNummer) !== undefined ? `toewijzing ${text(cls.ToewijzingNummer)}` : `product ${text(product?.Categorie)}${text(product?.Code) ? `/${text(product?.Code)}` : ''}`
  const wat = code === '305' ? `start per ${text(cls.Begindatum)}` : `stop per ${text(cls.Einddatum)} (reden ${text(cls.RedenBeeindiging)}) op de start van ${text(cls.Begindatum)}`
  return `${text(cls.StatusAanlevering) === '3' ? 'verwijdering van ' : ''}${wat}, ${waar}`
}

export interface RetourOordeel {
  /** Codes in the Header other than 0200: the whole message is rejected. */
  geheel: string[]
  /** Per class key, the codes other than 0200 of each rejected class. */
  klassen: Map<string, string[]>
}

/** What the back office's retour rejected. */
export function retourOordeel(code: KlasHeenCode, retour: MessageObject): RetourOordeel {
  const afwijzend = (codes: string[]) => codes.filter((c) => c !== GEEN_OPMERKING)
  const geheel = afwijzend(codesOf(obj(retour.Header)))
  const klassen = new Map<string, string[]>()
  for (const client of asArray(retour.Client)) {
    const bsn = bsnVan(client)
    for (const cls of klassenVanClient(code, client)) {
      // A 318 judges the Verzoek as one request: a code on any class within it rejects it.
      const codes = code === '317' ? afwijzend(alleCodes(cls)) : afwijzend(codesOf(cls))
      if (codes.length > 0) klassen.set(klasSleutel(code, bsn, cls), [...new Set(codes)])
    }
  }
  return { geheel, klassen }
}

/** Every RetourCode in and under `value`. */
function alleCodes(value: MessageValue | undefined): string[] {
  const out: string[] = []
  const walk = (v: MessageValue | undefined) => {
    if (Array.isArray(v)) return v.forEach(walk)
    const o = obj(v)
    if (!o) return
    for (const [k, child] of Object.entries(o)) {
      if (k === 'RetourCodes') out.push(...codesOf(o))
      else walk(child)
    }
  }
  walk(value)
  return out
}

/** The back office's verdict on one class of the heen message: the codes that rejected it, or undefined when it was taken in. */
export function oordeelOver(oordeel: RetourOordeel, code: KlasHeenCode, bsn: string, cls: MessageObject): string[] | undefined {
  if (oordeel.geheel.length > 0) return oordeel.geheel
  return oordeel.klassen.get(klasSleutel(code, bsn, cls))
}
