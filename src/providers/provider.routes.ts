import { z } from 'zod'
import { newRouter } from '../http/router.ts'
import { answer, getRoute, idAnswer, postRoute } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
import { type Combination, type PreferredSupplier, type Provider, combinationInputSchema, createCombination, createProvider, listProviders, providerInputSchema } from './provider.queries.ts'

export const providerSchema = z.object({ id: z.number(), agbCode: z.string(), kvkNumber: z.string(), name: z.string(), legalForm: z.string() }) satisfies z.ZodType<Provider>
export const combinationSchema = z.object({ id: z.number(), name: z.string(), leadProviderId: z.number(), memberProviderIds: z.array(z.number()) }) satisfies z.ZodType<Combination>
export const preferredSupplierSchema = z.object({
  segmentId: z.number(),
  gemeenteId: z.number(),
  wijkCode: z.string(),
  wijkName: z.string(),
  providerId: z.number(),
  validFrom: answer.date,
  validTo: answer.date.nullable(),
}) satisfies z.ZodType<PreferredSupplier>

export function providerRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/providers', 'providers', 'Providers (a provider sees itself)', z.array(providerSchema)), async (c) =>
    c.json(await asActor(c, 'region.read', (trx, actor) => listProviders(trx, actor)), 200),
  )
  app.openapi(postRoute('/providers', 'providers', 'Register a provider', providerInputSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'strategy.write', (trx, actor) => createProvider(trx, actor.regionId, body))
    return c.json({ id }, 201)
  })
  app.openapi(postRoute('/providers/combinations', 'providers', 'Register a combination of providers', combinationInputSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'strategy.write', (trx, actor) => createCombination(trx, actor.regionId, body))
    return c.json({ id }, 201)
  })
  return app
}
