-- What an index on verplichting_maand costs its updates (issue 19 §5, migration 0035): 3,000 single-row updates of
-- verplichting_cents (what koers_verplichting does per month of a toewijzing written), in a transaction rolled back,
-- without the index, with 0035's (region_id, segment_id, maand) and with a covering one; run as the owner on a kept
-- bench:dashboard database that does not have 0035's index yet (drop it first, create it again after):
--   psql -h 127.0.0.1 -U postgres koers_bench_dashboard_400000 -At -f bench/dashboard/verplichting-index-write-cost.sql
create temp table keys as select region_id, maand, gemeente_id, segment_id, provider_id, wet from verplichting_maand where region_id = (select region_id from verplichting_maand group by 1 order by count(*) desc limit 1) and maand >= '2026-01-01' order by random() limit 3000;
create or replace function pg_temp.bump() returns interval language plpgsql as $$
declare t0 timestamptz := clock_timestamp(); k record;
begin
  for k in select * from keys loop
    update verplichting_maand v set verplichting_cents = verplichting_cents + 1 where (v.region_id, v.maand, v.gemeente_id, v.segment_id, v.provider_id, v.wet) = (k.region_id, k.maand, k.gemeente_id, k.segment_id, k.provider_id, k.wet);
  end loop;
  return clock_timestamp() - t0;
end $$;
begin; select 'none', pg_temp.bump(), (select n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'verplichting_maand') as heap_only; rollback;
begin; select 'none', pg_temp.bump(), (select n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'verplichting_maand') as heap_only; rollback;
begin; create index kpi_try_plain on verplichting_maand (region_id, segment_id, maand); select 'plain', pg_temp.bump(), (select n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'verplichting_maand') as heap_only; rollback;
begin; create index kpi_try_plain on verplichting_maand (region_id, segment_id, maand); select 'plain', pg_temp.bump(), (select n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'verplichting_maand') as heap_only; rollback;
begin; create index kpi_try_cov on verplichting_maand (region_id, segment_id, maand) include (gemeente_id, provider_id, verplichting_cents); select 'covering', pg_temp.bump(), (select n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'verplichting_maand') as heap_only; rollback;
begin; create index kpi_try_cov on verplichting_maand (region_id, segment_id, maand) include (gemeente_id, provider_id, verplichting_cents); select 'covering', pg_temp.bump(), (select n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'verplichting_maand') as heap_only; rollback;
begin; select 'none', pg_temp.bump(), (select n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'verplichting_maand') as heap_only; rollback;
