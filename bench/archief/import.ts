/**
 * Bench import (a child process of run.ts, so that its peak RSS is its own): an empty
 * installation with the region of the generated archive, switched to observer mode, imports
 * the archive; prints the timing, the summary's counts and the prestaties stored as JSON.
 *
 *   tsx bench/archief/import.ts DIR (--data-dir DIR | --url URL)
 */
import { parseArgs } from 'node:util'
import { importeerArchief } from '../../src/archief/archief-import.ts'
import { zetBerichtenModus } from '../../src/archief/berichtenrol.queries.ts'
import { openDatabase } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { withActor } from '../../src/db/scope.ts'
import { toegangScenario } from '../../src/test/toegang-scenario.ts'

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'data-dir': { type: 'string' }, url: { type: 'string' } } })
const { db, close } = await openDatabase(values.url ? { url: values.url } : { dataDir: values['data-dir']! })
await migrateToLatest(db)
const s = await toegangScenario(db)
const regio = s.region.actor('regio')
await withActor(db, regio, (trx) => zetBerichtenModus(trx, regio, 'waarnemend'))
const started = performance.now()
const summary = await importeerArchief(db, s.region.regionId, positionals)
const seconds = (performance.now() - started) / 1000
const prestaties = await withActor(db, s.team, (trx) => trx.selectFrom('declaratie_regel').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow())
console.log(JSON.stringify({ seconds, berichten: summary.berichten, perUitkomst: summary.perUitkomst, onverwerkt: summary.onverwerkt.length, prestaties: Number(prestaties.n), maxRssMb: process.resourceUsage().maxRSS / 1024 }))
await close()
