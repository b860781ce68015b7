/** Opening the embedded engine: the PostgreSQL it carries, and why a directory does not open. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EARLIER_EMBEDDED_MAJOR, EMBEDDED_POSTGRES_MAJOR, createPGlite, openDatabase } from './database.ts'

describe('the embedded engine', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

  it('carries the PostgreSQL major version Koers names in its messages', async () => {
    const pglite = await createPGlite()
    try {
      const { rows } = await pglite.query<{ server_version_num: string }>('show server_version_num')
      expect(Math.floor(Number(rows[0]!.server_version_num) / 10000)).toBe(EMBEDDED_POSTGRES_MAJOR)
    } finally {
      await pglite.close()
    }
  }, 300_000)

  it.each([
    [EARLIER_EMBEDDED_MAJOR, 'run koers db upgrade to carry it across'],
    [EMBEDDED_POSTGRES_MAJOR + 1, 'open it with the Koers that wrote it'],
  ])('refuses a directory written by PostgreSQL %s naming both versions and what to do, and leaves it as it was', async (major, advice) => {
    const dir = mkdtempSync(join(tmpdir(), 'koers-pgversion-'))
    dirs.push(dir)
    const other = String(major)
    writeFileSync(join(dir, 'PG_VERSION'), `${other}\n`)
    const refusal = { reason: 'database.embedded_unavailable', message: expect.stringMatching(new RegExp(`it was written by PostgreSQL ${other}, and this Koers carries PostgreSQL ${EMBEDDED_POSTGRES_MAJOR}; ${advice}`)) }
    await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject(refusal)
    // The lock was let go: a second try gets the same answer, not "in use".
    await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject(refusal)
    expect(readdirSync(dir)).toEqual(['PG_VERSION'])
    expect(readFileSync(join(dir, 'PG_VERSION'), 'utf8')).toBe(`${other}\n`)
  }, 300_000)
})
