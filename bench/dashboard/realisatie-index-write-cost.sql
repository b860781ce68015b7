-- What migration 0038's index on realisatie_maand costs the 323 path (issue 19 §5): 3,000 single-row upserts of a
-- month's sums (what bookRealisation does per month a declaration touches: insert … on conflict do update), in a
-- transaction rolled back, without the index and with 0038's, alternating; run as the owner on a kept bench:dashboard
-- database that does not have 0038's index yet (or a copy of it):
--   psql -h 127.0.0.1 -U postgres koers_bench_dashboard_400000 -At -f bench/dashboard/realisatie-index-write-cost.sql
create temp table keys as select region_id, gemeente_id, provider_id, wet, segment_id, product_id, maand from realisatie_maand where region_id = (select region_id from realisatie_maand group by 1 order by count(*) desc limit 1) and maand >= '2026-01-01' order by random() limit 3000;
create or replace function pg_temp.book() returns interval language plpgsql as $$
declare t0 timestamptz := clock_timestamp(); k record;
begin
  for k in select * from keys loop
    insert into realisatie_maand (region_id, gemeente_id, provider_id, wet, segment_id, product_id, maand, debet_cents, credit_cents, regels)
    values (k.region_id, k.gemeente_id, k.provider_id, k.wet, k.segment_id, k.product_id, k.maand, 12345, 0, 1)
    on conflict (region_id, gemeente_id, provider_id, wet, segment_id, product_id, maand) do update
      set debet_cents = realisatie_maand.debet_cents + excluded.debet_cents, credit_cents = realisatie_maand.credit_cents + excluded.credit_cents, regels = realisatie_maand.regels + excluded.regels;
  end loop;
  return clock_timestamp() - t0;
end $$;
begin; select 'none', pg_temp.book(), (select n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'realisatie_maand') as heap_only; rollback;
begin; create index kpi_try_segment on realisatie_maand (region_id, segment_id, maand) include (gemeente_id, provider_id, wet, product_id, debet_cents, credit_cents); select '0038', pg_temp.book(), (select n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'realisatie_maand') as heap_only; rollback;
begin; select 'none', pg_temp.book(), (select n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'realisatie_maand') as heap_only; rollback;
begin; create index kpi_try_segment on realisatie_maand (region_id, segment_id, maand) include (gemeente_id, provider_id, wet, product_id, debet_cents, credit_cents); select '0038', pg_temp.book(), (select n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'realisatie_maand') as heap_only; rollback;
begin; select 'none', pg_temp.book(), (select n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'realisatie_maand') as heap_only; rollback;
begin; create index kpi_try_segment on realisatie_maand (region_id, segment_id, maand) include (gemeente_id, provider_id, wet, product_id, debet_cents, credit_cents); select '0038', pg_temp.book(), (select n_tup_hot_upd from pg_stat_xact_user_tables where relname = 'realisatie_maand') as heap_only; rollback;
