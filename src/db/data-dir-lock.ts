/**
 * One process per PGlite data directory. PGlite is PostgreSQL in one process without the
 * postmaster's own lock: two processes on one directory (two `koers messages import`, or an
 * import while `koers start` runs) destroyed it in review (issue 24). So Koers writes
 * `koers.lock` in the directory — created exclusively, holding the owner's pid, host and
 * command — and refuses a second opener, in Dutch, naming the owner. A lock whose process is
 * gone (a crash, kill -9) is taken over; the owner removes its lock when it closes or exits.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'
import { AppError } from '../shared/errors.ts'

export const LOCK_FILE = 'koers.lock'

/**
 * The marker of a first demo build under way in a new data directory (src/demo/first-start.ts):
 * while it is there, only `koers start` may open the directory, to empty it and build again.
 */
export const DEMO_UNDER_WAY = 'koers-demo-in-opbouw'

interface LockOwner {
  pid: number
  host: string
  command: string
  since: string
}

/** The lock of one data directory, held until released. */
export interface DataDirLock {
  release(): void
}

/** The directories this process holds: a second open within it is refused too. */
const heldHere = new Set<string>()

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>
    return typeof owner.pid === 'number' ? { pid: owner.pid, host: String(owner.host ?? ''), command: String(owner.command ?? ''), since: String(owner.since ?? '') } : null
  } catch {
    return null
  }
}

/** Takes the lock of `dataDir` for this process, or throws a Dutch message naming its owner. */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(resolve(dataDir), LOCK_FILE)
  const me: LockOwner = { pid: process.pid, host: hostname(), command: process.argv.slice(1).join(' ').slice(0, 200), since: new Date().toISOString() }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600)
      writeSync(fd, `${JSON.stringify(me)}\n`)
      closeSync(fd)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = readOwner(path)
      // Another host's process cannot be checked from here: its lock stands. Our own pid without
      // our own hold is an earlier life of this pid (a restarted container's process 1).
      const ours = owner !== null && owner.host === me.host && owner.pid === process.pid
      const stale = owner !== null && owner.host === me.host && (ours ? !heldHere.has(path) : !alive(owner.pid))
      if (attempt === 0 && (stale || owner === null)) {
        // A crashed owner (or a lock file it never finished writing): take it over.
        unlinkSync(path)
        continue
      }
      throw new AppError(
        'database.data_dir_in_use',
        `De gegevensmap ${resolve(dataDir)} is in gebruik door een ander Koers-proces` +
          (owner ? ` (proces ${owner.pid} op ${owner.host || 'onbekende machine'}, sinds ${owner.since}: ${owner.command || 'onbekend commando'})` : '') +
          `. Eén proces per gegevensmap: stop dat proces eerst, of gebruik PostgreSQL (DATABASE_URL) om met meer processen te werken. Staat er geen proces meer, verwijder dan ${path}.`,
      )
    }
  }
  let held = true
  heldHere.add(path)
  const release = () => {
    if (!held) return
    held = false
    heldHere.delete(path)
    process.off('exit', release)
    // Only our own lock: never remove one another process took over.
    if (readOwner(path)?.pid === process.pid) unlinkSync(path)
  }
  process.on('exit', release)
  return { release }
}
