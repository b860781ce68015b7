import { z } from 'zod'
import { formatQuery, listResponse } from '../http/export-response.ts'
import { answer, getRouteWithId, getRouteWithQuery, idAnswer, idParams, postRoute, postRouteWithId } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import type { ExportColumn } from '../shared/export.ts'
import { type DeclaratieRow, type DeclaratieLineRow, addTaakgerichtBetaling, declaratieFilterSchema, declaratieRegels, getDeclaratie, importTaakgerichtBetalingen, withPaymentFlag, listDeclaraties, listTaakgerichtBetalingen, regelFilterSchema } from './declaratie.queries.ts'
import { taakgerichtBetalingSchema, taakgerichtImportSchema } from './taakgericht.schema.ts'
import { sampleFindingSchema, steekproefInputSchema } from './rechtmatigheid.schema.ts'
import { type RealisationRow, realisatie, realisationDimensions } from '../budgets/realisation.queries.ts'
import { type RechtmatigheidSignaal, createSteekproef, listSteekproeven, rechtmatigheidSignalen, recordSampleFinding, signaalFilterSchema, steekproefRegels } from './rechtmatigheid.queries.ts'

const statusTekst = { toegekend: 'toegekend', deels_toegekend: 'deels toegekend', afgewezen: 'afgewezen' } as const

const declaratieKolommen: ExportColumn<DeclaratieRow>[] = [
  { header: 'Maand', value: (r) => r.maand },
  { header: 'Gemeente', value: (r) => r.gemeente },
  { header: 'Aanbieder', value: (r) => r.aanbieder },
  { header: 'AGB-code', value: (r) => r.agbCode },
  { header: 'Wet', value: (r) => r.wet },
  { header: 'Declaratienummer', value: (r) => r.declaratieNummer },
  { header: 'Ingediend op', value: (r) => r.ingediendOp },
  { header: 'Prestaties', kind: 'number', value: (r) => r.regels },
  { header: 'Goedgekeurd', kind: 'number', value: (r) => r.goedgekeurd },
  { header: 'Afgewezen', kind: 'number', value: (r) => r.afgewezen },
  { header: 'Ingediend (€)', kind: 'euro', value: (r) => r.ingediendCents },
  { header: 'Toegekend (€)', kind: 'euro', value: (r) => r.toegekendCents },
  { header: 'Status', value: (r) => statusTekst[r.status] },
  { header: 'Betaling opschorten', value: (r) => (r.betalingOpschorten ? 'ja' : 'nee') },
]

const regelKolommen: ExportColumn<DeclaratieLineRow>[] = [
  { header: 'Nr', kind: 'number', value: (r) => r.volgnummer },
  { header: 'Cliënt (pseudoniem)', value: (r) => r.client },
  { header: 'Referentienummer', value: (r) => r.referentieNummer },
  { header: 'Toewijzingnummer', kind: 'number', value: (r) => r.toewijzingNummer },
  { header: 'Product', value: (r) => r.product },
  { header: 'Begindatum', value: (r) => r.begindatum },
  { header: 'Einddatum', value: (r) => r.einddatum },
  { header: 'Volume', kind: 'number', value: (r) => r.volume },
  { header: 'Eenheid', value: (r) => r.eenheid },
  { header: 'Tarief (€)', kind: 'euro', value: (r) => r.tariefCents },
  { header: 'Bedrag (€)', kind: 'euro', value: (r) => r.bedragCents },
  { header: 'Goedgekeurd', value: (r) => (r.goedgekeurd ? 'ja' : 'nee') },
  { header: 'Retourcodes', value: (r) => r.retourcodes.join(' ') },
  { header: 'Reden', value: (r) => r.reden },
]

const realisatieKolommen = (dims: readonly string[]): ExportColumn<RealisationRow>[] => [
  ...dims.map((d) => ({ header: d, value: (r: RealisationRow) => (r as unknown as Record<string, string | number | null>)[d] ?? '' })),
  { header: 'Debet (€)', kind: 'euro', value: (r) => r.debetCents },
  { header: 'Credit (€)', kind: 'euro', value: (r) => r.creditCents },
  { header: 'Taakgericht (€)', kind: 'euro', value: (r) => r.taakgerichtCents },
  { header: 'Realisatie (€)', kind: 'euro', value: (r) => r.realisatieCents },
]

const signaalKolommen: ExportColumn<RechtmatigheidSignaal>[] = [
  { header: 'Signaal', value: (r) => r.soort },
  { header: 'Aanbieder', value: (r) => r.aanbieder },
  { header: 'Segment', value: (r) => r.segment },
  { header: 'Aantal', kind: 'number', value: (r) => r.regels },
  { header: 'Bedrag (€)', kind: 'euro', value: (r) => r.bedragCents },
  { header: 'Toelichting', value: (r) => r.toelichting },
]

type Row<T extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<T>>[number]

const betalingKolommen: ExportColumn<Row<typeof listTaakgerichtBetalingen>>[] = [
  { header: 'Maand', value: (r) => r.maand },
  { header: 'Gemeente', value: (r) => r.gemeente },
  { header: 'Aanbieder', value: (r) => r.aanbieder },
  { header: 'Segment', value: (r) => r.segment },
  { header: 'Bedrag (€)', kind: 'euro', value: (r) => r.bedragCents },
  { header: 'Omschrijving', value: (r) => r.omschrijving },
]

const steekproefKolommen: ExportColumn<Row<typeof listSteekproeven>>[] = [
  { header: 'Nr', kind: 'number', value: (r) => r.id },
  { header: 'Gemeente', value: (r) => r.gemeente },
  { header: 'Aanbieder', value: (r) => r.aanbieder },
  { header: 'Van', value: (r) => r.maandVan },
  { header: 'Tot en met', value: (r) => r.maandTot },
  { header: 'Methode', value: (r) => r.methode },
  { header: 'Seed', value: (r) => r.seed },
  { header: 'Populatie (regels)', kind: 'number', value: (r) => r.populatieRegels },
  { header: 'Populatie (€)', kind: 'euro', value: (r) => r.populatieCents },
  { header: 'Interval (€)', kind: 'euro', value: (r) => r.intervalCents },
  { header: 'Getrokken', kind: 'number', value: (r) => r.getrokken },
  { header: 'Beoordeeld', kind: 'number', value: (r) => r.beoordeeld },
  { header: 'Fout (€)', kind: 'euro', value: (r) => r.foutCents },
  { header: 'SHA-256 populatie', value: (r) => r.populatieSha256 },
]

const steekproefRegelKolommen: ExportColumn<Row<typeof steekproefRegels>>[] = [
  { header: 'Aanbieder', value: (r) => r.aanbieder },
  { header: 'Trekking', kind: 'number', value: (r) => r.trekking },
  { header: 'Cliënt (pseudoniem)', value: (r) => r.client },
  { header: 'Declaratienummer', value: (r) => r.declaratieNummer },
  { header: 'Referentienummer', value: (r) => r.referentieNummer },
  { header: 'Toewijzingnummer', kind: 'number', value: (r) => r.toewijzingNummer },
  { header: 'Product', value: (r) => r.product },
  { header: 'Periode', value: (r) => r.periode },
  { header: 'Bedrag (€)', kind: 'euro', value: (r) => r.bedragCents },
  { header: 'Uitkomst', value: (r) => r.uitkomst },
  { header: 'Fout (€)', kind: 'euro', value: (r) => r.foutCents },
  { header: 'Toelichting', value: (r) => r.toelichting },
]

const realisatieQuery = formatQuery.extend({
  /** Comma-separated dimensions, e.g. `provider,maand`. */
  group: z
    .string()
    .default('')
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(realisationDimensions))),
  from: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}$/).optional(),
})

/** The declarations' filter as query parameters: `provider` (id) and `month` (the DeclaratiePeriode, YYYY-MM). */
const declaratieQuery = z.object({ provider: declaratieFilterSchema.shape.providerId, month: declaratieFilterSchema.shape.maand })
/** `rejected=ja`: only the rejected lines. */
const regelQuery = z.object({ rejected: regelFilterSchema.shape.afgewezen, limit: regelFilterSchema.shape.limit })
/** The months of the lawfulness signals: `monthFrom`, `monthTo` (YYYY-MM). */
const signaalQuery = z.object({ monthFrom: signaalFilterSchema.shape.maandVan, monthTo: signaalFilterSchema.shape.maandTot })

const declaratieRowSchema = z.object({
  id: z.number(),
  gemeente: z.string(),
  aanbieder: z.string(),
  agbCode: z.string(),
  wet: z.string(),
  declaratieNummer: z.string(),
  maand: answer.month,
  ingediendOp: answer.date,
  regels: z.number().int(),
  goedgekeurd: z.number().int(),
  afgewezen: z.number().int(),
  ingediendCents: answer.cents,
  toegekendCents: answer.cents,
  status: z.enum(['toegekend', 'deels_toegekend', 'afgewezen']),
  providerId: z.number(),
  betalingOpschorten: z.boolean().openapi({ description: "Payments to be suspended (art. 3.15: the provider's UBO missing or on the sanctions list); the 325 is unchanged by it" }),
}) satisfies z.ZodType<DeclaratieRow>

const declaratieLineSchema = z.object({
  id: z.number(),
  volgnummer: z.number().int(),
  client: z.string().nullable(),
  referentieNummer: z.string(),
  toewijzingNummer: z.number(),
  product: z.string(),
  begindatum: answer.date,
  einddatum: answer.date,
  volume: z.number(),
  eenheid: z.string(),
  tariefCents: answer.cents.nullable(),
  bedragCents: answer.cents,
  goedgekeurd: z.boolean(),
  retourcodes: z.array(z.string()),
  redenen: z.array(z.object({ code: z.string(), tekst: z.string() })),
  reden: z.string(),
}) satisfies z.ZodType<DeclaratieLineRow>

/** One row per combination of the asked dimensions; a dimension not asked for is absent. */
const realisationRowSchema = z.object({
  gemeente: z.number().optional(),
  wet: z.string().optional(),
  segment: z.number().optional(),
  provider: z.number().optional(),
  product: z.number().nullable().optional(),
  maand: answer.date.optional(),
  taakveld: z.string().nullable().optional(),
  realisatieCents: answer.cents,
  debetCents: answer.cents,
  creditCents: answer.cents,
  taakgerichtCents: answer.cents,
}) satisfies z.ZodType<RealisationRow>

const taakgerichtBetalingRowSchema = z.object({
  id: z.number(),
  gemeente: z.string(),
  aanbieder: z.string(),
  segment: z.string(),
  maand: answer.month,
  bedragCents: answer.cents,
  omschrijving: z.string(),
}) satisfies z.ZodType<Row<typeof listTaakgerichtBetalingen>>

const lawfulnessSignalSchema = z.object({
  soort: z.enum(['boven_toewijzing', 'zonder_start', 'aan_volumegrens', 'tariefafwijking', 'gemiddelde_per_client']),
  providerId: z.number(),
  aanbieder: z.string(),
  segment: z.string().nullable(),
  regels: z.number().int(),
  bedragCents: answer.cents,
  waarde: z.number(),
  drempel: z.number(),
  toelichting: z.string(),
}) satisfies z.ZodType<RechtmatigheidSignaal>

const steekproefRowSchema = z.object({
  id: z.number(),
  gemeente: z.string(),
  aanbieder: z.string(),
  maandVan: answer.month,
  maandTot: answer.month,
  methode: z.string(),
  seed: z.string(),
  omvang: z.number().int(),
  populatieRegels: z.number().int(),
  populatieCents: answer.cents,
  populatieSha256: z.string(),
  intervalCents: answer.cents,
  getrokken: z.number().int(),
  beoordeeld: z.number().int(),
  foutCents: answer.cents,
  aangemaakt: answer.date,
}) satisfies z.ZodType<Row<typeof listSteekproeven>>

const sampleFinding = z.enum(['rechtmatig', 'onrechtmatig', 'onzeker'])

const steekproefRegelRowSchema = z.object({
  id: z.number(),
  aanbieder: z.string(),
  trekking: z.number().int(),
  client: z.string().nullable(),
  declaratieNummer: z.string(),
  referentieNummer: z.string(),
  toewijzingNummer: z.number(),
  product: z.string(),
  begindatum: answer.date,
  einddatum: answer.date,
  periode: z.string(),
  volume: z.number(),
  eenheid: z.string(),
  bedragCents: answer.cents,
  uitkomst: sampleFinding.nullable(),
  foutCents: answer.cents.nullable(),
  toelichting: z.string(),
}) satisfies z.ZodType<Row<typeof steekproefRegels>>

export function declaratieRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/declaraties', 'declaraties', 'Declarations (323) per provider and month with their status', declaratieQuery.extend(formatQuery.shape), z.array(declaratieRowSchema)), async (c) => {
    const { format, provider, month } = c.req.valid('query')
    const rows = await asActor(c, 'declaratie.read', async (trx, actor) => withPaymentFlag(trx, actor, await listDeclaraties(trx, { providerId: provider, maand: month })))
    return listResponse(c, format, 'declaraties', declaratieKolommen, rows)
  })
  app.openapi(getRouteWithQuery('/declaraties/realisation', 'declaraties', 'The realisation (approved lines minus credits, plus taakgericht payments) by grouping', realisatieQuery, z.array(realisationRowSchema)), async (c) => {
    const { format, group, from, to } = c.req.valid('query')
    const rows = await asActor(c, 'realisatie.read', (trx, actor) => realisatie(trx, group, { van: from && `${from}-01`, tot: to && `${to}-01`, scope: actor }))
    return listResponse(c, format, 'realisatie', realisatieKolommen(group), rows)
  })
  app.openapi(getRouteWithQuery('/declaraties/taakgericht-payments', 'declaraties', 'Taakgericht payments', formatQuery, z.array(taakgerichtBetalingRowSchema)), async (c) => {
    const { format } = c.req.valid('query')
    const rows = await asActor(c, 'realisatie.read', (trx) => listTaakgerichtBetalingen(trx))
    return listResponse(c, format, 'taakgerichte-betalingen', betalingKolommen, rows)
  })
  app.openapi(postRoute('/declaraties/taakgericht-payments', 'declaraties', 'Record a taakgericht payment', taakgerichtBetalingSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'taakgericht.write', (trx, actor) => addTaakgerichtBetaling(trx, actor, body)), 201)
  })
  app.openapi(postRoute('/declaraties/taakgericht-payments/import', 'declaraties', 'Import taakgericht payments from CSV text (all rows or none)', taakgerichtImportSchema, z.object({ id: z.number(), ids: z.array(z.number()), rows: z.number().int() })), async (c) => {
    const body = c.req.valid('json')
    const result = await asActor(c, 'taakgericht.write', (trx, actor) => importTaakgerichtBetalingen(trx, actor, body.csv, body.gemeenteId))
    return c.json({ id: result.ids[0] ?? 0, ...result }, 201)
  })
  app.openapi(getRouteWithQuery('/declaraties/lawfulness-signals', 'rechtmatigheid', 'Lawfulness signals per provider', signaalQuery.extend(formatQuery.shape), z.array(lawfulnessSignalSchema)), async (c) => {
    const { format, monthFrom, monthTo } = c.req.valid('query')
    const rows = await asActor(c, 'rechtmatigheid.read', (trx) => rechtmatigheidSignalen(trx, { maandVan: monthFrom, maandTot: monthTo }))
    return listResponse(c, format, 'rechtmatigheid-signalen', signaalKolommen, rows)
  })
  app.openapi(getRouteWithQuery('/declaraties/samples', 'rechtmatigheid', 'Lawfulness samples', formatQuery, z.array(steekproefRowSchema)), async (c) => {
    const { format } = c.req.valid('query')
    const rows = await asActor(c, 'rechtmatigheid.read', (trx) => listSteekproeven(trx))
    return listResponse(c, format, 'steekproeven', steekproefKolommen, rows)
  })
  app.openapi(postRoute('/declaraties/samples', 'rechtmatigheid', 'Draw a monetary-unit sample', steekproefInputSchema, z.object({ id: z.number(), getrokken: z.number().int(), populatieRegels: z.number().int(), populatieCents: answer.cents })), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'steekproef.draw', (trx, actor) => createSteekproef(trx, actor, body)), 201)
  })
  app.openapi(
    { ...getRouteWithQuery('/declaraties/samples/{id}/lines', 'rechtmatigheid', 'The drawn lines of a sample, per provider', formatQuery, z.array(steekproefRegelRowSchema)), request: { params: idParams, query: formatQuery } },
    async (c) => {
      const { id } = c.req.valid('param')
      const { format } = c.req.valid('query')
      const rows = await asActor(c, 'rechtmatigheid.read', (trx) => steekproefRegels(trx, id))
      return listResponse(c, format, `steekproef-${id}`, steekproefRegelKolommen, rows)
    },
  )
  app.openapi(postRouteWithId('/declaraties/sample-lines/{id}/finding', 'rechtmatigheid', "Record a controller's finding on a drawn line", sampleFindingSchema, z.object({ id: z.number(), uitkomst: sampleFinding })), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'rechtmatigheid.write', (trx, actor) => recordSampleFinding(trx, actor, id, body)), 200)
  })
  // After the fixed paths under /declaraties/ (realisation, samples, …): the router tries routes in order, and `{id}` would take them.
  app.openapi(getRouteWithId('/declaraties/{id}', 'declaraties', 'One declaration with its status and totals', declaratieRowSchema), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'declaratie.read', async (trx, actor) => (await withPaymentFlag(trx, actor, [await getDeclaratie(trx, id)]))[0]!), 200)
  })
  app.openapi(
    { ...getRouteWithQuery('/declaraties/{id}/lines', 'declaraties', 'The lines of one declaration, rejected ones with their retourcodes', regelQuery.extend(formatQuery.shape), z.array(declaratieLineSchema)), request: { params: idParams, query: regelQuery.extend(formatQuery.shape) } },
    async (c) => {
      const { id } = c.req.valid('param')
      const { format, rejected, limit } = c.req.valid('query')
      const rows = await asActor(c, 'declaratie.read', (trx) => declaratieRegels(trx, id, { afgewezen: rejected, limit }))
      return listResponse(c, format, `declaratie-${id}-regels`, regelKolommen, rows)
    },
  )
  return app
}
