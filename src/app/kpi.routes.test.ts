import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { toXlsx } from '../shared/export.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'

type Role = 'gemeente' | 'regio' | 'aanbieder' | 'aanbieder2' | 'lokaal_team'

describe.each(engines)('KPIs, targets and outcomes over HTTP on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let http: HttpSessions
  let nummer: number
  const get = (who: Role, path: string) => http.get(who, path)
  const post = (who: Role, path: string, body: unknown) => http.post(who, path, body)
  const refusal = async (res: Response) => ((await res.json()) as { error: unknown }).error

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    http = httpSessions(database.db)
    const scopes = { gemeente: { gemeenteId: s.zeist.id }, lokaal_team: { gemeenteId: s.zeist.id }, aanbieder: { providerId: s.providers[0]!.id }, aanbieder2: { providerId: s.providers[1]!.id }, regio: {} }
    for (const role of ['gemeente', 'regio', 'aanbieder', 'aanbieder2', 'lokaal_team'] as const) await http.login(role, await newUser(database.db, s.region, role === 'aanbieder2' ? 'aanbieder' : role, scopes[role]))
    nummer = (await withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment: { ...assessment, perspective: 'stabiliteit' }, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-01-01', einddatum: '2026-03-31', omvang: { volume: 4, eenheid: '04', frequentie: '4' } }, { at: { date: '2025-12-15', time: '09:00:00' } }))).toewijzingNummer
  })
  afterAll(() => database.dispose())

  it('answers KPIs in the asker’s scope, refuses a bad grouping or period by name, and exports them', async () => {
    const definitions = (await (await get('aanbieder', '/api/kpis/definitions')).json()) as { code: string; doc: string }[]
    expect(definitions.map((d) => d.code)).toContain('heraanmelding')
    expect(definitions.every((d) => d.doc.length > 20)).toBe(true)
    const bad = await get('regio', '/api/kpis?group=segment,client')
    expect(bad.status).toBe(422)
    expect(await refusal(bad)).toMatchObject({ reason: 'input.invalid' })
    expect((await get('regio', '/api/kpis?from=2026-13-01')).status).toBe(422)
    const rows = (await (await get('regio', '/api/kpis?group=provider&from=2026-01-01&to=2026-06-30')).json()) as { aanbieder: string; waarden: Record<string, { waarde: number | null; onderdrukt: boolean }> }[]
    expect(rows).toEqual([expect.objectContaining({ aanbieder: 'Aanbieder 1' })])
    // One client: every count is hidden, the money is not about a person.
    expect(rows[0]!.waarden.in_zorg).toEqual({ waarde: null, n: null, onderdrukt: true })
    expect(rows[0]!.waarden.verplichting!.waarde).toBeGreaterThan(0)
    expect(await (await get('aanbieder2', '/api/kpis?group=provider&from=2026-01-01&to=2026-06-30')).json()).toEqual([])
    const csv = await (await get('regio', '/api/kpis?group=provider&from=2026-01-01&to=2026-06-30&format=csv')).text()
    expect(csv.split('\n')[0]).toContain('Cliënten in zorg')
    expect(csv).not.toContain(s.bsn)
  })

  it('lets the region set targets, measures them for the region, and shows providers the targets only', async () => {
    const target = { segmentId: s.segmentId, kpi: 'verplichting', naam: 'Minder verwacht gebruik', basisVan: '2026-01-01', basisTot: '2026-03-31', basisWaarde: 1_000_00, doelRelatiefPct: -20, doelDatum: '2030-12-31', richting: 'omlaag' }
    expect((await post('gemeente', '/api/targets', target)).status).toBe(403)
    const both = await post('regio', '/api/targets', { ...target, doelWaarde: 5 })
    expect(both.status).toBe(422)
    expect(await refusal(both)).toMatchObject({ reason: 'input.invalid', details: [{ path: 'doelWaarde' }] })
    const created = await post('regio', '/api/targets', target)
    expect(created.status).toBe(200)
    expect(await created.json()).toMatchObject({ basisWaarde: 1_000_00, doelWaarde: 800_00 })
    // The only toewijzing ended in March: since then the expected use is nothing, under the path.
    const forRegion = (await (await get('gemeente', '/api/targets')).json()) as { voortgang?: { status: string; laatste: { waarde: number } } }[]
    expect(forRegion[0]!.voortgang).toMatchObject({ status: 'op_koers', laatste: { waarde: 0 } })
    const forProvider = (await (await get('aanbieder', '/api/targets')).json()) as { voortgang?: unknown }[]
    expect(forProvider).toHaveLength(1)
    expect(forProvider[0]!.voortgang).toBeUndefined()
    const page = (await (await get('aanbieder', `/api/segments/${s.segmentId}/overview?from=2026-01-01&to=2026-06-30`)).json()) as { doelen: { voortgang?: unknown }[]; segment: { name: string } }
    expect(page.doelen[0]!.voortgang).toBeUndefined()
    const regional = (await (await get('regio', `/api/segments/${s.segmentId}/overview?from=2026-01-01&to=2026-06-30`)).json()) as { doelen: { voortgang?: { punten: unknown[] } }[] }
    expect(regional.doelen[0]!.voortgang!.punten.length).toBeGreaterThan(1)
    expect((await get('regio', '/api/segments/999999/overview')).status).toBe(404)
  })

  it('gives a provider its own scorecard and no other', async () => {
    expect((await get('aanbieder', `/api/providers/${s.providers[0]!.id}/scorecard?from=2026-01-01&to=2026-06-30`)).status).toBe(200)
    expect((await get('aanbieder', `/api/providers/${s.providers[1]!.id}/scorecard`)).status).toBe(403)
    const card = (await (await get('regio', `/api/providers/${s.providers[0]!.id}/scorecard?from=2026-01-01&to=2026-06-30`)).json()) as { segmenten: { segmentWaarden: unknown }[] }
    expect(card.segmenten[0]!.segmentWaarden).not.toBeNull()
  })

  it('takes outcome measurements from the lokaal team and the provider only, and imports them all or none', async () => {
    expect((await get('regio', '/api/outcomes/worklist')).status).toBe(403)
    const list = await get('aanbieder', '/api/outcomes/worklist')
    const text = await list.text()
    expect(text).not.toContain(s.bsn)
    expect(JSON.parse(text)).toEqual({ total: 1, limit: 50, offset: 0, items: [expect.objectContaining({ toewijzingNummer: nummer, due: ['T1', 'T2'] })] })
    const t2 = { toewijzingId: (JSON.parse(text) as { items: { toewijzingId: number }[] }).items[0]!.toewijzingId, moment: 'T2', gemetenOp: '2026-04-02', doelen: [{ doel: 0, resultaat: 'deels' }], tevredenheid: 4 }
    expect((await post('gemeente', '/api/outcomes', t2)).status).toBe(403)
    expect((await post('aanbieder2', '/api/outcomes', t2)).status).toBe(404)
    expect((await post('aanbieder', '/api/outcomes', { ...t2, tevredenheid: 6 })).status).toBe(422)
    expect(await (await post('aanbieder', '/api/outcomes', t2)).json()).toMatchObject({ created: true })
    const columns = ['gemeente', 'wet', 'toewijzingnummer', 'moment', 'datum', 'zelfredzaamheid'].map((header, i) => ({ header, value: (r: string[]) => r[i] }))
    const xlsx = async (rows: string[][]) => Buffer.from(await toXlsx(columns, rows, 'Metingen')).toString('base64')
    const bad = await post('lokaal_team', '/api/outcomes/import', { bestandsnaam: 'metingen.xlsx', xlsxBase64: await xlsx([['0355', 'jeugdwet', String(nummer), 'T1', '2026-01-05', 'ontwikkeling=2'], ['0355', 'jeugdwet', String(nummer), 'T3', '2026-10-01', 'ontwikkeling=9']]) })
    expect(bad.status).toBe(422)
    expect(await refusal(bad)).toMatchObject({ reason: 'import.row_invalid', details: [{ path: expect.stringMatching(/^row 3\//) }] })
    const ok = await post('lokaal_team', '/api/outcomes/import', { bestandsnaam: 'metingen.xlsx', xlsxBase64: await xlsx([['0355', 'jeugdwet', String(nummer), 'T1', '2026-01-05', 'ontwikkeling=2']]) })
    expect(await ok.json()).toEqual({ rows: 1, created: 1, corrected: 0 })
    const after = ((await (await get('lokaal_team', '/api/outcomes/worklist?show=alle')).json()) as { items: { recorded: { moment: string; bron: string }[] }[] }).items
    expect(after[0]!.recorded.map((r) => `${r.moment} ${r.bron}`)).toEqual(['T1 lokaal_team', 'T2 aanbieder'])
  })
})
