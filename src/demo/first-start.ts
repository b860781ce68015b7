/**
 * `koers start` on a new embedded data directory builds the demo regions step by step, committing
 * as it goes (src/demo/steps.ts), which is faster than one transaction (issue 19 §4). A build
 * that stops halfway (a crash, Ctrl-C, a full disk) would then leave a half-built demo behind,
 * which the next start would serve as if it were whole. So the build writes a marker file in the
 * data directory first and removes it when the demo is complete; a start that finds the marker
 * empties the directory, which held nothing but that unfinished demo, and builds it again.
 */
import { existsSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DEMO_UNDER_WAY, LOCK_FILE, lockDataDir } from '../db/data-dir-lock.ts'

/** Whether `dataDir` holds no database yet (absent, empty, or only Koers' lock): the demo may be built in it step by step. */
export function isNewDataDir(dataDir: string): boolean {
  if (!existsSync(dataDir)) return true
  return readdirSync(dataDir).every((name) => name === LOCK_FILE)
}

/**
 * Empties `dataDir` when a first demo build in it was interrupted (its marker is there), and
 * tells whether it did. Under the directory's lock: a build still running in another process is
 * left alone (lockDataDir refuses, naming that process).
 */
export function clearInterruptedDemo(dataDir: string): boolean {
  if (!existsSync(join(dataDir, DEMO_UNDER_WAY))) return false
  const lock = lockDataDir(dataDir)
  try {
    for (const name of readdirSync(dataDir)) {
      if (name !== LOCK_FILE && name !== DEMO_UNDER_WAY) rmSync(join(dataDir, name), { recursive: true, force: true })
    }
    // Last, so that a crash while emptying is noticed again at the next start.
    unlinkSync(join(dataDir, DEMO_UNDER_WAY))
  } finally {
    lock.release()
  }
  return true
}

/** Runs `build` with the marker in `dataDir`, removed only when `build` completed. */
export async function whileDemoUnderWay<T>(dataDir: string, build: () => Promise<T>): Promise<T> {
  const marker = join(dataDir, DEMO_UNDER_WAY)
  writeFileSync(marker, `The demo is being built in this directory (koers start, process ${process.pid}). If this file is here while no Koers runs, the build was interrupted: the next koers start empties ${resolve(dataDir)} and builds the demo again.\n`)
  const value = await build()
  unlinkSync(marker)
  return value
}
