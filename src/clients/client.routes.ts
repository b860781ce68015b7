import { newRouter } from '../http/router.ts'
import { getRoute, getRouteWithId, postAction, postRoute, postRouteWithId } from '../http/openapi.ts'
import { clientFile, clientSearchSchema, findClientByBsn } from './client-file.queries.ts'
import { asActor } from '../http/scoped.ts'
import { AppError } from '../shared/errors.ts'
import { auditRefusedRegistration, clientInputSchema, countClientsPerGemeente, registerClient } from './client.queries.ts'
import { gezagInputSchema, loadGezag, setGezag } from './gezag.queries.ts'

export function clientRoutes() {
  const app = newRouter()
  // The BSN travels in the body, never in the URL (DOMAIN.md); the answer carries the pseudonym.
  app.openapi(postRoute('/clients', 'clients', 'Register a client in the own gemeente', clientInputSchema), async (c) => {
    const body = c.req.valid('json')
    try {
      const client = await asActor(c, 'client.register', (trx, actor) => registerClient(trx, actor, body))
      return c.json(client, 201)
    } catch (error) {
      // "Already your gemeente's client" is itself a look at personal data: audited, after the refusal's rollback.
      if (error instanceof AppError && error.reason === 'client.bsn_taken') await asActor(c, 'client.register', (trx, actor) => auditRefusedRegistration(trx, actor, body))
      throw error
    }
  })
  app.openapi(getRoute('/clients/counts', 'clients', 'Clients per gemeente (counts under 5 suppressed)'), async (c) =>
    c.json(await asActor(c, 'client.count', (trx, actor) => countClientsPerGemeente(trx, actor)), 200),
  )
  // Search by BSN: in the body, so it never appears in a URL or an access log.
  app.openapi(postAction('/clients/search', 'clients', 'Find a client of the own gemeente by BSN (audited)', clientSearchSchema), async (c) => {
    const body = c.req.valid('json')
    return c.json({ client: await asActor(c, 'client.read', (trx, actor) => findClientByBsn(trx, actor, body)) }, 200)
  })
  app.openapi(getRouteWithId('/clients/{id}/file', 'clients', 'The client file: beschikkingen, toewijzingen with versions, starts, stops, timeline (audited)'), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'client.read', (trx, actor) => clientFile(trx, actor, id)), 200)
  })
  app.openapi(getRouteWithId('/clients/{id}/gezag', 'clients', 'Who holds authority over the client (OP001)'), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'client.read', (trx) => loadGezag(trx, id)), 200)
  })
  app.openapi(postRouteWithId('/clients/{id}/gezag', 'clients', 'Record who holds authority over the client (OP001); the iJw 301 carries it (OP002)', gezagInputSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'client.register', (trx, actor) => setGezag(trx, actor, id, body)), 200)
  })
  return app
}
