/** Login, logout and "who am I". */
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
import { timingDummyHash, verifyPassword } from '../auth/password.ts'
import { LoginRateLimiter } from '../auth/rate-limit.ts'
import { createSession, deleteSession, findUserByUsername } from '../auth/session.queries.ts'

export const SESSION_COOKIE = 'koers_session'

const loginSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(60),
  password: z.string().min(1).max(200),
})

const meSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  gemeenteId: z.number().nullable(),
  providerId: z.number().nullable(),
  csrfToken: z.string(),
})

/** Failed logins: 5 per username and 50 per client address in 15 minutes. */
export function authRoutes(
  usernameLimiter = new LoginRateLimiter({ maxFailures: 5, windowMs: 15 * 60_000 }),
  addressLimiter = new LoginRateLimiter({ maxFailures: 50, windowMs: 15 * 60_000 }),
) {
  const app = newRouter()

  app.openapi(
    createRoute({
      method: 'post',
      path: '/login',
      tags: ['auth'],
      summary: 'Log in with username and password; sets an httpOnly session cookie',
      request: { body: { content: { 'application/json': { schema: loginSchema } }, required: true } },
      responses: { 200: { description: 'Logged in', content: { 'application/json': { schema: meSchema } } } },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json')
      const { db, config } = c.get('deps')
      const address = clientAddress(c)
      const wait = Math.max(usernameLimiter.retryAfterSeconds(username), addressLimiter.retryAfterSeconds(address))
      if (wait > 0) {
        c.header('Retry-After', String(wait))
        throw new AppError('login.rate_limited', `Te veel mislukte pogingen. Probeer het over ${Math.ceil(wait / 60)} minuten opnieuw.`)
      }
      const user = await findUserByUsername(db, username)
      const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyPassword(await timingDummyHash(), password)
      if (!user || !ok) {
        usernameLimiter.recordFailure(username)
        addressLimiter.recordFailure(address)
        log.info('login failed', { username })
        throw new AppError('login.failed', 'Gebruikersnaam of wachtwoord klopt niet.')
      }
      usernameLimiter.reset(username)
      const session = await createSession(db, user, config.KOERS_SESSION_HOURS)
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: config.KOERS_COOKIE_SECURE,
        path: '/',
        expires: session.expiresAt,
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
        },
        200,
      )
    },
  )
  return app
}

/** The peer address of the connection; X-Forwarded-For is not trusted (it is the client's to forge). */
function clientAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // in-process requests (tests) have no socket
  }
}
