import { PGlite, protocol } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPGlite } from './database.ts'
import { Reply } from './pglite-replies.ts'
import { PreparedStatements } from './pglite-statements.ts'

/** The reply to a prepared statement, read from the protocol's bytes (pglite-replies.ts). */
describe('a prepared statement’s reply read from the protocol', () => {
  let pglite: PGlite
  beforeAll(async () => {
    pglite = await PGlite.create()
    await pglite.exec(`create table thing (id int primary key, name text not null, born date, tags text[], body jsonb, raw bytea, note text);
      insert into thing values (1, 'één', '2026-02-28', '{a,"b c"}', '{"x": [1, "ü"]}', '\\x00ff', null), (2, 'twee', null, '{}', 'null', '\\x', 'x');`)
  })
  afterAll(() => pglite.close())

  /** The engine's whole reply to `text` prepared, described, bound and executed: the bytes a Reply is fed. */
  async function replyBytes(text: string, values: (string | null)[]): Promise<{ bytes: Uint8Array; fields: { name: string; typeId: number }[] | null }> {
    const described = new Reply(null, pglite.parsers)
    await pglite.execProtocolRawStream(new Uint8Array([...protocol.serialize.parse({ name: 'probe', text }), ...protocol.serialize.describe({ type: 'S', name: 'probe' }), ...protocol.serialize.sync()]), { syncToFs: false, onRawData: described.push })
    const bytes = await pglite.execProtocolRaw(new Uint8Array([...protocol.serialize.bind({ statement: 'probe', values }), ...protocol.serialize.execute({}), ...protocol.serialize.close({ type: 'S', name: 'probe' }), ...protocol.serialize.sync()]), { syncToFs: false })
    return { bytes: bytes.slice(), fields: described.fields }
  }

  it('gives the rows PGlite’s own query gives, however the engine’s output is cut into chunks', async () => {
    const text = 'select id, name, born, tags, body, raw, note from thing where id >= $1 order by id'
    const { bytes, fields } = await replyBytes(text, ['1'])
    const expected = (await pglite.query(text, [1], { rowMode: 'object' })).rows
    expect(expected).toHaveLength(2)
    for (const size of [1, 2, 3, 5, 7, 64, bytes.length]) {
      const reply = new Reply(fields, pglite.parsers)
      for (let at = 0; at < bytes.length; at += size) {
        // A chunk is a view the engine reuses: overwrite it after it was read, as the engine would.
        const chunk = bytes.slice(at, at + size)
        reply.push(chunk)
        chunk.fill(0)
      }
      expect(reply.rows).toEqual(expected)
      expect(reply.error).toBeNull()
    }
  })

  it('counts the rows a write affected, as PGlite does, and none for a read', async () => {
    const statements = new PreparedStatements(pglite)
    /** PGlite's own answer to the statement, rolled back, then the prepared one's for real. */
    const both = async (text: string, params: unknown[]) => {
      await pglite.exec('begin')
      const own = await pglite.query(text, params, { rowMode: 'object' })
      await pglite.exec('rollback')
      return { own: { rows: own.rows, affectedRows: own.affectedRows ?? 0 }, read: await statements.query(text, params) }
    }
    const cases: [string, unknown[], number][] = [
      ['update thing set note = $1 where id > $2', ['n', 0], 2],
      ['select count(*)::int as n from thing where note = $1', ['n'], 0],
      ['insert into thing (id, name) values ($1, $2), ($3, $4) returning id', [3, 'drie', 4, 'vier'], 2],
      ['with gone as (delete from thing where id = $1 returning id) update thing set note = $2 where id = $3', [4, 'm', 3], 1],
      ['delete from thing where id >= $1', [3], 1],
    ]
    for (const [text, params, affected] of cases) {
      const { own, read } = await both(text, params)
      expect(read, text).toEqual(own)
      expect(read.affectedRows, text).toBe(affected)
    }
  })

  it('reads the parameter count as the unsigned number it is: 32,768 parameters and more', async () => {
    const statements = new PreparedStatements(pglite)
    const count = 32_770
    const text = `select $1::jsonb as body, array_length(array[${Array.from({ length: count - 1 }, (_, i) => `$${i + 2}::int`).join(', ')}], 1) as n`
    const { rows } = await statements.query(text, [{ a: ['ü'] }, ...Array.from({ length: count - 1 }, (_, i) => i)])
    expect(rows).toEqual([{ body: { a: ['ü'] }, n: count - 1 }])
  })

  it('throws the error PGlite’s own query throws, with the same fields and the statement', async () => {
    const text = 'insert into thing (id, name) values ($1, $2)'
    const failure = (e: unknown) => e as Record<string, unknown>
    const own = failure(await pglite.query(text, [1, 'dubbel']).catch((e: unknown) => e))
    const statements = new PreparedStatements(pglite)
    const read = failure(await statements.query(text, [1, 'dubbel']).catch((e: unknown) => e))
    expect(read).toBeInstanceOf(Error)
    expect(read.constructor).toBe(own.constructor)
    const fields = ['message', 'severity', 'code', 'detail', 'hint', 'schema', 'table', 'column', 'constraint', 'routine'] as const
    expect(Object.fromEntries(fields.map((f) => [f, read[f]]))).toEqual(Object.fromEntries(fields.map((f) => [f, own[f]])))
    expect(read).toMatchObject({ code: '23505', constraint: 'thing_pkey', query: text, params: [1, 'dubbel'] })
    // The engine goes on: the next statement works.
    expect((await statements.query('select name from thing where id = $1', [1])).rows).toEqual([{ name: 'één' }])
  })

  it('throws a value its type parser refuses as PGlite’s query does, and leaves the engine able to answer', async () => {
    // Koers' engine: its int8 parser refuses what a number cannot hold exactly.
    const koers = await createPGlite()
    try {
      const text = 'select n::int8 as n from generate_series($1::int8, $2::int8) n'
      const params = ['9007199254740990', '9007199254740995']
      const own = await koers.query(text, params).catch((e: unknown) => e)
      expect(own).toBeInstanceOf(Error)
      const statements = new PreparedStatements(koers)
      await expect(statements.query(text, params)).rejects.toThrow((own as Error).message)
      expect((await statements.query('select $1::int as one', [1])).rows).toEqual([{ one: 1 }])
      expect((await koers.query('select 2 as two')).rows).toEqual([{ two: 2 }])
      // And the statement still answers when its values fit.
      expect((await statements.query(text, ['1', '2'])).rows).toEqual([{ n: 1 }, { n: 2 }])
    } finally {
      await koers.close()
    }
  }, 60_000)
})
