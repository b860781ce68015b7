/**
 * Carrying an embedded database across a PostgreSQL major version (ADR 0044). The PGlite Koers
 * runs (EMBEDDED_POSTGRES_MAJOR) cannot open a data directory, nor restore a backup, that the
 * PGlite before it wrote with PostgreSQL 18. So Koers keeps that older PGlite as the dependency
 * `pglite-pg18`, for this only, and carries such a database across:
 *
 * 1. the old one is opened with the older engine and only read (PGlite still writes its own files
 *    as it opens and closes; the data stay as they were);
 * 2. a new directory is made with this Koers' engine and migrated to the old one's last migration;
 * 3. every table's rows go across with COPY, but the migrator's own, which the new database's
 *    migrations write (text format, triggers and foreign-key checks off:
 *    the rows were checked when they were written, and the kept facts are copied as they are),
 *    every sequence keeps its position, and each table's rows are compared, by count and by a
 *    checksum of their text;
 * 4. the migrations the old one lacked run, and the statistics are gathered.
 *
 * `koers db upgrade` then puts the new directory in the old one's place and keeps the old one
 * beside it; `koers db restore` restores an old backup the same way, straight into its empty
 * directory. A failure leaves the old directory and the backup as they were and removes the
 * half-made copy.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { Kysely } from 'kysely'
import { AppError } from '../shared/errors.ts'
import { copyAwarePGlite } from './copy.ts'
import { DEMO_UNDER_WAY, LOCK_FILE, lockDataDir } from './data-dir-lock.ts'
import { EARLIER_EMBEDDED_MAJOR, EMBEDDED_POSTGRES_MAJOR, createPGlite, postgresMajorOfDir } from './database.ts'
import { migrateToLatest } from './migrate.ts'
import { migrations } from './migrations/index.ts'
import { PGliteDialect } from './pglite-dialect.ts'

/** What an upgrade or an upgrading restore did. */
export interface UpgradeReport {
  tables: number
  rows: number
  /** The migrations run after the copy: those the old database lacked. */
  migrated: string[]
}

/** The statements both engines answer that the copy uses. */
interface Engine {
  query<R>(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ rows: R[]; blob?: Blob }>
  close(): Promise<void>
}

/**
 * The PostgreSQL major that wrote a PGlite backup (a tarball, gzipped or not, of the data
 * directory): the content of its first PG_VERSION entry, or null when it has none.
 */
export function postgresMajorOfTarball(bytes: Uint8Array): string | null {
  let tar: Buffer
  try {
    tar = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  } catch {
    return null
  }
  // ustar: 512-byte headers, the name at 0 (100 bytes) with its prefix at 345 (155), the size in octal at 124.
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512)
    if (header.every((b) => b === 0)) break
    const field = (from: number, length: number) => header.subarray(from, from + length).toString('latin1').replace(/\0.*$/s, '')
    const name = `${field(345, 155)}/${field(0, 100)}`
    const size = Number.parseInt(field(124, 12).trim() || '0', 8)
    if (Number.isNaN(size)) return null
    if (name.endsWith('/PG_VERSION')) return tar.subarray(at + 512, at + 512 + size).toString('latin1').trim()
    at += 512 + Math.ceil(size / 512) * 512
  }
  return null
}

/** The older engine on a data directory or a backup; its own btree_gist, which the schema uses. */
async function openEarlier(source: { dataDir: string } | { tarball: Blob }): Promise<Engine> {
  const { PGlite } = await import('pglite-pg18')
  const { btree_gist } = await import('pglite-pg18/contrib/btree_gist')
  return (await PGlite.create({ ...('dataDir' in source ? { dataDir: resolve(source.dataDir) } : { loadDataDir: source.tarball }), extensions: { btree_gist } })) as unknown as Engine
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`

/** The tables of the public schema, without the migrator's own (the new database's migrations write those). */
async function tablesOf(engine: Engine): Promise<string[]> {
  const { rows } = await engine.query<{ name: string }>(
    "select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' and c.relname not like 'kysely\\_migration%' order by c.relname",
  )
  return rows.map((r) => r.name)
}

/** A table's stored columns, in order (generated columns are computed again by the new engine). */
async function columnsOf(engine: Engine, table: string): Promise<string[]> {
  const { rows } = await engine.query<{ name: string }>(
    "select a.attname as name from pg_attribute a where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' order by a.attnum",
    [`public.${quoted(table)}`],
  )
  return rows.map((r) => r.name)
}

/**
 * A table's rows and a checksum of their content that does not depend on their order: the sum of
 * a 60-bit hash of each row's text. Bounded in memory however large the table.
 */
async function contentOf(engine: Engine, table: string): Promise<{ rows: number; checksum: string }> {
  const { rows } = await engine.query<{ n: string | number; checksum: string }>(
    `select count(*) as n, coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint), 0)::text as checksum from public.${quoted(table)} as t`,
  )
  return { rows: Number(rows[0]!.n), checksum: rows[0]!.checksum }
}

/**
 * Copies the database `from` (the older engine; only read) into a new one in `toDir` (this
 * Koers' engine; a directory that does not exist yet, or holds only Koers' lock), as described
 * at the top of this file.
 */
async function copyAcross(from: Engine, toDir: string): Promise<UpgradeReport> {
  const { rows: applied } = await from.query<{ name: string }>('select name from kysely_migration order by name')
  const known = new Set(migrations.map((m) => m.name))
  const unknown = applied.filter((m) => !known.has(m.name)).map((m) => m.name)
  if (unknown.length > 0) {
    throw new AppError('database.upgrade_from_newer', `the old database has migrations this Koers does not know (${unknown.join(', ')}): upgrade it with the Koers that wrote it, or a newer one`)
  }
  const to = await createPGlite(toDir)
  const engine = to as unknown as Engine
  // The migrations run untyped SQL (migrate.ts takes Kysely<any>).
  const db = new Kysely<any>({ dialect: new PGliteDialect({ pglite: copyAwarePGlite(to) }) })
  let report: UpgradeReport
  try {
    const last = applied.at(-1)?.name
    if (last !== undefined) await migrateToLatest(db, { upTo: last })
    const tables = await tablesOf(from)
    const theirs = await tablesOf(engine)
    if (tables.join() !== theirs.join()) throw new AppError('database.upgrade_failed', `the old and the new database differ in their tables after the same migrations (${tables.length} against ${theirs.length})`)
    let rows = 0
    await engine.query('begin')
    try {
      // The copy writes what the old database held, triggers and foreign-key checks off (superuser: no row-level security either).
      await engine.query('set local session_replication_role = replica')
      // What the migrations wrote themselves (reference tables) comes across with the rest.
      if (tables.length > 0) await engine.query(`truncate ${tables.map((t) => `public.${quoted(t)}`).join(', ')}`)
      for (const table of tables) {
        const columns = await columnsOf(from, table)
        if (columns.join() !== (await columnsOf(engine, table)).join()) throw new AppError('database.upgrade_failed', `the table ${table} has other columns in the new database after the same migrations`)
        const list = columns.map(quoted).join(', ')
        const { blob } = await from.query(`copy public.${quoted(table)} (${list}) to '/dev/blob'`)
        if (blob === undefined || blob.size === 0) continue
        await engine.query(`copy public.${quoted(table)} (${list}) from '/dev/blob'`, [], { blob })
      }
      const { rows: sequences } = await from.query<{ name: string; last: string | null }>(
        "select format('%I.%I', schemaname, sequencename) as name, last_value::text as last from pg_sequences where schemaname = 'public'",
      )
      for (const s of sequences) {
        if (s.last === null) await engine.query('select setval($1::regclass, 1, false)', [s.name])
        else await engine.query('select setval($1::regclass, $2::bigint, true)', [s.name, s.last])
      }
      for (const table of tables) {
        const [before, after] = [await contentOf(from, table), await contentOf(engine, table)]
        if (before.rows !== after.rows) throw new AppError('database.upgrade_failed', `the table ${table} has ${after.rows} rows in the new database against ${before.rows} in the old one`)
        if (before.checksum !== after.checksum) throw new AppError('database.upgrade_failed', `the rows of the table ${table} differ in the new database from those in the old one`)
        rows += after.rows
      }
      await engine.query('commit')
    } catch (error) {
      // The copy's own error is the one to report, not one of the rollback.
      await engine.query('rollback').catch(() => undefined)
      throw error
    }
    const { applied: migrated } = await migrateToLatest(db)
    await engine.query('analyze')
    report = { tables: tables.length, rows, migrated }
  } catch (error) {
    // The copy's error is the one to report, not one of closing what it made.
    await db.destroy().catch(() => undefined)
    await to.close().catch(() => undefined)
    throw error
  }
  // Closed with its errors: the new database is complete only when it is written.
  await db.destroy()
  await to.close()
  return report
}

/** Runs `work` on the older engine, closed afterwards; an error of closing it does not hide one of the work. */
async function withEarlier<T>(source: { dataDir: string } | { tarball: Blob }, work: (from: Engine) => Promise<T>): Promise<T> {
  const from = await openEarlier(source)
  let value: T
  try {
    value = await work(from)
  } catch (error) {
    await from.close().catch(() => undefined)
    throw error
  }
  await from.close()
  return value
}

/** An error of the copy as Koers reports it: an AppError as it is, anything else as `database.upgrade_failed`. */
function failed(error: unknown, what: string): AppError {
  if (error instanceof AppError) return error
  return new AppError('database.upgrade_failed', `${what}: ${error instanceof Error ? error.message : String(error)}`)
}

/**
 * `koers db upgrade`: carries the data directory `dataDir`, written by PostgreSQL 18, across to
 * this Koers' engine. The old directory is kept beside it as `<dataDir>.pg18` (or with a number
 * when that exists); the report says where.
 */
export async function upgradeDataDir(dataDir: string): Promise<UpgradeReport & { keptAs: string | null }> {
  const dir = resolve(dataDir)
  const written = postgresMajorOfDir(dir)
  if (written === null) throw new AppError('database.upgrade_nothing', `${dir} holds no embedded database`)
  if (written === String(EMBEDDED_POSTGRES_MAJOR)) return { tables: 0, rows: 0, migrated: [], keptAs: null }
  if (written !== String(EARLIER_EMBEDDED_MAJOR)) {
    throw new AppError('database.upgrade_unknown_version', `${dir} was written by PostgreSQL ${written}; this Koers carries PostgreSQL ${EMBEDDED_POSTGRES_MAJOR} and can carry a database of PostgreSQL ${EARLIER_EMBEDDED_MAJOR} across, no other`)
  }
  const lock = lockDataDir(dir)
  try {
    if (existsSync(join(dir, DEMO_UNDER_WAY))) {
      throw new AppError('database.demo_unfinished', `${dir} holds a demo whose first build was interrupted: there is nothing to carry across; koers start empties the directory and builds the demo again`)
    }
    const next = `${dir}.pg${EMBEDDED_POSTGRES_MAJOR}-upgrade`
    let report: UpgradeReport
    try {
      // What an earlier try left.
      rmSync(next, { recursive: true, force: true })
      report = await withEarlier({ dataDir: dir }, (from) => copyAcross(from, next))
    } catch (error) {
      rmSync(next, { recursive: true, force: true })
      throw failed(error, `carrying ${dir} across failed (it is as it was)`)
    }
    let keptAs = `${dir}.pg${EARLIER_EMBEDDED_MAJOR}`
    for (let n = 2; existsSync(keptAs); n++) keptAs = `${dir}.pg${EARLIER_EMBEDDED_MAJOR}-${n}`
    // The old directory moves aside (its lock file with it) and the new one takes its place; when
    // the second step fails, the first is undone.
    try {
      renameSync(dir, keptAs)
    } catch (error) {
      rmSync(next, { recursive: true, force: true })
      throw failed(error, `moving ${dir} aside to ${keptAs} failed (it is as it was; the data directory must not be a mount point)`)
    }
    try {
      renameSync(next, dir)
    } catch (error) {
      let back = true
      try {
        renameSync(keptAs, dir)
      } catch {
        back = false
      }
      throw failed(error, `putting the new database in place of ${dir} failed: ${back ? `${dir} is as it was` : `the old database is in ${keptAs}`}, the new one in ${next}`)
    }
    rmSync(join(keptAs, LOCK_FILE), { force: true })
    return { ...report, keptAs }
  } finally {
    lock.release()
  }
}

/**
 * `koers db restore` of a backup the older engine wrote: restored into `dataDir` (new or empty,
 * which the caller checked) on this Koers' engine. A failure leaves the directory empty.
 */
export async function restoreEarlierBackup(tarball: Blob, dataDir: string): Promise<UpgradeReport> {
  const dir = resolve(dataDir)
  mkdirSync(dir, { recursive: true })
  const lock = lockDataDir(dir)
  try {
    return await withEarlier({ tarball }, (from) => copyAcross(from, dir))
  } catch (error) {
    for (const name of readdirSync(dir)) if (name !== LOCK_FILE) rmSync(join(dir, name), { recursive: true, force: true })
    throw failed(error, `restoring the backup into ${dir} failed (the directory is empty again)`)
  } finally {
    lock.release()
  }
}
