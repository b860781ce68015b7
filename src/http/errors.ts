/** The one place where domain errors become HTTP responses. */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ZodError } from 'zod'
import { AppError, errorCodes, type ErrorCode, type ErrorDetail, type Reason } from '../shared/errors.ts'
import { log } from '../shared/log.ts'
import { detailMelding, melding } from '../shared/meldingen.ts'
import { schemaMeldingen, veldNaam } from '../shared/schema-meldingen.ts'
import { retourcodeTeksten } from '../istandaarden/retourcodes.ts'
import { BUSY_RETRY_AFTER_SECONDS, RETRY_AFTER_SECONDS, databaseTrouble } from '../db/unavailable.ts'

export interface ErrorBody {
  /** `code` is the HTTP class, `reason` the stable domain reason (src/shared/errors.ts lists both). */
  error: { code: ErrorCode; reason: Reason; message: string; melding: string; details: (ErrorDetail & { melding: string })[] }
}

export function fromZod(error: ZodError): AppError {
  const details = schemaMeldingen(error).map(({ path, message, veld, melding }) => ({ path, message, veld, melding }))
  const first = details[0]
  return new AppError('input.invalid', first ? `${first.path || 'input'}: ${first.message}` : 'invalid input', details)
}

/** The database's troubles: what the log says and when to try again; the message is the melding (src/shared/meldingen.ts). */
const TROUBLE = {
  'database.unavailable': { log: 'database unavailable', retryAfter: RETRY_AFTER_SECONDS, message: melding('database.unavailable') },
  'database.busy': { log: 'database busy', retryAfter: BUSY_RETRY_AFTER_SECONDS, message: melding('database.busy') },
  // The same question would run as long again: no Retry-After.
  'database.statement_timeout': { log: 'database statement timeout', retryAfter: null, message: melding('database.statement_timeout') },
} as const

export function errorResponse(error: unknown, c: Context): Response {
  const appError = error instanceof AppError ? error : error instanceof ZodError ? fromZod(error) : undefined
  if (appError) {
    const status = errorCodes[appError.code]
    const body: ErrorBody = { error: { code: appError.code, reason: appError.reason, message: appError.message, melding: melding(appError.reason), details: appError.details.map((d) => withMelding(appError.reason, d)) } }
    return c.json(body, status as 400)
  }
  // Hono's own middleware (csrf) speaks HTTPException; keep its status, use our body.
  if (error instanceof HTTPException) {
    const forbidden = error.status === 403
    const body: ErrorBody = { error: { code: forbidden ? 'forbidden' : 'http_error', reason: forbidden ? 'http.cross_origin' : 'http.refused', message: error.message || 'Verzoek geweigerd.', melding: melding(forbidden ? 'http.cross_origin' : 'http.refused'), details: [] } }
    return c.json(body, error.status)
  }
  // The database is away, busy, or gave up on a statement: say so, and when to try again; the pool reconnects by itself.
  const trouble = databaseTrouble(error)
  if (trouble !== null) {
    log.warn(TROUBLE[trouble].log, { method: c.req.method, path: c.req.routePath, error: (error as Error).message })
    const { retryAfter, message } = TROUBLE[trouble]
    if (retryAfter !== null) c.header('Retry-After', String(retryAfter))
    const body: ErrorBody = { error: { code: 'unavailable', reason: trouble, message, melding: melding(trouble), details: [] } }
    return c.json(body, 503)
  }
  // Unexpected: log the kind and message only (never request bodies: they may carry a BSN).
  log.error('unexpected error', { method: c.req.method, path: c.req.routePath, error: (error as Error)?.message })
  const body: ErrorBody = { error: { code: 'internal', reason: 'server.unexpected', message: 'Er ging iets mis aan onze kant.', melding: melding('server.unexpected'), details: [] } }
  return c.json(body, 500)
}

/**
 * A detail with its Dutch melding: a toegang rule (TG-*) already speaks Dutch to the user, a
 * retourcode says it in the words of the iStandaard; the rest is written by src/shared/meldingen.ts.
 */
function withMelding(reason: Reason, d: ErrorDetail): ErrorDetail & { melding: string } {
  const rule = d.rule
  const nederlands = rule?.startsWith('TG-') ? d.message : rule !== undefined ? retourcodeTeksten[rule] : undefined
  return { ...d, ...(d.path !== undefined && d.veld === undefined ? { veld: veldNaam(d.path) } : {}), melding: detailMelding(reason, d, nederlands) }
}
