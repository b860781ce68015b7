/**
 * A signal's evidence (`budget_signaal.bewijs`, raw cents and KPI values as stored) as Dutch
 * lines with their units, for the signal card (issue 18 §5): `Pad: € 295.623`, not
 * `Pad: 29.562.272,6`. Pure; the web app imports it.
 */
import { formatDate, formatEuro, formatInUnit, formatNumber, formatPercent } from '../shared/format-nl.ts'

export interface EvidenceLine {
  key: string
  label: string
  tekst: string
}

/** The evidence in the order a person reads it, with its label. */
const labels: Record<string, string> = {
  gerealiseerdCents: 'Gerealiseerd',
  openCents: 'Open verplichting',
  prognoseCents: 'Prognose',
  budgetCents: 'Budget',
  proRataCents: 'Pro rata',
  margePct: 'Marge',
  drempelCents: 'Drempel',
  plafondCents: 'Bestedingsruimte',
  peildatum: 'Peildatum',
  datum: 'Gemeten tot en met',
  waarde: 'Gemeten',
  pad: 'Pad',
  basis: 'Basis',
  doel: 'Doel',
  doeldatum: 'Doeldatum',
}

/**
 * The lines of a signal's evidence; keys it does not know are left out (they are the developers', not the reader's).
 * `unitOf` gives a KPI's unit (the KPI catalogue's, `kpiByCode`), for a target signal stored before its unit was.
 */
export function evidenceLines(bewijs: Readonly<Record<string, number | string>>, unitOf: (kpi: string) => string | undefined = () => undefined): EvidenceLine[] {
  // A target's values are in its KPI's unit, stored with the signal (targets/target.queries.ts);
  // a signal raised before the unit was stored names its KPI, whose unit it is.
  const eenheid = typeof bewijs.eenheid === 'string' ? bewijs.eenheid : typeof bewijs.kpi === 'string' ? unitOf(bewijs.kpi) : undefined
  const lines: EvidenceLine[] = []
  for (const [key, label] of Object.entries(labels)) {
    const v = bewijs[key]
    if (v === undefined || v === null) continue
    let tekst: string
    if (key.endsWith('Cents')) tekst = formatEuro(Number(v))
    else if (key.endsWith('Pct')) tekst = formatPercent(Number(v), 1, true)
    else if (key === 'peildatum' || key === 'doeldatum' || key === 'datum') tekst = formatDate(String(v))
    else if (typeof v === 'number') tekst = eenheid ? formatInUnit(eenheid, v) : formatNumber(v, 1, true)
    else tekst = v
    lines.push({ key, label, tekst })
  }
  return lines
}
