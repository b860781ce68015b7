import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toXlsx } from '../shared/export.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { type ToegangScenario, toegangScenario } from '../test/toegang-scenario.ts'

const header = 'agb-code;boekjaar;opbrengsten;opbrengsten regio;personeelskosten;personeel niet in loondienst;resultaat;eigen vermogen;balanstotaal;vlottende activa;kortlopende schulden;dividend;betalingen verbonden partijen;ingediend op'

describe.each(engines)('the integrity register over HTTP on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let http: HttpSessions
  const get = (who: string, path: string) => http.get(who, path)
  const post = (who: string, path: string, body: unknown) => http.post(who, path, body)
  const json = async <T>(res: Response | Promise<Response>) => (await res).json() as Promise<T>

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    http = httpSessions(database.db)
    const scopes = { gemeente: { gemeenteId: s.zeist.id }, aanbieder: { providerId: s.providers[0]!.id }, regio: {}, toezichthouder: {} }
    for (const role of ['gemeente', 'regio', 'aanbieder', 'toezichthouder'] as const) await http.login(role, await newUser(database.db, s.region, role, scopes[role]))
    await http.login('aanbieder2', await newUser(database.db, s.region, 'aanbieder', { providerId: s.providers[1]!.id }))
  })
  afterAll(() => database.dispose())

  it('imports annual accounts all or nothing, computes the ratios, and raises the profit signal', async () => {
    const [a, b] = s.providers
    const bad = await post('regio', '/api/integriteit/jaarrekeningen/import', { bestandsnaam: 'digimv.csv', csv: `${header}\n${a!.agb};2025;1.000.000;600.000;600.000;200.000;80.000;150.000;500.000;300.000;250.000;40.000;10.000;15-05-2026\n${b!.agb};2025;veel;1;1;0;1;1;1;1;1;0;0;` })
    expect(bad.status).toBe(422)
    const error = ((await bad.json()) as { error: { reason: string; details: { path: string; melding: string }[] } }).error
    expect(error.reason).toBe('import.row_invalid')
    expect(error.details[0]).toMatchObject({ path: 'row 3/opbrengsten', melding: expect.stringContaining("Regel 3: 'veel' in de kolom opbrengsten is geen bedrag") })
    expect(await json<unknown[]>(get('regio', `/api/integriteit/providers/${a!.id}`)).then((x) => (x as unknown as { jaarrekeningen: unknown[] }).jaarrekeningen)).toEqual([])

    const ok = await post('regio', '/api/integriteit/jaarrekeningen/import', { bestandsnaam: 'digimv.csv', csv: `${header}\n${a!.agb};2025;1.000.000;600.000;600.000;200.000;80.000;150.000;500.000;300.000;250.000;40.000;10.000;15-05-2026` })
    expect(await ok.json()).toEqual({ rows: 1, providers: [a!.id] })
    const sectie = await json<{ jaarrekeningen: { jaar: number; omzetCents: number; ratios: Record<string, number> }[]; signalen: { soort: string }[] }>(get('regio', `/api/integriteit/providers/${a!.id}`))
    expect(sectie.jaarrekeningen).toEqual([expect.objectContaining({ jaar: 2025, omzetCents: 1_000_000_00, ratios: { marge: 0.08, solvabiliteit: 0.3, currentRatio: 1.2, aandeelRegio: 0.6, aandeelInhuur: 0.25 } })])
    // The import refreshed the signals after its commit: 8 % profit is above the default 5 %.
    expect(sectie.signalen.map((x) => x.soort)).toContain('winst_boven_maximum')
    // XLSX in the same layout.
    const columns = header.split(';').map((h, i) => ({ header: h, kind: i === 0 || i === 13 ? ('text' as const) : ('number' as const), value: (r: (string | number)[]) => r[i] }))
    const xlsx = Buffer.from(await toXlsx(columns, [[b!.agb, 2025, 500_000, 300_000, 400_000, 0, 5_000, 20_000, 200_000, 50_000, 100_000, 0, 0, '2026-05-20']], 'Jaarverantwoording')).toString('base64')
    expect(await json(post('toezichthouder', '/api/integriteit/jaarrekeningen/import', { bestandsnaam: 'digimv.xlsx', xlsxBase64: xlsx }))).toEqual({ rows: 1, providers: [b!.id] })
    const signals = await json<{ soort: string; providerId: number }[]>(get('regio', `/api/integriteit/signals?providerId=${b!.id}`))
    expect(signals.map((x) => x.soort).sort()).toEqual(['liquiditeit_laag', 'solvabiliteit_laag', 'ubo_ontbreekt'])
  })

  it('lets a provider complete its own register and see nothing of others', async () => {
    const [a, b] = s.providers
    const ubo = { providerId: a!.id, soort: 'ubo', datum: '2026-11-01', document: 'UBO-uittreksel KvK 2026-11', gegevens: { identiteitVastgesteld: true, personen: [{ naam: 'Anna de Vries', geboortedatum: '1975-03-12' }] } }
    expect((await post('aanbieder', '/api/integriteit/entries', ubo)).status).toBe(201)
    expect((await post('aanbieder', '/api/integriteit/entries', { ...ubo, providerId: b!.id })).status).toBe(403)
    expect((await post('aanbieder', '/api/integriteit/entries', { providerId: a!.id, soort: 'bibob', datum: '2026-11-01', gegevens: { lbbAdvies: 'geen_gevaar', uitkomst: 'positief' } })).status).toBe(403)
    expect((await get('aanbieder', `/api/integriteit/providers/${b!.id}`)).status).toBe(404)
    const list = await json<{ id: number }[]>(get('aanbieder', '/api/integriteit/providers'))
    expect(list.map((p) => p.id)).toEqual([a!.id])
    const own = await json<{ registraties: { vastgelegdDoor: string }[]; signalen: unknown[]; vergelijking: unknown[] }>(get('aanbieder', `/api/integriteit/providers/${a!.id}`))
    expect(own.registraties).toHaveLength(1)
    expect(own.signalen).toEqual([])
    expect(own.vergelijking).toEqual([])
    expect((await get('aanbieder', '/api/integriteit/signals')).status).toBe(403)
    // The other provider's import of our figures is refused at its row.
    const res = await post('aanbieder2', '/api/integriteit/jaarrekeningen/import', { bestandsnaam: 'x.csv', csv: `${header}\n${a!.agb};2024;1;1;1;0;1;1;1;1;1;0;0;` })
    expect(res.status).toBe(422)
    // A gemeente reads the register and the signals, and records nothing.
    expect((await get('gemeente', `/api/integriteit/providers/${a!.id}`)).status).toBe(200)
    expect((await post('gemeente', '/api/integriteit/entries', ubo)).status).toBe(403)
  })

  it('follows a signal, suspends payments on a missing UBO, opens an investigation, and exports the section', async () => {
    const [, b] = s.providers
    const [signal] = await json<{ id: number; betalingOpschorten: boolean }[]>(get('regio', `/api/integriteit/signals?soort=ubo_ontbreekt&providerId=${b!.id}`))
    expect(signal!.betalingOpschorten).toBe(true)
    const owners = await json<{ id: number }[]>(get('toezichthouder', '/api/integriteit/owners'))
    expect((await post('gemeente', `/api/integriteit/signals/${signal!.id}/acknowledge`, { notitie: 'x', eigenaarId: owners[0]!.id })).status).toBe(403)
    expect((await post('toezichthouder', `/api/integriteit/signals/${signal!.id}/acknowledge`, { notitie: 'UBO opvragen', eigenaarId: owners[0]!.id })).status).toBe(200)
    expect((await post('regio', `/api/integriteit/signals/${signal!.id}/close`, { notitie: 'UBO ontvangen' })).status).toBe(200)

    const opened = await post('toezichthouder', '/api/integriteit/onderzoeken', { providerId: b!.id, titel: 'Onderzoek UBO', signaalId: signal!.id, vraagAanAanbieder: 'Lever het UBO-uittreksel aan binnen 14 dagen.' })
    expect(opened.status).toBe(201)
    const { id } = (await opened.json()) as { id: number }
    expect((await post('regio', `/api/integriteit/onderzoeken/${id}/stappen`, { soort: 'maatregel', tekst: 'Terugvordering', terugvorderingCents: 12_345 })).status).toBe(200)
    expect((await post('regio', `/api/integriteit/onderzoeken/${id}/stappen`, { soort: 'stap', tekst: 'x', terugvorderingCents: 1 })).status).toBe(422)
    const detail = await json<{ stappen: unknown[]; terugvorderingCents: number }>(get('regio', `/api/integriteit/onderzoeken/${id}`))
    expect(detail).toMatchObject({ terugvorderingCents: 12_345, stappen: [expect.objectContaining({ soort: 'maatregel' })] })
    // The provider sees the question and nothing internal; another provider nothing.
    const theirs = await json<Record<string, unknown>>(get('aanbieder2', `/api/integriteit/onderzoeken/${id}`))
    expect(Object.keys(theirs).sort()).toEqual(['geopendOp', 'id', 'providerId', 'status', 'vraagAanAanbieder'])
    expect((await get('aanbieder', `/api/integriteit/onderzoeken/${id}`)).status).toBe(404)
    expect((await post('regio', `/api/integriteit/onderzoeken/${id}/afronden`, { conclusie: 'Afgerond na aanlevering' })).status).toBe(200)
    expect((await post('regio', `/api/integriteit/onderzoeken/${id}/stappen`, { soort: 'stap', tekst: 'te laat' })).status).toBe(409)

    const csv = await (await get('gemeente', `/api/integriteit/providers/${b!.id}/export?format=csv`)).text()
    expect(csv).toContain('Onderdeel;Datum of jaar;Omschrijving;Waarde of document;Vastgelegd door / bron')
    expect(csv).toContain('Betaling opschorten (art. 3.15);ja')
    expect(csv).toContain('Jaarverantwoording;2025')
  })
  it('holds the profit against the maximum of the contract running that year, set by the region, the region’s setting otherwise', async () => {
    const [a] = s.providers
    const [contract] = await json<{ id: number; reference: string; maxWinstPct: number | null }[]>(get('regio', '/api/contracts'))
    expect(contract).toMatchObject({ reference: 'T-2026', maxWinstPct: null })
    // Profit € 80.000 on € 1.000.000 in 2026 (8 %), under the award of T-2026 (from 1 January 2026).
    expect((await post('regio', '/api/integriteit/jaarrekeningen/import', { bestandsnaam: 'digimv.csv', csv: `${header}\n${a!.agb};2026;1.000.000;600.000;600.000;200.000;80.000;150.000;500.000;300.000;250.000;0;0;15-05-2027` })).status).toBe(200)
    const winst = async () => {
      const sectie = await json<{ jaarrekeningen: { jaar: number; maxWinst: { maxWinstPct: number; bron: string; contract?: string; boven: boolean } }[] }>(get('regio', `/api/integriteit/providers/${a!.id}`))
      const signals = await json<{ sleutel: string; actueel: boolean; titel: string }[]>(get('regio', `/api/integriteit/signals?soort=winst_boven_maximum&providerId=${a!.id}`))
      return { max: Object.fromEntries(sectie.jaarrekeningen.map((j) => [j.jaar, j.maxWinst])), actueel: signals.filter((x) => x.actueel).map((x) => x.sleutel).sort(), signals }
    }
    // Without a contract maximum: the region's 5 % for both years, both above it.
    let now = await winst()
    expect(now.max[2026]).toEqual({ maxWinstPct: 5, bron: 'regio', tekst: expect.stringMatching(/^5\s%\s\(regio-instelling\)$/), boven: true })
    expect(now.actueel).toEqual(['2025', '2026'])
    // Only the region's team sets it; a wrong value is refused in Dutch and changes nothing.
    expect((await post('gemeente', '/api/contracts/max-winst', { contractId: contract!.id, maxWinstPct: 10 })).status).toBe(403)
    expect((await post('aanbieder', '/api/contracts/max-winst', { contractId: contract!.id, maxWinstPct: 10 })).status).toBe(403)
    const wrong = await post('regio', '/api/contracts/max-winst', { contractId: contract!.id, maxWinstPct: 150 })
    expect(wrong.status).toBe(422)
    expect(((await wrong.json()) as { error: { details: { path: string; melding: string }[] } }).error.details).toEqual([expect.objectContaining({ path: 'maxWinstPct', melding: 'Maximale winst mag hoogstens 100 zijn.' })])
    expect((await post('regio', '/api/contracts/max-winst', { contractId: 999_999, maxWinstPct: 10 })).status).toBe(404)
    // T-2026 allows 10 %: the 2026 account (8 %) is within it; 2025 (no award yet) stays at the region's 5 %.
    expect((await post('regio', '/api/contracts/max-winst', { contractId: contract!.id, maxWinstPct: 10 })).status).toBe(200)
    expect((await json<{ maxWinstPct: number | null }[]>(get('aanbieder', '/api/contracts')))[0]!.maxWinstPct).toBe(10)
    now = await winst()
    expect(now.max[2026]).toMatchObject({ maxWinstPct: 10, bron: 'contract', contract: 'T-2026', boven: false })
    expect(now.max[2025]).toMatchObject({ maxWinstPct: 5, bron: 'regio', boven: true })
    expect(now.actueel).toEqual(['2025'])
    // 6 %: 8 % is above it again, and the signal names the contract's maximum.
    expect((await post('regio', '/api/contracts/max-winst', { contractId: contract!.id, maxWinstPct: 6 })).status).toBe(200)
    now = await winst()
    expect(now.actueel).toEqual(['2025', '2026'])
    expect(now.signals.find((x) => x.sleutel === '2026')!.titel).toMatch(/boven het maximum van 6\s% \(contract T-2026\)$/)
    // The provider sees the maximum that holds for it in its own section, and the export says it.
    const own = await json<{ jaarrekeningen: { jaar: number; maxWinst: { tekst: string } }[] }>(get('aanbieder', `/api/integriteit/providers/${a!.id}`))
    expect(own.jaarrekeningen.find((j) => j.jaar === 2026)!.maxWinst.tekst).toMatch(/^6\s%\s\(contract T-2026\)$/)
    expect(await (await get('regio', `/api/integriteit/providers/${a!.id}/export?format=csv`)).text()).toMatch(/maximale winst 6\s%\s\(contract T-2026\), overschreden/)
    // Cleared: the region's setting again.
    expect((await post('regio', '/api/contracts/max-winst', { contractId: contract!.id, maxWinstPct: null })).status).toBe(200)
    expect((await winst()).max[2026]).toMatchObject({ maxWinstPct: 5, bron: 'regio' })
  })
})
