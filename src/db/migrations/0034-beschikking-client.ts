/**
 * An index on a client's beschikkingen (issue 23 §5). Observer mode looks up "the client's latest
 * beschikking in this law" for every 301 (src/archief/waarneming.ts); without an index on
 * `client_id` PostgreSQL walked the primary key backwards through every beschikking of the
 * region — for a client without one, all of them — so each 301 of an archive's import cost
 * more than the one before (docs/benchmarks.md, "Observer mode"). The region comes first, as in
 * the other per-client indexes (`toewijzing_client_idx`, `traject_feit_client_idx`): the row-level
 * security policy gives it.
 */
import type { Migration } from './index.ts'

export const beschikkingClient: Migration = {
  name: '0034-beschikking-client',
  statements: ['create index beschikking_client_idx on beschikking (region_id, client_id, wet)'],
}
