/**
 * Carrying an embedded database written by PostgreSQL 18 (PGlite 0.5) across to this Koers'
 * engine (ADR 0044): a data directory with `koers db upgrade`, a backup with `koers db restore`.
 * The old databases are made here with the older engine itself (`pglite-pg18`).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Kysely, sql } from 'kysely'
import { PGlite as PGlite18 } from 'pglite-pg18'
import { btree_gist as btreeGist18 } from 'pglite-pg18/contrib/btree_gist'
import { afterAll, describe, expect, it } from 'vitest'
import { buildDemoRegion } from '../demo/build-demo.ts'
import { restoreDatabase } from './backup.ts'
import { copyAwarePGlite } from './copy.ts'
import { lockDataDir } from './data-dir-lock.ts'
import { EARLIER_EMBEDDED_MAJOR, EMBEDDED_POSTGRES_MAJOR, type Database, embeddedTypes, openDatabase, postgresMajorOfDir } from './database.ts'
import { postgresMajorOfTarball, upgradeDataDir } from './embedded-upgrade.ts'
import { migrateToLatest } from './migrate.ts'
import { migrations } from './migrations/index.ts'
import { PGliteDialect } from './pglite-dialect.ts'

const root = mkdtempSync(join(tmpdir(), 'koers-upgrade-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Opens (or makes) a database with the older engine, as Koers before PGlite 0.6 did. */
async function openOld(dataDir: string): Promise<{ db: Database; pglite: PGlite18; close(): Promise<void> }> {
  const pglite = await PGlite18.create({ dataDir, extensions: { btree_gist: btreeGist18 }, ...embeddedTypes })
  const db = new Kysely({ dialect: new PGliteDialect({ pglite: copyAwarePGlite(pglite) as never }) }) as Database
  return { db, pglite, close: async () => (await db.destroy(), await pglite.close()) }
}

/** What the test compares on both sides: each ledger table's rows as text, in order, and where the identities stand. */
async function ledger(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const table of ['region', 'app_user', 'client', 'toewijzing', 'message', 'declaratie', 'declaratie_regel', 'realisatie_maand', 'uitkomst_meting']) {
    const { rows } = await sql<{ text: string | null; n: number }>`select md5(string_agg(t::text, E'\n' order by t::text)) as text, count(*)::int as n from ${sql.table(table)} as t`.execute(db)
    out[table] = `${rows[0]!.n} ${rows[0]!.text}`
  }
  const { rows } = await sql<{ name: string; last: string | null }>`select sequencename as name, last_value::text as last from pg_sequences where schemaname = 'public' order by 1`.execute(db)
  out.sequences = rows.map((r) => `${r.name}=${r.last}`).join(' ')
  return out
}

describe('carrying an embedded database of PostgreSQL 18 across', { timeout: 600_000 }, () => {
  it('upgrades a directory with the demo: the same rows, identities that go on, the old directory kept beside it as it was', async () => {
    const dir = join(root, 'data')
    const old = await openOld(dir)
    await migrateToLatest(old.db)
    await buildDemoRegion(old.db, 'zuidoost-utrecht', { clientScale: 0.02, historyClientsPerGemeente: 6, today: '2026-11-30' })
    const before = await ledger(old.db)
    await old.close()
    expect(postgresMajorOfDir(dir)).toBe(String(EARLIER_EMBEDDED_MAJOR))
    expect(Number(before.message!.split(' ')[0])).toBeGreaterThan(50)

    // This Koers refuses to open it, and says what to do.
    await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject({ reason: 'database.embedded_unavailable', message: expect.stringContaining('run koers db upgrade') })

    const report = await upgradeDataDir(dir)
    expect(report).toMatchObject({ keptAs: `${dir}.pg${EARLIER_EMBEDDED_MAJOR}`, migrated: [] })
    expect(report.tables).toBeGreaterThan(60)
    expect(postgresMajorOfDir(dir)).toBe(String(EMBEDDED_POSTGRES_MAJOR))
    expect(readdirSync(root).sort()).toEqual(['data', `data.pg${EARLIER_EMBEDDED_MAJOR}`])
    expect(existsSync(join(dir, 'koers.lock')) || existsSync(join(report.keptAs!, 'koers.lock'))).toBe(false)

    const upgraded = await openDatabase({ dataDir: dir })
    try {
      expect(await ledger(upgraded.db)).toEqual(before)
      // The identities go on where they stood, and the triggers run again (the copy switched them off for itself only).
      const region = await upgraded.db.insertInto('region').values({ code: 'nieuw', name: 'Nieuwe regio' }).returning('id').executeTakeFirstOrThrow()
      expect(region.id).toBeGreaterThan(Math.max(...(await upgraded.db.selectFrom('region').select('id').where('code', '<>', 'nieuw').execute()).map((r) => r.id)))
      const { rows } = await sql<{ setting: string }>`select current_setting('session_replication_role') as setting`.execute(upgraded.db)
      expect(rows[0]!.setting).toBe('origin')
    } finally {
      await upgraded.close()
    }
    // The old directory was not changed: it opens with the older engine and holds the same.
    const kept = await openOld(report.keptAs!)
    try {
      expect(await ledger(kept.db)).toEqual(before)
    } finally {
      await kept.close()
    }
    // A second run has nothing to do.
    expect(await upgradeDataDir(dir)).toEqual({ tables: 0, rows: 0, migrated: [], keptAs: null })
  })

  it('runs the migrations the old directory lacked, and restores a backup the older engine wrote', async () => {
    const dir = join(root, 'ouder')
    const old = await openOld(dir)
    const upTo = migrations.at(-3)!.name
    await migrateToLatest(old.db, { upTo })
    await old.db.insertInto('region').values({ code: 'zou', name: 'Zuidoost-Utrecht' }).execute()
    const tarball = new Uint8Array(await (await old.pglite.dumpDataDir('gzip')).arrayBuffer())
    expect(postgresMajorOfTarball(tarball)).toBe(String(EARLIER_EMBEDDED_MAJOR))
    expect(postgresMajorOfTarball(new Uint8Array(await (await old.pglite.dumpDataDir('none')).arrayBuffer()))).toBe(String(EARLIER_EMBEDDED_MAJOR))
    expect(postgresMajorOfTarball(new TextEncoder().encode('geen tarball'))).toBeNull()
    await old.close()

    const report = await upgradeDataDir(dir)
    expect(report.migrated).toEqual(migrations.slice(-2).map((m) => m.name))
    const upgraded = await openDatabase({ dataDir: dir })
    try {
      expect(await upgraded.db.selectFrom('region').select('code').execute()).toEqual([{ code: 'zou' }])
      expect(await migrateToLatest(upgraded.db)).toEqual({ applied: [] })
    } finally {
      await upgraded.close()
    }

    const file = join(root, 'oud.tar.gz')
    writeFileSync(file, tarball)
    const restored = await restoreDatabase({ dataDir: join(root, 'terug') }, file)
    expect(restored).toMatchObject({ engine: 'pglite', verified: `${migrations.length} migrations, 1 region(s)` })
    expect(postgresMajorOfDir(join(root, 'terug'))).toBe(String(EMBEDDED_POSTGRES_MAJOR))
    expect(readdirSync(root).filter((name) => name.startsWith('terug'))).toEqual(['terug'])
  })

  it('changes nothing when it cannot carry a directory across: one of a newer Koers, a copy that fails halfway, one in use, one of another PostgreSQL', async () => {
    const dir = join(root, 'nieuwer')
    const old = await openOld(dir)
    await migrateToLatest(old.db)
    await sql`insert into kysely_migration (name, timestamp) values ('9999-van-later', '2030-01-01')`.execute(old.db)
    writeFileSync(join(root, 'nieuwer.tar.gz'), new Uint8Array(await (await old.pglite.dumpDataDir('gzip')).arrayBuffer()))
    await old.close()
    const files = readdirSync(dir).sort()
    await expect(upgradeDataDir(dir)).rejects.toMatchObject({ reason: 'database.upgrade_from_newer', message: expect.stringContaining('9999-van-later') })
    expect(readdirSync(dir).sort()).toEqual(files)
    expect(readdirSync(root).filter((name) => name.startsWith('nieuwer'))).toEqual(['nieuwer', 'nieuwer.tar.gz'])
    expect(postgresMajorOfDir(dir)).toBe(String(EARLIER_EMBEDDED_MAJOR))
    // Its backup is not restored either: the target directory is left empty.
    await expect(restoreDatabase({ dataDir: join(root, 'terug-nieuwer') }, join(root, 'nieuwer.tar.gz'))).rejects.toMatchObject({ reason: 'database.upgrade_from_newer' })
    expect(readdirSync(join(root, 'terug-nieuwer'))).toEqual([])

    // A copy that fails halfway, after the new database was made: the old one has a table this Koers' migrations do not make.
    const extra = join(root, 'extra')
    const withExtra = await openOld(extra)
    await migrateToLatest(withExtra.db)
    await sql`create table eigen_lijst (id int primary key)`.execute(withExtra.db)
    await withExtra.close()
    const extraFiles = readdirSync(extra).sort()
    await expect(upgradeDataDir(extra)).rejects.toMatchObject({ reason: 'database.upgrade_failed', message: expect.stringContaining('differ in their tables') })
    expect(readdirSync(root).filter((name) => name.startsWith('extra'))).toEqual(['extra'])
    expect(readdirSync(extra).sort()).toEqual(extraFiles)

    // A copy that fails in the middle of the rows: a region the new database's check refuses (the old one lost that check).
    const broken = join(root, 'kapot')
    const withBadRow = await openOld(broken)
    await migrateToLatest(withBadRow.db)
    await sql`alter table region drop constraint region_name_check`.execute(withBadRow.db)
    await sql`insert into region (code, name) values ('leeg', '')`.execute(withBadRow.db)
    writeFileSync(join(root, 'kapot.tar.gz'), new Uint8Array(await (await withBadRow.pglite.dumpDataDir('gzip')).arrayBuffer()))
    await withBadRow.close()
    const brokenFiles = readdirSync(broken).sort()
    await expect(upgradeDataDir(broken)).rejects.toMatchObject({ reason: 'database.upgrade_failed', message: expect.stringMatching(/^carrying .*kapot across failed \(it is as it was\): .*region_name_check/) })
    expect(readdirSync(root).filter((name) => name.startsWith('kapot'))).toEqual(['kapot', 'kapot.tar.gz'])
    expect(readdirSync(broken).sort()).toEqual(brokenFiles)
    // Its backup, restored, leaves the target directory empty again.
    await expect(restoreDatabase({ dataDir: join(root, 'terug-kapot') }, join(root, 'kapot.tar.gz'))).rejects.toMatchObject({ reason: 'database.upgrade_failed', message: expect.stringContaining('the directory is empty again') })
    expect(readdirSync(join(root, 'terug-kapot'))).toEqual([])

    // A directory another Koers holds is not touched.
    const lock = lockDataDir(extra)
    try {
      await expect(upgradeDataDir(extra)).rejects.toMatchObject({ reason: 'database.data_dir_in_use' })
    } finally {
      lock.release()
    }

    const other = join(root, 'andere')
    rmSync(other, { recursive: true, force: true })
    mkdirSync(other)
    writeFileSync(join(other, 'PG_VERSION'), '16\n')
    await expect(upgradeDataDir(other)).rejects.toMatchObject({ reason: 'database.upgrade_unknown_version' })
    expect(readFileSync(join(other, 'PG_VERSION'), 'utf8')).toBe('16\n')
  })
})
