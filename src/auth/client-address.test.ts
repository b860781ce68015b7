import { describe, expect, it } from 'vitest'
import { clientAddress } from './client-address.ts'

describe('the address of a login attempt', () => {
  it('is the connection’s peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.1', 0)).toBe('203.0.113.7')
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown')
  })

  it('is the address the trusted proxy saw, not what the client wrote before it', () => {
    // nginx at 10.0.0.2 appends the address it was connected from; the client forged the first entry.
    expect(clientAddress('10.0.0.2', '1.2.3.4, 203.0.113.7', 1)).toBe('203.0.113.7')
    expect(clientAddress('10.0.0.2', '203.0.113.7', 1)).toBe('203.0.113.7')
    // Two proxies: a load balancer, then nginx.
    expect(clientAddress('10.0.0.2', '1.2.3.4, 203.0.113.7, 10.0.0.1', 2)).toBe('203.0.113.7')
  })

  it('falls back to what there is when a request bypassed the proxy', () => {
    expect(clientAddress('203.0.113.7', undefined, 1)).toBe('203.0.113.7')
    expect(clientAddress('203.0.113.7', ' , ', 1)).toBe('203.0.113.7')
  })
})
