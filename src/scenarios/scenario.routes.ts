import { z } from 'zod'
import { downloadResponse } from '../http/export-response.ts'
import { answer, getRouteWithId, getRouteWithQuery, idAnswer, idParams, postAction } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { attachment } from '../http/content-disposition.ts'
import { nameLookup } from '../regions/names.queries.ts'
import { today } from '../shared/dates.ts'
import type { ExportColumn } from '../shared/export.ts'
import { councilPdf } from './council-pdf.ts'
import { leverSchema } from './levers.rules.ts'
import { type Comparison, type KeptScenario, cachedScenarioModel, compare, deleteScenario, getScenario, listScenarios, saveScenario } from './scenario.queries.ts'
import { scenarioInputSchema, scenarioSpecSchema } from './scenario.schema.ts'
import type { Shown, ShownOutcome, YearRow } from './scenario.rules.ts'
import type { ModelUitleg } from './model-uitleg.rules.ts'

/** A count of clients: whole, null when 1–4 (suppressed). */
const shownCount = z.number().int().nullable()
const yearRow = z.object({
  jaar: z.number().int(),
  inZorg: shownCount,
  inZorgEinde: shownCount,
  instroom: shownCount,
  uitstroom: shownCount,
  naarVoorliggend: shownCount,
  kostenCents: answer.cents,
  voorliggendKostenCents: answer.cents,
  budgetCents: answer.cents.nullable(),
  bovenBestedingsruimteCents: answer.cents,
  declaratieregelsPerMaand: z.number(),
  berichtenAanbiedersPerMaand: z.number(),
  berichtenGemeentenPerMaand: z.number(),
}) satisfies z.ZodType<Shown<YearRow>>
const outcomeSchema = z.object({
  jaren: z.array(yearRow),
  perGemeente: z.array(z.object({ gemeenteId: z.number(), jaren: z.array(yearRow) })),
  perAanbieder: z.array(z.object({ providerId: z.number(), jaar: z.number().int(), inZorgEinde: shownCount, instroom: shownCount, kostenCents: answer.cents })),
  doelen: z.array(z.object({ doelId: z.number(), naam: z.string(), kpi: z.string(), richting: z.enum(['omlaag', 'omhoog']), jaren: z.array(z.object({ jaar: z.number().int(), pad: z.number(), waarde: z.number().nullable() })) })),
}) satisfies z.ZodType<ShownOutcome>
const uitlegSchema = z.object({
  perspectieven: z.array(z.object({ perspectief: z.enum(['ontwikkeling', 'stabiliteit', 'onbekend']), trajecten: shownCount, gemeentenEigenCurve: z.number().int(), gemeenten: z.number().int(), mediaanMaanden: z.number().int().nullable(), aandeelInstroomPct: z.number() })),
  producten: z.array(
    z.object({ productId: z.number(), naam: z.string(), code: z.string(), variant: z.enum(['inspanningsgericht', 'outputgericht', 'taakgericht']), trajectmaanden: shownCount, kostenPerTrajectmaandCents: answer.cents.nullable(), aandeelPct: z.number().nullable() }),
  ),
  kostenPerClientmaandCents: answer.cents,
  overigPerClientmaandCents: answer.cents.nullable(),
}) satisfies z.ZodType<ModelUitleg>
const comparisonSchema = z.object({ modelversie: z.string(), peildatum: answer.date, baseline: outcomeSchema, scenario: outcomeSchema, uitleg: uitlegSchema.optional() }) satisfies z.ZodType<Comparison>

const keptSchema = z.object({
  id: z.number(),
  naam: z.string(),
  segmentId: z.number(),
  gemeenteId: z.number().nullable(),
  startdatum: answer.date,
  jaren: z.number().int(),
  hefbomen: z.array(leverSchema),
  modelversie: z.string(),
  peildatum: answer.date,
  aangemaaktDoor: z.string(),
  aangemaaktOp: answer.moment,
}) satisfies z.ZodType<KeptScenario>


interface ExportRow {
  jaar: number
  reeks: string
  r: Shown<YearRow>
}
const exportColumns: ExportColumn<ExportRow>[] = [
  { header: 'Jaar', kind: 'number', value: (x) => x.jaar },
  { header: 'Reeks', value: (x) => x.reeks },
  { header: 'Kosten (€)', kind: 'euro', value: (x) => x.r.kostenCents },
  { header: 'Budget (€)', kind: 'euro', value: (x) => x.r.budgetCents },
  { header: 'Boven bestedingsruimte (€)', kind: 'euro', value: (x) => x.r.bovenBestedingsruimteCents },
  { header: 'Voorliggend veld (€)', kind: 'euro', value: (x) => x.r.voorliggendKostenCents },
  { header: 'Cliënten in zorg', kind: 'count', value: (x) => x.r.inZorg },
  { header: 'In zorg op 31 december', kind: 'count', value: (x) => x.r.inZorgEinde },
  { header: 'Instroom', kind: 'count', value: (x) => x.r.instroom },
  { header: 'Uitstroom', kind: 'count', value: (x) => x.r.uitstroom },
  { header: 'Naar voorliggend veld', kind: 'count', value: (x) => x.r.naarVoorliggend },
  { header: 'Declaratieregels per maand', kind: 'number', value: (x) => x.r.declaratieregelsPerMaand },
  { header: 'Berichten aanbieders per maand', kind: 'number', value: (x) => x.r.berichtenAanbiedersPerMaand },
  { header: 'Berichten gemeenten per maand', kind: 'number', value: (x) => x.r.berichtenGemeentenPerMaand },
]

/** The rows of the export: per year the baseline and the scenario, the region's or the gemeente's, then per gemeente. */
function exportRows(v: Comparison, gemeente: (id: number) => string): ExportRow[] {
  const rows: ExportRow[] = []
  v.scenario.jaren.forEach((r, i) => rows.push({ jaar: r.jaar, reeks: 'Basislijn', r: v.baseline.jaren[i]! }, { jaar: r.jaar, reeks: 'Scenario', r }))
  if (v.scenario.perGemeente.length > 1) {
    for (const g of v.scenario.perGemeente) {
      const b = v.baseline.perGemeente.find((x) => x.gemeenteId === g.gemeenteId)!
      g.jaren.forEach((r, i) => rows.push({ jaar: r.jaar, reeks: `Basislijn ${gemeente(g.gemeenteId)}`, r: b.jaren[i]! }, { jaar: r.jaar, reeks: `Scenario ${gemeente(g.gemeenteId)}`, r }))
    }
  }
  return rows
}

const fileName = (naam: string) => `scenario-${naam.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'zonder-naam'}`

export function scenarioRoutes() {
  const app = newRouter()
  app.openapi(postAction('/scenarios/compute', 'scenarios', 'A scenario beside the baseline, per year, gemeente and provider (not kept)', scenarioSpecSchema, comparisonSchema), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'scenario.read', async (trx, actor) => compare(await cachedScenarioModel(trx, actor, body.segmentId, body.gemeenteId, today()), body)), 200)
  })
  app.openapi(postAction('/scenarios', 'scenarios', 'Keep a scenario with its levers, the model version, the peildatum and its outcome beside the baseline', scenarioInputSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    const { id } = await asActor(c, 'scenario.write', (trx, actor) => saveScenario(trx, actor, body, today()))
    return c.json({ id }, 200)
  })
  app.openapi(getRouteWithQuery('/scenarios', 'scenarios', 'The kept scenarios (a gemeente its own)', z.object({}), z.array(keptSchema)), async (c) => {
    return c.json(await asActor(c, 'scenario.read', (trx, actor) => listScenarios(trx, actor)), 200)
  })
  app.openapi(getRouteWithId('/scenarios/{id}', 'scenarios', 'A kept scenario with its outcome as computed when it was kept', keptSchema.extend({ vergelijking: comparisonSchema })), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'scenario.read', (trx, actor) => getScenario(trx, actor, id)), 200)
  })
  // The files (XLSX, PDF) are not JSON answers: plain routes, as the account dossier (src/app/account-agenda.routes.ts).
  // A kept scenario per year beside the baseline, as an XLSX workbook.
  app.get('/scenarios/:id/export', async (c) => {
    const { id } = idParams.parse(c.req.param())
    const { s, names } = await asActor(c, 'scenario.read', async (trx, actor) => ({ s: await getScenario(trx, actor, id), names: await nameLookup(trx, actor.regionId) }))
    return downloadResponse(c, 'xlsx', fileName(s.naam), exportColumns, exportRows(s.vergelijking, names.gemeente))
  })
  // A kept scenario as a PDF page for the council (raadsinformatie).
  app.get('/scenarios/:id/pdf', async (c) => {
    const { id } = idParams.parse(c.req.param())
    const { s, names } = await asActor(c, 'scenario.read', async (trx, actor) => ({ s: await getScenario(trx, actor, id), names: await nameLookup(trx, actor.regionId) }))
    const pdf = await councilPdf(s, { segment: names.segment(s.segmentId), scope: s.gemeenteId === null ? 'hele regio' : names.gemeente(s.gemeenteId), provider: names.provider })
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': attachment(`${fileName(s.naam)}.pdf`) })
  })
  app.openapi(postAction('/scenarios/delete', 'scenarios', 'Remove a kept scenario', z.object({ id: z.number().int().positive() }), idAnswer), async (c) => {
    const { id } = c.req.valid('json')
    await asActor(c, 'scenario.write', (trx, actor) => deleteScenario(trx, actor, id))
    return c.json({ id }, 200)
  })
  return app
}

