/**
 * Login rate limit: at most `maxFailures` failed attempts per key in a sliding window; then
 * the key waits. Kept in memory: one process serves an installation (docs/decisions/0004).
 *
 * An attempt is counted when it starts, not when its password has been checked: argon2 takes
 * tens of milliseconds, and guesses sent side by side would otherwise all pass the check before
 * the first failure was counted. A successful attempt takes its count back.
 */
export interface RateLimiterOptions {
  maxFailures: number
  windowMs: number
  now?: () => number
}

/** One counted attempt; `release` takes it back (the attempt succeeded). */
export interface Reservation {
  release(): void
}

export class LoginRateLimiter {
  /** Per key the attempts in the window, oldest first; each is an object so that one can be taken back. */
  private readonly attempts = new Map<string, { at: number }[]>()
  private readonly now: () => number
  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? Date.now
  }

  /** Seconds to wait before `key` may try again, or 0. */
  retryAfterSeconds(key: string): number {
    const recent = this.recent(key)
    if (recent.length < this.options.maxFailures) return 0
    const oldest = recent[0]!
    return Math.max(1, Math.ceil((oldest.at + this.options.windowMs - this.now()) / 1000))
  }

  /** Counts an attempt for `key` now, as a failure until it is released. */
  reserve(key: string): Reservation {
    const attempt = { at: this.now() }
    this.attempts.set(key, [...this.recent(key), attempt])
    return {
      release: () => {
        const list = (this.attempts.get(key) ?? []).filter((a) => a !== attempt)
        if (list.length === 0) this.attempts.delete(key)
        else this.attempts.set(key, list)
      },
    }
  }

  reset(key: string): void {
    this.attempts.delete(key)
  }

  private recent(key: string): { at: number }[] {
    const cutoff = this.now() - this.options.windowMs
    const list = (this.attempts.get(key) ?? []).filter((a) => a.at > cutoff)
    if (list.length === 0) this.attempts.delete(key)
    else this.attempts.set(key, list)
    return list
  }
}

/**
 * Checks every limit and, when none is reached, counts the attempt against each — in one
 * synchronous step, with no `await` between check and count, so that attempts running side by
 * side cannot all pass the check before one of them is counted. Answers the longest wait, or
 * the reservations to release when the attempt succeeds.
 */
export function reserveAttempt(limits: readonly (readonly [LoginRateLimiter, string])[]): { wait: number } | { release(): void } {
  const wait = Math.max(0, ...limits.map(([limiter, key]) => limiter.retryAfterSeconds(key)))
  if (wait > 0) return { wait }
  const reservations = limits.map(([limiter, key]) => limiter.reserve(key))
  return { release: () => reservations.forEach((r) => r.release()) }
}
