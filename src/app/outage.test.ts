import { randomBytes } from 'node:crypto'
import { type AddressInfo, type Server, type Socket, createConnection, createServer } from 'node:net'
import pg from 'pg'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OpenDatabase, openDatabase } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { testConfig } from '../test/http-sessions.ts'
import { createApp } from './app.ts'

/**
 * A TCP proxy in front of PostgreSQL that can cut every connection and refuse new ones, as a
 * stopped server does — without stopping the server other tests use.
 */
function databaseProxy(target: URL) {
  const sockets = new Set<Socket>()
  let server: Server | null = null
  let port = 0
  const listen = () =>
    new Promise<void>((done) => {
      server = createServer((client) => {
        const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) })
        for (const s of [client, upstream]) {
          sockets.add(s)
          s.on('close', () => sockets.delete(s))
          s.on('error', () => s.destroy())
        }
        client.pipe(upstream).pipe(client)
      })
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port
        done()
      })
    })
  return {
    listen,
    url: () => {
      const url = new URL(target)
      url.host = `127.0.0.1:${port}`
      return url.toString()
    },
    /** PostgreSQL "stops": open connections drop, new ones are refused. */
    cut: () => new Promise<void>((done) => {
      for (const s of sockets) s.destroy()
      server!.close(() => done())
    }),
  }
}

/** Issue 24 §3: the server survives the database going away, answers 503, and recovers by itself. */
describe.skipIf(!process.env.TEST_DATABASE_URL)('a PostgreSQL outage', () => {
  const admin = process.env.TEST_DATABASE_URL!
  const name = `koers_outage_${randomBytes(5).toString('hex')}`
  let target: URL
  let proxy: ReturnType<typeof databaseProxy>
  let database: OpenDatabase
  const login = (app: ReturnType<typeof createApp>) =>
    app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify({ username: 'niemand', password: 'fout-wachtwoord-123' }) })

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: admin })
    await client.connect()
    await client.query(`create database ${name}`)
    await client.end()
    target = new URL(admin)
    target.pathname = `/${name}`
    const direct = await openDatabase({ url: target.toString() })
    await migrateToLatest(direct.db)
    await direct.close()
    proxy = databaseProxy(target)
    await proxy.listen()
    database = await openDatabase({ url: proxy.url() })
  })
  afterAll(async () => {
    await database?.close().catch(() => {})
    const client = new pg.Client({ connectionString: admin })
    await client.connect()
    await client.query(`drop database if exists ${name} with (force)`)
    await client.end()
  })

  it('answers 503 with Retry-After while the database is away, survives a connection lost mid-query, and recovers by itself', async () => {
    const app = createApp({ db: database.db, config: testConfig })
    expect((await login(app)).status).toBe(401)

    // A query in flight when the server goes: it fails, the process does not.
    const inFlight = sql`select pg_sleep(5)`.execute(database.db)
    await new Promise((r) => setTimeout(r, 300))
    await proxy.cut()
    await expect(inFlight).rejects.toThrow()

    const away = await login(app)
    expect(away.status).toBe(503)
    expect(away.headers.get('retry-after')).toBe('5')
    expect(await away.json()).toMatchObject({ error: { code: 'unavailable', reason: 'database.unavailable', message: expect.stringContaining('database is even niet bereikbaar') } })

    await proxy.listen()
    expect((await login(app)).status).toBe(401)
  })
})
