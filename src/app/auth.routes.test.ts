import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type TestRegion, newRegion, newUser } from '../test/factory.ts'
import { testConfig } from '../test/http-sessions.ts'
import type { AppConfig } from '../http/context.ts'
import { createApp } from './app.ts'

const origin = 'http://localhost'
const MINUTE = 60_000

/** An app with a clock the test moves: nothing here waits, or depends on the machine's speed. */
function appWithClock(database: TestDatabase, config: Partial<AppConfig> = {}) {
  const clock = { now: Date.parse('2027-03-01T09:00:00Z') }
  const app = createApp({ db: database.db, config: { ...testConfig, ...config }, now: () => clock.now })
  /** The cookies a browser keeps: `name=value`, by name. */
  type Jar = Map<string, string>
  const cookieHeader = (jar: Jar) => [...jar.values()].join('; ')
  const keep = (jar: Jar, res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!
      const name = pair.split('=')[0]!
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name)
      else jar.set(name, pair)
    }
  }
  /** The CSRF token of the session a jar holds: a browser still logged in sends it with every change, a login too. */
  const csrfOf = new WeakMap<Jar, string>()
  async function login(credentials: { username: string; password: string }, jar: Jar = new Map(), headers: Record<string, string> = {}) {
    const csrf = csrfOf.get(jar)
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin, cookie: cookieHeader(jar), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...headers }, body: JSON.stringify(credentials) })
    keep(jar, res)
    const body = (await res.json()) as { csrfToken?: string; error?: { reason: string } }
    if (body.csrfToken) csrfOf.set(jar, body.csrfToken)
    return { status: res.status, reason: body.error?.reason, csrf: body.csrfToken ?? '', jar }
  }
  const me = async (jar: Jar) => (await app.request('/api/auth/me', { headers: { cookie: cookieHeader(jar) } })).status
  const post = async (jar: Jar, csrf: string, path: string) => {
    const res = await app.request(path, { method: 'POST', headers: { origin, cookie: cookieHeader(jar), 'x-csrf-token': csrf } })
    keep(jar, res)
    return res.status
  }
  return { app, clock, login, me, post }
}

describe.each(engines)('logging in on %s', (engine) => {
  let database: TestDatabase
  let region: TestRegion

  beforeAll(async () => {
    database = await freshDatabase(engine)
    region = await newRegion(database.db)
  })
  afterAll(() => database.dispose())

  describe('the login limit', () => {
    it('counts guesses sent side by side before their passwords are checked: 5 are checked, 25 refused', async () => {
      const { login } = appWithClock(database)
      const user = await newUser(database.db, region, 'regio')
      const answers = await Promise.all(Array.from({ length: 30 }, () => login({ username: user.username, password: 'wrong' })))
      expect(answers.filter((a) => a.status === 401)).toHaveLength(5)
      expect(answers.filter((a) => a.status === 429).map((a) => a.reason)).toEqual(Array(25).fill('login.rate_limited'))
    })

    it('lets a user in from a browser it logged in from before, while strangers fail on its name or behind the same proxy', async () => {
      const { login } = appWithClock(database)
      const anna = await newUser(database.db, region, 'regio')
      const browser = (await login(anna)).jar // Anna's browser, trusted from now on
      // Someone guesses Anna's password, then sprays other names, all through the one proxy.
      for (let i = 0; i < 5; i++) await login({ username: anna.username, password: `guess ${i}` })
      for (let i = 0; i < 45; i++) await login({ username: `nobody${i}`, password: 'guess' })
      expect(await login(anna)).toMatchObject({ status: 429 }) // a new browser: the name and the address are locked
      expect(await login((await newUser(database.db, region, 'regio')))).toMatchObject({ status: 429 })
      expect(await login(anna, browser)).toMatchObject({ status: 200 })
    })

    it('limits a trusted browser on its own', async () => {
      const { login } = appWithClock(database)
      const user = await newUser(database.db, region, 'regio')
      const browser = (await login(user)).jar
      for (let i = 0; i < 5; i++) expect(await login({ ...user, password: 'wrong' }, browser)).toMatchObject({ status: 401 })
      expect(await login(user, browser)).toMatchObject({ status: 429 })
    })

    it('takes the address from X-Forwarded-For only behind a trusted proxy', async () => {
      const spray = async (login: ReturnType<typeof appWithClock>['login'], forwardedFor: (i: number) => string) => {
        for (let i = 0; i < 50; i++) await login({ username: `nobody${i}`, password: 'guess' }, new Map(), { 'x-forwarded-for': forwardedFor(i) })
      }
      const behindProxy = appWithClock(database, { KOERS_TRUST_PROXY: 1 })
      await spray(behindProxy.login, () => '203.0.113.7')
      const colleague = await newUser(database.db, region, 'regio')
      expect(await behindProxy.login(colleague, new Map(), { 'x-forwarded-for': '203.0.113.7' })).toMatchObject({ status: 429 })
      expect(await behindProxy.login(colleague, new Map(), { 'x-forwarded-for': '198.51.100.9' })).toMatchObject({ status: 200 })
      // Without the setting the header is the client's own: forging a new address each time does not help.
      const direct = appWithClock(database)
      await spray(direct.login, (i) => `198.51.100.${i}`)
      expect(await direct.login(colleague, new Map(), { 'x-forwarded-for': '192.0.2.1' })).toMatchObject({ status: 429 })
    })
  })

  describe('sessions', () => {
    it('start anew at every login: the session the browser had before ends', async () => {
      const { login, me } = appWithClock(database)
      const user = await newUser(database.db, region, 'gemeente', { gemeenteId: region.gemeenten[0]!.id })
      const first = await login(user)
      const before: Map<string, string> = new Map(first.jar)
      const second = await login(user, first.jar)
      expect(second.jar.get('koers_session')).not.toBe(before.get('koers_session'))
      expect(await me(before)).toBe(401)
      expect(await me(second.jar)).toBe(200)
      // The browser stays trusted under one new token, not two.
      const devices = await database.db.selectFrom('trusted_device').innerJoin('app_user', 'app_user.id', 'trusted_device.user_id').select('trusted_device.token_hash').where('app_user.username', '=', user.username).execute()
      expect(devices).toHaveLength(1)
    })

    it('end after KOERS_SESSION_IDLE_MINUTES without a request, and at KOERS_SESSION_HOURS whatever the use', async () => {
      const { login, me, clock } = appWithClock(database, { KOERS_SESSION_IDLE_MINUTES: 30, KOERS_SESSION_HOURS: 2 })
      const user = await newUser(database.db, region, 'regio')
      const { jar } = await login(user)
      clock.now += 29 * MINUTE
      expect(await me(jar)).toBe(200)
      clock.now += 29 * MINUTE
      expect(await me(jar)).toBe(200) // 58 minutes after login, 29 after the last request
      clock.now += 31 * MINUTE
      expect(await me(jar)).toBe(401)

      const busy = (await login(user)).jar
      for (let minutes = 20; minutes < 120; minutes += 20) {
        clock.now += 20 * MINUTE
        expect(await me(busy), `${minutes} minutes`).toBe(200)
      }
      clock.now += 20 * MINUTE
      expect(await me(busy)).toBe(401)
    })

    it('all end, on every browser, when the user logs out everywhere; another user’s stay', async () => {
      const { login, me, post } = appWithClock(database)
      const user = await newUser(database.db, region, 'regio')
      const other = await newUser(database.db, region, 'regio')
      const laptop = await login(user)
      const phone = await login(user)
      const colleague = await login(other)
      expect(await post(laptop.jar, laptop.csrf, '/api/auth/logout-everywhere')).toBe(204)
      expect(laptop.jar.has('koers_session')).toBe(false)
      expect(await me(phone.jar)).toBe(401)
      expect(await me(colleague.jar)).toBe(200)
      expect(await post(phone.jar, phone.csrf, '/api/auth/logout-everywhere')).toBe(401)
      // The browsers are no longer trusted: a locked name locks them out as well.
      for (let i = 0; i < 5; i++) await login({ ...user, password: 'wrong' })
      expect(await login(user, phone.jar)).toMatchObject({ status: 429 })
    })
  })
})
