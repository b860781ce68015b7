/**
 * The second opinion on the back office's answer terms (issue 23 §3, ADR 0028).
 *
 * - `koers_tweede_mening_termijnen()`: per request (315 product or 317) and per 305/307/315/317
 *   that the back office answered in observer mode (the answer's `modus` is `waarnemend`), the
 *   dates the terms run from and the answer's date, as `koers_termijn_feiten` (0010) gives them
 *   for every deadline:
 *     verzoek          received_on; the request's Dagtekening (`tweede_datum`); the "in
 *                      onderzoek" day; the final answer's Dagtekening (a 301 or 319); refused
 *                      with RedenAfwijzingVerzoek 8                         OP274/OP346/OP359
 *                      A request the back office's 316/318 did not take in has no term.
 *     retour_gemeente  the heen message's Dagtekening; the back office's retour's   OP090
 *   with the month of the first date. No client, no ToewijzingNummer or ReferentieAanbieder, so
 *   the region's team reads it (the ledger's rows are personal data it may not read); a
 *   gemeente its own, a provider its own, as `koers_tweede_mening` (0022).
 */
import type { Migration } from './index.ts'

// Copied from 0010 as it was then: a migration imports nothing but the migration API (ADR 0014).
const scope = (alias: string) => `${alias}.region_id = koers_region_id()
         and (koers_role() not in ('gemeente', 'lokaal_team') or ${alias}.gemeente_id = koers_gemeente_id())
         and (koers_role() <> 'aanbieder' or ${alias}.provider_id = koers_provider_id())`

export const tweedeMeningTermijnen: Migration = {
  name: '0026-tweede-mening-termijnen',
  statements: [
    `create function koers_tweede_mening_termijnen() returns table (
         soort text, gemeente_id integer, provider_id integer, maand date,
         gebeurtenis date, tweede_datum date, in_onderzoek date, antwoord date, woonplaatsbeginsel boolean)
       language sql stable security definer set search_path = public as $$
       select 'verzoek', r.gemeente_id, r.provider_id, date_trunc('month', r.received_on)::date,
              r.received_on, m.dagtekening,
              coalesce(r.in_onderzoek_op, case when r.status = 'in_onderzoek' then a.dagtekening end),
              case when r.status in ('toegewezen', 'afgewezen') then a.dagtekening end,
              r.status = 'afgewezen' and r.reden_afwijzing = '8'
       from care_request r
       join message m on m.region_id = r.region_id and m.id = r.message_id
       join message a on a.region_id = r.region_id and a.id = r.answer_message_id
       where ${scope('r')} and a.modus = 'waarnemend' and a.code in ('301', '319')
       union all
       select 'retour_gemeente', h.gemeente_id, h.provider_id, date_trunc('month', h.dagtekening)::date,
              h.dagtekening, null::date, null::date, a.dagtekening, false
       from message h
       join message a on a.region_id = h.region_id and a.answers_message_id = h.id
       where ${scope('h')} and h.direction = 'in' and h.code in ('305', '307', '315', '317')
         and a.direction = 'out' and a.modus = 'waarnemend' and a.code in ('306', '308', '316', '318')
     $$`,
    `revoke all on function koers_tweede_mening_termijnen() from public`,
    `grant execute on function koers_tweede_mening_termijnen() to koers_app`,
  ],
}
