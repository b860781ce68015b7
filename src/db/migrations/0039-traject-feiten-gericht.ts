/**
 * A new toewijzing version or outcome measurement updates the one fact it feeds (issue 19 §4).
 * Until now a write of a toewijzing's version 1 or of a measurement recomputed all trajecten of
 * the client (`koers_traject_feiten_bijwerken`, 0023): the windows over the client's family, the
 * starts and stops, the requests and goals. Yet a version is read for one thing only: the date of
 * version 1, its own traject's `toegewezen_op`. A measurement is read for one thing only: its own
 * traject's `metingen`. Neither enters the family that the follow-ups, restarts and continuations
 * are computed from. So the trigger now sets that one column of the traject or trajecten that the
 * written rows belong to, from the same expression the recomputation uses. A traject without
 * facts (one that does not count) is not touched, as the recomputation would not give it a row
 * either. An update that changes nothing the column reads (a measurement's toelichting) now sets
 * the column to what it was, where 0023 skipped it: such updates are rare, and the row is small.
 *
 * In the demo build these are about half of all recomputations (778 first versions and 1,210
 * measurements of 4,236), at about 2–3 ms each as the engine times itself (docs/benchmarks.md, "Eighth
 * round"). The property test of the kept facts (src/kpis/traject-feiten.property.test.ts) writes
 * versions and measurements among every other write and compares the facts with their
 * recomputation from the ledger on both engines.
 *
 * The functions are replaced in place: their triggers and privileges (0023's revoke) stay.
 */
import type { Migration } from './index.ts'

// 0023's expressions for these two columns (a migration imports nothing but the migration API, ADR 0014).
const toegewezenOp = '(select v.toewijzing_datum from toewijzing_version v where v.toewijzing_id = f.toewijzing_id and v.version = 1)'
const metingen = `coalesce((select jsonb_object_agg(m.moment, jsonb_build_object(
          'gemetenOp', m.gemeten_op, 'doelen', m.doelen, 'zelfredzaamheid', m.zelfredzaamheid,
          'tevredenheid', m.tevredenheid, 'zonderHulp', m.zonder_hulp, 'vervolg', m.vervolg))
        from uitkomst_meting m where m.region_id = f.region_id and m.toewijzing_id = f.toewijzing_id), '{}')`

/** A statement-level trigger function that sets `column` to `value` (alias f) in the trajecten of the written rows (those meeting `condition`). */
const gericht = (name: string, column: string, value: string, condition?: string) => {
  const where = condition ? ` where ${condition}` : ''
  return `create or replace function ${name}() returns trigger
    language plpgsql security definer set search_path = public as $$
    declare
      geraakt integer[];
    begin
      if tg_op = 'INSERT' then
        select array_agg(toewijzing_id) into geraakt from nieuw${where};
      elsif tg_op = 'DELETE' then
        select array_agg(toewijzing_id) into geraakt from oud${where};
      else
        select array_agg(toewijzing_id) into geraakt from (select toewijzing_id from nieuw${where} union select toewijzing_id from oud${where}) k;
      end if;
      update traject_feit f set ${column} = ${value}
      where f.toewijzing_id = any(geraakt);
      return null;
    end
  $$`
}

export const trajectFeitenGericht: Migration = {
  name: '0039-traject-feiten-gericht',
  statements: [
    // Only version 1 gives a traject its toegewezen_op.
    gericht('koers_traject_feiten_toewijzing_version', 'toegewezen_op', toegewezenOp, 'version = 1'),
    gericht('koers_traject_feiten_uitkomst_meting', 'metingen', metingen),
  ],
}
