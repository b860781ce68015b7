/**
 * Records every statement a demo build sends to the embedded engine, with its parameters, for
 * `replay.ts` (ADR 0039): a fresh in-memory database, from the migrations on, each statement
 * through PGlite's `query` (nothing prepared).
 *
 *   npx tsx bench/statements/record.ts --out /tmp/demo-statements.bin [--client-scale 1] [--history-clients 150] [--today 2026-11-30] [--per-step]
 *
 * `--per-step` builds as `koers start` does in a new data directory (src/demo/steps.ts): each step
 * in its own transaction, the hot rows vacuumed in between; the recording then holds those
 * statements too.
 *
 * The defaults are the demo of `koers demo`; `--client-scale 0.02 --history-clients 20` is the
 * tests' small demo. The file holds demo data only (invented clients).
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { serialize } from 'node:v8'
import { PGlite } from '@electric-sql/pglite'
import { openDatabase } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { PreparedStatements } from '../../src/db/pglite-statements.ts'
import { buildDemoRegion } from '../../src/demo/build-demo.ts'
import type { Recorded } from './replay.ts'

const { values } = parseArgs({ options: { out: { type: 'string' }, 'client-scale': { type: 'string', default: '1' }, 'history-clients': { type: 'string', default: '150' }, today: { type: 'string', default: '2026-11-30' }, 'per-step': { type: 'boolean', default: false } } })
if (!values.out) throw new Error('--out FILE is required')

// Nothing prepared, so that every statement reaches PGlite's query, where it is recorded.
PreparedStatements.preparable = () => false
const recorded: Recorded[] = []
const blobs: Promise<void>[] = []
const query = PGlite.prototype.query
PGlite.prototype.query = function (this: PGlite, text: string, params?: unknown[], options?: { blob?: Blob }) {
  const entry: Recorded = { text, params: params ?? [] }
  recorded.push(entry)
  // A COPY's rows travel as a blob (db/copy.ts).
  if (options?.blob) blobs.push(options.blob.arrayBuffer().then((b) => void (entry.copy = new Uint8Array(b))))
  return query.call(this, text, params, options) as never
} as typeof query

const open = await openDatabase({ memory: true })
await migrateToLatest(open.db)
recorded.push({ text: '-- the demo build', params: [] })
const started = performance.now()
await buildDemoRegion(open.db, 'zuidoost-utrecht', { clientScale: Number(values['client-scale']), historyClientsPerGemeente: Number(values['history-clients']), today: values.today, perStep: values['per-step'] })
const ms = performance.now() - started
await Promise.all(blobs)
await open.close()
writeFileSync(values.out, serialize(recorded))
console.log(`${recorded.length} statements recorded (the build took ${Math.round(ms)} ms) in ${values.out}`)
