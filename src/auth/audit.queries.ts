/**
 * The audit log of reads of personal data (DOMAIN.md: AVG and BIO, "every access to personal
 * data logged"): one line per subject seen — a client, a request, a message — with who, when
 * and the subject's gemeente (ADR 0020). Written in the reading transaction, so a read that
 * answers is a read that was logged; the database lets a user add only its own lines and
 * change none (migration 0015).
 */
import type { ScopedDb } from '../db/scope.ts'
import type { Actor } from './actor.ts'

export interface AuditedRead {
  /** What was read: `client.view`, `message.xml`, `request.list`, … */
  action: string
  subjectType: 'client' | 'care_request' | 'message' | 'toewijzing'
  subjectId: number | null
  /** The gemeente the subject belongs to (its audit readers see it), or the actor's own. */
  gemeenteId: number | null
}

// 7 columns × 1,000 lines stays far below PostgreSQL's 65,535 bind-parameter limit.
const AUDIT_CHUNK = 1_000

/** Logs that `actor` read these subjects (none: nothing is written). */
export async function auditReads(trx: ScopedDb, actor: Actor, reads: readonly AuditedRead[]): Promise<void> {
  for (let i = 0; i < reads.length; i += AUDIT_CHUNK) {
    await trx
      .insertInto('audit_log')
      .values(reads.slice(i, i + AUDIT_CHUNK).map((r) => ({ region_id: actor.regionId, user_id: actor.userId, action: r.action, subject_type: r.subjectType, subject_id: r.subjectId, gemeente_id: r.gemeenteId })))
      .execute()
  }
}
