import { z } from 'zod'
import { newRouter } from '../http/router.ts'
import { getRoute, idAnswer, postRoute } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
import { bekostigingSchema, contractTermsSchema, leveranciersmanagementSchema, toegangSchema } from './instruments.schema.ts'
import { type Segment, createSegment, listSegments, segmentInputSchema } from './segment.queries.ts'

/** A segment as answered: its instruments in the schemas that also check them on the way in. */
export const segmentSchema = z.object({
  id: z.number(),
  wet: z.enum(['jeugdwet', 'wmo']),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  parentId: z.number().nullable(),
  toegang: toegangSchema,
  bekostiging: bekostigingSchema,
  contract: contractTermsSchema,
  leveranciersmanagement: leveranciersmanagementSchema,
}) satisfies z.ZodType<Segment>

export function segmentRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/segments', 'segments', 'Segments with their four instruments', z.array(segmentSchema)), async (c) =>
    c.json(await asActor(c, 'region.read', (trx) => listSegments(trx)), 200),
  )
  app.openapi(postRoute('/segments', 'segments', 'Create a segment with its instruments', segmentInputSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'strategy.write', (trx, actor) => createSegment(trx, actor.regionId, body))
    return c.json({ id }, 201)
  })
  return app
}
