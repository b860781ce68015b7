/**
 * Named prepared statements on the embedded engine (ADR 0039, issue 19 §2 and §4).
 *
 * PGlite's `query` sends each statement as an unnamed one in six calls into the engine (parse,
 * describe, bind, describe, execute, sync), and PostgreSQL parses, analyses, rewrites (the
 * row-level security policies) and plans it every time. Koers sends the same few hundred statement
 * texts over and over (the demo build: 29,000 statements, 227 texts). Here each text is parsed once
 * under a name of its own, and every execution after is one call: bind, execute, sync. PostgreSQL
 * plans it as any prepared statement (custom plans for the first five executions, then the generic
 * plan when it is not dearer) and analyses it anew when a table, policy, role or search path it
 * depends on changes; the values are serialised and the rows parsed by PGlite's own serialisers
 * and type parsers, as `query` does, but the messages are written into one reused buffer
 * (pglite-protocol.ts) and the reply is read from the protocol's bytes as the engine writes it
 * (pglite-replies.ts), not through PGlite's message serialisers and parser.
 *
 * A generic plan is made for the table's size when it is made: one made while `declaratie` was
 * empty kept scanning the whole table as it grew to thousands of rows (the demo's declarations went
 * from 7 to 26 s of processor time per tenth). So a statement is prepared anew each time its
 * executions double from 64 (64, 128, 256, …): a table that grows with the statement's use is at
 * most twice the size its plan was made for, and a statement run a million times is prepared
 * fifteen times.
 *
 * Only statements that read or write rows are prepared (`select`, `insert`, `update`, `delete`,
 * `with`, `values`); every other statement (transaction control, `set`, DDL, `copy`, `analyze`)
 * goes through PGlite's `query`. A statement that may change the schema drops every prepared
 * statement, so that none can meet a table whose columns changed under it ("cached plan must not
 * change result type"); should a function change one anyway, that statement is dropped and, outside
 * a transaction, prepared again and run once more.
 */
import { ProtocolWriter } from './pglite-protocol.ts'
import { type Field, Reply } from './pglite-replies.ts'

/** The part of a PGlite instance the statements use. */
export interface ProtocolEngine {
  /** Must not keep `message` once its promise settles: the statements write the next exchange into the same buffer. */
  execProtocolRawStream(message: Uint8Array, options: { syncToFs: boolean; onRawData: (chunk: Uint8Array) => void }): Promise<void>
  runExclusive<T>(work: () => Promise<T>): Promise<T>
  isInTransaction(): boolean
  syncToFs(): Promise<void>
  readonly serializers: Record<number | string, (value: unknown) => string>
  readonly parsers: Record<number | string, (value: string, typeId?: number) => unknown>
}

interface Prepared {
  name: string
  /** Executions so far, and the count at which it is prepared anew. */
  runs: number
  renewAt: number
  /** Parameter type oids, as PostgreSQL inferred them when it parsed the text. */
  paramTypes: number[]
  /** The statement's result columns (null when it returns no rows). */
  fields: Field[] | null
}

/** Statements worth preparing: those that read or write rows. */
const PREPARABLE = /^\s*(select|insert|update|delete|with|values)\b/i
/** Statements after which a prepared statement may meet a changed table. */
const CHANGES_SCHEMA = /^\s*(create|alter|drop|comment|truncate|grant|revoke|reindex|cluster|do|import|refresh|security|reassign)\b/i
const RESULT_TYPE_CHANGED = 'cached plan must not change result type'
const FIRST_RENEWAL = 64

export class PreparedStatements {
  readonly #engine: ProtocolEngine
  readonly #capacity: number
  readonly #firstRenewal: number
  /** By statement text, least recently used first. */
  readonly #byText = new Map<string, Prepared>()
  /** Names no longer in use, closed with the next statement sent. */
  #toClose: string[] = []
  /** Every exchange is written into this one buffer (pglite-protocol.ts). */
  readonly #writer = new ProtocolWriter()
  /** Names are unique in the process, should two dialects ever share one engine. */
  static #named = 0

  /** `firstRenewal`: the executions after which a statement is first prepared anew (Infinity: never; bench/statements compares). */
  constructor(engine: ProtocolEngine, options: { capacity?: number; firstRenewal?: number } = {}) {
    this.#engine = engine
    this.#capacity = options.capacity ?? 500
    this.#firstRenewal = options.firstRenewal ?? FIRST_RENEWAL
  }

  /** How many statements are prepared now (for tests). */
  get size(): number {
    return this.#byText.size
  }

  /** Whether `text` runs as a prepared statement (the rest goes through PGlite's `query`). */
  static preparable(text: string): boolean {
    return PREPARABLE.test(text)
  }

  /** Whether `text` may change the schema: prepared statements are dropped after it. */
  static changesSchema(text: string): boolean {
    return CHANGES_SCHEMA.test(text)
  }

  /** Drops every prepared statement (after a statement that may have changed the schema). */
  forgetAll(): void {
    for (const prepared of this.#byText.values()) this.#toClose.push(prepared.name)
    this.#byText.clear()
  }

  /** Runs `text` with `params`, as PGlite's `query(text, params, { rowMode: 'object' })` would. */
  async query<R>(text: string, params: readonly unknown[]): Promise<{ rows: R[]; affectedRows?: number }> {
    try {
      return await this.#run<R>(text, params)
    } catch (error) {
      if (!(error instanceof Error) || !error.message.includes(RESULT_TYPE_CHANGED)) throw error
      this.#forget(text)
      // Outside a transaction the failed statement did nothing: prepare it anew and run it once more.
      if (this.#engine.isInTransaction()) throw error
      return this.#run<R>(text, params)
    }
  }

  #run<R>(text: string, params: readonly unknown[]): Promise<{ rows: R[]; affectedRows?: number }> {
    return this.#engine.runExclusive(async () => {
      let prepared = this.#byText.get(text) ?? (await this.#prepare(text, params, this.#firstRenewal))
      if (++prepared.runs > prepared.renewAt) {
        // Its executions doubled: prepared anew, its plans are made for the tables as they are now.
        this.#forget(text)
        prepared = await this.#prepare(text, params, prepared.renewAt * 2)
        prepared.runs = 1
      }
      // Least recently used first: a hit moves to the end.
      this.#byText.delete(text)
      this.#byText.set(text, prepared)
      const values = params.map((value, i) => this.#serialize(value, prepared.paramTypes[i]!))
      const name = prepared.name
      const reply = await this.#send(text, params, prepared.fields, (w) => w.bind(name, values).execute())
      if (!this.#engine.isInTransaction()) await this.#engine.syncToFs()
      return { rows: reply.rows as R[], affectedRows: reply.affectedRows }
    })
  }

  async #prepare(text: string, params: readonly unknown[], renewAt: number): Promise<Prepared> {
    const name = `koers_${++PreparedStatements.#named}`
    const described = await this.#send(text, params, null, (w) => w.parse(name, text).describeStatement(name))
    const prepared: Prepared = { name, runs: 0, renewAt, paramTypes: described.paramTypes, fields: described.fields }
    this.#byText.set(text, prepared)
    if (this.#byText.size > this.#capacity) {
      const [oldest] = this.#byText.keys()
      this.#forget(oldest!)
    }
    return prepared
  }

  #forget(text: string): void {
    const prepared = this.#byText.get(text)
    if (!prepared) return
    this.#byText.delete(text)
    this.#toClose.push(prepared.name)
  }

  /**
   * One call into the engine: the pending closes, what `write` writes, and a sync; the reply read
   * with the rows' `fields`. A failure carries the statement, as PGlite's `query` does. Every
   * exchange runs inside the engine's exclusive turn and is awaited before the next is written,
   * so the writer's one buffer is never written while the engine may still read it.
   */
  async #send(text: string, params: readonly unknown[], fields: Field[] | null, write: (writer: ProtocolWriter) => void): Promise<Reply> {
    const writer = this.#writer.reset()
    for (const name of this.#toClose) writer.closeStatement(name)
    write(writer)
    const message = writer.sync().bytes()
    // Only now: had the message failed to be written, the closes would still be pending.
    this.#toClose = []
    const reply = new Reply(fields, this.#engine.parsers)
    await this.#engine.execProtocolRawStream(message, { syncToFs: false, onRawData: reply.push })
    if (reply.error) throw Object.assign(reply.error, { query: text, params })
    if (reply.failure) throw reply.failure.error
    return reply
  }

  #serialize(value: unknown, typeId: number): string | null {
    if (value === null || value === undefined) return null
    const serializer = this.#engine.serializers[typeId]
    return serializer ? serializer(value) : String(value)
  }
}
