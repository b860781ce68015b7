import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { taakveldRows } from './taakveld.ts'

// Migration 0005 holds the table as literal SQL (ADR 0014: migrations are frozen), so a change
// to taakveld.ts needs a migration of its own; this fails until it has one.
describe.each(engines)('the taakveld table on %s', (engine) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase(engine)
  })
  afterAll(() => database.dispose())

  it('in the migrated database is the one of taakveld.ts', async () => {
    const rows = await database.db.selectFrom('productcategorie_taakveld').select(['wet', 'productcategorie', 'taakveld']).orderBy('wet').orderBy('productcategorie').execute()
    const expected = [...taakveldRows].sort((a, b) => a.wet.localeCompare(b.wet) || a.productcategorie.localeCompare(b.productcategorie))
    expect(rows).toEqual(expected)
  })
})
