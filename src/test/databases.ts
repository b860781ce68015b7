/**
 * The engines every database test runs on: PGlite (in memory) always, and PostgreSQL when
 * TEST_DATABASE_URL is set, each test file in a fresh database of its own.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { type Engine, type OpenDatabase, openDatabase } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'

export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

export interface TestDatabase extends OpenDatabase {
  /** Closes the connection and drops the database (PostgreSQL). */
  dispose(): Promise<void>
}

export async function freshDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const database = await openDatabase({ memory: true })
    await migrateToLatest(database.db)
    return { ...database, dispose: () => database.close() }
  }
  const adminUrl = process.env.TEST_DATABASE_URL!
  const name = `koers_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const database = await openDatabase({ url: url.toString() })
  await migrateToLatest(database.db)
  return {
    ...database,
    async dispose() {
      await database.close()
      const drop = new pg.Client({ connectionString: adminUrl })
      await drop.connect()
      await drop.query(`drop database if exists ${name} with (force)`)
      await drop.end()
    },
  }
}
