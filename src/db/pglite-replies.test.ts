import { PGlite, protocol } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
        expect(reply.push(chunk)).toBe(chunk.length)
        chunk.fill(0)
      }
      expect(reply.rows).toEqual(expected)
      expect(reply.error).toBeNull()
    }
  })

  it('counts the rows a write affected, as PGlite does, and none for a read', async () => {
    const statements = new PreparedStatements(pglite)
    expect(await statements.query('update thing set note = $1 where id > $2', ['n', 0])).toEqual({ rows: [], affectedRows: 2 })
    expect(await statements.query('select count(*)::int as n from thing where note = $1', ['n'])).toEqual({ rows: [{ n: 2 }], affectedRows: 0 })
    expect(await statements.query('insert into thing (id, name) values ($1, $2) returning id', [3, 'drie'])).toEqual({ rows: [{ id: 3 }], affectedRows: 1 })
    expect(await statements.query('delete from thing where id = $1', [3])).toEqual({ rows: [], affectedRows: 1 })
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
})
