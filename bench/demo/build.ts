/**
 * The Zuidoost-Utrecht demo built alone, after the migrations, each step printed with the time so
 * far and the processor time (issue 19 §4): in one transaction, or `--per-step` (ADR 0042); in a
 * new data directory under /tmp, or `--memory` (then dumped once at the end, as writing it would
 * need). Run two side by side to compare:
 *
 *   npx tsx bench/demo/build.ts [--per-step] [--memory] [--today 2026-12-07]
 */
import { rmSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { openDatabase } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { buildDemoRegion } from '../../src/demo/build-demo.ts'

const { values } = parseArgs({ options: { 'per-step': { type: 'boolean', default: false }, memory: { type: 'boolean', default: false }, today: { type: 'string' } } })
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
  await buildDemoRegion(database.db, 'zuidoost-utrecht', { perStep: values['per-step'], ...(values.today ? { today: values.today } : {}), onProgress: (line) => console.log(`${stamp()} ${line}`) })
  if (values.memory) console.log(`${stamp()} dumped ${((await database.dumpDataDir!('none')).size / 1e6).toFixed(0)} MB`)
  console.log(`${stamp()} done (${values['per-step'] ? 'step by step' : 'one transaction'}, ${values.memory ? 'in memory' : 'on disk'}); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
} finally {
  await database.close()
  if (!values.memory) rmSync(dataDir, { recursive: true, force: true })
}
