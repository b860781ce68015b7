/** The region's own routes; its overview page, which gathers every feature's list, is src/app/region-overview.routes.ts. */
import { z } from 'zod'
import { newRouter } from '../http/router.ts'
import { getRoute } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
import { type Gemeente, type Region, listGemeenten } from './region.queries.ts'

export const regionSchema = z.object({ id: z.number(), code: z.string(), name: z.string() }) satisfies z.ZodType<Region>
export const gemeenteSchema = z.object({ id: z.number(), cbsCode: z.string(), name: z.string(), population: z.number().int() }) satisfies z.ZodType<Gemeente>

export function regionRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/gemeenten', 'region', 'The gemeenten of the region', z.array(gemeenteSchema)), async (c) =>
    c.json(await asActor(c, 'region.read', (trx) => listGemeenten(trx)), 200),
  )
  return app
}
