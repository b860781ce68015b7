/**
 * The Zuidoost-Utrecht demo built alone, after the migrations, each step printed with the time so
 * far and the processor time (issue 19 §4): in one transaction, or `--per-step` (ADR 0042); in a
 * new data directory under /tmp, or `--memory` (then dumped once at the end and written into a new
 * data directory, as a first start built in memory would have to). Run two side by side, or one
 * after the other alternating, to compare:
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
