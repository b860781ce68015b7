import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { receiveMessage } from '../inbox/receive.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { type ToegangScenario, request315, toegangScenario } from '../test/toegang-scenario.ts'

describe.each(engines)('message downloads on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let http: HttpSessions

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    http = httpSessions(database.db)
    await http.login('aanbieder', await newUser(database.db, s.region, 'aanbieder', { providerId: s.providers[0]!.id }))
  })
  afterAll(() => database.dispose())

  it('names the file safely whatever Identificatie the provider chose', async () => {
    // The Identificatie is the provider's: up to 12 characters of any kind (LDT_IdentificatieBericht).
    await receiveMessage(database.db, s.region.regionId, request315(s, 'R1', { ident: '../"ő€;x' }), { at: { date: '2026-11-02', time: '09:00:00' } })
    const messages = (await (await http.get('aanbieder', '/api/messages?direction=in')).json()) as { id: number }[]
    expect(messages).toHaveLength(1)
    const res = await http.get('aanbieder', `/api/messages/${messages[0]!.id}/xml`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="JW315_41000001_..__o__x.xml"; filename*=UTF-8''JW315_41000001_.._%22%C5%91%E2%82%AC%3Bx.xml`)
    expect(await res.text()).toContain('<')
  })
})
