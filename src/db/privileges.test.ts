/**
 * What request work, running as `koers_app`, may do to the tables that are not the domain's:
 * the audit log (append-only; each user adds its own lines), users (no password hashes, no
 * writes), sessions and the migrator's bookkeeping (none at all). Migration 0015, issue 17.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor, Role } from '../auth/actor.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type TestRegion, newRegion, newUser } from '../test/factory.ts'
import { type ScopedDb, withActor } from './scope.ts'

/** PostgreSQL's insufficient_privilege: a missing grant, or a row a policy refuses. */
const refused = { code: '42501' }

describe.each(engines)('the privileges of koers_app on %s', (engine) => {
  let database: TestDatabase
  let region: TestRegion
  const person = (role: Role, userId: number): Actor => {
    const gemeenteId = region.gemeenten[0]!.id
    return { ...region.actor(role, role === 'gemeente' || role === 'lokaal_team' ? { gemeenteId } : role === 'aanbieder' ? { providerId: 1 } : {}), userId }
  }
  const as = <T>(actor: Actor, work: (trx: ScopedDb) => Promise<T>) => withActor(database.db, actor, work)
  const addLine = (actor: Actor, userId: number | null) =>
    as(actor, (trx) => trx.insertInto('audit_log').values({ region_id: region.regionId, user_id: userId, action: 'test.read', subject_type: 'client', subject_id: 1, gemeente_id: actor.gemeenteId }).execute())

  beforeAll(async () => {
    database = await freshDatabase(engine)
    region = await newRegion(database.db)
    await newUser(database.db, region, 'regio')
  })
  afterAll(() => database.dispose())

  it('lets every role that may read personal data add its own audit lines, the toezichthouder too, and nobody another user’s', async () => {
    for (const role of ['lokaal_team', 'gemeente', 'aanbieder', 'toezichthouder'] as const) {
      await expect(addLine(person(role, 41), 41), role).resolves.toBeDefined()
      await expect(addLine(person(role, 41), 42), role).rejects.toMatchObject(refused)
    }
    // The regional team reads no personal data, so it has nothing to log.
    await expect(addLine(person('regio', 41), 41)).rejects.toMatchObject(refused)
  })

  it('keeps the audit log append-only: no role changes or removes a line', async () => {
    await addLine(person('lokaal_team', 43), 43)
    for (const actor of [person('regio', 43), person('lokaal_team', 43)]) {
      await expect(as(actor, (trx) => trx.updateTable('audit_log').set({ action: 'gewist' }).execute())).rejects.toMatchObject(refused)
      await expect(as(actor, (trx) => trx.deleteFrom('audit_log').execute())).rejects.toMatchObject(refused)
    }
    const lines = await database.db.selectFrom('audit_log').select('action').where('user_id', '=', 43).execute()
    expect(lines).toEqual([{ action: 'test.read' }])
  })

  it('reads users by name but never their password hash, and writes no user', async () => {
    const regio = person('regio', 1)
    const names = await as(regio, (trx) => trx.selectFrom('app_user').select(['id', 'username', 'display_name', 'role']).execute())
    expect(names).toHaveLength(1)
    await expect(as(regio, (trx) => trx.selectFrom('app_user').select('password_hash').execute())).rejects.toMatchObject(refused)
    await expect(as(regio, (trx) => trx.selectFrom('app_user').selectAll().execute())).rejects.toMatchObject(refused)
    await expect(as(regio, (trx) => trx.updateTable('app_user').set({ role: 'regio' }).execute())).rejects.toMatchObject(refused)
    await expect(as(regio, (trx) => trx.deleteFrom('app_user').execute())).rejects.toMatchObject(refused)
    await expect(
      as(regio, (trx) => trx.insertInto('app_user').values({ region_id: region.regionId, username: 'indringer', display_name: 'X', password_hash: 'x', role: 'regio' }).execute()),
    ).rejects.toMatchObject(refused)
  })

  it('lets no role write the budget keys, which only their functions keep (migration 0024)', async () => {
    for (const role of ['regio', 'gemeente', 'lokaal_team', 'aanbieder'] as const) {
      for (const table of ['toewijzing_jaar', 'verplichting_jaar', 'verplichting_maand']) {
        await expect(as(person(role, 1), (trx) => sql`delete from ${sql.table(table)}`.execute(trx)), `${role} ${table}`).rejects.toMatchObject(refused)
        await expect(as(person(role, 1), (trx) => sql`select count(*) from ${sql.table(table)}`.execute(trx)), `${role} ${table}`).resolves.toBeDefined()
      }
    }
  })

  it('gives no right on the sessions and on the migrator’s tables', async () => {
    const regio = person('regio', 1)
    for (const table of ['session', 'kysely_migration', 'kysely_migration_lock']) {
      await expect(as(regio, (trx) => sql`select count(*) from ${sql.table(table)}`.execute(trx)), table).rejects.toMatchObject(refused)
      await expect(as(regio, (trx) => sql`delete from ${sql.table(table)}`.execute(trx)), table).rejects.toMatchObject(refused)
    }
  })
})
