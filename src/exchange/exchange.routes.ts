import { z } from 'zod'
import { formatDate } from '../shared/format-nl.ts'
import { messageStateLabels } from './message-state.rules.ts'
import { attachment } from '../http/content-disposition.ts'
import { downloadResponse, formatQuery } from '../http/export-response.ts'
import { answer, getRouteWithQuery, idParams, postRouteWithId } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import type { ExportColumn } from '../shared/export.ts'
import { AppError } from '../shared/errors.ts'
import { calendarDate } from '../shared/request.schema.ts'
import { type MailboxItem, fetchMessage, markFetched, messageSortKeys, searchMessages } from './mailbox.queries.ts'

/** One export holds at most this many messages; a larger search is refused with a reason (`message.export_too_large`). */
export const MESSAGE_EXPORT_LIMIT = 50_000
/** A page of the search holds at most this many messages. */
export const MESSAGE_PAGE_LIMIT = 500

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

/** The search of the messages: filters, sort and page (issue 18 §2); `format` downloads the whole search. */
export const messageSearchQuery = z
  .object({
    direction: z.enum(['in', 'out']).optional(),
    state: messageState.optional(),
    type: z.string().regex(/^\d{3}$/, 'a message type is three digits, such as 315').optional(),
    provider: z.coerce.number().int().positive().optional(),
    identificatie: z.string().trim().min(1).max(100).optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    sort: z.enum(messageSortKeys).optional(),
    dir: z.enum(['asc', 'desc']).optional(),
    limit: z.coerce.number().int().min(1).max(MESSAGE_PAGE_LIMIT).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .extend(formatQuery.shape)

const messagePageSchema = z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(mailboxItemSchema) })

const exportColumns: readonly ExportColumn<MailboxItem>[] = [
  { header: 'Nr', kind: 'number', value: (m) => m.id },
  { header: 'Richting', value: (m) => (m.direction === 'in' ? 'ontvangen door de gemeente' : 'verstuurd door de gemeente') },
  { header: 'Bericht', value: (m) => m.name },
  { header: 'Soort', value: (m) => m.title },
  { header: 'Identificatie', value: (m) => m.identificatie },
  { header: 'Dagtekening', value: (m) => formatDate(m.dagtekening) },
  { header: 'Gemeente', value: (m) => m.gemeenteName },
  { header: 'Aanbieder', value: (m) => m.providerName },
  { header: 'Status', value: (m) => messageStateLabels[m.state] ?? m.state },
  { header: 'Retourcodes', value: (m) => m.retourCodes.join(', ') },
  { header: 'Samenvatting', value: (m) => m.summary },
]

const fetchedAnswer = z.object({ id: z.number(), state: messageState, downloadedAt: answer.moment.nullable() })

export function exchangeRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/messages', 'messages', 'Search the inbox and outbox: filters, sort, a page with the total; CSV/XLSX of the whole search', messageSearchQuery, messagePageSchema), async (c) => {
    const { format, limit, offset, type, ...rest } = c.req.valid('query')
    const filter = { ...rest, code: type }
    if (filter.from && filter.to && filter.from > filter.to) throw new AppError('period.reversed', `from ${filter.from} is after to ${filter.to}`)
    if (format === undefined) {
      const page = await asActor(c, 'message.read', (trx, actor) => searchMessages(trx, actor, filter, { limit, offset }))
      return c.json({ ...page, limit, offset }, 200)
    }
    const all = await asActor(c, 'message.read', async (trx, actor) => {
      const { total } = await searchMessages(trx, actor, filter, { limit: 0, offset: 0 })
      if (total > MESSAGE_EXPORT_LIMIT) throw new AppError('message.export_too_large', `${total} messages match; an export holds at most ${MESSAGE_EXPORT_LIMIT}: narrow the search`)
      return searchMessages(trx, actor, filter, { limit: MESSAGE_EXPORT_LIMIT, offset: 0 })
    })
    return (await downloadResponse(c, format, 'berichten', exportColumns, all.items)) as never
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
