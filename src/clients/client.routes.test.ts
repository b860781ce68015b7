/**
 * Clients over HTTP: who may register and look up whom, and what each look leaves in the
 * audit log (issue 17).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { type ToegangScenario, toegangScenario } from '../test/toegang-scenario.ts'

describe.each(engines)('clients over HTTP on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let http: HttpSessions
  const userIds = new Map<string, number>()
  const login = async (name: string, role: Parameters<typeof newUser>[2], scope: Parameters<typeof newUser>[3] = {}) => {
    const credentials = await newUser(database.db, s.region, role, scope)
    await http.login(name, credentials)
    userIds.set(name, (await database.db.selectFrom('app_user').select('id').where('username', '=', credentials.username).executeTakeFirstOrThrow()).id)
  }
  /** The audit lines of `who` (read on the system connection). */
  const auditOf = (who: string) =>
    database.db.selectFrom('audit_log').select(['action', 'subject_type', 'subject_id', 'gemeente_id']).where('user_id', '=', userIds.get(who)!).orderBy('id').execute()

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    http = httpSessions(database.db)
    await login('team', 'lokaal_team', { gemeenteId: s.zeist.id })
    await login('toezicht', 'toezichthouder')
  })
  afterAll(() => database.dispose())

  it('opens a client file for the toezichthouder, who reads but never writes, and audits the look as its own', async () => {
    const res = await http.get('toezicht', `/api/clients/${s.clientId}/file`)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { client: { id: number } }).client.id).toBe(s.clientId)
    expect(await auditOf('toezicht')).toEqual([{ action: 'client.view', subject_type: 'client', subject_id: s.clientId, gemeente_id: s.zeist.id }])
    // Read-only all the same: registering a client is not the toezichthouder's.
    expect((await http.post('toezicht', '/api/clients', { bsn: '123456782', birthDate: '2012-01-01', familyName: 'Jansen', gemeenteId: s.zeist.id })).status).toBe(403)
  })
})
