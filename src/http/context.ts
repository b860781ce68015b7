/** What the HTTP middleware puts on the request context. */
import type { Actor } from '../auth/actor.ts'
import type { Config } from '../config.ts'
import type { Database } from '../db/database.ts'

export interface AppDeps {
  db: Database
  config: Pick<Config, 'KOERS_SESSION_HOURS' | 'KOERS_COOKIE_SECURE'>
}

export interface AppEnv {
  Variables: {
    deps: AppDeps
    /** Set by the session middleware when a valid session cookie came along. */
    actor: Actor | undefined
    displayName: string | undefined
    csrfToken: string | undefined
  }
}

