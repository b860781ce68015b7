/**
 * An index on a segment's realisation months (issue 19 §5). The segment pages and scorecards read
 * the realisation per gemeente, provider and month of one or two segments (src/kpis/traject.queries.ts,
 * `moneyMonths`, through `realisatie()`); the indexes of `realisatie_maand` begin with the region and
 * the month or the gemeente, so that read walked every month of the region and kept a segment's — for
 * the largest region's largest segment since January 2025, 85,561 index entries for 10,642, 1,517
 * buffers and 67 ms in `EXPLAIN ANALYZE` on the national bench database. On (region, segment, month),
 * with the columns the read and row-level security need, it is an index-only scan of the segment's
 * entries: 135 buffers, 16 ms.
 *
 * Covering, like `realisatie_maand_gemeente_idx` (0006): that index already holds `debet_cents` and
 * `credit_cents`, so no update of a month's sums is heap-only today, and this one adds one index
 * entry to each such update (what that costs a declaration: docs/benchmarks.md, "Fewer rows and
 * columns to Node").
 */
import type { Migration } from './index.ts'

export const realisatieMaandSegment: Migration = {
  name: '0038-realisatie-maand-segment',
  statements: [
    `create index realisatie_maand_segment_idx on realisatie_maand (region_id, segment_id, maand)
       include (gemeente_id, provider_id, wet, product_id, debet_cents, credit_cents)`,
  ],
}
