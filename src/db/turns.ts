/**
 * Turns at something that serves at most `size` at once, first come first served: PGlite's one
 * connection (size 1, pglite-dialect.ts) and the lane for heavy requests (http/lane.ts). A waiter
 * whose request is abandoned (its signal aborts) leaves the line with `request.abandoned`.
 */
import { abandoned } from './request-signal.ts'

export class Turns {
  readonly #size: number
  #running = 0
  readonly #waiting: (() => void)[] = []

  constructor(size: number) {
    this.#size = size
  }

  /** Resolves when it is the caller's turn; rejects if `signal` aborts first. */
  enter(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abandoned())
    if (this.#running < this.#size) {
      this.#running++
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const at = this.#waiting.indexOf(grant)
        if (at >= 0) this.#waiting.splice(at, 1)
        reject(abandoned())
      }
      const grant = () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#waiting.push(grant)
    })
  }

  /** Ends a turn: the place passes to the longest waiter (`running` stays), or is freed. */
  leave(): void {
    const next = this.#waiting.shift()
    if (next) next()
    else this.#running--
  }

  get running(): number {
    return this.#running
  }

  get waiting(): number {
    return this.#waiting.length
  }
}
