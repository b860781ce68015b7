/** A provider's scorecard (scorecard.queries.ts): its KPIs per segment beside the segment's, and the targets. */
import { newRouter } from '../http/router.ts'
import { getRouteWithIdAndQuery } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
import { periodFields, periodOf } from '../kpis/kpi-period.ts'
import { today } from '../shared/dates.ts'
import { providerScorecard } from './scorecard.queries.ts'

export function scorecardRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithIdAndQuery('/providers/{id}/scorecard', 'providers', "A provider's scorecard: its KPIs per segment beside the segment's, and the segment's targets (a provider: its own)", periodFields), async (c) => {
    const { id } = c.req.valid('param')
    const peildatum = today()
    const periode = periodOf(c.req.valid('query'), peildatum)
    return c.json(await asActor(c, 'kpi.read', (trx, actor) => providerScorecard(trx, actor, id, periode, peildatum)), 200)
  })
  return app
}
