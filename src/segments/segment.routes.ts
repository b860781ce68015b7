import { newRouter } from '../http/router.ts'
import { getRoute, postRoute } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
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
  return app
}
