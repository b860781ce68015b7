/**
 * The `koers` command: start the server, run migrations, build a demo region. Errors are
 * one line on stderr; exit codes: 0 ok, 1 failure, 2 usage.
 */
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import type { DemoResult } from '../demo/build-demo.ts'
import type { DemoRegionCode } from '../demo/regions.ts'
import { AppError } from '../shared/errors.ts'
import { UsageError } from './usage-error.ts'
import { withDatabase } from './with-database.ts'
import { projectRoot } from '../shared/project-root.ts'

// Each command loads what it needs when it runs: `koers messages` does not start a database
// engine or an HTTP server, so it should not pay for loading them.

const HELP: Record<string, string> = {
  main: `koers — procurement strategy for Jeugdwet and Wmo, configured and measured in one place

Usage: koers <command> [options]

Commands:
  start         serve Koers (API and web app); builds the demo region on an empty database
  db            migrate the database; back it up, restore it, carry it to a new PostgreSQL
  demo          build a demo region
  messages      validate, show, import and export iJw/iWmo 3.2 messages
  archief       observer mode: set it, and import an archive of messages in both directions
  budgetten     recompute the budget figures, and the budget and target signals (as the month turns)
  dossier       write a provider's contract-management dossier as a PDF

Run 'koers <command> --help' for a command's options.

Environment:
  PORT                 port to listen on (default 3000)
  HOST                 address to listen on (default 127.0.0.1)
  DATABASE_URL         postgres:// URL; when unset, embedded PGlite is used
  KOERS_DATA_DIR       PGlite data directory (default ./data)
  KOERS_SESSION_HOURS  session lifetime in hours (default 8)
  KOERS_SESSION_IDLE_MINUTES
                       a session ends after this many minutes without a request (default 30)
  KOERS_COOKIE_SECURE  true behind HTTPS (default false)
  KOERS_TRUST_PROXY    number of reverse proxies in front of Koers whose X-Forwarded-For
                       is believed for the login limit (default 0: none)
  KOERS_LOG_LEVEL      debug, info, warn or error (default info)
  KOERS_DB_POOL_SIZE   PostgreSQL: connections of the server at most (default 10)
  KOERS_DB_POOL_WAIT_MS
                       PostgreSQL: milliseconds a request waits for a connection before
                       it is answered 503 (default 5000)
  KOERS_DB_STATEMENT_TIMEOUT_MS
                       PostgreSQL: statement_timeout of the server's statements in
                       milliseconds, 0 for none (default 60000)
  KOERS_FROM_SOURCE    1: run the TypeScript sources, not the compiled dist/ (npm run build)
`,
  start: `Usage: koers start [--no-demo]

Applies migrations, builds the Zuidoost-Utrecht demo region when the database holds no
region yet, and beside it Midden-Limburg West in observer mode (its ledger imported from its
back office's archive, with a second opinion that has findings), prints the demo users, and
serves Koers at http://HOST:PORT.

Options:
  --no-demo   do not build the demo regions on an empty database
`,
  'db migrate': `Usage: koers db migrate
       koers db backup FILE
       koers db restore FILE
       koers db upgrade

migrate  applies every migration that has not run yet, on PGlite (KOERS_DATA_DIR) or on
         PostgreSQL (DATABASE_URL).
backup   writes a backup to FILE and verifies it: PGlite's data directory as a gzipped
         tarball (stop the server first: one process per directory), or PostgreSQL with
         pg_dump --format=custom (consistent while the server runs).
restore  puts a backup back, only into an empty data directory or an empty database. A
         PGlite backup written by PostgreSQL 18 (Koers before PGlite 0.6) is carried across
         to PostgreSQL 19 as it is restored.
upgrade  carries an embedded database written by PostgreSQL 18 (Koers before PGlite 0.6)
         across to PostgreSQL 19 (stop Koers first): KOERS_DATA_DIR is replaced by the
         carried copy once each table's rows are checked; the old directory is kept beside
         it (.pg18).
`,
  budgetten: `Usage: koers budgetten bijwerken [--peildatum YYYY-MM-DD]

Recomputes every region's live budget figures (realisation, open commitments, forecast)
for last year, this year and next year as of the reference date (default today), and
raises the budget signals they call for and the signals of strategy targets off track. A running server does this itself when the
month turns; run it after a bulk load or to look at an earlier reference date.
`,
  demo: `Usage: koers demo [--region CODE] [--seed N] [--client-scale F] [--waarnemer]

Builds a demo region, the same for the same seed, and prints its users.

Options:
  --region CODE       zuidoost-utrecht (default), lekstroom or midden-limburg-west
  --waarnemer         also build Midden-Limburg West in observer mode, as koers start does
  --seed N            random seed (default 2027)
  --client-scale F    fraction of the CBS client counts to generate, 0 < F <= 1 (default 1)
`,
}

/** What a caller of `main` may give `koers start` beside its arguments. */
export interface StartOptions {
  /** Awaited just before the server listens (`npm start`: the web app built meanwhile, scripts/start.mjs); a rejection stops the start. */
  beforeListen?: Promise<unknown>
}

/**
 * `koers start` while `build` runs beside it (`npm start`, scripts/start.mjs: the web app): the
 * server waits for it before it listens, and does not serve when it fails (ADR 0045).
 */
export async function startBeside(args: string[], build: Promise<unknown>): Promise<number> {
  // Awaited only when the server is about to listen: a failure before that is handled, not unhandled.
  build.catch(() => {})
  return main(['start', ...args], undefined, { beforeListen: build })
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), options: StartOptions = {}): Promise<number> {
  const err = (s: string) => process.stderr.write(s)
  const [command, ...rest] = argv
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      out(HELP.main!)
      return command === undefined ? 2 : 0
    }
    if (command === 'start') return await start(rest, out, options)
    if (command === 'budgetten') return await budgetten(rest, out)
    if (command === 'db') {
      const [sub, ...subRest] = rest
      if (sub === '--help' || sub === undefined) {
        out(HELP['db migrate']!)
        return sub === undefined ? 2 : 0
      }
      if (sub === 'backup' || sub === 'restore') {
        if (subRest.includes('--help')) return (out(HELP['db migrate']!), 0)
        if (subRest.length !== 1) throw new UsageError(`'db ${sub}' takes exactly one file`)
        const { loadConfig } = await import('../config.ts')
        const { backupDatabase, restoreDatabase } = await import('../db/backup.ts')
        const config = loadConfig()
        const target = config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.KOERS_DATA_DIR }
        const report = await (sub === 'backup' ? backupDatabase : restoreDatabase)(target, subRest[0]!)
        out(`${sub === 'backup' ? 'backup written' : 'backup restored'} (${report.engine}): ${report.file}, ${(report.bytes / 1e6).toFixed(1)} MB; verified: ${report.verified}\n`)
        return 0
      }
      if (sub === 'upgrade') {
        if (subRest.includes('--help')) return (out(HELP['db migrate']!), 0)
        if (subRest.length > 0) throw new UsageError(`unexpected argument '${subRest[0]}'`)
        const { loadConfig } = await import('../config.ts')
        const config = loadConfig()
        if (config.DATABASE_URL) throw new UsageError('koers db upgrade carries an embedded database (KOERS_DATA_DIR) across; a PostgreSQL server is upgraded with its own tools (pg_upgrade or pg_dump)')
        const [{ upgradeDataDir }, { EMBEDDED_POSTGRES_MAJOR }] = await Promise.all([import('../db/embedded-upgrade.ts'), import('../db/database.ts')])
        const report = await upgradeDataDir(config.KOERS_DATA_DIR)
        if (report.keptAs === null) out(`${resolve(config.KOERS_DATA_DIR)} is already on PostgreSQL ${EMBEDDED_POSTGRES_MAJOR}: nothing to do\n`)
        else {
          out(`carried across to PostgreSQL ${EMBEDDED_POSTGRES_MAJOR}: ${report.tables} tables, ${report.rows} rows, each table's rows checked; ${resolve(config.KOERS_DATA_DIR)} is the new database\n`)
          if (report.migrated.length > 0) out(`applied: ${report.migrated.join(', ')}\n`)
          out(`the old directory is kept as ${report.keptAs}: remove it once the new one serves you\n`)
        }
        return 0
      }
      if (sub !== 'migrate') throw new UsageError(`unknown command 'db ${sub}'`)
      if (subRest.includes('--help')) return (out(HELP['db migrate']!), 0)
      if (subRest.length > 0) throw new UsageError(`unexpected argument '${subRest[0]}'`)
      return await withDatabase(async ({ db, engine }) => {
        const { migrateToLatest } = await import('../db/migrate.ts')
        const { applied } = await migrateToLatest(db)
        out(applied.length === 0 ? `database (${engine}) is up to date\n` : `applied on ${engine}: ${applied.join(', ')}\n`)
        return 0
      })
    }
    if (command === 'demo') return await demo(rest, out)
    if (command === 'messages') return await (await import('./messages-command.ts')).messagesCommand(rest, out, err)
    if (command === 'archief') return await (await import('./archief-command.ts')).archiefCommand(rest, out, err)
    if (command === 'dossier') return await (await import('./dossier-command.ts')).dossierCommand(rest, out)
    throw new UsageError(`unknown command '${command}'`)
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`koers: ${(error as Error).message}\nRun 'koers --help' for usage.\n`)
      return 2
    }
    // zod is loaded only here, on the way out: `koers messages validate` uses none of it (issue 19 §3).
    const { ZodError } = await import('zod')
    const appError = error instanceof ZodError ? (await import('../http/errors.ts')).fromZod(error) : error
    if (appError instanceof AppError) {
      err(`koers: ${appError.message} [${appError.reason}]\n`)
      return 1
    }
    err(`koers: unexpected error: ${(error as Error).message}\n`)
    return 1
  }
}

function printDemo(result: DemoResult, password: string, out: (s: string) => void): void {
  const c = result.counts
  out(`Demo region ${result.regionName}: ${c.gemeenten} gemeenten, ${c.segments} segments, ${c.providers} providers, ${c.products} products, ${c.clients} clients, ${c.toewijzingen} toewijzingen and ${c.declaraties} declarations (${c.prestaties} prestaties) from ${c.messages} provider messages; ${c.uitkomstmetingen} outcome measurements and ${c.doelen} strategy targets.\n`)
  out(`Demo users (password for all: ${password}):\n`)
  for (const u of result.users) out(`  ${u.username.padEnd(34)} ${u.role.padEnd(15)} ${u.scope}\n`)
}

/**
 * The demo build's steps on the terminal, with the time since it began and the processor time
 * this process used meanwhile (the embedded database runs in it): on a busy machine the first
 * grows with the load, the second much less.
 */
function demoProgress(out: (s: string) => void): (line: string) => void {
  const began = Date.now()
  const cpu = process.cpuUsage()
  return (line) => {
    const used = process.cpuUsage(cpu)
    out(`  [${Math.round((Date.now() - began) / 1000)} s, ${Math.round((used.user + used.system) / 1e6)} s CPU] ${line}\n`)
  }
}

async function demo(args: string[], out: (s: string) => void): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { region: { type: 'string', default: 'zuidoost-utrecht' }, seed: { type: 'string', default: '2027' }, 'client-scale': { type: 'string', default: '1' }, waarnemer: { type: 'boolean' }, help: { type: 'boolean' } },
    strict: true,
  })
  if (values.help) return (out(HELP.demo!), 0)
  const { demoRegions } = await import('../demo/regions.ts')
  if (!(values.region in demoRegions)) throw new UsageError(`--region must be one of ${Object.keys(demoRegions).join(', ')}`)
  const seed = Number(values.seed)
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError('--seed must be a whole number >= 0')
  const scale = Number(values['client-scale'])
  if (!(scale > 0 && scale <= 1)) throw new UsageError('--client-scale must be a number above 0 and at most 1')
  if (values.waarnemer && values.region === 'midden-limburg-west') throw new UsageError('--waarnemer builds midden-limburg-west itself: choose another --region')
  return withDatabase(async ({ db }) => {
    const { migrateToLatest } = await import('../db/migrate.ts')
    const { DEMO_PASSWORD, buildDemoRegion } = await import('../demo/build-demo.ts')
    await migrateToLatest(db)
    // With --waarnemer, the observing region's traffic is made on another core meanwhile (it needs nothing of this database).
    const waarneming = values.waarnemer ? await import('../demo/build-waarneming.ts') : null
    const verkeer = waarneming?.waarnemerVerkeerErnaast({ seed })
    try {
      out(`Building the demo region ${demoRegions[values.region as DemoRegionCode].name}…\n`)
      printDemo(await buildDemoRegion(db, values.region as DemoRegionCode, { seed, clientScale: scale, onProgress: demoProgress(out) }), DEMO_PASSWORD, out)
      if (waarneming && verkeer) printDemo(await waarneming.buildWaarnemerDemoRegion(db, { seed, onProgress: demoProgress(out) }, verkeer), DEMO_PASSWORD, out)
    } finally {
      await verkeer?.stop()
    }
    return 0
  })
}

async function budgetten(args: string[], out: (s: string) => void): Promise<number> {
  const [sub, ...rest] = args
  if (sub === undefined || sub === '--help') return (out(HELP.budgetten!), sub === undefined ? 2 : 0)
  if (sub !== 'bijwerken') throw new UsageError(`unknown command 'budgetten ${sub}'`)
  const { values } = parseArgs({ args: rest, options: { peildatum: { type: 'string' }, help: { type: 'boolean' } }, strict: true })
  if (values.help) return (out(HELP.budgetten!), 0)
  const { isCalendarDate, today } = await import('../shared/dates.ts')
  const asOf = values.peildatum ?? today()
  if (!isCalendarDate(asOf)) throw new UsageError('--peildatum must be a date YYYY-MM-DD')
  return withDatabase(async ({ db }) => {
    const { migrateToLatest } = await import('../db/migrate.ts')
    const { refreshBudgets } = await import('../app/budget-upkeep.ts')
    await migrateToLatest(db)
    const r = await refreshBudgets(db, asOf)
    out(`${r.regions} region(s), ${r.keys} budget key(s) recomputed as of ${asOf}; ${r.raised} new signal(s)\n`)
    return 0
  })
}

async function start(args: string[], out: (s: string) => void, options: StartOptions): Promise<number> {
  const { values } = parseArgs({ args, options: { 'no-demo': { type: 'boolean' }, help: { type: 'boolean' } }, strict: true })
  if (values.help) return (out(HELP.start!), 0)
  const [{ loadConfig }, { openDatabase }, { migrateToLatest }, { DEMO_PASSWORD, buildDemoRegion }, { createApp }, { listen }, { countRegions }, { log }] = await Promise.all([
    import('../config.ts'),
    import('../db/database.ts'),
    import('../db/migrate.ts'),
    import('../demo/build-demo.ts'),
    import('../app/app.ts'),
    import('../app/server.ts'),
    import('../regions/region.queries.ts'),
    import('../shared/log.ts'),
  ])
  const config = loadConfig()
  log.setLevel(config.KOERS_LOG_LEVEL)
  const target = config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.KOERS_DATA_DIR }
  // In a new embedded data directory the demo is built step by step, committing as it goes, with a
  // marker that the next start finds if the build was interrupted (src/demo/first-start.ts): a
  // half-built demo is never served, with --no-demo neither.
  let newDataDir: string | null = null
  const firstStart = config.DATABASE_URL ? null : await import('../demo/first-start.ts')
  if (firstStart) {
    const { clearInterruptedDemo, isNewDataDir } = firstStart
    const dataDir = config.KOERS_DATA_DIR
    if (clearInterruptedDemo(dataDir)) out(`The last start was stopped while it built the demo: ${resolve(dataDir)} was emptied${values['no-demo'] ? '' : ' and the demo is built again'}.\n`)
    if (!values['no-demo'] && isNewDataDir(dataDir)) newDataDir = dataDir
  }
  const prepare = async (db: Awaited<ReturnType<typeof openDatabase>>['db']) => {
    await migrateToLatest(db)
    if (!values['no-demo'] && (await countRegions(db)) === 0) {
      const buildDemos = async () => {
        // The observing region's traffic needs nothing of this database: made on another core meanwhile.
        const { buildWaarnemerDemoRegion, waarnemerVerkeerErnaast } = await import('../demo/build-waarneming.ts')
        const verkeer = waarnemerVerkeerErnaast()
        try {
          out('Empty database: building the demo region Zuidoost-Utrecht (a minute or two the first time)…\n')
          printDemo(await buildDemoRegion(db, 'zuidoost-utrecht', { onProgress: demoProgress(out), perStep: newDataDir !== null }), DEMO_PASSWORD, out)
          out('Building Midden-Limburg West in observer mode, from its back office\'s archive…\n')
          printDemo(await buildWaarnemerDemoRegion(db, { onProgress: demoProgress(out) }, verkeer), DEMO_PASSWORD, out)
        } finally {
          await verkeer.stop()
        }
      }
      if (newDataDir === null || firstStart === null) await buildDemos()
      else await firstStart.whileDemoUnderWay(newDataDir, buildDemos)
    }
  }
  // On PostgreSQL the migrations and the demo may run statements longer than the server's
  // statement time-out (an index on a national table): they run first, on a pool without it.
  if ('url' in target) {
    const setup = await openDatabase(target)
    try {
      await prepare(setup.db)
    } finally {
      await setup.close()
    }
  }
  const database = await openDatabase(target, {
    poolSize: config.KOERS_DB_POOL_SIZE,
    poolWaitMs: config.KOERS_DB_POOL_WAIT_MS,
    statementTimeoutMs: config.KOERS_DB_STATEMENT_TIMEOUT_MS,
  })
  try {
    if (!('url' in target)) await prepare(database.db)
    // Heavy requests (KPI pages, uploads) get half the pool; on PGlite one at a time (ADR 0022).
    const heavyRequests = database.engine === 'postgres' ? Math.max(1, Math.floor(config.KOERS_DB_POOL_SIZE / 2)) : 1
    try {
      await options.beforeListen
    } catch (error) {
      process.stderr.write(`koers: not serving: ${(error as Error).message}\n`)
      return 1
    }
    const app = createApp({ db: database.db, config }, { webDir: resolve(projectRoot, 'web/dist'), heavyRequests })
    const server = await listen(app, config.PORT, config.HOST)
    out(`Koers serves on http://${config.HOST === '127.0.0.1' ? 'localhost' : config.HOST}:${config.PORT} (database: ${database.engine})\n`)
    // The forecast depends on the month: recompute when it turned while the server was down
    // (in the background: a national database takes about a minute), and check hourly after;
    // the embedded engine's table statistics are refreshed first in the same run (it has no autovacuum).
    // Sessions that ended (expired or idle) are refused on sight; the hourly run removes the rest.
    const [{ refreshBudgetsIfStale }, { refreshStatistics }, { deleteEndedSessions }] = await Promise.all([import('../app/budget-upkeep.ts'), import('../db/statistics.ts'), import('../auth/session.queries.ts')])
    // Stopped with the server, an upkeep under way fails as the database closes: that is no error.
    let stopping = false
    const upkeep = () =>
      refreshStatistics(database.db, database.engine)
        .then(() => deleteEndedSessions(database.db, { now: new Date(), idleMinutes: config.KOERS_SESSION_IDLE_MINUTES }))
        .then(() => refreshBudgetsIfStale(database.db))
        .catch((error: unknown) => (stopping ? log.info('upkeep stopped with the server') : log.error('upkeep failed', { error: String(error) })))
    void upkeep()
    const timer = setInterval(upkeep, 3_600_000)
    timer.unref()
    await new Promise<void>((resolveStop) => {
      const stop = () => {
        stopping = true
        server.close(() => resolveStop())
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    return 0
  } finally {
    await database.close()
  }
}
