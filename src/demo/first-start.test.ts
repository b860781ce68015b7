import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_UNDER_WAY, LOCK_FILE, lockDataDir } from '../db/data-dir-lock.ts'
import { openDatabase } from '../db/database.ts'
import { clearInterruptedDemo, isNewDataDir, whileDemoUnderWay } from './first-start.ts'

describe('the first demo build in a new data directory', () => {
  const dirs: string[] = []
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'koers-first-start-'))
    dirs.push(dir)
    return dir
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('builds step by step only in a directory that holds no database yet', () => {
    const dir = newDir()
    expect(isNewDataDir(join(dir, 'absent'))).toBe(true)
    expect(isNewDataDir(dir)).toBe(true)
    writeFileSync(join(dir, LOCK_FILE), '{}')
    expect(isNewDataDir(dir)).toBe(true)
    writeFileSync(join(dir, 'PG_VERSION'), '17')
    expect(isNewDataDir(dir)).toBe(false)
  })

  it('keeps the marker while the build runs and removes it when the demo is complete', async () => {
    const dir = newDir()
    const seen = await whileDemoUnderWay(dir, async () => existsSync(join(dir, DEMO_UNDER_WAY)))
    expect(seen).toBe(true)
    expect(readdirSync(dir)).toEqual([])
  })

  it('leaves the marker when the build fails, and the next start empties the directory', async () => {
    const dir = newDir()
    await expect(
      whileDemoUnderWay(dir, async () => {
        writeFileSync(join(dir, 'PG_VERSION'), '17')
        mkdirSync(join(dir, 'base'))
        writeFileSync(join(dir, 'base', '1'), 'half a demo')
        throw new Error('stopped halfway')
      }),
    ).rejects.toThrow('stopped halfway')
    expect(isNewDataDir(dir)).toBe(false)
    expect(clearInterruptedDemo(dir)).toBe(true)
    expect(readdirSync(dir)).toEqual([])
    expect(isNewDataDir(dir)).toBe(true)
  })

  it('lets no other command open a directory whose first demo build was interrupted, and says what to do', async () => {
    const dir = newDir()
    writeFileSync(join(dir, DEMO_UNDER_WAY), '')
    await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject({ reason: 'database.demo_unfinished', message: expect.stringContaining('koers start') })
    // Refused before PGlite touched a file, and the lock released.
    expect(readdirSync(dir)).toEqual([DEMO_UNDER_WAY])
    expect(clearInterruptedDemo(dir)).toBe(true)
    const opened = await openDatabase({ dataDir: dir })
    await opened.close()
    // A new database on disk: tens of seconds on a busy machine.
  }, 300_000)

  it('leaves a directory without the marker alone', () => {
    const dir = newDir()
    writeFileSync(join(dir, 'PG_VERSION'), '17')
    expect(clearInterruptedDemo(dir)).toBe(false)
    expect(clearInterruptedDemo(join(dir, 'absent'))).toBe(false)
    expect(readdirSync(dir)).toEqual(['PG_VERSION'])
  })

  it('does not empty a directory whose build another opener still holds', () => {
    const dir = newDir()
    writeFileSync(join(dir, DEMO_UNDER_WAY), '')
    writeFileSync(join(dir, 'PG_VERSION'), '17')
    const lock = lockDataDir(dir)
    try {
      expect(() => clearInterruptedDemo(dir)).toThrow(/in gebruik/)
      expect(readdirSync(dir).sort()).toEqual([DEMO_UNDER_WAY, LOCK_FILE, 'PG_VERSION'].sort())
    } finally {
      lock.release()
    }
  })
})
