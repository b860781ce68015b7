import { describe, expect, it } from 'vitest'
import { LoginRateLimiter, reserveAttempt } from './rate-limit.ts'

describe('login rate limit', () => {
  it('blocks after the maximum attempts in the window and frees the key when it has passed', () => {
    let now = 0
    const limiter = new LoginRateLimiter({ maxFailures: 3, windowMs: 60_000, now: () => now })
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds('user:a')).toBe(0)
      limiter.reserve('user:a')
      now += 1_000
    }
    expect(limiter.retryAfterSeconds('user:a')).toBe(57)
    expect(limiter.retryAfterSeconds('user:b')).toBe(0)
    now = 60_001
    expect(limiter.retryAfterSeconds('user:a')).toBe(0)
  })

  it('forgets failures after a success, and takes back a released attempt', () => {
    const limiter = new LoginRateLimiter({ maxFailures: 1, windowMs: 60_000 })
    limiter.reserve('k')
    limiter.reset('k')
    expect(limiter.retryAfterSeconds('k')).toBe(0)
    limiter.reserve('k').release()
    expect(limiter.retryAfterSeconds('k')).toBe(0)
  })

  it('counts an attempt when it starts, against every limit at once, so attempts side by side are counted too', () => {
    const username = new LoginRateLimiter({ maxFailures: 5, windowMs: 60_000, now: () => 0 })
    const address = new LoginRateLimiter({ maxFailures: 50, windowMs: 60_000, now: () => 0 })
    // Thirty attempts begun before any has been judged.
    const attempts = Array.from({ length: 30 }, () => reserveAttempt([[username, 'anna'], [address, '10.0.0.1']]))
    expect(attempts.filter((a) => 'release' in a)).toHaveLength(5)
    expect(attempts.filter((a) => 'wait' in a)).toHaveLength(25)
    // A refused attempt counts against no limit: the address has seen five.
    expect(reserveAttempt([[address, '10.0.0.1']])).toHaveProperty('release')
  })
})
