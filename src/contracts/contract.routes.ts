import { newRouter } from '../http/router.ts'
import { getRoute, postRoute } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
import {
  awardInputSchema,
  awardLot,
  contractInputSchema,
  createContract,
  decideExtension,
  extensionInputSchema,
  listContracts,
} from './contract.queries.ts'

export function contractRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/contracts', 'contracts', 'Contracts with lots and awards'), async (c) =>
    c.json(await asActor(c, 'region.read', (trx, actor) => listContracts(trx, actor)), 200),
  )
  app.openapi(postRoute('/contracts', 'contracts', 'Create a framework agreement with a lot per segment', contractInputSchema), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'strategy.write', (trx, actor) => createContract(trx, actor.regionId, body))
    return c.json({ id }, 201)
  })
  app.openapi(postRoute('/contracts/awards', 'contracts', 'Contract a provider in a lot for gemeenten and a period', awardInputSchema), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'strategy.write', (trx, actor) => awardLot(trx, actor.regionId, body))
    return c.json({ id }, 201)
  })
  app.openapi(postRoute('/contracts/extensions', 'contracts', 'Record an extension decision', extensionInputSchema), async (c) => {
    const body = c.req.valid('json')
    await asActor(c, 'strategy.write', (trx, actor) => decideExtension(trx, actor.regionId, body))
    return c.json({ id: body.optionNumber }, 201)
  })
  return app
}
