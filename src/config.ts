/**
 * The environment, read once and checked with Zod: a bad value stops Koers with one line
 * that names the variable, never a stack trace.
 */
import { z } from 'zod'
import { AppError } from './shared/errors.ts'

const postgresUrl = z
  .string()
  .refine((s) => {
    try {
      const u = new URL(s)
      return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== ''
    } catch {
      return false
    }
  }, 'must be a postgres:// or postgresql:// URL with a host')

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl.optional(),
  KOERS_DATA_DIR: z.string().min(1).default('./data'),
  KOERS_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(8),
  KOERS_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** How many reverse proxies in front of Koers append to X-Forwarded-For; 0: the header is not believed. */
  KOERS_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  KOERS_COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  KOERS_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** PostgreSQL: connections the server keeps at most (the server's max_connections bounds the sum over processes). */
  KOERS_DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** PostgreSQL: how long a request waits for a free connection before it is answered 503 database.busy. */
  KOERS_DB_POOL_WAIT_MS: z.coerce.number().int().min(50).max(600_000).default(5_000),
  /** PostgreSQL: the server's statement_timeout for the web server's connections; 0 turns it off. */
  KOERS_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(24 * 3_600_000).default(60_000),
})

export type Config = z.infer<typeof envSchema>

/** Reads the configuration from `env`; empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in envSchema.shape && v !== undefined && v !== ''),
  )
  const parsed = envSchema.safeParse(cleaned)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const name = String(issue.path[0])
    // Never echo DATABASE_URL back: it may carry a password.
    const shown = name === 'DATABASE_URL' ? '' : ` (got ${JSON.stringify(cleaned[name])})`
    throw new AppError('config.invalid', `${name} ${issue.message}${shown}`)
  }
  return parsed.data
}

/** The database URL with any password replaced, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(unparsable URL)'
  }
}
