/**
 * Backups of either engine (issue 24 §7), each verified on creation.
 *
 * - PGlite: the whole data directory as a gzipped tarball (`dumpDataDir`), taken by the one
 *   process that holds the directory (data-dir-lock.ts) — so with the server stopped; verified by
 *   opening the tarball in memory and reading the applied migrations and the regions. Restored
 *   into an empty directory only; a backup the PGlite before this one wrote (PostgreSQL 18) is
 *   carried across to this one's PostgreSQL as it is restored (embedded-upgrade.ts).
 * - PostgreSQL: `pg_dump --format=custom`, consistent while the server runs (one snapshot);
 *   verified with `pg_restore --list`. Restored with `pg_restore --single-transaction` into an
 *   empty database, after the role `koers_app` (cluster-wide, outside any dump) exists.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { sql } from 'kysely'
import { AppError } from '../shared/errors.ts'
import { type DatabaseTarget, EARLIER_EMBEDDED_MAJOR, type OpenDatabase, openDatabase } from './database.ts'
import { postgresMajorOfTarball, restoreEarlierBackup } from './embedded-upgrade.ts'
import { redactUrl } from '../config.ts'

export interface BackupReport {
  engine: 'pglite' | 'postgres'
  file: string
  bytes: number
  /** What the verification read back from the backup. */
  verified: string
}

function run(command: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', (error) => fail(new AppError('backup.tool_missing', `cannot start ${command} (${(error as NodeJS.ErrnoException).code ?? error.message}): install the PostgreSQL client programs`)))
    child.on('close', (status) => done({ status: status ?? 1, stdout, stderr }))
  })
}

/** Applied migrations and regions of an open database: what a verification reports. */
async function contents(database: OpenDatabase): Promise<string> {
  const { rows: migrations } = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(database.db)
  const { rows: regions } = await sql<{ n: number }>`select count(*)::int as n from region`.execute(database.db)
  return `${migrations[0]!.n} migrations, ${regions[0]!.n} region(s)`
}

/** Writes a backup of the database to `file` and verifies it. */
export async function backupDatabase(target: { url: string } | { dataDir: string }, file: string): Promise<BackupReport> {
  const path = resolve(file)
  if ('url' in target) {
    const dump = await run('pg_dump', ['--format=custom', '--no-owner', `--file=${path}`, target.url])
    if (dump.status !== 0) throw new AppError('backup.failed', `pg_dump of ${redactUrl(target.url)} failed: ${dump.stderr.trim()}`)
    const list = await run('pg_restore', ['--list', path])
    const tables = list.stdout.split('\n').filter((l) => / TABLE DATA /.test(l)).length
    if (list.status !== 0 || tables === 0) throw new AppError('backup.failed', `the backup ${path} cannot be read: ${list.stderr.trim()}`)
    return { engine: 'postgres', file: path, bytes: statSync(path).size, verified: `${tables} tables with data` }
  }
  const database = await openDatabase(target)
  let tarball: Blob
  try {
    tarball = await database.dumpDataDir!('gzip')
  } finally {
    await database.close()
  }
  writeFileSync(path, new Uint8Array(await tarball.arrayBuffer()))
  // Verified by opening what was written, not what was in memory.
  const check = await openDatabase({ memory: true, loadDataDir: new Blob([readFileSync(path)]) })
  try {
    return { engine: 'pglite', file: path, bytes: statSync(path).size, verified: await contents(check) }
  } finally {
    await check.close()
  }
}

/** Restores a backup into an empty database or data directory; refuses to overwrite one. */
export async function restoreDatabase(target: { url: string } | { dataDir: string }, file: string): Promise<BackupReport> {
  const path = resolve(file)
  if (!existsSync(path)) throw new AppError('backup.file_missing', `the file ${path} does not exist`)
  if ('url' in target) {
    const database = await openDatabase(target)
    try {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(database.db)
      if (rows[0]!.n > 0) throw new AppError('backup.target_not_empty', `the database ${redactUrl(target.url)} is not empty: a backup is restored into an empty database only`)
      await sql`do $$ begin
        if not exists (select from pg_roles where rolname = 'koers_app') then create role koers_app nologin noinherit; end if;
      end $$`.execute(database.db)
    } finally {
      await database.close()
    }
    const restore = await run('pg_restore', ['--single-transaction', '--exit-on-error', '--no-owner', `--dbname=${target.url}`, path])
    if (restore.status !== 0) throw new AppError('backup.failed', `pg_restore into ${redactUrl(target.url)} failed (nothing changed): ${restore.stderr.trim()}`)
    const after = await openDatabase(target)
    try {
      return { engine: 'postgres', file: path, bytes: statSync(path).size, verified: await contents(after) }
    } finally {
      await after.close()
    }
  }
  const dir = resolve(target.dataDir)
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new AppError('backup.target_not_empty', `the data directory ${dir} is not empty: a backup is restored into an empty or new directory only`)
  const bytes = readFileSync(path)
  // A backup the PGlite before this one wrote (PostgreSQL 18) is carried across as it is restored (ADR 0044).
  const earlier = postgresMajorOfTarball(bytes) === String(EARLIER_EMBEDDED_MAJOR)
  if (earlier) await restoreEarlierBackup(new Blob([bytes]), dir)
  const restored = await openDatabase(earlier ? { dataDir: dir } : ({ dataDir: dir, loadDataDir: new Blob([bytes]) } satisfies DatabaseTarget))
  try {
    return { engine: 'pglite', file: path, bytes: statSync(path).size, verified: await contents(restored) }
  } finally {
    await restored.close()
  }
}
