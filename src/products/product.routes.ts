import { z } from 'zod'
import { newRouter } from '../http/router.ts'
import { answer, getRoute, idAnswer, postRoute } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
import { variantSchema } from '../segments/instruments.schema.ts'
import { type Product, type Tariff, createProduct, createTariff, listProducts } from './product.queries.ts'
import { productInputSchema, tariffInputSchema } from './product.rules.ts'

const tariffSchema = z.object({
  id: z.number(),
  productId: z.number(),
  contractId: z.number(),
  validFrom: answer.date,
  validTo: answer.date,
  amountCents: answer.cents,
  indexationBasisPoints: z.number().int(),
}) satisfies z.ZodType<Tariff>

export const productSchema = z.object({
  id: z.number(),
  segmentId: z.number(),
  wet: z.enum(['jeugdwet', 'wmo']),
  productcategorie: z.string(),
  productcode: z.string().nullable(),
  name: z.string(),
  eenheid: z.string().nullable(),
  variant: variantSchema,
  generiek: z.boolean(),
  tariffs: z.array(tariffSchema),
}) satisfies z.ZodType<Product>

export function productRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/products', 'products', 'Products with their tariffs', z.array(productSchema)), async (c) =>
    c.json(await asActor(c, 'region.read', (trx) => listProducts(trx)), 200),
  )
  app.openapi(postRoute('/products', 'products', 'Create a product', productInputSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'strategy.write', (trx, actor) => createProduct(trx, actor.regionId, body))
    return c.json({ id }, 201)
  })
  app.openapi(postRoute('/products/tariffs', 'products', 'Add a tariff for a product and period', tariffInputSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'strategy.write', (trx, actor) => createTariff(trx, actor.regionId, body))
    return c.json({ id }, 201)
  })
  return app
}
