import { CompiledQuery, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../auth/actor.ts'
import { withActor } from '../db/scope.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { recording } from '../test/recording.ts'
import { moneyMonths } from './traject.queries.ts'

describe.each(engines)("a segment's money months on %s", (engine) => {
  let database: TestDatabase
  let regionId: number
  beforeAll(async () => {
    database = await freshDatabase(engine)
    // A region's months of twelve segments, with statistics, so that the planner weighs the indexes as on real data.
    const { rows } = await sql<{ id: number }>`insert into region (code, name) values ('plan', 'Plan') returning id`.execute(database.db)
    regionId = rows[0]!.id
    await sql`
      insert into realisatie_maand (region_id, gemeente_id, provider_id, wet, segment_id, product_id, maand, debet_cents, credit_cents, regels)
      select ${regionId}::int, 1 + g % 4, 1 + g % 7, 'jeugdwet', s, 1, make_date(2025, 1, 1) + make_interval(months => m), 1000, 0, 1
      from generate_series(1, 12) s, generate_series(0, 22) m, generate_series(0, 19) g`.execute(database.db)
    await sql`analyze realisatie_maand`.execute(database.db)
  })
  afterAll(() => database.dispose())

  // Issue 19 §5 (migration 0038): the segment pages and scorecards read one or two segments' realisation months;
  // through an index that begins with the region and the month or the gemeente that walked every month of the
  // region. With sequential and bitmap scans off, the planner can choose an index-only scan on the segment index
  // only if it exists and holds every column the read and row-level security need. (A gemeente's or a provider's
  // read may rather take the unique key, which begins with the gemeente and the provider.)
  it("reads the region's realisation of some segments from their segment index alone", async () => {
    const actor: Actor = { userId: null, name: 'test', role: 'regio', regionId, gemeenteId: null, providerId: null }
    const plans = await withActor(database.db, actor, async (trx) => {
      await sql`select set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true)`.execute(trx)
      const seen: CompiledQuery[] = []
      await moneyMonths(recording(trx, seen), actor, '2025-01-01', '2026-11-27', [3, 4])
      const realisation = seen.filter((q) => q.sql.includes('from realisatie_maand'))
      expect(realisation).toHaveLength(1)
      const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${realisation[0]!.sql}`, [...realisation[0]!.parameters]))
      return rows.map((r) => r['QUERY PLAN']).join('\n')
    })
    const onRealisatie = plans.split('\n').filter((line) => / on realisatie_maand\b/.test(line))
    expect(onRealisatie).toHaveLength(1)
    expect(onRealisatie[0]).toMatch(/Index Only Scan using realisatie_maand_segment_idx on realisatie_maand/)
  })
})
