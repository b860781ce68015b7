/**
 * Once per e2e run: the demo region is built into one embedded database (1–2 minutes), and
 * every e2e file starts its server on a copy of it (startServer in server.ts), so the files
 * stay independent without each paying for the build.
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
  const dir = mkdtempSync(join(tmpdir(), 'koers-e2e-template-'))
  const demo = spawnSync(process.execPath, ['bin/koers.mjs', 'demo', '--client-scale', '0.05'], { cwd: join(import.meta.dirname, '..'), env: { ...process.env, KOERS_DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8' })
  if (demo.status !== 0) throw new Error(`the demo region could not be built: ${demo.stderr}`)
  project.provide('demoTemplate', dir)
  return () => rmSync(dir, { recursive: true, force: true })
}
