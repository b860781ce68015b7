/**
 * Clients over HTTP: who may register and look up whom, and what each look leaves in the
 * audit log (issue 17).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awardLot, listContracts } from '../contracts/contract.queries.ts'
import { withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { type ToegangScenario, assessment, providerMessage, scenarioClient, toegangScenario } from '../test/toegang-scenario.ts'

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
    await login('bunnik', 'lokaal_team', { gemeenteId: s.region.gemeenten[1]!.id })
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
  const register = (who: string, bsn: string) => http.post(who, '/api/clients', { bsn, birthDate: '2012-02-14', familyName: 'Wit', postcode: '3701AB', huisnummer: 12 })
  const search = async (who: string, bsn: string) => ((await (await http.post(who, '/api/clients/search', { bsn })).json()) as { client: { id: number; pseudonym: string } | null }).client

  it('registers a BSN another gemeente already holds (a resident who moved) as a client of its own, telling nothing about the other', async () => {
    expect((await register('team', '123456782')).status).toBe(201)
    const moved = await register('bunnik', '123456782')
    expect(moved.status).toBe(201)
    const zeist = await search('team', '123456782')
    const bunnik = await search('bunnik', '123456782')
    expect(bunnik).toMatchObject({ id: ((await moved.json()) as { id: number }).id })
    expect(bunnik!.id).not.toBe(zeist!.id)
    expect(bunnik!.pseudonym).not.toBe(zeist!.pseudonym)
  })

  it('refuses a BSN the own gemeente already holds, and audits that look as a search is audited', async () => {
    const before = (await auditOf('team')).length
    const again = await register('team', s.bsn)
    expect(again.status).toBe(409)
    expect(((await again.json()) as { error: { reason: string } }).error.reason).toBe('client.bsn_taken')
    expect((await auditOf('team')).slice(before)).toEqual([{ action: 'client.register_taken', subject_type: 'client', subject_id: s.clientId, gemeente_id: s.zeist.id }])
  })

  it('approves a request in one gemeente for a BSN another gemeente holds, registering the client there', async () => {
    const bunnik = s.region.gemeenten[1]!
    const provider = s.providers[2]!
    await withActor(database.db, s.region.actor('regio'), async (trx) => {
      const [contract] = await listContracts(trx, { providerId: null })
      await awardLot(trx, s.region.regionId, { lotId: contract!.lots[0]!.id, providerId: provider.id, gemeenteIds: [bunnik.id], validFrom: '2026-01-01', validTo: null })
    })
    const product = { ReferentieAanbieder: 'VERHUISD-1', Product: { Categorie: '45', Code: '45A48' }, ToewijzingIngangsdatum: '2026-12-01', ToewijzingEinddatum: '2027-05-31', Omvang: { Volume: '3', Eenheid: '04', Frequentie: '2' }, Verwijzer: { Type: '02', ZorgverlenerCode: '01234567' } }
    const received = await receiveMessage(database.db, s.region.regionId, providerMessage('315', provider.agb, bunnik.cbsCode, { ...scenarioClient(s), AangevraagdeProducten: { AangevraagdProduct: [product] } }, '2026-11-02'), { at: { date: '2026-11-03', time: '09:00:00' } })
    expect(received.outcome, JSON.stringify(received.problems)).toBe('verwerkt')
    const [request] = (await (await http.get('bunnik', '/api/requests')).json()) as { id: number; clientId: number | null }[]
    expect(request!.clientId).toBeNull()
    const approved = await http.post('bunnik', `/api/requests/${request!.id}/approve`, { productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-05-31', omvang: { volume: 3, eenheid: '04', frequentie: '2' }, assessment, postcode: '3701AB', huisnummer: 12 })
    expect(approved.status).toBe(200)
    const client = await search('bunnik', s.bsn)
    expect(client).not.toBeNull()
    expect(client!.id).not.toBe(s.clientId)
  })
})
