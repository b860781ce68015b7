/**
 * Rebuilds a region's commitment tables (`toewijzing_jaar`, `verplichting_jaar`,
 * `verplichting_maand`, migration 0006) from the toewijzingen and approved lines in one pass.
 * The triggers and `koers_realiseer` keep them row by row; this is the same arithmetic set-based,
 * for a bulk load (the national benchmark) or a repair. A test checks that both agree to the cent.
 * Runs on the system connection: the tables are written by the owner only.
 */
import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.ts'

export async function rebuildCommitments(db: Kysely<DB>, regionId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`delete from verplichting_maand where region_id = ${regionId}`.execute(trx)
    await sql`delete from verplichting_jaar where region_id = ${regionId}`.execute(trx)
    await sql`delete from toewijzing_jaar where region_id = ${regionId}`.execute(trx)
    await sql`
      insert into toewijzing_jaar (region_id, toewijzing_id, jaar, gemeente_id, provider_id, wet, segment_id, product_id, actief, verplichting_cents, gerealiseerd_cents)
      with t as (
        select *, status = 'actief' and reden_wijziging is distinct from '13' as telt from toewijzing where region_id = ${regionId}
      ), jaren as (
        select t.id, y from t, generate_series(extract(year from t.ingangsdatum)::int, extract(year from t.einddatum)::int) as y
        union
        select r.toewijzing_id, extract(year from r.begindatum)::int from declaratie_regel r
        where r.region_id = ${regionId} and r.goedgekeurd and r.toewijzing_id is not null
      ), realised as (
        select r.toewijzing_id, extract(year from r.begindatum)::int as y, sum(r.bedrag_cents)::bigint as cents from declaratie_regel r
        where r.region_id = ${regionId} and r.goedgekeurd and r.toewijzing_id is not null
        group by 1, 2
      )
      select t.region_id, t.id, j.y, t.gemeente_id, t.provider_id, t.wet, t.segment_id, t.product_id,
             t.telt and j.y between extract(year from t.ingangsdatum) and extract(year from t.einddatum),
             case when t.telt then koers_deel(t.verplichting_cents, t.ingangsdatum, t.einddatum, make_date(j.y, 1, 1), make_date(j.y, 12, 31)) else 0 end,
             coalesce(r.cents, 0)
      from jaren j join t on t.id = j.id left join realised r on r.toewijzing_id = j.id and r.y = j.y`.execute(trx)
    await sql`
      insert into verplichting_jaar (region_id, gemeente_id, provider_id, wet, segment_id, product_id, jaar, verplichting_cents, open_cents, gerealiseerd_cents, toewijzingen)
      select region_id, gemeente_id, provider_id, wet, segment_id, product_id, jaar, sum(verplichting_cents), sum(greatest(0, verplichting_cents - gerealiseerd_cents)),
             sum(gerealiseerd_cents), count(*) filter (where actief)
      from toewijzing_jaar where region_id = ${regionId}
      group by region_id, gemeente_id, provider_id, wet, segment_id, product_id, jaar`.execute(trx)
    await sql`
      insert into verplichting_maand (region_id, gemeente_id, provider_id, wet, segment_id, maand, verplichting_cents, nieuw, nieuw_verplichting_cents, nieuw_dagen, beeindigd, beeindigd_dagen)
      with t as (
        select * from toewijzing where region_id = ${regionId} and status = 'actief' and reden_wijziging is distinct from '13'
      ), parts as (
        select t.region_id, t.gemeente_id, t.provider_id, t.wet, t.segment_id, m::date as maand,
               koers_deel(t.verplichting_cents, t.ingangsdatum, t.einddatum, m::date, (m + interval '1 month' - interval '1 day')::date) as v,
               0 as nieuw, 0::bigint as nv, 0::bigint as nd, 0 as eind, 0::bigint as ed
        from t, generate_series(date_trunc('month', t.ingangsdatum), t.einddatum, interval '1 month') as m
        union all
        select region_id, gemeente_id, provider_id, wet, segment_id, date_trunc('month', ingangsdatum)::date, 0, 1, verplichting_cents, einddatum - ingangsdatum + 1, 0, 0 from t
        union all
        select region_id, gemeente_id, provider_id, wet, segment_id, date_trunc('month', einddatum)::date, 0, 0, 0, 0, 1, einddatum - ingangsdatum + 1 from t
      )
      select region_id, gemeente_id, provider_id, wet, segment_id, maand, sum(v), sum(nieuw), sum(nv), sum(nd), sum(eind), sum(ed)
      from parts group by region_id, gemeente_id, provider_id, wet, segment_id, maand`.execute(trx)
  })
}
