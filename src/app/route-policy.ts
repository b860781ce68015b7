/**
 * What every API route asks before it reads its request: a session, a permission, and at most
 * how large a body. One table, checked by one middleware (`routeGate`) in front of the routes,
 * so an anonymous request gets 401 and a request of the wrong role 403 before any body is
 * read or validated (a route's Zod validators run before its handler, and the handler is where
 * `asActor` checks the permission again, inside the database scope). A test reads every route
 * handler and holds this table to the permissions the handler asks (route-policy.test.ts).
 */
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { matchedRoutes } from 'hono/route'
import { can, type Permission } from '../auth/permissions.ts'
import type { AppEnv } from '../http/context.ts'
import { requireActor } from '../http/scoped.ts'
import { AppError } from '../shared/errors.ts'
import { UPLOAD_LIMIT_BYTES } from './inbox.routes.ts'
import { ARCHIEF_UPLOAD_LIMIT_BYTES } from '../archief/archief.routes.ts'

/** Anyone; anyone logged in; or a logged-in user whose role has the permission (or, for a list, one of them). */
export type Access = 'public' | 'session' | Permission | readonly Permission[]

/** Per route, `METHOD /path` under /api as the OpenAPI description writes it. */
export const routeAccess = {
  'GET /health': 'public',
  'GET /openapi.json': 'public',
  'POST /auth/login': 'public',
  'POST /auth/logout': 'public', // ends the session of the cookie it comes with, if any
  'POST /auth/logout-everywhere': 'session',
  'GET /auth/me': 'session',
  'GET /kpis/definitions': 'session',
  'GET /termijnen/rules': 'session',

  'GET /region': 'region.read',
  'GET /gemeenten': 'region.read',
  'GET /region/huisstijl': 'region.read',
  'POST /region/huisstijl': 'huisstijl.write',
  'GET /archief/modus': 'archief.read',
  'POST /archief/modus': 'archief.write',
  'GET /archief/onverwerkt': 'archief.onverwerkt.read',
  'GET /archief/tweede-mening': 'archief.tweede_mening.read',
  'GET /archief/tweede-mening/regels': 'archief.tweede_mening.read',
  'GET /archief/tweede-mening/retours': 'archief.tweede_mening.read',
  'POST /archief/import': 'archief.write',
  'GET /segments': 'region.read',
  'POST /segments': 'strategy.write',
  'GET /products': 'region.read',
  'POST /products': 'strategy.write',
  'POST /products/tariffs': 'strategy.write',
  'GET /providers': 'region.read',
  'POST /providers': 'strategy.write',
  'POST /providers/combinations': 'strategy.write',
  'GET /contracts': 'region.read',
  'POST /contracts': 'strategy.write',
  'POST /contracts/awards': 'strategy.write',
  'POST /contracts/extensions': 'strategy.write',
  'POST /contracts/max-winst': 'strategy.write',

  'GET /kpis': 'kpi.read',
  'GET /providers/{id}/scorecard': 'kpi.read',
  'GET /segments/{id}/overview': 'kpi.read',
  'GET /bestedingsruimte': 'bestedingsruimte.read',
  'POST /bestedingsruimte': 'bestedingsruimte.write',
  'POST /bestedingsruimte/{id}/melding': 'bestedingsruimte.write',
  'POST /bestedingsruimte/meldingen/{id}/overleg': 'bestedingsruimte.write',
  'POST /bestedingsruimte/meldingen/{id}/besluit': 'bestedingsruimte.write',
  'GET /bestedingsruimte/clientenstops': 'bestedingsruimte.read',
  'POST /bestedingsruimte/clientenstops': 'bestedingsruimte.write',
  'POST /bestedingsruimte/clientenstops/{id}/opheffen': 'bestedingsruimte.write',
  'GET /bestedingsruimte/inzet': 'bestedingsruimte.inzet.read',
  'GET /integriteit/providers': 'integriteit.read',
  'GET /integriteit/providers/{id}': 'integriteit.read',
  'GET /integriteit/providers/{id}/export': 'integriteit.read',
  'POST /integriteit/entries': 'integriteit.write',
  'POST /integriteit/jaarrekeningen/import': 'integriteit.write',
  'POST /integriteit/sanctielijst/import': 'integriteit.beheer',
  'GET /integriteit/settings': 'integriteitsignaal.read',
  'POST /integriteit/settings': 'integriteit.beheer',
  'GET /integriteit/signals': 'integriteitsignaal.read',
  'POST /integriteit/signals/refresh': 'integriteit.beheer',
  'GET /integriteit/owners': 'integriteit.beheer',
  'POST /integriteit/signals/{id}/acknowledge': 'integriteit.beheer',
  'POST /integriteit/signals/{id}/close': 'integriteit.beheer',
  'GET /integriteit/onderzoeken': 'onderzoek.read',
  'POST /integriteit/onderzoeken': 'onderzoek.write',
  'GET /integriteit/onderzoeken/{id}': 'onderzoek.read',
  'POST /integriteit/onderzoeken/{id}/stappen': 'onderzoek.write',
  'POST /integriteit/onderzoeken/{id}/afronden': 'onderzoek.write',
  'GET /targets': 'kpi.read',
  'POST /scenarios/compute': 'scenario.read',
  'POST /scenarios': 'scenario.write',
  'GET /scenarios': 'scenario.read',
  'GET /scenarios/{id}': 'scenario.read',
  'GET /scenarios/{id}/export': 'scenario.read',
  'GET /scenarios/{id}/pdf': 'scenario.read',
  'POST /scenarios/delete': 'scenario.write',
  'POST /targets': 'doel.write',
  'POST /targets/{id}/withdraw': 'doel.write',
  'POST /targets/signals': 'doel.write',
  'GET /accounts': 'account.read',
  'GET /account-holders': 'account.write',
  'GET /accounts/{id}': 'account.read',
  'POST /accounts/{id}/holders': 'account.write',
  'POST /accounts/{id}/conversations': 'account.write',
  'GET /conversations/{id}': 'account.read',
  'GET /conversations/{id}/agenda': 'account.read',
  'GET /accounts/{id}/dossier': 'account.read',
  'POST /conversations/{id}/record': 'account.write',
  'POST /agreements/{id}/close': 'account.write',
  'POST /agreements/{id}/provider-done': 'agreement.provider_done',
  'GET /outcomes/worklist': 'uitkomst.write',
  'POST /outcomes': 'uitkomst.write',
  'POST /outcomes/import': 'uitkomst.write',

  'GET /budgets': 'budget.read',
  'POST /budgets/gemeente': 'budget.gemeente.write',
  'POST /budgets/provider': 'budget.provider.write',
  'POST /budgets/year': ['budget.gemeente.write', 'budget.provider.write'], // the body's `soort` says which
  'POST /budgets/import': 'budget.gemeente.write',
  'GET /budgets/voorliggend': 'budget.gemeente.read',
  'GET /budgets/voorliggend/lines': 'budget.gemeente.read',
  'POST /budgets/voorliggend': 'budget.gemeente.write',
  'POST /budgets/voorliggend/delete': 'budget.gemeente.write',
  'POST /budgets/voorliggend/import': 'budget.gemeente.write',
  'GET /budgets/figures': 'budget.read',
  'GET /budgets/dashboard': 'dashboard.read',
  'GET /budgets/dashboard/months': 'dashboard.read',
  'GET /budgets/taakvelden': 'budget.gemeente.read',
  'GET /budgets/changes': 'budget.read',
  'GET /budgets/proposal': 'budget.gemeente.read',
  'POST /budgets/proposal/adopt': 'budget.provider.write',
  'GET /budgets/signals': 'budgetsignaal.read',
  'GET /budgets/signals/{id}/owners': 'budgetsignaal.write',
  'POST /budgets/signals/acknowledge': 'budgetsignaal.write',
  'POST /budgets/signals/{id}/acknowledge': 'budgetsignaal.write',
  'POST /budgets/signals/{id}/close': 'budgetsignaal.write',
  'GET /budgets/signal-settings': 'budgetsignaal.read',
  'POST /budgets/signal-settings': 'signaalinstelling.write',
  'POST /budgets/signals/refresh': 'signaalinstelling.write',

  'POST /clients': 'client.register',
  'GET /clients/counts': 'client.count',
  'POST /clients/search': 'client.read',
  'GET /clients/{id}/file': 'client.read',
  'GET /clients/{id}/gezag': 'client.read',
  'POST /clients/{id}/gezag': 'client.register',
  'POST /toewijzingen/check': 'toewijzing.write',
  'POST /toewijzingen': 'toewijzing.write',
  'POST /toewijzingen/{id}/change': 'toewijzing.write',
  'POST /toewijzingen/clients/{id}/pgb': 'toewijzing.write',
  'POST /toewijzingen/{id}/approve-exception': 'toewijzing.write',
  'POST /toewijzingen/{id}/refuse-exception': 'toewijzing.write',
  'GET /toewijzingen/totals': 'toewijzing.totals',
  'GET /toewijzingen/signals': 'signal.toegang',
  'GET /requests': 'request.read',
  'POST /requests/{id}/approve': 'request.decide',
  'POST /requests/{id}/approve-change': 'request.decide',
  'POST /requests/{id}/refuse': 'request.decide',
  'POST /requests/{id}/investigate': 'request.decide',
  'GET /termijnen': 'termijn.read',
  'GET /termijnen/score': 'termijn.read',
  'GET /audit': 'audit.read',

  'GET /messages': 'message.read',
  'POST /messages': 'message.upload',
  'GET /messages/{id}/xml': 'message.read',
  'POST /messages/{id}/fetched': 'message.mark_fetched',
  'GET /declaraties': 'declaratie.read',
  'GET /declaraties/realisation': 'realisatie.read',
  'GET /declaraties/taakgericht-payments': 'realisatie.read',
  'POST /declaraties/taakgericht-payments': 'taakgericht.write',
  'POST /declaraties/taakgericht-payments/import': 'taakgericht.write',
  'GET /declaraties/lawfulness-signals': 'rechtmatigheid.read',
  'GET /declaraties/samples': 'rechtmatigheid.read',
  'POST /declaraties/samples': 'steekproef.draw',
  'GET /declaraties/samples/{id}/lines': 'rechtmatigheid.read',
  'POST /declaraties/sample-lines/{id}/finding': 'rechtmatigheid.write',
  'GET /declaraties/{id}': 'declaratie.read',
  'GET /declaraties/{id}/lines': 'declaratie.read',
} as const satisfies Record<string, Access>

export type RouteKey = keyof typeof routeAccess

/** A JSON body of a logged-in user: a form's worth, with room (a region's budgets in one request are tens of kilobytes). */
export const DEFAULT_BODY_BYTES = 1 << 20
/** Before logging in, only the login's few fields. */
export const PUBLIC_BODY_BYTES = 16 << 10
/**
 * An import as JSON: up to 5,000,000 characters of CSV or 7,000,000 of base64 XLSX
 * (spreadsheetUploadSchema), with room for JSON's escapes and multi-byte UTF-8.
 */
export const SPREADSHEET_UPLOAD_BYTES = 16 << 20

interface BodyLimit {
  bytes: number
  /** The refusal of a larger body, when it is not `http.too_large`. */
  refusal?: () => AppError
}

/** The routes that take more than `DEFAULT_BODY_BYTES`: the uploads. */
export const bodyLimits: Partial<Record<RouteKey, BodyLimit>> = {
  'POST /messages': {
    bytes: UPLOAD_LIMIT_BYTES, // the raw XML of one message, read as bytes
    refusal: () => new AppError('message.too_large', `een bericht groter dan ${UPLOAD_LIMIT_BYTES >> 20} MB wordt hier niet aangenomen; lees het in met koers messages import`),
  },
  'POST /archief/import': { bytes: ARCHIEF_UPLOAD_LIMIT_BYTES }, // a zip of messages, read as bytes
  'POST /budgets/import': { bytes: SPREADSHEET_UPLOAD_BYTES },
  'POST /budgets/voorliggend/import': { bytes: SPREADSHEET_UPLOAD_BYTES },
  'POST /outcomes/import': { bytes: SPREADSHEET_UPLOAD_BYTES },
  'POST /integriteit/jaarrekeningen/import': { bytes: SPREADSHEET_UPLOAD_BYTES },
  'POST /integriteit/sanctielijst/import': { bytes: SPREADSHEET_UPLOAD_BYTES },
  'POST /declaraties/taakgericht-payments/import': { bytes: SPREADSHEET_UPLOAD_BYTES },
}

const megabytes = (bytes: number) => (bytes >= 1 << 20 ? `${bytes / (1 << 20)} MB` : `${bytes / (1 << 10)} kB`)

/** The route that will answer: the first matched handler of a method (middleware is registered for ALL). */
function answeringRoute(c: Parameters<MiddlewareHandler<AppEnv>>[0]): RouteKey | undefined {
  const route = matchedRoutes(c).find((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
  return route && (`${route.method} ${route.path.slice('/api'.length).replace(/:(\w+)/g, '{$1}')}` as RouteKey)
}

/**
 * For every /api request, before the route: no route is 404; then the route's access (401
 * without a session, 403 without the permission); then its body limit (413), counted while
 * the body streams in, so a large body is refused, not read.
 */
export const routeGate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = answeringRoute(c)
  if (key === undefined) throw new AppError('route.not_found', `no API route ${c.req.method} ${c.req.path}`)
  const access: Access | undefined = routeAccess[key]
  // A route missing from the table refuses everyone (route-policy.test.ts keeps the table complete).
  if (access === undefined) throw new Error(`route ${key} has no access in src/app/route-policy.ts`)
  if (access !== 'public') {
    const actor = requireActor(c)
    const wanted: readonly Permission[] = access === 'session' ? [] : typeof access === 'string' ? [access] : access
    if (wanted.length > 0 && !wanted.some((p) => can(actor, p))) throw new AppError('role.not_permitted', `the role ${actor.role} may not do ${wanted.join(' or ')}`)
  }
  const limit = bodyLimits[key] ?? { bytes: access === 'public' ? PUBLIC_BODY_BYTES : DEFAULT_BODY_BYTES }
  const tooLarge = limit.refusal ?? (() => new AppError('http.too_large', `Het verzoek is groter dan ${megabytes(limit.bytes)} en wordt niet aangenomen.`))
  return bodyLimit({
    maxSize: limit.bytes,
    onError: () => {
      throw tooLarge()
    },
  })(c, next)
}
