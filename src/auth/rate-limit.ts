/**
 * Login rate limit: at most `maxFailures` failed attempts per key (username and client
 * address, each counted) in a sliding window; then the key waits. Kept in memory: one
 * process serves an installation (docs/decisions/0004).
 */
export interface RateLimiterOptions {
  maxFailures: number
  windowMs: number
  now?: () => number
}

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>()
  private readonly now: () => number
  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? Date.now
  }

  /** Seconds to wait before `key` may try again, or 0. */
  retryAfterSeconds(key: string): number {
    const recent = this.recent(key)
    if (recent.length < this.options.maxFailures) return 0
    const oldest = recent[0]!
    return Math.max(1, Math.ceil((oldest + this.options.windowMs - this.now()) / 1000))
  }

  recordFailure(key: string): void {
    const recent = this.recent(key)
    recent.push(this.now())
    this.failures.set(key, recent)
  }

  reset(key: string): void {
    this.failures.delete(key)
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.options.windowMs
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff)
    if (list.length === 0) this.failures.delete(key)
    else this.failures.set(key, list)
    return list
  }
}
