import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { spawnSync } from 'node:child_process'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { istandaardenDir } from '../istandaarden/testing/shared-dir.ts'

const root = join(import.meta.dirname, '../..')
const bin = join(root, 'bin/koers.mjs')
/** The command as built from these sources (KOERS_FROM_SOURCE: whatever dist/ holds); the compiled build has its own test below. */
function koers(args: string[], env: Record<string, string> = {}, command: string[] = [bin]) {
  const r = spawnSync(process.execPath, [...command, ...args], { env: { PATH: process.env.PATH ?? '', KOERS_FROM_SOURCE: '1', ...env }, encoding: 'utf8', timeout: 180_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

// Each test starts the command several times; a busy machine (CI beside other work) can take tens of seconds per start.
describe('the koers command', { timeout: 300_000 }, () => {
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

  it('does not serve when the web app built beside it fails (npm start: scripts/start.mjs, startBeside)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'koers-'))
    // As scripts/start.mjs calls it, with a web build that fails while the database is being opened.
    const script = `const { startBeside } = await import(${JSON.stringify(pathToFileURL(join(root, 'src/cli/main.ts')).href)})
      const web = new Promise((_, reject) => setTimeout(() => reject(new Error('building the web app (npm run build:web) failed (exit code 1)')), 100))
      process.exitCode = await startBeside(['--no-demo'], web)`
    const r = koers([], { KOERS_DATA_DIR: dir, PORT: '3497' }, ['--import', 'tsx', '--input-type=module', '-e', script])
    expect(r.stderr).toContain('koers: not serving: building the web app (npm run build:web) failed (exit code 1)')
    expect(r.status).toBe(1)
    expect(r.stdout).not.toContain('Koers serves')
    // The database was opened and migrated meanwhile, and closed again.
    expect(koers(['db', 'migrate'], { KOERS_DATA_DIR: dir }).stdout).toContain('up to date')
    rmSync(dir, { recursive: true })
  })

  it('runs the same from the compiled build (scripts/build-server.mjs, ADR 0024)', async () => {
    // Built beside the packages it imports, so that they resolve as from dist/.
    const outdir = mkdtempSync(join(root, 'node_modules/.cache-koers-build-'))
    try {
      const built = spawnSync(process.execPath, ['scripts/build-server.mjs', '--outdir', outdir, '--quiet'], { cwd: root, encoding: 'utf8', timeout: 120_000 })
      expect(built.status, built.stderr).toBe(0)
      expect(existsSync(join(outdir, 'tokenize-worker.mjs'))).toBe(true)
      expect(existsSync(join(outdir, 'waarnemer-verkeer-worker.mjs'))).toBe(true)
      // What bin/koers.mjs does with dist/koers.mjs, with the bundle just built.
      const compiled = ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(pathToFileURL(join(outdir, 'koers.mjs')).href)}); process.exitCode = await main(process.argv.slice(1))`, '--']
      expect(koers(['--help'], {}, compiled)).toEqual(koers(['--help']))
      expect(koers(['frobnicate'], {}, compiled)).toMatchObject({ status: 2, stderr: expect.stringContaining("unknown command 'frobnicate'") })
      const example = join(istandaardenDir(), 'ijw-3.2/examples/JW301.xml')
      expect(koers(['messages', 'validate', example], {}, compiled)).toEqual(koers(['messages', 'validate', example]))
      // The demo's second-core worker (koers start) runs from the build: a small observing region's traffic.
      const traffic = await new Promise<{ code: string }[]>((resolve, reject) => {
        const worker = new Worker(join(outdir, 'waarnemer-verkeer-worker.mjs'), { workerData: { today: '2026-12-06', seed: 11, clientScale: 0.005, historyClientsPerGemeente: 4 } })
        worker.once('message', (made: { code: string }[]) => {
          resolve(made)
          void worker.terminate()
        })
        worker.once('error', reject)
        worker.once('exit', (code) => reject(new Error(`the compiled worker stopped before it answered (exit code ${code})`)))
      })
      expect(traffic.length).toBeGreaterThan(20)
      expect(new Set(traffic.map((m) => m.code)).size).toBeGreaterThan(3)
    } finally {
      rmSync(outdir, { recursive: true, force: true })
    }
  })
})
