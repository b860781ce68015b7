import { z } from 'zod'
import { attachment } from '../http/content-disposition.ts'
import { answer, getRouteWithQuery, idParams, postRouteWithId } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { type MailboxItem, fetchMessage, listMessages, markFetched } from './mailbox.queries.ts'

const messageState = z.enum(['verwerkt', 'afgekeurd', 'klaar', 'opgehaald'])

/** A message in or out, with what its processing found (rule, retourcode, where) and, for an answer, the message it answers. */
const mailboxItemSchema = z.object({
  id: z.number(),
  direction: z.enum(['in', 'out']),
  name: z.string(),
  title: z.string(),
  identificatie: z.string(),
  dagtekening: answer.date,
  state: messageState,
  retourCodes: z.array(z.string()),
  summary: z.string(),
  problems: z.array(z.object({ rule: z.string(), retourcode: z.string(), message: z.string(), path: z.string().optional(), signal: z.string().optional() })),
  gemeenteName: z.string(),
  providerName: z.string(),
  answersMessageId: z.number().nullable(),
  createdAt: answer.moment,
  downloadedAt: answer.moment.nullable(),
  /** Whether the caller may fetch the XML (a message naming a client only for who may read it). */
  xmlAvailable: z.boolean(),
}) satisfies z.ZodType<MailboxItem>

const fetchedAnswer = z.object({ id: z.number(), state: messageState, downloadedAt: answer.moment.nullable() })

export function exchangeRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/messages', 'messages', 'Inbox or outbox', z.object({ direction: z.enum(['in', 'out']).optional(), state: messageState.optional() }), z.array(mailboxItemSchema)), async (c) => {
    const filter = c.req.valid('query')
    return c.json(await asActor(c, 'message.read', (trx, actor) => listMessages(trx, actor, filter)), 200)
  })
  // Download one message as XML: audited, and otherwise without effect (a GET any site can make a browser send).
  app.get('/messages/:id/xml', async (c) => {
    const { id } = idParams.parse(c.req.param())
    const file = await asActor(c, 'message.read', (trx, actor) => fetchMessage(trx, actor, id))
    return c.body(file.content as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/xml; charset=utf-8', 'content-disposition': attachment(file.fileName) })
  })
  // The provider's "I fetched it": a change, so a POST with the session's CSRF token.
  app.openapi(postRouteWithId('/messages/{id}/fetched', 'messages', 'Mark a message the gemeente sent as fetched by its provider (opgehaald)', z.object({}), fetchedAnswer), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'message.mark_fetched', (trx, actor) => markFetched(trx, actor, id)), 200)
  })
  return app
}
