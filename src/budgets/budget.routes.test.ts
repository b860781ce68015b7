import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toXlsx } from '../shared/export.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { type ToegangScenario, toegangScenario } from '../test/toegang-scenario.ts'


describe.each(engines)('budgets over HTTP on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let http: HttpSessions
  const get = (who: string, path: string) => http.get(who, path)
  const post = (who: string, path: string, body: unknown) => http.post(who, path, body)

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    http = httpSessions(database.db)
    const scopes = { gemeente: { gemeenteId: s.zeist.id }, aanbieder: { providerId: s.providers[0]!.id }, regio: {} }
    for (const role of ['gemeente', 'regio', 'aanbieder'] as const) await http.login(role, await newUser(database.db, s.region, role, scopes[role]))
  })
  afterAll(() => database.dispose())

  it('imports gemeente budgets from an XLSX file, names a bad row, and exports the figures', async () => {
    const segment = await database.db.selectFrom('segment').select('code').where('id', '=', s.segmentId).executeTakeFirstOrThrow()
    const columns = ['gemeente', 'segment', 'jaar', 'bedrag', 'reden'].map((header, i) => ({ header, kind: typeof ['', '', 0, 0, ''][i] === 'number' ? ('number' as const) : ('text' as const), value: (r: (string | number)[]) => r[i] }))
    const xlsx = async (rows: (string | number)[][]) => Buffer.from(await toXlsx(columns, rows, 'Begroting')).toString('base64')
    const bad = await post('gemeente', '/api/budgets/import', { bestandsnaam: 'begroting.xlsx', xlsxBase64: await xlsx([['Zeist', segment.code, 2026, 25_000.5, 'Begroting'], ['Bunnik', segment.code, 2026, 1000, 'Niet van ons']]) })
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as { error: unknown }).error).toMatchObject({ reason: 'import.row_invalid', details: [{ path: 'row 3/row' }] })
    const ok = await post('gemeente', '/api/budgets/import', { bestandsnaam: 'begroting.xlsx', xlsxBase64: await xlsx([['Zeist', segment.code, 2026, 25_000.5, 'Begroting']]) })
    expect(await ok.json()).toEqual({ rows: 1, changed: 1 })
    const rows = (await (await get('gemeente', '/api/budgets/figures?year=2026')).json()) as { gemeente: string; budgetCents: number }[]
    expect(rows).toEqual([expect.objectContaining({ gemeente: 'Zeist', budgetCents: 25_000_50 })])
    const csv = await (await get('gemeente', '/api/budgets/figures?year=2026&format=csv')).text()
    expect(csv).toContain('Zeist;')
    expect(csv).toContain('25000,50')
    const changes = await (await get('gemeente', '/api/budgets/changes?year=2026&format=csv')).text()
    expect(changes).toContain('Begroting')
  })

  it('keeps the dashboard and the signals from providers, and the margin and recomputation to the region', async () => {
    expect((await get('regio', '/api/budgets/dashboard?year=2026')).status).toBe(200)
    expect((await get('gemeente', '/api/budgets/dashboard?year=2026')).status).toBe(200)
    expect((await get('aanbieder', '/api/budgets/dashboard?year=2026')).status).toBe(403)
    expect((await get('aanbieder', '/api/budgets/signals')).status).toBe(403)
    expect((await post('gemeente', '/api/budgets/signal-settings', { margePct: 10 })).status).toBe(403)
    expect((await post('regio', '/api/budgets/signal-settings', { margePct: 101 })).status).toBe(422)
    expect(await (await post('regio', '/api/budgets/signal-settings', { margePct: 10 })).json()).toEqual({ margePct: 10 })
    expect((await post('gemeente', '/api/budgets/signals/refresh', {})).status).toBe(403)
    expect((await post('regio', '/api/budgets/signals/refresh', { jaar: 2026 })).status).toBe(200)
    // A provider budget is the region's to set.
    expect((await post('gemeente', '/api/budgets/year', { soort: 'aanbieder', gemeenteId: s.zeist.id, providerId: s.providers[0]!.id, segmentId: s.segmentId, jaar: 2026, amountCents: 100, reden: 'x' })).status).toBe(403)
    expect((await post('regio', '/api/budgets/year', { soort: 'aanbieder', gemeenteId: s.zeist.id, providerId: null, segmentId: s.segmentId, jaar: 2026, amountCents: 100, reden: 'x' })).status).toBe(422)
  })
})
