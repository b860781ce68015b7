import { PGlite } from '@electric-sql/pglite'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OpenDatabase, openDatabase } from './database.ts'
import { PreparedStatements } from './pglite-statements.ts'

/** Named prepared statements on the embedded engine (pglite-statements.ts, ADR 0039). */
describe('prepared statements on PGlite', () => {
  let open: OpenDatabase
  beforeAll(async () => {
    open = await openDatabase({ memory: true })
    await sql`create table thing (id bigint primary key, on_day date, tags text[], body jsonb, raw bytea, ok boolean, note text)`.execute(open.db)
  })
  afterAll(() => open.close())

  const prepared = async (): Promise<string[]> =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements where name like ${'koers\\_%'} order by statement`.execute(open.db)).rows.map((r) => r.statement)

  it('give the rows and types that PGlite’s query gives, and the affected rows', async () => {
    const values = [9_007_199_254_740_991, '2026-02-28', ['a', 'b "c"'], { x: [1, 'ü'] }, new Uint8Array([0, 1, 255]), true, null] as const
    const inserted = await sql`insert into thing values (${values[0]}, ${values[1]}, ${values[2]}, ${JSON.stringify(values[3])}, ${values[4]}, ${values[5]}, ${values[6]})`.execute(open.db)
    expect(inserted.numAffectedRows).toBe(1n)
    const select = sql<Record<string, unknown>>`select * from thing where id = ${values[0]}`
    const { rows } = await select.execute(open.db)
    expect(rows).toEqual([{ id: 9_007_199_254_740_991, on_day: '2026-02-28', tags: ['a', 'b "c"'], body: { x: [1, 'ü'] }, raw: new Uint8Array([0, 1, 255]), ok: true, note: null }])
    // PGlite's own query, on the same data, for comparison.
    const direct = await open.db.executeQuery({ ...select.compile(open.db), sql: `/* unprepared */ ${select.compile(open.db).sql}` })
    expect(direct.rows).toEqual(rows)
    const updated = await sql`update thing set note = ${'n'} where id > ${0}`.execute(open.db)
    expect(updated.numAffectedRows).toBe(1n)
  })

  it('prepare a text once and run it again under its name', async () => {
    for (let i = 0; i < 12; i++) await sql`select count(*) from thing where id <> ${i}`.execute(open.db)
    const count = (await prepared()).filter((s) => s.startsWith('select count(*) from thing where id <> $1'))
    expect(count).toHaveLength(1)
  })

  it('see a changed table after DDL: every prepared statement is dropped', async () => {
    await sql`create table changing (a int)`.execute(open.db)
    await sql`insert into changing values (1)`.execute(open.db)
    expect((await sql`select * from changing`.execute(open.db)).rows).toEqual([{ a: 1 }])
    await sql`alter table changing add column b text default 'x'`.execute(open.db)
    expect((await sql`select * from changing`.execute(open.db)).rows).toEqual([{ a: 1, b: 'x' }])
    // The statements of the tests before were dropped with the DDL; only the one since and the look-up remain.
    expect(await prepared()).toEqual(['select * from changing', 'select statement from pg_prepared_statements where name like $1 order by statement'])
  })

  it('survive a table changed by a function: outside a transaction run again, inside the transaction fails and the next one works', async () => {
    await sql`create table shifting (a int)`.execute(open.db)
    await sql`insert into shifting values (1)`.execute(open.db)
    // DDL inside a function: the statement text does not show it.
    await sql`create function widen(col text) returns void language plpgsql as $$ begin execute format('alter table shifting add column %I int default 2', col); end $$`.execute(open.db)
    expect((await sql`select * from shifting`.execute(open.db)).rows).toEqual([{ a: 1 }])
    await sql`select widen(${'b'})`.execute(open.db)
    expect((await sql`select * from shifting`.execute(open.db)).rows).toEqual([{ a: 1, b: 2 }])
    await sql`select widen(${'c'})`.execute(open.db)
    await expect(open.db.transaction().execute((trx) => sql`select * from shifting`.execute(trx))).rejects.toThrow('cached plan must not change result type')
    const again = await open.db.transaction().execute((trx) => sql`select * from shifting`.execute(trx))
    expect(again.rows).toEqual([{ a: 1, b: 2, c: 2 }])
  })

  it('keep the error and its code, and the connection usable after it', async () => {
    await expect(sql`insert into thing (id) values (${9_007_199_254_740_991})`.execute(open.db)).rejects.toMatchObject({ code: '23505', constraint: 'thing_pkey' })
    await expect(sql`select * from nowhere where a = ${1}`.execute(open.db)).rejects.toMatchObject({ code: '42P01' })
    await expect(
      open.db.transaction().execute(async (trx) => {
        await sql`insert into thing (id) values (${1})`.execute(trx)
        await sql`insert into thing (id) values (${1})`.execute(trx)
      }),
    ).rejects.toMatchObject({ code: '23505' })
    // The failed transaction left nothing, and the same statements run again.
    expect((await sql<{ n: number }>`select count(*)::int as n from thing where id = ${1}`.execute(open.db)).rows).toEqual([{ n: 0 }])
    await sql`insert into thing (id) values (${1})`.execute(open.db)
    expect((await sql<{ n: number }>`select count(*)::int as n from thing where id = ${1}`.execute(open.db)).rows).toEqual([{ n: 1 }])
  })

  it('apply row-level security by the setting and role of each execution', async () => {
    await sql`create table scoped (region int not null, v text not null)`.execute(open.db)
    await sql`insert into scoped values (1, 'een'), (2, 'twee'), (2, 'twee bis')`.execute(open.db)
    await sql`alter table scoped enable row level security`.execute(open.db)
    await sql`create role reader_x nologin`.execute(open.db)
    await sql`grant select on scoped to reader_x`.execute(open.db)
    await sql`create policy by_region on scoped using (region = current_setting('x.region')::int)`.execute(open.db)
    const seen: string[][] = []
    for (let i = 0; i < 14; i++) {
      const region = (i % 2) + 1
      const { rows } = await open.db.transaction().execute(async (trx) => {
        await sql`select set_config('x.region', ${String(region)}, true), set_config('role', 'reader_x', true)`.execute(trx)
        return sql<{ v: string }>`select v from scoped where v <> ${''} order by v`.execute(trx)
      })
      seen.push(rows.map((r) => r.v))
    }
    expect(seen).toEqual(Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? ['een'] : ['twee', 'twee bis'])))
    // As the superuser (no role set) the policy does not apply: the plan is made anew, not reused.
    expect((await sql<{ v: string }>`select v from scoped where v <> ${''} order by v`.execute(open.db)).rows).toHaveLength(3)
  })
})

describe('the statements PGlite keeps prepared', () => {
  let pglite: PGlite
  beforeAll(async () => {
    pglite = await PGlite.create()
  })
  afterAll(() => pglite.close())

  it('are at most the capacity: the least recently used is closed', async () => {
    const statements = new PreparedStatements(pglite as never, { capacity: 3 })
    const names = async () => (await pglite.query<{ statement: string }>(`select statement from pg_prepared_statements order by statement`)).rows.map((r) => r.statement)
    for (const n of [1, 2, 3]) await statements.query(`select ${n} as n`, [])
    await statements.query('select 1 as n', [])
    await statements.query('select 4 as n', [])
    // 2 was the least recently used; the close is sent with the next statement.
    await statements.query('select 3 as n', [])
    expect(statements.size).toBe(3)
    expect(await names()).toEqual(['select 1 as n', 'select 3 as n', 'select 4 as n'])
    expect(await statements.query<{ n: number }>('select 2 as n', [])).toEqual({ rows: [{ n: 2 }], affectedRows: 0 })
  })

  it('are prepared anew as their executions double, so that a plan made on an empty table does not stay', async () => {
    const statements = new PreparedStatements(pglite as never)
    await pglite.exec('create table grows (id int primary key, v text); analyze grows')
    const text = 'select v from grows where id = $1'
    const plan = async () => {
      const [{ name }] = (await pglite.query<{ name: string }>(`select name from pg_prepared_statements where statement = $1`, [text])).rows as [{ name: string }]
      const { rows } = await pglite.query<{ 'QUERY PLAN': string }>(`explain execute ${name}(1)`)
      return { name, plan: rows.map((r) => r['QUERY PLAN']).join(' ') }
    }
    for (let i = 0; i < 10; i++) await statements.query(text, [i])
    const early = await plan()
    // Made for the empty table: a scan of the whole table.
    expect(early.plan).toMatch(/^Seq Scan on grows/)
    await pglite.exec(`insert into grows select g, repeat('x', 200) from generate_series(1, 20000) g`)
    for (let i = 10; i < 64; i++) await statements.query(text, [i])
    expect((await plan()).name).toBe(early.name)
    // The 65th execution prepares it anew; five custom plans later the generic one sees the table as it is.
    for (let i = 64; i < 72; i++) expect(await statements.query(text, [i])).toEqual({ rows: [{ v: 'x'.repeat(200) }], affectedRows: 0 })
    const later = await plan()
    expect(later.name).not.toBe(early.name)
    expect(later.plan).toMatch(/^Index Scan using grows_pkey on grows/)
  })

  it('run only what reads or writes rows', () => {
    expect(['select 1', ' with a as (select 1) select * from a', 'insert into t values (1)', 'UPDATE t set a = 1', 'delete from t', 'values (1)'].every((s) => PreparedStatements.preparable(s))).toBe(true)
    expect(['begin', 'commit', 'savepoint s', 'set role x', 'create table t (a int)', "copy t from '/dev/blob'", 'analyze', 'selective'].some((s) => PreparedStatements.preparable(s))).toBe(false)
    expect(['create index i on t (a)', 'alter table t add b int', 'drop table t', 'DO $$ begin end $$', 'truncate t'].every((s) => PreparedStatements.changesSchema(s))).toBe(true)
    expect(['select 1', 'begin', 'savepoint s', 'analyze t'].some((s) => PreparedStatements.changesSchema(s))).toBe(false)
  })
})
