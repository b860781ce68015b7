/** Opens the configured database for one CLI command and closes it afterwards. */
import type { OpenDatabase } from '../db/database.ts'

export async function withDatabase<T>(work: (db: OpenDatabase) => Promise<T>): Promise<T> {
  const { loadConfig } = await import('../config.ts')
  const { openDatabase } = await import('../db/database.ts')
  const config = loadConfig()
  const database = await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.KOERS_DATA_DIR })
  try {
    return await work(database)
  } finally {
    await database.close()
  }
}
