import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { newRegion } from '../test/factory.ts'
import { backupDatabase, restoreDatabase } from './backup.ts'
import { openDatabase } from './database.ts'
import { migrateToLatest } from './migrate.ts'

const dir = mkdtempSync(join(tmpdir(), 'koers-backup-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const regionCodes = async (target: { url: string } | { dataDir: string }) => {
  const database = await openDatabase(target)
  try {
    return (await database.db.selectFrom('region').select('code').orderBy('code').execute()).map((r) => r.code)
  } finally {
    await database.close()
  }
}

/** Issue 24 §7: a backup of either engine, verified when written, restored only into an empty place. */
// Builds, backs up and restores whole databases through the command: generous on a busy machine.
describe('koers db backup and restore', { timeout: 300_000 }, () => {
  it('on PGlite: backs up a data directory, restores it into a new one with the same data, and overwrites nothing', async () => {
    const source = join(dir, 'bron')
    const database = await openDatabase({ dataDir: source })
    await migrateToLatest(database.db)
    await newRegion(database.db)
    // While the directory is open, no backup: one process per directory.
    await expect(backupDatabase({ dataDir: source }, join(dir, 'tijdens.tar.gz'))).rejects.toMatchObject({ reason: 'database.data_dir_in_use' })
    await database.close()
    const before = await regionCodes({ dataDir: source })

    const file = join(dir, 'koers.tar.gz')
    const written = await backupDatabase({ dataDir: source }, file)
    expect(written).toMatchObject({ engine: 'pglite', verified: expect.stringMatching(/^\d+ migrations, 1 region\(s\)$/) })
    const target = join(dir, 'terug')
    expect(await restoreDatabase({ dataDir: target }, file)).toMatchObject({ engine: 'pglite', verified: written.verified })
    expect(await regionCodes({ dataDir: target })).toEqual(before)
    await expect(restoreDatabase({ dataDir: source }, file)).rejects.toMatchObject({ reason: 'backup.target_not_empty' })
    expect(existsSync(join(target, 'koers.lock'))).toBe(false)
  })

  it.skipIf(!process.env.TEST_DATABASE_URL)('on PostgreSQL: backs up with pg_dump, restores into an empty database with the same data, and overwrites nothing', async () => {
    const admin = process.env.TEST_DATABASE_URL!
    const names = [`koers_bak_${randomBytes(5).toString('hex')}`, `koers_bak_${randomBytes(5).toString('hex')}`]
    const urls = names.map((name) => {
      const url = new URL(admin)
      url.pathname = `/${name}`
      return url.toString()
    })
    const client = new pg.Client({ connectionString: admin })
    await client.connect()
    for (const name of names) await client.query(`create database ${name}`)
    try {
      const source = await openDatabase({ url: urls[0]! })
      await migrateToLatest(source.db)
      await newRegion(source.db)
      await source.close()
      const file = join(dir, 'koers.dump')
      expect(await backupDatabase({ url: urls[0]! }, file)).toMatchObject({ engine: 'postgres', verified: expect.stringMatching(/tables with data$/) })
      expect(await restoreDatabase({ url: urls[1]! }, file)).toMatchObject({ engine: 'postgres', verified: expect.stringMatching(/migrations, 1 region\(s\)$/) })
      expect(await regionCodes({ url: urls[1]! })).toEqual(await regionCodes({ url: urls[0]! }))
      await expect(restoreDatabase({ url: urls[0]! }, file)).rejects.toMatchObject({ reason: 'backup.target_not_empty' })
    } finally {
      for (const name of names) await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    }
  })
})
