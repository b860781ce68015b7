import { describe, expect, it } from 'vitest'
import { LoginRateLimiter } from './rate-limit.ts'

describe('login rate limit', () => {
  it('blocks after the maximum failures in the window and frees the key when it has passed', () => {
    let now = 0
    const limiter = new LoginRateLimiter({ maxFailures: 3, windowMs: 60_000, now: () => now })
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds('user:a')).toBe(0)
      limiter.recordFailure('user:a')
      now += 1_000
    }
    expect(limiter.retryAfterSeconds('user:a')).toBe(57)
    expect(limiter.retryAfterSeconds('user:b')).toBe(0)
    now = 60_001
    expect(limiter.retryAfterSeconds('user:a')).toBe(0)
  })
  it('forgets failures after a success', () => {
    const limiter = new LoginRateLimiter({ maxFailures: 1, windowMs: 60_000 })
    limiter.recordFailure('k')
    limiter.reset('k')
    expect(limiter.retryAfterSeconds('k')).toBe(0)
  })
})
