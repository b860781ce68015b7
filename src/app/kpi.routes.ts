import { z } from 'zod'
import { nameLookup } from '../regions/names.queries.ts'
import { formatQuery, listResponse } from '../http/export-response.ts'
import { answer, getRoute, getRouteWithQuery } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { listSegments } from '../segments/segment.queries.ts'
import { today } from '../shared/dates.ts'
import { type ExportColumn, SUPPRESSED } from '../shared/export.ts'
import { periodFields, periodOf } from '../kpis/kpi-period.ts'
import { type KpiValues, kpiCatalogue, kpiRows, loadKpiFacts, segmentFamily } from '../kpis/kpi.queries.ts'
import { type Dimension, kpiCodes } from '../kpis/kpi.rules.ts'

const dimensions = ['segment', 'provider', 'gemeente'] as const
const kpiQuery = periodFields
  .extend({
    group: z.string().default('segment').transform((s, ctx) => {
      const dims = s.split(',').map((d) => d.trim()).filter(Boolean)
      const wrong = dims.filter((d) => !(dimensions as readonly string[]).includes(d))
      if (wrong.length > 0) ctx.addIssue({ code: 'custom', message: `group takes ${dimensions.join(', ')}; not ${wrong.join(', ')}` })
      return dims as Dimension[]
    }),
    segment: z.coerce.number().int().positive().optional(),
    provider: z.coerce.number().int().positive().optional(),
    gemeente: z.coerce.number().int().positive().optional(),
  })
  .extend(formatQuery.shape)

export interface KpiRow {
  segment: string
  aanbieder: string
  gemeente: string
  van: string
  tot: string
  waarden: KpiValues
}

/** A KPI as pages list it: its one-line definition, its unit and which way is better (null: neither). */
export const kpiDefinitionSchema = z.object({
  code: z.enum(kpiCodes),
  naam: z.string(),
  doc: z.string(),
  eenheid: z.enum(['aantal', 'procent', 'dagen', 'cents', 'schaal']),
  beter: z.enum(['lager', 'hoger']).nullable(),
}) satisfies z.ZodType<(typeof kpiCatalogue)[number]>

/** Every KPI's value with the number it rests on (n: null for money about no person); under 5 the value is null and onderdrukt. */
export const kpiValuesSchema = z
  .record(z.enum(kpiCodes), z.object({ waarde: z.number().nullable(), n: z.number().int().nullable(), onderdrukt: z.boolean() }))
  .openapi('KpiValues') satisfies z.ZodType<KpiValues>

const kpiRowSchema = z.object({
  segment: z.string(),
  aanbieder: z.string(),
  gemeente: z.string(),
  van: answer.date,
  tot: answer.date,
  waarden: kpiValuesSchema,
}) satisfies z.ZodType<KpiRow>

const kpiColumns: ExportColumn<KpiRow>[] = [
  { header: 'Segment', value: (r) => r.segment },
  { header: 'Aanbieder', value: (r) => r.aanbieder },
  { header: 'Gemeente', value: (r) => r.gemeente },
  { header: 'Van', value: (r) => r.van },
  { header: 'Tot en met', value: (r) => r.tot },
  ...kpiCatalogue.map((k): ExportColumn<KpiRow> => ({ header: `${k.naam}${k.eenheid === 'cents' ? ' (€)' : k.eenheid === 'procent' ? ' (%)' : k.eenheid === 'dagen' ? ' (dagen)' : ''}`, kind: k.eenheid === 'cents' ? 'euro' : k.eenheid === 'procent' ? 'percent' : 'number', value: (r) => (r.waarden[k.code].onderdrukt ? SUPPRESSED : r.waarden[k.code].waarde) })),
]

export function kpiRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/kpis/definitions', 'kpis', 'Every KPI with its one-line definition, unit and which way is better', z.array(kpiDefinitionSchema)), (c) => c.json(kpiCatalogue, 200))
  app.openapi(getRouteWithQuery('/kpis', 'kpis', 'KPIs over a period (default: this year so far) per segment, provider and/or gemeente (groep=segment,provider); a segment filter includes its sub-segments; counts under 5 suppressed', kpiQuery, z.array(kpiRowSchema)), async (c) => {
    const q = c.req.valid('query')
    const peildatum = today()
    const periode = periodOf(q, peildatum)
    const rows = await asActor(c, 'kpi.read', async (trx, actor) => {
      const [facts, names, segments] = await Promise.all([loadKpiFacts(trx, actor, peildatum, periode.from), nameLookup(trx, actor.regionId), listSegments(trx)])
      return kpiRows(facts, periode, q.group, { segmentIds: q.segment === undefined ? undefined : segmentFamily(segments, q.segment), providerId: q.provider, gemeenteId: q.gemeente }).map(
        ({ key, waarden }): KpiRow => ({
          segment: key.segmentId === null ? '' : names.segment(key.segmentId),
          aanbieder: key.providerId === null ? '' : names.provider(key.providerId),
          gemeente: key.gemeenteId === null ? '' : names.gemeente(key.gemeenteId),
          van: periode.from,
          tot: periode.to,
          waarden,
        }),
      )
    })
    rows.sort((a, b) => a.segment.localeCompare(b.segment) || a.aanbieder.localeCompare(b.aanbieder) || a.gemeente.localeCompare(b.gemeente))
    return listResponse(c, q.format, `kpis-${periode.from}-${periode.to}`, kpiColumns, rows)
  })
  return app
}
