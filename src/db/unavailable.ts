/**
 * The database is away (PostgreSQL stopped, restarting, or the network between): an error of
 * the connection, not of the statement. The server then answers 503 with Retry-After and
 * recovers by itself — the pool opens new connections on the next request (issue 24 §3).
 */

/** SQLSTATE class 08 (connection exception) and 57P01–57P03 (shutdown, crash, not yet up). */
const SQLSTATES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03'])
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'])
/** node-postgres names these in its message only. */
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly/

export function isDatabaseUnavailable(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (SQLSTATES.has(code) || NODE_CODES.has(code))) return true
  return MESSAGES.test((error as { message?: unknown }).message as string ?? '')
}

/** Seconds a client waits before it asks again. */
export const RETRY_AFTER_SECONDS = 5
