/**
 * National synthetic data for the dashboard benchmark (issue 6 §6), generated set-based in
 * PostgreSQL: every gemeente of CBS's "Jeugdzorg in natura 2022" in 42 regions (consecutive
 * CBS codes, about 8 each), clients per gemeente in proportion to its young people in care,
 * 80 providers and 8 segments (3 products each) per region, contracts with awards, and
 * toewijzingen from January 2024 with monthly prestaties (two per month, one in 40 rejected)
 * up to October 2026, sized so that the lines add up to about `--prestaties`. Then the
 * aggregates the application keeps (realisatie_maand by the declarations' transactions,
 * the commitment tables by the triggers) are built in one pass each — the triggers are off
 * while loading — the budgets for 2025 and 2026 are set from the realisation, and the live
 * figures per key (budget_prognose) are computed as the running application would.
 *
 *   tsx bench/dashboard/setup.ts --url postgresql://…/koers_bench_dashboard --clients 400000 --prestaties 20000000
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { openDatabase } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { refreshAllForecasts } from '../../src/budgets/forecast.queries.ts'
import { rebuildCommitments } from '../../src/budgets/verplichting.rebuild.ts'
import { istandaardenDir } from '../../src/istandaarden/testing/shared-dir.ts'
import { defaultInstruments } from '../../src/test/factory.ts'

const { values } = parseArgs({ options: { url: { type: 'string' }, clients: { type: 'string', default: '400000' }, prestaties: { type: 'string', default: '20000000' }, peildatum: { type: 'string', default: '2026-11-27' } } })
if (!values.url) throw new Error('--url is required (PostgreSQL)')
const clients = Number(values.clients)
const prestaties = Number(values.prestaties)
const REGIONS = 42
const PROVIDERS = 80
const SEGMENTS = 8
const PRODUCTS = 3

// Gemeenten and their young people in care (CBS, Jeugdzorg in natura 2022).
const csv = readFileSync(join(istandaardenDir(), '..', 'opendata', 'cbs-jeugdzorg', 'jeugdzorg_in_natura_gemeenten_2022.csv'), 'utf8').trim().split('\n')
const header = csv[0]!.split(',')
const col = (name: string) => header.indexOf(name)
const gemeenten = csv
  .slice(1)
  .map((line) => line.split(','))
  .filter((f) => f[col('SoortRegio_19')]!.trim() === 'Gemeente')
  .map((f) => ({ code: f[col('Codering_20')]!.trim().slice(2), name: f[col('Gemeentenaam_18')]!.trim(), youth: Number(f[col('TotaalJongerenMetJeugdzorgInNatura_1')]!.trim()) || 5 }))
  .sort((a, b) => a.code.localeCompare(b.code))
const youthTotal = gemeenten.reduce((s, g) => s + g.youth, 0)

const started = performance.now()
const step = (what: string) => process.stderr.write(`  ${((performance.now() - started) / 1000).toFixed(0)} s ${what}\n`)
const { db, close } = await openDatabase({ url: values.url })
await migrateToLatest(db)
step('migrated')

await sql`alter table toewijzing disable trigger toewijzing_verplichting`.execute(db)
const instruments = (ceiling: number | null) => JSON.stringify({ ...defaultInstruments.bekostiging, budgetCeilingCentsPerYear: ceiling })

const regionIds: number[] = []
for (let r = 0; r < REGIONS; r++) {
  const { id } = await db.insertInto('region').values({ code: `bench-${r + 1}`, name: `Benchregio ${r + 1}` }).returning('id').executeTakeFirstOrThrow()
  regionIds.push(id)
}
// Gemeenten: consecutive CBS codes, as even a split as the count allows.
const perRegion = Math.ceil(gemeenten.length / REGIONS)
for (const [i, g] of gemeenten.entries()) {
  await db.insertInto('gemeente').values({ region_id: regionIds[Math.floor(i / perRegion)]!, cbs_code: g.code, name: g.name, population: g.youth * 30 }).execute()
}
// Clients per gemeente in proportion to its young people in care.
await sql`create temporary table bench_youth (cbs_code text, clients int)`.execute(db)
for (const g of gemeenten) await sql`insert into bench_youth values (${g.code}, ${Math.max(1, Math.round((clients * g.youth) / youthTotal))})`.execute(db)
step(`${REGIONS} regions, ${gemeenten.length} gemeenten`)

// Segments (5 Jeugdwet, 3 Wmo; one in four with a ceiling), products, providers, contracts and awards.
await sql`
  insert into segment (region_id, wet, code, name, toegang, bekostiging, contract_terms, leveranciersmanagement)
  select r.id, case when s <= 5 then 'jeugdwet' else 'wmo' end, 'segment-' || s, 'Segment ' || s,
         ${JSON.stringify(defaultInstruments.toegang)}::jsonb,
         ${instruments(null)}::jsonb,
         ${JSON.stringify(defaultInstruments.contract)}::jsonb, ${JSON.stringify(defaultInstruments.leveranciersmanagement)}::jsonb
  from region r, generate_series(1, ${SEGMENTS}) s where r.code like 'bench-%'`.execute(db)
await sql`
  insert into product (region_id, segment_id, wet, productcategorie, productcode, name, eenheid, variant)
  select s.region_id, s.id, s.wet, case when s.wet = 'jeugdwet' then '4' || (p + 4) else '0' || (p + 1) end,
         upper(substr(md5(s.id::text || p), 1, 5)), s.name || ' product ' || p, '04', 'inspanningsgericht'
  from segment s, generate_series(1, ${PRODUCTS}) p`.execute(db)
await sql`
  insert into provider (region_id, agb_code, kvk_number, name, legal_form)
  select r.id, lpad((41000000 + r.id * 1000 + p)::text, 8, '0'), lpad((10000000 + r.id * 1000 + p)::text, 8, '0'), 'Aanbieder ' || r.id || '-' || p, 'stichting'
  from region r, generate_series(1, ${PROVIDERS}) p where r.code like 'bench-%'`.execute(db)
await sql`insert into contract (region_id, reference, name, start_date, initial_years) select id, 'BENCH-2024', 'Benchcontract', '2024-01-01', 4 from region where code like 'bench-%'`.execute(db)
await sql`insert into contract_lot (region_id, contract_id, segment_id) select s.region_id, c.id, s.id from segment s join contract c on c.region_id = s.region_id`.execute(db)
// Each provider in two segments: its number modulo the segments, and the next.
await sql`
  insert into contract_award (region_id, lot_id, provider_id, valid_from)
  select l.region_id, l.id, p.id, '2024-01-01' from contract_lot l join segment s on s.id = l.segment_id
  join provider p on p.region_id = l.region_id and (p.id % ${SEGMENTS} = s.id % ${SEGMENTS} or (p.id + 1) % ${SEGMENTS} = s.id % ${SEGMENTS})`.execute(db)
await sql`insert into contract_award_gemeente (region_id, award_id, gemeente_id) select a.region_id, a.id, g.id from contract_award a join gemeente g on g.region_id = a.region_id`.execute(db)
await sql`
  insert into tariff (region_id, product_id, contract_id, valid_from, valid_to, amount_cents)
  select p.region_id, p.id, c.id, make_date(y, 1, 1), make_date(y, 12, 31), 6000 + (p.id % 7) * 1000 + (y - 2024) * 250
  from product p join contract c on c.region_id = p.region_id, generate_series(2024, 2027) y`.execute(db)
step('segments, products, providers, contracts, tariffs')

// Clients (valid BSNs by the elfproef) and one beschikking each.
await sql`
  insert into client (region_id, gemeente_id, bsn, birth_date, pseudonym)
  with g as (
    select g.region_id, g.id, y.clients, sum(y.clients) over (order by g.id) - y.clients as first
    from gemeente g join bench_youth y on y.cbs_code = g.cbs_code
  ), numbers as (
    select n, lpad(n::text, 8, '0') as p from generate_series(10000000, 10000000 + ${Math.ceil(clients * 1.2) + 10000}) n
  ), valid as (
    select row_number() over (order by n) - 1 as i, p || ((9 * substr(p, 1, 1)::int + 8 * substr(p, 2, 1)::int + 7 * substr(p, 3, 1)::int + 6 * substr(p, 4, 1)::int
      + 5 * substr(p, 5, 1)::int + 4 * substr(p, 6, 1)::int + 3 * substr(p, 7, 1)::int + 2 * substr(p, 8, 1)::int) % 11)::text as bsn
    from numbers
    where (9 * substr(p, 1, 1)::int + 8 * substr(p, 2, 1)::int + 7 * substr(p, 3, 1)::int + 6 * substr(p, 4, 1)::int
      + 5 * substr(p, 5, 1)::int + 4 * substr(p, 6, 1)::int + 3 * substr(p, 7, 1)::int + 2 * substr(p, 8, 1)::int) % 11 < 10
  )
  select g.region_id, g.id, v.bsn, make_date(2005 + (v.i % 18)::int, 1 + (v.i % 12)::int, 1 + (v.i % 28)::int), 'b' || lpad(v.i::text, 11, '0')
  from g join valid v on v.i >= g.first and v.i < g.first + g.clients`.execute(db)
await sql`
  insert into beschikking (region_id, gemeente_id, client_id, wet, beschikking_nummer, perspective, complexity, intensity, goals, issued_on)
  select region_id, gemeente_id, id, 'jeugdwet', id, 'ontwikkeling', 'enkelvoudig', 'middel', '[]'::jsonb, '2024-01-01' from client c
  where exists (select 1 from region r where r.id = c.region_id and r.code like 'bench-%')`.execute(db)
step('clients and beschikkingen')

// Toewijzingen: 2.5 per client, starting January 2024 – October 2026, 4–16 months (10 on average);
// the count follows from the prestaties wanted: two a month, declared up to October 2026.
const perClient = 2.5
await sql`
  insert into toewijzing (region_id, gemeente_id, client_id, beschikking_id, provider_id, segment_id, product_id, wet, toewijzing_nummer, status,
                          version, toewijzing_datum, toewijzing_tijd, ingangsdatum, einddatum, volume, eenheid, frequentie, verplichting_cents)
  with c as (
    select c.*, b.id as beschikking_id, row_number() over (partition by c.region_id order by c.id) as k from client c join beschikking b on b.client_id = c.id
    where exists (select 1 from region r where r.id = c.region_id and r.code like 'bench-%')
  ), t as (
    select c.*, j, (c.id * 7 + j * 13) as h from c, generate_series(1, 3) j
    where j <= 2 or (c.id % 2 = 0)
  ), chosen as (
    select t.*, a.provider_id, l.segment_id, pr.id as product_id, pr.wet,
           make_date(2024, 1, 1) + ((t.h * 37) % 34) * interval '1 month' as start,
           4 + (t.h % 13) as months, 1 + (t.h % 4) as volume
    from t
    join lateral (select a.provider_id, a.lot_id from contract_award a where a.region_id = t.region_id order by a.id offset (t.h % (${PROVIDERS} * 2)) limit 1) a on true
    join contract_lot l on l.id = a.lot_id
    join lateral (select pr.id, pr.wet from product pr where pr.segment_id = l.segment_id order by pr.id offset (t.h % ${PRODUCTS}) limit 1) pr on true
  )
  select region_id, gemeente_id, id, beschikking_id, provider_id, segment_id, product_id, wet, row_number() over (partition by region_id, gemeente_id, wet order by id, j), 'actief',
         1, start::date, '09:00:00', start::date, (start + months * interval '1 month' - interval '1 day')::date, volume * 4, '04', '4',
         volume * 4 * months * (6000 + (product_id % 7) * 1000 + 250)
  from chosen`.execute(db)
step(`toewijzingen (${perClient} per client)`)

// Prestaties: the lines a month is declared in, repeated to reach the wanted count.
const { rows: [declarable] } = await sql<{ months: number }>`
  select sum(greatest(0, (extract(year from least(einddatum, '2026-10-31'::date)) * 12 + extract(month from least(einddatum, '2026-10-31'::date)))
    - (extract(year from ingangsdatum) * 12 + extract(month from ingangsdatum)) + 1))::bigint as months from toewijzing`.execute(db)
const perMonth = Math.max(1, Math.round(prestaties / Number(declarable!.months)))
await sql`
  insert into declaratie_regel (id, region_id, declaratie_id, gemeente_id, provider_id, wet, volgnummer, client_id, toewijzing_id, product_id, segment_id,
                                referentie_nummer, toewijzing_nummer, productcategorie, productcode, begindatum, einddatum, volume, eenheid, tarief_cents,
                                bedrag_cents, goedgekeurd, retour_codes)
  with lines as (
    select t.*, m::date as maand, k, row_number() over () as n
    from toewijzing t, generate_series(date_trunc('month', t.ingangsdatum), least(t.einddatum, '2026-10-31'::date), interval '1 month') m,
         generate_series(1, ${perMonth}) k
  )
  select (n / 1000000 + 1) * 16777216 + (n % 1000000) + 1, l.region_id, n / 1000000 + 1, l.gemeente_id, l.provider_id, l.wet, (n % 1000000) + 1, l.client_id, l.id, l.product_id, l.segment_id,
         'B' || n, l.toewijzing_nummer, p.productcategorie, p.productcode, l.maand, (l.maand + interval '1 month' - interval '1 day')::date, l.volume / ${perMonth} + 1, '04',
         6000 + (l.product_id % 7) * 1000 + (extract(year from l.maand)::int - 2024) * 250,
         (l.volume / ${perMonth} + 1) * (6000 + (l.product_id % 7) * 1000 + (extract(year from l.maand)::int - 2024) * 250),
         n % 40 <> 0, case when n % 40 = 0 then '{9346}'::text[] else '{}'::text[] end
  from lines l join product p on p.id = l.product_id`.execute(db)
step(`prestaties (${perMonth} per toewijzing-month)`)

// What the declarations' transactions keep: realisatie_maand.
await sql`
  insert into realisatie_maand (region_id, gemeente_id, provider_id, wet, segment_id, product_id, maand, debet_cents, credit_cents, regels)
  select region_id, gemeente_id, provider_id, wet, segment_id, product_id, date_trunc('month', begindatum)::date,
         sum(bedrag_cents) filter (where bedrag_cents > 0), coalesce(-sum(bedrag_cents) filter (where bedrag_cents < 0), 0), count(*)
  from declaratie_regel where goedgekeurd group by 1, 2, 3, 4, 5, 6, 7`.execute(db)
step('realisatie_maand')
for (const regionId of regionIds) await rebuildCommitments(db, regionId)
await sql`alter table toewijzing enable trigger toewijzing_verplichting`.execute(db)
step('commitment tables')

// Budgets: per gemeente and segment, last year's realisation + 3 %; per provider, its own
// realisation ± up to 20 %, so that some run ahead of their budget.
for (const year of [2025, 2026]) {
  await sql`
    insert into budget_gemeente (region_id, gemeente_id, segment_id, valid_from, valid_to, amount_cents)
    select region_id, gemeente_id, segment_id, make_date(${year}, 1, 1), make_date(${year}, 12, 31), (sum(debet_cents - credit_cents) * 1.03)::bigint
    from realisatie_maand where extract(year from maand) = ${year - 1} group by 1, 2, 3`.execute(db)
  await sql`
    insert into budget_provider (region_id, provider_id, segment_id, gemeente_id, valid_from, valid_to, amount_cents)
    select region_id, provider_id, segment_id, gemeente_id, make_date(${year}, 1, 1), make_date(${year}, 12, 31),
           (sum(debet_cents - credit_cents) * (0.8 + ((provider_id * 31 + gemeente_id) % 41) / 100.0))::bigint
    from realisatie_maand where extract(year from maand) = ${year - 1} group by 1, 2, 3, 4`.execute(db)
}
// Segments 4 and 8 get a ceiling (bestedingsruimte) of 97 % of their 2026 budgets.
await sql`
  update segment s set bekostiging = jsonb_set(s.bekostiging, '{budgetCeilingCentsPerYear}', to_jsonb(b.ceiling))
  from (select segment_id, (sum(amount_cents) * 0.97)::bigint as ceiling from budget_gemeente where valid_from = '2026-01-01' group by 1) b
  where b.segment_id = s.id and s.code in ('segment-4', 'segment-8')`.execute(db)
await sql`analyze`.execute(db)
step('budgets, analyze')
// The live figures per key, as the running application keeps them (forecast.queries.ts).
await refreshAllForecasts(db, values.peildatum!, regionIds)
// What autovacuum does after a bulk load: statistics, and the visibility map for index-only scans.
await sql`vacuum analyze`.execute(db)
step(`budget_prognose as of ${values.peildatum}`)
const { rows: [counts] } = await sql<{ budget_prognose: number; clients: number; toewijzingen: number; prestaties: number; realisatie_maand: number; verplichting_jaar: number; verplichting_maand: number }>`
  select (select count(*) from budget_prognose)::int as budget_prognose, (select count(*) from client)::int as clients, (select count(*) from toewijzing)::int as toewijzingen, (select count(*) from declaratie_regel)::bigint as prestaties,
         (select count(*) from realisatie_maand)::int as realisatie_maand, (select count(*) from verplichting_jaar)::int as verplichting_jaar, (select count(*) from verplichting_maand)::int as verplichting_maand`.execute(db)
await close()
console.log(JSON.stringify({ gemeenten: gemeenten.length, regions: REGIONS, ...counts, seconds: (performance.now() - started) / 1000 }))
