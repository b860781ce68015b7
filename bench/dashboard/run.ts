/**
 * Benchmark (issue 6 §6): the dashboard's queries on national synthetic data in PostgreSQL,
 * each timed against a sequential scan of the prestatie table (declaratie_regel) in the same
 * run. For every size given, a fresh database is generated (bench/dashboard/setup.ts), then
 * each query runs as the application runs it — in `withActor`, as the role koers_app under
 * row-level security — for the largest region and its largest gemeente: five times after a
 * warm-up, the median reported.
 *
 *   npm run bench:dashboard [-- --sizes 40000:2000000,400000:20000000 --url postgresql://postgres@127.0.0.1:5432/postgres] [--reuse]
 *
 * Each size's database (koers_bench_dashboard_<clients>) is kept; `--reuse` times it again
 * without generating it (the large one takes about 16 minutes).
 *
 * Targets: every dashboard query ≤ 1 % of the scan's time; ten times the data costs at most
 * twice the dashboard time. Issue 19 §5: the largest region's segment page and a scorecard
 * under 200 ms, timed beside the same pages on the facts recomputed per request (the reference,
 * `recomputedKpiFacts`), with EXPLAIN's buffers of their queries against a sequential scan.
 * A reused database is migrated first (migration 0023 builds the kept traject facts; its time
 * is reported). The kept facts' reads are explained as `koers_trajecten` runs them (0025: with
 * `enable_indexscan` off) and, beside them, with the planner's own choice. Writes the tables to stdout and bench/output/dashboard.md.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import type { Actor } from '../../src/auth/actor.ts'
import { figuresBy } from '../../src/budgets/budget-figures.queries.ts'
import { dashboard } from '../../src/budgets/dashboard.queries.ts'
import { refreshAllForecasts, refreshForecast } from '../../src/budgets/forecast.queries.ts'
import { listBudgetSignals, refreshBudgetSignals } from '../../src/budgets/signal.queries.ts'
import { taakveldTotals } from '../../src/budgets/taakveld.queries.ts'
import { recomputedTrajecten, trajecten } from '../../src/kpis/traject.queries.ts'
import { recomputedKpiFacts } from '../../src/kpis/kpi.queries.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { providerScorecard } from '../../src/app/scorecard.queries.ts'
import { segmentOverview } from '../../src/app/segment-overview.queries.ts'
import { measuredTargets } from '../../src/targets/target.queries.ts'
import { openDatabase } from '../../src/db/database.ts'
import { withActor } from '../../src/db/scope.ts'
import { realisatie } from '../../src/budgets/realisation.queries.ts'

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '40000:2000000,400000:20000000' }, url: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' }, reuse: { type: 'boolean', default: false } } })
const root = resolve(import.meta.dirname, '../..')
const YEAR = 2026
const AS_OF = '2026-11-27'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
async function time(work: () => Promise<unknown>, runs = 5): Promise<number> {
  await work()
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await work()
    ms.push(performance.now() - t)
  }
  return median(ms)
}

interface Paired { name: string; before: number; after: number }
interface Explained { name: string; plan: string; buffers: number; ms: number }
interface SizeResult { clients: number; prestaties: number; setup: Record<string, number>; scanMs: number; queries: { name: string; ms: number; dashboard: boolean }[]; paired: Paired[]; explained: Explained[]; scanBuffers: number; migrateMs: number }
const results: SizeResult[] = []
for (const size of values.sizes.split(',')) {
  const [clients, prestaties] = size.split(':').map(Number) as [number, number]
  // One database per size, kept after the run: `--reuse` times an existing one again without generating it.
  const name = `koers_bench_dashboard_${clients}`
  const url = new URL(values.url)
  url.pathname = `/${name}`
  const admin = new pg.Client({ connectionString: values.url })
  await admin.connect()
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1
  let counts: Record<string, number>
  let migrateMs = Number.NaN
  if (values.reuse && exists) {
    await admin.end()
    process.stderr.write(`${clients} clients, ${prestaties} prestaties: reusing ${name}\n`)
    const probe = await openDatabase({ url: url.toString() })
    const started = performance.now()
    const migrated = await migrateToLatest(probe.db)
    migrateMs = performance.now() - started
    process.stderr.write(`  migrated in ${(migrateMs / 1000).toFixed(1)} s: ${JSON.stringify(migrated)}\n`)
    const { rows: [c] } = await sql<Record<string, number>>`
      select (select count(*) from gemeente)::int as gemeenten, (select count(*) from region)::int as regions, (select count(*) from client)::int as clients,
             (select count(*) from toewijzing)::int as toewijzingen, (select count(*) from declaratie_regel)::bigint as prestaties, (select count(*) from realisatie_maand)::int as realisatie_maand,
             (select count(*) from verplichting_jaar)::int as verplichting_jaar, (select count(*) from verplichting_maand)::int as verplichting_maand, (select count(*) from budget_prognose)::int as budget_prognose`.execute(probe.db)
    await probe.close()
    counts = { ...c!, prestaties: Number(c!.prestaties), seconds: Number.NaN }
  } else {
    await admin.query(`drop database if exists ${name}`)
    await admin.query(`create database ${name}`)
    await admin.end()
    process.stderr.write(`${clients} clients, ${prestaties} prestaties: generating…\n`)
    const setup = spawnSync(join(root, 'node_modules/.bin/tsx'), ['bench/dashboard/setup.ts', '--url', url.toString(), '--clients', String(clients), '--prestaties', String(prestaties)], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    if (setup.status !== 0) throw new Error('setup failed')
    counts = JSON.parse(setup.stdout.trim().split('\n').at(-1)!) as Record<string, number>
  }
  process.stderr.write(`  ${JSON.stringify(counts)}\n`)

  const { db, close } = await openDatabase({ url: url.toString() })
  const scanMs = await time(() => sql`select sum(bedrag_cents) from declaratie_regel`.execute(db), 3)
  const { rows: [regionLargest] } = await sql<{ region_id: number }>`select region_id from declaratie_regel group by 1 order by count(*) desc limit 1`.execute(db)
  const regionId = regionLargest!.region_id
  const { rows: [gem] } = await sql<{ gemeente_id: number }>`select gemeente_id from declaratie_regel where region_id = ${regionId} group by 1 order by count(*) desc limit 1`.execute(db)
  const regio: Actor = { userId: null, name: 'bench', role: 'regio', regionId, gemeenteId: null, providerId: null }
  const gemeente: Actor = { userId: null, name: 'bench', role: 'gemeente', regionId, gemeenteId: gem!.gemeente_id, providerId: null }
  await refreshBudgetSignals(db, regionId, YEAR, AS_OF)
  const queries: SizeResult['queries'] = []
  const q = async (name: string, actor: Actor, work: Parameters<typeof withActor>[2], isDashboard = true) => {
    const ms = await time(() => withActor(db, actor, work))
    queries.push({ name, ms, dashboard: isDashboard })
    process.stderr.write(`  ${name}: ${ms.toFixed(1)} ms (${((ms / scanMs) * 100).toFixed(2)} % of the scan)\n`)
  }
  const page = async (name: string, actor: Actor) => {
    const ms = await time(() => dashboard((work) => withActor(db, actor, work), actor, YEAR))
    queries.push({ name, ms, dashboard: true })
    process.stderr.write(`  ${name}: ${ms.toFixed(1)} ms (${((ms / scanMs) * 100).toFixed(2)} % of the scan)\n`)
  }
  await page('dashboard page, region (all its queries, two read transactions side by side)', regio)
  await page('dashboard page, its largest gemeente', gemeente)
  await q('budgets per provider, gemeente and segment with their figures, region (the budget page)', regio, (trx) => figuresBy(trx, regio, YEAR, ['gemeente', 'provider', 'segment']))
  await q('signals, region', regio, (trx) => listBudgetSignals(trx, regio, { jaar: YEAR }))
  await q("a gemeente's totals per Iv3 taakveld: budget, realisation, commitments (its reconciliation export)", gemeente, (trx) => taakveldTotals(trx, gemeente, YEAR))
  await q('the realisation by any grouping (issue 5, /api/declaraties/realisation?group=taakveld), gemeente', gemeente, (trx) => realisatie(trx, ['taakveld'], { van: `${YEAR}-01-01`, tot: `${YEAR}-12-01`, scope: gemeente }), false)
  // Issue 7 (no target set): the facts of every traject of the region, and the pages that compute KPIs from them in memory.
  const periode = { from: `${YEAR}-01-01`, to: AS_OF }
  const { rows: [seg] } = await sql<{ segment_id: number; provider_id: number }>`select segment_id, provider_id from toewijzing where region_id = ${regionId} group by 1, 2 order by count(*) desc limit 1`.execute(db)
  // Issue 19 §5: each page on the kept facts beside the same page on the facts recomputed per request.
  const paired: Paired[] = []
  const pair = async (name: string, work: (kept: boolean) => Promise<unknown>, runs = 5) => {
    const before = await time(() => work(false), runs)
    const after = await time(() => work(true), runs)
    paired.push({ name, before, after })
    process.stderr.write(`  ${name}: ${before.toFixed(1)} ms recomputed, ${after.toFixed(1)} ms kept\n`)
  }
  const load = (kept: boolean) => (kept ? undefined : recomputedKpiFacts)
  await pair("every traject's facts of the region (koers_trajecten), region", (kept) => withActor(db, regio, (trx) => (kept ? trajecten(trx, AS_OF) : recomputedTrajecten(trx, AS_OF))))
  await pair('the segment page of its largest segment (facts, KPIs per provider and per quarter, targets), region', (kept) =>
    segmentOverview((work) => withActor(db, regio, work), regio, seg!.segment_id, periode, AS_OF, (ids) => measuredTargets(db, regionId, AS_OF, ids), load(kept)),
  )
  await pair("a provider's scorecard (its largest), region", (kept) => withActor(db, regio, (trx) => providerScorecard(trx, regio, seg!.provider_id, periode, AS_OF, load(kept))))
  await pair('the segment page, its largest gemeente', (kept) => withActor(db, gemeente, (trx) => segmentOverview((work) => work(trx), gemeente, seg!.segment_id, periode, AS_OF, null, load(kept))))
  await pair('the same provider\'s scorecard, as that provider', (kept) => {
    const aanbieder: Actor = { userId: null, name: 'bench', role: 'aanbieder', regionId, gemeenteId: null, providerId: seg!.provider_id }
    return withActor(db, aanbieder, (trx) => providerScorecard(trx, aanbieder, seg!.provider_id, periode, AS_OF, load(kept)))
  })
  // What the kept pages' queries read (the SQL inside koers_trajecten, run as the owner, with the region's scope), in buffers, beside a sequential scan.
  // `asTheReader`: with the setting koers_trajecten runs its queries with (migration 0025: a bitmap scan, not an index scan).
  const family = [seg!.segment_id]
  const explain = async (name: string, query: ReturnType<typeof sql>, asTheReader = false) => {
    const { rows } = await db.transaction().execute(async (trx) => {
      if (asTheReader) await sql`set local enable_indexscan = off`.execute(trx)
      return sql<{ 'QUERY PLAN': unknown }>`explain (analyze, buffers, format json) ${query}`.execute(trx)
    })
    const plan = (rows[0]!['QUERY PLAN'] as { Plan: Record<string, unknown>; 'Execution Time': number }[])[0]!
    const nodes: string[] = []
    const walk = (n: Record<string, unknown>) => {
      nodes.push(`${n['Node Type'] as string}${n['Index Name'] ? ` on ${n['Index Name'] as string}` : n['Relation Name'] ? ` on ${n['Relation Name'] as string}` : ''}`)
      for (const c of (n.Plans as Record<string, unknown>[] | undefined) ?? []) walk(c)
    }
    walk(plan.Plan)
    const buffers = Number(plan.Plan['Shared Hit Blocks'] ?? 0) + Number(plan.Plan['Shared Read Blocks'] ?? 0)
    return { name, plan: [...new Set(nodes)].filter((x) => /Scan/.test(x)).join(', '), buffers, ms: plan['Execution Time'] }
  }
  const scan = await explain('sequential scan of declaratie_regel', sql`select sum(bedrag_cents) from declaratie_regel`)
  const segmentRead = sql`select * from traject_feit f where f.region_id = ${regionId} and f.segment_id = any(${family}::int[]) and f.begin_datum <= ${AS_OF}::date`
  const providerRead = sql`select * from traject_feit f where f.region_id = ${regionId} and f.provider_id = ${seg!.provider_id} and f.begin_datum <= ${AS_OF}::date`
  const explained: Explained[] = [
    await explain("the segment's kept facts (koers_trajecten narrowed to the segment, as it reads them since 0025)", segmentRead, true),
    await explain('the same with the planner\'s own choice (as 0023 read them)', segmentRead),
    await explain("the provider's kept facts (the scorecard's first read, as koers_trajecten reads them)", providerRead, true),
    await explain('the same with the planner\'s own choice (as 0023 read them)', providerRead),
    await explain("the segment's realisation per gemeente, provider and month (realisatie_maand)", sql`select gemeente_id, provider_id, maand, sum(debet_cents) from realisatie_maand where region_id = ${regionId} and segment_id = any(${family}::int[]) and maand between '2025-01-01' and ${AS_OF}::date group by 1, 2, 3`),
    await explain("the segment's verplichting per month (verplichting_maand)", sql`select gemeente_id, provider_id, maand, sum(verplichting_cents) from verplichting_maand where region_id = ${regionId} and segment_id = any(${family}::int[]) and maand between '2025-01-01' and ${AS_OF}::date group by 1, 2, 3`),
    await explain('every kept fact of the region (the KPI page, targets, as koers_trajecten reads them)', sql`select * from traject_feit f where f.region_id = ${regionId} and f.begin_datum <= ${AS_OF}::date`, true),
  ]
  for (const e of explained) process.stderr.write(`  EXPLAIN ${e.name}: ${e.plan}; ${e.buffers} buffers (${((e.buffers / scan.buffers) * 100).toFixed(2)} % of the scan's ${scan.buffers}), ${e.ms.toFixed(1)} ms\n`)
  const signalsMs = await time(() => refreshBudgetSignals(db, regionId, YEAR, AS_OF), 3)
  queries.push({ name: 'evaluating the signals of the region (after a declaration or budget change; not a page)', ms: signalsMs, dashboard: false })
  // What a declaration adds to its own transaction: its provider's figures in its gemeente, for its year and the next.
  const { rows: [busiest] } = await sql<{ provider_id: number }>`select provider_id from budget_prognose where region_id = ${regionId} and gemeente_id = ${gem!.gemeente_id} and jaar = ${YEAR} order by gerealiseerd_cents desc limit 1`.execute(db)
  const keyMs = await time(() => withActor(db, gemeente, async (trx) => {
    for (const year of [YEAR, YEAR + 1]) await refreshForecast(trx, gemeente, year, AS_OF, { gemeenteId: gem!.gemeente_id, providerId: busiest!.provider_id })
  }), 3)
  queries.push({ name: "refreshing one provider's figures in one gemeente, this year and next (inside a declaration's transaction; not a page)", ms: keyMs, dashboard: false })
  const regionMs = await time(() => refreshAllForecasts(db, AS_OF, [regionId]), 1)
  queries.push({ name: 'refreshing every key of the region, three years (when the month turns; not a page)', ms: regionMs, dashboard: false })
  await close()
  results.push({ clients, prestaties, setup: counts, scanMs, queries, paired, explained, scanBuffers: scan.buffers, migrateMs })
}

const lines: string[] = []
lines.push(`Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; PostgreSQL at ${new URL(values.url).host}. Year ${YEAR}, as of ${AS_OF}.`, '')
for (const r of results) {
  lines.push(`### ${r.setup.clients?.toLocaleString('en')} clients, ${Number(r.setup.prestaties).toLocaleString('en')} prestaties (${r.setup.gemeenten} gemeenten, ${r.setup.regions} regions, ${r.setup.toewijzingen?.toLocaleString('en')} toewijzingen; realisatie_maand ${r.setup.realisatie_maand?.toLocaleString('en')} rows, verplichting_jaar ${r.setup.verplichting_jaar?.toLocaleString('en')}, verplichting_maand ${r.setup.verplichting_maand?.toLocaleString('en')}; ${Number.isNaN(r.setup.seconds) ? 'generated earlier, reused' : `generated in ${Math.round(r.setup.seconds ?? 0)} s`})`, '')
  lines.push('| query (largest region / its largest gemeente) | median of 5 | share of the scan | target ≤ 1 % |', '|---|---:|---:|---|')
  lines.push(`| sequential scan of declaratie_regel (\`select sum(bedrag_cents)\`, median of 3, warm) | ${r.scanMs.toFixed(0)} ms | 100 % | |`)
  for (const x of r.queries) lines.push(`| ${x.name} | ${x.ms.toFixed(1)} ms | ${((x.ms / r.scanMs) * 100).toFixed(2)} % | ${x.dashboard ? (x.ms <= r.scanMs / 100 ? 'met' : '**missed**') : '–'} |`)
  lines.push('')
  lines.push(`Segment pages and scorecards (issue 19 §5), median of 5 each, recomputed per request (the reference) and kept, side by side${Number.isNaN(r.migrateMs) ? '' : `; migrating the reused database (0023 builds the kept facts) took ${(r.migrateMs / 1000).toFixed(1)} s`}:`, '')
  lines.push('| page (largest region) | recomputed | kept | kept ÷ recomputed | kept: share of the scan | target < 200 ms |', '|---|---:|---:|---:|---:|---|')
  for (const x of r.paired) lines.push(`| ${x.name} | ${x.before.toFixed(1)} ms | ${x.after.toFixed(1)} ms | ${(x.after / x.before).toFixed(3)} | ${((x.after / r.scanMs) * 100).toFixed(2)} % | ${x.after < 200 ? 'met' : '**missed**'} |`)
  lines.push('')
  lines.push('| what the kept pages read (EXPLAIN ANALYZE, BUFFERS) | scans | buffers | share of the scan of declaratie_regel | time |', '|---|---|---:|---:|---:|')
  lines.push(`| sequential scan of declaratie_regel | Seq Scan | ${r.scanBuffers} | 100 % | |`)
  for (const e of r.explained) lines.push(`| ${e.name} | ${e.plan} | ${e.buffers} | ${((e.buffers / r.scanBuffers) * 100).toFixed(2)} % | ${e.ms.toFixed(1)} ms |`)
  lines.push('')
}
if (results.length >= 2) {
  const [small, large] = [results[0]!, results.at(-1)!]
  lines.push('| dashboard query | small | large | large ÷ small | target ≤ 2 |', '|---|---:|---:|---:|---|')
  for (const x of large.queries.filter((q) => q.dashboard)) {
    const s = small.queries.find((q) => q.name === x.name)!
    lines.push(`| ${x.name} | ${s.ms.toFixed(1)} ms | ${x.ms.toFixed(1)} ms | ${(x.ms / s.ms).toFixed(2)} | ${x.ms / s.ms <= 2 ? 'met' : '**missed**'} |`)
  }
}
const table = lines.join('\n')
console.log(table)
mkdirSync(join(root, 'bench/output'), { recursive: true })
writeFileSync(join(root, 'bench/output/dashboard.md'), `${table}\n`)
