import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { refreshAllForecasts } from '../budgets/forecast.queries.ts'
import { withActor } from '../db/scope.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'

describe.each(engines)('bestedingsruimte over HTTP on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let http: HttpSessions

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    http = httpSessions(database.db)
    await http.login('regio', await newUser(database.db, s.region, 'regio'))
    await http.login('aanbieder', await newUser(database.db, s.region, 'aanbieder', { providerId: s.providers[0]!.id }))
    await http.login('ander', await newUser(database.db, s.region, 'aanbieder', { providerId: s.providers[1]!.id }))
    await http.login('gemeente', await newUser(database.db, s.region, 'gemeente', { gemeenteId: s.zeist.id }))
    // A verplichting of € 4.320 in 2026 for the first provider.
    await withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment: { ...assessment, perspective: 'stabiliteit' }, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-01-01', einddatum: '2026-12-31', omvang: { volume: 4, eenheid: '04', frequentie: '4' } }, { at: { date: '2025-12-15', time: '09:00:00' } }))
    await refreshAllForecasts(database.db, '2026-06-30', [s.region.regionId])
  })
  afterAll(() => database.dispose())

  it('lets the region set a room and send the notice, and shows the provider its own notice and stop, another provider nothing', async () => {
    const created = await http.post('regio', '/api/bestedingsruimte', { providerId: s.providers[0]!.id, segmentId: s.segmentId, jaar: 2026, bedragCents: 5_000_00, voornemenGemeldOp: '2025-06-01', besluitGemeldOp: '2025-09-01' })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: number }
    expect((await http.post('aanbieder', '/api/bestedingsruimte', { providerId: s.providers[0]!.id, jaar: 2026, bedragCents: 1 })).status).toBe(403)
    const sent = await http.post('regio', `/api/bestedingsruimte/${id}/melding`, { gemeldOp: '2026-11-02', overlegGeplandOp: '2026-11-10' })
    expect(sent.status).toBe(200)
    expect(await sent.json()).toMatchObject({ soort: 'zeventig_procent', overlegGeplandOp: '2026-11-10', klokken: { overlegUiterlijk: '2026-11-16', besluitUiterlijk: '2026-11-30' } })
    expect((await http.post('regio', '/api/bestedingsruimte/clientenstops', { providerId: s.providers[0]!.id, segmentId: s.segmentId, van: '2026-12-01', reden: 'Bestedingsruimte bijna bereikt' })).status).toBe(201)

    const own = (await (await http.get('aanbieder', '/api/bestedingsruimte?jaar=2026')).json()) as { id: number; melding: { brief: string } | null; stops: unknown[] }[]
    expect(own).toHaveLength(1)
    expect(own[0]!.melding!.brief).toContain('Aan: Aanbieder 1')
    expect(own[0]!.stops).toHaveLength(1)
    expect(await (await http.get('ander', '/api/bestedingsruimte?jaar=2026')).json()).toEqual([])
    expect(await (await http.get('ander', `/api/bestedingsruimte?providerId=${s.providers[0]!.id}`)).json()).toEqual([])
    expect(await (await http.get('ander', '/api/bestedingsruimte/clientenstops')).json()).toEqual([])
    expect((await http.get('gemeente', '/api/bestedingsruimte/clientenstops')).status).toBe(200)
    expect((await http.get('aanbieder', '/api/bestedingsruimte/inzet')).status).toBe(403)
  })

  it('answers the art. 1.6 list to the region', async () => {
    const res = await http.get('regio', '/api/bestedingsruimte/inzet?peildatum=2027-01-01&normPct=10')
    expect(res.status).toBe(200)
    expect(((await res.json()) as { aanbieder: string }[]).map((r) => r.aanbieder)).toEqual(['Aanbieder 1', 'Aanbieder 2'])
  })
})
