/**
 * The second opinion per prestatie and per retour (issue 23 §3, ADR 0028).
 *
 * - `declaratie_regel.koers_retour_codes`: in observer mode the 325 of the back office decides
 *   a prestatie's verdict and its codes (`goedgekeurd`, `retour_codes`); Koers' own codes are
 *   kept beside them, as `koers_goedgekeurd` (0022) keeps its verdict. Null in answering mode.
 * - `koers_tweede_mening_regels()`: per prestatie of a 323 the back office answered with a 325
 *   on which it and the standard differ (verdict or codes), both verdicts, both codes and the
 *   amount. The client only as the pseudonym, and the pseudonym and ReferentieNummer only for a
 *   gemeente (its own residents) and a provider (its own clients): the region's team and the
 *   supervisor read the lines without them, as they read `koers_tweede_mening` (0022).
 * - `koers_tweede_mening_retours()`: per 305/307/315/317 the back office answered with its
 *   306/308/316/318, the back office's rejecting codes and Koers' (the heen message's).
 *   Message identifications only, no client.
 */
import type { Migration } from './index.ts'

// Copied from 0026 as it was then: a migration imports nothing but the migration API (ADR 0014).
const scope = (alias: string) => `${alias}.region_id = koers_region_id()
         and (koers_role() not in ('gemeente', 'lokaal_team') or ${alias}.gemeente_id = koers_gemeente_id())
         and (koers_role() <> 'aanbieder' or ${alias}.provider_id = koers_provider_id())`

export const tweedeMeningRegels: Migration = {
  name: '0030-tweede-mening-regels',
  statements: [
    `alter table declaratie_regel add column koers_retour_codes text[]`,
    `create function koers_tweede_mening_regels() returns table (
         declaratie_id integer, gemeente_id integer, provider_id integer, wet text, maand date,
         declaratie_nummer text, referentie_nummer text, pseudoniem text,
         productcategorie text, productcode text, begindatum date, einddatum date, bedrag_cents bigint,
         goedgekeurd boolean, koers_goedgekeurd boolean, retour_codes text[], koers_retour_codes text[])
       language sql stable security definer set search_path = public as $$
       select d.id, d.gemeente_id, d.provider_id, d.wet, d.periode_begin, d.declaratie_nummer,
              case when koers_role() in ('gemeente', 'lokaal_team', 'aanbieder') then r.referentie_nummer end,
              case when koers_role() in ('gemeente', 'lokaal_team', 'aanbieder') then c.pseudonym end,
              r.productcategorie, r.productcode, r.begindatum, r.einddatum, r.bedrag_cents::bigint,
              r.goedgekeurd, r.koers_goedgekeurd, r.retour_codes, coalesce(r.koers_retour_codes, '{}')
       from declaratie d
       join message antwoord on antwoord.region_id = d.region_id and antwoord.id = d.answer_message_id
       join declaratie_regel r on r.region_id = d.region_id
         and r.id >= d.id * 16777216::bigint and r.id < (d.id + 1) * 16777216::bigint
       left join client c on c.region_id = r.region_id and c.id = r.client_id
       where ${scope('d')} and antwoord.modus = 'waarnemend' and antwoord.code = '325'
         and r.koers_goedgekeurd is not null
         and (r.goedgekeurd <> r.koers_goedgekeurd
              or (not r.goedgekeurd and not (r.retour_codes <@ coalesce(r.koers_retour_codes, '{}'))))
     $$`,
    `revoke all on function koers_tweede_mening_regels() from public`,
    `grant execute on function koers_tweede_mening_regels() to koers_app`,
    `create function koers_tweede_mening_retours() returns table (
         gemeente_id integer, provider_id integer, wet text, maand date, heen_code text, identificatie text,
         ontvangen date, beantwoord date, retour_code text, retour_codes text[], koers_retour_codes text[])
       language sql stable security definer set search_path = public as $$
       select h.gemeente_id, h.provider_id, h.wet, date_trunc('month', h.dagtekening)::date, h.code, h.identificatie,
              h.dagtekening, a.dagtekening, a.code, a.retour_codes, h.retour_codes
       from message h
       join message a on a.region_id = h.region_id and a.answers_message_id = h.id
       where ${scope('h')} and h.direction = 'in' and h.code in ('305', '307', '315', '317')
         and a.direction = 'out' and a.modus = 'waarnemend' and a.code in ('306', '308', '316', '318')
     $$`,
    `revoke all on function koers_tweede_mening_retours() from public`,
    `grant execute on function koers_tweede_mening_retours() to koers_app`,
  ],
}
