/**
 * Bench setup (a child process of run.ts): a region's history — the Zuidoost-Utrecht demo
 * with its toegang history — plus, for the bench provider 65656055 in Zeist (0355), the
 * clients and toewijzingen that the generated 323 declares on: one client per five
 * prestaties and one toewijzing (45Z91/45Z92/45Z93, up to 16 hours a month in 2026) per
 * prestatie, written in bulk by SQL.
 *
 *   tsx bench/declarations/setup.ts --prestaties 1000000 (--data-dir DIR | --url URL) [--history-clients 150]
 *
 * `--history-clients`: clients per gemeente with a toegang history in the demo (its default 150;
 * fewer builds faster, for the load benchmark, bench/load/run.ts).
 */
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { rebuildCommitments } from '../../src/budgets/verplichting.rebuild.ts'
import { awardLot, createContract } from '../../src/contracts/contract.queries.ts'
import { openDatabase } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { withActor } from '../../src/db/scope.ts'
import { buildDemoRegion } from '../../src/demo/build-demo.ts'
import { bsnOf } from '../../src/istandaarden/testing/generate-323.ts'
import { createProduct, createTariff } from '../../src/products/product.queries.ts'
import { createProvider } from '../../src/providers/provider.queries.ts'
import { BENCH_CODES, BENCH_TARIFFS } from './tariffs.ts'

const { values } = parseArgs({ options: { prestaties: { type: 'string' }, 'data-dir': { type: 'string' }, url: { type: 'string' }, 'history-clients': { type: 'string' } } })
const prestaties = Number(values.prestaties)
const { db, close } = await openDatabase(values.url ? { url: values.url } : { dataDir: values['data-dir']! })
await migrateToLatest(db)
const demo = await buildDemoRegion(db, 'zuidoost-utrecht', { today: '2026-05-01', ...(values['history-clients'] ? { historyClientsPerGemeente: Number(values['history-clients']) } : {}) })
const regionId = demo.regionId
const zeist = await db.selectFrom('gemeente').select('id').where('region_id', '=', regionId).where('cbs_code', '=', '0355').executeTakeFirstOrThrow()
const segment = await db.selectFrom('segment').select('id').where('region_id', '=', regionId).where('code', '=', 'jeugd-ambulant').executeTakeFirstOrThrow()
const regio = { userId: null, name: 'bench', role: 'regio' as const, regionId, gemeenteId: null, providerId: null }
await sql`alter table toewijzing disable trigger toewijzing_verplichting`.execute(db)
const products = await withActor(db, regio, async (trx) => {
  const providerId = await createProvider(trx, regionId, { agbCode: '65656055', kvkNumber: '65656055', name: 'Benchmark Jeugdhulp', legalForm: 'stichting' })
  // The demo may hold these products already; the bench contract then prices them too.
  const ids: Record<string, number> = {}
  const segments = new Set<number>()
  for (const code of Object.keys(BENCH_TARIFFS)) {
    const existing = await trx.selectFrom('product').select(['id', 'segment_id']).where('wet', '=', 'jeugdwet').where('productcode', '=', code).executeTakeFirst()
    ids[code] = existing?.id ?? (await createProduct(trx, regionId, { segmentId: segment.id, productcategorie: '45', productcode: code, name: `Bench ${code}`, eenheid: '04', variant: 'inspanningsgericht' }))
    segments.add(existing?.segment_id ?? segment.id)
  }
  const contractId = await createContract(trx, regionId, { reference: 'BENCH-2026', name: 'Benchmark', startDate: '2026-01-01', initialYears: 2, extensionOptions: [], segmentIds: [...segments] })
  for (const lot of await trx.selectFrom('contract_lot').select('id').where('contract_id', '=', contractId).execute()) {
    await awardLot(trx, regionId, { lotId: lot.id, providerId, gemeenteIds: [zeist.id], validFrom: '2026-01-01', validTo: null })
  }
  for (const [code, cents] of Object.entries(BENCH_TARIFFS)) await createTariff(trx, regionId, { productId: ids[code]!, contractId, validFrom: '2026-01-01', validTo: '2026-12-31', amountCents: cents })
  const segmentOf = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([code, id]) => [code, (await trx.selectFrom('product').select('segment_id').where('id', '=', id).executeTakeFirstOrThrow()).segment_id] as const)))
  return { providerId, ids, segmentOf }
})

const clients = Math.ceil(prestaties / 5)
const bsns = Array.from({ length: clients }, (_, c) => bsnOf(c))
await db.transaction().execute(async (trx) => {
  // bsnOf gives a number twice now and then: one client per distinct BSN.
  await sql`insert into client (region_id, gemeente_id, bsn, birth_date, pseudonym, family_name)
    select ${regionId}, ${zeist.id}, b, date '2012-01-01', 'bn' || b || 'x', 'Bench' from (select distinct b from unnest(${bsns}::text[]) as u(b)) d
    on conflict (region_id, gemeente_id, bsn) do nothing`.execute(trx)
  await sql`insert into beschikking (region_id, gemeente_id, client_id, wet, beschikking_nummer, perspective, complexity, intensity, goals, issued_on)
    select ${regionId}, ${zeist.id}, c.id, 'jeugdwet', 500000000 + c.id, 'ontwikkeling', 'enkelvoudig', 'middel', '[]', date '2026-01-01'
    from client c where c.region_id = ${regionId} and c.gemeente_id = ${zeist.id} and c.bsn = any(${bsns}::text[])`.execute(trx)
  await sql`insert into toewijzing (region_id, gemeente_id, client_id, beschikking_id, provider_id, segment_id, product_id, wet, toewijzing_nummer, status,
      version, sent_version, toewijzing_datum, toewijzing_tijd, ingangsdatum, einddatum, volume, eenheid, frequentie, verplichting_cents)
    select ${regionId}, ${zeist.id}, b.client_id, b.id, ${products.providerId},
      case n % 3 when 0 then ${products.segmentOf[BENCH_CODES[0]]!}::int when 1 then ${products.segmentOf[BENCH_CODES[1]]!}::int else ${products.segmentOf[BENCH_CODES[2]]!}::int end,
      case n % 3 when 0 then ${products.ids[BENCH_CODES[0]]!}::int when 1 then ${products.ids[BENCH_CODES[1]]!}::int else ${products.ids[BENCH_CODES[2]]!}::int end,
      'jeugdwet', 100000 + n, 'actief', 1, 1, date '2026-01-01', '09:00:00', date '2026-01-01', date '2026-12-31', 16, '04', '4', 0
    from generate_series(0, ${prestaties - 1}) n
    join unnest(${bsns}::text[]) with ordinality as u(bsn, k) on u.k = n / 5 + 1
    join client c on c.region_id = ${regionId} and c.gemeente_id = ${zeist.id} and c.bsn = u.bsn
    join beschikking b on b.client_id = c.id and b.beschikking_nummer > 500000000`.execute(trx)
  // Each was sent in a 301 (version 1): a 323 is judged against the version sent (OP095).
  await sql`insert into toewijzing_version (region_id, toewijzing_id, gemeente_id, provider_id, version, toewijzing_datum, toewijzing_tijd,
      ingangsdatum, einddatum, volume, eenheid, frequentie, verplichting_cents, status)
    select region_id, id, gemeente_id, provider_id, version, toewijzing_datum, toewijzing_tijd, ingangsdatum, einddatum, volume, eenheid, frequentie, verplichting_cents, status
    from toewijzing where region_id = ${regionId} and provider_id = ${products.providerId} and toewijzing_nummer >= 100000`.execute(trx)
})
// The bulk insert above ran with the commitment trigger off (a per-row trigger on a million
// toewijzingen takes many minutes); the commitment tables are built in one pass instead, as a
// bulk load does (ADR 0010), so that the declaration's processing finds them as it would.
await sql`alter table toewijzing enable trigger toewijzing_verplichting`.execute(db)
await rebuildCommitments(db, regionId)
const count = await db.selectFrom('toewijzing').select((eb) => eb.fn.countAll().as('n')).where('provider_id', '=', products.providerId).executeTakeFirstOrThrow()
console.log(JSON.stringify({ regionId, toewijzingen: Number(count.n), clients }))
await close()
