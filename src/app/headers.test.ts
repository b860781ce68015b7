import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/database.ts'
import { testConfig } from '../test/http-sessions.ts'
import { createApp } from './app.ts'

/** These answers need no database: one that is touched fails the test. */
const noDatabase = new Proxy({}, { get: () => { throw new Error('touched the database') } }) as Database

const webDir = mkdtempSync(join(tmpdir(), 'koers-web-'))
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Koers</title><script type="module" src="/assets/index.js"></script>')
afterAll(() => rmSync(webDir, { recursive: true, force: true }))
const app = createApp({ db: noDatabase, config: testConfig }, { webDir })

describe('the security headers', () => {
  it('forbid inline script and style, framing and other origins on the web app', async () => {
    const page = await app.request('/')
    expect(page.status).toBe(200)
    const csp = page.headers.get('content-security-policy') ?? ''
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]))
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:", // the NL Design System CSS draws its check marks as data: SVG
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    })
    expect(csp).not.toContain('unsafe')
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(page.headers.get('permissions-policy')).toContain('camera=()')
  })

  it('keep every API answer out of any cache, refusals included', async () => {
    for (const path of ['/api/health', '/api/openapi.json', '/api/auth/me', '/api/no-such-route']) {
      const res = await app.request(path)
      expect(res.headers.get('cache-control'), path).toBe('no-store')
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'self'")
    }
  })

  it('answers an unknown API path as JSON, not with the web app’s page', async () => {
    const res = await app.request('/api/no-such-route')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: { reason: 'route.not_found' } })
  })
})
