import { z } from 'zod'
import { getRouteWithQuery, idParams, postRouteWithId } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { fetchMessage, listMessages, markFetched } from './mailbox.queries.ts'

const fetchedAnswer = z.object({ id: z.number(), state: z.enum(['verwerkt', 'afgekeurd', 'klaar', 'opgehaald']), downloadedAt: z.string().nullable() })

export function exchangeRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/messages', 'messages', 'Inbox or outbox', z.object({ direction: z.enum(['in', 'out']).optional(), state: z.enum(['verwerkt', 'afgekeurd', 'klaar', 'opgehaald']).optional() })), async (c) => {
    const filter = c.req.valid('query')
    return c.json(await asActor(c, 'message.read', (trx, actor) => listMessages(trx, actor, filter)), 200)
  })
  // Download one message as XML: audited, and otherwise without effect (a GET any site can make a browser send).
  app.get('/messages/:id/xml', async (c) => {
    const { id } = idParams.parse(c.req.param())
    const file = await asActor(c, 'message.read', (trx, actor) => fetchMessage(trx, actor, id))
    return c.body(file.content as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/xml; charset=utf-8', 'content-disposition': `attachment; filename="${file.fileName}"` })
  })
  // The provider's "I fetched it": a change, so a POST with the session's CSRF token.
  app.openapi(postRouteWithId('/messages/{id}/fetched', 'messages', 'Mark a message the gemeente sent as fetched by its provider (opgehaald)', z.object({}), fetchedAnswer), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'message.mark_fetched', (trx, actor) => markFetched(trx, actor, id)), 200)
  })
  return app
}
