/**
 * The HTTP application: sessions, CSRF protection, the API of every feature under /api (and
 * of the pages and actions in this folder that span several features), its OpenAPI
 * description at /api/openapi.json, and the web app's files.
 */
import { integriteitRoutes } from '../integriteit/integriteit.routes.ts'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { csrf } from 'hono/csrf'
import { secureHeaders } from 'hono/secure-headers'
import { actorOf, findSession } from '../auth/session.queries.ts'
import { SESSION_COOKIE, authRoutes, loginLimiters } from './auth.routes.ts'
import { budgetRoutes } from '../budgets/budget.routes.ts'
import { auditRoutes } from './audit.routes.ts'
import { budgetUpkeepRoutes } from './budget-upkeep.routes.ts'
import { clientRoutes } from '../clients/client.routes.ts'
import { contractRoutes } from '../contracts/contract.routes.ts'
import { productRoutes } from '../products/product.routes.ts'
import { providerRoutes } from '../providers/provider.routes.ts'
import { regionRoutes } from '../regions/region.routes.ts'
import { regionOverviewRoutes } from './region-overview.routes.ts'
import { scorecardRoutes } from './scorecard.routes.ts'
import { accountRoutes } from '../accounts/account.routes.ts'
import { accountAgendaRoutes } from './account-agenda.routes.ts'
import { segmentOverviewRoutes } from './segment-overview.routes.ts'
import { segmentRoutes } from '../segments/segment.routes.ts'
import { exchangeRoutes } from '../exchange/exchange.routes.ts'
import { inboxRoutes } from './inbox.routes.ts'
import { archiefRoutes } from '../archief/archief.routes.ts'
import { declaratieRoutes } from '../declaraties/declaratie.routes.ts'
import { kpiRoutes } from './kpi.routes.ts'
import { targetRoutes } from '../targets/target.routes.ts'
import { bestedingsruimteRoutes } from '../bestedingsruimte/bestedingsruimte.routes.ts'
import { scenarioRoutes } from '../scenarios/scenario.routes.ts'
import { outcomeRoutes } from '../outcomes/outcome.routes.ts'
import { requestRoutes } from '../requests/request.routes.ts'
import { toewijzingRoutes } from '../toewijzingen/toewijzing.routes.ts'
import { termijnRoutes } from '../termijnen/termijn.routes.ts'
import { AppError } from '../shared/errors.ts'
import { withRequestSignal } from '../db/request-signal.ts'
import { lane } from '../http/lane.ts'
import { loadConfig } from '../config.ts'
import type { AppDeps, AppEnv, RequestDeps } from '../http/context.ts'
import { errorResponse } from '../http/errors.ts'
import { newRouter } from '../http/router.ts'
import { routeGate } from './route-policy.ts'

export const CSRF_HEADER = 'x-csrf-token'

export interface AppOptions {
  /** Directory of the built web app; when absent only the API is served. */
  webDir?: string
  /**
   * Heavy requests (HEAVY_ROUTES) at once; the rest of the database stays for the others
   * (issue 24 §5). `koers start`: half the PostgreSQL pool, one on PGlite. Default 4.
   */
  heavyRequests?: number
}

/**
 * Routes whose one request can hold the database for long: the KPI pages (every traject of the
 * scope), the uploads and imports, and the recomputations. They go through one lane (http/lane.ts).
 */
export const HEAVY_ROUTES = [
  'GET /api/kpis',
  'GET /api/providers/:id/scorecard',
  'GET /api/segments/:id/overview',
  'GET /api/targets',
  'GET /api/conversations/:id/agenda',
  'GET /api/accounts/:id/dossier',
  'GET /api/declaraties/realisation',
  'POST /api/messages',
  'POST /api/budgets/import',
  'POST /api/outcomes/import',
  'POST /api/integriteit/jaarrekeningen/import',
  'POST /api/integriteit/sanctielijst/import',
  'POST /api/budgets/signals/refresh',
  'POST /api/targets/signals',
  'POST /api/integriteit/signals/refresh',
] as const

export function createApp(appDeps: AppDeps, options: AppOptions = {}) {
  const app = newRouter()
  const defaults = loadConfig({})
  const deps: RequestDeps = {
    db: appDeps.db,
    config: { KOERS_SESSION_IDLE_MINUTES: defaults.KOERS_SESSION_IDLE_MINUTES, KOERS_TRUST_PROXY: defaults.KOERS_TRUST_PROXY, ...appDeps.config },
    now: appDeps.now ?? Date.now,
  }

  app.use('*', async (c, next) => {
    c.set('deps', deps)
    // A client that goes away abandons its database work (issue 24 §4, db/request-signal.ts).
    await withRequestSignal(c.req.raw.signal, next)
  })
  app.use('*', secureHeaders(securityHeaders))
  app.use('/api/*', noStore)
  app.use('/api/*', csrf()) // refuses cross-origin form posts by their Origin header
  app.use('/api/*', loadSession)
  app.use('/api/*', requireCsrfToken)
  app.use('/api/*', routeGate) // session, permission and body limit before a route reads its input
  const heavy = lane(options.heavyRequests ?? 4)
  for (const route of HEAVY_ROUTES) {
    const [method, path] = route.split(' ') as [string, string]
    app.on(method, path, heavy.middleware)
  }

  const api = newRouter()
  api.route('/auth', authRoutes(loginLimiters(deps.now)))
  api.route('/', regionOverviewRoutes())
  api.route('/', regionRoutes())
  api.route('/', segmentRoutes())
  api.route('/', segmentOverviewRoutes())
  api.route('/', productRoutes())
  api.route('/', providerRoutes())
  api.route('/', scorecardRoutes())
  api.route('/', accountRoutes())
  api.route('/', accountAgendaRoutes())
  api.route('/', contractRoutes())
  api.route('/', budgetRoutes())
  api.route('/', budgetUpkeepRoutes())
  api.route('/', clientRoutes())
  api.route('/', toewijzingRoutes())
  api.route('/', requestRoutes())
  api.route('/', exchangeRoutes())
  api.route('/', inboxRoutes())
  api.route('/', archiefRoutes())
  api.route('/', declaratieRoutes())
  api.route('/', kpiRoutes())
  api.route('/', targetRoutes())
  api.route('/', bestedingsruimteRoutes())
  api.route('/', scenarioRoutes())
  api.route('/', outcomeRoutes())
  api.route('/', termijnRoutes())
  api.route('/', auditRoutes())
  api.route('/', integriteitRoutes())
  api.get('/health', (c) => c.json({ status: 'ok' }))
  // Built and serialised once, when the app is made: the description is the same for every
  // request, and building it cost every request (issue 24 §4: after a load series
  // /api/openapi.json took 2 min 26 s).
  const openApiDocument = api.getOpenAPI31Document({
    openapi: '3.1.0',
    servers: [{ url: '/api' }],
    info: {
      title: 'Koers API',
      version: '0.1.0',
      description:
        'Procurement strategy of a region of gemeenten for Jeugdwet and Wmo. Changes need the session cookie and the X-CSRF-Token header from /api/auth/me.',
    },
  })
  const openApiJson = JSON.stringify(openApiDocument)
  api.get('/openapi.json', (c) => c.body(openApiJson, 200, { 'content-type': 'application/json' }))
  api.notFound((c) => errorResponse(new AppError('route.not_found', `no API route ${c.req.method} ${c.req.path}`), c))
  app.route('/api', api)
  app.onError(errorResponse)

  if (options.webDir && existsSync(resolve(options.webDir, 'index.html'))) {
    const webDir = options.webDir
    const index = readFileSync(resolve(webDir, 'index.html'), 'utf8')
    app.use('/assets/*', serveStatic({ root: webDir }))
    app.use('/favicon.svg', serveStatic({ root: webDir }))
    // Client-side routes all get the single page.
    app.get('*', (c) => c.html(index))
  }
  return app
}

/**
 * The web app is Vite's build: one script and one stylesheet from /assets, nothing inline, so
 * the policy allows only this origin. The NL Design System CSS draws its check marks as data:
 * SVG images; React and recharts set styles through the DOM (`element.style`), which a CSP
 * does not govern. No frames, no plugins, no forms to elsewhere, no other <base>.
 */
const securityHeaders = {
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
} satisfies Parameters<typeof secureHeaders>[0]

/** API answers carry personal data (and a CSRF token): no browser or proxy keeps them. Set after the route, so refusals carry it too. */
const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  c.header('Cache-Control', 'no-store')
}

/** Public answers that need no session, and so no database: a cookie sent along is not looked up (issue 24 §4). */
const WITHOUT_SESSION = new Set(['GET /api/health', 'GET /api/openapi.json'])

const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = WITHOUT_SESSION.has(`${c.req.method} ${c.req.path}`) ? undefined : getCookie(c, SESSION_COOKIE)
  if (token) {
    const { db, config, now } = c.get('deps')
    const session = await findSession(db, token, { now: new Date(now()), idleMinutes: config.KOERS_SESSION_IDLE_MINUTES })
    if (session) {
      c.set('actor', actorOf(session.user))
      c.set('displayName', session.user.displayName)
      c.set('csrfToken', session.csrfToken)
    }
  }
  await next()
}

/** Changes by a logged-in user must echo the session's CSRF token in a header. */
const requireCsrfToken: MiddlewareHandler<AppEnv> = async (c, next) => {
  const safe = c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS'
  const expected = c.get('csrfToken')
  if (!safe && expected !== undefined && c.req.header(CSRF_HEADER) !== expected) {
    throw new AppError('session.csrf_invalid', 'missing or wrong CSRF token (header X-CSRF-Token)')
  }
  await next()
}
