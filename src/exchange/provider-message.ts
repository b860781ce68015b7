/**
 * Writes a message as a provider's system would send it (305, 307, 315, 317, 323), through the
 * iStandaarden writer, so it is XSD- and CD/CS-valid. The demo history and the tests use it
 * to feed the inbox exactly as a provider does.
 */
import type { Law, MessageCode } from '../istandaarden/message-catalog.ts'
import { berichtCodes } from '../istandaarden/message-catalog.ts'
import { type WritableObject, writeMessage, xsdVersieOf } from '../istandaarden/messages/write-message.ts'
import { monthEnd } from '../shared/dates.ts'

export function providerMessage(law: Law, code: Extract<MessageCode, '305' | '307' | '315' | '317'>, agb: string, cbs: string, identificatie: string, dagtekening: string, client: WritableObject): Uint8Array {
  const body: WritableObject = {
    Header: {
      BerichtCode: berichtCodes[law][code],
      BerichtVersie: '3',
      BerichtSubversie: '2',
      Afzender: agb,
      Ontvanger: cbs,
      BerichtIdentificatie: { Identificatie: identificatie, Dagtekening: dagtekening },
      XsdVersie: xsdVersieOf({ law, code }),
    },
    Client: client,
  }
  return new TextEncoder().encode(writeMessage({ law, code }, body))
}

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


const amount = (r: Regel) => r.bedrag ?? (r.tarief === null ? r.volume : r.volume * (r.tarief ?? 0))

/** A 323 from plain lines: consecutive lines of one BSN become one Client. */
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
      DeclaratiePeriode: { Begindatum: `${d.maand}-01`, Einddatum: monthEnd(`${d.maand}-01`) },
      DeclaratieDagtekening: d.dagtekening,
      TotaalIngediendBedrag: { TotaalBedrag: Math.abs(totaal), DebetCredit: totaal < 0 ? 'C' : 'D' },
      Clienten: { Client: clients },
    },
  }
  return new TextEncoder().encode(writeMessage({ law, code: '323' }, body))
}
