import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withRequestSignal } from '../db/request-signal.ts'
import { withActor } from '../db/scope.ts'
import { errorResponse } from '../http/errors.ts'
import { newRouter } from '../http/router.ts'
import { createProvider } from '../providers/provider.queries.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type TestRegion, newRegion, newUser } from '../test/factory.ts'
import { testConfig } from '../test/http-sessions.ts'
import { HEAVY_ROUTES, createApp } from './app.ts'
import { routeAccess } from './route-policy.ts'

const origin = 'http://localhost'

/**
 * Issue 24 §4 and §5: one request's database work does not hold up requests that need none,
 * work of a client that went away is dropped, and a full PostgreSQL pool or a runaway statement
 * is answered 503 with its own reason instead of a 500.
 */
describe.each(engines)('fair service on %s', (engine) => {
  let database: TestDatabase
  let region: TestRegion
  let app: ReturnType<typeof createApp>
  let session: { cookie: string; csrf: string }

  /** Takes the database's only connection (PGlite's one; on PostgreSQL a pool of one) until the returned function is called. */
  async function holdTheDatabase(): Promise<() => Promise<void>> {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    let taken!: () => void
    const isTaken = new Promise<void>((r) => (taken = r))
    const held = database.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx)
      taken()
      await gate
    })
    await isTaken
    return async () => {
      release()
      await held
    }
  }

  beforeAll(async () => {
    // A pool of one connection on PostgreSQL, as PGlite has: holding it holds the database.
    database = await freshDatabase(engine, { poolSize: 1, poolWaitMs: 300 })
    region = await newRegion(database.db)
    app = createApp({ db: database.db, config: testConfig })
    const user = await newUser(database.db, region, 'regio')
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify(user) })
    session = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken }
  })
  afterAll(() => database.dispose())

  it('answers the OpenAPI description and the health check while the database is busy, session cookie and all', async () => {
    const release = await holdTheDatabase()
    try {
      // Before: the session behind the cookie was looked up first, so these waited for the database.
      const described = await app.request('/api/openapi.json', { headers: { cookie: session.cookie } })
      expect(described.status).toBe(200)
      expect(((await described.json()) as { openapi: string }).openapi).toBe('3.1.0')
      expect((await app.request('/api/health', { headers: { cookie: session.cookie } })).status).toBe(200)
    } finally {
      await release()
    }
  })

  it.skipIf(engine !== 'pglite')('lets the event loop turn between the statements of a long transaction, so other requests are read meanwhile', async () => {
    // PGlite runs a statement on this thread; before, a chain of statements was one chain of
    // promises, and a timer (or a socket's data: another request) waited for all of them.
    const statements = 50
    let ran = 0
    let ranWhenTimerFired = -1
    const timer = new Promise<void>((done) => setTimeout(() => {
      ranWhenTimerFired = ran
      done()
    }, 0))
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < statements; i++) {
        await sql`select count(*) from generate_series(1, 1000)`.execute(trx)
        ran++
      }
    })
    await timer
    expect(ranWhenTimerFired).toBeLessThan(statements)
  })

  it('drops the work of a request whose client went away while it waited for the database', async () => {
    const release = await holdTheDatabase()
    const client = new AbortController()
    const provider = { agbCode: '41000077', kvkNumber: '12345678', name: 'Verlaten Verzoek', legalForm: 'stichting' }
    const answer = app.request('/api/providers', {
      method: 'POST',
      signal: client.signal,
      headers: { cookie: session.cookie, origin, 'content-type': 'application/json', 'x-csrf-token': session.csrf },
      body: JSON.stringify(provider),
    })
    await new Promise((r) => setTimeout(r, 20))
    client.abort()
    const res = await answer
    await release()
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ error: { reason: 'request.abandoned' } })
    const stored = await database.db.selectFrom('provider').select('id').where('agb_code', '=', provider.agbCode).execute()
    expect(stored).toEqual([])
  })

  it('stops the transaction of an abandoned request at its next statement and rolls it back', async () => {
    const client = new AbortController()
    const work = withRequestSignal(client.signal, () =>
      withActor(database.db, region.actor('regio'), async (trx) => {
        await createProvider(trx, region.regionId, { agbCode: '41000078', kvkNumber: '12345678', name: 'Half Gedaan', legalForm: 'stichting' })
        client.abort()
        await sql`select 1`.execute(trx)
      }),
    )
    await expect(work).rejects.toMatchObject({ reason: 'request.abandoned' })
    const stored = await database.db.selectFrom('provider').select('id').where('agb_code', '=', '41000078').execute()
    expect(stored).toEqual([])
    // The connection went back clean: the next request is served.
    expect((await app.request('/api/auth/me', { headers: { cookie: session.cookie } })).status).toBe(200)
  })

  it.skipIf(engine !== 'postgres')('answers 503 database.busy with Retry-After when every connection stays in use for the whole wait', async () => {
    const release = await holdTheDatabase()
    try {
      const res = await app.request('/api/auth/me', { headers: { cookie: session.cookie } })
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('2')
      expect(await res.json()).toMatchObject({ error: { code: 'unavailable', reason: 'database.busy', message: expect.stringContaining('druk') } })
    } finally {
      await release()
    }
    expect((await app.request('/api/auth/me', { headers: { cookie: session.cookie } })).status).toBe(200)
  })
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('a statement time-out on PostgreSQL', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase('postgres', { statementTimeoutMs: 200 })
  })
  afterAll(() => database.dispose())

  it('cancels a statement that runs past KOERS_DB_STATEMENT_TIMEOUT_MS and answers 503 database.statement_timeout, without Retry-After', async () => {
    const app = newRouter()
    app.get('/slow', async (c) => c.json((await sql`select pg_sleep(2)`.execute(database.db)).rows))
    app.get('/quick', async (c) => c.json((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows))
    app.onError(errorResponse)
    const slow = await app.request('/slow')
    expect(slow.status).toBe(503)
    expect(slow.headers.get('retry-after')).toBeNull()
    expect(await slow.json()).toMatchObject({ error: { code: 'unavailable', reason: 'database.statement_timeout', message: expect.stringContaining('duurde te lang') } })
    expect(await (await app.request('/quick')).json()).toEqual([{ one: 1 }])
  })
})

describe('the heavy routes', () => {
  it('are routes of the API (the lane is not bound to a path that no route has)', () => {
    const known = new Set(Object.keys(routeAccess).map((r) => r.replace(' ', ' /api').replace(/\{(\w+)\}/g, ':$1')))
    expect(HEAVY_ROUTES.filter((r) => !known.has(r))).toEqual([])
  })
})
