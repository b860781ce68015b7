import { AppError } from '../shared/errors.ts'
import { z } from 'zod'
import { formatQuery, listResponse } from '../http/export-response.ts'
import { answer, getRoute, getRouteWithId, getRouteWithQuery, postAction, postRoute, idAnswer, postRouteWithId, yearQuery } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor, scopedRunner } from '../http/scoped.ts'
import { today } from '../shared/dates.ts'
import type { ExportColumn } from '../shared/export.ts'
import { importGemeenteBudgets } from './budget-import.ts'
import { spreadsheetUploadSchema } from '../shared/request.schema.ts'
import { uploadedRows } from '../shared/spreadsheet.ts'
import { type ProposalRow, adoptProposals, providerBudgetProposals } from './budget-proposal.queries.ts'
import { acknowledgeSchema, adoptSchema, bulkAcknowledgeSchema, closeSchema, proposalFilterSchema, signalSettingsSchema, yearBudgetSchema } from './budget.schema.ts'
import { type BudgetChange, type BudgetOverview, budgetChanges, gemeenteBudgetInputSchema, getBudgetOverview, providerBudgetInputSchema, setGemeenteBudget, setProviderBudget, setYearBudget } from './budget.queries.ts'
import { type Figures, type FiguresRow, type GroupedFigures, type Shown, figuresRows } from './budget-figures.queries.ts'
import { type Dashboard, type MonthRow, dashboard } from './dashboard.queries.ts'
import { nameLookup } from '../regions/names.queries.ts'
import { type BudgetSignal, acknowledgeSignal, acknowledgeSignals, closeSignal, listBudgetSignals, possibleOwners, setSignalSettings, signalFilterSchema, signalSettings } from './signal.queries.ts'
import type { SignalSettings } from './signal.rules.ts'
import { type TaakveldRow, taakveldTotals } from './taakveld.queries.ts'
import { importVoorliggendLines } from './voorliggend-import.ts'
import { type VoorliggendLine, type VoorliggendShareRow, deleteVoorliggendLine, listVoorliggendLines, setVoorliggendLine, voorliggendShares } from './voorliggend.queries.ts'
import { voorliggendDeleteSchema, voorliggendLineSchema } from './voorliggend.schema.ts'
import { voorliggendSoortNaam, voorliggendSoorten } from './voorliggend.rules.ts'

const scopeQuery = yearQuery.extend({
  gemeente: z.coerce.number().int().positive().optional(),
  segment: z.coerce.number().int().positive().optional(),
  provider: z.coerce.number().int().positive().optional(),
})
const proposalQuery = z.object({ year: proposalFilterSchema.shape.jaar, gemeente: proposalFilterSchema.shape.gemeente, segment: proposalFilterSchema.shape.segment })
const signalQuery = z.object({ year: signalFilterSchema.shape.jaar, status: signalFilterSchema.shape.status })
const budgetSignalKind = z.enum(['voor_op_budget', 'prognose_boven_budget', 'plafond_bereikt', 'doel_niet_op_koers'])
const signalStatus = z.enum(['open', 'erkend', 'gesloten'])
const budgetSignalSchema = z.object({
  id: z.number(),
  soort: budgetSignalKind,
  jaar: z.number().int(),
  gemeenteId: z.number().nullable(),
  providerId: z.number().nullable(),
  segmentId: z.number(),
  doelId: z.number().nullable(),
  status: signalStatus,
  titel: z.string(),
  bewijs: z.record(z.string(), z.union([z.number(), z.string()])),
  actueel: z.boolean(),
  geopendOp: answer.moment,
  bijgewerktOp: answer.moment,
  eigenaar: z.string().nullable(),
  eigenaarId: z.number().nullable(),
  erkendDoor: z.string().nullable(),
  erkendOp: answer.moment.nullable(),
  erkendNotitie: z.string().nullable(),
  geslotenDoor: z.string().nullable(),
  geslotenOp: answer.moment.nullable(),
  geslotenNotitie: z.string().nullable(),
}) satisfies z.ZodType<BudgetSignal>
const signalSettingsAnswer = z.object({ margePct: z.number() }) satisfies z.ZodType<SignalSettings>

/** The budgets of a year in the actor's scope (also part of the region overview). */
export const budgetOverviewSchema = z.object({
  year: z.number().int(),
  gemeenteBudgets: z.array(z.object({ gemeenteId: z.number(), segmentId: z.number(), validFrom: answer.date, validTo: answer.date, amountCents: answer.cents })),
  regionalTotals: z.array(z.object({ segmentId: z.number(), amountCents: answer.cents })),
  providerBudgets: z.array(z.object({ providerId: z.number(), segmentId: z.number(), gemeenteId: z.number(), amountCents: answer.cents })),
}) satisfies z.ZodType<BudgetOverview>

/** A key's figures for its year (budget-figures.queries.ts); the percentages are null without a budget. */
const figuresSchema = z.object({
  budgetCents: answer.cents,
  realisedCents: answer.cents,
  committedCents: answer.cents,
  openCents: answer.cents,
  forecastCents: answer.cents,
  expectedOnCommitmentsCents: answer.cents,
  expectedInflowCents: answer.cents,
  expectedLumpSumsCents: answer.cents,
  /** Null when 1–4 (suppressed where the figures are built). */
  toewijzingen: z.number().int().nullable(),
  exhaustionPct: z.number().nullable(),
  forecastPct: z.number().nullable(),
}) satisfies z.ZodType<Shown<Figures>>

/** Figures summed by some of gemeente, provider and segment (null: not grouped by it), with the toewijzingen ending in the year and the oldest peildatum of the stored figures. */
const groupedFiguresSchema = z.object({
  ...figuresSchema.shape,
  gemeenteId: z.number().nullable(),
  providerId: z.number().nullable(),
  segmentId: z.number().nullable(),
  /** Null when 1–4, and then their days too. */
  beeindigd: z.number().int().nullable(),
  beeindigdDagen: z.number().int().nullable(),
  peildatum: answer.date.nullable(),
}) satisfies z.ZodType<Shown<GroupedFigures>>

const figuresRowSchema = z.object({
  ...groupedFiguresSchema.shape,
  gemeente: z.string(),
  aanbieder: z.string(),
  segmentId: z.number(),
  segment: z.string(),
}) satisfies z.ZodType<FiguresRow>

const namedChangeSchema = z.object({
  id: z.number(),
  soort: z.enum(['gemeente', 'aanbieder']),
  gemeenteId: z.number(),
  gemeente: z.string(),
  providerId: z.number().nullable(),
  aanbieder: z.string().nullable(),
  segmentId: z.number(),
  segment: z.string(),
  jaar: z.number().int(),
  oudCents: answer.cents.nullable(),
  nieuwCents: answer.cents,
  reden: z.string(),
  door: z.string(),
  op: answer.moment,
}) satisfies z.ZodType<NamedChange>

const proposalRowSchema = z.object({
  gemeenteId: z.number(),
  gemeente: z.string(),
  segmentId: z.number(),
  segment: z.string(),
  providerId: z.number(),
  aanbieder: z.string(),
  vorigJaarCents: answer.cents,
  gemeenteBudgetCents: answer.cents.nullable(),
  huidigCents: answer.cents.nullable(),
  voorstelCents: answer.cents,
}) satisfies z.ZodType<ProposalRow>

const taakveldRowSchema = z.object({
  gemeenteId: z.number(),
  gemeente: z.string(),
  taakveld: z.string(),
  taakveldNaam: z.string().openapi({ description: "The taakveld's Iv3 name; empty for onbekend (a segment none of whose products maps to a taakveld)" }),
  budgetCents: answer.cents,
  gerealiseerdCents: answer.cents,
  verplichtingCents: answer.cents,
  openCents: answer.cents,
}) satisfies z.ZodType<TaakveldRow>

/** A count of toewijzingen, null when it is 1–4 (suppressed). */
const suppressedCount = z.number().int().nullable()

const monthRowSchema = z.object({
  maand: answer.date,
  gerealiseerdCents: answer.cents,
  verplichtingCents: answer.cents,
  prognoseCents: answer.cents,
  nieuw: suppressedCount,
  beeindigd: suppressedCount,
}) satisfies z.ZodType<MonthRow>

const dashboardSchema = z.object({
  jaar: z.number().int(),
  peildatum: answer.date.nullable(),
  bereik: z.enum(['regio', 'gemeente']),
  gemeente: z.string().nullable(),
  totaal: figuresSchema,
  segmenten: z.array(z.object({ ...groupedFiguresSchema.shape, segmentId: z.number(), segment: z.string(), wet: z.string(), ceilingCents: answer.cents.nullable() })),
  gemeenten: z.array(z.object({ ...groupedFiguresSchema.shape, gemeenteId: z.number(), segmentId: z.number(), gemeente: z.string(), segment: z.string() })),
  maanden: z.array(monthRowSchema),
  aanbieders: z.array(z.object({ ...groupedFiguresSchema.shape, providerId: z.number(), aanbieder: z.string() })),
  regio: z
    .array(z.object({ segmentId: z.number(), segment: z.string(), gerealiseerdCents: answer.cents, verplichtingCents: answer.cents, openCents: answer.cents, prognoseCents: answer.cents, toewijzingen: suppressedCount }))
    .nullable(),
  signalen: z.object({
    open: z.number().int(),
    erkend: z.number().int(),
    recent: z.array(z.object({ id: z.number(), soort: budgetSignalKind, status: signalStatus, titel: z.string(), gemeenteId: z.number().nullable(), segmentId: z.number(), providerId: z.number().nullable() })),
  }),
  indicatoren: z.object({
    toewijzingen: suppressedCount,
    gecontracteerdeAanbieders: z.number().int(),
    aanbiedersMetToewijzingen: z.number().int(),
    trajectenPerAanbieder: z.number().nullable(),
    gemiddeldeDuurDagen: z.number().nullable(),
    beeindigd: suppressedCount,
    verplichtingCents: answer.cents,
    gerealiseerdOpToewijzingenCents: answer.cents,
    benuttingPct: z.number().nullable(),
    varianten: z.array(z.object({ variant: z.string(), toewijzingen: suppressedCount, verplichtingCents: answer.cents })),
  }),
}) satisfies z.ZodType<Dashboard>

const voorliggendLineAnswer = z.object({
  id: z.number(),
  gemeenteId: z.number(),
  jaar: z.number().int(),
  wet: z.enum(['jeugdwet', 'wmo']),
  soort: z.enum(voorliggendSoorten),
  organisatie: z.string(),
  omschrijving: z.string(),
  budgetCents: answer.cents,
  realisatieCents: answer.cents.nullable(),
  realisatieBron: z.enum(['invoer', 'import']).nullable(),
}) satisfies z.ZodType<VoorliggendLine>
const voorliggendShareAnswer = z.object({
  gemeenteId: z.number(),
  wet: z.enum(['jeugdwet', 'wmo']),
  voorliggendCents: answer.cents,
  maatwerkCents: answer.cents,
  aandeelPct: z.number().nullable(),
}) satisfies z.ZodType<VoorliggendShareRow>
/** The voorliggend veld of a year: its lines, and per gemeente and wet the share of the social-domain budget. */
const voorliggendAnswer = z.object({ jaar: z.number().int(), regels: z.array(voorliggendLineAnswer), aandelen: z.array(voorliggendShareAnswer) })

const voorliggendColumns: ExportColumn<VoorliggendLine & { gemeente: string }>[] = [
  { header: 'Gemeente', value: (r) => r.gemeente },
  { header: 'Jaar', kind: 'number', value: (r) => r.jaar },
  { header: 'Wet', value: (r) => (r.wet === 'jeugdwet' ? 'Jeugdwet' : 'Wmo') },
  { header: 'Soort', value: (r) => voorliggendSoortNaam[r.soort] },
  { header: 'Organisatie', value: (r) => r.organisatie },
  { header: 'Omschrijving', value: (r) => r.omschrijving },
  { header: 'Budget (€)', kind: 'euro', value: (r) => r.budgetCents },
  { header: 'Realisatie (€)', kind: 'euro', value: (r) => r.realisatieCents },
]

const thisYear = () => Number(today().slice(0, 4))

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
  { header: 'Uitputting (%)', kind: 'percent', value: (r) => r.exhaustionPct },
  { header: 'Prognose (% van budget)', kind: 'percent', value: (r) => r.forecastPct },
  { header: 'Toewijzingen', kind: 'count', value: (r) => r.toewijzingen },
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
  { header: 'Naam taakveld', value: (r) => r.taakveldNaam },
  { header: 'Budget (€)', kind: 'euro', value: (r) => r.budgetCents },
  { header: 'Gerealiseerd (€)', kind: 'euro', value: (r) => r.gerealiseerdCents },
  { header: 'Verplichting (€)', kind: 'euro', value: (r) => r.verplichtingCents },
  { header: 'Open verplichting (€)', kind: 'euro', value: (r) => r.openCents },
]


export function budgetRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/budgets', 'budgets', 'Budgets of a year, scoped to the actor', yearQuery, budgetOverviewSchema), async (c) => {
    const year = c.req.valid('query').year ?? thisYear()
    return c.json(await asActor(c, 'budget.read', (trx, actor) => getBudgetOverview(trx, actor, year)), 200)
  })
  app.openapi(postRoute('/budgets/gemeente', 'budgets', 'Set a gemeente budget for a segment and period', gemeenteBudgetInputSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'budget.gemeente.write', (trx, actor) => setGemeenteBudget(trx, actor, body))
    return c.json({ id }, 201)
  })
  app.openapi(postRoute('/budgets/provider', 'budgets', 'Set a provider budget (geraamd budget per aanbieder)', providerBudgetInputSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'budget.provider.write', (trx, actor) => setProviderBudget(trx, actor, body))
    return c.json({ id }, 201)
  })
  app.openapi(postAction('/budgets/year', 'budgets', "Set a year's budget of a gemeente (per segment) or of a provider (per segment and gemeente), with the reason kept", yearBudgetSchema, z.object({ id: z.number(), oudCents: answer.cents.nullable() })), async (c) => {
    const body = c.req.valid('json')
    const result = await asActor(c, body.soort === 'gemeente' ? 'budget.gemeente.write' : 'budget.provider.write', (trx, actor) => setYearBudget(trx, actor, body))
    return c.json(result, 200)
  })
  app.openapi(postAction('/budgets/import', 'budgets', 'Import gemeente budgets from CSV text or an XLSX file (base64): all rows or none', spreadsheetUploadSchema, z.object({ rows: z.number().int(), changed: z.number().int() })), async (c) => {
    const body = c.req.valid('json')
    const rows = await uploadedRows(body)
    const result = await asActor(c, 'budget.gemeente.write', (trx, actor) => importGemeenteBudgets(trx, actor, rows, body.bestandsnaam))
    return c.json(result, 200)
  })
  app.openapi(getRouteWithQuery('/budgets/voorliggend', 'budgets', "The voorliggend veld's budget lines of a year and, per gemeente and wet, its share of the social-domain budget (voorliggend / (voorliggend + maatwerk))", yearQuery, voorliggendAnswer), async (c) => {
    const year = c.req.valid('query').year ?? thisYear()
    return c.json(await asActor(c, 'budget.gemeente.read', async (trx, actor) => ({ jaar: year, regels: await listVoorliggendLines(trx, actor, year), aandelen: await voorliggendShares(trx, actor, year) })), 200)
  })
  app.openapi(getRouteWithQuery('/budgets/voorliggend/lines', 'budgets', "The voorliggend veld's budget lines of a year as a list (CSV or XLSX with format)", yearQuery.extend(formatQuery.shape), z.array(voorliggendLineAnswer.extend({ gemeente: z.string() }))), async (c) => {
    const { format, year: askedYear } = c.req.valid('query')
    const year = askedYear ?? thisYear()
    const rows = await asActor(c, 'budget.gemeente.read', async (trx, actor) => {
      const names = await nameLookup(trx, actor.regionId)
      return (await listVoorliggendLines(trx, actor, year)).map((r) => ({ ...r, gemeente: names.gemeente(r.gemeenteId) }))
    })
    return listResponse(c, format, `voorliggend-veld-${year}`, voorliggendColumns, rows)
  })
  app.openapi(postAction('/budgets/voorliggend', 'budgets', 'Set a budget line of the voorliggend veld (gemeente, year, wet, kind and organisation are its key) with its realisation', voorliggendLineSchema, z.object({ id: z.number(), nieuw: z.boolean() })), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'budget.gemeente.write', (trx, actor) => setVoorliggendLine(trx, actor, body)), 200)
  })
  app.openapi(postAction('/budgets/voorliggend/delete', 'budgets', 'Remove a budget line of the voorliggend veld', voorliggendDeleteSchema, idAnswer), async (c) => {
    const { id } = c.req.valid('json')
    await asActor(c, 'budget.gemeente.write', (trx, actor) => deleteVoorliggendLine(trx, actor, id))
    return c.json({ id }, 200)
  })
  app.openapi(postAction('/budgets/voorliggend/import', 'budgets', "Import the voorliggend veld's budget lines and realisation from CSV text or an XLSX file (base64): all rows or none", spreadsheetUploadSchema, z.object({ rows: z.number().int(), nieuw: z.number().int() })), async (c) => {
    const body = c.req.valid('json')
    const rows = await uploadedRows(body)
    return c.json(await asActor(c, 'budget.gemeente.write', (trx, actor) => importVoorliggendLines(trx, actor, rows)), 200)
  })
  app.openapi(getRouteWithQuery('/budgets/figures', 'budgets', 'Every budget with its realisation, commitments, forecast and exhaustion; level=gemeente (per gemeente and segment) or aanbieder', scopeQuery.extend({ level: z.enum(['gemeente', 'aanbieder']).default('gemeente') }).extend(formatQuery.shape), z.array(figuresRowSchema)), async (c) => {
    const { format, level, year: askedYear, gemeente, segment, provider } = c.req.valid('query')
    const year = askedYear ?? thisYear()
    const rows = await asActor(c, 'budget.read', (trx, actor) => figuresRows(trx, actor, year, level, { gemeenteId: gemeente, segmentId: segment, providerId: provider }))
    return listResponse(c, format, `budgetten-${year}-${level}`, figuresColumns, rows)
  })
  app.openapi(getRouteWithQuery('/budgets/dashboard', 'budgets', 'The regional dashboard: spending against budget, forecast, signals, providers, in- and outflow, indicators', scopeQuery, dashboardSchema), async (c) => {
    const { year, gemeente, segment, provider } = c.req.valid('query')
    const { actor, run } = scopedRunner(c, 'dashboard.read')
    return c.json(await dashboard(run, actor, year ?? thisYear(), { gemeenteId: gemeente, segmentId: segment, providerId: provider }), 200)
  })
  app.openapi(getRouteWithQuery('/budgets/dashboard/months', 'budgets', 'The dashboard per month: realised, verplichting, forecast, in- and outflow', scopeQuery.extend(formatQuery.shape), z.array(monthRowSchema)), async (c) => {
    const { format, year, gemeente, segment, provider } = c.req.valid('query')
    const { actor, run } = scopedRunner(c, 'dashboard.read')
    const d = await dashboard(run, actor, year ?? thisYear(), { gemeenteId: gemeente, segmentId: segment, providerId: provider })
    return listResponse(c, format, `maanden-${d.jaar}`, [
      { header: 'Maand', value: (r) => r.maand.slice(0, 7) },
      { header: 'Gerealiseerd (€)', kind: 'euro', value: (r) => r.gerealiseerdCents },
      { header: 'Verplichting (€)', kind: 'euro', value: (r) => r.verplichtingCents },
      { header: 'Prognose (€)', kind: 'euro', value: (r) => r.prognoseCents },
      { header: 'Instroom (toewijzingen)', kind: 'count', value: (r) => r.nieuw },
      { header: 'Uitstroom (toewijzingen)', kind: 'count', value: (r) => r.beeindigd },
    ], d.maanden)
  })
  app.openapi(getRouteWithQuery('/budgets/taakvelden', 'budgets', "A gemeente's budget, realisation and commitments per Iv3 taakveld, to reconcile with its own administration", yearQuery.extend(formatQuery.shape), z.array(taakveldRowSchema)), async (c) => {
    const { format, year: askedYear } = c.req.valid('query')
    const year = askedYear ?? thisYear()
    const rows = await asActor(c, 'budget.gemeente.read', (trx, actor) => taakveldTotals(trx, actor, year))
    return listResponse(c, format, `taakvelden-${year}`, taakveldColumns, rows)
  })
  app.openapi(getRouteWithQuery('/budgets/changes', 'budgets', 'Every change to the budgets of a year: who, when, why', scopeQuery.extend(formatQuery.shape), z.array(namedChangeSchema)), async (c) => {
    const { format, year: askedYear, gemeente, segment, provider } = c.req.valid('query')
    const year = askedYear ?? thisYear()
    const rows = await asActor(c, 'budget.read', async (trx, actor) => {
      const names = await nameLookup(trx, actor.regionId)
      return (await budgetChanges(trx, actor, { jaar: year, gemeenteId: gemeente, segmentId: segment, providerId: provider })).map((r): NamedChange => ({ ...r, gemeente: names.gemeente(r.gemeenteId), aanbieder: r.providerId === null ? null : names.provider(r.providerId), segment: names.segment(r.segmentId) }))
    })
    return listResponse(c, format, `budgetwijzigingen-${year}`, changeColumns, rows)
  })
  app.openapi(getRouteWithQuery('/budgets/proposal', 'budgets', "Proposed provider budgets: each provider's share of last year's realisation applied to the gemeente budget", proposalQuery.extend(formatQuery.shape), z.array(proposalRowSchema)), async (c) => {
    const { format, year, gemeente, segment } = c.req.valid('query')
    const rows = await asActor(c, 'budget.gemeente.read', (trx, actor) => providerBudgetProposals(trx, actor, { jaar: year, gemeente, segment }))
    return listResponse(c, format, `voorstel-aanbiedersbudgetten-${year}`, proposalColumns, rows)
  })
  app.openapi(postAction('/budgets/proposal/adopt', 'budgets', 'Take over the proposed provider budgets (each a change with its reason)', adoptSchema, z.object({ changed: z.number().int() })), async (c) => {
    const body = c.req.valid('json')
    const result = await asActor(c, 'budget.provider.write', (trx, actor) => adoptProposals(trx, actor, body))
    return c.json(result, 200)
  })

  app.openapi(getRouteWithQuery('/budgets/signals', 'budgets', 'Budget signals (status=lopend: open and acknowledged)', signalQuery.extend(formatQuery.shape), z.array(budgetSignalSchema)), async (c) => {
    const { format, year, status } = c.req.valid('query')
    const rows = await asActor(c, 'budgetsignaal.read', (trx, actor) => listBudgetSignals(trx, actor, { jaar: year, status }))
    return listResponse(c, format, 'budgetsignalen', signalColumns, rows)
  })
  app.openapi(getRouteWithId('/budgets/signals/{id}/owners', 'budgets', 'Who may own a signal', z.array(z.object({ id: z.number(), name: z.string() }))), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'budgetsignaal.write', async (trx, actor) => {
      // Row-level security hides another gemeente's signal: then the signal is not found, as elsewhere.
      const s = await trx.selectFrom('budget_signaal').select('gemeente_id').where('id', '=', id).executeTakeFirst()
      if (!s || (actor.gemeenteId !== null && s.gemeente_id !== null && s.gemeente_id !== actor.gemeenteId)) throw new AppError('signal.not_found', `no budget signal ${id}`)
      return possibleOwners(trx, actor, s.gemeente_id)
    }), 200)
  })
  app.openapi(postAction('/budgets/signals/acknowledge', 'budgets', 'Acknowledge many open signals with one note and owner: all of them or none', bulkAcknowledgeSchema, z.object({ acknowledged: z.number().int() })), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'budgetsignaal.write', (trx, actor) => acknowledgeSignals(trx, actor, body)), 200)
  })
  app.openapi(postRouteWithId('/budgets/signals/{id}/acknowledge', 'budgets', 'Acknowledge a signal: a note and an owner', acknowledgeSchema, idAnswer), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await asActor(c, 'budgetsignaal.write', (trx, actor) => acknowledgeSignal(trx, actor, id, body))
    return c.json({ id }, 200)
  })
  app.openapi(postRouteWithId('/budgets/signals/{id}/close', 'budgets', 'Close an acknowledged signal with a note', closeSchema, idAnswer), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await asActor(c, 'budgetsignaal.write', (trx, actor) => closeSignal(trx, actor, id, body))
    return c.json({ id }, 200)
  })
  app.openapi(getRoute('/budgets/signal-settings', 'budgets', "The region's signal settings", signalSettingsAnswer), async (c) => {
    return c.json(await asActor(c, 'budgetsignaal.read', (trx, actor) => signalSettings(trx, actor.regionId)), 200)
  })
  app.openapi(postAction('/budgets/signal-settings', 'budgets', 'Set how far above pro rata a provider may be before a signal (percent of the pro-rata amount)', signalSettingsSchema, signalSettingsAnswer), async (c) => {
    const body = c.req.valid('json')
    const result = await asActor(c, 'signaalinstelling.write', (trx, actor) => setSignalSettings(trx, actor, body))
    return c.json(result, 200)
  })
  return app
}
