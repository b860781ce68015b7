/**
 * OP095: "Een bericht mag niet worden afgekeurd op basis van informatie waartoe de verzendende
 * partij geen toegang heeft." A provider knows a toewijzing as the last 301 it accepted carried
 * it: `toewijzing.sent_version` (migration 0008), which a refused 301 turns back (OP286). So the
 * provider's 305, 307, 317 and 323 are judged against that version, kept in
 * `toewijzing_version`, and not against a later change the provider has not received; a
 * toewijzing no 301 ever carried (still waiting for approval, or its 301 refused) is unknown to
 * the provider.
 */
import type { ScopedDb } from '../db/scope.ts'

/** The toewijzingen with, as `bekend`, the version the provider was sent (OP095). */
export const toewijzingenKnownToProvider = (trx: ScopedDb) =>
  trx
    .selectFrom('toewijzing')
    .innerJoin('toewijzing_version as bekend', (j) => j.onRef('bekend.toewijzing_id', '=', 'toewijzing.id').onRef('bekend.version', '=', 'toewijzing.sent_version'))
