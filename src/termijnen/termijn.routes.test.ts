import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { receiveMessage } from '../inbox/receive.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type HttpSessions, httpSessions } from '../test/http-sessions.ts'
import { type ToegangScenario, providerMessage, toegangScenario } from '../test/toegang-scenario.ts'
import type { TermijnRij, TermijnScoreRij } from './termijn.queries.ts'

type Who = 'regio' | 'zeist' | 'bunnik' | 'aanbieder1' | 'aanbieder2' | 'lokaal_team' | 'toezicht'

interface OpenAnswer {
  aantallen: { soort: string; status: string; aantal: number }[]
  termijnen: TermijnRij[]
}
interface ScoreAnswer {
  aanbieders: TermijnScoreRij[]
  gemeenten: TermijnScoreRij[]
}

describe.each(engines)('chain deadlines over HTTP on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let http: HttpSessions
  const get = async <T>(who: Who, path: string) => {
    const res = await http.get(who, path)
    expect(res.status).toBe(200)
    return (await res.json()) as T
  }

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    http = httpSessions(database.db)
    const [zeist, bunnik] = s.region.gemeenten
    const users: Record<Who, Parameters<typeof newUser>> = {
      regio: [database.db, s.region, 'regio'],
      zeist: [database.db, s.region, 'gemeente', { gemeenteId: zeist!.id }],
      bunnik: [database.db, s.region, 'gemeente', { gemeenteId: bunnik!.id }],
      aanbieder1: [database.db, s.region, 'aanbieder', { providerId: s.providers[0]!.id }],
      aanbieder2: [database.db, s.region, 'aanbieder', { providerId: s.providers[1]!.id }],
      lokaal_team: [database.db, s.region, 'lokaal_team', { gemeenteId: zeist!.id }],
      toezicht: [database.db, s.region, 'toezichthouder'],
    }
    for (const [who, args] of Object.entries(users)) await http.login(who, await newUser(...args))
    // One 315 of provider 1 asking five products in separate months (a work item each, OP274), received Tue 3 Nov 2026 (dated Mon 2 Nov), none answered.
    const products = [1, 2, 3, 4, 5].map((month) => ({
      ReferentieAanbieder: `HTTP-${month}`,
      Product: { Categorie: '45', Code: '45A48' },
      ToewijzingIngangsdatum: `2027-0${month}-01`,
      ToewijzingEinddatum: `2027-0${month}-28`,
      Omvang: { Volume: '3', Eenheid: '04', Frequentie: '2' },
      Verwijzer: { Type: '02', ZorgverlenerCode: '01234567' },
    }))
    const bytes = providerMessage('315', s.providers[0]!.agb, s.zeist.cbsCode, { Bsn: s.bsn, Geboortedatum: { Datum: '2012-02-14' }, Geslacht: '1', Naam: { Geslachtsnaam: { Achternaam: 'Wit', Voorvoegsel: 'de' }, Voorletters: 'T' }, AangevraagdeProducten: { AangevraagdProduct: products } }, '2026-11-02')
    expect((await receiveMessage(database.db, s.region.regionId, bytes, { at: { date: '2026-11-03', time: '09:00:00' } })).problems).toEqual([])
  })
  afterAll(() => database.dispose())

  it('lists the running and passed deadlines in the asker’s scope, without a BSN', async () => {
    const zeist = await get<OpenAnswer>('zeist', '/api/termijnen?asOf=2026-11-12')
    expect(zeist.aantallen).toEqual([{ soort: 'antwoord_verzoek', status: 'verlopen', aantal: 5 }])
    expect(zeist.termijnen.map((t) => t.referentie).sort()).toEqual(['315 HTTP-1', '315 HTTP-2', '315 HTTP-3', '315 HTTP-4', '315 HTTP-5'])
    expect(zeist.termijnen[0]).toMatchObject({ deadline: '2026-11-10', status: 'verlopen', partij: 'gemeente', gemeente: 'Zeist', aanbieder: 'Aanbieder 1', naam: 'Antwoord op verzoek (301/319)' })
    expect(JSON.stringify(zeist)).not.toContain(s.bsn)
    expect((await get<OpenAnswer>('lokaal_team', '/api/termijnen?asOf=2026-11-12')).termijnen).toHaveLength(5)
    const region = await get<OpenAnswer>('regio', '/api/termijnen?asOf=2026-11-05&status=loopt')
    expect(region.termijnen).toHaveLength(5)
    expect(region.termijnen.every((t) => t.referentie === null && t.gemeente === 'Zeist')).toBe(true)
    expect((await get<OpenAnswer>('toezicht', '/api/termijnen?asOf=2026-11-05&kind=start_zorg')).termijnen).toEqual([])
  })

  it('shows a provider its own deadlines and a gemeente its own, nobody else’s', async () => {
    const own = await get<OpenAnswer>('aanbieder1', '/api/termijnen?asOf=2026-11-12')
    expect(own.termijnen).toHaveLength(5)
    expect(own.termijnen.every((t) => t.providerId === s.providers[0]!.id)).toBe(true)
    expect((await get<OpenAnswer>('aanbieder2', '/api/termijnen?asOf=2026-11-12')).termijnen).toEqual([])
    expect((await get<OpenAnswer>('bunnik', '/api/termijnen?asOf=2026-11-12')).termijnen).toEqual([])
    expect(await get<ScoreAnswer>('aanbieder2', '/api/termijnen/score?from=2026-11-01&to=2026-11-30&asOf=2026-11-30')).toMatchObject({ aanbieders: [], gemeenten: [] })
    expect(await get<ScoreAnswer>('bunnik', '/api/termijnen/score?from=2026-11-01&to=2026-11-30&asOf=2026-11-30')).toMatchObject({ aanbieders: [], gemeenten: [] })
  })

  it('scores the gemeente per kind over the period: six deadlines, one met; the single retour hidden, and so the answers beside it', async () => {
    const score = await get<ScoreAnswer>('zeist', '/api/termijnen/score?from=2026-11-01&to=2026-11-30&asOf=2026-11-30')
    expect(score.aanbieders).toEqual([])
    expect(score.gemeenten).toEqual([
      { soort: 'alle', partij: 'gemeente', partijId: s.zeist.id, naam: 'Zeist', termijnen: 6, gehaald: 1, percentage: 17, onderdrukt: false },
      { soort: 'antwoord_verzoek', partij: 'gemeente', partijId: s.zeist.id, naam: 'Zeist', termijnen: null, gehaald: null, percentage: null, onderdrukt: true },
      { soort: 'retour_gemeente', partij: 'gemeente', partijId: s.zeist.id, naam: 'Zeist', termijnen: null, gehaald: null, percentage: null, onderdrukt: true },
    ])
    // Before the deadlines passed nothing was due yet.
    expect((await get<ScoreAnswer>('regio', '/api/termijnen/score?from=2026-11-01&to=2026-11-30&asOf=2026-11-04')).gemeenten.filter((g) => g.soort === 'antwoord_verzoek')).toEqual([])
  })

  it('refuses a bad filter or period by name', async () => {
    const bad = await http.get('regio', '/api/termijnen?kind=betaling')
    expect(bad.status).toBe(422)
    expect((await http.get('regio', '/api/termijnen/score?asOf=2026-13-01')).status).toBe(422)
    const reversed = await http.get('regio', '/api/termijnen/score?from=2026-12-01&to=2026-11-01')
    expect(reversed.status).toBe(422)
    expect(((await reversed.json()) as { error: unknown }).error).toMatchObject({ reason: 'period.reversed', details: [{ path: 'to' }] })
  })
})
