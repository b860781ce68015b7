/**
 * The audit page's API (issue 17 §3): who read which client's data, when and why, for the
 * privacy officer — one page of lines as JSON, or every line of the filter as CSV or XLSX.
 */
import { z } from 'zod'
import { type AuditLine, auditActionLabels, auditSortKeys, listAuditLines } from '../auth/audit.queries.ts'
import { roleLabels, roleSchema } from '../auth/actor.ts'
import { downloadResponse, formatQuery } from '../http/export-response.ts'
import { answer, getRouteWithQuery } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { calendarDate } from '../shared/request.schema.ts'
import { AppError } from '../shared/errors.ts'
import type { ExportColumn } from '../shared/export.ts'
import { formatMoment } from '../shared/format-nl.ts'

/** One export holds at most this many lines; a larger filter is refused with a reason. */
export const AUDIT_EXPORT_LIMIT = 100_000

const auditQuery = z
  .object({
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    gemeente: z.coerce.number().int().positive().optional(),
    user: z.coerce.number().int().positive().optional(),
    action: z.string().max(100).optional(),
    client: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
    sort: z.enum(auditSortKeys).optional(),
    dir: z.enum(['asc', 'desc']).optional(),
  })
  .extend(formatQuery.shape)

const auditLineSchema = z.object({
  id: z.number().int(),
  at: answer.moment,
  userId: z.number().int().nullable(),
  userName: z.string().nullable(),
  role: roleSchema.nullable(),
  gemeenteId: z.number().int().nullable(),
  gemeente: z.string().nullable(),
  action: z.string(),
  reason: z.string(),
  subjectType: z.string(),
  subjectId: z.number().int().nullable(),
  clientPseudonym: z.string().nullable(),
  subject: z.string(),
}) satisfies z.ZodType<AuditLine>

const auditPageSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  lines: z.array(auditLineSchema),
  /** The actions a line can have, with their reason in words: the page's filter. */
  actions: z.array(z.object({ action: z.string(), reason: z.string() })),
})

/** A moment as a Dutch reader writes it, in Dutch time: `4-12-2026 14:03:12`. */
const dutchMoment = (iso: string): string => formatMoment(iso, { seconds: true })

const columns: readonly ExportColumn<AuditLine>[] = [
  { header: 'Tijdstip', value: (l) => dutchMoment(l.at) },
  { header: 'Gebruiker', value: (l) => l.userName },
  { header: 'Rol', value: (l) => (l.role ? roleLabels[l.role] : null) },
  { header: 'Gemeente', value: (l) => l.gemeente },
  { header: 'Waarom (handeling)', value: (l) => l.reason },
  { header: 'Cliënt (pseudoniem)', value: (l) => l.clientPseudonym },
  { header: 'Onderwerp', value: (l) => l.subject },
  { header: 'Handeling (code)', value: (l) => l.action },
]

export function auditRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/audit', 'audit', 'Audit log of personal-data reads: who read which client, when and why (newest first; CSV/XLSX of the whole filter)', auditQuery, auditPageSchema), async (c) => {
    const { format, limit, offset, sort, dir, ...filter } = c.req.valid('query')
    if (filter.from && filter.to && filter.from > filter.to) throw new AppError('period.reversed', `from ${filter.from} is after to ${filter.to}`)
    if (format === undefined) {
      const page = await asActor(c, 'audit.read', (trx, actor) => listAuditLines(trx, actor, filter, { limit, offset, sort, dir }))
      return c.json({ ...page, limit, offset, actions: Object.entries(auditActionLabels).map(([action, reason]) => ({ action, reason })) }, 200)
    }
    const all = await asActor(c, 'audit.read', async (trx, actor) => {
      const { total } = await listAuditLines(trx, actor, filter, { limit: 0, offset: 0 })
      if (total > AUDIT_EXPORT_LIMIT) {
        throw new AppError('audit.export_too_large', `${total} audit lines match; an export holds at most ${AUDIT_EXPORT_LIMIT}: narrow the period, gemeente, user or client`)
      }
      return listAuditLines(trx, actor, filter, { limit: AUDIT_EXPORT_LIMIT, offset: 0, sort, dir })
    })
    return (await downloadResponse(c, format, 'audit', columns, all.lines)) as never
  })
  return app
}
