/**
 * Once per e2e run: the demo region is built into one embedded database (1–2 minutes), and
 * every e2e file starts its server on a copy of it (startServer in server.ts), so the files
 * stay independent without each paying for the build. The servers run the compiled build, as
 * `npm start` does: it is built first from the sources under test (ADR 0024).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplate: string
  }
}

export default function setup(project: TestProject): () => void {
  const root = join(import.meta.dirname, '..')
  const build = spawnSync(process.execPath, ['scripts/build-server.mjs', '--quiet'], { cwd: root, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`the compiled build failed: ${build.stderr}`)
  const dir = mkdtempSync(join(tmpdir(), 'koers-e2e-template-'))
  const demo = spawnSync(process.execPath, ['bin/koers.mjs', 'demo', '--client-scale', '0.05'], { cwd: root, env: { ...process.env, KOERS_DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8' })
  if (demo.status !== 0) throw new Error(`the demo region could not be built: ${demo.stderr}`)
  project.provide('demoTemplate', dir)
  return () => rmSync(dir, { recursive: true, force: true })
}
