/**
 * The stored figures' primary key carries the columns the figures sum (issue 19 §5). Every
 * dashboard page sums a region's or a gemeente's `budget_prognose` rows for a year
 * (budget-figures.queries.ts `figuresBy`, `koers_regio_segment_totalen`); a row is wide (twelve
 * months of six series), nine to a page, and the rows of one region and year lie scattered over
 * the table, because a refresh deletes a key's rows and inserts them again where the free-space
 * map finds room. So each sum fetched a heap page per row: on the national bench database the
 * largest region's 1,440 rows of a year cost 3,895 buffers per read, and its dashboard page reads
 * them twice (per gemeente and segment, per provider), 2.09 % of a sequential scan of
 * declaratie_regel. With the summed columns in the key's leaf pages the same sum is an index-only
 * scan: about 30 pages once the rows are all-visible (vacuumHotRows, autovacuum), and one heap
 * page per row until then, never more than before.
 *
 * Why the primary key and not a second index: a refresh deletes and inserts rows, never updates
 * them in place, so no heap-only update is lost, and widening the one index the inserts already
 * write costs less than writing a second one.
 */
import type { Migration } from './index.ts'

export const budgetPrognoseCoveringKey: Migration = {
  name: '0036-budget-prognose-covering-key',
  statements: [
    `alter table budget_prognose
       drop constraint budget_prognose_pkey,
       add constraint budget_prognose_pkey primary key (region_id, jaar, gemeente_id, segment_id, provider_id, wet)
         include (peildatum, gerealiseerd_cents, verplichting_cents, open_cents, prognose_cents, verwacht_op_verplichtingen_cents,
                  verwacht_instroom_cents, verwacht_taakgericht_cents, toewijzingen, beeindigd, beeindigd_dagen)`,
  ],
}
