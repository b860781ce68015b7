/**
 * A lane for heavy requests (issue 24 §5: fifty KPI requests took the whole pool and the other
 * routes failed): at most `size` of them hold a database connection at once, the others wait
 * their turn in order before they touch the database, and a waiting request whose client goes
 * away leaves the line. What remains of the pool (or of PGlite's turns) stays free for the
 * light requests, which pass by the waiting line.
 */
import type { MiddlewareHandler } from 'hono'
import { Turns } from '../db/turns.ts'

export interface Lane {
  middleware: MiddlewareHandler
  /** Requests inside the lane, and waiting for it (for tests and the log). */
  readonly running: number
  readonly waiting: number
}

export function lane(size: number): Lane {
  const turns = new Turns(size)
  return {
    middleware: async (c, next) => {
      await turns.enter(c.req.raw.signal)
      try {
        await next()
      } finally {
        turns.leave()
      }
    },
    get running() {
      return turns.running
    },
    get waiting() {
      return turns.waiting
    },
  }
}
