/**
 * The engines every database test runs on: PGlite (in memory) always, and PostgreSQL when
 * TEST_DATABASE_URL is set, each test file in a fresh database of its own, copied from the
 * migrated template the global setup built for the run (src/test/global-setup.ts, ADR 0013).
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { inject } from 'vitest'
import { type Engine, type OpenDatabase, type PoolOptions, openDatabase } from '../db/database.ts'
import { admin, databaseUrl } from './global-setup.ts'

export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

export interface TestDatabase extends OpenDatabase {
  /** Closes the connection and drops the database (PostgreSQL). */
  dispose(): Promise<void>
}

/** `pool`: PostgreSQL's pool settings (a pool of one connection, a statement time-out); PGlite ignores them. */
export async function freshDatabase(engine: Engine, pool: PoolOptions = {}): Promise<TestDatabase> {
  if (engine === 'pglite') return pgliteFrom(readFileSync(inject('pgliteTemplate')))
  const template = inject('postgresTemplate')
  if (!template) throw new Error('no PostgreSQL template: TEST_DATABASE_URL was not set when the run began')
  return copyOfPostgresTemplate(template, pool)
}

/** An in-memory PGlite opened from a dumped data directory. */
export async function pgliteFrom(dataDir: Uint8Array<ArrayBuffer>): Promise<TestDatabase> {
  const database = await openDatabase({ memory: true, loadDataDir: new Blob([dataDir]) })
  return { ...database, dispose: () => database.close() }
}

/** A new database on the TEST_DATABASE_URL server, copied from `template`; dropped on dispose. */
export async function copyOfPostgresTemplate(template: string, pool: PoolOptions = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL!
  const name = `koers_test_${randomBytes(6).toString('hex')}`
  await admin(serverUrl, (client) => client.query(`create database ${name} template ${template}`))
  const database = await openDatabase({ url: databaseUrl(serverUrl, name) }, pool)
  return {
    ...database,
    async dispose() {
      await database.close()
      await admin(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`))
    },
  }
}
