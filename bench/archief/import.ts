/**
 * Bench import (a child process of run.ts, so that its peak RSS is its own): an empty
 * installation with the region of the generated archive, switched to observer mode, imports
 * the archive; prints the timing, the summary's counts and the prestaties stored as JSON. On
 * PostgreSQL also the database's own counters for the import (`pg_stat_database` of its
 * database: active time, transactions, tuples), read before and after it.
 *
 *   tsx bench/archief/import.ts ARCHIVE… (--data-dir DIR | --url URL) [--per-transactie N]
 */
import { parseArgs } from 'node:util'
import pg from 'pg'
import { importeerArchief } from '../../src/archief/archief-import.ts'
import { zetBerichtenModus } from '../../src/archief/berichtenrol.queries.ts'
import { openDatabase } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { withActor } from '../../src/db/scope.ts'
import { toegangScenario } from '../../src/test/toegang-scenario.ts'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'data-dir': { type: 'string' }, url: { type: 'string' }, 'per-transactie': { type: 'string' } } })
const { db, close } = await openDatabase(values.url ? { url: values.url } : { dataDir: values['data-dir']! })
await migrateToLatest(db)
const s = await toegangScenario(db)
const regio = s.region.actor('regio')
await withActor(db, regio, (trx) => zetBerichtenModus(trx, regio, 'waarnemend'))

type Counters = Record<'active_time' | 'xact_commit' | 'xact_rollback' | 'tup_fetched' | 'tup_returned' | 'tup_inserted' | 'tup_updated' | 'tup_deleted' | 'blks_hit' | 'blks_read', number>
const counters = async (): Promise<Counters | undefined> => {
  if (!values.url) return undefined
  const c = new pg.Client({ connectionString: values.url })
  await c.connect()
  // The counters of the import's own backends reach the view when they go idle (at most a second later).
  await new Promise((r) => setTimeout(r, 1500))
  const { rows } = await c.query(`select active_time, xact_commit, xact_rollback, tup_fetched, tup_returned, tup_inserted, tup_updated, tup_deleted, blks_hit, blks_read from pg_stat_database where datname = current_database()`)
  await c.end()
  return Object.fromEntries(Object.entries(rows[0] as Record<string, string>).map(([k, v]) => [k, Number(v)])) as Counters
}
const before = await counters()
const cpu = process.cpuUsage()
const started = performance.now()
let sampled = 0
const summary = await importeerArchief(db, s.region.regionId, positionals, {
  perTransactie: values['per-transactie'] ? Number(values['per-transactie']) : undefined,
  onVoortgang: (klaar, van) => {
    // A line per tenth on stderr, to follow a long run.
    if (klaar >= ((sampled + 1) * van) / 10) process.stderr.write(`${++sampled}0 %: ${klaar} of ${van} in ${((performance.now() - started) / 1000).toFixed(0)} s\n`)
  },
})
const seconds = (performance.now() - started) / 1000
const used = process.cpuUsage(cpu)
const after = await counters()
const database = before && after ? Object.fromEntries(Object.keys(after).map((k) => [k, after[k as keyof Counters] - before[k as keyof Counters]])) : undefined
const prestaties = await withActor(db, s.team, (trx) => trx.selectFrom('declaratie_regel').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow())
console.log(JSON.stringify({ seconds, cpuSeconds: (used.user + used.system) / 1e6, berichten: summary.berichten, perUitkomst: summary.perUitkomst, onverwerkt: summary.onverwerkt.length, prestaties: Number(prestaties.n), maxRssMb: process.resourceUsage().maxRSS / 1024, database }))
await close()
