/** The region's own routes; its overview page, which gathers every feature's list, is src/app/region-overview.routes.ts. */
import { z } from 'zod'
import { newRouter } from '../http/router.ts'
import { getRoute, postAction } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
import { type Gemeente, type Region, listGemeenten } from './region.queries.ts'
import type { Huisstijl } from './huisstijl.rules.ts'
import { huisstijlSchema } from './huisstijl.schema.ts'
import { getHuisstijl, setHuisstijl } from './huisstijl.queries.ts'

export const regionSchema = z.object({ id: z.number(), code: z.string(), name: z.string() }) satisfies z.ZodType<Region>
export const gemeenteSchema = z.object({ id: z.number(), cbsCode: z.string(), name: z.string(), population: z.number().int() }) satisfies z.ZodType<Gemeente>
export const huisstijlAnswer = z.object({ regionName: z.string(), primaryColour: z.string().nullable(), bandColour: z.string().nullable(), logo: z.string().nullable() }) satisfies z.ZodType<Huisstijl>

export function regionRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/gemeenten', 'region', 'The gemeenten of the region', z.array(gemeenteSchema)), async (c) =>
    c.json(await asActor(c, 'region.read', (trx) => listGemeenten(trx)), 200),
  )
  app.openapi(getRoute('/region/huisstijl', 'region', "The region's huisstijl: logo and colours over the Koers theme (null where not set)", huisstijlAnswer), async (c) =>
    c.json(await asActor(c, 'region.read', (trx, actor) => getHuisstijl(trx, actor.regionId)), 200),
  )
  app.openapi(postAction('/region/huisstijl', 'region', "Set the region's huisstijl; colours with less than 4.5:1 contrast against white are refused (huisstijl.contrast_too_low)", huisstijlSchema, huisstijlAnswer), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'huisstijl.write', (trx, actor) => setHuisstijl(trx, actor, body)), 200)
  })
  return app
}
