import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OpenDatabase, openDatabase } from './database.ts'

/** The embedded engine's one connection, shared by concurrent callers (pglite-dialect.ts). */
describe('the PGlite dialect', () => {
  let open: OpenDatabase
  beforeAll(async () => {
    open = await openDatabase({ memory: true })
    await sql`create table tally (n int not null)`.execute(open.db)
  })
  afterAll(() => open.close())

  it('runs concurrent transactions one after the other, so that neither sees the other half done', async () => {
    const seen: number[] = []
    const work = () =>
      open.db.transaction().execute(async (trx) => {
        await sql`insert into tally values (1)`.execute(trx)
        await new Promise((r) => setTimeout(r, 20))
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from tally`.execute(trx)
        seen.push(rows[0]!.n)
        await sql`insert into tally values (1)`.execute(trx)
      })
    const outside = sql<{ n: number }>`select count(*)::int as n from tally`.execute(open.db)
    await Promise.all([work(), work(), outside, work()])
    // Each transaction counts its own first row plus two of every one before it: 1, 3, 5.
    expect(seen).toEqual([1, 3, 5])
  })

  it('rolls back a failed transaction and hands the connection on', async () => {
    await expect(
      open.db.transaction().execute(async (trx) => {
        await sql`insert into tally values (1)`.execute(trx)
        throw new Error('halfway')
      }),
    ).rejects.toThrow('halfway')
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from tally`.execute(open.db)
    expect(rows[0]!.n).toBe(6)
  })

  it('reports affected rows', async () => {
    const result = await open.db.deleteFrom('tally' as never).executeTakeFirst()
    expect(result.numDeletedRows).toBe(6n)
  })
})
