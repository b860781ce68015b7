/**
 * The chain deadlines' facts (docs/termijnen.md).
 *
 * - `koers_termijn_feiten(van, tot)`: for every deadline whose clock started in `[van, tot]`,
 *   in the caller's scope, the dates that start and stop it. The ledger is personal data the
 *   region may not read (0004's personalReadScope), yet the region follows every provider's
 *   and gemeente's deadlines (issue: "a score per provider and per gemeente"): so, as
 *   `koers_trajecten` (0007), a security-definer function that scopes by the caller's role
 *   itself and returns no personal data — no client, no BSN; for the region not even the
 *   ToewijzingNummer or ReferentieAanbieder (`referentie` is null).
 *
 * Rows per `soort` (the rules that make deadlines of them are src/termijnen/termijn.rules.ts):
 *   start_zorg       per active toewijzing: its first current start's Begindatum, else its
 *                    ingangsdatum (`gebeurtenis`); its first 301's Toewijzingsdatum
 *                    (`tweede_datum`); the 305's Dagtekening (`antwoord`)            OP271
 *   stop_zorg        per current start without a temporary stop (reden 20): the definitive
 *                    stop's Einddatum, else the toewijzing's einddatum; the 307's Dagtekening OP272
 *   verzoek          per 315 product or 317: received_on; the request's Dagtekening
 *                    (`tweede_datum`); the "in onderzoek" day (`in_onderzoek`, 0008); the final
 *                    answer's Dagtekening; refused with RedenAfwijzingVerzoek 8    OP274/OP346/OP359
 *   retour_gemeente  a 305/307/315/317 received: its Dagtekening; our retour's        OP090
 *   declaratie_antwoord  a 323 received: its Dagtekening; our 325's                  OP090x4
 *   retour_aanbieder a 301/319 sent: its Dagtekening; the provider's 302/320's         OP090
 */
import type { Migration } from './index.ts'

const scope = (alias: string) => `${alias}.region_id = koers_region_id()
         and (koers_role() not in ('gemeente', 'lokaal_team') or ${alias}.gemeente_id = koers_gemeente_id())
         and (koers_role() <> 'aanbieder' or ${alias}.provider_id = koers_provider_id())`

const referentie = (expression: string) => `case when koers_role() = 'regio' then null else ${expression} end`

export const termijnen: Migration = {
  name: '0010-termijnen',
  statements: [
    `create function koers_termijn_feiten(van date, tot date) returns table (
         soort text, gemeente_id integer, provider_id integer, referentie text,
         gebeurtenis date, tweede_datum date, in_onderzoek date, antwoord date, woonplaatsbeginsel boolean)
       language sql stable security definer set search_path = public as $$
       select 'start_zorg', t.gemeente_id, t.provider_id, ${referentie(`'toewijzing ' || t.toewijzing_nummer`)},
              coalesce(s.begindatum, t.ingangsdatum),
              (select min(v.toewijzing_datum) from toewijzing_version v where v.region_id = t.region_id and v.toewijzing_id = t.id),
              null::date, s.dagtekening, false
       from toewijzing t
       left join lateral (
         select cs.begindatum, m.dagtekening from care_start cs join message m on m.region_id = cs.region_id and m.id = cs.message_id
         where cs.region_id = t.region_id and cs.toewijzing_id = t.id and cs.removed_by_message_id is null
         order by cs.begindatum limit 1) s on true
       where ${scope('t')}
         and t.status = 'actief' and t.reden_wijziging is distinct from '13'
         and t.einddatum >= van and t.ingangsdatum <= tot
       union all
       select 'stop_zorg', cs.gemeente_id, cs.provider_id, ${referentie(`'toewijzing ' || t.toewijzing_nummer`)},
              coalesce(x.einddatum, t.einddatum), null::date, null::date, x.dagtekening, false
       from care_start cs
       join toewijzing t on t.region_id = cs.region_id and t.id = cs.toewijzing_id
       left join lateral (
         select cx.einddatum, m.dagtekening from care_stop cx join message m on m.region_id = cx.region_id and m.id = cx.message_id
         where cx.region_id = cs.region_id and cx.toewijzing_id = cs.toewijzing_id and cx.start_id = cs.id
           and cx.removed_by_message_id is null and cx.reden_beeindiging <> '20'
         order by cx.einddatum desc limit 1) x on true
       where ${scope('cs')}
         and cs.removed_by_message_id is null
         and not exists (select 1 from care_stop tx where tx.region_id = cs.region_id and tx.toewijzing_id = cs.toewijzing_id
                           and tx.start_id = cs.id and tx.removed_by_message_id is null and tx.reden_beeindiging = '20')
         and coalesce(x.einddatum, t.einddatum) between van and tot
       union all
       select 'verzoek', r.gemeente_id, r.provider_id, ${referentie(`r.kind || ' ' || r.referentie_aanbieder`)},
              r.received_on, m.dagtekening,
              coalesce(r.in_onderzoek_op, case when r.status = 'in_onderzoek' then a.dagtekening end),
              case when r.status in ('toegewezen', 'afgewezen') then a.dagtekening end,
              r.status = 'afgewezen' and r.reden_afwijzing = '8'
       from care_request r
       join message m on m.region_id = r.region_id and m.id = r.message_id
       left join message a on a.region_id = r.region_id and a.id = r.answer_message_id
       where ${scope('r')} and r.received_on between van and tot
       union all
       select case when h.direction = 'out' then 'retour_aanbieder' when h.code = '323' then 'declaratie_antwoord' else 'retour_gemeente' end,
              h.gemeente_id, h.provider_id, ${referentie(`h.code || ' ' || h.identificatie`)},
              h.dagtekening, null::date, null::date, a.dagtekening, false
       from message h
       -- The answers grouped once and hash-joined: answers_message_id has no index, and a
       -- look-up per message would scan the region's messages for each.
       left join (
         select answers_message_id, min(dagtekening) as dagtekening from message
         where region_id = koers_region_id() and answers_message_id is not null and dagtekening >= van
           and code in ('302', '306', '308', '316', '318', '320', '325')
         group by answers_message_id) a on a.answers_message_id = h.id
       where ${scope('h')} and h.dagtekening between van and tot
         and ((h.direction = 'in' and h.code in ('305', '307', '315', '317', '323')) or (h.direction = 'out' and h.code in ('301', '319')))
     $$`,
    `revoke all on function koers_termijn_feiten(date, date) from public`,
    `grant execute on function koers_termijn_feiten(date, date) to koers_app`,
  ],
}
