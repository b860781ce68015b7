/**
 * Once per run: the migrated template every database test starts from (ADR 0013), so a test
 * file copies a database instead of creating and migrating one.
 *
 * - PGlite: one in-memory database is migrated and its data directory dumped to a temporary
 *   file; each test file opens a new in-memory PGlite from it (`loadDataDir`).
 * - PostgreSQL, when TEST_DATABASE_URL names a server: the cluster-wide role `koers_app` is
 *   created up front (so parallel test files do not race to create it), and a uniquely named
 *   database is migrated; each test file runs `create database … template` it. It is dropped
 *   when the run ends.
 * - The demo region is not built here but by the first test file that needs it, in the run's
 *   temporary directory (src/test/demo-database.ts): a run of one small file need not wait for it.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { today } from '../shared/dates.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding the migrated PGlite data directory (a tarball). */
    pgliteTemplate: string
    /** The migrated template database on the TEST_DATABASE_URL server, or null without one. */
    postgresTemplate: string | null
    /** Where the first test file that needs the demo region leaves it for the others (src/test/demo-database.ts). */
    demoDir: string
    /** The demo's today, decided once for the run, so that workers agree with the demo they share even across midnight. */
    demoToday: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'koers-test-template-'))
  const url = process.env.TEST_DATABASE_URL
  let postgresTemplate: string | null = null
  try {
    const pgliteTemplate = join(dir, 'pglite.tar')
    writeFileSync(pgliteTemplate, await migratedPGlite())
    project.provide('pgliteTemplate', pgliteTemplate)
    project.provide('demoDir', dir)
    project.provide('demoToday', today())
    if (url) {
      postgresTemplate = `koers_template_${randomBytes(6).toString('hex')}`
      await migratedPostgres(url, postgresTemplate)
    }
    project.provide('postgresTemplate', postgresTemplate)
  } catch (error) {
    await teardown(dir, url, postgresTemplate)
    throw error
  }
  return () => teardown(dir, url, postgresTemplate)
}

async function migratedPGlite(): Promise<Uint8Array> {
  const database = await openDatabase({ memory: true })
  try {
    await migrateToLatest(database.db)
    return new Uint8Array(await (await database.dumpDataDir!('none')).arrayBuffer())
  } finally {
    await database.close()
  }
}

async function migratedPostgres(url: string, name: string): Promise<void> {
  await admin(url, async (client) => {
    await client.query(`do $$ begin
      if not exists (select from pg_roles where rolname = 'koers_app') then create role koers_app nologin noinherit; end if;
    end $$`)
    await client.query(`create database ${name}`)
  })
  const database = await openDatabase({ url: databaseUrl(url, name) })
  try {
    await migrateToLatest(database.db)
  } finally {
    // No session may stay connected to a template while it is copied.
    await database.close()
  }
}

async function teardown(dir: string, url: string | undefined, postgresTemplate: string | null): Promise<void> {
  rmSync(dir, { recursive: true, force: true })
  if (url && postgresTemplate) {
    await admin(url, async (client) => {
      // The demo region's template, if a test file built one (src/test/demo-database.ts).
      await client.query(`drop database if exists ${postgresTemplate}_demo with (force)`)
      await client.query(`drop database if exists ${postgresTemplate} with (force)`)
    })
  }
}

/** The server's URL with another database in its path. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** Runs `work` on a connection to the server's own database (TEST_DATABASE_URL), for creating and dropping databases. */
export async function admin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
