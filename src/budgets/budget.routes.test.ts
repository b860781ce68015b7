import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../http/app.ts'
import { toXlsx } from '../shared/export.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type ToegangScenario, toegangScenario } from '../test/toegang-scenario.ts'

const config = { KOERS_SESSION_HOURS: 8, KOERS_COOKIE_SECURE: false }
const origin = 'http://localhost'

describe.each(engines)('budgets over HTTP on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let app: ReturnType<typeof createApp>
  type Session = { cookie: string; csrf: string }
  const sessions: Record<string, Session> = {}

  async function login(role: 'gemeente' | 'regio' | 'aanbieder'): Promise<Session> {
    const scopes = { gemeente: { gemeenteId: s.zeist.id }, aanbieder: { providerId: s.providers[0]!.id }, regio: {} }
    const user = await newUser(database.db, s.region, role, scopes[role])
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify(user) })
    return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken }
  }
  const get = (who: string, path: string) => app.request(path, { headers: { cookie: sessions[who]!.cookie } })
  const post = (who: string, path: string, body: unknown) => app.request(path, { method: 'POST', headers: { cookie: sessions[who]!.cookie, origin, 'content-type': 'application/json', 'x-csrf-token': sessions[who]!.csrf }, body: JSON.stringify(body) })

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    app = createApp({ db: database.db, config })
    for (const role of ['gemeente', 'regio', 'aanbieder'] as const) sessions[role] = await login(role)
  })
  afterAll(() => database.dispose())

  it('imports gemeente budgets from an XLSX file, names a bad row, and exports the figures', async () => {
    const segment = await database.db.selectFrom('segment').select('code').where('id', '=', s.segmentId).executeTakeFirstOrThrow()
    const columns = ['gemeente', 'segment', 'jaar', 'bedrag', 'reden'].map((header, i) => ({ header, kind: typeof ['', '', 0, 0, ''][i] === 'number' ? ('number' as const) : ('text' as const), value: (r: (string | number)[]) => r[i] }))
    const xlsx = async (rows: (string | number)[][]) => Buffer.from(await toXlsx(columns, rows, 'Begroting')).toString('base64')
    const bad = await post('gemeente', '/api/budgetten/import', { bestandsnaam: 'begroting.xlsx', xlsxBase64: await xlsx([['Zeist', segment.code, 2026, 25_000.5, 'Begroting'], ['Bunnik', segment.code, 2026, 1000, 'Niet van ons']]) })
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/row 3: a gemeente sets its own budget only/)
    const ok = await post('gemeente', '/api/budgetten/import', { bestandsnaam: 'begroting.xlsx', xlsxBase64: await xlsx([['Zeist', segment.code, 2026, 25_000.5, 'Begroting']]) })
    expect(await ok.json()).toEqual({ rows: 1, changed: 1 })
    const rows = (await (await get('gemeente', '/api/budgetten/cijfers?jaar=2026')).json()) as { gemeente: string; budgetCents: number }[]
    expect(rows).toEqual([expect.objectContaining({ gemeente: 'Zeist', budgetCents: 25_000_50 })])
    const csv = await (await get('gemeente', '/api/budgetten/cijfers?jaar=2026&format=csv')).text()
    expect(csv).toContain('Zeist;')
    expect(csv).toContain('25000,50')
    const changes = await (await get('gemeente', '/api/budgetten/wijzigingen?jaar=2026&format=csv')).text()
    expect(changes).toContain('Begroting')
  })

  it('keeps the dashboard and the signals from providers, and the margin and recomputation to the region', async () => {
    expect((await get('regio', '/api/dashboard?jaar=2026')).status).toBe(200)
    expect((await get('gemeente', '/api/dashboard?jaar=2026')).status).toBe(200)
    expect((await get('aanbieder', '/api/dashboard?jaar=2026')).status).toBe(403)
    expect((await get('aanbieder', '/api/budgetsignalen')).status).toBe(403)
    expect((await post('gemeente', '/api/signaalinstelling', { margePct: 10 })).status).toBe(403)
    expect((await post('regio', '/api/signaalinstelling', { margePct: 101 })).status).toBe(422)
    expect(await (await post('regio', '/api/signaalinstelling', { margePct: 10 })).json()).toEqual({ margePct: 10 })
    expect((await post('gemeente', '/api/budgetsignalen/bijwerken', {})).status).toBe(403)
    expect((await post('regio', '/api/budgetsignalen/bijwerken', { jaar: 2026 })).status).toBe(200)
    // A provider budget is the region's to set.
    expect((await post('gemeente', '/api/budgetten/jaar', { soort: 'aanbieder', gemeenteId: s.zeist.id, providerId: s.providers[0]!.id, segmentId: s.segmentId, jaar: 2026, amountCents: 100, reden: 'x' })).status).toBe(403)
    expect((await post('regio', '/api/budgetten/jaar', { soort: 'aanbieder', gemeenteId: s.zeist.id, providerId: null, segmentId: s.segmentId, jaar: 2026, amountCents: 100, reden: 'x' })).status).toBe(422)
  })
})
