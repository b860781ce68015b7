/**
 * The Zuidoost-Utrecht demo built in memory step by step, as `koers start` builds it, with the
 * engine timing its own functions (`track_functions = 'all'`): each function's calls and its
 * total and own milliseconds (`pg_stat_user_functions`), then the whole build's time and
 * processor time. What the triggers that keep the traject facts and the commitments cost, and how
 * often they run (issue 19 §4). The engine's clock around every call adds to what it times, so
 * compare two checkouts side by side, not with the other benchmarks.
 *
 *   npx tsx bench/demo/functions.ts [--today 2026-11-30]
 */
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { openDatabase } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { buildDemoRegion } from '../../src/demo/build-demo.ts'

const { values } = parseArgs({ options: { today: { type: 'string', default: '2026-11-30' } } })
const started = performance.now()
const cpu = process.cpuUsage()
const stamp = () => {
  const used = process.cpuUsage(cpu)
  return `[${((performance.now() - started) / 1000).toFixed(1)} s, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU]`
}
const database = await openDatabase({ memory: true })
try {
  await migrateToLatest(database.db)
  // PGlite is one session: the setting holds for every statement of the build.
  await sql`set track_functions = 'all'`.execute(database.db)
  await buildDemoRegion(database.db, 'zuidoost-utrecht', { perStep: true, today: values.today, onProgress: (line) => console.log(`${stamp()} ${line}`) })
  const { rows } = await sql<{ funcname: string; calls: number; total: number; self: number }>`
    select funcname, calls::int, round(total_time)::int as total, round(self_time)::int as self
    from pg_stat_user_functions order by total_time desc`.execute(database.db)
  console.log('function                                   calls   total ms    own ms')
  for (const r of rows) console.log(`${r.funcname.padEnd(40)} ${String(r.calls).padStart(7)} ${String(r.total).padStart(10)} ${String(r.self).padStart(9)}`)
  console.log(`${stamp()} done`)
} finally {
  await database.close()
}
