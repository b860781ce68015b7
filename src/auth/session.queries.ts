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

export async function createSession(db: Database, user: UserRecord, hours: number): Promise<SessionTokens> {
  const token = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + hours * 3_600_000)
  await db
    .insertInto('session')
    .values({ token_hash: hashToken(token), region_id: user.regionId, user_id: user.id, csrf_token: csrfToken, expires_at: expiresAt })
    .execute()
  return { token, csrfToken, expiresAt }
}

export interface ActiveSession {
  user: UserRecord
  csrfToken: string
}

/** The live session for a cookie token, or undefined; expired sessions are removed on sight. */
export async function findSession(db: Database, token: string): Promise<ActiveSession | undefined> {
  const row = await db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .selectAll('app_user')
    .select(['session.csrf_token', 'session.expires_at'])
    .where('session.token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!row) return undefined
  if (row.expires_at.getTime() <= Date.now()) {
    await deleteSession(db, token)
    return undefined
  }
  return { user: toUser(row), csrfToken: row.csrf_token }
}

export async function deleteSession(db: Database, token: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', hashToken(token)).execute()
}

export async function deleteExpiredSessions(db: Database): Promise<void> {
  await db.deleteFrom('session').where('expires_at', '<=', new Date()).execute()
}
