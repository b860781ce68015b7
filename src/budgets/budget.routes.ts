import { z } from 'zod'
import { formatQuery, listResponse } from '../http/export-response.ts'
import { getRoute, getRouteWithId, getRouteWithQuery, postAction, postRoute, postRouteWithId, yearQuery } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor, scopedRunner } from '../http/scoped.ts'
import { today } from '../shared/dates.ts'
import type { ExportColumn } from '../shared/export.ts'
import { importGemeenteBudgets } from './budget-import.ts'
import { spreadsheetUploadSchema, uploadedRows } from '../shared/spreadsheet.ts'
import { type ProposalRow, adoptProposals, adoptSchema, proposalFilterSchema, providerBudgetProposals } from './budget-proposal.queries.ts'
import { type BudgetChange, budgetChanges, gemeenteBudgetInputSchema, getBudgetOverview, providerBudgetInputSchema, setGemeenteBudget, setProviderBudget, setYearBudget, yearBudgetSchema } from './budget.queries.ts'
import { type Figures, figuresBy } from './budget-figures.queries.ts'
import { dashboard } from './dashboard.queries.ts'
import { nameLookup } from '../regions/names.queries.ts'
import { type BudgetSignal, acknowledgeSchema, acknowledgeSignal, closeSchema, closeSignal, listBudgetSignals, possibleOwners, setSignalSettings, signalFilterSchema, signalSettings, signalSettingsSchema } from './signal.queries.ts'
import { type TaakveldRow, taakveldTotals } from './taakveld.queries.ts'

const jaarQuery = z.object({ jaar: z.coerce.number().int().min(2000).max(2100).optional() })
const scopeQuery = jaarQuery.extend({
  gemeente: z.coerce.number().int().positive().optional(),
  segment: z.coerce.number().int().positive().optional(),
  aanbieder: z.coerce.number().int().positive().optional(),
})
const thisYear = () => Number(today().slice(0, 4))

export interface FiguresRow extends Figures {
  gemeenteId: number | null
  gemeente: string
  providerId: number | null
  aanbieder: string
  segmentId: number
  segment: string
}

const figuresColumns: ExportColumn<FiguresRow>[] = [
  { header: 'Gemeente', value: (r) => r.gemeente },
  { header: 'Aanbieder', value: (r) => r.aanbieder },
  { header: 'Segment', value: (r) => r.segment },
  { header: 'Budget (€)', kind: 'euro', value: (r) => r.budgetCents },
  { header: 'Gerealiseerd (€)', kind: 'euro', value: (r) => r.realisedCents },
  { header: 'Verplichting (€)', kind: 'euro', value: (r) => r.committedCents },
  { header: 'Open verplichting (€)', kind: 'euro', value: (r) => r.openCents },
  { header: 'Verwacht op verplichtingen (€)', kind: 'euro', value: (r) => r.expectedOnCommitmentsCents },
  { header: 'Verwachte instroom (€)', kind: 'euro', value: (r) => r.expectedInflowCents },
  { header: 'Verwacht taakgericht (€)', kind: 'euro', value: (r) => r.expectedLumpSumsCents },
  { header: 'Prognose (€)', kind: 'euro', value: (r) => r.forecastCents },
  { header: 'Uitputting (%)', kind: 'number', value: (r) => r.exhaustionPct },
  { header: 'Prognose (% van budget)', kind: 'number', value: (r) => r.forecastPct },
  { header: 'Toewijzingen', kind: 'number', value: (r) => (r.toewijzingen > 0 && r.toewijzingen < 5 ? null : r.toewijzingen) },
]

const signalColumns: ExportColumn<BudgetSignal>[] = [
  { header: 'Nr', kind: 'number', value: (r) => r.id },
  { header: 'Soort', value: (r) => r.soort },
  { header: 'Jaar', kind: 'number', value: (r) => r.jaar },
  { header: 'Signaal', value: (r) => r.titel },
  { header: 'Status', value: (r) => r.status },
  { header: 'Conditie geldt nog', value: (r) => (r.actueel ? 'ja' : 'nee') },
  { header: 'Geopend op', value: (r) => r.geopendOp.slice(0, 10) },
  { header: 'Eigenaar', value: (r) => r.eigenaar },
  { header: 'Erkend door', value: (r) => r.erkendDoor },
  { header: 'Notitie bij erkennen', value: (r) => r.erkendNotitie },
  { header: 'Gesloten door', value: (r) => r.geslotenDoor },
  { header: 'Notitie bij sluiten', value: (r) => r.geslotenNotitie },
]

export type NamedChange = BudgetChange & { gemeente: string; aanbieder: string | null; segment: string }

const changeColumns: ExportColumn<NamedChange>[] = [
  { header: 'Op', value: (r) => r.op.slice(0, 16).replace('T', ' ') },
  { header: 'Door', value: (r) => r.door },
  { header: 'Soort', value: (r) => r.soort },
  { header: 'Gemeente', value: (r) => r.gemeente },
  { header: 'Aanbieder', value: (r) => r.aanbieder },
  { header: 'Segment', value: (r) => r.segment },
  { header: 'Jaar', kind: 'number', value: (r) => r.jaar },
  { header: 'Oud (€)', kind: 'euro', value: (r) => r.oudCents },
  { header: 'Nieuw (€)', kind: 'euro', value: (r) => r.nieuwCents },
  { header: 'Reden', value: (r) => r.reden },
]

const proposalColumns: ExportColumn<ProposalRow>[] = [
  { header: 'Gemeente', value: (r) => r.gemeente },
  { header: 'Segment', value: (r) => r.segment },
  { header: 'Aanbieder', value: (r) => r.aanbieder },
  { header: 'Realisatie vorig jaar (€)', kind: 'euro', value: (r) => r.vorigJaarCents },
  { header: 'Budget gemeente (€)', kind: 'euro', value: (r) => r.gemeenteBudgetCents },
  { header: 'Huidig budget (€)', kind: 'euro', value: (r) => r.huidigCents },
  { header: 'Voorstel (€)', kind: 'euro', value: (r) => r.voorstelCents },
]

const taakveldColumns: ExportColumn<TaakveldRow>[] = [
  { header: 'Gemeente', value: (r) => r.gemeente },
  { header: 'Taakveld', value: (r) => r.taakveld },
  { header: 'Budget (€)', kind: 'euro', value: (r) => r.budgetCents },
  { header: 'Gerealiseerd (€)', kind: 'euro', value: (r) => r.gerealiseerdCents },
  { header: 'Verplichting (€)', kind: 'euro', value: (r) => r.verplichtingCents },
  { header: 'Open verplichting (€)', kind: 'euro', value: (r) => r.openCents },
]


export function budgetRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/budgets', 'budgets', 'Budgets of a year, scoped to the actor', yearQuery), async (c) => {
    const year = c.req.valid('query').year ?? thisYear()
    return c.json(await asActor(c, 'budget.read', (trx, actor) => getBudgetOverview(trx, actor, year)), 200)
  })
  app.openapi(postRoute('/budgets/gemeente', 'budgets', 'Set a gemeente budget for a segment and period', gemeenteBudgetInputSchema), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'budget.gemeente.write', (trx, actor) => setGemeenteBudget(trx, actor, body))
    return c.json({ id }, 201)
  })
  app.openapi(postRoute('/budgets/provider', 'budgets', 'Set a provider budget (geraamd budget per aanbieder)', providerBudgetInputSchema), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'budget.provider.write', (trx, actor) => setProviderBudget(trx, actor, body))
    return c.json({ id }, 201)
  })
  app.openapi(postAction('/budgetten/jaar', 'budgets', "Set a year's budget of a gemeente (per segment) or of a provider (per segment and gemeente), with the reason kept", yearBudgetSchema), async (c) => {
    const body = c.req.valid('json')
    const result = await asActor(c, body.soort === 'gemeente' ? 'budget.gemeente.write' : 'budget.provider.write', (trx, actor) => setYearBudget(trx, actor, body))
    return c.json(result, 200)
  })
  app.openapi(postAction('/budgetten/import', 'budgets', 'Import gemeente budgets from CSV text or an XLSX file (base64): all rows or none', spreadsheetUploadSchema), async (c) => {
    const body = c.req.valid('json')
    const rows = await uploadedRows(body)
    const result = await asActor(c, 'budget.gemeente.write', (trx, actor) => importGemeenteBudgets(trx, actor, rows, body.bestandsnaam))
    return c.json(result, 200)
  })
  app.openapi(getRouteWithQuery('/budgetten/cijfers', 'budgets', 'Every budget with its realisation, commitments, forecast and exhaustion; niveau=gemeente (per gemeente and segment) or aanbieder', scopeQuery.extend({ niveau: z.enum(['gemeente', 'aanbieder']).default('gemeente') }).extend(formatQuery.shape)), async (c) => {
    const { format, niveau, jaar, gemeente, segment, aanbieder } = c.req.valid('query')
    const year = jaar ?? thisYear()
    const rows = await asActor(c, 'budget.read', async (trx, actor) => {
      const perProvider = niveau === 'aanbieder' || actor.providerId !== null
      const lines = await figuresBy(trx, actor, year, perProvider ? ['gemeente', 'provider', 'segment'] : ['gemeente', 'segment'], { gemeenteId: gemeente, segmentId: segment, providerId: aanbieder })
      const names = await nameLookup(trx, actor.regionId)
      return lines
        .map((l): FiguresRow => ({ ...l, segmentId: l.segmentId!, gemeente: names.gemeente(l.gemeenteId!), aanbieder: l.providerId === null ? '' : names.provider(l.providerId), segment: names.segment(l.segmentId!) }))
        .sort((a, b) => a.gemeente.localeCompare(b.gemeente) || a.segment.localeCompare(b.segment) || b.realisedCents - a.realisedCents)
    })
    return listResponse(c, format, `budgetten-${year}-${niveau}`, figuresColumns, rows)
  })
  app.openapi(getRouteWithQuery('/dashboard', 'budgets', 'The regional dashboard: spending against budget, forecast, signals, providers, in- and outflow, indicators', scopeQuery), async (c) => {
    const { jaar, gemeente, segment, aanbieder } = c.req.valid('query')
    const { actor, run } = scopedRunner(c, 'dashboard.read')
    return c.json(await dashboard(run, actor, jaar ?? thisYear(), { gemeenteId: gemeente, segmentId: segment, providerId: aanbieder }), 200)
  })
  app.openapi(getRouteWithQuery('/dashboard/maanden', 'budgets', 'The dashboard per month: realised, verplichting, forecast, in- and outflow', scopeQuery.extend(formatQuery.shape)), async (c) => {
    const { format, jaar, gemeente, segment, aanbieder } = c.req.valid('query')
    const { actor, run } = scopedRunner(c, 'dashboard.read')
    const d = await dashboard(run, actor, jaar ?? thisYear(), { gemeenteId: gemeente, segmentId: segment, providerId: aanbieder })
    return listResponse(c, format, `maanden-${d.jaar}`, [
      { header: 'Maand', value: (r) => r.maand.slice(0, 7) },
      { header: 'Gerealiseerd (€)', kind: 'euro', value: (r) => r.gerealiseerdCents },
      { header: 'Verplichting (€)', kind: 'euro', value: (r) => r.verplichtingCents },
      { header: 'Prognose (€)', kind: 'euro', value: (r) => r.prognoseCents },
      { header: 'Instroom (toewijzingen)', kind: 'number', value: (r) => r.nieuw },
      { header: 'Uitstroom (toewijzingen)', kind: 'number', value: (r) => r.beeindigd },
    ], d.maanden)
  })
  app.openapi(getRouteWithQuery('/budgetten/taakvelden', 'budgets', "A gemeente's budget, realisation and commitments per Iv3 taakveld, to reconcile with its own administration", jaarQuery.extend(formatQuery.shape)), async (c) => {
    const { format, jaar } = c.req.valid('query')
    const year = jaar ?? thisYear()
    const rows = await asActor(c, 'budget.read', (trx, actor) => taakveldTotals(trx, actor, year))
    return listResponse(c, format, `taakvelden-${year}`, taakveldColumns, rows)
  })
  app.openapi(getRouteWithQuery('/budgetten/wijzigingen', 'budgets', 'Every change to the budgets of a year: who, when, why', scopeQuery.extend(formatQuery.shape)), async (c) => {
    const { format, jaar, gemeente, segment, aanbieder } = c.req.valid('query')
    const year = jaar ?? thisYear()
    const rows = await asActor(c, 'budget.read', async (trx, actor) => {
      const names = await nameLookup(trx, actor.regionId)
      return (await budgetChanges(trx, actor, { jaar: year, gemeenteId: gemeente, segmentId: segment, providerId: aanbieder })).map((r): NamedChange => ({ ...r, gemeente: names.gemeente(r.gemeenteId), aanbieder: r.providerId === null ? null : names.provider(r.providerId), segment: names.segment(r.segmentId) }))
    })
    return listResponse(c, format, `budgetwijzigingen-${year}`, changeColumns, rows)
  })
  app.openapi(getRouteWithQuery('/budgetten/voorstel', 'budgets', "Proposed provider budgets: each provider's share of last year's realisation applied to the gemeente budget", proposalFilterSchema.extend(formatQuery.shape)), async (c) => {
    const { format, ...filter } = c.req.valid('query')
    const rows = await asActor(c, 'budget.read', (trx, actor) => providerBudgetProposals(trx, actor, filter))
    return listResponse(c, format, `voorstel-aanbiedersbudgetten-${filter.jaar}`, proposalColumns, rows)
  })
  app.openapi(postAction('/budgetten/voorstel/overnemen', 'budgets', 'Take over the proposed provider budgets (each a change with its reason)', adoptSchema), async (c) => {
    const body = c.req.valid('json')
    const result = await asActor(c, 'budget.provider.write', (trx, actor) => adoptProposals(trx, actor, body))
    return c.json(result, 200)
  })

  app.openapi(getRouteWithQuery('/budgetsignalen', 'budgets', 'Budget signals (status=lopend: open and acknowledged)', signalFilterSchema.extend(formatQuery.shape)), async (c) => {
    const { format, ...filter } = c.req.valid('query')
    const rows = await asActor(c, 'budgetsignaal.read', (trx, actor) => listBudgetSignals(trx, actor, filter))
    return listResponse(c, format, 'budgetsignalen', signalColumns, rows)
  })
  app.openapi(getRouteWithId('/budgetsignalen/{id}/eigenaren', 'budgets', 'Who may own a signal'), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'budgetsignaal.write', async (trx, actor) => {
      const s = await trx.selectFrom('budget_signaal').select('gemeente_id').where('id', '=', id).executeTakeFirst()
      return s ? possibleOwners(trx, actor, s.gemeente_id) : []
    }), 200)
  })
  app.openapi(postRouteWithId('/budgetsignalen/{id}/erkennen', 'budgets', 'Acknowledge a signal: a note and an owner', acknowledgeSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await asActor(c, 'budgetsignaal.write', (trx, actor) => acknowledgeSignal(trx, actor, id, body))
    return c.json({ id }, 200)
  })
  app.openapi(postRouteWithId('/budgetsignalen/{id}/sluiten', 'budgets', 'Close an acknowledged signal with a note', closeSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await asActor(c, 'budgetsignaal.write', (trx, actor) => closeSignal(trx, actor, id, body))
    return c.json({ id }, 200)
  })
  app.openapi(getRoute('/signaalinstelling', 'budgets', "The region's signal settings"), async (c) => {
    return c.json(await asActor(c, 'budgetsignaal.read', (trx, actor) => signalSettings(trx, actor.regionId)), 200)
  })
  app.openapi(postAction('/signaalinstelling', 'budgets', 'Set how far above pro rata a provider may be before a signal (percent of the pro-rata amount)', signalSettingsSchema), async (c) => {
    const body = c.req.valid('json')
    const result = await asActor(c, 'signaalinstelling.write', (trx, actor) => setSignalSettings(trx, actor, body))
    return c.json(result, 200)
  })
  return app
}
