import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { toXlsx } from '../shared/export.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { type ToegangScenario, toegangScenario } from '../test/toegang-scenario.ts'
import { providerBudgetProposals } from './budget-proposal.queries.ts'
import { taakveldTotals } from './taakveld.queries.ts'


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
  it('keeps every gemeente’s budgets from a provider: not in the proposal, not per taakveld, not in a query that forgets its scope', async () => {
    const [zeist, bunnik] = s.region.gemeenten
    const [own, other] = s.providers
    const year = (body: object) => post('regio', '/api/budgets/year', { segmentId: s.segmentId, jaar: 2028, reden: 'Test', ...body })
    for (const [g, cents] of [[zeist!, 1_000_00], [bunnik!, 2_000_00]] as const) expect((await year({ soort: 'gemeente', gemeenteId: g.id, amountCents: cents })).status).toBe(200)
    for (const [p, cents] of [[own!, 300_00], [other!, 400_00]] as const) expect((await year({ soort: 'aanbieder', gemeenteId: zeist!.id, providerId: p.id, amountCents: cents })).status).toBe(200)

    // At the boundary: the proposal and the taakvelden are built from gemeente budgets.
    for (const path of ['/api/budgets/proposal?year=2029', '/api/budgets/taakvelden?year=2028']) {
      const res = await get('aanbieder', path)
      expect(res.status, path).toBe(403)
      expect(((await res.json()) as { error: { reason: string } }).error.reason).toBe('role.not_permitted')
    }
    expect((await get('gemeente', '/api/budgets/taakvelden?year=2028')).status).toBe(200)
    // The overview: its own provider budget and the regional totals, as before; no gemeente's budget.
    const overview = (await (await get('aanbieder', '/api/budgets?year=2028')).json()) as { gemeenteBudgets: unknown[]; regionalTotals: { amountCents: number }[]; providerBudgets: { providerId: number }[] }
    expect(overview.gemeenteBudgets).toEqual([])
    expect(overview.providerBudgets.map((b) => b.providerId)).toEqual([own!.id])
    expect(overview.regionalTotals).toEqual([{ segmentId: s.segmentId, amountCents: 3_000_00 }])

    // In the query layer, called as a provider all the same.
    const provider = s.region.actor('aanbieder', { providerId: own!.id })
    await withActor(database.db, provider, async (trx) => {
      expect(await providerBudgetProposals(trx, provider, { jaar: 2029 })).toEqual([])
      expect((await taakveldTotals(trx, provider, 2028)).map((r) => r.budgetCents).filter((c) => c !== 0)).toEqual([])
    })
    // And by row-level security, for a query that forgets its scope.
    const rows = (actor: ReturnType<typeof s.region.actor>) =>
      withActor(database.db, actor, async (trx) => ({
        gemeente: (await trx.selectFrom('budget_gemeente').select('gemeente_id').where('valid_from', '>=', '2028-01-01').orderBy('gemeente_id').execute()).map((r) => r.gemeente_id),
        provider: (await trx.selectFrom('budget_provider').select('provider_id').where('valid_from', '>=', '2028-01-01').orderBy('provider_id').execute()).map((r) => r.provider_id),
      }))
    expect(await rows(provider)).toEqual({ gemeente: [], provider: [own!.id] })
    expect(await rows(s.region.actor('gemeente', { gemeenteId: bunnik!.id }))).toEqual({ gemeente: [bunnik!.id], provider: [] })
    expect(await rows(s.region.actor('regio'))).toEqual({ gemeente: [zeist!.id, bunnik!.id].sort((a, b) => a - b), provider: [own!.id, other!.id].sort((a, b) => a - b) })
  })
})
