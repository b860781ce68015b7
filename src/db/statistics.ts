/**
 * Table statistics for the embedded engine. PostgreSQL's autovacuum keeps them; PGlite has no
 * background workers, so without this the planner never learns a table's size and, for
 * example, finds a message by its key by scanning every message of the region (docs/
 * benchmarks.md, *Table statistics*). ANALYZE samples a bounded number of rows per table.
 */
import { type Kysely, sql } from 'kysely'
import type { Database, Engine } from './database.ts'
import type { DB } from './schema.ts'

/** Brings the planner's statistics up to date where nothing else does (PGlite). */
export async function refreshStatistics(db: Database, engine: Engine): Promise<void> {
  if (engine === 'pglite') await sql`analyze`.execute(db)
}

/**
 * Statistics kept up to date inside one long transaction that writes what it reads next (the
 * demo build, issue 19 §4): ANALYZE each time the work since the transaction's last ANALYZE
 * doubled. Autovacuum sees only committed rows, on either engine, and ANALYZE in the transaction
 * counts its own; without it the planner keeps the sizes the tables had when it last looked.
 * The demo's history then found each message's earlier namesake (the duplicate check, 9056) by
 * reading every message of the region through the mailbox index, more each message. Doubling
 * keeps the number of ANALYZEs logarithmic in the work.
 */
export class StatisticsAsItGrows {
  #done = 0
  #next: number
  constructor(
    /** The work after which the first ANALYZE runs. */
    first = 100,
  ) {
    this.#next = first
  }

  /** Counts `work` more (messages, lines: any unit that grows with the rows written) and analyzes in `trx` when it doubled. */
  async did(trx: Kysely<DB>, work = 1): Promise<void> {
    if (this.due(work)) await sql`analyze`.execute(trx)
  }

  /** Counts `work` more and tells whether it doubled since the last time it said so: the caller analyzes (as the tables' owner). */
  due(work = 1): boolean {
    this.#done += work
    if (this.#done < this.#next) return false
    this.#next = this.#done * 2
    return true
  }
}

/**
 * The rows every message updates in place — the number sequences and the commitments per key
 * and month or year, the figures per key. PGlite has no autovacuum (and a server's may be off or
 * come later): each update leaves a dead version that the next look-up of the row reads past, so
 * that after 10,036 messages `number_sequence`'s 6 rows had 8,478 dead versions beside them and
 * each message was slower than the one before. A vacuum of these few rows costs little.
 */
const HOT_ROWS = sql.raw(['number_sequence', 'verplichting_jaar', 'verplichting_maand', 'budget_prognose', 'budget_prognose_maand'].join(', '))

/**
 * Vacuums the rows every message updates in place, after a batch of messages committed (the
 * archive import, the demo built step by step). Outside a transaction, as VACUUM must be; a
 * table another vacuum holds is skipped this time. Versions a transaction still running may see
 * stay: inside one long transaction nothing can be removed, which is why these callers commit.
 */
export async function vacuumHotRows(db: Kysely<DB>): Promise<void> {
  await sql`vacuum (skip_locked) ${HOT_ROWS}`.execute(db)
}
