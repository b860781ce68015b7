/**
 * Replays the statements `record.ts` recorded on a fresh in-memory PGlite, each through PGlite's
 * `query` (`--mode query`, as before ADR 0039) or through the dialect's named prepared statements
 * (`--mode prepared`), and prints the time of the demo build's statements, their processor time,
 * the rows they returned and the number refused (the same in both modes: a replay that differs is
 * not the same work). `--per FILE` writes each statement text's count and milliseconds.
 * `--plan-cache-mode force_custom_plan` plans every execution anew; `--no-renewal` never prepares
 * a statement anew (ADR 0039 compares both with the defaults). `--sql FILE` runs that SQL after
 * the migrations and before the build: a change to the schema tried on the same statements
 * (a statement it makes fail is counted as refused, so the replay shows it is not the same work).
 * `--drift N` lists the N statement texts that cost most above what they settle at (the median of
 * their last quarter of executions), with their mean per quarter: a plan kept from when a table
 * was small, or a read that grows with the ledger, shows there (issue 19: the duplicate check).
 *
 *   npx tsx bench/statements/replay.ts --in /tmp/demo-statements.bin --mode query|prepared [--per /tmp/per.json]
 *     [--plan-cache-mode auto|force_custom_plan] [--no-renewal] [--sql FILE] [--drift 15]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { deserialize } from 'node:v8'
import { createPGlite } from '../../src/db/database.ts'
import { PreparedStatements } from '../../src/db/pglite-statements.ts'

export interface Recorded {
  text: string
  params: unknown[]
  copy?: Uint8Array<ArrayBuffer>
}

const { values } = parseArgs({ options: { in: { type: 'string' }, mode: { type: 'string', default: 'prepared' }, per: { type: 'string' }, 'plan-cache-mode': { type: 'string', default: 'auto' }, 'no-renewal': { type: 'boolean', default: false }, sql: { type: 'string' }, drift: { type: 'string' } } })
if (!values.in || !['query', 'prepared'].includes(values.mode) || !['auto', 'force_custom_plan'].includes(values['plan-cache-mode']) || (values.drift !== undefined && !/^[1-9]\d*$/.test(values.drift))) {
  throw new Error('usage: --in FILE --mode query|prepared [--per FILE] [--plan-cache-mode auto|force_custom_plan] [--no-renewal] [--sql FILE] [--drift N]')
}
const recorded = deserialize(readFileSync(values.in)) as Recorded[]
const pglite = await createPGlite()
await pglite.exec(`set plan_cache_mode = ${values['plan-cache-mode']}`)
const statements = new PreparedStatements(pglite, values['no-renewal'] ? { firstRenewal: Infinity } : {})
const buildStart = recorded.findIndex((r) => r.text === '-- the demo build')

let refused = 0
let rows = 0
let started = 0
let cpu = process.cpuUsage()
const per = new Map<string, { n: number; ms: number }>()
/** Each execution's milliseconds per text, in order (for --drift). */
const times = new Map<string, number[]>()
for (const [i, { text, params, copy }] of recorded.entries()) {
  if (i === buildStart) {
    if (values.sql) await pglite.exec(readFileSync(values.sql, 'utf8'))
    started = performance.now()
    cpu = process.cpuUsage()
    continue
  }
  const at = performance.now()
  try {
    const result = copy
      ? await pglite.query(text, params, { blob: new Blob([copy]) })
      : values.mode === 'prepared' && i > buildStart && PreparedStatements.preparable(text)
        ? await statements.query(text, params)
        : await pglite.query(text, params, { rowMode: 'object' })
    rows += result.rows.length
  } catch {
    refused++
  }
  if (i > buildStart) {
    const entry = per.get(text) ?? { n: 0, ms: 0 }
    const ms = performance.now() - at
    entry.n++
    entry.ms += ms
    per.set(text, entry)
    if (values.drift) (times.get(text) ?? times.set(text, []).get(text)!).push(ms)
  }
}
const used = process.cpuUsage(cpu)
console.log(`${values.mode}: ${recorded.length - buildStart - 1} statements in ${Math.round(performance.now() - started)} ms, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU; ${rows} rows, ${refused} refused`)
if (values.per) writeFileSync(values.per, JSON.stringify([...per.entries()].sort((a, b) => b[1].ms - a[1].ms)))
if (values.drift) {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)
  const drifting = [...times].map(([text, ms]) => {
    const quarters = [0, 1, 2, 3].map((q) => ms.slice(Math.floor((q * ms.length) / 4), Math.floor(((q + 1) * ms.length) / 4)))
    const settled = [...quarters[3]!].sort((a, b) => a - b)[quarters[3]!.length >> 1] ?? 0
    return { text, n: ms.length, total: ms.reduce((a, b) => a + b, 0), above: ms.reduce((a, b) => a + Math.max(0, b - settled), 0), quarters: quarters.map(mean) }
  })
  console.log('above settled ms | total ms | count | mean per quarter (ms) | statement')
  for (const d of drifting.sort((a, b) => b.above - a.above).slice(0, Number(values.drift))) {
    console.log(`${d.above.toFixed(0).padStart(6)} | ${d.total.toFixed(0).padStart(6)} | ${String(d.n).padStart(6)} | ${d.quarters.map((q) => q.toFixed(2)).join(' ')} | ${d.text.replace(/\s+/g, ' ').slice(0, 110)}`)
  }
}
await pglite.close()
