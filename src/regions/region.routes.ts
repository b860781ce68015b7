/** The region's own routes; its overview page, which gathers every feature's list, is src/app/region-overview.routes.ts. */
import { newRouter } from '../http/router.ts'
import { getRoute } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
import { listGemeenten } from './region.queries.ts'

export function regionRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/gemeenten', 'region', 'The gemeenten of the region'), async (c) =>
    c.json(await asActor(c, 'region.read', (trx) => listGemeenten(trx)), 200),
  )
  return app
}
