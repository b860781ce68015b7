/**
 * The audit log of reads of personal data (DOMAIN.md: AVG and BIO, "every access to personal
 * data logged"): one line per subject seen — a client, a request, a message — with who, when
 * and the subject's gemeente (ADR 0020). Written in the reading transaction, so a read that
 * answers is a read that was logged; the database lets a user add only its own lines and
 * change none (migration 0015).
 */
import { sql } from 'kysely'
import type { ScopedDb } from '../db/scope.ts'
import type { Actor, Role } from './actor.ts'

export interface AuditedRead {
  /** What was read: `client.view`, `message.xml`, `request.list`, … */
  action: string
  subjectType: 'client' | 'care_request' | 'message' | 'toewijzing'
  subjectId: number | null
  /** The gemeente the subject belongs to (its audit readers see it), or the actor's own. */
  gemeenteId: number | null
  /** The client the read concerns, by pseudonym (never a name or BSN), where one is known. */
  clientPseudonym?: string | null
  /** The subject in words for the audit page: `JW301 2026-000123`, `315 REF-9`, `toewijzing 12`. */
  subjectLabel?: string | null
}

// 9 columns × 1,000 lines stays far below PostgreSQL's 65,535 bind-parameter limit.
const AUDIT_CHUNK = 1_000

/** Logs that `actor` read these subjects (none: nothing is written). */
export async function auditReads(trx: ScopedDb, actor: Actor, reads: readonly AuditedRead[]): Promise<void> {
  for (let i = 0; i < reads.length; i += AUDIT_CHUNK) {
    await trx
      .insertInto('audit_log')
      .values(reads.slice(i, i + AUDIT_CHUNK).map((r) => ({ region_id: actor.regionId, user_id: actor.userId, action: r.action, subject_type: r.subjectType, subject_id: r.subjectId, gemeente_id: r.gemeenteId, client_pseudonym: r.clientPseudonym ?? null, subject_label: r.subjectLabel ?? null })))
      .execute()
  }
}

/**
 * Why each read happened, in words for the privacy officer: the work step in which the data was
 * shown. An action without a label here shows its code.
 */
export const auditActionLabels: Record<string, string> = {
  'client.view': 'Cliëntdossier geopend',
  'client.search': 'Cliënt gezocht op BSN',
  'client.gezag': 'Gezagsdragers van de cliënt bekeken (namen, adressen)',
  'client.register_taken': 'Registratie geweigerd: het BSN is al cliënt van de gemeente',
  'message.xml': 'Bericht (XML met persoonsgegevens) gedownload',
  'request.list': 'Aanvraag getoond in de werkvoorraad (naam, geboortedatum)',
  'uitkomsten.werklijst': 'Traject getoond in de werklijst uitkomsten (naam)',
}

export const auditActionLabel = (action: string): string => auditActionLabels[action] ?? action

export interface AuditFilter {
  /** First and last calendar day (Europe/Amsterdam), both included. */
  from?: string
  to?: string
  gemeente?: number
  user?: number
  action?: string
  /** A client's pseudonym: who read this person's data. */
  client?: string
}

export interface AuditLine {
  id: number
  /** ISO 8601 (UTC). */
  at: string
  userId: number | null
  userName: string | null
  role: Role | null
  gemeenteId: number | null
  gemeente: string | null
  action: string
  /** Why: the work step in which the data was shown. */
  reason: string
  subjectType: string
  subjectId: number | null
  clientPseudonym: string | null
  subject: string
}

/** How the audit log may be sorted (the columns of its page); by default newest first. */
export const auditSortKeys = ['at', 'user', 'role', 'gemeente', 'client'] as const
export type AuditSortKey = (typeof auditSortKeys)[number]
const auditSortColumn = { at: 'a.at', user: 'u.display_name', role: 'u.role', gemeente: 'g.name', client: 'a.client_pseudonym' } as const

export interface AuditPage {
  limit: number
  offset: number
  sort?: AuditSortKey
  dir?: 'asc' | 'desc'
}

const subjectTypeLabels: Record<string, string> = { client: 'cliënt', care_request: 'aanvraag', message: 'bericht', toewijzing: 'toewijzing' }

/**
 * The audit lines the actor may read — the region's team all of its region, a gemeente's users
 * those about its residents (row-level security, migration 0019, says it a second time) —
 * filtered, newest first unless sorted otherwise. `total` counts every matching line; `lines` is one page of them.
 */
export async function listAuditLines(trx: ScopedDb, actor: Actor, filter: AuditFilter, page: AuditPage): Promise<{ total: number; lines: AuditLine[] }> {
  let q = trx.selectFrom('audit_log as a').where('a.region_id', '=', actor.regionId)
  if (actor.gemeenteId !== null) q = q.where('a.gemeente_id', '=', actor.gemeenteId)
  // Calendar days in the Netherlands, whatever the session's time zone: from the first day's
  // midnight up to the midnight after the last, as moments, so the index on `at` serves.
  if (filter.from) q = q.where('a.at', '>=', sql<Date>`(${filter.from}::date)::timestamp at time zone 'Europe/Amsterdam'`)
  if (filter.to) q = q.where('a.at', '<', sql<Date>`(${filter.to}::date + 1)::timestamp at time zone 'Europe/Amsterdam'`)
  if (filter.gemeente !== undefined) q = q.where('a.gemeente_id', '=', filter.gemeente)
  if (filter.user !== undefined) q = q.where('a.user_id', '=', filter.user)
  if (filter.action) q = q.where('a.action', '=', filter.action)
  if (filter.client) q = q.where('a.client_pseudonym', '=', filter.client)
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
    q
      .leftJoin('app_user as u', (j) => j.onRef('u.region_id', '=', 'a.region_id').onRef('u.id', '=', 'a.user_id'))
      .leftJoin('gemeente as g', 'g.id', 'a.gemeente_id')
      .select(['a.id', 'a.at', 'a.user_id', 'u.display_name', 'u.role', 'a.gemeente_id', 'g.name as gemeente', 'a.action', 'a.subject_type', 'a.subject_id', 'a.client_pseudonym', 'a.subject_label'])
      // Another column first, empty values last either way (as the web's tables sort); then newest first.
      .$if(page.sort !== undefined && page.sort !== 'at', (qb) => qb.orderBy(auditSortColumn[page.sort!], (ob) => (page.dir === 'desc' ? ob.desc() : ob.asc()).nullsLast()))
      .orderBy('a.at', page.sort === 'at' && page.dir === 'asc' ? 'asc' : 'desc')
      .orderBy('a.id', page.sort === 'at' && page.dir === 'asc' ? 'asc' : 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ])
  return {
    total: Number(count.n),
    lines: rows.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
      userId: r.user_id,
      userName: r.display_name,
      role: r.role,
      gemeenteId: r.gemeente_id,
      gemeente: r.gemeente,
      action: r.action,
      reason: auditActionLabel(r.action),
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      clientPseudonym: r.client_pseudonym,
      subject: r.subject_label ?? `${subjectTypeLabels[r.subject_type] ?? r.subject_type}${r.subject_id === null ? ' (niet gevonden)' : ` #${r.subject_id}`}`,
    })),
  }
}
