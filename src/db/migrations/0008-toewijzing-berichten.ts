/**
 * What the gemeente must remember to write its 301 and 319 as the regelrapport prescribes
 * (docs/toegang.md, "De 301" and "De 319").
 *
 * - `toewijzing.sent_version`: the version a 301 last carried. IV099: RedenWijziging is filled
 *   only when the ToegewezenProduct changed since it was last sent; OP087: a 301 carries every
 *   toewijzing changed since the previous 301. Null: never sent. Existing active toewijzingen
 *   were each sent when they got their current version, so they start as sent.
 * - `care_request.in_onderzoek_op`: the day the 319 with VerzoekAntwoord 2 went out. OP274 and
 *   OP346: after "aanvraag in onderzoek" the final answer is due within 8 weeks of the
 *   request's Dagtekening (kept on its message); the day of the interim answer stays known
 *   after the final answer replaces `answer_message_id`.
 * - `care_request.woonplaats_gemeente`: TR377/IV095, the CBS code of the gemeente that is
 *   responsible under the woonplaatsbeginsel, given with RedenAfwijzingVerzoek 8 (iJw only).
 * - `client.gezag_bij_client` and `gezagsdrager`: OP001 "Van een client wordt vastgelegd wie de
 *   gezagsdrager is" (from 16 the jeugdige may hold it), OP002: the iJw 301 carries the
 *   gezagsdrager as a Relatie of the client. OP071: each relation has a number per client that
 *   never changes, so a relation that no longer holds authority is kept, inactive, and its
 *   number is not given again. OP130/TR006: a name and an address and/or a telephone number.
 *   Personal data: the client's own gemeente reads and writes it, the toezichthouder reads it.
 * - `product.generiek`: a catalogue entry for a generic toewijzing (IV075: "Bij generieke
 *   toewijzingen is het product leeg"): the 301 carries a Budget and no Product. Its
 *   productcategorie only classifies it in the region's reports; it has no productcode.
 */
import type { Migration } from './index.ts'

export const toewijzingBerichten: Migration = {
  name: '0008-toewijzing-berichten',
  statements: [
    `alter table toewijzing add column sent_version integer`,
    `update toewijzing set sent_version = version where status = 'actief'`,
    `alter table toewijzing add constraint toewijzing_sent_version check (sent_version is null or sent_version between 1 and version)`,
    `alter table care_request add column in_onderzoek_op date`,
    `alter table care_request add column woonplaats_gemeente text check (woonplaats_gemeente ~ '^[0-9]{4}$')`,
    `alter table product add column generiek boolean not null default false`,
    `alter table product add constraint product_generiek check (not generiek or (productcode is null and variant <> 'taakgericht'))`,
    `alter table client add column gezag_bij_client boolean not null default false`,
    `create table gezagsdrager (
       id integer generated always as identity primary key,
       region_id integer not null references region (id),
       gemeente_id integer not null,
       client_id integer not null,
       nummer integer not null check (nummer between 1 and 999),
       soort char(2) not null check (soort in ('10', '11')),
       achternaam text not null check (length(achternaam) between 1 and 200),
       voorvoegsel text not null default '' check (length(voorvoegsel) <= 10),
       voorletters text not null default '' check (voorletters ~ '^[A-Za-z]{0,6}$'),
       organisatie boolean not null default false,
       postcode text check (postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
       huisnummer integer check (huisnummer between 1 and 99999),
       telefoon text check (telefoon ~ '^0[0-9]{9}$'),
       actief boolean not null default true,
       check ((postcode is null) = (huisnummer is null)),
       check (postcode is not null or telefoon is not null),
       unique (region_id, client_id, nummer),
       foreign key (region_id, client_id) references client (region_id, id),
       foreign key (region_id, gemeente_id) references gemeente (region_id, id)
     )`,
    `create index gezagsdrager_client_idx on gezagsdrager (region_id, client_id)`,
    `alter table gezagsdrager enable row level security`,
    `create policy region_scope on gezagsdrager using (region_id = koers_region_id()) with check (region_id = koers_region_id())`,
    `create policy party_scope on gezagsdrager as restrictive using (
       case koers_role()
         when 'lokaal_team' then gemeente_id = koers_gemeente_id()
         when 'gemeente' then gemeente_id = koers_gemeente_id()
         when 'toezichthouder' then true
         else false
       end)`,
    `create policy gemeente_writes_insert on gezagsdrager as restrictive for insert with check (koers_role() in ('lokaal_team', 'gemeente'))`,
    `create policy gemeente_writes_update on gezagsdrager as restrictive for update using (koers_role() in ('lokaal_team', 'gemeente'))`,
    `create policy kept on gezagsdrager as restrictive for delete using (false)`,
  ],
}
