/**
 * The mailbox over HTTP (issue 17 §1): who gets a message's raw XML — which names a client by
 * BSN, name and birth date — which reads are audited, and that fetching changes nothing until
 * the provider says with a POST that it fetched a message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { receiveMessage } from '../inbox/receive.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { type ToegangScenario, request315, toegangScenario } from '../test/toegang-scenario.ts'

describe.each(engines)('the mailbox over HTTP on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let http: HttpSessions
  const userIds = new Map<string, number>()
  const ids: Record<'m315' | 'm316' | 'm319', number> = { m315: 0, m316: 0, m319: 0 }
  const login = async (name: string, role: Parameters<typeof newUser>[2], scope: Parameters<typeof newUser>[3] = {}) => {
    const credentials = await newUser(database.db, s.region, role, scope)
    await http.login(name, credentials)
    userIds.set(name, (await database.db.selectFrom('app_user').select('id').where('username', '=', credentials.username).executeTakeFirstOrThrow()).id)
  }
  const xml = (who: string, id: number) => http.get(who, `/api/messages/${id}/xml`)
  const reasonOf = async (res: Response) => ((await res.json()) as { error: { reason: string } }).error.reason
  const auditOf = (who: string) => database.db.selectFrom('audit_log').select(['action', 'subject_type', 'subject_id', 'gemeente_id']).where('user_id', '=', userIds.get(who)!).orderBy('id').execute()
  const stateOf = async (id: number) => (await database.db.selectFrom('message').select(['state', 'downloaded_at']).where('id', '=', id).executeTakeFirstOrThrow())

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    http = httpSessions(database.db)
    const bunnik = s.region.gemeenten[1]!
    await login('team', 'lokaal_team', { gemeenteId: s.zeist.id })
    await login('bunnik', 'lokaal_team', { gemeenteId: bunnik.id })
    await login('gemeente', 'gemeente', { gemeenteId: s.zeist.id })
    await login('aanbieder', 'aanbieder', { providerId: s.providers[0]!.id })
    await login('aanbieder2', 'aanbieder', { providerId: s.providers[1]!.id })
    await login('toezicht', 'toezichthouder')
    await login('regio', 'regio')
    // A 315 of the first provider (answered with a 316), refused by the team with a 319.
    const received = await receiveMessage(database.db, s.region.regionId, request315(s, 'XML-1'), { at: { date: '2026-11-03', time: '09:00:00' } })
    expect(received.outcome).toBe('verwerkt')
    const [request] = (await (await http.get('team', '/api/requests')) .json()) as { id: number }[]
    expect((await http.post('team', `/api/requests/${request!.id}/refuse`, { reden: '7' })).status).toBe(200)
    const idOf = async (code: string) => (await database.db.selectFrom('message').select('id').where('region_id', '=', s.region.regionId).where('code', '=', code).executeTakeFirstOrThrow()).id
    ids.m315 = await idOf('315')
    ids.m316 = await idOf('316')
    ids.m319 = await idOf('319')
  })
  afterAll(() => database.dispose())

  it('gives the XML of a message that names a client only to the roles that may read personal data, each in its own scope', async () => {
    const own = await xml('team', ids.m315)
    expect(own.status).toBe(200)
    expect(await own.text()).toContain(s.bsn)
    // A gemeente's own users (beleid, financiën) may not read clients: no 315 or 316, but the 319 names none.
    for (const id of [ids.m315, ids.m316]) {
      const res = await xml('gemeente', id)
      expect(res.status).toBe(403)
      expect(await reasonOf(res)).toBe('message.personal_data')
    }
    expect((await xml('gemeente', ids.m319)).status).toBe(200)
    // The list says so beforehand, so the web app offers no download that would be refused.
    const listed = async (who: string) => Object.fromEntries((((await (await http.get(who, '/api/messages')).json()) as { items: { id: number; xmlAvailable: boolean }[] }).items).map((m) => [m.id, m.xmlAvailable]))
    expect(await listed('gemeente')).toMatchObject({ [ids.m315]: false, [ids.m316]: false, [ids.m319]: true })
    expect(await listed('team')).toMatchObject({ [ids.m315]: true, [ids.m316]: true, [ids.m319]: true })
    // Another gemeente's lokaal team, and another provider, do not even learn the message exists.
    expect((await xml('bunnik', ids.m315)).status).toBe(404)
    expect((await xml('aanbieder2', ids.m315)).status).toBe(404)
    expect((await xml('aanbieder2', ids.m316)).status).toBe(404)
    // The provider: what it sent, and the retours and answers sent to it.
    for (const id of [ids.m315, ids.m316, ids.m319]) expect((await xml('aanbieder', id)).status).toBe(200)
    expect((await xml('toezicht', ids.m315)).status).toBe(200)
    const regio = await xml('regio', ids.m315)
    expect(regio.status).toBe(403)
    expect(await reasonOf(regio)).toBe('role.not_permitted')
  })

  it('audits every XML read as the reader’s own line, the toezichthouder’s too; a refused read leaves none', async () => {
    const line = (id: number) => ({ action: 'message.xml', subject_type: 'message', subject_id: id, gemeente_id: s.zeist.id })
    expect(await auditOf('team')).toContainEqual(line(ids.m315))
    expect(await auditOf('toezicht')).toEqual([line(ids.m315)])
    expect(await auditOf('aanbieder')).toEqual([line(ids.m315), line(ids.m316), line(ids.m319)])
    expect(await auditOf('gemeente')).toEqual([line(ids.m319)])
    expect(await auditOf('bunnik')).toEqual([])
  })

  it('changes nothing when the XML is fetched; the provider marks a message fetched with a POST', async () => {
    expect((await xml('aanbieder', ids.m316)).status).toBe(200)
    expect(await stateOf(ids.m316)).toMatchObject({ state: 'klaar', downloaded_at: null })
    expect((await http.post('team', `/api/messages/${ids.m316}/fetched`, {})).status).toBe(403)
    expect((await http.post('aanbieder2', `/api/messages/${ids.m316}/fetched`, {})).status).toBe(404)
    const sent = await http.post('aanbieder', `/api/messages/${ids.m315}/fetched`, {})
    expect(sent.status).toBe(409)
    expect(await reasonOf(sent)).toBe('message.not_outgoing')

    const fetched = await http.post('aanbieder', `/api/messages/${ids.m316}/fetched`, {})
    expect(fetched.status).toBe(200)
    const answer = (await fetched.json()) as { state: string; downloadedAt: string }
    expect(answer).toMatchObject({ id: ids.m316, state: 'opgehaald', downloadedAt: expect.any(String) })
    // Said twice, it stays as it was the first time.
    expect(await (await http.post('aanbieder', `/api/messages/${ids.m316}/fetched`, {})).json()).toEqual(answer)
    const listed = ((await (await http.get('aanbieder', '/api/messages?direction=out')).json()) as { items: { id: number; state: string }[] }).items
    expect(listed.find((m) => m.id === ids.m316)?.state).toBe('opgehaald')
  })

  it('searches the messages in the caller\'s scope with filters, a sort and a page, and says how many match in all', async () => {
    type Page = { total: number; limit: number; offset: number; items: { id: number; name: string; identificatie: string; providerName: string }[] }
    const search = async (who: string, query: string) => (await (await http.get(who, `/api/messages?${query}`)).json()) as Page
    const all = await search('team', '')
    expect(all).toMatchObject({ total: 3, limit: 50, offset: 0 })
    expect(all.items.map((m) => m.id)).toEqual([ids.m319, ids.m316, ids.m315])
    expect((await search('team', 'type=315')).items.map((m) => m.id)).toEqual([ids.m315])
    expect((await search('team', 'direction=out&sort=id&dir=asc')).items.map((m) => m.id)).toEqual([ids.m316, ids.m319])
    const ident = all.items.find((m) => m.id === ids.m315)!.identificatie
    expect((await search('team', `identificatie=${encodeURIComponent(ident.toLowerCase())}`)).items.map((m) => m.id)).toContain(ids.m315)
    expect((await search('team', `provider=${s.providers[1]!.id}`)).total).toBe(0)
    expect((await search('team', 'from=2099-01-01')).total).toBe(0)
    const second = await search('team', 'limit=1&offset=1&sort=id&dir=asc')
    expect(second).toMatchObject({ total: 3, limit: 1, offset: 1 })
    expect(second.items.map((m) => m.id)).toEqual([ids.m316])
    // Another gemeente's team and another provider find nothing of it; the provider its own.
    expect((await search('bunnik', '')).total).toBe(0)
    expect((await search('aanbieder2', '')).total).toBe(0)
    expect((await search('aanbieder', '')).total).toBe(3)
    expect((await http.get('team', '/api/messages?limit=501')).status).toBe(422)
    expect((await http.get('team', '/api/messages?type=abc')).status).toBe(422)
    expect(await reasonOf(await http.get('team', '/api/messages?from=2026-12-01&to=2026-11-01'))).toBe('period.reversed')
  })

  it('downloads the whole search as CSV, not just a page', async () => {
    const res = await http.get('team', '/api/messages?format=csv&limit=1&direction=out')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    const lines = (await res.text()).trim().split('\r\n')
    expect(lines[0]).toContain('Identificatie')
    expect(lines).toHaveLength(3)
    // In the words of the page: a Dutch dagtekening and the state's label.
    expect(lines[1]).toMatch(/;\d{1,2}-\d{1,2}-\d{4};/)
    expect(lines.slice(1).every((l) => /;(verwerkt|afgekeurd|klaar om op te halen|opgehaald);/.test(l))).toBe(true)
    expect((await http.get('team', '/api/messages?format=xlsx')).headers.get('content-type')).toContain('spreadsheetml')
    // Another gemeente's team and another provider download the header alone; the provider its own three.
    const rows = async (who: string) => (await (await http.get(who, '/api/messages?format=csv')).text()).trim().split('\r\n').length - 1
    expect(await rows('bunnik')).toBe(0)
    expect(await rows('aanbieder2')).toBe(0)
    expect(await rows('aanbieder')).toBe(3)
  })
})

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
    const messages = ((await (await http.get('aanbieder', '/api/messages?direction=in')).json()) as { items: { id: number }[] }).items
    expect(messages).toHaveLength(1)
    const res = await http.get('aanbieder', `/api/messages/${messages[0]!.id}/xml`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="JW315_41000001_..__o__x.xml"; filename*=UTF-8''JW315_41000001_.._%22%C5%91%E2%82%AC%3Bx.xml`)
    expect(await res.text()).toContain('<')
  })
})
