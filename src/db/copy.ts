/**
 * Bulk writes with the engine's own COPY, on both engines (ADR 0009): `COPY … FROM STDIN`
 * through pg-copy-streams on a PostgreSQL server, `COPY … FROM '/dev/blob'` in PGlite. Row-wise
 * INSERTs through a query builder are 7–20× slower (../shared/BASELINES.md).
 *
 * The payload travels as a Kysely query parameter (`CopyPayload`) so that the COPY runs on
 * the transaction's own connection; the engine adapters in database.ts recognise it.
 *
 * PostgreSQL does not support COPY FROM into a table with row-level security for a role the
 * policies apply to. `copyRows` therefore runs the one COPY statement as the connection's own
 * role and returns to the actor's role after it; the caller builds every row's scope columns
 * from the party it runs for (see `rowScope` in declaratie.receive.ts), and reads stay under
 * the policies.
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CompiledQuery, type Transaction, sql } from 'kysely'
import { from as copyFrom } from 'pg-copy-streams'
import type { DB } from './schema.ts'

/** The data of one COPY, in PostgreSQL's text format (as a string, or its UTF-8 bytes). */
export class CopyPayload {
  constructor(readonly text: string | Uint8Array) {}
}

/** A value in COPY text format: `\N` for null, backslash escapes for the characters that need them. */
export function copyValue(value: string | number | boolean | null | undefined | readonly string[]): string {
  if (value === null || value === undefined) return '\\N'
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (typeof value !== 'string') return copyValue(`{${value.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`)
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : value
}

const NEEDS_ESCAPE = /[\\\t\n\r]/

/**
 * COPY text written straight into UTF-8 bytes, value by value: the same bytes as the values'
 * `copyValue`s joined by tabs and newlines, without a string per value or per row (a
 * million-line declaration would otherwise leave tens of millions for the collector).
 */
export class CopyText {
  private buf: Buffer
  private n = 0

  constructor(capacity = 1 << 20) {
    this.buf = Buffer.allocUnsafe(capacity)
  }

  get length(): number {
    return this.n
  }

  private room(bytes: number): void {
    if (this.n + bytes <= this.buf.length) return
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.n + bytes))
    this.buf.copy(grown, 0, 0, this.n)
    this.buf = grown
  }

  /** A value as `copyValue` writes it. */
  value(value: string | number | boolean | null | undefined | readonly string[]): this {
    if (typeof value === 'number') return this.number(value)
    if (typeof value === 'string' && !NEEDS_ESCAPE.test(value)) return this.raw(value)
    return this.raw(copyValue(value))
  }

  /** A number as `String` writes it (integers digit by digit). */
  number(value: number): this {
    if (!Number.isSafeInteger(value)) return this.raw(String(value))
    this.room(17)
    const buf = this.buf
    if (value < 0) {
      buf[this.n++] = 45
      value = -value
    }
    let digits = 1
    for (let x = value; x >= 10; x = Math.floor(x / 10)) digits++
    let at = (this.n += digits)
    do {
      const q = Math.floor(value / 10)
      buf[--at] = 48 + (value - q * 10)
      value = q
    } while (value > 0)
    return this
  }

  /** Text written as it is (already in COPY form: no tab, newline or backslash to escape). */
  raw(text: string): this {
    const length = text.length
    this.room(length * 3)
    // Short ASCII (codes, dates, numbers' text) byte by byte: cheaper than a call into the encoder.
    if (length <= 32) {
      const buf = this.buf
      const start = this.n
      let i = 0
      for (; i < length; i++) {
        const c = text.charCodeAt(i)
        if (c > 0x7f) break
        buf[start + i] = c
      }
      if (i === length) {
        this.n = start + length
        return this
      }
    }
    this.n += this.buf.write(text, this.n, 'utf8')
    return this
  }

  tab(): this {
    this.room(1)
    this.buf[this.n++] = 9
    return this
  }

  newline(): this {
    this.room(1)
    this.buf[this.n++] = 10
    return this
  }

  /** What was written. */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.n)
  }
}

const identifier = /^[a-z_][a-z0-9_]*$/

/**
 * COPYs `text` (rows in text format, each ending in a newline) into `table`'s `columns`
 * inside transaction `trx`.
 */
export async function copyRows(trx: Transaction<DB>, table: keyof DB & string, columns: readonly string[], text: string | Uint8Array): Promise<void> {
  if (text.length === 0) return
  for (const name of [table, ...columns]) if (!identifier.test(name)) throw new Error(`not an identifier: ${name}`)
  // One round trip leaves the actor's role and remembers it.
  const { rows } = await sql<{ role: string }>`select current_setting('role') as role, set_config('role', 'none', true)`.execute(trx)
  const role = rows[0]!.role
  await trx.executeQuery(CompiledQuery.raw(`copy ${table} (${columns.join(', ')}) from stdin`, [new CopyPayload(text)]))
  await sql`select set_config('role', ${role}, true)`.execute(trx)
}

const isCopy = (params: unknown): params is [CopyPayload] => Array.isArray(params) && params.length === 1 && params[0] instanceof CopyPayload

interface QueryTarget {
  query(query: string, params?: unknown[], options?: Record<string, unknown>): Promise<unknown>
}

/** PGlite: a `query` that turns a CopyPayload into PGlite's blob device. */
function pgliteQuery<T extends QueryTarget>(target: T): T['query'] {
  return (query: string, params?: unknown[], options?: Record<string, unknown>) => {
    if (isCopy(params)) return target.query(query.replace(/from stdin$/i, "from '/dev/blob'"), [], { ...options, blob: new Blob([params[0].text as string | Uint8Array<ArrayBuffer>]) })
    return target.query(query, params, options)
  }
}

/**
 * Wraps a PGlite instance for the PGlite dialect (pglite-dialect.ts) so that COPY payloads reach
 * its blob device. The dialect runs transactions as plain SQL through `query`, so this is all.
 */
export function copyAwarePGlite<T extends object>(pglite: T): T {
  const query = pgliteQuery(pglite as unknown as QueryTarget)
  const get = propertiesOf(pglite)
  return new Proxy(pglite, { get: (_, prop) => (prop === 'query' ? query : get(prop)) })
}

/**
 * A target's properties, its methods bound to it: each method once, not at every ask (a statement
 * asks for several), and again only should the target's method itself change.
 */
function propertiesOf(target: object): (prop: string | symbol) => unknown {
  const bound = new Map<string | symbol, { method: (...args: unknown[]) => unknown; to: unknown }>()
  return (prop) => {
    const value = Reflect.get(target, prop) as unknown
    if (typeof value !== 'function') return value
    let entry = bound.get(prop)
    if (entry?.method !== value) bound.set(prop, (entry = { method: value as (...args: unknown[]) => unknown, to: value.bind(target) }))
    return entry.to
  }
}

interface PgClient {
  query(query: unknown, params?: unknown[]): unknown
}

/** Wraps a pg Pool for Kysely's PostgresDialect so that COPY payloads stream through pg-copy-streams. */
export function copyAwarePool<P extends { connect(): Promise<PgClient> }>(pool: P): P {
  const wrapped = new WeakMap<PgClient, PgClient>()
  const wrap = (client: PgClient): PgClient => {
    let proxy = wrapped.get(client)
    if (!proxy) {
      const get = propertiesOf(client)
      proxy = new Proxy(client, {
        get(target, prop) {
          if (prop !== 'query') return get(prop)
          return async (query: unknown, params?: unknown[]) => {
            if (typeof query !== 'string' || !isCopy(params)) return target.query(query, params)
            const stream = target.query(copyFrom(query)) as ReturnType<typeof copyFrom>
            await pipeline(Readable.from([params[0].text]), stream)
            return { command: 'COPY', rowCount: stream.rowCount, rows: [] }
          }
        },
      })
      wrapped.set(client, proxy)
    }
    return proxy
  }
  const get = propertiesOf(pool)
  return new Proxy(pool, {
    get(target, prop) {
      if (prop === 'connect') return async () => wrap(await target.connect())
      return get(prop)
    },
  })
}
