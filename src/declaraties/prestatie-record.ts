/**
 * A 323's Prestatie as the checks hold it (prestatie.rules.ts), made from the reader's objects
 * as the element closes: on the record path (ReadOptions.convert) those objects are reused
 * for the next prestatie, so everything is copied out here, and this is the one object a
 * prestatie costs on its way to the checks.
 */
import type { MessageObject, RecordConverter } from '../istandaarden/messages/read-message.ts'
import type { Prestatie } from './prestatie.rules.ts'

/**
 * A converter for the 323's `Prestatie` records: the prestatie with its client's BSN (from the
 * enclosing Client) and volgnummer 0, which the run numbers when it takes the line. One per
 * reading: it remembers the last client's BSN.
 */
export function prestatieConverter(): ((value: MessageObject, ancestors: readonly MessageObject[]) => Prestatie) & RecordConverter {
  let lastAncestors: readonly MessageObject[] | null = null
  let bsn = ''
  return (value, ancestors) => {
    if (ancestors !== lastAncestors) {
      lastAncestors = ancestors
      bsn = String(ancestors.find((a) => a.Bsn !== undefined)?.Bsn ?? '')
    }
    return prestatieOf(value, bsn)
  }
}

/**
 * The prestatie `value` of the client with `bsn`, volgnummer 0. It never throws: it also sees
 * prestaties that broke the XSD (a level-1 violation comes before them, and the run stops at
 * it), whose missing parts it reads as `undefined`.
 */
export function prestatieOf(value: MessageObject, bsn: string): Prestatie {
  const ref = (value.ProductReferentie ?? {}) as MessageObject
  const periode = (value.ProductPeriode ?? {}) as MessageObject
  const bedrag = (value.IngediendBedrag ?? {}) as MessageObject
  return {
    volgnummer: 0,
    bsn,
    referentieNummer: String(ref.ReferentieNummer),
    vorigReferentieNummer: ref.VorigReferentieNummer === undefined ? null : String(ref.VorigReferentieNummer),
    toewijzingNummer: Number(value.ToewijzingNummer),
    productcategorie: String(value.ProductCategorie),
    productcode: value.ProductCode === undefined ? null : String(value.ProductCode),
    begindatum: String(periode.Begindatum),
    einddatum: String(periode.Einddatum),
    volume: Number(value.GeleverdVolume),
    eenheid: String(value.Eenheid),
    tariefCents: value.ProductTarief === undefined ? null : Number(value.ProductTarief),
    bedragCents: Number(bedrag.Bedrag),
    credit: bedrag.DebetCredit === 'C',
  }
}
