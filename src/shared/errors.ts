/**
 * Domain errors with stable codes. Rules throw these; the HTTP layer (src/http/errors.ts)
 * and the CLI (src/cli/main.ts) map them to a status or exit code in one place each.
 */
export const errorCodes = {
  /** Input failed a schema or a domain rule (a wrong BSN, an overlapping period, …). */
  invalid_input: 422,
  /** The thing asked for does not exist, or the actor may not know it exists. */
  not_found: 404,
  /** A unique fact already exists (an AGB code, a username, …). */
  conflict: 409,
  /** Not logged in, or the session ended. */
  unauthenticated: 401,
  /** Logged in, but the role or scope does not allow this. */
  forbidden: 403,
  /** Too many attempts (login rate limit). */
  rate_limited: 429,
  /** Configuration or environment is wrong (bad env value, unreachable database, …). */
  configuration: 500,
} as const

export type ErrorCode = keyof typeof errorCodes

export interface ErrorDetail {
  /** The field or path the problem is about, e.g. `agbCode` or `tariffs[2].validFrom`. */
  path?: string
  message: string
}

export class AppError extends Error {
  override readonly name = 'AppError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message)
  }
}

export const invalid = (message: string, path?: string): AppError =>
  new AppError('invalid_input', message, path ? [{ path, message }] : [])

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`)

export const forbidden = (message = 'Your role or scope does not allow this'): AppError =>
  new AppError('forbidden', message)
