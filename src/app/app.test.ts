import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createProvider } from '../providers/provider.queries.ts'
import { withActor } from '../db/scope.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type TestRegion, newRegion, newSegment, newUser } from '../test/factory.ts'
import { createApp } from './app.ts'

const config = { KOERS_SESSION_HOURS: 8, KOERS_COOKIE_SECURE: false }
const origin = 'http://localhost'

describe.each(engines)('HTTP API on %s', (engine) => {
  let database: TestDatabase
  let region: TestRegion
  let app: ReturnType<typeof createApp>
  let providerId: number

  beforeAll(async () => {
    database = await freshDatabase(engine)
    region = await newRegion(database.db)
    await newSegment(database.db, region, { code: 'jeugd-ambulant' })
    providerId = await withActor(database.db, region.actor('regio'), (trx) =>
      createProvider(trx, region.regionId, { agbCode: '41000001', kvkNumber: '12345678', name: 'Stichting Kompas', legalForm: 'stichting' }),
    )
    app = createApp({ db: database.db, config })
  })
  afterAll(() => database.dispose())

  async function login(username: string, password: string) {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ username, password }),
    })
    const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? ''
    const body = (await res.json()) as { csrfToken?: string; role?: string; error?: { code: string } }
    return { res, cookie, body }
  }

  /** A change as the browser sends it: session cookie, same origin, CSRF token. */
  function post(session: Awaited<ReturnType<typeof login>>, path: string, body: unknown) {
    return app.request(path, {
      method: 'POST',
      headers: { cookie: session.cookie, origin, 'content-type': 'application/json', 'x-csrf-token': session.body.csrfToken! },
      body: JSON.stringify(body),
    })
  }

  it('logs in with an httpOnly session cookie and answers /me', async () => {
    const user = await newUser(database.db, region, 'regio')
    const { res, cookie, body } = await login(user.username, user.password)
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i)
    expect(body.role).toBe('regio')
    const me = await app.request('/api/auth/me', { headers: { cookie } })
    expect(me.status).toBe(200)
    // What the role may do, so the web app links only to what the user may open.
    const { permissions } = (await me.json()) as { permissions: string[] }
    expect(permissions).toContain('strategy.write')
    expect(permissions).not.toContain('client.read')
  })

  it('refuses a wrong password without saying which part was wrong, and rate-limits', async () => {
    const user = await newUser(database.db, region, 'gemeente', { gemeenteId: region.gemeenten[0]!.id })
    const first = await login(user.username, 'wrong')
    expect(first.res.status).toBe(401)
    expect(first.body.error?.code).toBe('unauthenticated')
    for (let i = 0; i < 4; i++) await login(user.username, 'wrong')
    const blocked = await login(user.username, user.password)
    expect(blocked.res.status).toBe(429)
    expect(blocked.res.headers.get('retry-after')).toMatch(/^\d+$/)
  })

  it('answers 401 without a session', async () => {
    const res = await app.request('/api/region')
    expect(res.status).toBe(401)
  })

  it('requires the CSRF token for changes, and refuses cross-origin posts', async () => {
    const user = await newUser(database.db, region, 'regio')
    const { cookie, body } = await login(user.username, user.password)
    const provider = { agbCode: '41000002', kvkNumber: '12345678', name: 'Zorggroep Anker', legalForm: 'bv' }
    const withoutToken = await app.request('/api/providers', { method: 'POST', headers: { cookie, origin, 'content-type': 'application/json' }, body: JSON.stringify(provider) })
    expect(withoutToken.status).toBe(403)
    const crossOrigin = await app.request('/api/providers', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': body.csrfToken! },
      body: 'a=1',
    })
    expect(crossOrigin.status).toBe(403)
    const ok = await app.request('/api/providers', { method: 'POST', headers: { cookie, origin, 'content-type': 'application/json', 'x-csrf-token': body.csrfToken! }, body: JSON.stringify(provider) })
    expect(ok.status).toBe(201)
  })

  it('refuses an invalid AGB code and an invalid BSN by name, storing nothing', async () => {
    const regio = await login((await newUser(database.db, region, 'regio')).username, 'correct horse battery')
    const bad = await post(regio, '/api/providers', { agbCode: '4100001', kvkNumber: '12345678', name: 'Te kort', legalForm: 'bv' })
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as { error: unknown }).error).toMatchObject({ code: 'invalid_input', reason: 'input.invalid', details: [{ path: 'agbCode' }] })

    const team = await login((await newUser(database.db, region, 'lokaal_team', { gemeenteId: region.gemeenten[0]!.id })).username, 'correct horse battery')
    const badBsn = await post(team, '/api/clients', { bsn: '111111111', birthDate: '2012-01-01', familyName: 'Jansen' })
    expect(badBsn.status).toBe(422)
    expect(((await badBsn.json()) as { error: unknown }).error).toMatchObject({ code: 'invalid_input', reason: 'input.invalid', details: [{ path: 'bsn' }] })
    const counts = await database.db.selectFrom('client').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(counts.n)).toBe(0)
  })

  it('shows each role only what its scope allows on the region page', async () => {
    const provider = await login((await newUser(database.db, region, 'aanbieder', { providerId })).username, 'correct horse battery')
    const res = await app.request('/api/region?year=2027', { headers: { cookie: provider.cookie } })
    expect(res.status).toBe(200)
    const overview = (await res.json()) as { providers: { id: number }[]; clientCounts: unknown[]; combinations: unknown[] }
    expect(overview.providers.map((p) => p.id)).toEqual([providerId])
    expect(overview.clientCounts).toEqual([])

    const gemeente = await login((await newUser(database.db, region, 'gemeente', { gemeenteId: region.gemeenten[1]!.id })).username, 'correct horse battery')
    const forbidden = await post(gemeente, '/api/providers', { agbCode: '41000009', kvkNumber: '12345678', name: 'X', legalForm: 'bv' })
    expect(forbidden.status).toBe(403)
  })

  it('never puts a BSN in a response', async () => {
    const team = await login((await newUser(database.db, region, 'lokaal_team', { gemeenteId: region.gemeenten[0]!.id })).username, 'correct horse battery')
    const res = await post(team, '/api/clients', { bsn: '999999990', birthDate: '2012-01-01', familyName: 'Jansen' })
    expect(res.status).toBe(201)
    const text = await res.text()
    expect(text).not.toContain('999999990')
    expect(JSON.parse(text)).toMatchObject({ pseudonym: expect.stringMatching(/^[a-z0-9]{12}$/) })
  })

  it('serves an OpenAPI description generated from the Zod schemas', async () => {
    const res = await app.request('/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; servers: { url: string }[]; paths: Record<string, unknown> }
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.servers).toEqual([{ url: '/api' }])
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/auth/login', '/region', '/providers', '/products/tariffs', '/budgets/gemeente']))
    expect(JSON.stringify(doc.paths['/providers'])).toContain('agbCode')
  })
})
