/** What the HTTP middleware puts on the request context. */
import type { Actor } from '../auth/actor.ts'
import type { Config } from '../config.ts'
import type { Database } from '../db/database.ts'

/** The settings the HTTP app reads; those left out take their defaults from src/config.ts. */
export type AppConfig = Pick<Config, 'KOERS_SESSION_HOURS' | 'KOERS_COOKIE_SECURE'> & Partial<Pick<Config, 'KOERS_SESSION_IDLE_MINUTES' | 'KOERS_TRUST_PROXY'>>

export interface AppDeps {
  db: Database
  config: AppConfig
  /** The clock, in milliseconds (tests move it; sessions and login limits read it). */
  now?: () => number
}

/** The dependencies as the routes see them: every setting given, and a clock. */
export interface RequestDeps {
  db: Database
  config: Required<AppConfig>
  now: () => number
}

export interface AppEnv {
  Variables: {
    deps: RequestDeps
    /** Set by the session middleware when a valid session cookie came along. */
    actor: Actor | undefined
    displayName: string | undefined
    csrfToken: string | undefined
  }
}

