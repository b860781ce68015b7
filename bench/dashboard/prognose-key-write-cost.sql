-- What migration 0036's covering primary key on budget_prognose costs its writes (issue 19 §5). A forecast refresh
-- (src/budgets/forecast.queries.ts) deletes a key's rows and inserts them again; this repeats that for the largest
-- region: its 1,440-odd rows of 2026 at once, three times (the region's refresh when the month turns), and then one
-- gemeente's rows per provider, 300 times (the refresh after a declaration), each in a transaction rolled back, with
-- the plain key and with the covering one. Run as the owner on a kept bench:dashboard database, either migrated or not
-- (the script sets each key itself):
--   psql -h 127.0.0.1 -U postgres koers_bench_dashboard_400000 -At -f bench/dashboard/prognose-key-write-cost.sql
create temp table rows_of as select * from budget_prognose where region_id = (select region_id from declaratie_regel group by 1 order by count(*) desc limit 1) and jaar = 2026;
create temp table pairs as select distinct gemeente_id, provider_id from rows_of order by 1, 2 limit 300;
create or replace function pg_temp.refresh() returns text language plpgsql as $$
declare t0 timestamptz; t1 timestamptz; k record; r int := (select min(region_id) from rows_of);
begin
  t0 := clock_timestamp();
  for i in 1..3 loop
    delete from budget_prognose where region_id = r and jaar = 2026;
    insert into budget_prognose select * from rows_of;
  end loop;
  t1 := clock_timestamp();
  for k in select * from pairs loop
    delete from budget_prognose p where p.region_id = r and p.jaar = 2026 and p.gemeente_id = k.gemeente_id and p.provider_id = k.provider_id;
    insert into budget_prognose select * from rows_of o where o.gemeente_id = k.gemeente_id and o.provider_id = k.provider_id;
  end loop;
  return format('region x3: %s ms; 300 provider-gemeente keys: %s ms', round(extract(epoch from t1 - t0) * 1000), round(extract(epoch from clock_timestamp() - t1) * 1000));
end $$;
create or replace function pg_temp.plain_key() returns void language sql as $$
  alter table budget_prognose drop constraint budget_prognose_pkey, add constraint budget_prognose_pkey primary key (region_id, jaar, gemeente_id, segment_id, provider_id, wet) $$;
create or replace function pg_temp.covering_key() returns void language sql as $$
  alter table budget_prognose drop constraint budget_prognose_pkey, add constraint budget_prognose_pkey primary key (region_id, jaar, gemeente_id, segment_id, provider_id, wet)
    include (peildatum, gerealiseerd_cents, verplichting_cents, open_cents, prognose_cents, verwacht_op_verplichtingen_cents, verwacht_instroom_cents, verwacht_taakgericht_cents, toewijzingen, beeindigd, beeindigd_dagen) $$;
begin; select pg_temp.plain_key(); select 'plain', pg_temp.refresh(), pg_relation_size('budget_prognose_pkey') / 8192 as key_pages; rollback;
begin; select pg_temp.covering_key(); select 'covering', pg_temp.refresh(), pg_relation_size('budget_prognose_pkey') / 8192 as key_pages; rollback;
begin; select pg_temp.plain_key(); select 'plain', pg_temp.refresh(), pg_relation_size('budget_prognose_pkey') / 8192 as key_pages; rollback;
begin; select pg_temp.covering_key(); select 'covering', pg_temp.refresh(), pg_relation_size('budget_prognose_pkey') / 8192 as key_pages; rollback;
begin; select pg_temp.plain_key(); select 'plain', pg_temp.refresh(), pg_relation_size('budget_prognose_pkey') / 8192 as key_pages; rollback;
begin; select pg_temp.covering_key(); select 'covering', pg_temp.refresh(), pg_relation_size('budget_prognose_pkey') / 8192 as key_pages; rollback;
