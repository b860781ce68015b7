/**
 * The demo region for the tests that need one (the demo build's own test, every GET answer of
 * the API, the role × route test): built once per run and engine, then copied for each test file
 * like the migrated template (ADR 0013). Building it takes 20–60 s; three files building it on
 * two engines took a third of `npm test`.
 *
 * The first file that asks builds it and leaves a copy in the run's directory (`demoDir`, from
 * the global setup): PGlite's data directory as a file, on PostgreSQL a template database. A
 * file asking while the build runs waits for it. A failed build leaves its error, so the others
 * fail with it instead of waiting.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { inject } from 'vitest'
import { type Engine, openDatabase } from '../db/database.ts'
import { type DemoOptions, type DemoResult, buildDemoRegion } from '../demo/build-demo.ts'
import { addDays } from '../shared/dates.ts'
import { type TestDatabase, copyOfPostgresTemplate, freshDatabase, pgliteFrom } from './databases.ts'
import { admin, databaseUrl } from './global-setup.ts'

/** The demo's today: the routes' defaults (this year, today) read the real calendar; decided once per run (global setup). */
export const DEMO_TODAY = inject('demoToday')
/** The year the reports are asked for: that of a month ago, so early January still has a year of figures. */
export const DEMO_YEAR = Number(addDays(DEMO_TODAY, -31).slice(0, 4))
/**
 * A smaller history than the real demo's (150 clients per gemeente): 20 per gemeente still gives
 * every message, both kinds of refused prestatie and a measured target per segment.
 */
export const DEMO_OPTIONS: DemoOptions = { clientScale: 0.02, historyClientsPerGemeente: 20, today: DEMO_TODAY, budgetYears: [DEMO_YEAR, DEMO_YEAR + 1] }
export const DEMO_REGION = 'zuidoost-utrecht'

/** A build takes 20 s on two idle cores and can take minutes on a busy machine: the limit stops a build that hangs, it does not time one. */
export const DEMO_BUILD_LIMIT = 15 * 60_000

export interface DemoDatabase {
  database: TestDatabase
  demo: DemoResult
}

/** A database of this test file's own holding the demo region (DEMO_OPTIONS). */
export async function demoDatabase(engine: Engine): Promise<DemoDatabase> {
  const dir = inject('demoDir')
  const file = (name: string) => join(dir, `demo-${engine}.${name}`)
  if (claim(file('lock'))) {
    try {
      return await build(engine, file)
    } catch (error) {
      writeFileSync(file('error'), error instanceof Error ? (error.stack ?? error.message) : String(error))
      throw error
    }
  }
  for (;;) {
    if (existsSync(file('error'))) throw new Error(`building the demo region on ${engine} failed in another test file:\n${readFileSync(file('error'), 'utf8')}`)
    if (existsSync(file('json'))) break
    await sleep(250)
  }
  const demo = JSON.parse(readFileSync(file('json'), 'utf8')) as DemoResult
  const database = engine === 'pglite' ? await pgliteFrom(readFileSync(file('tar'))) : await copyOfPostgresTemplate(postgresDemoTemplate())
  return { database, demo }
}

/** Built step by step (src/demo/steps.ts): a failed build is thrown away with its database, and the others fail with its error. */
async function build(engine: Engine, file: (name: string) => string): Promise<DemoDatabase> {
  if (engine === 'pglite') {
    const database = await freshDatabase('pglite')
    const demo = await buildDemoRegion(database.db, DEMO_REGION, { ...DEMO_OPTIONS, perStep: true })
    writeFileSync(file('tar.part'), new Uint8Array(await (await database.dumpDataDir!('none')).arrayBuffer()))
    renameSync(file('tar.part'), file('tar'))
    publish(file, demo)
    return { database, demo }
  }
  // On PostgreSQL the demo is built in the template itself; no session may stay connected to it while it is copied.
  const serverUrl = process.env.TEST_DATABASE_URL!
  const template = postgresDemoTemplate()
  await admin(serverUrl, (client) => client.query(`create database ${template} template ${inject('postgresTemplate')!}`))
  const building = await openDatabase({ url: databaseUrl(serverUrl, template) })
  let demo: DemoResult
  try {
    demo = await buildDemoRegion(building.db, DEMO_REGION, { ...DEMO_OPTIONS, perStep: true })
  } finally {
    await building.close()
  }
  publish(file, demo)
  return { database: await copyOfPostgresTemplate(template), demo }
}

/** The demo template on the PostgreSQL server: named after the run's migrated template, dropped with it. */
function postgresDemoTemplate(): string {
  return `${inject('postgresTemplate')!}_demo`
}

function publish(file: (name: string) => string, demo: DemoResult): void {
  writeFileSync(file('json.part'), JSON.stringify(demo))
  renameSync(file('json.part'), file('json'))
}

/** True for the one caller that creates the file (the builder). */
function claim(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx'))
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}
