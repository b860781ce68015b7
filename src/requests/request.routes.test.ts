/**
 * The lokaal team's work queue over HTTP: who sees which requests, who answers them, and what
 * each answer leaves behind (a toewijzing and 301, a 319).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { type ToegangScenario, assessment, request315, toegangScenario } from '../test/toegang-scenario.ts'

type Who = 'team' | 'aanbieder' | 'aanbieder2' | 'regio' | 'gemeente' | 'toezicht'
interface Item { id: number; referentieAanbieder: string; status: string; clientName: string; birthDate: string | null; inOnderzoekOp: string | null; redenAfwijzing: string | null }

describe.each(engines)('the work queue of requests over HTTP on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let http: HttpSessions
  const list = async (who: Who, query = '') => (await (await http.get(who, `/api/requests${query}`)).json()) as Item[]
  const idOf = async (ref: string) => (await list('team')).find((r) => r.referentieAanbieder === ref)!.id
  const userIds = new Map<Who, number>()
  /** The request ids in `who`'s audit lines of list reads, in order (read on the system connection). */
  const listedInAudit = async (who: Who) =>
    (await database.db.selectFrom('audit_log').select(['subject_id', 'subject_type', 'action']).where('user_id', '=', userIds.get(who)!).orderBy('id').execute()).map((l) => `${l.action} ${l.subject_type} ${l.subject_id}`)
  const outgoing = (code: string) => withActor(database.db, s.team, async (trx) => (await trx.selectFrom('message').select('id').where('direction', '=', 'out').where('code', '=', code).execute()).length)

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    http = httpSessions(database.db)
    const login = async (who: Who, role: Parameters<typeof newUser>[2], scope: Parameters<typeof newUser>[3] = {}) => {
      const credentials = await newUser(database.db, s.region, role, scope)
      await http.login(who, credentials)
      userIds.set(who, (await database.db.selectFrom('app_user').select('id').where('username', '=', credentials.username).executeTakeFirstOrThrow()).id)
    }
    await login('team', 'lokaal_team', { gemeenteId: s.zeist.id })
    await login('aanbieder', 'aanbieder', { providerId: s.providers[0]!.id })
    await login('aanbieder2', 'aanbieder', { providerId: s.providers[1]!.id })
    await login('regio', 'regio')
    await login('gemeente', 'gemeente', { gemeenteId: s.zeist.id })
    await login('toezicht', 'toezichthouder')
    // One open request per provider and client (TR374): one from each awarded provider.
    for (const [ref, provider] of [['AANVRAAG-1', 0], ['AANVRAAG-2', 1]] as const) {
      const r = await receiveMessage(database.db, s.region.regionId, request315(s, ref, { provider }), { at: { date: '2026-11-03', time: '09:00:00' } })
      expect(r.outcome, JSON.stringify(r.problems)).toBe('verwerkt')
    }
  })
  afterAll(() => database.dispose())

  it('shows the gemeente’s requests to its lokaal team, a provider its own, and the region none', async () => {
    expect((await list('team')).map((r) => [r.referentieAanbieder, r.status, r.clientName]).sort()).toEqual([
      ['AANVRAAG-1', 'open', 'T de Wit'],
      ['AANVRAAG-2', 'open', 'T de Wit'],
    ])
    expect((await list('aanbieder')).map((r) => r.referentieAanbieder)).toEqual(['AANVRAAG-1'])
    expect((await list('aanbieder2')).map((r) => r.referentieAanbieder)).toEqual(['AANVRAAG-2'])
    expect((await http.get('regio', '/api/requests')).status).toBe(403)
    expect((await http.get('team', '/api/requests?status=unknown')).status).toBe(422)
  })

  it('names the client only to roles that may read personal data, and audits every request such a role is shown', async () => {
    const [one, two] = (await list('toezicht')).sort((a, b) => a.referentieAanbieder.localeCompare(b.referentieAanbieder))
    expect([one, two].map((r) => [r!.clientName, r!.birthDate])).toEqual([['T de Wit', '2012-02-14'], ['T de Wit', '2012-02-14']])
    expect((await listedInAudit('toezicht')).sort()).toEqual([`request.list care_request ${one!.id}`, `request.list care_request ${two!.id}`].sort())
    // A provider sees the names in its own requests (it sent them), audited as well.
    const before = (await listedInAudit('aanbieder')).length
    await list('aanbieder')
    expect((await listedInAudit('aanbieder')).slice(before)).toEqual([`request.list care_request ${one!.id}`])
    // A gemeente's own users (beleid, financiën) may not read clients: the queue without names or birth dates, and nothing to audit.
    const gemeente = await list('gemeente')
    expect(gemeente.map((r) => [r.referentieAanbieder, r.clientName, r.birthDate]).sort()).toEqual([['AANVRAAG-1', '', null], ['AANVRAAG-2', '', null]])
    expect(await listedInAudit('gemeente')).toEqual([])
  })

  it('leaves the answer to the lokaal team', async () => {
    const id = await idOf('AANVRAAG-1')
    expect((await http.post('aanbieder', `/api/requests/${id}/refuse`, { reden: '7' })).status).toBe(403)
    expect((await http.post('regio', `/api/requests/${id}/investigate`, {})).status).toBe(403)
    expect((await list('team', '?status=open')).map((r) => r.referentieAanbieder)).toContain('AANVRAAG-1')
  })

  it('answers "in onderzoek" with a 319 and keeps the request in the queue', async () => {
    const before = await outgoing('319')
    const res = await http.post('team', `/api/requests/${await idOf('AANVRAAG-1')}/investigate`, { note: 'Huisbezoek gepland' })
    expect(res.status).toBe(200)
    expect(await outgoing('319')).toBe(before + 1)
    const [item] = await list('team', '?status=in_onderzoek')
    expect(item).toMatchObject({ referentieAanbieder: 'AANVRAAG-1', inOnderzoekOp: expect.any(String) })
  })

  it('refuses with a 319 and its reason, and refuses an unknown reason by name', async () => {
    const id = await idOf('AANVRAAG-2')
    const unknown = await http.post('team', `/api/requests/${id}/refuse`, { reden: '99' })
    expect(unknown.status).toBe(422)
    const before = await outgoing('319')
    expect((await http.post('team', `/api/requests/${id}/refuse`, { reden: '7', note: 'Voorliggende voorziening volstaat' })).status).toBe(200)
    expect(await outgoing('319')).toBe(before + 1)
    expect((await list('team', '?status=afgewezen')).map((r) => [r.referentieAanbieder, r.redenAfwijzing])).toEqual([['AANVRAAG-2', '7']])
    // An answered request takes no second answer.
    expect((await http.post('team', `/api/requests/${id}/investigate`, {})).status).toBe(409)
  })

  it('approves a request in onderzoek with a toewijzing under the toegang rules and a 301', async () => {
    const id = await idOf('AANVRAAG-1')
    const body = { productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-05-31', omvang: { volume: 3, eenheid: '04', frequentie: '2' }, assessment }
    // Longer than the perspective allows (ontwikkeling: 9 months), without a justification: refused, nothing issued.
    const tooLong = await http.post('team', `/api/requests/${id}/approve`, { ...body, einddatum: '2027-12-31' })
    expect(tooLong.status).toBe(422)
    expect((await list('team', '?status=in_onderzoek')).map((r) => r.referentieAanbieder)).toEqual(['AANVRAAG-1'])
    const before = await outgoing('301')
    const approved = await http.post('team', `/api/requests/${id}/approve`, body)
    expect(approved.status).toBe(200)
    expect(await approved.json()).toMatchObject({ status: 'actief', toewijzingNummer: expect.any(Number) })
    expect(await outgoing('301')).toBe(before + 1)
    expect((await list('aanbieder', '?status=toegewezen')).map((r) => r.referentieAanbieder)).toEqual(['AANVRAAG-1'])
  })
})
