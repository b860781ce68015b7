import { z } from 'zod'
import { attachment } from '../http/content-disposition.ts'
import { getRouteWithQuery, idParams } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { fetchMessage, listMessages } from './mailbox.queries.ts'

export function exchangeRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/messages', 'messages', 'Inbox or outbox', z.object({ direction: z.enum(['in', 'out']).optional(), state: z.enum(['verwerkt', 'afgekeurd', 'klaar', 'opgehaald']).optional() })), async (c) => {
    const filter = c.req.valid('query')
    return c.json(await asActor(c, 'message.read', (trx, actor) => listMessages(trx, actor, filter)), 200)
  })
  // Download one message as XML (a provider downloading marks it opgehaald).
  app.get('/messages/:id/xml', async (c) => {
    const { id } = idParams.parse(c.req.param())
    const file = await asActor(c, 'message.read', (trx, actor) => fetchMessage(trx, actor, id))
    return c.body(file.content as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/xml; charset=utf-8', 'content-disposition': attachment(file.fileName) })
  })
  return app
}
