import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { LOCK_FILE } from './data-dir-lock.ts'
import { openDatabase } from './database.ts'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'koers-lock-'))
  dirs.push(dir)
  return dir
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** Issue 24: one process per PGlite data directory. */
describe('the lock on a PGlite data directory', () => {
  it('refuses a second opener in Dutch, naming the owner, and leaves the directory intact', async () => {
    const dir = tempDir()
    const first = await openDatabase({ dataDir: dir })
    await sql`create table kept (n int)`.execute(first.db)
    await sql`insert into kept values (42)`.execute(first.db)
    await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject({ reason: 'database.data_dir_in_use', message: expect.stringContaining(`(proces ${process.pid}`) })
    // Another process: the CLI refuses too, before it touches a file.
    const cli = spawnSync(process.execPath, ['bin/koers.mjs', 'db', 'migrate'], { env: { ...process.env, KOERS_FROM_SOURCE: '1', DATABASE_URL: '', KOERS_DATA_DIR: dir }, encoding: 'utf8' })
    expect(cli.status).not.toBe(0)
    expect(cli.stderr).toContain('in gebruik door een ander Koers-proces')
    await first.close()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    const again = await openDatabase({ dataDir: dir })
    expect((await sql<{ n: number }>`select n from kept`.execute(again.db)).rows).toEqual([{ n: 42 }])
    await again.close()
  })

  it('takes over the lock of a process that is gone', async () => {
    const dir = tempDir()
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: Number(gone.stdout), host: hostname(), command: 'koers start', since: '2026-12-01T00:00:00Z' }))
    const database = await openDatabase({ dataDir: dir })
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid })
    await database.close()
  })
})
