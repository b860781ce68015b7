/**
 * The second opinion (issue 23 §3): for every 323 the back office answered, what it decided
 * against what the regelrapport prescribes — the rules Koers itself answers with in answering
 * mode, kept per prestatie as `koers_goedgekeurd` when the 325 was read. Per provider and month:
 * prestaties the back office rejected that the standard approves, prestaties it approved that
 * the standard rejects (each with their amount), and 325s later than OP090x4 allows; beside
 * them the back office's answers to requests (301/319) later than OP274/OP346 (5 working days,
 * after "in onderzoek" 8 weeks; OP359 for the woonplaatsbeginsel) and its retours
 * (306/308/316/318) later than OP090 (3 working days), by the month the request or message came.
 */
import type { Law } from '../istandaarden/message-catalog.ts'
import { type CodeBericht, REGIE_REGEL, regelTitels, regieCodes, standaardCodes } from '../istandaarden/conformance/standaard-codes.ts'
import { retourcodeTekst } from '../istandaarden/retourcodes.ts'
import { type CalendarDate } from '../shared/dates.ts'
import { deadlineOf, termijnRegels, verzoekTermijnen } from '../termijnen/termijn.rules.ts'

/** One declaration answered by the back office (koers_tweede_mening, migration 0022). */
export interface AntwoordFeit {
  gemeenteId: number
  providerId: number
  /** The declaration's month (its period's first day). */
  maand: CalendarDate
  /** The 323's Dagtekening and the 325's. */
  ontvangen: CalendarDate
  beantwoord: CalendarDate
  afgewezenRegels: number
  afgewezenCents: number
  goedgekeurdRegels: number
  goedgekeurdCents: number
}

export interface TweedeMeningRij {
  providerId: number
  maand: CalendarDate
  declaraties: number
  /** Rejected by the back office, approved by the standard: what the provider was wrongly not paid. */
  tenOnrechteAfgewezenRegels: number
  tenOnrechteAfgewezenCents: number
  /** Approved by the back office, rejected by the standard: what was paid against the rules. */
  tenOnrechteToegekendRegels: number
  tenOnrechteToegekendCents: number
  /** 325s sent later than 10 working days after the 323 (OP090x4). */
  teLaat: number
  /** Requests (315 products, 317s) the back office answered with a 301 or 319, and how many of them later than OP274/OP346/OP359 allow. */
  verzoeken: number
  verzoekenTeLaat: number
  /** 305/307/315/317 the back office answered with its retour, and how many later than OP090 allows. */
  retours: number
  retoursTeLaat: number
  /** Prestaties both rejected, the back office with codes the standard does not give; retours (306/308/316/318) with such codes. */
  andereCodes: number
  retoursAndereCodes: number
}

/** One request or message the back office answered (koers_tweede_mening_termijnen, migration 0026). */
export interface TermijnAntwoordFeit {
  soort: 'verzoek' | 'retour_gemeente'
  gemeenteId: number
  providerId: number
  /** The month the request or message came. */
  maand: CalendarDate
  /** A request: the day it was received; a message: its Dagtekening. */
  ontvangen: CalendarDate
  /** A request's own Dagtekening (OP274's 8 weeks run from it). */
  dagtekening: CalendarDate | null
  inOnderzoek: CalendarDate | null
  /** The final answer (301 or 319 refusal) or the retour; null while a request is in onderzoek. */
  antwoord: CalendarDate | null
  woonplaatsbeginsel: boolean
}

/** Whether the back office answered later than the standard's terms: each term of a request (first answer, final answer after "in onderzoek"), or OP090 for a retour. A term still running is not late here. */
export function isAntwoordTeLaat(f: TermijnAntwoordFeit): boolean {
  const termen =
    f.soort === 'retour_gemeente'
      ? [{ soort: 'retour_gemeente' as const, gebeurtenis: f.ontvangen, antwoord: f.antwoord }]
      : verzoekTermijnen({ gemeenteId: f.gemeenteId, providerId: f.providerId, referentie: null, ontvangen: f.ontvangen, dagtekening: f.dagtekening ?? f.ontvangen, inOnderzoek: f.inOnderzoek, eindantwoord: f.antwoord, woonplaatsbeginsel: f.woonplaatsbeginsel })
  return termen.some((t) => t.antwoord !== null && t.antwoord > deadlineOf(termijnRegels[t.soort].duur, t.gebeurtenis))
}

/** OP090x4: the 325 within 10 working days of the 323 (counted from its Dagtekening, the day it was sent). */
export const isTeLaat = (f: Pick<AntwoordFeit, 'ontvangen' | 'beantwoord'>): boolean => f.beantwoord > deadlineOf(termijnRegels.declaratie_antwoord.duur, f.ontvangen)

/** The report: one row per provider and month, in that order. */
export function tweedeMening(feiten: readonly AntwoordFeit[], termijnen: readonly TermijnAntwoordFeit[] = [], regels: readonly RegelBevinding[] = [], retourBevindingen: readonly RetourBevinding[] = []): TweedeMeningRij[] {
  const rows = new Map<string, TweedeMeningRij>()
  const rij = (providerId: number, maand: CalendarDate) => {
    const key = `${providerId}|${maand}`
    const r = rows.get(key) ?? { providerId, maand, declaraties: 0, tenOnrechteAfgewezenRegels: 0, tenOnrechteAfgewezenCents: 0, tenOnrechteToegekendRegels: 0, tenOnrechteToegekendCents: 0, teLaat: 0, verzoeken: 0, verzoekenTeLaat: 0, retours: 0, retoursTeLaat: 0, andereCodes: 0, retoursAndereCodes: 0 }
    rows.set(key, r)
    return r
  }
  for (const t of termijnen) {
    const r = rij(t.providerId, t.maand)
    const laat = isAntwoordTeLaat(t) ? 1 : 0
    if (t.soort === 'verzoek') {
      r.verzoeken++
      r.verzoekenTeLaat += laat
    } else {
      r.retours++
      r.retoursTeLaat += laat
    }
  }
  for (const f of feiten) {
    const r = rij(f.providerId, f.maand)
    r.declaraties++
    r.tenOnrechteAfgewezenRegels += f.afgewezenRegels
    r.tenOnrechteAfgewezenCents += f.afgewezenCents
    r.tenOnrechteToegekendRegels += f.goedgekeurdRegels
    r.tenOnrechteToegekendCents += f.goedgekeurdCents
    if (isTeLaat(f)) r.teLaat++
  }
  for (const r of regels) if (r.soort === 'andere_code') rij(r.providerId, r.maand).andereCodes++
  for (const r of retourBevindingen) rij(r.providerId, r.maand).retoursAndereCodes++
  return [...rows.values()].sort((a, b) => a.providerId - b.providerId || a.maand.localeCompare(b.maand))
}

/** A prestatie of a 323 the back office answered, on which its 325 and the standard differ (koers_tweede_mening_regels, migration 0030). */
export interface RegelFeit {
  declaratieId: number
  gemeenteId: number
  providerId: number
  wet: 'jeugdwet' | 'wmo'
  maand: CalendarDate
  declaratieNummer: string
  /** The prestatie's ReferentieNummer and the client's pseudonym: for a gemeente and a provider, not for the region's team. */
  referentieNummer: string | null
  pseudoniem: string | null
  productcategorie: string
  productcode: string | null
  begindatum: CalendarDate
  einddatum: CalendarDate
  bedragCents: number
  /** The back office's verdict and codes (its 325). */
  goedgekeurd: boolean
  retourCodes: string[]
  /** The standard's: what Koers' own rules answered. */
  koersGoedgekeurd: boolean
  koersRetourCodes: string[]
}

/** A retourcode explained: its meaning and the rules of the regelrapport that bear on it. */
export interface CodeUitleg {
  code: string
  betekenis: string
  /** The rules that give this code for the message, or (OP364) forbid the rejection; each with its title. */
  regels: { code: string; titel: string }[]
  /** Whether any rule of the regelrapport for this message gives the code. */
  doorStandaardGegeven: boolean
}

export type BevindingSoort = 'ten_onrechte_afgewezen' | 'ten_onrechte_toegekend' | 'andere_code'

export const bevindingSoorten: Record<BevindingSoort, string> = {
  ten_onrechte_afgewezen: 'Afgewezen door de backoffice, goedgekeurd door de standaard',
  ten_onrechte_toegekend: 'Goedgekeurd door de backoffice, afgewezen door de standaard',
  andere_code: 'Afgewezen met een code die de standaard niet geeft',
}

export interface RegelBevinding extends RegelFeit {
  soort: BevindingSoort
  /** The codes the finding is about: the back office's (rejected, or other codes) or the standard's (approved against it). */
  codes: CodeUitleg[]
  /** In Dutch, one line: why the standard decides otherwise. */
  toelichting: string
}

const lawOf = (wet: 'jeugdwet' | 'wmo'): Law => (wet === 'jeugdwet' ? 'ijw' : 'iwmo')
const NIET_AFWIJZEND: readonly string[] = ['0200', '0233', '8001']
const rule = (code: string) => ({ code, titel: regelTitels[code] ?? code })

/** What the regelrapport says of `code` on `bericht`: the rules that give it, or OP364 for a 323 rejected on the start and stop messages. */
export function uitleg(wet: 'jeugdwet' | 'wmo', bericht: CodeBericht, code: string): CodeUitleg {
  const gevers = standaardCodes[lawOf(wet)][bericht][code] ?? []
  const regels = bericht === '323' && regieCodes.has(code) ? [rule(REGIE_REGEL), ...gevers.map(rule)] : gevers.map(rule)
  return { code, betekenis: retourcodeTekst(code), regels, doorStandaardGegeven: gevers.length > 0 }
}

const codesTekst = (codes: readonly CodeUitleg[]) => codes.map((c) => c.code).join(', ')

/** One prestatie's finding: rejected against the standard (with why the back office's code does not apply), approved against it (with the standard's rule and code), or rejected with codes the standard does not give. Null when they agree. */
export function regelBevinding(f: RegelFeit): RegelBevinding | null {
  const eigen = f.retourCodes.filter((c) => !NIET_AFWIJZEND.includes(c))
  const koers = f.koersRetourCodes.filter((c) => !NIET_AFWIJZEND.includes(c))
  if (!f.goedgekeurd && f.koersGoedgekeurd) {
    const codes = eigen.map((c) => uitleg(f.wet, '323', c))
    const regie = codes.filter((c) => regieCodes.has(c.code))
    const getoetst = codes.filter((c) => !regieCodes.has(c.code) && c.doorStandaardGegeven)
    const vreemd = codes.filter((c) => !c.doorStandaardGegeven && !regieCodes.has(c.code))
    const delen = [
      regie.length > 0 ? `${codesTekst(regie)}: afgewezen op een start- of stopbericht, wat OP364 niet toestaat` : '',
      getoetst.length > 0 ? `${codesTekst(getoetst)}: de prestatie voldoet aan ${[...new Set(getoetst.flatMap((c) => c.regels.map((r) => r.code)))].join(', ')}` : '',
      vreemd.length > 0 ? `${codesTekst(vreemd)}: geen regel voor de declaratie (323) geeft deze code` : '',
      codes.length === 0 ? 'afgewezen zonder code' : '',
    ].filter((d) => d !== '')
    return { ...f, soort: 'ten_onrechte_afgewezen', codes, toelichting: delen.join('; ') }
  }
  if (f.goedgekeurd && !f.koersGoedgekeurd) {
    const codes = koers.map((c) => uitleg(f.wet, '323', c))
    return { ...f, soort: 'ten_onrechte_toegekend', codes, toelichting: `de standaard wijst af met ${codes.map((c) => `${c.code} (${c.regels.map((r) => r.code).join(', ') || 'geen regel'})`).join(', ')}` }
  }
  if (!f.goedgekeurd && !f.koersGoedgekeurd) {
    const anders = eigen.filter((c) => !koers.includes(c))
    if (anders.length === 0) return null
    const codes = anders.map((c) => uitleg(f.wet, '323', c))
    return { ...f, soort: 'andere_code', codes, toelichting: `de backoffice gaf ${codesTekst(codes)}, de regels van de standaard geven ${koers.join(', ') || 'geen code'}` }
  }
  return null
}

/** A 305/307/315/317 the back office answered with its retour (koers_tweede_mening_retours, migration 0030). */
export interface RetourFeit {
  gemeenteId: number
  providerId: number
  wet: 'jeugdwet' | 'wmo'
  maand: CalendarDate
  heenCode: '305' | '307' | '315' | '317'
  identificatie: string
  ontvangen: CalendarDate
  beantwoord: CalendarDate
  retourCode: string
  retourCodes: string[]
  koersRetourCodes: string[]
}

export interface RetourBevinding extends RetourFeit {
  /** The back office's codes the standard's rules did not give on this message, each explained. */
  codes: CodeUitleg[]
  toelichting: string
}

/** A retour with codes the standard's rules did not give on that message (the back office's other codes), or null. */
export function retourBevinding(f: RetourFeit): RetourBevinding | null {
  const koers = f.koersRetourCodes.filter((c) => !NIET_AFWIJZEND.includes(c))
  const anders = f.retourCodes.filter((c) => !NIET_AFWIJZEND.includes(c) && !koers.includes(c))
  if (anders.length === 0) return null
  const codes = anders.map((c) => uitleg(f.wet, f.heenCode, c))
  const vreemd = codes.filter((c) => !c.doorStandaardGegeven)
  const toelichting =
    `de backoffice gaf ${codesTekst(codes)}, de regels van de standaard geven ${koers.join(', ') || 'geen afkeuring'}` +
    (vreemd.length > 0 ? `; geen regel voor het ${f.heenCode}-bericht geeft ${codesTekst(vreemd)}` : '')
  return { ...f, codes, toelichting }
}

/** The findings of the prestaties, in the order given. */
export const regelBevindingen = (feiten: readonly RegelFeit[]): RegelBevinding[] => feiten.map(regelBevinding).filter((b): b is RegelBevinding => b !== null)

/** The findings of the retours, in the order given. */
export const retourBevindingen = (feiten: readonly RetourFeit[]): RetourBevinding[] => feiten.map(retourBevinding).filter((b): b is RetourBevinding => b !== null)
