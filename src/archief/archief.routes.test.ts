/** Observer mode over HTTP: the region's team switches and imports; others read the mode and the list, or are refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { zipArchive } from '../shared/zip.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { type ToegangScenario, request315, toegangScenario } from '../test/toegang-scenario.ts'

describe.each(engines)('/api/archief on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let http: HttpSessions

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    http = httpSessions(database.db)
    await http.login('regio', await newUser(database.db, s.region, 'regio'))
    await http.login('gemeente', await newUser(database.db, s.region, 'gemeente', { gemeenteId: s.zeist.id }))
    await http.login('aanbieder', await newUser(database.db, s.region, 'aanbieder', { providerId: s.providers[0]!.id }))
  })
  afterAll(() => database.dispose())

  const zip = () => zipArchive(new Map([['verzoek.xml', Buffer.from(request315(s, 'R9', { ident: 'RQ9' }))], ['kapot.xml', Buffer.from('<geen/>')]]), 8)

  it('shows the mode to a gemeente, and lets only the region switch it', async () => {
    expect(await (await http.get('gemeente', '/api/archief/modus')).json()).toEqual({ modus: 'antwoordend' })
    expect((await http.post('gemeente', '/api/archief/modus', { modus: 'waarnemend' })).status).toBe(403)
    expect((await http.send('aanbieder', '/api/archief/import', zip(), 'application/zip')).status).toBe(403)
  })

  it('refuses an import while the region answers, and changes nothing', async () => {
    const res = await http.send('regio', '/api/archief/import', zip(), 'application/zip')
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ error: { reason: 'archief.region_answers' } })
    expect(await withActor(database.db, s.team, (trx) => trx.selectFrom('care_request').select('id').execute())).toEqual([])
  })

  it('imports a zip in observer mode: applies the 315 without answering it, and lists the unreadable file', async () => {
    expect(await (await http.post('regio', '/api/archief/modus', { modus: 'waarnemend' })).json()).toEqual({ modus: 'waarnemend' })
    const res = await http.send('regio', '/api/archief/import', zip(), 'application/zip')
    expect(res.status).toBe(200)
    const summary = (await res.json()) as { perUitkomst: Record<string, number>; onverwerkt: { bron: string; redenCode: string }[] }
    expect(summary.perUitkomst).toMatchObject({ verwerkt: 1, onleesbaar: 1 })
    expect(summary.onverwerkt).toEqual([expect.objectContaining({ bron: 'archief.zip!kapot.xml', redenCode: 'onleesbaar' })])
    const messages = await withActor(database.db, s.team, (trx) => trx.selectFrom('message').select(['code', 'direction', 'modus']).execute())
    expect(messages).toEqual([{ code: '315', direction: 'in', modus: 'waarnemend' }])
    expect((await http.get('gemeente', '/api/archief/onverwerkt')).status).toBe(403)
    const listed = (await (await http.get('regio', '/api/archief/onverwerkt')).json()) as { bron: string; redenCode: string }[]
    expect(listed.map((o) => o.redenCode)).toEqual(['onleesbaar'])
  })
})
