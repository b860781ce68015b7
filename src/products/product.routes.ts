import { newRouter } from '../http/router.ts'
import { getRoute, postRoute } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
import { createProduct, createTariff, listProducts } from './product.queries.ts'
import { productInputSchema, tariffInputSchema } from './product.rules.ts'

export function productRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/products', 'products', 'Products with their tariffs'), async (c) =>
    c.json(await asActor(c, 'region.read', (trx) => listProducts(trx)), 200),
  )
  app.openapi(postRoute('/products', 'products', 'Create a product', productInputSchema), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'strategy.write', (trx, actor) => createProduct(trx, actor.regionId, body))
    return c.json({ id }, 201)
  })
  app.openapi(postRoute('/products/tariffs', 'products', 'Add a tariff for a product and period', tariffInputSchema), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'strategy.write', (trx, actor) => createTariff(trx, actor.regionId, body))
    return c.json({ id }, 201)
  })
  return app
}
