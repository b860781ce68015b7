/**
 * What keeping the traject facts costs a write (issue 19 §5, ADR 0029): single-row statements
 * of the kinds the ledger sees — a toewijzing changed (its einddatum), a 305's start, a 307's
 * stop, a 301's first version — timed with the traject triggers on and off, in alternating
 * rounds in one run, each round in a transaction that is rolled back. On PGlite (in memory) and,
 * with --url, on a fresh PostgreSQL database; the data: one region of `--clients` clients with
 * 2.5 toewijzingen each, made by plain SQL as the owner.
 *
 *   npx tsx bench/dashboard/write-cost.ts [--clients 5000] [--statements 300] [--rounds 5] [--url postgresql://postgres@127.0.0.1:5432/postgres]
 */
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import { openDatabase, type OpenDatabase } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { toegangScenario } from '../../src/test/toegang-scenario.ts'

const { values } = parseArgs({ options: { clients: { type: 'string', default: '5000' }, statements: { type: 'string', default: '300' }, rounds: { type: 'string', default: '5' }, url: { type: 'string' } } })
const clients = Number(values.clients)
const statements = Number(values.statements)
const rounds = Number(values.rounds)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function measure(engine: string, database: OpenDatabase) {
  const { db } = database
  await migrateToLatest(db)
  const s = await toegangScenario(db)
  const regionId = s.region.regionId
  // Clients with a beschikking each, 2.5 toewijzingen each (the national bench's ratio), a message for the starts and stops.
  await sql`insert into client (region_id, gemeente_id, bsn, birth_date, pseudonym)
    select ${regionId}, ${s.zeist.id}, lpad(n::text, 8, '0') || ((9 * (n / 10000000 % 10) + 8 * (n / 1000000 % 10) + 7 * (n / 100000 % 10) + 6 * (n / 10000 % 10) + 5 * (n / 1000 % 10) + 4 * (n / 100 % 10) + 3 * (n / 10 % 10) + 2 * (n % 10)) % 11)::text,
           '2012-01-01', 'w' || lpad(n::text, 11, '0')
    from generate_series(20000000, 20000000 + ${clients * 2}) n
    where (9 * (n / 10000000 % 10) + 8 * (n / 1000000 % 10) + 7 * (n / 100000 % 10) + 6 * (n / 10000 % 10) + 5 * (n / 1000 % 10) + 4 * (n / 100 % 10) + 3 * (n / 10 % 10) + 2 * (n % 10)) % 11 < 10
    limit ${clients}`.execute(db)
  await sql`insert into beschikking (region_id, gemeente_id, client_id, wet, beschikking_nummer, perspective, complexity, intensity, goals, issued_on)
    select region_id, gemeente_id, id, 'jeugdwet', id, 'ontwikkeling', 'enkelvoudig', 'middel', '[{"description":"Doel","domain":"ontwikkeling","t1":2}]', '2026-01-01' from client where region_id = ${regionId} and id <> ${s.clientId}`.execute(db)
  await sql`insert into toewijzing (region_id, gemeente_id, client_id, beschikking_id, provider_id, segment_id, product_id, wet, toewijzing_nummer, status,
                                  version, toewijzing_datum, toewijzing_tijd, ingangsdatum, einddatum, verplichting_cents)
    select b.region_id, b.gemeente_id, b.client_id, b.id, ${s.providers[0]!.id}, ${s.segmentId}, ${s.productId}, 'jeugdwet', row_number() over (), 'actief',
           1, '2026-01-01', '09:00:00', make_date(2026, j * 3, 1), make_date(2026, j * 3, 1) + 120, 100000
    from beschikking b, generate_series(1, 3) j where b.region_id = ${regionId} and (j <= 2 or b.id % 2 = 0)`.execute(db)
  const { id: messageId } = await db
    .insertInto('message')
    .values({ region_id: regionId, direction: 'in', wet: 'jeugdwet', code: '305', sender_code: s.providers[0]!.agb, receiver_code: s.zeist.cbsCode, gemeente_id: s.zeist.id, provider_id: s.providers[0]!.id, identificatie: 'WC1', dagtekening: '2026-01-01', state: 'verwerkt', content: Buffer.from('x'), content_sha256: '0'.repeat(64) })
    .returning('id')
    .executeTakeFirstOrThrow()
  await sql`analyze`.execute(db)
  const ids = (await db.selectFrom('toewijzing').select(['id', 'client_id']).where('region_id', '=', regionId).orderBy('id').limit(statements).execute())
  type Trx = Parameters<Parameters<ReturnType<typeof db.transaction>['execute']>[0]>[0]
  const kinds: Record<string, (trx: Trx, id: number) => Promise<unknown>> = {
    'a toewijzing changed (einddatum)': (trx, id) => sql`update toewijzing set einddatum = einddatum + 1 where id = ${id}`.execute(trx),
    "a 301's first version": (trx, id) => sql`insert into toewijzing_version (region_id, toewijzing_id, gemeente_id, provider_id, version, toewijzing_datum, toewijzing_tijd, ingangsdatum, einddatum, verplichting_cents, status)
      select region_id, id, gemeente_id, provider_id, 1, toewijzing_datum, toewijzing_tijd, ingangsdatum, einddatum, verplichting_cents, status from toewijzing where id = ${id}`.execute(trx),
    "a 305's start": (trx, id) => sql`insert into care_start (region_id, gemeente_id, provider_id, client_id, toewijzing_id, begindatum, message_id)
      select region_id, gemeente_id, provider_id, client_id, id, ingangsdatum + 3, ${messageId} from toewijzing where id = ${id}`.execute(trx),
  }
  const { rows: triggers } = await sql<{ table: string; name: string }>`
    select c.relname as table, t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid where t.tgname like 'traject_feiten_%'`.execute(db)
  const rolledBack = new Error('rolled back')
  const result: Record<string, { on: number[]; off: number[] }> = {}
  for (let round = 0; round < rounds; round++) {
    for (const on of round % 2 === 0 ? [true, false] : [false, true]) {
      for (const [kind, work] of Object.entries(kinds)) {
        let ms = 0
        await db
          .transaction()
          .execute(async (trx) => {
            // Off: the traject triggers only (ALTER TABLE is transactional; the rollback restores them).
            if (!on) for (const t of triggers) await sql.raw(`alter table ${t.table} disable trigger ${t.name}`).execute(trx)
            const t0 = performance.now()
            for (const t of ids) await work(trx, t.id)
            ms = performance.now() - t0
            throw rolledBack
          })
          .catch((error: unknown) => {
            if (error !== rolledBack) throw error
          })
        ;(result[kind] ??= { on: [], off: [] })[on ? 'on' : 'off'].push(ms / ids.length)
      }
    }
  }
  for (const [kind, r] of Object.entries(result)) {
    const on = median(r.on)
    const off = median(r.off)
    console.log(`| ${engine} | ${kind} | ${off.toFixed(3)} ms | ${on.toFixed(3)} ms | +${(on - off).toFixed(3)} ms (${((on / off - 1) * 100).toFixed(0)} %) |`)
  }
}

console.log(`${clients} clients, ${statements} single-row statements per kind, median of ${rounds} rounds, each in a rolled-back transaction`)
console.log('| engine | statement | traject triggers off | on | what they add |')
console.log('|---|---|---:|---:|---:|')
const memory = await openDatabase({ memory: true })
await measure('PGlite', memory)
await memory.close()
if (values.url) {
  const admin = new pg.Client({ connectionString: values.url })
  await admin.connect()
  await admin.query('drop database if exists koers_bench_write_cost')
  await admin.query('create database koers_bench_write_cost')
  await admin.end()
  const url = new URL(values.url)
  url.pathname = '/koers_bench_write_cost'
  const server = await openDatabase({ url: url.toString() }, { poolSize: 1 })
  await measure('PostgreSQL', server)
  await server.close()
}
