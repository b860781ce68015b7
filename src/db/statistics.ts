/**
 * Table statistics for the embedded engine. PostgreSQL's autovacuum keeps them; PGlite has no
 * background workers, so without this the planner never learns a table's size and, for
 * example, finds a message by its key by scanning every message of the region (docs/
 * benchmarks.md, *Table statistics*). ANALYZE samples a bounded number of rows per table.
 */
import { sql } from 'kysely'
import type { Database, Engine } from './database.ts'

/** Brings the planner's statistics up to date where nothing else does (PGlite). */
export async function refreshStatistics(db: Database, engine: Engine): Promise<void> {
  if (engine === 'pglite') await sql`analyze`.execute(db)
}
