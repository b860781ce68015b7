/**
 * Role × route: every API route, called by every role and without a session, answers the
 * status its entry below expects, and no answer carries what its caller may not see (issue 17):
 *
 * - no BSN, unless the route is a personal-data route allowed to that role, and then only of
 *   the caller's own residents or clients;
 * - no count of 1–4 in an aggregate route (its count fields are named, and must occur);
 * - no row of the other gemeente (for gemeente roles) or the other provider (for a provider):
 *   no id of it in a `gemeenteId`/`providerId` field, not its name, not its AGB code.
 *
 * The fixture is a small demo region with a second scope (gemeente B, provider Q) beside the
 * callers' own (gemeente A, provider P); routes with an `{id}` are called with an id of each.
 * Changes are called with an empty body: an allowed role gets the validation error (422), so
 * the test proves that authentication and the permission come before validation, and changes
 * nothing. A route missing from the table fails the test, and so does an entry without a route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../auth/actor.ts'
import { engines, type TestDatabase } from '../test/databases.ts'
import { DEMO_BUILD_LIMIT, demoDatabase } from '../test/demo-database.ts'
import { type AccessFixture, type Caller, type IdKind, accessFixture, callers } from '../test/access-fixture.ts'
import { createApp } from './app.ts'

const all: readonly Role[] = ['regio', 'gemeente', 'lokaal_team', 'aanbieder', 'toezichthouder']
const regionWideRoles: readonly Role[] = ['regio', 'toezichthouder']

interface Entry {
  /** Who may call it; 'public' answers without a session too. */
  allow: readonly Role[] | 'public'
  /** The kind of record the route's `{id}` names. */
  id?: IdKind
  /** Roles that may see personal data (a BSN) in the answer: only of their own scope. */
  personal?: readonly Role[]
  /** An aggregate route: these fields count people or trajecten and are never 1–4. */
  counts?: readonly string[]
  /** Lists every gemeente or provider of the region by design (names and ids may show). */
  regionWide?: true
  /** The status of the other scope's `{id}` for roles other than the region's (default 404). */
  theirs?: Partial<Record<Role, number>> | 'visible'
  /** The status of our own record for a role the route admits but the record refuses (default 200). */
  ours?: Partial<Record<Role, number>>
  /** The status of an allowed change with an empty body, where it is not 422. */
  empty?: Partial<Record<Role, number>>
  /** A query string the route needs. */
  query?: string
  /** Also fetched as CSV (the `format` parameter). */
  csv?: true
  /** Not called here (why). */
  skip?: string
}

const routes: Record<string, Entry> = {
  'POST /api/auth/login': { allow: 'public', skip: 'the fixture logs in through it; src/app/app.test.ts covers it' },
  'POST /api/auth/logout': { allow: 'public', skip: 'would end the sessions the table needs; src/app/app.test.ts covers it' },
  'POST /api/auth/logout-everywhere': { allow: all, skip: 'would end the sessions the table needs; src/app/auth.routes.test.ts covers it' },
  'GET /api/auth/me': { allow: all },
  'GET /api/health': { allow: 'public' },
  'GET /api/openapi.json': { allow: 'public' },

  'GET /api/region': { allow: all, regionWide: true },
  'GET /api/region/huisstijl': { allow: all },
  'POST /api/region/huisstijl': { allow: ['regio'] },
  'GET /api/archief/modus': { allow: ['regio', 'gemeente', 'toezichthouder'] },
  'POST /api/archief/modus': { allow: ['regio'] },
  'GET /api/archief/onverwerkt': { allow: regionWideRoles, regionWide: true },
  'GET /api/archief/tweede-mening': { allow: ['regio', 'gemeente', 'aanbieder', 'toezichthouder'], csv: true },
  'GET /api/archief/tweede-mening/regels': { allow: ['regio', 'gemeente', 'aanbieder', 'toezichthouder'], csv: true },
  'GET /api/archief/tweede-mening/retours': { allow: ['regio', 'gemeente', 'aanbieder', 'toezichthouder'], csv: true },
  'POST /api/archief/import': { allow: ['regio'], empty: { regio: 409 } }, // the fixture's region answers: no import
  'GET /api/gemeenten': { allow: all, regionWide: true },
  'GET /api/segments': { allow: all, regionWide: true },
  'POST /api/segments': { allow: ['regio'] },
  'GET /api/segments/:id/overview': { allow: all, id: 'segment', theirs: 'visible', counts: ['n'] },
  'GET /api/products': { allow: all, regionWide: true },
  'POST /api/products': { allow: ['regio'] },
  'POST /api/products/tariffs': { allow: ['regio'] },
  'GET /api/providers': { allow: all, regionWide: true },
  'POST /api/providers': { allow: ['regio'] },
  'POST /api/providers/combinations': { allow: ['regio'] },
  'GET /api/providers/:id/scorecard': { allow: all, id: 'provider', theirs: { gemeente: 200, lokaal_team: 200, aanbieder: 403 }, counts: ['n'] },
  'GET /api/contracts': { allow: all, regionWide: true },
  'POST /api/contracts': { allow: ['regio'] },
  'POST /api/contracts/awards': { allow: ['regio'] },
  'POST /api/contracts/extensions': { allow: ['regio'] },
  'POST /api/contracts/max-winst': { allow: ['regio'] },

  'GET /api/budgets': { allow: ['regio', 'gemeente', 'aanbieder', 'toezichthouder'], query: '?year=2026' },
  'POST /api/budgets/gemeente': { allow: ['regio', 'gemeente'] },
  'POST /api/budgets/provider': { allow: ['regio'] },
  'POST /api/budgets/year': { allow: ['regio', 'gemeente'] },
  'POST /api/budgets/import': { allow: ['regio', 'gemeente'] },
  'GET /api/budgets/voorliggend': { allow: ['regio', 'gemeente', 'toezichthouder'], query: '?year=2026' },
  'GET /api/budgets/voorliggend/lines': { allow: ['regio', 'gemeente', 'toezichthouder'], query: '?year=2026', csv: true },
  'POST /api/budgets/voorliggend': { allow: ['regio', 'gemeente'] },
  'POST /api/budgets/voorliggend/delete': { allow: ['regio', 'gemeente'] },
  'POST /api/budgets/voorliggend/import': { allow: ['regio', 'gemeente'] },
  'GET /api/budgets/figures': { allow: ['regio', 'gemeente', 'aanbieder', 'toezichthouder'], query: '?year=2026', counts: ['toewijzingen', 'beeindigd'], csv: true },
  'GET /api/budgets/dashboard': { allow: ['regio', 'gemeente', 'toezichthouder'], query: '?year=2026', counts: ['toewijzingen', 'beeindigd'] },
  'GET /api/budgets/dashboard/months': { allow: ['regio', 'gemeente', 'toezichthouder'], query: '?year=2026', csv: true },
  'GET /api/budgets/taakvelden': { allow: ['regio', 'gemeente', 'toezichthouder'], query: '?year=2026', csv: true },
  'GET /api/budgets/changes': { allow: ['regio', 'gemeente', 'aanbieder', 'toezichthouder'], query: '?year=2026', csv: true },
  'GET /api/budgets/proposal': { allow: ['regio', 'gemeente', 'toezichthouder'], query: '?year=2026', csv: true },
  'POST /api/budgets/proposal/adopt': { allow: ['regio'] },
  'GET /api/integriteit/providers': { allow: ['regio', 'gemeente', 'aanbieder', 'toezichthouder'] },
  'GET /api/integriteit/providers/:id': { allow: ['regio', 'gemeente', 'aanbieder', 'toezichthouder'], id: 'provider', theirs: { gemeente: 200 } },
  'GET /api/integriteit/providers/:id/export': { allow: ['regio', 'gemeente', 'aanbieder', 'toezichthouder'], id: 'provider', theirs: { gemeente: 200 }, csv: true },
  'POST /api/integriteit/entries': { allow: ['regio', 'aanbieder', 'toezichthouder'] },
  'POST /api/integriteit/jaarrekeningen/import': { allow: ['regio', 'aanbieder', 'toezichthouder'] },
  'POST /api/integriteit/sanctielijst/import': { allow: ['regio', 'toezichthouder'] },
  'GET /api/integriteit/settings': { allow: ['regio', 'gemeente', 'toezichthouder'] },
  'POST /api/integriteit/settings': { allow: ['regio', 'toezichthouder'] },
  'GET /api/integriteit/signals': { allow: ['regio', 'gemeente', 'toezichthouder'], csv: true },
  'POST /api/integriteit/signals/refresh': { allow: ['regio', 'toezichthouder'], empty: { regio: 200, toezichthouder: 200 } },
  'GET /api/integriteit/owners': { allow: ['regio', 'toezichthouder'] },
  'POST /api/integriteit/signals/:id/acknowledge': { allow: ['regio', 'toezichthouder'], id: 'integriteitSignaal' },
  'POST /api/integriteit/signals/:id/close': { allow: ['regio', 'toezichthouder'], id: 'integriteitSignaal' },
  'GET /api/integriteit/onderzoeken': { allow: ['regio', 'aanbieder', 'toezichthouder'] },
  'POST /api/integriteit/onderzoeken': { allow: ['regio', 'toezichthouder'] },
  'GET /api/integriteit/onderzoeken/:id': { allow: ['regio', 'aanbieder', 'toezichthouder'], id: 'onderzoek' },
  'POST /api/integriteit/onderzoeken/:id/stappen': { allow: ['regio', 'toezichthouder'], id: 'onderzoek' },
  'POST /api/integriteit/onderzoeken/:id/afronden': { allow: ['regio', 'toezichthouder'], id: 'onderzoek' },
  'GET /api/budgets/signals': { allow: ['regio', 'gemeente', 'toezichthouder'], query: '?year=2026', csv: true },
  'GET /api/budgets/signals/:id/owners': { allow: ['regio', 'gemeente'], id: 'budgetSignal' },
  'POST /api/budgets/signals/acknowledge': { allow: ['regio', 'gemeente'] },
  'POST /api/budgets/signals/:id/acknowledge': { allow: ['regio', 'gemeente'], id: 'budgetSignal' },
  'POST /api/budgets/signals/:id/close': { allow: ['regio', 'gemeente'], id: 'budgetSignal' },
  'GET /api/budgets/signal-settings': { allow: ['regio', 'gemeente', 'toezichthouder'] },
  'POST /api/budgets/signal-settings': { allow: ['regio'] },
  'POST /api/budgets/signals/refresh': { allow: ['regio'], empty: { regio: 200 } },

  'POST /api/clients': { allow: ['lokaal_team'] },
  'GET /api/clients/counts': { allow: ['regio', 'gemeente', 'lokaal_team', 'toezichthouder'], counts: ['clients'] },
  'POST /api/clients/search': { allow: ['lokaal_team', 'toezichthouder'] },
  'GET /api/clients/:id/file': { allow: ['lokaal_team', 'toezichthouder'], id: 'client', personal: ['lokaal_team', 'toezichthouder'] },
  'GET /api/clients/:id/gezag': { allow: ['lokaal_team', 'toezichthouder'], id: 'client', personal: ['lokaal_team', 'toezichthouder'] },
  // An empty body records that no one but the parents holds gezag: a valid change.
  'POST /api/clients/:id/gezag': { allow: ['lokaal_team'], id: 'client', empty: { lokaal_team: 200 } },

  'POST /api/toewijzingen/check': { allow: ['lokaal_team'] },
  'POST /api/toewijzingen': { allow: ['lokaal_team'] },
  'POST /api/toewijzingen/:id/change': { allow: ['lokaal_team'], id: 'toewijzing' },
  'POST /api/toewijzingen/clients/:id/pgb': { allow: ['lokaal_team'], id: 'client' },
  // No body to validate: the toewijzing awaits no approval, so the state refuses (409).
  'POST /api/toewijzingen/:id/approve-exception': { allow: ['lokaal_team'], id: 'toewijzing', empty: { lokaal_team: 409 } },
  'POST /api/toewijzingen/:id/refuse-exception': { allow: ['lokaal_team'], id: 'toewijzing', empty: { lokaal_team: 409 } },
  'GET /api/toewijzingen/totals': { allow: all, counts: ['active', 'clients'] },
  'GET /api/toewijzingen/signals': { allow: ['gemeente', 'lokaal_team', 'toezichthouder'] },

  'GET /api/requests': { allow: ['gemeente', 'lokaal_team', 'aanbieder', 'toezichthouder'], personal: ['lokaal_team', 'aanbieder', 'toezichthouder'] },
  'POST /api/requests/:id/approve': { allow: ['lokaal_team'], id: 'request' },
  'POST /api/requests/:id/approve-change': { allow: ['lokaal_team'], id: 'request' },
  // No body to validate: the demo's requests are all decided, so the state refuses (409).
  'POST /api/requests/:id/refuse': { allow: ['lokaal_team'], id: 'request', empty: { lokaal_team: 409 } },
  'POST /api/requests/:id/investigate': { allow: ['lokaal_team'], id: 'request', empty: { lokaal_team: 409 } },

  'GET /api/messages': { allow: ['gemeente', 'lokaal_team', 'aanbieder', 'toezichthouder'] },
  // A gemeente's own users may list messages, but not the XML of one that names a client (403).
  'GET /api/messages/:id/xml': { allow: ['gemeente', 'lokaal_team', 'aanbieder', 'toezichthouder'], id: 'message', ours: { gemeente: 403 }, personal: ['lokaal_team', 'aanbieder', 'toezichthouder'] },
  'POST /api/messages': { allow: ['gemeente', 'lokaal_team', 'aanbieder'] },
  // Our id is a 315 the provider sent itself, not one the gemeente sent it: the state refuses (409).
  'POST /api/messages/:id/fetched': { allow: ['aanbieder'], id: 'message', empty: { aanbieder: 409 } },

  'GET /api/declaraties': { allow: ['gemeente', 'aanbieder', 'toezichthouder'], csv: true },
  'GET /api/declaraties/realisation': { allow: ['regio', 'gemeente', 'aanbieder', 'toezichthouder'], csv: true },
  'GET /api/declaraties/taakgericht-payments': { allow: ['regio', 'gemeente', 'aanbieder', 'toezichthouder'], csv: true },
  'POST /api/declaraties/taakgericht-payments': { allow: ['regio', 'gemeente'] },
  'POST /api/declaraties/taakgericht-payments/import': { allow: ['regio', 'gemeente'] },
  'GET /api/declaraties/lawfulness-signals': { allow: ['gemeente', 'toezichthouder'], csv: true },
  'GET /api/declaraties/samples': { allow: ['gemeente', 'toezichthouder'], csv: true },
  'POST /api/declaraties/samples': { allow: ['gemeente', 'toezichthouder'] },
  'GET /api/declaraties/samples/:id/lines': { allow: ['gemeente', 'toezichthouder'], id: 'sample' },
  'POST /api/declaraties/sample-lines/:id/finding': { allow: ['gemeente'], id: 'sampleLine' },
  'GET /api/declaraties/:id': { allow: ['gemeente', 'aanbieder', 'toezichthouder'], id: 'declaratie' },
  'GET /api/declaraties/:id/lines': { allow: ['gemeente', 'aanbieder', 'toezichthouder'], id: 'declaratie', csv: true },

  'GET /api/kpis/definitions': { allow: all, regionWide: true },
  'GET /api/kpis': { allow: all, counts: ['n'] },
  'GET /api/bestedingsruimte': { allow: ['regio', 'gemeente', 'aanbieder', 'toezichthouder'] },
  'POST /api/bestedingsruimte': { allow: ['regio'] },
  // The body is validated before the id is looked up: any id will do for an empty body.
  'POST /api/bestedingsruimte/:id/melding': { allow: ['regio'], id: 'provider' },
  'POST /api/bestedingsruimte/meldingen/:id/overleg': { allow: ['regio'], id: 'provider' },
  'POST /api/bestedingsruimte/meldingen/:id/besluit': { allow: ['regio'], id: 'provider' },
  'GET /api/bestedingsruimte/clientenstops': { allow: ['regio', 'gemeente', 'aanbieder', 'toezichthouder'] },
  'POST /api/bestedingsruimte/clientenstops': { allow: ['regio'] },
  'POST /api/bestedingsruimte/clientenstops/:id/opheffen': { allow: ['regio'], id: 'provider' },
  'GET /api/bestedingsruimte/inzet': { allow: regionWideRoles, regionWide: true },
  'GET /api/targets': { allow: all, regionWide: true },
  'POST /api/targets': { allow: ['regio'] },
  // Withdrawing needs no reason: an empty body withdraws (the last change the table makes).
  'POST /api/targets/:id/withdraw': { allow: ['regio'], id: 'target', empty: { regio: 200 } },
  'POST /api/targets/signals': { allow: ['regio'], empty: { regio: 200 } },
  'POST /api/scenarios/compute': { allow: ['regio', 'gemeente', 'toezichthouder'] },
  'POST /api/scenarios': { allow: ['regio', 'gemeente'] },
  'GET /api/scenarios': { allow: ['regio', 'gemeente', 'toezichthouder'] },
  'GET /api/scenarios/:id': { allow: ['regio', 'gemeente', 'toezichthouder'], skip: 'no kept scenario in the demo; src/scenarios/scenario.routes.test.ts holds a gemeente to its own and refuses a provider' },
  'GET /api/scenarios/:id/export': { allow: ['regio', 'gemeente', 'toezichthouder'], skip: 'as GET /api/scenarios/:id' },
  'GET /api/scenarios/:id/pdf': { allow: ['regio', 'gemeente', 'toezichthouder'], skip: 'as GET /api/scenarios/:id' },
  'POST /api/scenarios/delete': { allow: ['regio', 'gemeente'] },

  'GET /api/accounts': { allow: ['regio', 'aanbieder', 'toezichthouder'] },
  'GET /api/account-holders': { allow: ['regio'] },
  'GET /api/accounts/:id': { allow: ['regio', 'aanbieder', 'toezichthouder'], id: 'provider' },
  'POST /api/accounts/:id/holders': { allow: ['regio'], id: 'provider' },
  'POST /api/accounts/:id/conversations': { allow: ['regio'], id: 'provider' },
  'GET /api/conversations/:id': { allow: ['regio', 'aanbieder', 'toezichthouder'], id: 'conversation' },
  'GET /api/accounts/:id/dossier': { allow: ['regio', 'aanbieder', 'toezichthouder'], id: 'provider', query: '?van=2025-01&tot=2025-12' },
  'GET /api/conversations/:id/agenda': { allow: ['regio', 'aanbieder', 'toezichthouder'], id: 'conversation' },
  'POST /api/conversations/:id/record': { allow: ['regio'], id: 'conversation' },
  'POST /api/agreements/:id/close': { allow: ['regio'], id: 'agreement' },
  'POST /api/agreements/:id/provider-done': { allow: ['aanbieder'], id: 'agreement' },

  'GET /api/outcomes/worklist': { allow: ['lokaal_team', 'aanbieder'] },
  'POST /api/outcomes': { allow: ['lokaal_team', 'aanbieder'] },
  'POST /api/outcomes/import': { allow: ['lokaal_team', 'aanbieder'] },

  'GET /api/termijnen/rules': { allow: all, regionWide: true },
  'GET /api/termijnen': { allow: all },
  'GET /api/termijnen/score': { allow: all, counts: ['termijnen'] },

  'GET /api/audit': { allow: ['regio', 'gemeente'], csv: true },
}

/** The API's routes as the app has them (`:id` for a path parameter). */
function appRoutes(): string[] {
  const app = createApp({ db: {} as never, config: { KOERS_SESSION_HOURS: 8, KOERS_COOKIE_SECURE: false } })
  return [...new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`))]
}

describe('the role × route table', () => {
  it('has an entry for every API route and a route for every entry', () => {
    expect(appRoutes().sort()).toEqual(Object.keys(routes).sort())
  })
})

function expectedStatus(entry: Entry, method: string, caller: Caller, which: 'ours' | 'theirs'): number {
  if (entry.allow === 'public') return 200
  if (caller === 'none') return 401
  if (!entry.allow.includes(caller)) return 403
  if (method !== 'GET') return entry.empty?.[caller] ?? 422
  if (which === 'ours') return entry.ours?.[caller] ?? 200
  if (regionWideRoles.includes(caller) || entry.theirs === 'visible') return 200
  return entry.theirs?.[caller] ?? 404
}

describe.each(engines)('every role on every route, on %s', (engine) => {
  let database: TestDatabase
  let f: AccessFixture
  /** The BSNs each caller may see where a route shows personal data. */
  let ownBsns: Map<Caller, Set<string>>
  const countsSeen = new Map<string, Set<string>>()

  beforeAll(async () => {
    const built = await demoDatabase(engine)
    database = built.database
    f = await accessFixture(database.db, built.demo)
    const db = database.db
    const ofGemeente = new Set((await db.selectFrom('client').where('gemeente_id', '=', f.ours.gemeenteId).select('bsn').execute()).map((r) => r.bsn))
    const ofProvider = new Set(
      (
        await db
          .selectFrom('toewijzing')
          .innerJoin('client', 'client.id', 'toewijzing.client_id')
          .where('toewijzing.provider_id', '=', f.ours.providerId)
          .select('client.bsn')
          .union(db.selectFrom('care_request').where('provider_id', '=', f.ours.providerId).select('bsn'))
          .execute()
      ).map((r) => r.bsn),
    )
    ownBsns = new Map<Caller, Set<string>>([
      ['regio', f.bsns],
      ['toezichthouder', f.bsns],
      ['gemeente', ofGemeente],
      ['lokaal_team', ofGemeente],
      ['aanbieder', ofProvider],
      ['none', new Set()],
    ])
  }, DEMO_BUILD_LIMIT)
  afterAll(() => database?.dispose())

  /** What no answer to `caller` on `entry` may hold; the failures, each named. */
  function leaks(entry: Entry, caller: Caller, body: string, json: unknown): string[] {
    const found: string[] = []
    const allowed = caller !== 'none' && entry.personal?.includes(caller) ? ownBsns.get(caller)! : new Set<string>()
    for (const bsn of f.bsns) if (body.includes(bsn) && !allowed.has(bsn)) found.push(`a BSN ${allowed.size > 0 ? 'outside the caller’s scope' : 'on a route without personal data'}`)
    if (!entry.regionWide) {
      if (caller === 'gemeente' || caller === 'lokaal_team') {
        if (body.includes(f.theirs.gemeenteName)) found.push(`the other gemeente's name (${f.theirs.gemeenteName})`)
        for (const [key, value] of fields(json)) if (/^gemeente_?[iI]d$/.test(key) && value === f.theirs.gemeenteId) found.push(`${key} of the other gemeente`)
      }
      if (caller === 'aanbieder') {
        if (body.includes(f.theirs.providerName) || body.includes(f.theirs.agbCode)) found.push(`the other provider (${f.theirs.providerName})`)
        for (const [key, value] of fields(json)) if (/^(provider|aanbieder)_?[iI]d$/.test(key) && value === f.theirs.providerId) found.push(`${key} of the other provider`)
      }
    }
    for (const [key, value] of fields(json)) {
      if (!entry.counts?.includes(key)) continue
      if (typeof value === 'number' && value >= 1 && value <= 4) found.push(`an unsuppressed count ${key}: ${value}`)
    }
    return [...new Set(found)]
  }

  const gets = Object.entries(routes).filter(([key, e]) => key.startsWith('GET ') && !e.skip)
  const changes = Object.entries(routes).filter(([key, e]) => !key.startsWith('GET ') && !e.skip)

  // Reads first: the changes below are refused or change nothing a read depends on.
  it.each(gets)('%s', async (key, entry) => {
    const [method, template] = key.split(' ') as [string, string]
    const failures: string[] = []
    for (const which of entry.id ? (['ours', 'theirs'] as const) : (['ours'] as const)) {
      const path = template.replace(':id', entry.id ? String(f.ids[entry.id][which]) : '') + (entry.query ?? '')
      for (const caller of callers) {
        for (const format of entry.csv ? ['json', 'csv'] : ['json']) {
          const url = format === 'csv' ? `${path}${path.includes('?') ? '&' : '?'}format=csv` : path
          const res = await f.request(caller, method, url)
          const body = await res.text()
          const expected = expectedStatus(entry, method, caller, which)
          if (res.status !== expected) failures.push(`${caller} on ${url}: ${res.status}, expected ${expected} ${res.status >= 400 ? body.slice(0, 160) : ''}`)
          if (res.status !== 200) continue
          const json = format === 'json' && res.headers.get('content-type')?.includes('json') ? (JSON.parse(body) as unknown) : undefined
          for (const leak of leaks(entry, caller, body, json)) failures.push(`${caller} on ${url}: ${leak}`)
          for (const [field] of fields(json)) if (entry.counts?.includes(field)) (countsSeen.get(key) ?? countsSeen.set(key, new Set()).get(key)!).add(field)
        }
      }
    }
    expect(failures).toEqual([])
    // A count check that never met its field would pass on anything.
    for (const field of entry.counts ?? []) expect(countsSeen.get(key)?.has(field), `${key}: no answer had the count field ${field}`).toBe(true)
  })

  it.each(changes)('%s', async (key, entry) => {
    const [method, template] = key.split(' ') as [string, string]
    const path = template.replace(':id', entry.id ? String(f.ids[entry.id].ours) : '')
    const failures: string[] = []
    for (const caller of callers) {
      const res = await f.request(caller, method, path, {})
      const expected = expectedStatus(entry, method, caller, 'ours')
      if (res.status !== expected) failures.push(`${caller}: ${res.status}, expected ${expected} ${(await res.text()).slice(0, 160)}`)
    }
    expect(failures).toEqual([])
  })
})

/** Every [key, value] pair in a JSON value, at any depth. */
function* fields(json: unknown): Generator<[string, unknown]> {
  if (Array.isArray(json)) for (const item of json) yield* fields(item)
  else if (json !== null && typeof json === 'object')
    for (const [key, value] of Object.entries(json)) {
      yield [key, value]
      yield* fields(value)
    }
}
