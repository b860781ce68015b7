import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { type ToegangScenario, toegangScenario } from '../test/toegang-scenario.ts'

describe.each(engines)('the gezagsdrager over HTTP on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let http: HttpSessions

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    http = httpSessions(database.db)
    const other = s.region.gemeenten[1]!
    await http.login('team', await newUser(database.db, s.region, 'lokaal_team', { gemeenteId: s.zeist.id }))
    await http.login('ander_team', await newUser(database.db, s.region, 'lokaal_team', { gemeenteId: other.id }))
    await http.login('aanbieder', await newUser(database.db, s.region, 'aanbieder', { providerId: s.providers[0]!.id }))
  })
  afterAll(() => database.dispose())

  it('lets the client\'s own lokaal team record and read who holds authority (OP001), and nobody else', async () => {
    const path = `/api/clients/${s.clientId}/gezag`
    const body = { gezagsdragers: [{ soort: '10', achternaam: 'Wit', voorvoegsel: 'de', voorletters: 'A', postcode: '3701AB', huisnummer: 12 }] }
    expect((await http.post('aanbieder', path, body)).status).toBe(403)
    expect((await http.post('ander_team', path, body)).status).toBe(404)
    const saved = await http.post('team', path, body)
    expect(saved.status).toBe(200)
    expect(await saved.json()).toEqual({ gezagBijClient: false, gezagsdragers: [{ nummer: 1, soort: '10', achternaam: 'Wit', voorvoegsel: 'de', voorletters: 'A', organisatie: false, postcode: '3701AB', huisnummer: 12, telefoon: null }] })
    expect((await http.get('ander_team', path)).status).toBe(404)
    expect(((await (await http.get('team', path)).json()) as { gezagsdragers: unknown[] }).gezagsdragers).toHaveLength(1)
    // Names and addresses of the gezagsdragers: the read is audited, the refused one is not.
    const lines = await database.db.selectFrom('audit_log').select(['action', 'subject_type', 'subject_id', 'gemeente_id', 'client_pseudonym']).where('action', '=', 'client.gezag').execute()
    const client = await database.db.selectFrom('client').select('pseudonym').where('id', '=', s.clientId).executeTakeFirstOrThrow()
    expect(lines).toEqual([{ action: 'client.gezag', subject_type: 'client', subject_id: s.clientId, gemeente_id: s.zeist.id, client_pseudonym: client.pseudonym }])
    // OP130: a name alone is not enough.
    const bare = await http.post('team', path, { gezagsdragers: [{ soort: '10', achternaam: 'Wit' }] })
    expect(bare.status).toBe(422)
    expect(JSON.stringify(await bare.json())).toContain('OP130')
  })
})
