/** The segment page (segment-overview.queries.ts): instruments, targets with progress, KPIs. */
import { z } from 'zod'
import { newRouter } from '../http/router.ts'
import { answer, getRouteWithIdAndQuery } from '../http/openapi.ts'
import { scopedRunner } from '../http/scoped.ts'
import { periodFields, periodOf } from '../kpis/kpi-period.ts'
import { segmentSchema } from '../segments/segment.routes.ts'
import { today } from '../shared/dates.ts'
import { measuredTargets } from '../targets/target.queries.ts'
import { targetSchema, targetWithProgressSchema } from '../targets/target.routes.ts'
import { kpiDefinitionSchema, kpiValuesSchema } from './kpi.routes.ts'
import { type RegionalTargets, type SegmentOverview, segmentOverview } from './segment-overview.queries.ts'

const namedSegment = z.object({ id: z.number(), name: z.string() })

const segmentOverviewSchema = z.object({
  segment: segmentSchema,
  onderdelen: z.array(namedSegment),
  bovenliggend: namedSegment.nullable(),
  periode: z.object({ from: answer.date, to: answer.date }),
  peildatum: answer.date,
  kpis: z.array(kpiDefinitionSchema),
  totaal: kpiValuesSchema,
  perAanbieder: z.array(z.object({ providerId: z.number(), aanbieder: z.string(), waarden: kpiValuesSchema })),
  perGemeente: z.array(z.object({ gemeenteId: z.number(), gemeente: z.string(), waarden: kpiValuesSchema })),
  trend: z.array(z.object({ van: answer.date, tot: answer.date, waarden: kpiValuesSchema })),
  doelen: z.array(z.union([targetWithProgressSchema, targetSchema])),
}) satisfies z.ZodType<SegmentOverview>

export function segmentOverviewRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithIdAndQuery('/segments/{id}/overview', 'segments', "A segment's page: instruments, targets with progress, KPIs in total, per provider and per quarter", periodFields, segmentOverviewSchema), async (c) => {
    const { id } = c.req.valid('param')
    const peildatum = today()
    const periode = periodOf(c.req.valid('query'), peildatum)
    const db = c.get('deps').db
    const { actor, run } = scopedRunner(c, 'kpi.read')
    // A target's progress is the region's (suppressed aggregates); a provider sees the targets only.
    const regional: RegionalTargets = actor.role === 'aanbieder' ? null : (segmentIds) => measuredTargets(db, actor.regionId, peildatum, segmentIds)
    return c.json(await segmentOverview(run, actor, id, periode, peildatum, regional), 200)
  })
  return app
}
