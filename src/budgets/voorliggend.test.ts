import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { groupOf, loadKpiFacts } from '../kpis/kpi.queries.ts'
import { kpiValue } from '../kpis/kpi.rules.ts'
import { csvRows } from '../shared/spreadsheet.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type TestRegion, newRegion, newSegment, newUser } from '../test/factory.ts'
import { httpSessions } from '../test/http-sessions.ts'
import { setYearBudget } from './budget.queries.ts'
import { importVoorliggendLines } from './voorliggend-import.ts'
import { budgetYears, listVoorliggendLines, setVoorliggendLine, voorliggendShares } from './voorliggend.queries.ts'
import { voorliggendShare, voorliggendShareOver } from './voorliggend.rules.ts'

describe('the voorliggend veld share (pure)', () => {
  it('is voorliggend / (voorliggend + maatwerk), to one decimal, and null without a maatwerk budget', () => {
    expect(voorliggendShare(1_000_000_00, 9_000_000_00)).toBe(10)
    expect(voorliggendShare(1_00, 2_00)).toBe(33.3)
    expect(voorliggendShare(0, 0)).toBeNull()
    expect(voorliggendShare(12_345, 0)).toBeNull()
  })

  it('weighs each year by its months in the period and counts the voorliggend lines of the wetten of the maatwerk budgets only', () => {
    const rows = [
      { gemeenteId: 1, segmentId: 10, wet: 'jeugdwet' as const, jaar: 2027, cents: 9_000_00 },
      { gemeenteId: 1, segmentId: null, wet: 'jeugdwet' as const, jaar: 2027, cents: 1_000_00 },
      { gemeenteId: 1, segmentId: null, wet: 'wmo' as const, jaar: 2027, cents: 5_000_00 },
      { gemeenteId: 1, segmentId: 10, wet: 'jeugdwet' as const, jaar: 2028, cents: 6_000_00 },
      { gemeenteId: 1, segmentId: null, wet: 'jeugdwet' as const, jaar: 2028, cents: 4_000_00 },
    ]
    expect(voorliggendShareOver(rows, (j) => (j === 2027 ? 12 : 0))).toEqual({ waarde: 10, voorliggendCents: 1_000_00, maatwerkCents: 9_000_00 })
    // July 2027 – June 2028: half of each year. V = 500 + 2,000 = 2,500; M = 4,500 + 3,000 = 7,500; 25 %.
    expect(voorliggendShareOver(rows, () => 6)).toEqual({ waarde: 25, voorliggendCents: 2_500_00, maatwerkCents: 7_500_00 })
  })
})

describe.each(engines)('the voorliggend veld in the budget on %s', (engine) => {
  let database: TestDatabase
  let region: TestRegion
  let jeugd: number
  let wmo: number
  beforeAll(async () => {
    database = await freshDatabase(engine)
    region = await newRegion(database.db)
    jeugd = await newSegment(database.db, region, { wet: 'jeugdwet' })
    wmo = await newSegment(database.db, region, { wet: 'wmo' })
    const [zeist, bunnik] = region.gemeenten
    const regio = region.actor('regio')
    await withActor(database.db, regio, async (trx) => {
      for (const [g, segmentId, cents] of [[zeist!, jeugd, 9_000_000_00], [zeist!, wmo, 3_000_000_00], [bunnik!, jeugd, 2_000_000_00]] as const) {
        await setYearBudget(trx, regio, { soort: 'gemeente', gemeenteId: g.id, providerId: null, segmentId, jaar: 2027, amountCents: cents, reden: 'Begroting' })
      }
    })
  })
  afterAll(() => database.dispose())

  it('keeps a line per gemeente, year, wet, kind and organisation, with the realisation entered or imported, and gives the share in hand-computed cents', async () => {
    const [zeist, bunnik] = region.gemeenten
    const gemeente = region.actor('gemeente', { gemeenteId: zeist!.id })
    await withActor(database.db, gemeente, async (trx) => {
      expect((await setVoorliggendLine(trx, gemeente, { gemeenteId: zeist!.id, jaar: 2027, wet: 'jeugdwet', soort: 'collectieve_voorziening', organisatie: 'CJG Zeist', budgetCents: 600_000_00 })).nieuw).toBe(true)
      // The same key again changes the line.
      expect((await setVoorliggendLine(trx, gemeente, { gemeenteId: zeist!.id, jaar: 2027, wet: 'jeugdwet', soort: 'collectieve_voorziening', organisatie: 'CJG Zeist', budgetCents: 700_000_00, realisatieCents: 350_000_12 })).nieuw).toBe(false)
      const csv = ['gemeente;jaar;wet;soort;organisatie;budget;realisatie', '0355;2027;jeugdwet;groepsaanbod;Welzijn Zeist;300.000,00;', 'Zeist;2027;wmo;Subsidie;Buurtteam Zeist;1.000.000,50;250.000,00'].join('\n')
      expect(await importVoorliggendLines(trx, gemeente, csvRows(csv))).toEqual({ rows: 2, nieuw: 2 })
    })
    const regio = region.actor('regio')
    await withActor(database.db, regio, (trx) => setVoorliggendLine(trx, regio, { gemeenteId: bunnik!.id, jaar: 2027, wet: 'jeugdwet', soort: 'taakgericht', organisatie: 'Welzijn Bunnik', budgetCents: 500_000_00 }))

    const shares = await withActor(database.db, regio, (trx) => voorliggendShares(trx, regio, 2027))
    // Zeist Jeugd: 700,000 + 300,000 = 1,000,000 beside 9,000,000: 10 %. Zeist Wmo: 1,000,000.50 beside 3,000,000: 25.0 %.
    // Bunnik Jeugd: 500,000 beside 2,000,000: 20 %.
    expect(shares).toEqual([
      { gemeenteId: zeist!.id, wet: 'jeugdwet', voorliggendCents: 1_000_000_00, maatwerkCents: 9_000_000_00, aandeelPct: 10 },
      { gemeenteId: zeist!.id, wet: 'wmo', voorliggendCents: 1_000_000_50, maatwerkCents: 3_000_000_00, aandeelPct: 25 },
      { gemeenteId: bunnik!.id, wet: 'jeugdwet', voorliggendCents: 500_000_00, maatwerkCents: 2_000_000_00, aandeelPct: 20 },
    ].sort((a, b) => a.gemeenteId - b.gemeenteId || a.wet.localeCompare(b.wet)))
    const lines = await withActor(database.db, gemeente, (trx) => listVoorliggendLines(trx, gemeente, 2027))
    expect(lines.map((l) => [l.organisatie, l.budgetCents, l.realisatieCents, l.realisatieBron])).toEqual([
      ['CJG Zeist', 700_000_00, 350_000_12, 'invoer'],
      ['Welzijn Zeist', 300_000_00, null, null],
      ['Buurtteam Zeist', 1_000_000_50, 250_000_00, 'import'],
    ])

    // The KPI over the Jeugd segment, all gemeenten, 2027: (1,000,000 + 500,000) / (1,500,000 + 11,000,000) = 12.0 %.
    const facts = await withActor(database.db, regio, (trx) => loadKpiFacts(trx, regio, '2027-12-31', '2027-01-01'))
    const year = { from: '2027-01-01', to: '2027-12-31' }
    expect(kpiValue('aandeel_voorliggend', groupOf(facts, { segmentIds: new Set([jeugd]) }), year, '2027-12-31').waarde).toBe(12)
    expect(kpiValue('aandeel_voorliggend', groupOf(facts, { segmentIds: new Set([jeugd]), gemeenteId: bunnik!.id }), year, '2027-12-31').waarde).toBe(20)
    // Both wetten of Zeist: 2,000,000.50 / 14,000,000.50 = 14.3 %.
    expect(kpiValue('aandeel_voorliggend', groupOf(facts, { gemeenteId: zeist!.id }), year, '2027-12-31').waarde).toBe(14.3)
  })

  it('lets a gemeente read and write its own lines only, the supervisor read, and a provider nothing — by row-level security too', async () => {
    const [zeist, bunnik] = region.gemeenten
    const gemeente = region.actor('gemeente', { gemeenteId: zeist!.id })
    await expect(withActor(database.db, gemeente, (trx) => setVoorliggendLine(trx, gemeente, { gemeenteId: bunnik!.id, jaar: 2027, wet: 'wmo', soort: 'subsidie', organisatie: 'X', budgetCents: 1 }))).rejects.toMatchObject({ reason: 'budget.other_gemeente' })
    const raw = (actor: ReturnType<typeof region.actor>) => withActor(database.db, actor, async (trx) => (await trx.selectFrom('voorliggend_budget').select('gemeente_id').distinct().orderBy('gemeente_id').execute()).map((r) => r.gemeente_id))
    expect(await raw(gemeente)).toEqual([zeist!.id])
    expect(await raw(region.actor('aanbieder', { providerId: 1 }))).toEqual([])
    expect(await raw(region.actor('toezichthouder'))).toHaveLength(2)
    await expect(withActor(database.db, gemeente, (trx) => trx.insertInto('voorliggend_budget').values({ region_id: region.regionId, gemeente_id: bunnik!.id, jaar: 2027, wet: 'wmo', soort: 'subsidie', organisatie: 'Indringer', budget_cents: 1 }).execute())).rejects.toThrow(/row-level security/)
    await expect(withActor(database.db, region.actor('toezichthouder'), (trx) => trx.insertInto('voorliggend_budget').values({ region_id: region.regionId, gemeente_id: bunnik!.id, jaar: 2027, wet: 'wmo', soort: 'subsidie', organisatie: 'Toezicht', budget_cents: 1 }).execute())).rejects.toThrow(/row-level security/)
    const provider = region.actor('aanbieder', { providerId: 1 })
    expect(await withActor(database.db, provider, (trx) => budgetYears(trx, provider, 2027, 2027))).toEqual([])
  })

  it('answers over HTTP: the region enters, a gemeente reads its own, a provider is refused, an import names its bad row', async () => {
    const [zeist] = region.gemeenten
    const { login, get, post } = httpSessions(database.db)
    await login('regio', await newUser(database.db, region, 'regio'))
    await login('gemeente', await newUser(database.db, region, 'gemeente', { gemeenteId: zeist!.id }))
    const provider = await database.db.insertInto('provider').values({ region_id: region.regionId, agb_code: '41009999', kvk_number: '12345678', name: 'Aanbieder', legal_form: 'bv' }).returning('id').executeTakeFirstOrThrow()
    await login('aanbieder', await newUser(database.db, region, 'aanbieder', { providerId: provider.id }))
    const set = await post('regio', '/api/budgets/voorliggend', { gemeenteId: zeist!.id, jaar: 2028, wet: 'wmo', soort: 'groepsaanbod', organisatie: 'Inloop Zeist', budgetCents: 12_345 })
    expect(set.status).toBe(200)
    const { id } = (await set.json()) as { id: number }
    const own = (await (await get('gemeente', '/api/budgets/voorliggend?year=2028')).json()) as { regels: { organisatie: string }[]; aandelen: { aandeelPct: number | null }[] }
    expect(own.regels.map((r) => r.organisatie)).toEqual(['Inloop Zeist'])
    // No Wmo maatwerk budget in 2028: no share (ADR 0043), not 100 %.
    expect(own.aandelen).toEqual([{ gemeenteId: zeist!.id, wet: 'wmo', voorliggendCents: 12_345, maatwerkCents: 0, aandeelPct: null }])
    expect((await get('aanbieder', '/api/budgets/voorliggend?year=2028')).status).toBe(403)
    const csv = await (await get('gemeente', '/api/budgets/voorliggend/lines?year=2028&format=csv')).text()
    expect(csv).toContain('Inloop Zeist')
    expect(csv).toContain('123,45')
    const bad = await post('gemeente', '/api/budgets/voorliggend/import', { bestandsnaam: 'v.csv', csv: 'gemeente;jaar;wet;soort;organisatie;budget\n0355;2028;wmo;kermis;X;10' })
    expect(bad.status).toBe(422)
    expect(((await bad.json()) as { error: { details: { path: string }[] } }).error.details[0]!.path).toBe('row 2/soort')
    expect((await post('gemeente', '/api/budgets/voorliggend/delete', { id })).status).toBe(200)
    expect((await post('gemeente', '/api/budgets/voorliggend/delete', { id })).status).toBe(404)
  })
})
