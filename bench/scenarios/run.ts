/**
 * Benchmark (issue 22 §5): a scenario of the region's largest segment over five years, on both
 * engines. The demo region (as `npm start` builds it) is built in each engine; then, as the region's
 * team, the model is fitted from the facts (the first request of a page: database) and a scenario
 * with every lever is computed beside the baseline on the fitted model (every following move of a
 * lever: memory only). Medians of repeated runs after a warm-up. Target: under a second.
 *
 *   npx tsx bench/scenarios/run.ts [--url postgresql://postgres@127.0.0.1:5432/postgres] [--today 2026-12-06]
 *   npx tsx bench/scenarios/run.ts --data-dir DIR --demo-url postgres://…/DB [--today 2026-12-06]
 *
 * The first form builds the demo in each engine (minutes of CPU each). The second reads the demo
 * region already built by `koers demo` in a PGlite data directory and in a PostgreSQL database
 * (its history ends on the day it ran: pass that day as --today).
 */
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import { systemActor } from '../../src/auth/actor.ts'
import { type OpenDatabase, openDatabase } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { withActor } from '../../src/db/scope.ts'
import { segmentFamily } from '../../src/kpis/kpi.queries.ts'
import { listSegments } from '../../src/segments/segment.queries.ts'
import { buildDemoRegion } from '../../src/demo/build-demo.ts'
import { compare, loadScenarioModel } from '../../src/scenarios/scenario.queries.ts'
import { leverSchema } from '../../src/scenarios/levers.rules.ts'
import { addMonths, monthStart, today } from '../../src/shared/dates.ts'

const { values } = parseArgs({
  options: { url: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' }, today: { type: 'string', default: today() }, 'data-dir': { type: 'string' }, 'demo-url': { type: 'string' } },
})
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const time = async (n: number, work: () => Promise<unknown> | unknown) => {
  await work()
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await work()
    out.push(performance.now() - t)
  }
  return median(out)
}

async function bench(name: string, open: () => Promise<OpenDatabase>, built: boolean): Promise<string> {
  const { db, close } = await open()
  await migrateToLatest(db)
  const demo = built
    ? await db.selectFrom('region').select(['id as regionId']).where('code', '=', 'zuidoost-utrecht').executeTakeFirstOrThrow(() => new Error('no demo region zuidoost-utrecht in the database: build it with koers demo'))
    : await buildDemoRegion(db, 'zuidoost-utrecht', { today: values.today })
  const regio = systemActor(demo.regionId, 'bench')
  const row = await withActor(db, regio, async (trx) => {
    // The largest top-level segment: the most trajecten (with its sub-segments), from the traject facts the region reads (it may not read the ledger's toewijzingen).
    const { rows: counts } = await sql<{ segment_id: number; n: number }>`select segment_id, count(*)::int as n from koers_trajecten(${values.today}::date) group by segment_id`.execute(trx)
    const segments = await listSegments(trx)
    const sized = segments.filter((x) => x.parentId === null).map((x) => ({ id: x.id, n: counts.filter((c) => segmentFamily(segments, x.id).has(c.segment_id)).reduce((a, c) => a + Number(c.n), 0) }))
    const largest = sized.sort((a, b) => b.n - a.n || a.id - b.id)[0]!
    const segmentId = largest.id
    const model = await loadScenarioModel(trx, regio, segmentId, null, values.today)
    const fitMs = await time(5, () => loadScenarioModel(trx, regio, segmentId, null, values.today))
    const hefbomen = [
      { soort: 'instroom', pct: -20 },
      { soort: 'voorliggend', pct: 10, kostenPerPersoonCents: 150_000 },
      { soort: 'maximale_duur', maanden: 9, aandeelPct: 60 },
      { soort: 'tariefindex', ovaPct: 2.5, ppcPct: 3 },
      { soort: 'bestedingsruimte', perJaarCents: 500_000_000_00 },
      { soort: 'aanbieder_stopt', providerId: model.gemeenten[0]?.model.providerShare[0]?.providerId ?? 1 },
    ].map((l) => leverSchema.parse(l))
    const spec = { startdatum: monthStart(addMonths(values.today, 1)), jaren: 5, hefbomen }
    const computeMs = await time(50, () => compare(model, spec))
    const trajecten = Number(largest.n)
    return `| ${name} | ${segments.find((x) => x.id === segmentId)!.name} (${trajecten} trajecten, ${model.gemeenten.length} gemeenten) | ${fitMs.toFixed(0)} | ${computeMs.toFixed(1)} |`
  })
  await close()
  return row
}

const dataDir = values['data-dir']
const rows = [await bench('PGlite', () => openDatabase(dataDir === undefined ? { memory: true } : { dataDir }), dataDir !== undefined)]
if (values['demo-url'] !== undefined) {
  rows.push(await bench('PostgreSQL', () => openDatabase({ url: values['demo-url']! }), true))
} else {
  const name = 'koers_bench_scenarios'
  const admin = new pg.Client({ connectionString: values.url })
  await admin.connect()
  await admin.query(`drop database if exists ${name}`)
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(values.url)
  url.pathname = `/${name}`
  rows.push(await bench('PostgreSQL', () => openDatabase({ url: url.toString() }), false))
}
console.log(['| engine | largest segment | fit the model from the facts (ms, median of 5) | compute scenario + baseline, 5 years, six levers (ms, median of 50) |', '|---|---|---|---|', ...rows].join('\n'))
