/**
 * The flow model's backtest (issue 22 §2, docs/scenarios.md): on the demo region as `npm start`
 * builds it, per top-level segment, the model is fitted on what was known at the end of the year
 * before the last two, projected over the last two (the current year up to its last complete
 * month), and held against what happened: clients in care (in care at the start of the year plus
 * the inflow) and the realised costs. The error per year is |model − actual| / actual; the MAPE
 * the mean over the two years. Deterministic: the demo is built from its seed.
 *
 *   npx tsx scripts/backtest-scenarios.ts [--today 2026-12-06] [--clients 150]
 *   npx tsx scripts/backtest-scenarios.ts --data-dir DIR | --url postgres://… [--today 2026-12-06] [--years 2]
 *
 * Without --data-dir or --url the demo is built in memory first (minutes of CPU). With one, the
 * demo region already in that database is read (built once by `koers demo`, whose history ends
 * on the day it ran: pass that day as --today).
 */
import { parseArgs } from 'node:util'
import { systemActor } from '../src/auth/actor.ts'
import { openDatabase } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { withActor } from '../src/db/scope.ts'
import { buildDemoRegion } from '../src/demo/build-demo.ts'
import type { DemoRegionCode } from '../src/demo/regions.ts'
import { loadKpiFacts, segmentFamily } from '../src/kpis/kpi.queries.ts'
import { listGemeenten } from '../src/regions/region.queries.ts'
import { listSegments } from '../src/segments/segment.queries.ts'
import { addDays, monthStart, today } from '../src/shared/dates.ts'
import { defaultFitFrom, fitModel, monthNo, project } from '../src/scenarios/flow-model.rules.ts'
import { historiesOf } from '../src/scenarios/history.rules.ts'
import { productMoney, trajectDetails } from '../src/scenarios/scenario.queries.ts'

const { values } = parseArgs({
  options: { today: { type: 'string', default: today() }, clients: { type: 'string', default: '150' }, 'data-dir': { type: 'string' }, url: { type: 'string' }, region: { type: 'string', default: 'zuidoost-utrecht' }, years: { type: 'string', default: '2' } },
})
const T = values.today
const Y = Number(T.slice(0, 4))
// How many years are compared (the issue: two); the model is fitted at the end of the year before them.
const N = Number(values.years)
if (!(Number.isInteger(N) && N >= 1 && N <= 3)) throw new Error('--years must be 1, 2 or 3')
const compared = Array.from({ length: N }, (_, i) => Y - N + 1 + i)
const fitPeildatum = `${Y - N}-12-31`
const lastComplete = monthNo(monthStart(T)) - 1

const existing = values.url !== undefined ? { url: values.url } : values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : null
const { db, close } = await openDatabase(existing ?? { memory: true })
await migrateToLatest(db)
const started = Date.now()
const demo = existing
  ? await db.selectFrom('region').select(['id as regionId', 'name as regionName']).where('code', '=', values.region).executeTakeFirstOrThrow(() => new Error(`no region ${values.region} in the database: build it with koers demo`))
  : await buildDemoRegion(db, values.region as DemoRegionCode, { today: T, historyClientsPerGemeente: Number(values.clients) })
console.error(existing ? `read ${demo.regionName} from ${'url' in existing ? 'PostgreSQL' : existing.dataDir}` : `demo built in ${Math.round((Date.now() - started) / 1000)} s`)
const regio = systemActor(demo.regionId, 'backtest')
const pctErr = (model: number, actual: number) => (actual === 0 ? null : (Math.abs(model - actual) / actual) * 100)
const fmt = (x: number | null) => (x === null ? '–' : x.toFixed(1).replace('.', ','))

const lines: string[] = [`Backtest of ${demo.regionName} (demo, today ${T}${existing ? '' : `, ${values.clients} clients per gemeente with history`}): fitted on what was known on ${fitPeildatum}, compared over ${compared.join(' and ')} (${Y} to the end of its last complete month).`, '', '| segment | year | clients in care: model | actual | error % | costs: model (€) | actual (€) | error % |', '|---|---|---|---|---|---|---|---|']
const mape: string[] = ['', '| segment | MAPE clients in care % | MAPE costs % |', '|---|---|---|']
await withActor(db, regio, async (trx) => {
  const segments = await listSegments(trx)
  const gemeenten = (await listGemeenten(trx)).map((g) => g.id)
  for (const s of segments.filter((x) => x.parentId === null)) {
    const family = segmentFamily(segments, s.id)
    const facts = await loadKpiFacts(trx, regio, T, `${Y - 4}-01-01`, family)
    // The perspective and product of each traject and the realisation by product, as the scenario page reads them (stroommodel-2).
    const details = { trajecten: await trajectDetails(trx, [...family]), byProduct: await productMoney(trx, regio, [...family], `${Y - 4}-01-01`, fitPeildatum) }
    const fitted = historiesOf(facts.trajecten, facts.geld.filter((m) => m.maand <= fitPeildatum), gemeenten, fitPeildatum, defaultFitFrom(fitPeildatum), details).map((h) => fitModel(h, defaultFitFrom(fitPeildatum)))
    const actual = historiesOf(facts.trajecten, facts.geld, gemeenten, T, `${Y - 4}-01-01`)
    const errs: { c: number | null; k: number | null }[] = []
    for (const y of compared) {
      const from = y * 12
      const to = Math.min(y * 12 + 11, lastComplete)
      const months = fitted.flatMap((m) => project(m, Y).filter((f) => f.month >= from && f.month <= to))
      const startStock = fitted.reduce((sum, m) => sum + (project(m, Y).find((f) => f.month === from - 1)?.stockEnd ?? 0), 0)
      const modelClients = startStock + months.reduce((a, f) => a + f.inflow, 0)
      const modelCosts = months.reduce((a, f) => a + f.costCents, 0)
      const fromDate = `${y}-01-01`
      const toDate = addDays(`${Math.floor((to + 1) / 12)}-${String(((to + 1) % 12) + 1).padStart(2, '0')}-01`, -1)
      const actualClients = actual.reduce((a, h) => a + h.episodes.filter((e) => e.begin <= toDate && (e.eind === null || e.eind >= fromDate)).length, 0)
      const actualCosts = actual.reduce((a, h) => a + [...h.realised].filter(([m]) => m >= fromDate && m <= toDate).reduce((x, [, c]) => x + c, 0), 0)
      const e = { c: pctErr(modelClients, actualClients), k: pctErr(modelCosts, actualCosts) }
      errs.push(e)
      lines.push(`| ${s.name} | ${y} | ${Math.round(modelClients)} | ${actualClients} | ${fmt(e.c)} | ${Math.round(modelCosts / 100).toLocaleString('nl-NL')} | ${Math.round(actualCosts / 100).toLocaleString('nl-NL')} | ${fmt(e.k)} |`)
    }
    const mean = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : xs.reduce((a, b) => a! + b!, 0)! / xs.length)
    mape.push(`| ${s.name} | ${fmt(mean(errs.map((e) => e.c)))} | ${fmt(mean(errs.map((e) => e.k)))} |`)
  }
})
console.log([...lines, ...mape].join('\n'))
await close()
