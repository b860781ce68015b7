/**
 * The Zuidoost-Utrecht demo built alone, after the migrations, each step printed with the time so
 * far and the processor time (issue 19 §4): in one transaction, or `--per-step` (ADR 0042); in a
 * new data directory under /tmp, or `--memory` (then dumped once at the end and written into a new
 * data directory, as a first start built in memory would have to). With `--functions` the engine
 * times its own functions (`track_functions = 'all'`), and each one's calls and total and own
 * milliseconds are printed at the end (`pg_stat_user_functions`): what the triggers that keep the
 * traject facts and the commitments cost, and how often they run. The engine's clock around every
 * call adds to what it times: compare two checkouts with it, not a run with it against one
 * without. Run two side by side, or one after the other alternating, to compare:
 *
 *   npx tsx bench/demo/build.ts [--per-step] [--memory] [--functions] [--today 2026-12-07]
 */
import { rmSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { openDatabase } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { buildDemoRegion } from '../../src/demo/build-demo.ts'

const { values } = parseArgs({ options: { 'per-step': { type: 'boolean', default: false }, memory: { type: 'boolean', default: false }, functions: { type: 'boolean', default: false }, today: { type: 'string' } } })
const started = performance.now()
const cpu = process.cpuUsage()
const stamp = () => {
  const used = process.cpuUsage(cpu)
  return `[${((performance.now() - started) / 1000).toFixed(1)} s, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU]`
}
const dataDir = `/tmp/koers-demo-build-${process.pid}`
const database = await openDatabase(values.memory ? { memory: true } : { dataDir })
try {
  await migrateToLatest(database.db)
  console.log(`${stamp()} migrated`)
  // PGlite is one session: the setting holds for every statement of the build.
  if (values.functions) await sql`set track_functions = 'all'`.execute(database.db)
  await buildDemoRegion(database.db, 'zuidoost-utrecht', { perStep: values['per-step'], ...(values.today ? { today: values.today } : {}), onProgress: (line) => console.log(`${stamp()} ${line}`) })
  if (values.functions) {
    // The session's counts reach the view once flushed.
    await sql`select pg_stat_force_next_flush()`.execute(database.db)
    const { rows } = await sql<{ funcname: string; calls: number; total: number; self: number }>`
      select funcname, calls::int, round(total_time)::int as total, round(self_time)::int as self
      from pg_stat_user_functions order by total_time desc`.execute(database.db)
    console.log('function                                   calls   total ms    own ms')
    for (const r of rows) console.log(`${r.funcname.padEnd(40)} ${String(r.calls).padStart(7)} ${String(r.total).padStart(10)} ${String(r.self).padStart(9)}`)
  }
  if (values.memory) {
    const tarball = await database.dumpDataDir!('none')
    console.log(`${stamp()} dumped ${(tarball.size / 1e6).toFixed(0)} MB`)
    const written = await openDatabase({ dataDir, loadDataDir: tarball })
    await written.close()
    console.log(`${stamp()} written into a new data directory`)
  }
  console.log(`${stamp()} done (${values['per-step'] ? 'step by step' : 'one transaction'}, ${values.memory ? 'in memory' : 'on disk'}); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
} finally {
  await database.close()
  rmSync(dataDir, { recursive: true, force: true })
}
