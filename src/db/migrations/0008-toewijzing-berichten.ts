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
  ],
}
