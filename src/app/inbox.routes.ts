/** The inbox over HTTP: a provider (or a gemeente for its own) uploads one message and gets its answer. */
import { assertCan } from '../auth/permissions.ts'
import { newRouter } from '../http/router.ts'
import { requireActor } from '../http/scoped.ts'
import { AppError } from '../shared/errors.ts'
import { receiveMessage } from '../inbox/receive.ts'

/**
 * Largest message accepted over HTTP: a 315–320 is a few kilobytes, a region's monthly 323 of a
 * large provider some tens of megabytes. A larger 323 goes in with `koers messages import`,
 * which reads it as a stream. The limit is applied with the route's access, before the body is
 * read (route-policy.ts).
 */
export const UPLOAD_LIMIT_BYTES = 64 << 20

export function inboxRoutes() {
  const app = newRouter()
  // Upload: the raw XML as the body. A provider may send only its own messages.
  app.post(
    '/messages',
    async (c) => {
      const actor = requireActor(c)
      assertCan(actor, 'message.upload')
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      if (bytes.length === 0) throw new AppError('message.empty', 'stuur de XML van het bericht als inhoud van het verzoek')
      if (actor.role !== 'aanbieder' && actor.gemeenteId === null) throw new AppError('message.upload_not_permitted', 'upload als aanbieder, of voor uw eigen gemeente')
      const result = await receiveMessage(c.get('deps').db, actor.regionId, bytes, { asProviderId: actor.providerId ?? undefined, asGemeenteId: actor.gemeenteId ?? undefined })
      return c.json(result, result.outcome === 'onleesbaar' ? 422 : 200)
    },
  )
  return app
}
