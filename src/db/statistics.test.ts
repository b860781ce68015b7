import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newRegion } from '../test/factory.ts'
import { refreshStatistics } from './statistics.ts'

// PostgreSQL keeps its statistics itself (autovacuum); only the embedded engine needs this.
describe('table statistics on pglite', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase('pglite')
    await newRegion(database.db)
  })
  afterAll(() => database.dispose())

  it('are brought up to date, as nothing else in the embedded engine does', async () => {
    const analyzed = async () => (await sql<{ n: number }>`select count(*)::int as n from pg_stats where tablename = 'gemeente'`.execute(database.db)).rows[0]!.n
    expect(await analyzed()).toBe(0)
    await refreshStatistics(database.db, 'pglite')
    expect(await analyzed()).toBeGreaterThan(0)
  })
})
