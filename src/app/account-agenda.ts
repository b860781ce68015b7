/**
 * The agenda of an account conversation (issue 20 §2), assembled from the data of several
 * features: a list of sections, each one function over the same context, so that a section can
 * be added beside the others (a "Bestedingsruimte" section next to "Budget en prognose").
 * Each section says what it found in Dutch, with tables and at most one bar chart, its
 * figures already formatted (src/shared/format-nl.ts) so that the web page and the dossier PDF
 * show the same text. Counts of 1–4 are suppressed here, where the answer is built.
 */
import { type Actor, systemActor } from '../auth/actor.ts'
import { can } from '../auth/permissions.ts'
import { listAgreements, toldSignals } from '../accounts/account.queries.ts'
import type { Agreement } from '../accounts/account.queries.ts'
import { figuresBy } from '../budgets/budget-figures.queries.ts'
import { listBudgetSignals } from '../budgets/signal.queries.ts'
import { bestedingsruimteStatus } from '../bestedingsruimte/bestedingsruimte.queries.ts'
import { integriteitSectie, sectieRegels } from '../integriteit/sectie.queries.ts'
import { type ScopedDb, enterScope } from '../db/scope.ts'
import { rechtmatigheidSignalen } from '../declaraties/rechtmatigheid.queries.ts'
import { retourcodeTekst } from '../istandaarden/retourcodes.ts'
import type { KpiValues } from '../kpis/kpi.queries.ts'
import { type KpiCode, type Period, kpiByCode } from '../kpis/kpi.rules.ts'
import { nameLookup } from '../regions/names.queries.ts'
import type { CalendarDate } from '../shared/dates.ts'
import { formatCount, formatDate, formatEuro, formatInUnit, formatMomentDate, formatPercent } from '../shared/format-nl.ts'
import { suppressSmallCount } from '../shared/suppress.ts'
import { sql } from 'kysely'
import { termijnScore } from '../termijnen/termijn.queries.ts'
import { type Scorecard, providerScorecard } from './scorecard.queries.ts'

export type AgendaKey = 'prestaties' | 'budget' | 'bestedingsruimte' | 'signalen' | 'integriteit' | 'declaraties' | 'wachttijden' | 'uitkomsten' | 'afspraken'

export interface AgendaTable {
  title: string
  columns: string[]
  rows: string[][]
}

/** A bar chart: per label a value and, where it applies, what it is held against (a budget, the segment). */
export interface AgendaChart {
  title: string
  unit: 'cents' | 'procent' | 'aantal' | 'dagen'
  valueLabel: string
  compareLabel: string | null
  bars: { label: string; value: number; compare: number | null }[]
}

export interface AgendaSection {
  key: AgendaKey
  title: string
  summary: string[]
  tables: AgendaTable[]
  chart: AgendaChart | null
}

export interface Agenda {
  provider: { id: number; name: string; agbCode: string }
  period: Period
  peildatum: CalendarDate
  sections: AgendaSection[]
}

/** What every section reads from: the actor's transaction, the provider and the period. */
export interface AgendaContext {
  trx: ScopedDb
  actor: Actor
  providerId: number
  period: Period
  peildatum: CalendarDate
  /** The conversation the agenda is for: its own agreements are not "previous" ones. */
  conversationId: number | null
  /** The provider's scorecard over the period, loaded once for the sections that need it. */
  scorecard: () => Promise<Scorecard>
}

const value = (values: KpiValues, code: KpiCode): string => {
  const v = values[code]
  if (v.onderdrukt) return 'onderdrukt (< 5)'
  return v.waarde === null ? '–' : formatInUnit(kpiByCode.get(code)!.eenheid, v.waarde)
}

/** A table of some KPIs per segment: the provider beside the segment (not for a provider itself) and the segment's target. */
function kpiTables(card: Scorecard, codes: (segmentCodes: KpiCode[]) => KpiCode[]): AgendaTable[] {
  return card.segmenten.map((s) => {
    const withSegment = s.segmentWaarden !== null
    return {
      title: s.segment,
      columns: ['KPI', 'Aanbieder', ...(withSegment ? ['Segment'] : []), 'Doel'],
      rows: codes(s.scorecard).map((code) => {
        const target = s.doelen.find((d) => d.kpi === code)
        const eenheid = kpiByCode.get(code)!.eenheid
        return [kpiByCode.get(code)!.naam, value(s.aanbieder, code), ...(withSegment ? [value(s.segmentWaarden!, code)] : []), target ? `${formatInUnit(eenheid, target.doelWaarde)} op ${formatDate(target.doelDatum)}` : '–']
      }),
    }
  })
}

/** KPIs against the segment and the contract's targets (the segment's scorecard KPIs). */
export async function performanceSection(ctx: AgendaContext): Promise<AgendaSection> {
  const card = await ctx.scorecard()
  const tables = kpiTables(card, (codes) => codes)
  const better: string[] = []
  const worse: string[] = []
  for (const s of card.segmenten) {
    if (s.segmentWaarden === null) continue
    for (const code of s.scorecard) {
      const k = kpiByCode.get(code)!
      const a = s.aanbieder[code]
      const b = s.segmentWaarden[code]
      if (k.beter === null || a.onderdrukt || b.onderdrukt || a.waarde === null || b.waarde === null || a.waarde === b.waarde) continue
      const good = k.beter === 'hoger' ? a.waarde > b.waarde : a.waarde < b.waarde
      ;(good ? better : worse).push(`${k.naam} (${s.segment})`)
    }
  }
  const summary = card.segmenten.length === 0 ? ['De aanbieder had in deze periode geen trajecten.'] : []
  if (worse.length > 0) summary.push(`Slechter dan het segment: ${worse.join(', ')}.`)
  if (better.length > 0) summary.push(`Beter dan het segment: ${better.join(', ')}.`)
  const first = card.segmenten[0]
  const chartCode = first?.scorecard.find((c) => kpiByCode.get(c)!.eenheid === 'procent')
  const chart: AgendaChart | null =
    first && chartCode
      ? {
          title: `${first.segment}: aanbieder${first.segmentWaarden ? ' tegen segment' : ''} (procenten)`,
          unit: 'procent',
          valueLabel: 'Aanbieder',
          compareLabel: first.segmentWaarden ? 'Segment' : null,
          bars: first.scorecard
            .filter((c) => kpiByCode.get(c)!.eenheid === 'procent' && !first.aanbieder[c].onderdrukt && first.aanbieder[c].waarde !== null)
            .map((c) => ({ label: kpiByCode.get(c)!.naam, value: first.aanbieder[c].waarde!, compare: first.segmentWaarden && !first.segmentWaarden[c].onderdrukt ? first.segmentWaarden[c].waarde : null })),
        }
      : null
  return { key: 'prestaties', title: 'Prestaties en doelen', summary, tables, chart: chart && chart.bars.length > 0 ? chart : null }
}

/** The provider's budgets with realisation, commitments and forecast (src/budgets) in the year the period ends. */
export async function budgetSection(ctx: AgendaContext): Promise<AgendaSection> {
  const year = Number(ctx.period.to.slice(0, 4))
  const [lines, names] = await Promise.all([figuresBy(ctx.trx, ctx.actor, year, ['segment'], { providerId: ctx.providerId }), nameLookup(ctx.trx, ctx.actor.regionId)])
  const pct = (p: number | null) => (p === null ? '–' : formatPercent(p))
  const rows = lines.map((l) => [names.segment(l.segmentId!), formatEuro(l.budgetCents), formatEuro(l.realisedCents), formatEuro(l.openCents), formatEuro(l.forecastCents), pct(l.exhaustionPct), pct(l.forecastPct)])
  const total = lines.reduce((t, l) => ({ b: t.b + l.budgetCents, r: t.r + l.realisedCents, o: t.o + l.openCents, f: t.f + l.forecastCents }), { b: 0, r: 0, o: 0, f: 0 })
  const summary =
    lines.length === 0
      ? [`Geen budget of cijfers voor ${year}.`]
      : [
          `Geraamd budget ${year}: ${formatEuro(total.b)}; gerealiseerd ${formatEuro(total.r)}, open verplichtingen ${formatEuro(total.o)}, prognose tot het jaareinde ${formatEuro(total.f)}.`,
          ...(total.b > 0 && total.f > total.b ? [`De prognose ligt ${formatEuro(total.f - total.b)} boven het budget.`] : []),
        ]
  return {
    key: 'budget',
    title: 'Budget en prognose',
    summary,
    tables: [{ title: `Budget per segment, ${year}`, columns: ['Segment', 'Budget', 'Gerealiseerd', 'Open verplichting', 'Prognose', 'Uitputting', 'Prognose / budget'], rows }],
    chart: lines.length === 0 ? null : { title: `Prognose tegen budget, ${year}`, unit: 'cents', valueLabel: 'Prognose', compareLabel: 'Budget', bars: lines.map((l) => ({ label: names.segment(l.segmentId!), value: l.forecastCents, compare: l.budgetCents })) },
  }
}

const statusText = { open: 'open', erkend: 'in behandeling', gesloten: 'gesloten' } as const

/** Open and recent signals about the provider and how they were handled: budget, chain deadlines, lawfulness. */
export async function signalSection(ctx: AgendaContext): Promise<AgendaSection> {
  const tables: AgendaTable[] = []
  const summary: string[] = []
  const since = ctx.period.from
  if (ctx.actor.providerId === null) {
    const signals = (await listBudgetSignals(ctx.trx, ctx.actor)).filter((s) => s.providerId === ctx.providerId && (s.status !== 'gesloten' || s.geslotenOp! >= since))
    tables.push({ title: 'Budgetsignalen', columns: ['Signaal', 'Geopend', 'Status', 'Opvolging'], rows: signals.map((s) => [s.titel, formatMomentDate(s.geopendOp), statusText[s.status], s.geslotenNotitie ?? s.erkendNotitie ?? '']) })
    summary.push(`${signals.filter((s) => s.status !== 'gesloten').length} lopende budgetsignalen, ${signals.filter((s) => s.status === 'gesloten').length} gesloten sinds ${formatDate(since)}.`)
  } else {
    // A provider is told of its own budget signals (the contract standard), not of the region's notes on them.
    await enterScope(ctx.trx, systemActor(ctx.actor.regionId, 'agenda'))
    const told = await toldSignals(ctx.trx, ctx.providerId)
    await enterScope(ctx.trx, ctx.actor)
    tables.push({ title: 'Budgetsignalen', columns: ['Signaal', 'Geopend', 'Status'], rows: told.map((s) => [s.titel, formatMomentDate(s.geopendOp), statusText[s.status]]) })
  }
  const score = await termijnScore(ctx.trx, ctx.actor, ctx.period.from, ctx.period.to, ctx.peildatum)
  const own = score.aanbieders.filter((r) => r.partijId === ctx.providerId)
  tables.push({ title: 'Termijnen in de keten', columns: ['Soort', 'Termijnen', 'Gehaald', 'Percentage'], rows: own.map((r) => [r.soort === 'alle' ? 'Alle termijnen' : r.soort, formatCount(r.termijnen), formatCount(r.gehaald), r.percentage === null ? '–' : formatPercent(r.percentage, 0)]) })
  const all = own.find((r) => r.soort === 'alle')
  if (all?.percentage != null) summary.push(`${formatPercent(all.percentage, 0)} van de termijnen in de keten gehaald.`)
  if (can(ctx.actor, 'rechtmatigheid.read')) {
    const lawful = (await rechtmatigheidSignalen(ctx.trx, { maandVan: ctx.period.from.slice(0, 7), maandTot: ctx.period.to.slice(0, 7) })).filter((s) => s.providerId === ctx.providerId)
    tables.push({ title: 'Rechtmatigheidssignalen', columns: ['Signaal', 'Regels', 'Bedrag'], rows: lawful.map((s) => [s.toelichting, formatCount(suppressSmallCount(s.regels)), suppressSmallCount(s.regels) === null ? '–' : formatEuro(s.bedragCents)]) })
  } else {
    summary.push('Rechtmatigheidssignalen zijn voor de gemeenten en de toezichthouder; de afgewezen declaratieregels per soort staan onder Declaraties.')
  }
  return { key: 'signalen', title: 'Signalen en opvolging', summary, tables, chart: null }
}

/** Declarations over the period: the lines, and the share and kinds (retourcodes) of the rejected ones. */
export async function declarationSection(ctx: AgendaContext): Promise<AgendaSection> {
  const { rows } = await sql<{ retourcode: string | null; regels: number; bedrag_cents: number }>`select * from koers_declaratie_afwijzingen(${ctx.providerId}, ${ctx.period.from}::date, ${ctx.period.to}::date)`.execute(ctx.trx)
  const all = rows.find((r) => r.retourcode === null) ?? { regels: 0, bedrag_cents: 0 }
  const refused = rows.find((r) => r.retourcode === 'afgewezen') ?? { regels: 0, bedrag_cents: 0 }
  const kinds = rows.filter((r) => r.retourcode !== null && r.retourcode !== 'afgewezen').sort((a, b) => b.regels - a.regels)
  const shown = (n: number) => suppressSmallCount(n)
  const share = all.regels > 0 && shown(refused.regels) !== null ? (refused.regels / all.regels) * 100 : null
  const summary = [
    all.regels === 0
      ? 'Geen declaratieregels in deze periode.'
      : `${formatCount(shown(all.regels))} declaratieregels, samen ${formatEuro(Number(all.bedrag_cents))}; ${share === null ? 'minder dan 5 regels' : formatPercent(share)} afgewezen${shown(refused.regels) === null ? '' : ` (${formatEuro(Number(refused.bedrag_cents))})`}.`,
  ]
  return {
    key: 'declaraties',
    title: 'Declaraties',
    summary,
    tables: [{ title: 'Afgewezen regels per retourcode', columns: ['Retourcode', 'Betekenis', 'Regels', 'Bedrag'], rows: kinds.map((k) => [k.retourcode!, retourcodeTekst(k.retourcode!), formatCount(shown(k.regels)), shown(k.regels) === null ? '–' : formatEuro(Number(k.bedrag_cents))]) }],
    chart: kinds.some((k) => shown(k.regels) !== null) ? { title: 'Afgewezen regels per retourcode', unit: 'aantal', valueLabel: 'Regels', compareLabel: null, bars: kinds.filter((k) => shown(k.regels) !== null).slice(0, 8).map((k) => ({ label: k.retourcode!, value: k.regels, compare: null })) } : null,
  }
}

/** Waiting times (the KPIs from request to toewijzing and from toewijzing to start). */
export async function waitingSection(ctx: AgendaContext): Promise<AgendaSection> {
  const card = await ctx.scorecard()
  return { key: 'wachttijden', title: 'Wachttijden', summary: card.segmenten.length === 0 ? ['Geen trajecten in deze periode.'] : [], tables: kpiTables(card, () => ['wachttijd_toewijzing', 'wachttijd_start']), chart: null }
}

/** Outcome measurements (T1/T2/T3): goals reached, satisfaction, self-reliance, going on without help. */
export async function outcomeSection(ctx: AgendaContext): Promise<AgendaSection> {
  const card = await ctx.scorecard()
  return { key: 'uitkomsten', title: 'Uitkomsten', summary: card.segmenten.length === 0 ? ['Geen trajecten in deze periode.'] : [], tables: kpiTables(card, () => ['doelrealisatie', 'tevredenheid', 'zelfredzaamheid', 'zonder_hulp', 'uitval']), chart: null }
}

const agreementStatusText: Record<Agreement['status'], string> = { open: 'open', binnenkort: 'binnenkort', verlopen: 'te laat', gesloten: 'gesloten' }
const partyText: Record<Agreement['party'], string> = { regio: 'regio', aanbieder: 'aanbieder', samen: 'samen' }

/** The agreements of earlier conversations: still open, or closed since the period began. */
export async function agreementSection(ctx: AgendaContext): Promise<AgendaSection> {
  const agreements = (await listAgreements(ctx.trx, ctx.peildatum, { providerIds: [ctx.providerId] })).filter((a) => a.conversationId !== ctx.conversationId && (a.closedOn === null || a.closedOn >= ctx.period.from))
  const late = agreements.filter((a) => a.status === 'verlopen').length
  return {
    key: 'afspraken',
    title: 'Afspraken van eerdere gesprekken',
    summary: agreements.length === 0 ? ['Geen openstaande afspraken.'] : [`${agreements.filter((a) => a.status !== 'gesloten').length} open, waarvan ${late} te laat; ${agreements.filter((a) => a.status === 'gesloten').length} gesloten.`],
    tables: [
      {
        title: 'Afspraken',
        columns: ['Afspraak', 'Wie', 'Uiterlijk', 'Status', 'Toelichting'],
        rows: agreements.map((a) => [a.what, `${partyText[a.party]}${a.person ? ` (${a.person})` : ''}`, formatDate(a.dueOn), `${agreementStatusText[a.status]}${a.providerDoneOn ? ', aanbieder gereed' : ''}`, a.closedNote ?? a.providerNote ?? '']),
      },
    ],
    chart: null,
  }
}

const besluitTekst = { ongewijzigd: 'ongewijzigd', verhoogd: 'verhoogd', clientenstop: 'cliëntenstop' } as const

/**
 * The bestedingsruimte of the contract standard (art. 1.5, ADR 0031) in the year the period ends:
 * per room the amount, what is used (realisation plus open commitments), the forecast, the 70 %
 * signal, the written notice with its consultation and decision, and the cliëntenstops.
 */
export async function bestedingsruimteSection(ctx: AgendaContext): Promise<AgendaSection> {
  const year = Number(ctx.period.to.slice(0, 4))
  const rooms = can(ctx.actor, 'bestedingsruimte.read') ? await bestedingsruimteStatus(ctx.trx, ctx.actor, ctx.providerId, year, ctx.peildatum) : []
  const summary: string[] = []
  if (rooms.length === 0) summary.push(`Geen bestedingsruimte vastgesteld voor ${year}.`)
  for (const r of rooms) {
    summary.push(`${r.segment}: ${formatPercent(r.status.benutPct)} van ${formatEuro(r.bedragCents)} benut (gerealiseerd plus open verplichtingen).`)
    if (r.status.signalen.includes('zeventig_procent')) summary.push(`${r.segment}: 70 % of meer benut; art. 1.5.7 vraagt een schriftelijke melding, overleg binnen 2 weken en een besluit binnen 2 weken daarna.`)
    if (r.status.signalen.includes('overschrijding_dreigt')) summary.push(`${r.segment}: de prognose (${formatEuro(r.prognoseCents)}) ligt boven de ruimte.`)
    for (const b of r.aankondiging.bevindingen) summary.push(`${r.segment}: ${b}`)
    const m = r.melding
    if (m) {
      const overleg = m.overlegGehoudenOp ? `overleg gehouden op ${formatDate(m.overlegGehoudenOp)}` : `overleg uiterlijk ${formatDate(m.klokken.overlegUiterlijk)}${m.klokken.overlegTeLaat ? ' (te laat)' : ''}`
      const besluit = m.besluitOp ? `besluit op ${formatDate(m.besluitOp)}: ${besluitTekst[m.besluit!]}` : `besluit uiterlijk ${formatDate(m.klokken.besluitUiterlijk)}${m.klokken.besluitTeLaat ? ' (te laat)' : ''}`
      summary.push(`${r.segment}: melding van ${formatDate(m.gemeldOp)}; ${overleg}; ${besluit}.`)
    }
  }
  const stops = [...new Map(rooms.flatMap((r) => r.stops).map((s) => [s.id, s])).values()]
  const tables: AgendaTable[] = [
    {
      title: `Bestedingsruimte ${year}`,
      columns: ['Segment', 'Ruimte', 'Gerealiseerd', 'Open verplichting', 'Benut', 'Prognose', 'Melding'],
      rows: rooms.map((r) => [r.segment, formatEuro(r.bedragCents), formatEuro(r.gerealiseerdCents), formatEuro(r.openCents), formatPercent(r.status.benutPct), formatEuro(r.prognoseCents), r.melding ? formatDate(r.melding.gemeldOp) : '–']),
    },
    ...(stops.length === 0 ? [] : [{ title: 'Cliëntenstops', columns: ['Segment', 'Van', 'Tot en met', 'Reden', 'Geldt nu'], rows: stops.map((s) => [s.segment, formatDate(s.van), s.tot ? formatDate(s.tot) : '–', s.reden, s.actief ? 'ja' : 'nee']) }]),
  ]
  return {
    key: 'bestedingsruimte',
    title: 'Bestedingsruimte',
    summary,
    tables: rooms.length === 0 ? [] : tables,
    chart: rooms.length === 0 ? null : { title: `Benut tegen ruimte, ${year}`, unit: 'cents', valueLabel: 'Benut', compareLabel: 'Ruimte', bars: rooms.map((r) => ({ label: r.segment, value: r.status.benutCents, compare: r.bedragCents })) },
  }
}

/**
 * Integrity and financial health (issue 21 §5, ADR 0035): the register's entries, the annual
 * accounts' ratios beside the same segment's, and, for the region's team and the supervisor, the
 * integrity signals and whether payments are to be suspended.
 */
export async function integriteitSection(ctx: AgendaContext): Promise<AgendaSection> {
  if (!can(ctx.actor, 'integriteit.read')) return { key: 'integriteit', title: 'Integriteit en financiële gezondheid', summary: ['Niet zichtbaar voor deze rol.'], tables: [], chart: null }
  const s = await integriteitSectie(ctx.trx, ctx.actor, ctx.providerId)
  const summary: string[] = []
  if (s.betalingOpschorten) summary.push('Betalingen op te schorten: de UBO-melding ontbreekt of een UBO staat op de sanctielijst (art. 3.15).')
  const open = s.signalen.filter((g) => g.status !== 'gesloten')
  if (open.length > 0) summary.push(`${open.length === 1 ? 'Eén integriteitssignaal' : `${formatCount(open.length)} integriteitssignalen`} open of in behandeling.`)
  if (s.jaarrekeningen.length === 0) summary.push('Geen jaarverantwoording ingelezen.')
  if (s.registraties.length === 0) summary.push('Nog niets in het integriteitsregister.')
  const rows = sectieRegels(s).filter((r) => r.onderdeel !== 'Betalingen')
  return {
    key: 'integriteit',
    title: 'Integriteit en financiële gezondheid',
    summary: summary.length === 0 ? ['Geen bijzonderheden.'] : summary,
    tables: rows.length === 0 ? [] : [{ title: 'Register, jaarverantwoordingen en signalen', columns: ['Onderdeel', 'Datum of jaar', 'Omschrijving', 'Waarde'], rows: rows.map((r) => [r.onderdeel, /^\d{4}-\d{2}-\d{2}$/.test(r.datum) ? formatDate(r.datum) : r.datum, r.omschrijving, r.waarde]) }],
    chart: null,
  }
}

/** The sections in the order of the agenda. A section added later goes in here. */
export const agendaSections: readonly ((ctx: AgendaContext) => Promise<AgendaSection>)[] = [performanceSection, budgetSection, bestedingsruimteSection, signalSection, integriteitSection, declarationSection, waitingSection, outcomeSection, agreementSection]

/** The agenda of a provider over a period, section by section, in the actor's transaction. */
export async function assembleAgenda(trx: ScopedDb, actor: Actor, providerId: number, period: Period, peildatum: CalendarDate, conversationId: number | null = null): Promise<Agenda> {
  let card: Promise<Scorecard> | undefined
  const ctx: AgendaContext = { trx, actor, providerId, period, peildatum, conversationId, scorecard: () => (card ??= providerScorecard(trx, actor, providerId, period, peildatum)) }
  const first = await ctx.scorecard()
  const sections: AgendaSection[] = []
  // One after the other: they share the transaction.
  for (const section of agendaSections) sections.push(await section(ctx))
  return { provider: first.aanbieder, period, peildatum, sections }
}
