/**
 * Declarations for tests: a 323 written through the iStandaarden writer (so it is XSD- and
 * CD/CS-valid unless a test asks otherwise), from plain prestatie lines.
 */
import { berichtCodes } from '../istandaarden/messages/message-catalog.ts'
import { type WritableObject, writeMessage, xsdVersieOf } from '../istandaarden/messages/write-message.ts'
import { daysInMonth } from '../shared/dates.ts'

export interface Regel {
  ref: string
  /** VorigReferentieNummer: set on a credit. */
  vorig?: string
  nummer: number
  bsn: string
  categorie?: string
  code?: string | null
  begin: string
  eind: string
  volume: number
  eenheid?: string
  /** Cents; null for eenheid 83. */
  tarief?: number | null
  /** Cents; default volume × tarief. */
  bedrag?: number
  credit?: boolean
}

export interface Declaratie323 {
  agb: string
  cbs: string
  ident: string
  nummer: string
  /** `YYYY-MM`: the DeclaratiePeriode. */
  maand: string
  dagtekening: string
  regels: Regel[]
  /** Signed cents; default the sum of the lines. */
  totaal?: number
  law?: 'ijw' | 'iwmo'
}

export const lastDay = (maand: string) => `${maand}-${String(daysInMonth(Number(maand.slice(0, 4)), Number(maand.slice(5, 7)))).padStart(2, '0')}`

const amount = (r: Regel) => r.bedrag ?? r.volume * (r.tarief ?? 0)

export function declaratie323(d: Declaratie323): Uint8Array {
  const law = d.law ?? 'ijw'
  const signed = (r: Regel) => (r.credit ? -amount(r) : amount(r))
  const totaal = d.totaal ?? d.regels.reduce((sum, r) => sum + signed(r), 0)
  const clients: { Bsn: string; Prestaties: { Prestatie: WritableObject[] } }[] = []
  for (const r of d.regels) {
    let client = clients.at(-1)
    if (!client || client.Bsn !== r.bsn) clients.push((client = { Bsn: r.bsn, Prestaties: { Prestatie: [] } }))
    client.Prestaties.Prestatie.push({
      ProductReferentie: { ReferentieNummer: r.ref, VorigReferentieNummer: r.vorig },
      ToewijzingNummer: r.nummer,
      ProductCategorie: r.categorie ?? '45',
      ProductCode: r.code === null ? undefined : (r.code ?? '45A48'),
      ProductPeriode: { Begindatum: r.begin, Einddatum: r.eind },
      GeleverdVolume: r.volume,
      Eenheid: r.eenheid ?? '04',
      ProductTarief: r.tarief === null ? undefined : (r.tarief ?? 0),
      IngediendBedrag: { Bedrag: amount(r), DebetCredit: r.credit ? 'C' : 'D' },
    })
  }
  const body: WritableObject = {
    Header: {
      BerichtCode: berichtCodes[law]['323'],
      BerichtVersie: '3',
      BerichtSubversie: '2',
      Afzender: d.agb,
      Ontvanger: d.cbs,
      BerichtIdentificatie: { Identificatie: d.ident, Dagtekening: d.dagtekening },
      XsdVersie: xsdVersieOf({ law, code: '323' }),
    },
    Declaratie: {
      DeclaratieNummer: d.nummer,
      DeclaratiePeriode: { Begindatum: `${d.maand}-01`, Einddatum: lastDay(d.maand) },
      DeclaratieDagtekening: d.dagtekening,
      TotaalIngediendBedrag: { TotaalBedrag: Math.abs(totaal), DebetCredit: totaal < 0 ? 'C' : 'D' },
      Clienten: { Client: clients },
    },
  }
  return new TextEncoder().encode(writeMessage({ law, code: '323' }, body))
}
