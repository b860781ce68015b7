import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { assertCan } from '../auth/permissions.ts'
import { getRouteWithQuery, idParams } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor, requireActor } from '../http/scoped.ts'
import { refreshBudgetSignals } from '../budgets/signal.queries.ts'
import { today } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import { fetchMessage, listMessages } from './mailbox.queries.ts'
import { receiveMessage } from './receive.ts'

/**
 * Largest message accepted over HTTP: a 315–320 is a few kilobytes, a region's monthly 323 of a
 * large provider some tens of megabytes. A larger 323 goes in with `koers messages import`,
 * which reads it as a stream.
 */
export const UPLOAD_LIMIT_BYTES = 64 << 20

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
    return c.body(file.content as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/xml; charset=utf-8', 'content-disposition': `attachment; filename="${file.fileName}"` })
  })
  // Upload: the raw XML as the body. A provider may send only its own messages.
  app.post(
    '/messages',
    bodyLimit({ maxSize: UPLOAD_LIMIT_BYTES, onError: () => { throw new AppError('invalid_input', `a message over ${UPLOAD_LIMIT_BYTES >> 20} MB is not accepted here`) } }),
    async (c) => {
      const actor = requireActor(c)
      assertCan(actor, 'message.upload')
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      if (bytes.length === 0) throw new AppError('invalid_input', 'send the message XML as the request body')
      if (actor.role !== 'aanbieder' && actor.gemeenteId === null) throw new AppError('forbidden', 'upload as a provider or for your own gemeente')
      const result = await receiveMessage(c.get('deps').db, actor.regionId, bytes, { asProviderId: actor.providerId ?? undefined, asGemeenteId: actor.gemeenteId ?? undefined })
      // A declaration moved the realisation: the budget signals follow (after its transaction committed).
      if ('declaratie' in result && result.declaratie) await refreshBudgetSignals(c.get('deps').db, actor.regionId, Number(today().slice(0, 4)), today())
      return c.json(result, result.outcome === 'onleesbaar' ? 422 : 200)
    },
  )
  return app
}
