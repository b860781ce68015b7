import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

const bin = join(import.meta.dirname, '../../bin/koers.mjs')
function koers(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('the koers command', () => {
  it('prints help on --help for every command, and exits 2 on an unknown command', () => {
    expect(koers(['--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('Commands:') })
    expect(koers(['start', '--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('--no-demo') })
    expect(koers(['demo', '--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('--client-scale') })
    expect(koers(['db', 'migrate', '--help'])).toMatchObject({ status: 0 })
    expect(koers(['frobnicate'])).toMatchObject({ status: 2, stderr: expect.stringContaining("unknown command 'frobnicate'") })
    expect(koers(['demo', '--region', 'atlantis'])).toMatchObject({ status: 2, stderr: expect.stringContaining('--region must be one of') })
  })

  it('names a bad environment value in one line and exits non-zero', () => {
    const bad = koers(['db', 'migrate'], { PORT: 'eighty' })
    expect(bad.status).toBe(1)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
    expect(bad.stderr).toContain('PORT')
    expect(bad.stderr).toContain('[config.invalid]')
    const url = koers(['db', 'migrate'], { DATABASE_URL: 'mysql://user:secret@host/db' })
    expect(url.stderr).toMatch(/^koers: DATABASE_URL .*\[config\.invalid\]$/m)
    expect(url.stderr).not.toContain('secret')
  })

  it('says which server it cannot reach, without the password', () => {
    const r = koers(['db', 'migrate'], { DATABASE_URL: 'postgres://koers:hunter2@127.0.0.1:1/koers' })
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/^koers: .*postgres:\/\/koers:\*\*\*@127\.0\.0\.1:1\/koers.*\[database\.unreachable\]$/m)
    expect(r.stderr).not.toContain('hunter2')
  })

  it('refuses an unwritable data directory by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'koers-'))
    const file = join(dir, 'not-a-dir')
    writeFileSync(file, '')
    const r = koers(['db', 'migrate'], { KOERS_DATA_DIR: file })
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/KOERS_DATA_DIR .*not-a-dir.*\[database\.data_dir_unwritable\]$/m)
    rmSync(dir, { recursive: true })
  })

  it('migrates an embedded database, and says so the second time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'koers-'))
    expect(koers(['db', 'migrate'], { KOERS_DATA_DIR: dir }).stdout).toContain('applied on pglite: 0001-region-model, 0002-row-level-security, 0003-aggregates')
    expect(koers(['db', 'migrate'], { KOERS_DATA_DIR: dir }).stdout).toContain('up to date')
    rmSync(dir, { recursive: true })
  })
})
