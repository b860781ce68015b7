/**
 * TR314: a ReferentieNummer is unique for the provider within the law, across messages. The
 * declaration run looks up a chunk's numbers among the provider's earlier lines
 * (src/declaraties/prestatie.queries.ts `knownReferenties`); this index finds them without
 * scanning every line of the region.
 */
import type { Migration } from './index.ts'

export const declaratieReferentie: Migration = {
  name: '0011-declaratie-referentie',
  statements: [`create index declaratie_regel_referentie_idx on declaratie_regel (provider_id, wet, referentie_nummer)`],
}
