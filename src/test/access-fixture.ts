/**
 * The fixture of the role × route test (src/app/access.test.ts): on the tests' demo region, a user of each
 * role logged in, and for each kind of record one id in "our" scope (gemeente A and provider P)
 * and one in "their" scope (gemeente B and provider Q), so that a leak across scopes shows.
 */
import { sql } from 'kysely'
import type { Role } from '../auth/actor.ts'
import type { Database } from '../db/database.ts'
import { DEMO_PASSWORD, type DemoResult } from '../demo/build-demo.ts'
import { testConfig } from './http-sessions.ts'
import { createApp } from '../app/app.ts'

export type Caller = Role | 'none'
export const callers: readonly Caller[] = ['none', 'regio', 'gemeente', 'lokaal_team', 'aanbieder', 'toezichthouder']

/** The kinds of record a route's `{id}` names. */
export type IdKind = 'segment' | 'provider' | 'budgetSignal' | 'client' | 'toewijzing' | 'request' | 'declaratie' | 'sample' | 'sampleLine' | 'target' | 'message' | 'conversation' | 'agreement' | 'integriteitSignaal' | 'onderzoek'

export interface Scope {
  gemeenteId: number
  providerId: number
  gemeenteName: string
  providerName: string
  agbCode: string
}

export interface AccessFixture {
  ours: Scope
  theirs: Scope
  ids: Record<IdKind, { ours: number; theirs: number }>
  /** Every client's BSN in the database: none may appear where personal data is not allowed. */
  bsns: Set<string>
  request(caller: Caller, method: string, path: string, body?: unknown): Promise<Response>
}

const origin = 'http://localhost'

/** On a database holding the demo region (src/test/demo-database.ts). */
export async function accessFixture(db: Database, demo: DemoResult): Promise<AccessFixture> {
  // Provider P: of the demo providers with a login, the one that declared most; A the gemeente
  // it declared most to.
  const pairs = await sql<{ gemeente_id: number; provider_id: number; n: number }>`
    select gemeente_id, provider_id, count(*)::int as n from declaratie group by 1, 2 order by n desc, 1, 2`.execute(db)
  const providerUsers = await db.selectFrom('app_user').where('role', '=', 'aanbieder').select(['username', 'provider_id']).execute()
  const ourPair = pairs.rows.find((r) => providerUsers.some((u) => u.provider_id === r.provider_id))
  if (!ourPair) throw new Error('no demo provider with a login declared anything')
  const providerUser = providerUsers.find((u) => u.provider_id === ourPair.provider_id)!
  const theirPair = pairs.rows.find((r) => r.gemeente_id !== ourPair.gemeente_id && r.provider_id !== ourPair.provider_id)!
  const scope = async (gemeenteId: number, providerId: number): Promise<Scope> => {
    const g = await db.selectFrom('gemeente').where('id', '=', gemeenteId).select('name').executeTakeFirstOrThrow()
    const pr = await db.selectFrom('provider').where('id', '=', providerId).select(['name', 'agb_code']).executeTakeFirstOrThrow()
    return { gemeenteId, providerId, gemeenteName: g.name, providerName: pr.name, agbCode: pr.agb_code }
  }
  const ours = await scope(ourPair.gemeente_id, ourPair.provider_id)
  const theirs = await scope(theirPair.gemeente_id, theirPair.provider_id)

  // A lawfulness sample in each scope, drawn as the gemeente would (there are none in the demo).
  const pick = async (q: Promise<{ id: number } | undefined>, what: string) => {
    const row = await q
    if (!row) throw new Error(`the demo has no ${what} in this scope`)
    return row.id
  }
  const idPair = async (find: (s: Scope) => Promise<{ id: number } | undefined>, what: string) => ({ ours: await pick(find(ours), what), theirs: await pick(find(theirs), what) })
  const ids: AccessFixture['ids'] = {
    segment: await idPair(() => db.selectFrom('segment').select('id').orderBy('id').executeTakeFirst(), 'segment'),
    provider: await idPair((s) => Promise.resolve({ id: s.providerId }), 'provider'),
    budgetSignal: await idPair((s) => db.selectFrom('budget_signaal').where('gemeente_id', '=', s.gemeenteId).select('id').orderBy('id').executeTakeFirst(), 'budget signal'),
    client: await idPair((s) => db.selectFrom('client').where('gemeente_id', '=', s.gemeenteId).select('id').orderBy('id').executeTakeFirst(), 'client'),
    toewijzing: await idPair((s) => db.selectFrom('toewijzing').where('gemeente_id', '=', s.gemeenteId).where('provider_id', '=', s.providerId).select('id').orderBy('id').executeTakeFirst(), 'toewijzing'),
    request: await idPair((s) => db.selectFrom('care_request').where('gemeente_id', '=', s.gemeenteId).where('provider_id', '=', s.providerId).select('id').orderBy('id').executeTakeFirst(), 'request'),
    declaratie: await idPair((s) => db.selectFrom('declaratie').where('gemeente_id', '=', s.gemeenteId).where('provider_id', '=', s.providerId).select('id').orderBy('id').executeTakeFirst(), 'declaratie'),
    sample: { ours: 0, theirs: 0 },
    sampleLine: { ours: 0, theirs: 0 },
    target: await idPair(() => db.selectFrom('strategie_doel').select('id').orderBy('id').executeTakeFirst(), 'target'),
    conversation: { ours: 0, theirs: 0 },
    agreement: { ours: 0, theirs: 0 },
    integriteitSignaal: { ours: 0, theirs: 0 },
    onderzoek: { ours: 0, theirs: 0 },
    message: await idPair((s) => db.selectFrom('message').where('gemeente_id', '=', s.gemeenteId).where('provider_id', '=', s.providerId).where('code', 'in', ['315', '305']).select('id').orderBy('id').executeTakeFirst(), 'message'),
  }

  // An integrity signal and a lawfulness investigation about each scope's provider (issue 21), written directly.
  const regionId = (await db.selectFrom('provider').where('id', '=', ours.providerId).select('region_id').executeTakeFirstOrThrow()).region_id
  const integriteitSignaal = { ours: 0, theirs: 0 }
  const onderzoek = { ours: 0, theirs: 0 }
  for (const [key, s] of [['ours', ours], ['theirs', theirs]] as const) {
    const signaal = await db
      .insertInto('integriteit_signaal')
      .values({ region_id: regionId, soort: 'inhuur_hoog', provider_id: s.providerId, sleutel: 'toegang', titel: `${s.providerName}: toegangstest`, bewijs: '{}' })
      .onConflict((oc) => oc.constraint('integriteit_signaal_key').doUpdateSet({ titel: `${s.providerName}: toegangstest` }))
      .returning('id')
      .executeTakeFirstOrThrow()
    const o = await db
      .insertInto('rechtmatigheid_onderzoek')
      .values({ region_id: regionId, provider_id: s.providerId, titel: 'Toegangstest', aanleiding: 'signaal', signaal_id: signaal.id, vraag_aan_aanbieder: 'Lever de urenregistratie aan.', geopend_door_naam: 'toegangstest' })
      .returning('id')
      .executeTakeFirstOrThrow()
    integriteitSignaal[key] = signaal.id
    onderzoek[key] = o.id
  }
  ids.integriteitSignaal = integriteitSignaal
  ids.onderzoek = onderzoek

  const app = createApp({ db, config: testConfig })
  const sessions = new Map<Caller, { cookie: string; csrf: string }>()
  const username = async (role: Role) => {
    if (role === 'aanbieder') return providerUser.username
    if (role === 'gemeente' || role === 'lokaal_team') {
      const u = await db.selectFrom('app_user').where('role', '=', role).where('gemeente_id', '=', ours.gemeenteId).select('username').executeTakeFirstOrThrow()
      return u.username
    }
    return demo.users.find((u) => u.role === role)!.username
  }
  const login = async (name: string) => {
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ username: name, password: DEMO_PASSWORD }) })
    if (res.status !== 200) throw new Error(`login as ${name}: ${res.status}`)
    return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken }
  }
  for (const caller of callers) if (caller !== 'none') sessions.set(caller, await login(await username(caller)))

  // Samples: drawn by each gemeente user (the route is the way in), one line each looked up.
  for (const [key, s] of [['ours', ours], ['theirs', theirs]] as const) {
    const user = await db.selectFrom('app_user').where('role', '=', 'gemeente').where('gemeente_id', '=', s.gemeenteId).select('username').executeTakeFirstOrThrow()
    const session = await login(user.username)
    const month = (await db.selectFrom('declaratie').where('gemeente_id', '=', s.gemeenteId).select('periode_begin').orderBy('periode_begin', 'desc').executeTakeFirstOrThrow()).periode_begin.slice(0, 7)
    const drawn = await app.request('/api/declaraties/samples', { method: 'POST', headers: { cookie: session.cookie, origin, 'content-type': 'application/json', 'x-csrf-token': session.csrf }, body: JSON.stringify({ maandVan: month, maandTot: month, omvang: 2, seed: 'toegang' }) })
    if (drawn.status !== 201 && drawn.status !== 200) throw new Error(`drawing a sample for ${s.gemeenteName}: ${drawn.status} ${await drawn.text()}`)
    const sample = await db.selectFrom('steekproef').where('gemeente_id', '=', s.gemeenteId).select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
    const line = await db.selectFrom('steekproef_regel').where('steekproef_id', '=', sample.id).select('id').orderBy('id').executeTakeFirstOrThrow()
    ids.sample[key] = sample.id
    ids.sampleLine[key] = line.id
  }

  // An account conversation with an agreement for each provider (the demo's, or one made here).
  for (const [key, s] of [['ours', ours], ['theirs', theirs]] as const) {
    let conversation = await db.selectFrom('account_conversation').where('provider_id', '=', s.providerId).select('id').orderBy('id').executeTakeFirst()
    if (!conversation) {
      const regionId = (await db.selectFrom('provider').where('id', '=', s.providerId).select('region_id').executeTakeFirstOrThrow()).region_id
      conversation = await db.insertInto('account_conversation').values({ region_id: regionId, provider_id: s.providerId, planned_on: '2026-01-15', period_from: '2025-07-01', period_to: '2025-12-31', status: 'gehouden', held_on: '2026-01-15', present: 'Accounthouder' }).returning('id').executeTakeFirstOrThrow()
      await db.insertInto('agreement').values({ region_id: regionId, provider_id: s.providerId, conversation_id: conversation.id, what: 'Verbeterplan', party: 'aanbieder', due_on: '2026-03-01' }).execute()
    }
    const agreement = await db.selectFrom('agreement').where('conversation_id', '=', conversation.id).select('id').orderBy('id').executeTakeFirstOrThrow()
    ids.conversation[key] = conversation.id
    ids.agreement[key] = agreement.id
  }

  const bsns = new Set((await db.selectFrom('client').select('bsn').execute()).map((r) => r.bsn))

  return {
    ours,
    theirs,
    ids,
    bsns,
    async request(caller, method, path, body) {
      const s = caller === 'none' ? undefined : sessions.get(caller)
      const headers: Record<string, string> = { origin }
      if (s) headers.cookie = s.cookie
      if (method !== 'GET') {
        headers['content-type'] = 'application/json'
        if (s) headers['x-csrf-token'] = s.csrf
      }
      return app.request(path, { method, headers, ...(method !== 'GET' ? { body: JSON.stringify(body ?? {}) } : {}) })
    },
  }
}
