/**
 * A kept scenario as one PDF page for the council (raadsinformatie, issue 22 §4): what was asked,
 * the levers, and per year the costs and clients beside the baseline and the budget. pdfmake with
 * the standard Helvetica fonts (no font files, no network).
 */
import pdfmake from 'pdfmake'
type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0]
import { formatDate, formatEuro, formatNumber } from '../shared/format-nl.ts'
import { leverNaam, type Lever } from './levers.rules.ts'
import type { Comparison, KeptScenario } from './scenario.queries.ts'

pdfmake.setFonts({ Helvetica: { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' } })
// The page names nothing outside itself: no URL is fetched.
pdfmake.setUrlAccessPolicy(() => false)

const count = (n: number | null) => (n === null ? '< 5' : formatNumber(n))
const pct = (x: number) => `${formatNumber(x, 1, true)} %`
const euroPerYear = (c: number) => `${formatEuro(c)} per jaar`

/** One lever in words, e.g. "Instroom: −20 %". */
export function leverText(l: Lever, providerName: (id: number) => string = (id) => `aanbieder ${id}`): string {
  const detail = (() => {
    switch (l.soort) {
      case 'instroom': return `${l.pct > 0 ? '+' : ''}${pct(l.pct)}`
      case 'voorliggend': return `${pct(l.pct)} van de nieuwe aanvragen, ${formatEuro(l.kostenPerPersoonCents)} per persoon`
      case 'maximale_duur': return `${l.maanden} maanden, voor ${pct(l.aandeelPct)} van de trajecten`
      case 'naar_taakgericht': return euroPerYear(l.lumpsumPerJaarCents)
      case 'naar_outputgericht': return `${formatEuro(l.trajectprijsCents)} per traject`
      case 'tariefindex': return `${pct(l.aandeelOvaPct)} OVA (${pct(l.ovaPct)}) + ${pct(100 - l.aandeelOvaPct)} PPC (${pct(l.ppcPct)})`
      case 'bestedingsruimte': return euroPerYear(l.perJaarCents)
      case 'aanbieder_stopt': return providerName(l.providerId)
    }
  })()
  return `${leverNaam[l.soort]}: ${detail}`
}

export async function councilPdf(s: KeptScenario & { vergelijking: Comparison }, names: { segment: string; scope: string; provider: (id: number) => string }): Promise<Buffer> {
  const { baseline, scenario } = s.vergelijking
  const rows = scenario.jaren.map((r, i) => {
    const b = baseline.jaren[i]!
    return [String(r.jaar), formatEuro(b.kostenCents), formatEuro(r.kostenCents), formatEuro(r.kostenCents - b.kostenCents), r.budgetCents === null ? '–' : formatEuro(r.budgetCents), count(b.inZorg), count(r.inZorg), count(r.instroom)]
  })
  const def: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    defaultStyle: { font: 'Helvetica', fontSize: 9 },
    info: { title: `Raadsinformatie: scenario ${s.naam}` },
    content: [
      { text: 'Raadsinformatie', fontSize: 10, color: '#555555' },
      { text: `Scenario: ${s.naam}`, fontSize: 16, bold: true, margin: [0, 2, 0, 6] },
      { text: `${names.segment} · ${names.scope} · vanaf ${formatDate(s.startdatum)} · ${s.jaren} jaar`, margin: [0, 0, 0, 8] },
      { text: 'Maatregelen', bold: true, margin: [0, 4, 0, 2] },
      s.hefbomen.length === 0 ? { text: 'Geen: het scenario is de basislijn.' } : { ul: s.hefbomen.map((l) => leverText(l, names.provider)) },
      { text: 'Kosten en cliënten per jaar, naast de basislijn', bold: true, margin: [0, 10, 0, 4] },
      {
        table: {
          headerRows: 1,
          widths: ['auto', '*', '*', '*', '*', 'auto', 'auto', 'auto'],
          body: [['Jaar', 'Kosten basislijn', 'Kosten scenario', 'Verschil', 'Budget', 'In zorg basislijn', 'In zorg scenario', 'Instroom scenario'].map((text) => ({ text, bold: true })), ...rows],
        },
        layout: 'lightHorizontalLines',
      },
      ...(scenario.doelen.length === 0
        ? []
        : [
            { text: 'Strategiedoelen', bold: true, margin: [0, 10, 0, 4] as [number, number, number, number] },
            { ul: scenario.doelen.map((d) => `${d.naam}: ${d.jaren.map((j) => `${j.jaar} pad ${formatNumber(j.pad, 1, true)}, scenario ${j.waarde === null ? '–' : formatNumber(j.waarde, 1, true)}`).join('; ')}`) },
          ]),
      {
        text: `Berekend met model ${s.modelversie} op de cijfers tot en met ${formatDate(s.peildatum)}, vastgelegd door ${s.aangemaaktDoor} op ${formatDate(s.aangemaaktOp.slice(0, 10))}. Het huidige jaar van de basislijn is de prognose van de budgetpagina's; latere jaren volgen uit het stroommodel (instroom, duur en kosten per cliëntmaand uit de afgelopen 24 maanden). Een scenario is een verkenning, geen begroting.`,
        fontSize: 8,
        color: '#555555',
        margin: [0, 12, 0, 0],
      },
    ],
  }
  return Buffer.from(await pdfmake.createPdf(def).getBuffer())
}
