/**
 * Where an observer-mode import spends its statements (issue 23 §5): the import of
 * bench/archief/import.ts on PostgreSQL with every statement of the pg driver timed, then the
 * statements by total time, with their count per message. A profile, not a benchmark: the
 * timing wraps each call of the driver, so the waits of a busy machine are in it.
 *
 *   tsx bench/archief/statements.ts ARCHIVE… --url URL [--top 25]
 */
import { parseArgs } from 'node:util'
import pg from 'pg'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' }, top: { type: 'string', default: '25' } } })
const perStatement = new Map<string, { n: number; ms: number }>()
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown
pg.Client.prototype.query = function timed(this: pg.Client, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?')
  const key = text.replace(/\$\d+/g, '?').replace(/\s+/g, ' ').slice(0, 220)
  const started = performance.now()
  const done = () => {
    const s = perStatement.get(key) ?? { n: 0, ms: 0 }
    s.n++
    s.ms += performance.now() - started
    perStatement.set(key, s)
  }
  const result = query.apply(this, args)
  if (result instanceof Promise) result.then(done, done)
  return result
} as typeof pg.Client.prototype.query

const { importeerArchief } = await import('../../src/archief/archief-import.ts')
const { zetBerichtenModus } = await import('../../src/archief/berichtenrol.queries.ts')
const { openDatabase } = await import('../../src/db/database.ts')
const { migrateToLatest } = await import('../../src/db/migrate.ts')
const { withActor } = await import('../../src/db/scope.ts')
const { toegangScenario } = await import('../../src/test/toegang-scenario.ts')

const { db, close } = await openDatabase({ url: values.url! })
await migrateToLatest(db)
const s = await toegangScenario(db)
const regio = s.region.actor('regio')
await withActor(db, regio, (trx) => zetBerichtenModus(trx, regio, 'waarnemend'))
perStatement.clear()
const started = performance.now()
const summary = await importeerArchief(db, s.region.regionId, positionals)
const seconds = (performance.now() - started) / 1000
await close()
const rows = [...perStatement].sort(([, a], [, b]) => b.ms - a.ms)
const total = rows.reduce((t, [, r]) => t + r.ms, 0)
const count = rows.reduce((t, [, r]) => t + r.n, 0)
console.log(`${summary.berichten} messages in ${seconds.toFixed(1)} s; ${count} statements (${(count / summary.berichten).toFixed(1)} per message), ${(total / 1000).toFixed(1)} s in the driver`)
for (const [text, r] of rows.slice(0, Number(values.top))) console.log(`${(r.ms / 1000).toFixed(2).padStart(8)} s ${String(r.n).padStart(7)} × ${(r.n / summary.berichten).toFixed(2).padStart(6)}/msg  ${text}`)
