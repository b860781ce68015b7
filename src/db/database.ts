/**
 * Opens the database: embedded PGlite persisted in a data directory, or a PostgreSQL
 * server when a URL is given. One SQL dialect, two engines (docs/decisions/0003).
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { redactUrl } from '../config.ts'
import { AppError } from '../shared/errors.ts'
import { log } from '../shared/log.ts'
import { copyAwarePGlite, copyAwarePool } from './copy.ts'
import { DEMO_UNDER_WAY, type DataDirLock, lockDataDir } from './data-dir-lock.ts'
import { PGliteDialect } from './pglite-dialect.ts'
import { abandoned, endsTransaction, requestSignal, throwIfAbandoned } from './request-signal.ts'
import type { DB } from './schema.ts'

export type Database = Kysely<DB>
export type Engine = 'pglite' | 'postgres'

export interface OpenDatabase {
  db: Database
  engine: Engine
  close(): Promise<void>
  /**
   * PGlite only: the whole data directory as a tarball (gzipped by default), consistent: a
   * backup (db/backup.ts), or the tests' migrated template ('none': faster to load).
   */
  dumpDataDir?(compression?: 'gzip' | 'none'): Promise<Blob>
}

/** `loadDataDir`: start the directory (or memory) from a tarball that `dumpDataDir` wrote (a restore, the tests' template). */
export type DatabaseTarget = { url: string } | { dataDir: string; loadDataDir?: Blob } | { memory: true; loadDataDir?: Blob }

const OID = { bytea: 17, int8: 20, date: 1082 } as const

/** bigint columns hold cents and counts; refuse silently losing precision. */
function parseInt8(value: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new Error(`bigint ${value} does not fit a safe JavaScript integer`)
  return n
}
const keepDateString = (value: string) => value
/**
 * PGlite's own bytea serializer goes byte by byte in JavaScript (a 16 MB message took 6 s);
 * PostgreSQL's hex input format from Buffer's native encoder takes 0.4 s.
 */
const byteaHex = (value: Uint8Array) => `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`

/** The types Koers parses and serialises its own way on the embedded engine (any PGlite version). */
export const embeddedTypes = {
  parsers: { [OID.int8]: parseInt8, [OID.date]: keepDateString },
  serializers: { [OID.bytea]: byteaHex },
}

/**
 * How a PostgreSQL pool shares the server (issue 24 §5); PGlite has one connection and ignores
 * them. The defaults suit a command; `koers start` passes the KOERS_DB_* settings.
 */
export interface PoolOptions {
  /** Connections at most (default 10). */
  poolSize?: number
  /** Milliseconds a query waits for a free connection, and a new connection for the server (default 5,000). */
  poolWaitMs?: number
  /** The server's statement_timeout on every connection, in milliseconds; 0 or absent: none. */
  statementTimeoutMs?: number
}

export async function openDatabase(target: DatabaseTarget, options: PoolOptions = {}): Promise<OpenDatabase> {
  if ('url' in target) return openPostgres(target.url, options)
  return openPGlite('dataDir' in target ? target.dataDir : undefined, target.loadDataDir)
}

async function openPGlite(dataDir: string | undefined, loadDataDir: Blob | undefined): Promise<OpenDatabase> {
  if (dataDir !== undefined) ensureWritableDir(dataDir)
  // One process per directory (data-dir-lock.ts), taken before PGlite touches a file.
  const lock: DataDirLock | null = dataDir !== undefined ? lockDataDir(dataDir) : null
  if (dataDir !== undefined && existsSync(join(dataDir, DEMO_UNDER_WAY))) {
    // A first start stopped while it built the demo: what is here is half a demo (ADR 0042).
    lock?.release()
    throw new AppError(
      'database.demo_unfinished',
      `De gegevensmap ${resolve(dataDir)} bevat een demo die niet af is: de eerste koers start werd onderbroken terwijl hij de demo bouwde. Start koers start opnieuw: die maakt de map leeg en bouwt de demo opnieuw.`,
    )
  }
  let pglite: PGlite
  try {
    pglite = await createPGlite(dataDir, loadDataDir)
  } catch (error) {
    lock?.release()
    throw new AppError('database.embedded_unavailable', cannotOpen(dataDir, (error as Error).message))
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite: copyAwarePGlite(pglite) }) })
  return {
    db,
    engine: 'pglite',
    dumpDataDir: (compression = 'gzip') => pglite.dumpDataDir(compression),
    async close() {
      try {
        await db.destroy()
        if (!pglite.closed) await pglite.close()
      } finally {
        lock?.release()
      }
    },
  }
}

/** The PostgreSQL major version inside the PGlite Koers depends on (a test holds it to the engine's own). */
export const EMBEDDED_POSTGRES_MAJOR = 19
/** The PostgreSQL major of the PGlite before it, whose databases `koers db upgrade` carries across (embedded-upgrade.ts, ADR 0044). */
export const EARLIER_EMBEDDED_MAJOR = 18

/** The PostgreSQL major that wrote a data directory (its PG_VERSION), or null when it holds none. */
export function postgresMajorOfDir(dataDir: string): string | null {
  try {
    return readFileSync(join(resolve(dataDir), 'PG_VERSION'), 'utf8').trim()
  } catch {
    return null
  }
}

/**
 * Why the embedded engine did not open, for the administrator (the CLI and the log print the
 * English message, ADR 0021; the reason's Dutch description is in errors.ts). PGlite's own reason
 * is terse ("failed to initialize properly"), and the likeliest cause of a directory that will not
 * open is one written by another PostgreSQL major version (another PGlite): its PG_VERSION says which.
 */
export function cannotOpen(dataDir: string | undefined, reason: string): string {
  if (dataDir === undefined) return `cannot open the embedded database in memory: ${reason}`
  const dir = resolve(dataDir)
  // Null without a version file (or none readable): PGlite's reason is all there is.
  const written = postgresMajorOfDir(dir)
  if (written === null || written === String(EMBEDDED_POSTGRES_MAJOR)) return `cannot open the embedded database in ${dir}: ${reason}`
  const advice =
    written === String(EARLIER_EMBEDDED_MAJOR)
      ? 'run koers db upgrade to carry it across (the old directory is kept beside the new one)'
      : 'open it with the Koers that wrote it, or set it aside and start with a new data directory (KOERS_DATA_DIR)'
  return `cannot open the embedded database in ${dir}: it was written by PostgreSQL ${written}, and this Koers carries PostgreSQL ${EMBEDDED_POSTGRES_MAJOR}; ${advice}`
}

/**
 * The embedded engine as Koers opens it: its extension, and the types it parses and serialises
 * its own way. Without the data directory's lock or the dialect; openDatabase adds those
 * (bench/statements uses it to record and replay statements).
 */
export async function createPGlite(dataDir?: string, loadDataDir?: Blob): Promise<PGlite> {
  // Loaded only when used: a server-backed process does not carry the embedded engine.
  const { PGlite } = await import('@electric-sql/pglite')
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist')
  return PGlite.create({
    ...(dataDir !== undefined ? { dataDir: resolve(dataDir) } : {}),
    ...(loadDataDir !== undefined ? { loadDataDir } : {}),
    extensions: { btree_gist },
    ...embeddedTypes,
  })
}

function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true })
    accessSync(dir, constants.W_OK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new AppError('database.data_dir_unwritable', `KOERS_DATA_DIR ${resolve(dir)} is not a writable directory (${code})`)
  }
}

async function openPostgres(url: string, options: PoolOptions): Promise<OpenDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // Also the wait for a free connection: a full pool answers 503 database.busy after it (unavailable.ts).
    connectionTimeoutMillis: options.poolWaitMs ?? 5_000,
    // Sent when the connection starts, so it holds for every statement on it (SQLSTATE 57014 when exceeded).
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === OID.int8) return parseInt8
        if (oid === OID.date) return keepDateString
        return pg.types.getTypeParser(oid, format as 'text')
      }) as typeof pg.types.getTypeParser,
    },
  })
  // A client that loses its server must not crash the process: an idle one reports on the
  // pool, one in use on itself (its query then fails, and the request answers 503).
  pool.on('error', (error) => log.warn('database connection lost', { error: error.message }))
  pool.on('connect', (client) => client.on('error', (error) => log.warn('database connection lost', { error: error.message })))
  try {
    const client = await pool.connect()
    client.release()
  } catch (error) {
    await pool.end().catch(() => {})
    const e = error as NodeJS.ErrnoException
    throw new AppError(
      'database.unreachable',
      `cannot reach PostgreSQL at ${redactUrl(url)}: ${e.code ?? ''} ${e.message}`.replace(/\s+/g, ' ').trim(),
    )
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: abandonAwarePool(copyAwarePool(pool)) }) })
  return {
    db,
    engine: 'postgres',
    async close() {
      await db.destroy()
    },
  }
}

type PoolClientLike = { query: (...args: never[]) => unknown; release: () => void }

/**
 * A request whose client went away (request-signal.ts) gets no connection, leaves the pool's
 * queue while it waits, and runs no further statement on the connection it holds (a rollback
 * or commit excepted), as on PGlite.
 */
function abandonAwarePool<P extends { connect(): Promise<C> }, C extends PoolClientLike>(pool: P): P {
  const guard = (client: C): C =>
    new Proxy(client, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown
        if (prop !== 'query' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value
        return (query: unknown, ...rest: unknown[]) => {
          if (typeof query === 'string' && !endsTransaction(query)) throwIfAbandoned()
          return (value as (...args: unknown[]) => unknown).call(target, query, ...rest)
        }
      },
    })
  const connect = async (): Promise<C> => {
    const signal = requestSignal()
    throwIfAbandoned()
    const pending = pool.connect()
    if (signal === undefined) return guard(await pending)
    return new Promise<C>((resolvePromise, reject) => {
      const onAbort = () => {
        reject(abandoned())
        // The connection the pool hands out after the client left goes straight back.
        pending.then((client) => client.release(), () => {})
      }
      signal.addEventListener('abort', onAbort, { once: true })
      pending.then(
        (client) => {
          if (signal.aborted) return
          signal.removeEventListener('abort', onAbort)
          resolvePromise(guard(client))
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort)
          reject(error as Error)
        },
      )
    })
  }
  return new Proxy(pool, {
    get(target, prop) {
      if (prop === 'connect') return connect
      const value = Reflect.get(target, prop, target) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
