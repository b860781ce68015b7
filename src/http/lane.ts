/**
 * A lane for heavy requests (issue 24 §5: fifty KPI requests took the whole pool and the other
 * routes failed): at most `size` of them hold a database connection at once, the others wait
 * their turn in order before they touch the database, and a waiting request whose client goes
 * away leaves the line. What remains of the pool (or of PGlite's turns) stays free for the
 * light requests, which pass by the waiting line.
 */
import type { MiddlewareHandler } from 'hono'
import { abandoned } from '../db/request-signal.ts'

export interface Lane {
  middleware: MiddlewareHandler
  /** Requests inside the lane, and waiting for it (for tests and the log). */
  readonly running: number
  readonly waiting: number
}

export function lane(size: number): Lane {
  let running = 0
  const waiting: (() => void)[] = []
  const enter = (signal: AbortSignal): Promise<void> => {
    if (signal.aborted) return Promise.reject(abandoned())
    if (running < size) {
      running++
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const at = waiting.indexOf(grant)
        if (at >= 0) waiting.splice(at, 1)
        reject(abandoned())
      }
      const grant = () => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      }
      signal.addEventListener('abort', onAbort, { once: true })
      waiting.push(grant)
    })
  }
  const leave = () => {
    // The place passes to the longest waiter; `running` stays as it is.
    const next = waiting.shift()
    if (next) next()
    else running--
  }
  return {
    middleware: async (c, next) => {
      await enter(c.req.raw.signal)
      try {
        await next()
      } finally {
        leave()
      }
    },
    get running() {
      return running
    },
    get waiting() {
      return waiting.length
    },
  }
}
