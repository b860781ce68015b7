/**
 * The audit page (issue 17 §3): the privacy officer reads who read which client, when and why;
 * a gemeente only about its residents; the roles whose reads are recorded not at all — in the
 * route and again by row-level security (migration 0019).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { registerClient } from '../clients/client.queries.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { type ToegangScenario, toegangScenario } from '../test/toegang-scenario.ts'
import { today } from '../shared/dates.ts'

interface AuditAnswer {
  total: number
  lines: { userName: string | null; role: string | null; gemeente: string | null; action: string; reason: string; clientPseudonym: string | null; subject: string; at: string }[]
  actions: { action: string; reason: string }[]
}

describe.each(engines)('the audit page on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let http: HttpSessions
  let zeistPseudonym: string
  let bunnikClient: { id: number; pseudonym: string }
  const audit = async (who: string, query = '') => {
    const res = await http.get(who, `/api/audit${query}`)
    expect(res.status).toBe(200)
    return (await res.json()) as AuditAnswer
  }

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    http = httpSessions(database.db)
    const bunnik = s.region.gemeenten[1]!
    const bunnikTeam = s.region.actor('lokaal_team', { gemeenteId: bunnik.id })
    bunnikClient = await withActor(database.db, bunnikTeam, (trx) => registerClient(trx, bunnikTeam, { bsn: '123456782', birthDate: '2011-03-01', familyName: 'Jansen', gender: '2', postcode: '3981AB', huisnummer: 3 }))
    zeistPseudonym = (await database.db.selectFrom('client').select('pseudonym').where('id', '=', s.clientId).executeTakeFirstOrThrow()).pseudonym
    for (const [name, role, scope] of [
      ['team', 'lokaal_team', { gemeenteId: s.zeist.id }],
      ['bunnik', 'lokaal_team', { gemeenteId: bunnik.id }],
      ['toezicht', 'toezichthouder', {}],
      ['regio', 'regio', {}],
      ['zeist', 'gemeente', { gemeenteId: s.zeist.id }],
      ['aanbieder', 'aanbieder', { providerId: s.providers[0]!.id }],
    ] as const) {
      await http.login(name, await newUser(database.db, s.region, role, scope))
    }
    // The reads the page must show: a file and its gezag by Zeist's team, a file by the toezichthouder, Bunnik's own.
    expect((await http.get('team', `/api/clients/${s.clientId}/file`)).status).toBe(200)
    expect((await http.get('team', `/api/clients/${s.clientId}/gezag`)).status).toBe(200)
    expect((await http.get('toezicht', `/api/clients/${s.clientId}/file`)).status).toBe(200)
    expect((await http.get('bunnik', `/api/clients/${bunnikClient.id}/file`)).status).toBe(200)
  })
  afterAll(() => database.dispose())

  it('shows the region every read: who, which client by pseudonym, why — newest first, the toezichthouder\'s too', async () => {
    const page = await audit('regio')
    expect(page.total).toBe(4)
    expect(page.lines.map((l) => [l.role, l.action, l.clientPseudonym])).toEqual([
      ['lokaal_team', 'client.view', bunnikClient.pseudonym],
      ['toezichthouder', 'client.view', zeistPseudonym],
      ['lokaal_team', 'client.gezag', zeistPseudonym],
      ['lokaal_team', 'client.view', zeistPseudonym],
    ])
    expect(page.lines[1]).toMatchObject({ reason: 'Cliëntdossier geopend', gemeente: 'Zeist', subject: `cliënt #${s.clientId}` })
    expect(page.lines[1]!.userName).toEqual(expect.any(String))
    expect(page.actions).toContainEqual({ action: 'message.xml', reason: 'Bericht (XML met persoonsgegevens) gedownload' })
    // Names the client by pseudonym only: no BSN, no name in any line.
    const text = JSON.stringify(page)
    for (const secret of [s.bsn, '123456782', 'Jansen', 'Wit']) expect(text).not.toContain(secret)
  })

  it('answers "who read this person" and filters by day, action and page', async () => {
    expect((await audit('regio', `?client=${zeistPseudonym}`)).total).toBe(3)
    expect((await audit('regio', `?client=${zeistPseudonym}&action=client.gezag`)).lines.map((l) => l.action)).toEqual(['client.gezag'])
    const day = today()
    expect((await audit('regio', `?from=${day}&to=${day}`)).total).toBe(4)
    expect((await audit('regio', '?from=2000-01-01&to=2000-12-31')).total).toBe(0)
    const second = await audit('regio', '?limit=1&offset=1')
    expect([second.total, second.lines.length, second.lines[0]!.role]).toEqual([4, 1, 'toezichthouder'])
    const reversed = await http.get('regio', '/api/audit?from=2026-12-31&to=2026-01-01')
    expect(((await reversed.json()) as { error: { reason: string } }).error.reason).toBe('period.reversed')
  })

  it('sorts by another column, empty values last either way, then newest first; oldest first on request; the export in the same order', async () => {
    const roles = async (query: string) => (await audit('regio', query)).lines.map((l) => l.role)
    expect(await roles('?sort=role&dir=asc')).toEqual(['lokaal_team', 'lokaal_team', 'lokaal_team', 'toezichthouder'])
    expect(await roles('?sort=role&dir=desc')).toEqual(['toezichthouder', 'lokaal_team', 'lokaal_team', 'lokaal_team'])
    const oldest = await audit('regio', '?sort=at&dir=asc')
    expect(oldest.lines.map((l) => [l.action, l.clientPseudonym])).toEqual([
      ['client.view', zeistPseudonym],
      ['client.gezag', zeistPseudonym],
      ['client.view', zeistPseudonym],
      ['client.view', bunnikClient.pseudonym],
    ])
    const byGemeente = await audit('regio', '?sort=gemeente&dir=desc')
    expect(byGemeente.lines.map((l) => l.gemeente)).toEqual(['Zeist', 'Zeist', 'Zeist', s.region.gemeenten[1]!.name].sort((a, b) => b.localeCompare(a)))
    const csv = (await (await http.get('regio', '/api/audit?format=csv&sort=role&dir=desc')).text()).trim().split('\r\n')
    expect(csv[1]).toContain(';Toezichthouder rechtmatigheid;')
    expect((await http.get('regio', '/api/audit?sort=bsn')).status).toBe(422)
  })

  it('counts days in Dutch time: a read at 00:30 on 1 July in Zeist is a read of 1 July', async () => {
    const regionId = s.region.regionId
    await database.db.insertInto('audit_log').values({ region_id: regionId, at: '2026-06-30T22:30:00Z', user_id: null, action: 'client.view', subject_type: 'client', subject_id: s.clientId, gemeente_id: s.zeist.id, client_pseudonym: 'K-NACHT' }).execute()
    expect((await audit('regio', '?client=K-NACHT&from=2026-06-30&to=2026-06-30')).total).toBe(0)
    expect((await audit('regio', '?client=K-NACHT&from=2026-07-01&to=2026-07-01')).total).toBe(1)
    await database.db.deleteFrom('audit_log').where('client_pseudonym', '=', 'K-NACHT').execute()
  })

  it('shows a gemeente only the reads about its residents', async () => {
    const page = await audit('zeist')
    expect(page.total).toBe(3)
    expect(new Set(page.lines.map((l) => l.clientPseudonym))).toEqual(new Set([zeistPseudonym]))
    expect((await audit('zeist', `?client=${bunnikClient.pseudonym}`)).total).toBe(0)
    expect((await audit('zeist', `?gemeente=${s.region.gemeenten[1]!.id}`)).total).toBe(0)
  })

  it('is not for the roles whose reads it records, in the route and in the database', async () => {
    for (const who of ['team', 'toezicht', 'aanbieder']) expect((await http.get(who, '/api/audit')).status).toBe(403)
    for (const actor of [s.team, s.region.actor('toezichthouder'), s.region.actor('aanbieder', { providerId: s.providers[0]!.id })]) {
      expect(await withActor(database.db, actor, (trx) => trx.selectFrom('audit_log').select('id').execute())).toEqual([])
    }
    const zeist = s.region.actor('gemeente', { gemeenteId: s.zeist.id })
    const seen = await withActor(database.db, zeist, (trx) => trx.selectFrom('audit_log').select('gemeente_id').execute())
    expect(new Set(seen.map((l) => l.gemeente_id))).toEqual(new Set([s.zeist.id]))
  })

  it('exports the whole filter as CSV in Dutch, with the moment in Dutch time', async () => {
    const res = await http.get('regio', `/api/audit?format=csv&client=${zeistPseudonym}&limit=1`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('audit.csv')
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toBe('Tijdstip;Gebruiker;Rol;Gemeente;Waarom (handeling);Cliënt (pseudoniem);Onderwerp;Handeling (code)')
    // Every line of the filter, not one page of it.
    expect(lines).toHaveLength(4)
    expect(lines[1]).toMatch(/^\d{1,2}-\d{1,2}-\d{4} \d{2}:\d{2}:\d{2};/)
    expect(lines[1]).toContain(';Toezichthouder rechtmatigheid;Zeist;Cliëntdossier geopend;')
  })
})
