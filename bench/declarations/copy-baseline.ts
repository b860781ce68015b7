/**
 * The engine's own COPY, for comparison (a child process of run.ts): the lines the
 * processing wrote, as COPY text, written again in one COPY into a plain table (no keys, no
 * indexes, no policies). Only the COPY is timed.
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
await sql`drop table if exists bench_plain`.execute(db)
await sql`create table bench_plain (like declaratie_regel)`.execute(db)
const started = performance.now()
await db.transaction().execute((trx) => copyRows(trx, 'bench_plain' as never, columns, text))
const seconds = (performance.now() - started) / 1000
await sql`drop table bench_plain`.execute(db)
console.log(JSON.stringify({ seconds, rows: parts.length }))
await close()
