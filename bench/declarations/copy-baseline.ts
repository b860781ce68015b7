/**
 * Persisting, measured alone (a child process of run.ts). The lines the processing wrote are
 * read back as COPY text and written twice more, each timed by itself:
 * - the engine's own COPY: one statement into a plain table (no keys, no index, no policies);
 * - Koers' persisting: the same statements the processing issues — `copyRows` per chunk of
 *   10,000, in one transaction — into a table made like declaratie_regel with its key,
 *   constraint, index and row-level security.
 * Inside the processing the COPYs overlap reading, so their own duration is not visible there.
 *
 *   tsx bench/declarations/copy-baseline.ts (--data-dir DIR | --url URL)
 */
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { copyRows, copyValue } from '../../src/db/copy.ts'
import { openDatabase } from '../../src/db/database.ts'
import { regelIdRange } from '../../src/declaraties/declaratie.receive.ts'

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, url: { type: 'string' } } })
const { db, close } = await openDatabase(values.url ? { url: values.url } : { dataDir: values['data-dir']! })
const columns = ['id', 'region_id', 'declaratie_id', 'gemeente_id', 'provider_id', 'wet', 'volgnummer', 'client_id', 'toewijzing_id', 'product_id', 'segment_id', 'referentie_nummer', 'vorig_referentie_nummer', 'toewijzing_nummer', 'productcategorie', 'productcode', 'begindatum', 'einddatum', 'volume', 'eenheid', 'tarief_cents', 'bedrag_cents', 'goedgekeurd', 'retour_codes', 'crediteert_regel_id'] as const
const last = await db.selectFrom('declaratie').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
const parts: string[] = []
let after = 0
for (;;) {
  const rows = await db.selectFrom('declaratie_regel').select(columns).where('id', '>', Math.max(after, regelIdRange(last.id).from)).where('id', '<', regelIdRange(last.id).to).orderBy('id').limit(100_000).execute()
  if (rows.length === 0) break
  for (const r of rows) parts.push(columns.map((c) => copyValue(r[c] as never)).join('\t') + '\n')
  after = Number(rows.at(-1)!.id)
}
const text = parts.join('')
const chunks: string[] = []
for (let i = 0; i < parts.length; i += 10_000) chunks.push(parts.slice(i, i + 10_000).join(''))
parts.length = 0
await sql`drop table if exists bench_plain`.execute(db)
await sql`create table bench_plain (like declaratie_regel)`.execute(db)
let started = performance.now()
await db.transaction().execute((trx) => copyRows(trx, 'bench_plain' as never, columns, text))
const seconds = (performance.now() - started) / 1000
await sql`drop table bench_plain`.execute(db)
await sql`drop table if exists bench_regel`.execute(db)
await sql`create table bench_regel (like declaratie_regel including all)`.execute(db)
await sql`alter table bench_regel enable row level security`.execute(db)
started = performance.now()
await db.transaction().execute(async (trx) => {
  for (const chunk of chunks) await copyRows(trx, 'bench_regel' as never, columns, chunk)
})
const koersSeconds = (performance.now() - started) / 1000
await sql`drop table bench_regel`.execute(db)
console.log(JSON.stringify({ seconds, koersSeconds, rows: chunks.reduce((n, c) => n + c.split('\n').length - 1, 0) }))
await close()
