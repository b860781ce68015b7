/**
 * The audit log as a page for the privacy officer (issue 17 §3): "who read which client, when
 * and why". An audit line names the client it concerns by pseudonym (`client_pseudonym`) and
 * its subject in words (`subject_label`: a message's code and Identificatie, a request's
 * ReferentieAanbieder, a toewijzing's number — never a name or BSN), written with the line, so
 * the reader needs no access to the tables read and the line keeps its meaning when the
 * subject is gone. Reading the log is for the region's team (the whole
 * region) and a gemeente's own users (its residents) — not for the roles whose reads it
 * records: the lokaal team, the providers and the toezichthouder no longer read it (they only
 * add their own lines, migration 0015).
 */
import type { Migration } from './index.ts'

export const auditPage: Migration = {
  name: '0019-audit-page',
  statements: [
    `alter table audit_log add column client_pseudonym text`,
    `alter table audit_log add column subject_label text`,
    `create index audit_log_at_idx on audit_log (region_id, at desc, id desc)`,
    `create index audit_log_client_idx on audit_log (region_id, client_pseudonym) where client_pseudonym is not null`,
    `drop policy audit_scope on audit_log`,
    `create policy audit_scope on audit_log as restrictive for select using (
       koers_role() = 'regio'
       or (koers_role() = 'gemeente' and gemeente_id = koers_gemeente_id()))`,
  ],
}
