/**
 * The dossier of an account as a PDF (issue 20 §3, ADR 0036): per provider and period a cover
 * with the region's name and logo, a summary, the agenda's sections (account-agenda.ts) with
 * their tables and bar charts, and the agreements. Made on the server with pdfmake, in Dutch,
 * with page numbers; it holds the agenda's figures only, so no BSN, no client and no count of 1–4.
 * The region's team's notes on conversations are not in it: a provider downloads its own.
 */
import pdfmake from 'pdfmake'
import type { Content } from 'pdfmake'
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import { getAccount, type Account } from '../accounts/account.queries.ts'
import type { ScopedDb } from '../db/scope.ts'
import { getHuisstijl } from '../regions/huisstijl.queries.ts'
import { type CalendarDate, earlierDate, monthEnd } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import { formatDate, formatDateLong, formatEuro, formatMonth, formatNumber, formatPercent } from '../shared/format-nl.ts'
import { type Agenda, type AgendaChart, assembleAgenda } from './account-agenda.ts'

type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0]

/** The four PDF standard fonts pdfmake may load (by these names; no file of the disk, no URL). */
const FONT = { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' }
const standardFonts = new Set(Object.values(FONT))
pdfmake.setFonts({ Helvetica: FONT })
pdfmake.setUrlAccessPolicy(() => false)
pdfmake.setLocalAccessPolicy((path) => standardFonts.has(path))

/** The Koers theme's primary and its tints (web/src/theme/koers-theme.css), unless the region set its own primary colour. */
const KOERS_PRIMARY = '#0b5b7a'
const GREY = '#5c5c5c'
const LIGHT = '#e6eef2'

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')

/** The dossier's period as the API and the CLI take it: whole months `van` through `tot`. */
export const dossierQuery = z.object({ van: month, tot: month }).refine((q) => q.van <= q.tot, { message: 'van lies after tot', path: ['tot'] })

/** The months as a period, cut off at the peildatum. */
export function dossierPeriod(q: z.infer<typeof dossierQuery>, peildatum: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  const from = `${q.van}-01`
  const to = earlierDate(monthEnd(`${q.tot}-01`), peildatum)
  if (to < from) throw new AppError('period.after_peildatum', `the period ${from} – ${to} lies after the peildatum ${peildatum}`, [{ path: 'van', message: 'after the peildatum' }])
  return { from, to }
}

export interface DossierData {
  regionName: string
  logo: string | null
  colour: string
  account: Account
  agenda: Agenda
  madeOn: CalendarDate
}

/** Everything the dossier shows, read in the actor's transaction (a provider: its own). */
export async function dossierData(trx: ScopedDb, actor: Actor, providerId: number, q: z.infer<typeof dossierQuery>, peildatum: CalendarDate): Promise<DossierData> {
  const period = dossierPeriod(dossierQuery.parse(q), peildatum)
  const account = await getAccount(trx, actor, providerId, peildatum)
  const huisstijl = await getHuisstijl(trx, actor.regionId)
  const agenda = await assembleAgenda(trx, actor, providerId, period, peildatum)
  return { regionName: huisstijl.regionName, logo: huisstijl.logo, colour: huisstijl.primaryColour ?? KOERS_PRIMARY, account, agenda, madeOn: peildatum }
}

/** The region's logo as pdfmake draws it: a PNG or JPEG data URL as an image, an SVG one as vector; otherwise none. */
function logoContent(logo: string | null): Content | null {
  if (logo === null) return null
  const m = /^data:image\/(png|jpeg|svg\+xml)(;base64)?,(.*)$/s.exec(logo)
  if (!m) return null
  if (m[1] === 'svg+xml') {
    const svg = m[2] ? Buffer.from(m[3]!, 'base64').toString('utf8') : decodeURIComponent(m[3]!)
    // An SVG that refers outside itself is not drawn (the URL policy would refuse it anyway).
    if (/(href|src)\s*=\s*["'](?!#)/i.test(svg)) return null
    return { svg, fit: [160, 70], margin: [0, 0, 0, 16] }
  }
  return { image: logo, fit: [160, 70], margin: [0, 0, 0, 16] }
}

const chartValue = (unit: AgendaChart['unit'], v: number) => (unit === 'cents' ? formatEuro(v) : unit === 'procent' ? formatPercent(v) : formatNumber(v, unit === 'dagen' ? 1 : 0, true))

/** A horizontal bar chart drawn as vectors: per label a bar for the value and, where given, a thin one for what it is held against. */
function barChart(chart: AgendaChart, colour: string): Content {
  const width = 250
  const max = Math.max(1, ...chart.bars.flatMap((b) => [b.value, b.compare ?? 0]))
  const scale = (v: number) => Math.max(0, (v / max) * width)
  return {
    stack: [
      { text: chart.title, style: 'chartTitle' },
      {
        table: {
          widths: [130, width + 4, '*'],
          body: chart.bars.map((b) => [
            { text: b.label, fontSize: 8 },
            {
              canvas: [
                { type: 'rect', x: 0, y: 1, w: scale(b.value), h: 9, color: colour },
                ...(b.compare === null ? [] : [{ type: 'rect' as const, x: 0, y: 11, w: scale(b.compare), h: 4, color: GREY }]),
              ],
            },
            { text: `${chartValue(chart.unit, b.value)}${b.compare === null ? '' : ` / ${chartValue(chart.unit, b.compare)}`}`, fontSize: 8 },
          ]),
        },
        layout: 'noBorders',
      },
      { text: `${chart.valueLabel} (breed)${chart.compareLabel ? `, ${chart.compareLabel} (smal, grijs)` : ''}`, fontSize: 7, color: GREY, margin: [0, 2, 0, 8] },
    ],
    unbreakable: true,
  }
}

function table(title: string, columns: string[], rows: string[][]): Content {
  if (rows.length === 0) return { text: `${title}: geen gegevens.`, style: 'muted', margin: [0, 0, 0, 8] }
  return {
    stack: [
      { text: title, style: 'tableTitle' },
      {
        table: { headerRows: 1, widths: columns.map((_, i) => (i === 0 ? '*' : 'auto')), body: [columns.map((c) => ({ text: c, style: 'th' })), ...rows.map((r) => r.map((cell) => ({ text: cell, fontSize: 8 })))] },
        layout: { fillColor: (row: number) => (row === 0 ? LIGHT : null), hLineColor: () => '#c8c8c8', vLineColor: () => '#c8c8c8' },
        margin: [0, 0, 0, 10],
      },
    ],
  }
}

const partyText = { regio: 'regio', aanbieder: 'aanbieder', samen: 'samen' } as const
const statusText = { open: 'open', binnenkort: 'binnenkort', verlopen: 'te laat', gesloten: 'gesloten' } as const

/** The document definition (exported for tests of its structure). */
export function dossierDefinition(d: DossierData): TDocumentDefinitions {
  const { account, agenda } = d
  const periodText = `${formatMonth(agenda.period.from)} – ${formatMonth(agenda.period.to)}`
  const logo = logoContent(d.logo)
  const cover: Content[] = [
    logo ?? { text: d.regionName, style: 'regionName', margin: [0, 0, 0, 16] },
    ...(logo ? [{ text: d.regionName, style: 'regionName' } as Content] : []),
    { canvas: [{ type: 'rect', x: 0, y: 0, w: 515, h: 4, color: d.colour }], margin: [0, 8, 0, 40] },
    { text: 'Dossier contractmanagement', style: 'title' },
    { text: account.provider.name, style: 'subtitle' },
    { text: `AGB-code ${account.provider.agbCode}`, style: 'muted' },
    { text: `Periode: ${periodText}`, margin: [0, 24, 0, 4] },
    { text: `Accounthouder(s): ${account.holders.length === 0 ? 'nog niet benoemd' : account.holders.map((h) => h.name).join(', ')}` },
    { text: `Gecontracteerd voor: ${[...new Set(account.lots.map((l) => l.segment))].join(', ') || 'geen lopend contract'}` },
    { text: `Opgemaakt op ${formatDateLong(d.madeOn)} uit de gegevens van Koers.`, style: 'muted', margin: [0, 24, 0, 0] },
  ]
  const open = account.agreements.filter((a) => a.status !== 'gesloten')
  const summary: Content[] = [
    { text: 'Samenvatting', style: 'h1', pageBreak: 'before' },
    {
      ul: [
        account.planning.due === null ? 'Geen gesprekscadans: geen lopend contract.' : `Volgend accountgesprek uiterlijk ${formatDate(account.planning.due)}${account.planning.status === 'verlopen' ? ' (te laat)' : ''}; laatste gesprek ${account.planning.lastHeld === null ? 'nog niet gehouden' : formatDate(account.planning.lastHeld)}.`,
        `${open.length} openstaande afspraken, waarvan ${open.filter((a) => a.status === 'verlopen').length} te laat.`,
        ...agenda.sections.flatMap((s) => s.summary.map((line) => `${s.title}: ${line}`)),
      ],
      margin: [0, 0, 0, 12],
    },
  ]
  const sections: Content[] = agenda.sections.map((s) => ({
    stack: [
      { text: s.title, style: 'h1' },
      ...s.summary.map((line) => ({ text: line, margin: [0, 0, 0, 4] }) as Content),
      ...(s.chart && s.chart.bars.length > 0 ? [barChart(s.chart, d.colour)] : []),
      ...s.tables.map((t) => table(t.title, t.columns, t.rows)),
    ],
    margin: [0, 0, 0, 12],
  }))
  const agreements: Content[] = [
    { text: 'Afspraken', style: 'h1', pageBreak: 'before' },
    table(
      'Alle afspraken met de aanbieder',
      ['Afspraak', 'Wie', 'Uiterlijk', 'Status', 'Toelichting'],
      account.agreements.map((a) => [a.what, `${partyText[a.party]}${a.person ? ` (${a.person})` : ''}`, formatDate(a.dueOn), `${statusText[a.status]}${a.providerDoneOn ? ', aanbieder gereed' : ''}`, a.closedNote ?? a.providerNote ?? '']),
    ),
  ]
  return {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    info: { title: `Dossier ${account.provider.name}, ${periodText}`, author: d.regionName, subject: 'Dossier contractmanagement', creator: 'Koers' },
    language: 'nl-NL',
    defaultStyle: { font: 'Helvetica', fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 24, bold: true, margin: [0, 0, 0, 8] },
      subtitle: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      regionName: { fontSize: 14, bold: true },
      h1: { fontSize: 14, bold: true, color: d.colour, margin: [0, 8, 0, 6] },
      tableTitle: { fontSize: 10, bold: true, margin: [0, 4, 0, 3] },
      chartTitle: { fontSize: 9, bold: true, margin: [0, 4, 0, 3] },
      th: { fontSize: 8, bold: true },
      muted: { color: GREY },
    },
    header: (page: number) => (page === 1 ? null : { text: `${d.regionName} — dossier ${account.provider.name}, ${periodText}`, fontSize: 8, color: GREY, margin: [40, 20, 40, 0] }),
    footer: (page: number, pages: number) => ({ text: `Pagina ${page} van ${pages}`, alignment: 'center', fontSize: 8, color: GREY, margin: [0, 15, 0, 0] }),
    content: [...cover, ...summary, ...sections, ...agreements],
  }
}

/**
 * The standard fonts write WinAnsi only: a character outside it (the KPI names' arrow) would
 * come out as another. Every string of the definition goes through this.
 */
const outsideWinAnsi: [RegExp, string][] = [[/→/g, '–'], [/≤/g, '<='], [/≥/g, '>=']]
function winAnsi<T>(value: T): T {
  if (typeof value === 'string') return outsideWinAnsi.reduce((s, [re, to]) => s.replace(re, to), value as string) as T
  if (Array.isArray(value)) return value.map(winAnsi) as T
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'svg' || k === 'image' ? v : winAnsi(v)])) as T
  return value
}

/** The dossier as PDF bytes. */
export async function renderDossier(d: DossierData): Promise<Buffer> {
  return pdfmake.createPdf(dossierDefinition(winAnsi(d))).getBuffer()
}

/** The dossier's file name: `dossier-<AGB>-<van>-<tot>.pdf`. */
export const dossierFileName = (agbCode: string, q: z.infer<typeof dossierQuery>) => `dossier-${agbCode}-${q.van}-${q.tot}.pdf`
