/**
 * What the 301 says about the client beyond name, birth date and BRP address:
 *
 * - `client.datum_gebruik`, `care_request.datum_gebruik`: OP252 and IV009 — a (partly) unknown
 *   birth date is sent with DatumGebruik, saying which part is reliable (LDT_DatumGebruik 1: day
 *   unknown, 2: day and month unknown, 3: wholly unknown, then 01-01-1900). Null: known.
 * - `client.adres_soort`: IV047 — the 301 carries the BRP address (01) or the verblijfadres (03);
 *   a client registered in the BRP with only a briefadres gets it as correspondentie-adres (02).
 */
import type { Migration } from './index.ts'

export const clientBerichtgegevens: Migration = {
  name: '0012-client-berichtgegevens',
  statements: [
    `alter table client add column datum_gebruik char(1) check (datum_gebruik in ('1', '2', '3'))`,
    `alter table client add column adres_soort char(2) not null default '01' check (adres_soort in ('01', '02', '03'))`,
    `alter table care_request add column datum_gebruik char(1) check (datum_gebruik in ('1', '2', '3'))`,
  ],
}
