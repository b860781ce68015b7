/**
 * Users and sessions. These run on the system connection (before there is an actor); they
 * are the only request-time queries outside `withActor`. The session token lives in an
 * httpOnly cookie; the database keeps only its SHA-256, so a leaked table opens nothing.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Database } from '../db/database.ts'
import { refusingConstraints } from '../db/errors.ts'
import type { Actor, Role } from './actor.ts'
import { hashPassword } from './password.ts'

export interface UserRecord {
  id: number
  regionId: number
  username: string
  displayName: string
  passwordHash: string
  role: Role
  gemeenteId: number | null
  providerId: number | null
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export async function findUserByUsername(db: Database, username: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst()
  return row && toUser(row)
}

function toUser(row: {
  id: number
  region_id: number
  username: string
  display_name: string
  password_hash: string
  role: Role
  gemeente_id: number | null
  provider_id: number | null
}): UserRecord {
  return {
    id: row.id,
    regionId: row.region_id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    role: row.role,
    gemeenteId: row.gemeente_id,
    providerId: row.provider_id,
  }
}

export function actorOf(user: UserRecord): Actor {
  return {
    userId: user.id,
    name: user.username,
    role: user.role,
    regionId: user.regionId,
    gemeenteId: user.gemeenteId,
    providerId: user.providerId,
  }
}

export interface NewUser {
  regionId: number
  username: string
  displayName: string
  password: string
  role: Role
  gemeenteId?: number | null
  providerId?: number | null
}

export async function createUser(db: Database, user: NewUser): Promise<number> {
  const passwordHash = await hashPassword(user.password)
  return refusingConstraints(async () => {
    const row = await db
      .insertInto('app_user')
      .values({
        region_id: user.regionId,
        username: user.username,
        display_name: user.displayName,
        password_hash: passwordHash,
        role: user.role,
        gemeente_id: user.gemeenteId ?? null,
        provider_id: user.providerId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
}

export interface SessionTokens {
  token: string
  csrfToken: string
  expiresAt: Date
}

/** When sessions end: `hours` after login at the latest, and after `idleMinutes` without a request. */
export interface SessionTimes {
  now: Date
  hours: number
  idleMinutes: number
}

export async function createSession(db: Database, user: UserRecord, times: Pick<SessionTimes, 'now' | 'hours'>): Promise<SessionTokens> {
  const token = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(32).toString('base64url')
  const expiresAt = new Date(times.now.getTime() + times.hours * 3_600_000)
  await db
    .insertInto('session')
    .values({ token_hash: hashToken(token), region_id: user.regionId, user_id: user.id, csrf_token: csrfToken, created_at: times.now, expires_at: expiresAt, last_seen_at: times.now })
    .execute()
  return { token, csrfToken, expiresAt }
}

export interface ActiveSession {
  user: UserRecord
  csrfToken: string
}

/** A session's last use is written at most this often: a request per page would otherwise be a write per page. */
const SEEN_RESOLUTION_MS = 60_000

/**
 * The live session for a cookie token, or undefined. A session past its expiry or unused for
 * `idleMinutes` is removed on sight; a live one is marked as used now.
 */
export async function findSession(db: Database, token: string, times: Pick<SessionTimes, 'now' | 'idleMinutes'>): Promise<ActiveSession | undefined> {
  const row = await db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .selectAll('app_user')
    .select(['session.csrf_token', 'session.expires_at', 'session.last_seen_at'])
    .where('session.token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!row) return undefined
  const now = times.now.getTime()
  if (row.expires_at.getTime() <= now || row.last_seen_at.getTime() + times.idleMinutes * 60_000 <= now) {
    await deleteSession(db, token)
    return undefined
  }
  if (now - row.last_seen_at.getTime() >= SEEN_RESOLUTION_MS) await db.updateTable('session').set({ last_seen_at: times.now }).where('token_hash', '=', hashToken(token)).execute()
  return { user: toUser(row), csrfToken: row.csrf_token }
}

export async function deleteSession(db: Database, token: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', hashToken(token)).execute()
}

/** Logs a user out everywhere: every session of the user, and the browsers it logged in from are no longer trusted. */
export async function deleteUserSessions(db: Database, userId: number): Promise<void> {
  await db.deleteFrom('session').where('user_id', '=', userId).execute()
  await db.deleteFrom('trusted_device').where('user_id', '=', userId).execute()
}

/** Removes the sessions that ended (expired or idle) and the trusted devices that expired; the server runs it hourly. */
export async function deleteEndedSessions(db: Database, times: Pick<SessionTimes, 'now' | 'idleMinutes'>): Promise<void> {
  const idleSince = new Date(times.now.getTime() - times.idleMinutes * 60_000)
  await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expires_at', '<=', times.now), eb('last_seen_at', '<=', idleSince)]))
    .execute()
  await db.deleteFrom('trusted_device').where('expires_at', '<=', times.now).execute()
}

/** How long a browser stays trusted after a login from it (each login starts the period anew). */
export const TRUSTED_DEVICE_DAYS = 90

/** Marks the browser a user just logged in from as trusted; answers the token for its cookie. */
export async function trustDevice(db: Database, user: UserRecord, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + TRUSTED_DEVICE_DAYS * 86_400_000)
  await db.insertInto('trusted_device').values({ token_hash: hashToken(token), region_id: user.regionId, user_id: user.id, created_at: now, expires_at: expiresAt }).execute()
  return { token, expiresAt }
}

/** Whether `token` is a trusted device of `userId` that has not expired; answers a key for the device's own login limit. */
export async function trustedDeviceKey(db: Database, token: string, userId: number, now: Date): Promise<string | undefined> {
  const row = await db.selectFrom('trusted_device').select(['token_hash']).where('token_hash', '=', hashToken(token)).where('user_id', '=', userId).where('expires_at', '>', now).executeTakeFirst()
  return row?.token_hash
}

export async function forgetDevice(db: Database, token: string): Promise<void> {
  await db.deleteFrom('trusted_device').where('token_hash', '=', hashToken(token)).execute()
}
