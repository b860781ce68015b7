import { newRouter } from '../http/router.ts'
import { getRoute, postRoute } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
import { clientInputSchema, countClientsPerGemeente, registerClient } from './client.queries.ts'

export function clientRoutes() {
  const app = newRouter()
  // The BSN travels in the body, never in the URL (DOMAIN.md); the answer carries the pseudonym.
  app.openapi(postRoute('/clients', 'clients', 'Register a client in the own gemeente', clientInputSchema), async (c) => {
    const body = c.req.valid('json')
    const client = await asActor(c, 'client.register', (trx, actor) => registerClient(trx, actor, body))
    return c.json(client, 201)
  })
  app.openapi(getRoute('/clients/counts', 'clients', 'Clients per gemeente (counts under 5 suppressed)'), async (c) =>
    c.json(await asActor(c, 'client.count', (trx, actor) => countClientsPerGemeente(trx, actor)), 200),
  )
  return app
}
