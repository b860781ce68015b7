import { newRouter } from '../http/router.ts'
import { getRoute, getRouteWithIdAndQuery, postRoute } from '../http/openapi.ts'
import { asActor, scopedRunner } from '../http/scoped.ts'
import { periodFields, periodOf } from '../kpis/kpi-period.ts'
import { today } from '../shared/dates.ts'
import { type RegionalTargets, segmentOverview } from './segment-overview.queries.ts'
import { measuredTargets } from '../targets/target.queries.ts'
import { createSegment, listSegments, segmentInputSchema } from './segment.queries.ts'

export function segmentRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/segments', 'segments', 'Segments with their four instruments'), async (c) =>
    c.json(await asActor(c, 'region.read', (trx) => listSegments(trx)), 200),
  )
  app.openapi(postRoute('/segments', 'segments', 'Create a segment with its instruments', segmentInputSchema), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'strategy.write', (trx, actor) => createSegment(trx, actor.regionId, body))
    return c.json({ id }, 201)
  })
  app.openapi(getRouteWithIdAndQuery('/segmenten/{id}/overzicht', 'segments', "A segment's page: instruments, targets with progress, KPIs in total, per provider and per quarter", periodFields), async (c) => {
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
