/**
 * The profile of the trajecten for the scenario model (issue 22 §2, ADR 0038): per toewijzing of
 * some segments, its product and the perspective of its beschikking (ontwikkeling or
 * stabiliteit), so that the model fits the durations per perspective and the costs per product.
 *
 * The region's team reads the traject facts (`koers_trajecten`, which already carry the
 * beschikking's goals at T1) but not the beschikking itself (0004/0007's policies), so the
 * perspective is read by a function, as the facts are: security definer, the caller's region,
 * a gemeente its own trajecten, a provider its own, only actieve toewijzingen (those the facts
 * hold). It returns no client and no BSN: the toewijzing's id (the key of the traject facts),
 * its product and the perspective. A beschikking recorded in observer mode (ADR 0028) has no
 * known profile — its perspective is a placeholder, marked by its justification — and is
 * returned as null.
 */
import type { Migration } from './index.ts'

// The justification of an observed beschikking (src/archief/waarneming.ts, WAARGENOMEN_BESCHIKKING), copied: a migration imports nothing.
const observed = 'waargenomen uit het berichtenverkeer: de beschikking en het profiel zijn van de backoffice en niet bekend'

export const trajectProfiel: Migration = {
  name: '0033-traject-profiel',
  statements: [
    `create function koers_traject_profiel(segmenten integer[]) returns table (toewijzing_id integer, product_id integer, perspectief text)
       language sql stable security definer set search_path = public as $$
         select t.id, t.product_id, case when b.justification = '${observed}' then null else b.perspective end
         from toewijzing t join beschikking b on b.region_id = t.region_id and b.id = t.beschikking_id
         where t.region_id = koers_region_id() and t.segment_id = any(segmenten) and t.status = 'actief'
           and (koers_role() not in ('gemeente', 'lokaal_team') or t.gemeente_id = koers_gemeente_id())
           and (koers_role() <> 'aanbieder' or t.provider_id = koers_provider_id())
     $$`,
    `revoke all on function koers_traject_profiel(integer[]) from public`,
    `grant execute on function koers_traject_profiel(integer[]) to koers_app`,
  ],
}
