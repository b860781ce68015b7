/**
 * OP286: a message the receiver refuses on a technical fault counts as not sent. For a 301 the
 * provider refuses whole (its 302 with a code in the Header), the toewijzingen it carried go back
 * to the version sent before, so the next 301 carries them again as OP087, TR379 and IV099 ask.
 * `message.verstuurde_versies`, for an outgoing 301: per toewijzing the version it carried and
 * the version sent before it (null: none).
 */
import type { Migration } from './index.ts'

export const verstuurdeVersies: Migration = {
  name: '0013-verstuurde-versies',
  statements: [`alter table message add column verstuurde_versies jsonb`],
}
