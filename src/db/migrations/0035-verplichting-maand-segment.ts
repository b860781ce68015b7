/**
 * An index on a segment's commitment months (issue 19 §5). The segment pages and scorecards read
 * the verplichting per gemeente, provider and month of one or two segments (src/kpis/traject.queries.ts,
 * `moneyMonths`); the primary key begins with the region and the month, so that read walked every
 * key of the region's months and kept a segment's — for the largest region's largest segment 4,317
 * buffers, 1.12 % of a sequential scan of declaratie_regel. On (region, segment, month) it reads
 * the segment's keys only.
 *
 * Not covering: `verplichting_cents` changes with every toewijzing written (koers_verplichting,
 * 0006), and an index that holds it would make each of those updates write every index of the
 * table, where now one that finds room on its page writes none (a heap-only update). The region,
 * segment and month of a row never change, so this index adds a write only for a new key's month.
 */
import type { Migration } from './index.ts'

export const verplichtingMaandSegment: Migration = {
  name: '0035-verplichting-maand-segment',
  statements: ['create index verplichting_maand_segment_idx on verplichting_maand (region_id, segment_id, maand)'],
}
