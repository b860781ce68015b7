/**
 * Kysely's dialect for the embedded engine. Kysely ships one from 0.29 on, but 0.29 requires
 * Node 22 and Koers runs on Node 20 (docs/decisions/0017): this is the same design on 0.28's
 * driver interface. PGlite has one connection, so turns of size one (turns.ts) hand it to one query or one
 * transaction at a time, as Kysely's SQLite driver does; transactions are plain SQL on it.
 * A request whose client went away leaves the queue, and stops before its next statement
 * (request-signal.ts).
 *
 * PGlite runs a statement synchronously on the main thread, and a promise chain of statements
 * (one transaction, then the next waiter's) never returns to the event loop by itself: a
 * 60,000-line upload, or fifty dashboards in a queue, kept every other request — even one that
 * needs no database — from being read for seconds (issue 24 §4). So the event loop gets a turn
 * (`setImmediate`) before a statement once a millisecond has passed since its last turn, or
 * sixteen statements have run: pending I/O waits that long at most, beside one statement. (With a
 * turn before every statement the demo build's profile was 4.4 % idle, with these 1.8 %; issue 19
 * §4, docs/benchmarks.md.)
 *
 * Statements that read or write rows run as named prepared statements, each text parsed once
 * (pglite-statements.ts, ADR 0039); the rest through PGlite's `query`.
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
} from 'kysely'
import { PreparedStatements, type ProtocolEngine } from './pglite-statements.ts'
import { endsTransaction, requestSignal, throwIfAbandoned } from './request-signal.ts'
import { Turns } from './turns.ts'

/**
 * The part of a PGlite instance the dialect uses (database.ts passes it wrapped for COPY,
 * db/copy.ts): `query` for every statement that is not prepared, the protocol for those that are.
 */
export interface PGliteLike extends ProtocolEngine {
  query<R>(sql: string, params?: unknown[], options?: { rowMode?: 'object' }): Promise<{ rows: R[]; affectedRows?: number }>
}

export class PGliteDialect implements Dialect {
  readonly #pglite: PGliteLike
  constructor(config: { pglite: PGliteLike }) {
    this.#pglite = config.pglite
  }
  createAdapter(): DialectAdapter {
    return new PGliteAdapter()
  }
  createDriver(): Driver {
    return new PGliteDriver(this.#pglite)
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db)
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler()
  }
}

/** PostgreSQL's SQL, but one connection: Kysely's migrator needs no advisory lock on it. */
class PGliteAdapter extends PostgresAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
  override async acquireMigrationLock(): Promise<void> {}
  override async releaseMigrationLock(): Promise<void> {}
}

class PGliteDriver implements Driver {
  readonly #connection: PGliteConnection
  readonly #turns = new Turns(1)
  constructor(pglite: PGliteLike) {
    this.#connection = new PGliteConnection(pglite)
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#turns.enter(requestSignal())
    return this.#connection
  }
  async releaseConnection(): Promise<void> {
    this.#turns.leave()
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'))
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }
  /** database.ts closes the PGlite instance itself, after Kysely. */
  async destroy(): Promise<void> {}
}

/** The event loop gets a turn before a statement once this long has passed since its last, or … */
const TURN_AFTER_MS = 1
/** … this many statements have run since. */
const TURN_AFTER_STATEMENTS = 16

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGliteLike
  readonly #prepared: PreparedStatements
  /** When the event loop last had a turn, and the statements run since. */
  #lastTurn = -Infinity
  #sinceTurn = 0
  constructor(pglite: PGliteLike) {
    this.#pglite = pglite
    this.#prepared = new PreparedStatements(pglite)
  }
  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (++this.#sinceTurn >= TURN_AFTER_STATEMENTS || performance.now() - this.#lastTurn >= TURN_AFTER_MS) {
      await new Promise<void>((resolveTurn) => setImmediate(resolveTurn))
      this.#lastTurn = performance.now()
      this.#sinceTurn = 0
    }
    const text = compiledQuery.sql
    if (!endsTransaction(text)) throwIfAbandoned()
    let result: { rows: R[]; affectedRows?: number }
    if (PreparedStatements.preparable(text)) {
      result = await this.#prepared.query<R>(text, compiledQuery.parameters)
    } else {
      if (PreparedStatements.changesSchema(text)) this.#prepared.forgetAll()
      result = await this.#pglite.query<R>(text, [...compiledQuery.parameters], { rowMode: 'object' })
    }
    const { rows, affectedRows } = result
    return { rows: rows ?? [], ...(affectedRows !== undefined ? { numAffectedRows: BigInt(affectedRows) } : {}) }
  }
  // eslint-disable-next-line require-yield -- PGlite has no cursor: refuse at once
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite cannot stream query results')
  }
}
