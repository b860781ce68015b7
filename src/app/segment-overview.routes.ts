/** The segment page (segment-overview.queries.ts): instruments, targets with progress, KPIs. */
import { newRouter } from '../http/router.ts'
import { getRouteWithIdAndQuery } from '../http/openapi.ts'
import { scopedRunner } from '../http/scoped.ts'
import { periodFields, periodOf } from '../kpis/kpi-period.ts'
import { today } from '../shared/dates.ts'
import { measuredTargets } from '../targets/target.queries.ts'
import { type RegionalTargets, segmentOverview } from './segment-overview.queries.ts'

export function segmentOverviewRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithIdAndQuery('/segments/{id}/overview', 'segments', "A segment's page: instruments, targets with progress, KPIs in total, per provider and per quarter", periodFields), async (c) => {
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
