/** Login, logout (here or everywhere) and "who am I". */
import { createRoute } from '@hono/zod-openapi'
import { newRouter } from '../http/router.ts'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import type { AppEnv } from '../http/context.ts'
import { requireActor } from '../http/scoped.ts'
import { AppError } from '../shared/errors.ts'
import { log } from '../shared/log.ts'
import { roleLabels } from '../auth/actor.ts'
import { clientAddress } from '../auth/client-address.ts'
import { permissionsOf } from '../auth/permissions.ts'
import { timingDummyHash, verifyPassword } from '../auth/password.ts'
import { LoginRateLimiter, reserveAttempt } from '../auth/rate-limit.ts'
import { loginSchema } from '../auth/login.schema.ts'
import { createSession, deleteSession, deleteUserSessions, findUserByUsername, forgetDevice, trustDevice, trustedDeviceKey } from '../auth/session.queries.ts'

export const SESSION_COOKIE = 'koers_session'
/** Marks a browser where the user logged in before (docs/decisions/0018); only the login routes see it. */
export const DEVICE_COOKIE = 'koers_device'

const meSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  gemeenteId: z.number().nullable(),
  providerId: z.number().nullable(),
  csrfToken: z.string(),
  /** What the role may do (src/auth/permissions.ts): the web app shows a link only where it may be followed. */
  permissions: z.array(z.string()),
})

const FIFTEEN_MINUTES = 15 * 60_000

/**
 * The login limits, failures in 15 minutes. From a browser not yet trusted: 5 per username (a
 * password guessed at one account) and 50 per client address (many accounts tried from one
 * place). From a trusted browser — one where this user logged in before — 5 for that browser,
 * and neither of the others: failures of strangers on the username, or behind the same address
 * (one reverse proxy, a gemeente's network), do not lock its user out.
 */
export interface LoginLimiters {
  username: LoginRateLimiter
  address: LoginRateLimiter
  device: LoginRateLimiter
}

export function loginLimiters(now?: () => number): LoginLimiters {
  return {
    username: new LoginRateLimiter({ maxFailures: 5, windowMs: FIFTEEN_MINUTES, now }),
    address: new LoginRateLimiter({ maxFailures: 50, windowMs: FIFTEEN_MINUTES, now }),
    device: new LoginRateLimiter({ maxFailures: 5, windowMs: FIFTEEN_MINUTES, now }),
  }
}

export function authRoutes(limiters: LoginLimiters = loginLimiters()) {
  const app = newRouter()

  app.openapi(
    createRoute({
      method: 'post',
      path: '/login',
      tags: ['auth'],
      summary: 'Log in with username and password; sets an httpOnly session cookie (a new one: a session the request came with ends)',
      request: { body: { content: { 'application/json': { schema: loginSchema } }, required: true } },
      responses: { 200: { description: 'Logged in', content: { 'application/json': { schema: meSchema } } } },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json')
      const { db, config, now } = c.get('deps')
      const user = await findUserByUsername(db, username)
      const deviceToken = getCookie(c, DEVICE_COOKIE)
      const device = user && deviceToken ? await trustedDeviceKey(db, deviceToken, user.id, new Date(now())) : undefined
      const limits = device ? ([[limiters.device, device]] as const) : ([[limiters.username, username], [limiters.address, clientAddress(peerAddress(c), c.req.header('x-forwarded-for'), config.KOERS_TRUST_PROXY)]] as const)
      // Counted before the password is checked (src/auth/rate-limit.ts): no await between check and count.
      const attempt = reserveAttempt(limits)
      if ('wait' in attempt) {
        c.header('Retry-After', String(attempt.wait))
        throw new AppError('login.rate_limited', `Te veel mislukte pogingen. Probeer het over ${Math.ceil(attempt.wait / 60)} minuten opnieuw.`)
      }
      const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyPassword(await timingDummyHash(), password)
      if (!user || !ok) {
        log.info('login failed', { username, trustedDevice: device !== undefined })
        throw new AppError('login.failed', 'Gebruikersnaam of wachtwoord klopt niet.')
      }
      attempt.release()
      if (device) limiters.device.reset(device)
      else limiters.username.reset(username)
      // A login starts a new session: the one this browser had (if any) ends, whoever it was.
      const previous = getCookie(c, SESSION_COOKIE)
      if (previous) await deleteSession(db, previous)
      const at = new Date(now())
      const session = await createSession(db, user, { now: at, hours: config.KOERS_SESSION_HOURS })
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: config.KOERS_COOKIE_SECURE,
        path: '/',
        expires: session.expiresAt,
      })
      // The browser's trust starts anew with a new token; the one it came with (if any) goes.
      if (deviceToken) await forgetDevice(db, deviceToken)
      const trusted = await trustDevice(db, user, at)
      setCookie(c, DEVICE_COOKIE, trusted.token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: config.KOERS_COOKIE_SECURE,
        path: '/api/auth',
        expires: trusted.expiresAt,
      })
      log.info('login', { username, role: user.role })
      return c.json(
        {
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          roleLabel: roleLabels[user.role],
          gemeenteId: user.gemeenteId,
          providerId: user.providerId,
          csrfToken: session.csrfToken,
          permissions: permissionsOf(user.role),
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/logout',
      tags: ['auth'],
      summary: 'End the session',
      responses: { 204: { description: 'Logged out' } },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE)
      if (token) await deleteSession(c.get('deps').db, token)
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/logout-everywhere',
      tags: ['auth'],
      summary: 'End every session of the logged-in user, on every browser, and trust none of its browsers any more',
      responses: { 204: { description: 'Logged out everywhere' } },
    }),
    async (c) => {
      const actor = requireActor(c)
      if (actor.userId === null) throw new AppError('session.missing', 'Log eerst in.') // a session always has a user
      await deleteUserSessions(c.get('deps').db, actor.userId)
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      deleteCookie(c, DEVICE_COOKIE, { path: '/api/auth' })
      log.info('logout everywhere', { username: actor.name })
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['auth'],
      summary: 'The logged-in user, role and scope, and the CSRF token for changes',
      responses: { 200: { description: 'The user', content: { 'application/json': { schema: meSchema } } } },
    }),
    async (c) => {
      const actor = requireActor(c)
      return c.json(
        {
          username: actor.name,
          displayName: c.get('displayName') ?? actor.name,
          role: actor.role,
          roleLabel: roleLabels[actor.role],
          gemeenteId: actor.gemeenteId,
          providerId: actor.providerId,
          csrfToken: c.get('csrfToken') ?? '',
          permissions: permissionsOf(actor.role),
        },
        200,
      )
    },
  )
  return app
}

/** The peer address of the connection (a proxy's, behind one: see clientAddress). */
function peerAddress(c: Context<AppEnv>): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined // in-process requests (tests) have no socket
  }
}
