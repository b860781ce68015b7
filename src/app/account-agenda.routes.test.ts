/**
 * Contract management over HTTP on the tests' demo region (issue 20): the region's team plans,
 * prepares (the agenda), records and follows up a conversation; a provider sees its own account
 * and nothing of another's; the dossier PDF holds what it should (its text, by pdftotext) and its
 * pages are rendered with pdftoppm into e2e/output/dossier-<engine>-*.png to be looked at.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../demo/build-demo.ts'
import { engines, type TestDatabase } from '../test/databases.ts'
import { DEMO_BUILD_LIMIT, DEMO_TODAY, demoDatabase } from '../test/demo-database.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'

interface AccountLine { providerId: number; name: string; planning: { due: string | null } }

describe.each(engines)('account conversations over HTTP on %s', (engine) => {
  let database: TestDatabase
  let http: HttpSessions
  let ours: number
  let theirs: number

  beforeAll(async () => {
    const built = await demoDatabase(engine)
    database = built.database
    http = httpSessions(database.db)
    await http.login('regio', { username: built.demo.users.find((u) => u.role === 'regio')!.username, password: DEMO_PASSWORD })
    const provider = await database.db.selectFrom('app_user').where('role', '=', 'aanbieder').select(['username', 'provider_id']).orderBy('id').executeTakeFirstOrThrow()
    await http.login('aanbieder', { username: provider.username, password: DEMO_PASSWORD })
    ours = provider.provider_id!
    const lines = (await (await http.get('regio', '/api/accounts')).json()) as AccountLine[]
    theirs = lines.find((l) => l.providerId !== ours)!.providerId
  }, DEMO_BUILD_LIMIT)
  afterAll(() => database?.dispose())

  it('plans, prepares, records and follows up a conversation', async () => {
    const planned = await http.post('regio', `/api/accounts/${ours}/conversations`, { plannedOn: DEMO_TODAY, periodFrom: `${DEMO_TODAY.slice(0, 4)}-01-01`, periodTo: DEMO_TODAY })
    expect(planned.status).toBe(200)
    const conversation = (await planned.json()) as { id: number }
    const agenda = (await (await http.get('regio', `/api/conversations/${conversation.id}/agenda`)).json()) as { sections: { key: string; tables: { rows: string[][] }[] }[] }
    expect(agenda.sections.map((s) => s.key)).toEqual(['prestaties', 'budget', 'bestedingsruimte', 'signalen', 'integriteit', 'declaraties', 'wachttijden', 'uitkomsten', 'afspraken'])
    expect(agenda.sections.find((s) => s.key === 'budget')!.tables[0]!.rows.length).toBeGreaterThan(0)
    // The bestedingsruimte (art. 1.5) as its own page lists it for the provider, room by room.
    const rooms = (await (await http.get('regio', `/api/bestedingsruimte?jaar=${DEMO_TODAY.slice(0, 4)}&providerId=${ours}`)).json()) as { segment: string }[]
    expect(agenda.sections.find((s) => s.key === 'bestedingsruimte')!.tables[0]?.rows.map((r) => r[0]) ?? []).toEqual(rooms.map((r) => r.segment))
    // Integrity and financial health (issue 21 §5): the demo gives every provider a register and annual accounts.
    const integriteit = agenda.sections.find((s) => s.key === 'integriteit')!.tables[0]!.rows.map((r) => r[0])
    expect(integriteit).toContain('Jaarverantwoording')
    expect(integriteit).toContain('Vergelijking segment')
    const recorded = await http.post('regio', `/api/conversations/${conversation.id}/record`, {
      heldOn: DEMO_TODAY,
      present: 'Accounthouder regio; directeur aanbieder',
      notes: [{ item: 'budget', note: 'Prognose boven budget besproken' }],
      agreements: [{ what: 'Plan om binnen budget te blijven', party: 'aanbieder', person: 'directeur', dueOn: DEMO_TODAY, kpi: 'kosten_per_client' }],
    })
    expect(recorded.status).toBe(200)
    const detail = (await recorded.json()) as { agreements: { id: number; status: string }[]; notes: unknown[] }
    expect(detail.agreements[0]!.status).toBe('binnenkort')
    const refused = await http.post('regio', `/api/agreements/${detail.agreements[0]!.id}/close`, { note: '' })
    expect(((await refused.json()) as { error: { reason: string } }).error.reason).toBe('agreement.note_required')
    expect((await http.post('aanbieder', `/api/agreements/${detail.agreements[0]!.id}/provider-done`, { note: 'Plan verstuurd' })).status).toBe(200)
    const closed = await http.post('regio', `/api/agreements/${detail.agreements[0]!.id}/close`, { note: 'Plan ontvangen' })
    expect(((await closed.json()) as { status: string }).status).toBe('gesloten')

    // The provider reads the conversation without the team's notes, and its own agenda.
    const seen = (await (await http.get('aanbieder', `/api/conversations/${conversation.id}`)).json()) as { notes: unknown[]; agreements: unknown[] }
    expect(seen.notes).toEqual([])
    expect(seen.agreements).toHaveLength(1)
    const own = await http.get('aanbieder', `/api/conversations/${conversation.id}/agenda`)
    expect(own.status).toBe(200)
    // The integrity signals are internal: the provider's own agenda has its register, not the signals about it.
    const ownSections = ((await own.json()) as { sections: { key: string; tables: { rows: string[][] }[] }[] }).sections
    expect(ownSections.find((s) => s.key === 'integriteit')!.tables.flatMap((t) => t.rows).filter((r) => r[0]!.startsWith('Signaal'))).toEqual([])
  })

  it('makes the dossier PDF: cover, sections with KPI names and budget figures, the agreements; no BSN', async () => {
    const year = DEMO_TODAY.slice(0, 4)
    const res = await http.get('regio', `/api/accounts/${ours}/dossier?van=${year}-01&tot=${DEMO_TODAY.slice(0, 7)}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toMatch(/dossier-\d{8}-/)
    const pdf = new Uint8Array(await res.arrayBuffer())
    const out = fileURLToPath(new URL('../../e2e/output/', import.meta.url))
    mkdirSync(out, { recursive: true })
    const file = `${out}dossier-${engine}.pdf`
    writeFileSync(file, pdf)
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    const provider = await database.db.selectFrom('provider').where('id', '=', ours).select(['name', 'agb_code']).executeTakeFirstOrThrow()
    expect(text).toContain('Dossier contractmanagement')
    expect(text).toContain(provider.name)
    expect(text).toContain(`januari ${year}`)
    for (const heading of ['Samenvatting', 'Prestaties en doelen', 'Budget en prognose', 'Bestedingsruimte', 'Signalen en opvolging', 'Integriteit en financiële gezondheid', 'Declaraties', 'Wachttijden', 'Uitkomsten', 'Afspraken']) expect(text).toContain(heading)
    expect(text).toMatch(/Instroom|Uitval|Kosten per cliënt/)
    expect(text).toMatch(/Geraamd budget \d{4}: €/)
    expect(text).toContain('Plan om binnen budget te blijven')
    expect(text).toMatch(/Pagina 1 van \d+/)
    const bsns = (await database.db.selectFrom('client').select('bsn').execute()).map((r) => r.bsn)
    expect(bsns.filter((bsn) => text.replace(/\s/g, '').includes(bsn))).toEqual([])
    for (const old of readdirSync(out).filter((f) => f.startsWith(`dossier-${engine}-`))) rmSync(`${out}${old}`)
    execFileSync('pdftoppm', ['-png', '-r', '60', file, `${out}dossier-${engine}`])
    expect(readdirSync(out).filter((f) => f.startsWith(`dossier-${engine}-`) && f.endsWith('.png')).length).toBeGreaterThan(2)
  })

  it("shows a provider its own account and nothing of another's", async () => {
    const own = await http.get('aanbieder', `/api/accounts/${ours}`)
    expect(own.status).toBe(200)
    expect(((await own.json()) as { provider: { id: number } }).provider.id).toBe(ours)
    const list = (await (await http.get('aanbieder', '/api/accounts')).json()) as AccountLine[]
    expect(list.map((l) => l.providerId)).toEqual([ours])
    expect((await http.get('aanbieder', `/api/accounts/${theirs}`)).status).toBe(404)
    const year = DEMO_TODAY.slice(0, 4)
    expect((await http.get('aanbieder', `/api/accounts/${ours}/dossier?van=${year}-01&tot=${year}-02`)).status).toBe(200)
    expect((await http.get('aanbieder', `/api/accounts/${theirs}/dossier?van=${year}-01&tot=${year}-02`)).status).toBe(404)
    expect((await http.post('aanbieder', `/api/accounts/${ours}/conversations`, { plannedOn: DEMO_TODAY, periodFrom: DEMO_TODAY, periodTo: DEMO_TODAY })).status).toBe(403)
  })
})
