import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { setYearBudget } from '../budgets/budget.queries.ts'
import { addMonths, monthStart, today } from '../shared/dates.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type TestRegion, newRegion, newSegment, newUser } from '../test/factory.ts'
import { httpSessions } from '../test/http-sessions.ts'

const start = monthStart(addMonths(today(), 1))
const year = Number(today().slice(0, 4))

describe.each(engines)('scenarios over HTTP on %s', (engine) => {
  let database: TestDatabase
  let region: TestRegion
  let segmentId: number
  let http: ReturnType<typeof httpSessions>
  beforeAll(async () => {
    database = await freshDatabase(engine)
    region = await newRegion(database.db)
    segmentId = await newSegment(database.db, region)
    const regio = region.actor('regio')
    await withActor(database.db, regio, (trx) => setYearBudget(trx, regio, { soort: 'gemeente', gemeenteId: region.gemeenten[0]!.id, providerId: null, segmentId, jaar: year + 1, amountCents: 1_000_000_00, reden: 'Begroting' }))
    http = httpSessions(database.db)
    const [zeist, bunnik] = region.gemeenten
    const provider = await database.db.insertInto('provider').values({ region_id: region.regionId, agb_code: '41008888', kvk_number: '12345678', name: 'Aanbieder', legal_form: 'bv' }).returning('id').executeTakeFirstOrThrow()
    await http.login('regio', await newUser(database.db, region, 'regio'))
    await http.login('zeist', await newUser(database.db, region, 'gemeente', { gemeenteId: zeist!.id }))
    await http.login('bunnik', await newUser(database.db, region, 'gemeente', { gemeenteId: bunnik!.id }))
    await http.login('aanbieder', await newUser(database.db, region, 'aanbieder', { providerId: provider.id }))
  })
  afterAll(() => database.dispose())

  it('computes a scenario beside the baseline, keeps it with its inputs, and exports it as XLSX and as a PDF page', async () => {
    const spec = { segmentId, startdatum: start, jaren: 3, hefbomen: [{ soort: 'instroom', pct: -20 }, { soort: 'tariefindex', ovaPct: 2, ppcPct: 3 }] }
    const computed = await http.post('zeist', '/api/scenarios/compute', spec)
    expect(computed.status).toBe(200)
    const v = (await computed.json()) as { modelversie: string; baseline: { jaren: { jaar: number; budgetCents: number | null }[] }; scenario: { jaren: unknown[] } }
    expect(v.modelversie).toBe('stroommodel-2')
    expect(v.baseline.jaren.map((r) => r.jaar)).toEqual([year, year + 1, year + 2])
    expect(v.baseline.jaren[1]!.budgetCents).toBe(1_000_000_00)

    const saved = await http.post('zeist', '/api/scenarios', { ...spec, naam: 'Minder instroom 2027' })
    expect(saved.status).toBe(200)
    const { id } = (await saved.json()) as { id: number }
    const kept = (await (await http.get('zeist', `/api/scenarios/${id}`)).json()) as { gemeenteId: number; hefbomen: { soort: string }[]; aangemaaktDoor: string }
    expect(kept.gemeenteId).toBe(region.gemeenten[0]!.id)
    expect(kept.hefbomen.map((l) => l.soort)).toEqual(['instroom', 'tariefindex'])
    const xlsx = await http.get('zeist', `/api/scenarios/${id}/export`)
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK')
    const pdf = await http.get('regio', `/api/scenarios/${id}/pdf`)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')

    // Another gemeente does not see it, a provider may not ask; the region does.
    expect((await http.get('bunnik', `/api/scenarios/${id}`)).status).toBe(404)
    expect(((await (await http.get('bunnik', '/api/scenarios')).json()) as unknown[]).length).toBe(0)
    expect((await http.get('aanbieder', '/api/scenarios')).status).toBe(403)
    expect((await http.post('aanbieder', '/api/scenarios/compute', spec)).status).toBe(403)
    expect(((await (await http.get('regio', '/api/scenarios')).json()) as { id: number }[]).map((s) => s.id)).toContain(id)
    // A gemeente models its own gemeente only.
    expect((await http.post('zeist', '/api/scenarios/compute', { ...spec, gemeenteId: region.gemeenten[1]!.id })).status).toBe(403)
    expect((await http.post('bunnik', '/api/scenarios/delete', { id })).status).toBe(404)
    expect((await http.post('zeist', '/api/scenarios/delete', { id })).status).toBe(200)
  })

  it('keeps a region-wide scenario from the gemeenten, and refuses a start before the projected months and a lever twice', async () => {
    const saved = await http.post('regio', '/api/scenarios', { segmentId, startdatum: start, hefbomen: [], naam: 'Basislijn regio' })
    const { id } = (await saved.json()) as { id: number }
    expect((await http.get('zeist', `/api/scenarios/${id}`)).status).toBe(404)
    const past = await http.post('regio', '/api/scenarios/compute', { segmentId, startdatum: `${year - 1}-01-01`, hefbomen: [] })
    expect(past.status).toBe(422)
    expect(((await past.json()) as { error: { reason: string } }).error.reason).toBe('scenario.start_in_past')
    expect((await http.post('regio', '/api/scenarios/compute', { segmentId, startdatum: start, hefbomen: [{ soort: 'instroom', pct: -10 }, { soort: 'instroom', pct: 5 }] })).status).toBe(422)
  })
})
