import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { createProduct } from '../products/product.queries.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { declaratie323 } from '../test/declaratie-scenario.ts'
import { defaultInstruments, newSegment, newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { awardLot, createContract } from '../contracts/contract.queries.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'


describe.each(engines)('declarations over HTTP on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let http: HttpSessions
  let declaratieId: number
  const get = (who: string, path: string) => http.get(who, path)
  const post = (who: string, path: string, body: unknown) => http.post(who, path, body)
  const roles = { gemeente: 'gemeente', bunnik: 'gemeente', aanbieder: 'aanbieder', aanbieder2: 'aanbieder', regio: 'regio', toezicht: 'toezichthouder' } as const
  async function login(name: keyof typeof roles): Promise<void> {
    const scopes = { gemeente: { gemeenteId: s.zeist.id }, bunnik: { gemeenteId: s.region.gemeenten[1]!.id }, aanbieder: { providerId: s.providers[0]!.id }, aanbieder2: { providerId: s.providers[1]!.id }, regio: {}, toezicht: {} }
    await http.login(name, await newUser(database.db, s.region, roles[name], scopes[name]))
  }

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    http = httpSessions(database.db)
    const t = await withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-02-28', omvang: { volume: 2, eenheid: '04', frequentie: '4' } }, { at: { date: '2026-11-20', time: '09:00:00' } }))
    const regels = [
      { ref: 'A1', nummer: t.toewijzingNummer, bsn: s.bsn, begin: '2026-12-01', eind: '2026-12-31', volume: 2, tarief: 9000 },
      { ref: 'A2', nummer: t.toewijzingNummer, bsn: s.bsn, begin: '2027-01-01', eind: '2027-01-31', volume: 2, tarief: 9999 },
    ]
    const r = await receiveMessage(database.db, s.region.regionId, declaratie323({ agb: s.providers[0]!.agb, cbs: s.zeist.cbsCode, ident: 'H1', nummer: 'HDN1', maand: '2027-01', dagtekening: '2027-02-02', regels }), { at: { date: '2027-02-02', time: '09:00:00' } })
    declaratieId = r.declaratie!.id
    for (const name of ['gemeente', 'regio', 'aanbieder', 'aanbieder2', 'toezicht'] as const) await login(name)
  })
  afterAll(() => database.dispose())

  it('lists declarations with their status for the gemeente and the declaring provider only', async () => {
    const rows = (await (await get('gemeente', '/api/declaraties')).json()) as { id: number; status: string; toegekendCents: number }[]
    expect(rows).toEqual([expect.objectContaining({ id: declaratieId, status: 'deels_toegekend', toegekendCents: 18_000 })])
    expect(await (await get('aanbieder', '/api/declaraties')).json()).toHaveLength(1)
    expect(await (await get('aanbieder2', '/api/declaraties')).json()).toEqual([])
    expect((await get('regio', '/api/declaraties')).status).toBe(403)
    expect(await (await get('gemeente', `/api/declaraties/${declaratieId}`)).json()).toMatchObject({ id: declaratieId, status: 'deels_toegekend' })
    expect((await get('aanbieder2', `/api/declaraties/${declaratieId}`)).status).toBe(404)
  })

  it('keeps lines and realisation to their parties in the database too, for a query that forgets its scope', async () => {
    const count = (actor: Parameters<typeof withActor>[1], table: 'declaratie' | 'declaratie_regel' | 'realisatie_maand') => withActor(database.db, actor, async (trx) => (await trx.selectFrom(table).selectAll().execute()).length)
    const zeist = s.region.actor('gemeente', { gemeenteId: s.zeist.id })
    const bunnik = s.region.actor('gemeente', { gemeenteId: s.region.gemeenten[1]!.id })
    const declaring = s.region.actor('aanbieder', { providerId: s.providers[0]!.id })
    const other = s.region.actor('aanbieder', { providerId: s.providers[1]!.id })
    const regio = s.region.actor('regio')
    expect([await count(zeist, 'declaratie_regel'), await count(declaring, 'declaratie_regel')]).toEqual([2, 2])
    expect([await count(bunnik, 'declaratie_regel'), await count(other, 'declaratie_regel'), await count(regio, 'declaratie_regel'), await count(regio, 'declaratie')]).toEqual([0, 0, 0, 0])
    // The realisation is an aggregate without personal data: the region reads it, another gemeente not.
    expect([await count(regio, 'realisatie_maand'), await count(bunnik, 'realisatie_maand'), await count(other, 'realisatie_maand')]).toEqual([1, 0, 0])
  })

  it('drills down to the rejected lines with the reason in plain Dutch next to the retourcode, without a BSN', async () => {
    const res = await get('gemeente', `/api/declaraties/${declaratieId}/lines?rejected=ja`)
    const rows = (await res.json()) as { retourcodes: string[]; reden: string; client: string }[]
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ retourcodes: ['0611'], reden: '0611: Het ingediende tarief komt niet overeen met het contractuele tarief' })
    expect(JSON.stringify(rows)).not.toContain(s.bsn)
    expect((await get('aanbieder2', `/api/declaraties/${declaratieId}/lines`)).status).toBe(404)
  })

  it('exports every list as CSV and XLSX', async () => {
    const csv = await get('gemeente', '/api/declaraties?format=csv')
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.headers.get('content-disposition')).toContain('declaraties.csv')
    const text = await csv.text()
    expect(text).toContain('HDN1')
    expect(text).toContain(';180,00;deels toegekend')
    const xlsx = await get('gemeente', `/api/declaraties/${declaratieId}/lines?format=xlsx`)
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK')
    for (const path of ['/api/declaraties/realisation?group=provider&format=csv', '/api/declaraties/lawfulness-signals?format=csv', '/api/declaraties/samples?format=xlsx', '/api/declaraties/taakgericht-payments?format=csv']) {
      const who = path.startsWith('/api/declaraties/realisation') ? 'regio' : 'gemeente'
      expect((await get(who, path)).status, path).toBe(200)
    }
  })

  it('shows the region the realisation by any grouping, without rows of personal data', async () => {
    const rows = (await (await get('regio', '/api/declaraties/realisation?group=provider,maand,taakveld')).json()) as Record<string, unknown>[]
    expect(rows).toEqual([{ provider: s.providers[0]!.id, maand: '2026-12-01', taakveld: '6.72a', realisatieCents: 18_000, debetCents: 18_000, creditCents: 0, taakgerichtCents: 0 }])
    expect((await get('regio', '/api/declaraties/realisation?group=bsn')).status).toBe(422)
  })

  it('draws a reproducible sample and records what the controller found', async () => {
    const created = await post('gemeente', '/api/declaraties/samples', { maandVan: '2026-12', maandTot: '2027-01', omvang: 3, seed: 'controle-2027' })
    expect(created.status).toBe(201)
    const sample = (await created.json()) as { id: number; getrokken: number; populatieCents: number }
    expect(sample).toMatchObject({ getrokken: 1, populatieCents: 18_000 })
    const lines = (await (await get('gemeente', `/api/declaraties/samples/${sample.id}/lines`)).json()) as { id: number; aanbieder: string }[]
    expect(lines).toHaveLength(1)
    expect((await post('gemeente', `/api/declaraties/sample-lines/${lines[0]!.id}/finding`, { uitkomst: 'onrechtmatig', foutCents: 9000 })).status).toBe(422)
    expect((await post('gemeente', `/api/declaraties/sample-lines/${lines[0]!.id}/finding`, { uitkomst: 'onrechtmatig', foutCents: 90_000, toelichting: 'geen dossier' })).status).toBe(422)
    expect((await post('gemeente', `/api/declaraties/sample-lines/${lines[0]!.id}/finding`, { uitkomst: 'onrechtmatig', foutCents: 9000, toelichting: 'een uur niet aantoonbaar geleverd' })).status).toBe(200)
    const [listed] = (await (await get('gemeente', '/api/declaraties/samples')).json()) as { beoordeeld: number; foutCents: number; seed: string }[]
    expect(listed).toMatchObject({ beoordeeld: 1, foutCents: 9000, seed: 'controle-2027' })
    expect((await post('aanbieder', '/api/declaraties/samples', { maandVan: '2026-12', maandTot: '2026-12', omvang: 1 })).status).toBe(403)
  })

  it('lets the toezichthouder draw a sample from the declarations of a gemeente it names', async () => {
    const unnamed = await post('toezicht', '/api/declaraties/samples', { maandVan: '2026-12', maandTot: '2027-01', omvang: 1 })
    expect(unnamed.status).toBe(422)
    expect(await unnamed.json()).toMatchObject({ error: { reason: 'steekproef.gemeente_required', details: [{ path: 'gemeenteId', veld: 'gemeente' }] } })
    const created = await post('toezicht', '/api/declaraties/samples', { gemeenteId: s.zeist.id, maandVan: '2026-12', maandTot: '2027-01', omvang: 1, seed: 'toezicht' })
    expect(created.status).toBe(201)
    const drawn = (await created.json()) as { id: number }
    expect(drawn).toMatchObject({ getrokken: 1, populatieCents: 18_000 })
    // The list says whose declarations the sample holds, to the supervisor and to the gemeente.
    for (const who of ['toezicht', 'gemeente'] as const) {
      const listed = (await (await get(who, '/api/declaraties/samples')).json()) as { id: number; gemeente: string }[]
      expect(listed.find((l) => l.id === drawn.id), who).toMatchObject({ gemeente: 'Zeist' })
    }
    const csv = await (await get('toezicht', '/api/declaraties/samples?format=csv')).text()
    expect(csv.split('\r\n')[0]).toMatch(/^\uFEFF?Nr;Gemeente;Aanbieder;/)
    // A gemeente samples only its own declarations.
    const other = await post('gemeente', '/api/declaraties/samples', { gemeenteId: s.region.gemeenten[1]!.id, maandVan: '2026-12', maandTot: '2027-01', omvang: 1 })
    expect(await other.json()).toMatchObject({ error: { reason: 'steekproef.gemeente_only' } })
    expect((await post('regio', '/api/declaraties/samples', { gemeenteId: s.zeist.id, maandVan: '2026-12', maandTot: '2027-01', omvang: 1 })).status).toBe(403)
  })

  it('signals tariff mismatches and care declared without a start', async () => {
    const signals = (await (await get('gemeente', '/api/declaraties/lawfulness-signals')).json()) as { soort: string; regels: number }[]
    expect(signals).toEqual(expect.arrayContaining([expect.objectContaining({ soort: 'tariefafwijking', regels: 1 }), expect.objectContaining({ soort: 'zonder_start', regels: 1 })]))
  })

  it('records taakgericht payments, one by one or from CSV (all rows or none), as realisation', async () => {
    // Hulp bij het huishouden, bought taakgericht: one lump sum a month per provider.
    const code = 'wmo-hbh'
    const segmentId = await newSegment(database.db, s.region, { wet: 'wmo', code, instruments: { ...defaultInstruments, bekostiging: { ...defaultInstruments.bekostiging, variants: ['taakgericht'] } } })
    await withActor(database.db, s.region.actor('regio'), async (trx) => {
      await createProduct(trx, s.region.regionId, { segmentId, productcategorie: '01', productcode: null, name: 'Hulp bij het huishouden', eenheid: null, variant: 'taakgericht' })
      const contractId = await createContract(trx, s.region.regionId, { reference: 'HBH-2027', name: 'Huishoudelijke hulp', startDate: '2027-01-01', initialYears: 2, extensionOptions: [], segmentIds: [segmentId] })
      const lot = await trx.selectFrom('contract_lot').select('id').where('contract_id', '=', contractId).executeTakeFirstOrThrow()
      await awardLot(trx, s.region.regionId, { lotId: lot.id, providerId: s.providers[0]!.id, gemeenteIds: [s.zeist.id], validFrom: '2027-01-01', validTo: null })
    })
    expect((await post('gemeente', '/api/declaraties/taakgericht-payments', { providerId: s.providers[0]!.id, segmentId: s.segmentId, maand: '2027-01', bedragCents: 500_000 })).status).toBe(422)
    const one = await post('gemeente', '/api/declaraties/taakgericht-payments', { providerId: s.providers[0]!.id, segmentId, maand: '2027-01', bedragCents: 500_000 })
    expect(one.status).toBe(201)
    expect((await post('gemeente', '/api/declaraties/taakgericht-payments', { providerId: s.providers[2]!.id, segmentId, maand: '2027-01', bedragCents: 1 })).status).toBe(422)
    const segment = { code }
    const bad = `AGB-code;segment;maand;bedrag;omschrijving\n${s.providers[0]!.agb};${segment.code};2027-02;1.250,50;februari\n${s.providers[0]!.agb};${segment.code};2027-03;twaalf;maart\n`
    const refused = await post('gemeente', '/api/declaraties/taakgericht-payments/import', { csv: bad })
    expect(refused.status).toBe(422)
    expect(JSON.stringify(await refused.json())).toContain('row 3')
    const good = bad.replace('twaalf', '1250,5')
    expect((await post('gemeente', '/api/declaraties/taakgericht-payments/import', { csv: good })).status).toBe(201)
    const [total] = (await (await get('regio', '/api/declaraties/realisation')).json()) as { realisatieCents: number; taakgerichtCents: number }[]
    expect(total).toMatchObject({ taakgerichtCents: 500_000 + 125_050 + 125_050, realisatieCents: 18_000 + 750_100 })
  })
  it('takes a 323 uploaded by the provider, and refuses one a gemeente uploads for another gemeente', async () => {
    // Uploads are processed today: a toewijzing and a month in the past — for the second
    // provider, whose first declaration it is (the first declared 2027 already: TR318).
    const t = await withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[1]!.id, productId: s.dayProductId, ingangsdatum: '2026-09-01', einddatum: '2026-10-31', omvang: { volume: 2, eenheid: '16', frequentie: '4' } }, { at: { date: '2026-08-20', time: '09:00:00' } }))
    const bytes = declaratie323({ agb: s.providers[1]!.agb, cbs: s.zeist.cbsCode, ident: 'UP1', nummer: 'UP1', maand: '2026-10', dagtekening: '2026-11-04', regels: [{ ref: 'U1', nummer: t.toewijzingNummer, bsn: s.bsn, code: '45A53', eenheid: '16', begin: '2026-10-01', eind: '2026-10-31', volume: 2, tarief: 27_000 }] })
    const upload = (who: string) => http.send(who, '/api/messages', bytes, 'application/xml')
    // Another provider may not send it, nor another gemeente's user upload it.
    expect((await upload('aanbieder')).status).toBe(403)
    await login('bunnik')
    expect((await upload('bunnik')).status).toBe(403)
    const res = await upload('aanbieder2')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ message: 'JW323', outcome: 'verwerkt', retourCodes: ['8001'], declaratie: { goedgekeurd: 1, toegekendCents: 54_000 } })
  })
})
