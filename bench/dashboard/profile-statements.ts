/**
 * Which statements bench:dashboard's dashboard rows run, and what each reads (issue 19 §5): every
 * SELECT a page or query sends is recorded (pg's Client.query wrapped), then run again under
 * EXPLAIN (ANALYZE, BUFFERS) in the same actor's scope; the buffers are summed per row and set
 * against the pages of declaratie_regel, what a sequential scan reads. On a kept database:
 *   npx tsx bench/dashboard/profile-statements.ts --url postgresql://postgres@127.0.0.1:5432/koers_bench_dashboard_400000 [--only dashboard]
 * FULL=1 prints the text and plan of each statement over 1,000 buffers or 2 ms.
 */
import { parseArgs } from 'node:util'
import { CompiledQuery, sql } from 'kysely'
import pg from 'pg'
import type { Actor } from '../../src/auth/actor.ts'
import { dashboard } from '../../src/budgets/dashboard.queries.ts'
import { listBudgetSignals } from '../../src/budgets/signal.queries.ts'
import { taakveldTotals } from '../../src/budgets/taakveld.queries.ts'
import { openDatabase } from '../../src/db/database.ts'
import { withActor } from '../../src/db/scope.ts'

const { values } = parseArgs({ options: { url: { type: 'string' }, only: { type: 'string' } } })
const YEAR = 2026
const recorded: { text: string; values: unknown[] }[] = []
let recording = false
const original = pg.Client.prototype.query
;(pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  const [q, v] = args as [unknown, unknown]
  if (recording) {
    const text = typeof q === 'string' ? q : (q as { text: string }).text
    const vals = (typeof q === 'string' ? v : (q as { values?: unknown[] }).values) as unknown[] | undefined
    if (/^\s*(with|select)/i.test(text)) recorded.push({ text, values: vals ?? [] })
  }
  return (original as (...a: unknown[]) => unknown).apply(this, args)
} as never

const { db, close } = await openDatabase({ url: values.url! })
const { rows: [r] } = await sql<{ region_id: number }>`select region_id from declaratie_regel group by 1 order by count(*) desc limit 1`.execute(db)
const regionId = r!.region_id
const { rows: [scan] } = await sql<{ pages: number }>`select relpages as pages from pg_class where relname = 'declaratie_regel'`.execute(db)
const { rows: [g] } = await sql<{ gemeente_id: number }>`select gemeente_id from declaratie_regel where region_id = ${regionId} group by 1 order by count(*) desc limit 1`.execute(db)
const regio: Actor = { userId: null, name: 'bench', role: 'regio', regionId, gemeenteId: null, providerId: null }
const gemeente: Actor = { userId: null, name: 'bench', role: 'gemeente', regionId, gemeenteId: g!.gemeente_id, providerId: null }
const work: [string, Actor, () => Promise<unknown>][] = [
  ['dashboard region', regio, () => dashboard((w) => withActor(db, regio, w), regio, YEAR)],
  ['dashboard gemeente', gemeente, () => dashboard((w) => withActor(db, gemeente, w), gemeente, YEAR)],
  ['signals region', regio, () => withActor(db, regio, (trx) => listBudgetSignals(trx, regio, { jaar: YEAR }))],
  ['taakveld gemeente', gemeente, () => withActor(db, gemeente, (trx) => taakveldTotals(trx, gemeente, YEAR))],
]
for (const [name, actor, run] of work) {
  if (values.only && !name.includes(values.only)) continue
  await run()
  recorded.length = 0
  recording = true
  const t0 = performance.now()
  await run()
  const wall = performance.now() - t0
  recording = false
  const statements = recorded.splice(0)
  let total = 0
  console.log(`\n## ${name} (region ${regionId}, gemeente ${g!.gemeente_id}): ${statements.length} statements, ${wall.toFixed(1)} ms wall`)
  for (const s of statements) {
    const plan = await withActor(db, actor, async (trx) => (await trx.executeQuery(CompiledQuery.raw(`explain (analyze, buffers, format json) ${s.text}`, s.values))).rows[0] as { 'QUERY PLAN': [{ Plan: Record<string, number>; 'Execution Time': number; 'Planning Time': number }] })
    const top = plan['QUERY PLAN'][0]
    const buffers = (top.Plan['Shared Hit Blocks'] ?? 0) + (top.Plan['Shared Read Blocks'] ?? 0)
    total += buffers
    if (process.env.FULL && (buffers > 1000 || top['Execution Time'] > 2)) {
      console.log('```sql\n' + s.text + '\n```\n' + JSON.stringify(s.values))
      const text = await withActor(db, actor, async (trx) => (await trx.executeQuery(CompiledQuery.raw(`explain (analyze, buffers) ${s.text}`, s.values))).rows as { 'QUERY PLAN': string }[])
      console.log(text.map((x) => x['QUERY PLAN']).join('\n'))
    }
    console.log(`- ${buffers} buffers, exec ${top['Execution Time'].toFixed(1)} ms, plan ${top['Planning Time'].toFixed(1)} ms: ${s.text.replace(/\s+/g, ' ').slice(0, 160)}`)
  }
  console.log(`  total ${total} buffers (${((total / scan!.pages) * 100).toFixed(2)} % of declaratie_regel's ${scan!.pages} pages)`)
}
await close()
