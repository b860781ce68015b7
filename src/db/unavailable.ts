/**
 * The database is away (PostgreSQL stopped, restarting, or the network between): an error of
 * the connection, not of the statement. The server then answers 503 with Retry-After and
 * recovers by itself — the pool opens new connections on the next request (issue 24 §3).
 */

/** SQLSTATE class 08 (connection exception) and 57P01–57P03 (shutdown, crash, not yet up). */
const SQLSTATES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03'])
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'])
/** node-postgres names these in its message only. */
const MESSAGES = /Connection terminated|Client has encountered a connection error|Connection terminated unexpectedly/
/** pg-pool's words when every connection stayed in use for KOERS_DB_POOL_WAIT_MS (a new connection that times out says "Connection terminated due to connection timeout"). */
const POOL_WAIT = 'timeout exceeded when trying to connect'

/**
 * Why the database could not do a request's work right now, other than a fault of the request:
 * away (the connection), busy (every pooled connection in use for the whole wait: issue 24 §5),
 * or a statement that ran past KOERS_DB_STATEMENT_TIMEOUT_MS (SQLSTATE 57014).
 */
export type DatabaseTrouble = 'database.unavailable' | 'database.busy' | 'database.statement_timeout'

export function databaseTrouble(error: unknown): DatabaseTrouble | null {
  if (error === null || typeof error !== 'object') return null
  if ((error as { message?: unknown }).message === POOL_WAIT) return 'database.busy'
  if ((error as { code?: unknown }).code === '57014') return 'database.statement_timeout'
  return isDatabaseUnavailable(error) ? 'database.unavailable' : null
}

export function isDatabaseUnavailable(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (SQLSTATES.has(code) || NODE_CODES.has(code))) return true
  return MESSAGES.test((error as { message?: unknown }).message as string ?? '')
}

/** Seconds a client waits before it asks again. */
export const RETRY_AFTER_SECONDS = 5
/** A busy pool frees a connection within the statement time-out; ask again soon. */
export const BUSY_RETRY_AFTER_SECONDS = 2
