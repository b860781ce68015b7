import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../auth/actor.ts'
import { listBudgetSignals, refreshBudgetSignals } from '../budgets/signal.queries.ts'
import { registerClient } from '../clients/client.queries.ts'
import { clientFile } from '../clients/client-file.queries.ts'
import { withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { bsnOf } from '../istandaarden/testing/generate-323.ts'
import { importMeasurements } from '../outcomes/measurement-import.ts'
import { outcomeWorklist, recordMeasurement } from '../outcomes/measurement.queries.ts'
import { providerScorecard } from '../app/scorecard.queries.ts'
import { segmentOverview } from '../app/segment-overview.queries.ts'
import { csvRows } from '../shared/spreadsheet.ts'
import { createTarget, measuredTargets, refreshTargetSignals } from '../targets/target.queries.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type ToegangScenario, providerMessage, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { kpiDefinitions } from './kpi.rules.ts'
import { kpiRows, loadKpiFacts } from './kpi.queries.ts'
import { trajecten } from './traject.queries.ts'

const PEILDATUM = '2026-10-31'
const PERIOD = { from: '2026-01-01', to: '2026-10-31' }
const assessment = { perspective: 'stabiliteit' as const, complexity: 'enkelvoudig' as const, intensity: 'middel' as const, goals: [{ description: 'Naar school', domain: 'ontwikkeling' as const, t1: 2 }] }

/**
 * Six clients of Zeist in one segment, two providers (P0, P1), 2026:
 *   c1 P0 01-01–03-31 stopped 31 (volgens plan), then P0 04-01–06-30 at a quarter of the volume (afschaling)
 *   c2 P0 01-15–02-28 stopped early on 02-10 (33), new care with P1 05-01–07-31 (re-entry)
 *   c3 P0 02-01–04-30 stopped 31, then P1 05-05–08-31 (a switch)
 *   c4 P1 03-01–12-31, still in care
 *   c5 P0 03-01–05-31, no 307
 *   c6 P0 06-01–09-30, started (305) on 06-03
 */
describe.each(engines)('KPIs, outcomes and targets from the ledger on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let regio: Actor
  let p0: Actor
  let p1: Actor
  const ids: Record<string, number> = {}
  const nummers: Record<string, number> = {}
  const clients: { id: number; bsn: string }[] = []

  const clientXml = (i: number) => ({ Bsn: clients[i]!.bsn, Geboortedatum: { Datum: '2012-02-14' }, Geslacht: '1', Naam: { Geslachtsnaam: { Achternaam: `Client${i}` }, Voorletters: 'K' } })
  async function issue(key: string, client: number, provider: number, ingangsdatum: string, einddatum: string, volume = 4) {
    const t = await withActor(database.db, s.team, (trx) =>
      issueToewijzing(trx, s.team, { clientId: clients[client]!.id, assessment, providerId: s.providers[provider]!.id, productId: s.productId, ingangsdatum, einddatum, omvang: { volume, eenheid: '04', frequentie: '4' } }, { at: { date: '2025-12-15', time: `09:${String(Object.keys(ids).length).padStart(2, '0')}:00` } }),
    )
    ids[key] = t.id
    nummers[key] = t.toewijzingNummer
  }
  async function message(code: '305' | '307', key: string, client: number, provider: number, ingangsdatum: string, fields: Record<string, string>, on: string) {
    const item = { ToewijzingNummer: String(nummers[key]), Product: { Categorie: '45', Code: '45A48' }, ToewijzingIngangsdatum: ingangsdatum, StatusAanlevering: '1', ...fields }
    const bytes = providerMessage(code, s.providers[provider]!.agb, s.zeist.cbsCode, { ...clientXml(client), ...(code === '305' ? { StartProducten: { StartProduct: [item] } } : { StopProducten: { StopProduct: [item] } }) }, on)
    const r = await receiveMessage(database.db, s.region.regionId, bytes, { at: { date: on, time: '10:00:00' } })
    expect(r, JSON.stringify(r.problems)).toMatchObject({ outcome: 'verwerkt' })
  }

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    regio = s.region.actor('regio')
    p0 = s.region.actor('aanbieder', { providerId: s.providers[0]!.id })
    p1 = s.region.actor('aanbieder', { providerId: s.providers[1]!.id })
    await withActor(database.db, s.team, async (trx) => {
      for (let i = 0; i < 6; i++) {
        const bsn = bsnOf(700 + i)
        clients.push({ id: (await registerClient(trx, s.team, { bsn, birthDate: '2012-02-14', familyName: `Client${i}`, initials: 'K', gender: '1', postcode: '3701AB', huisnummer: 10 + i })).id, bsn })
      }
    })
    await issue('c1a', 0, 0, '2026-01-01', '2026-03-31')
    await issue('c1b', 0, 0, '2026-04-01', '2026-06-30', 1)
    await issue('c2a', 1, 0, '2026-01-15', '2026-02-28')
    await issue('c2b', 1, 1, '2026-05-01', '2026-07-31')
    await issue('c3a', 2, 0, '2026-02-01', '2026-04-30')
    await issue('c3b', 2, 1, '2026-05-05', '2026-08-31')
    await issue('c4', 3, 1, '2026-03-01', '2026-12-31')
    await issue('c5', 4, 0, '2026-03-01', '2026-05-31')
    await issue('c6', 5, 0, '2026-06-01', '2026-09-30')
    await message('305', 'c1a', 0, 0, '2026-01-01', { Begindatum: '2026-01-01' }, '2026-01-05')
    await message('307', 'c1a', 0, 0, '2026-01-01', { Begindatum: '2026-01-01', RedenBeeindiging: '31', Einddatum: '2026-03-31' }, '2026-04-02')
    await message('305', 'c2a', 1, 0, '2026-01-15', { Begindatum: '2026-01-15' }, '2026-01-16')
    await message('307', 'c2a', 1, 0, '2026-01-15', { Begindatum: '2026-01-15', RedenBeeindiging: '33', Einddatum: '2026-02-10' }, '2026-02-12')
    await message('305', 'c3a', 2, 0, '2026-02-01', { Begindatum: '2026-02-01' }, '2026-02-03')
    await message('307', 'c3a', 2, 0, '2026-02-01', { Begindatum: '2026-02-01', RedenBeeindiging: '31', Einddatum: '2026-04-30' }, '2026-05-01')
    await message('305', 'c6', 5, 0, '2026-06-01', { Begindatum: '2026-06-03' }, '2026-06-04')
  })
  afterAll(() => database.dispose())

  const byKey = async (actor: Actor) => {
    const rows = await withActor(database.db, actor, (trx) => trajecten(trx, PEILDATUM))
    return Object.fromEntries(Object.entries(ids).flatMap(([k, id]) => rows.filter((r) => r.id === id).map((r) => [k, r])))
  }

  it('reads every traject with its care dates, reason and what followed', async () => {
    const t = await byKey(regio)
    expect(Object.keys(t).sort()).toEqual(['c1a', 'c1b', 'c2a', 'c2b', 'c3a', 'c3b', 'c4', 'c5', 'c6'])
    expect(t.c1a).toMatchObject({ begin: '2026-01-01', eind: '2026-03-31', reden: '31', doorlopend: true, herstart: '2026-04-01', volgende: { begin: '2026-04-01', providerId: s.providers[0]!.id } })
    expect(t.c1a!.volgende!.perDagCents).toBeLessThan(t.c1a!.perDagCents)
    expect(t.c2a).toMatchObject({ begin: '2026-01-15', eind: '2026-02-10', reden: '33', doorlopend: false, herstart: '2026-05-01', volgende: null })
    expect(t.c3a).toMatchObject({ eind: '2026-04-30', doorlopend: false, herstart: '2026-05-05', volgende: { begin: '2026-05-05', providerId: s.providers[1]!.id, segmentId: s.segmentId } })
    expect(t.c5).toMatchObject({ begin: '2026-03-01', eind: '2026-05-31', reden: null, gestartOp: null })
    expect(t.c6).toMatchObject({ begin: '2026-06-03', eind: '2026-09-30', gestartOp: '2026-06-03', toegewezenOp: '2025-12-15' })
    // Clients are numbers that mean nothing outside the call, the same for one client's trajecten.
    expect(t.c1a!.client).toBe(t.c1b!.client)
    expect(t.c1a!.client).not.toBe(t.c2a!.client)
  })

  it("shows a provider its own trajecten, with what followed elsewhere, and another gemeente none", async () => {
    const own = await byKey(p0)
    expect(Object.keys(own).sort()).toEqual(['c1a', 'c1b', 'c2a', 'c3a', 'c5', 'c6'])
    expect(own.c3a!.volgende!.providerId).toBe(s.providers[1]!.id)
    expect(own.c2a!.herstart).toBe('2026-05-01')
    expect(Object.keys(await byKey(p1)).sort()).toEqual(['c2b', 'c3b', 'c4'])
    // A provider reads the goals of its own clients' beschikkingen (it scores them at T2), no others.
    const goalsOf = (actor: Actor) => withActor(database.db, actor, (trx) => trx.selectFrom('beschikking').select('id').orderBy('id').execute())
    const beschikkingOf = await database.db.selectFrom('toewijzing').select(['id', 'beschikking_id']).execute()
    const expected = (keys: string[]) => [...new Set(keys.map((k) => beschikkingOf.find((t) => t.id === ids[k])!.beschikking_id))].sort((a, b) => a - b)
    expect((await goalsOf(p1)).map((b) => b.id)).toEqual(expected(['c2b', 'c3b', 'c4']))
    expect(await byKey(s.region.actor('gemeente', { gemeenteId: s.region.gemeenten[1]!.id }))).toEqual({})
  })

  it('computes the KPIs of the segment and per provider from them', async () => {
    const facts = await withActor(database.db, regio, (trx) => loadKpiFacts(trx, regio, PEILDATUM, PERIOD.from))
    const [total] = kpiRows(facts, PERIOD, [])
    // Episodes: c1 01-01–06-30; c2 01-15–02-10 and 05-01–07-31; c3 02-01–04-30 and 05-05–08-31; c4 03-01–12-31; c5; c6.
    expect(total!.waarden.in_zorg.waarde).toBe(6)
    expect(total!.waarden.instroom.waarde).toBe(8)
    expect(total!.waarden.in_zorg_begin.waarde).toBe(0)
    expect(total!.waarden.in_zorg_einde.onderdrukt).toBe(true) // c4 alone
    // 0 + 8 instroom = 7 uitstroom + 1 at the end: uitstroom (7) would give the suppressed 1 away, so it is suppressed with it.
    expect(total!.waarden.uitstroom.onderdrukt).toBe(true)
    expect(total!.waarden.trajecten.waarde).toBe(9)
    const raw = (code: string, g = facts) => kpiDefinitions.find((k) => k.code === code)!.measure({ trajecten: g.trajecten, episodes: [], geld: g.geld, budgetten: [] }, PERIOD, PEILDATUM)
    expect(raw('uitval')).toEqual({ waarde: 33.3, n: 3 }) // c2a of c1a, c2a, c3a
    expect(raw('afschaling')).toEqual({ waarde: 12.5, n: 8 }) // c1a of the 8 trajecten that ended (c3b costs about as much per day as c3a)
    expect(raw('wisselingen')).toEqual({ waarde: 1, n: 1 }) // c3a
    // Verplichting over the months: the toewijzingen' own sums (every day of them lies in 2026).
    expect(total!.waarden.verplichting.waarde).toBeGreaterThan(0)
    const perProvider = kpiRows(facts, PERIOD, ['provider'])
    const p0Row = perProvider.find((r) => r.key.providerId === s.providers[0]!.id)!
    // For P0 alone c1 is one episode, c2 and c3 leave (to nobody, or to P1).
    expect(p0Row.waarden.in_zorg.waarde).toBe(5)
    expect(p0Row.waarden.uitstroom.waarde).toBe(5)
  })

  it('records outcomes per role and keeps them out of reach of others', async () => {
    const T2 = { toewijzingId: ids.c1a!, moment: 'T2' as const, gemetenOp: '2026-04-03', doelen: [{ doel: 0, resultaat: 'behaald' as const }], zelfredzaamheid: { ontwikkeling: 4 }, tevredenheid: 4, zonderHulp: 'deels' as const, vervolg: 'aanvullend' as const }
    await expect(withActor(database.db, p0, (trx) => recordMeasurement(trx, p0, { ...T2, doelen: [] }, PEILDATUM))).rejects.toMatchObject({ reason: 'outcome.invalid', details: expect.arrayContaining([expect.objectContaining({ path: 'doelen' })]) })
    expect(await withActor(database.db, p0, (trx) => recordMeasurement(trx, p0, T2, PEILDATUM))).toMatchObject({ created: true })
    await expect(withActor(database.db, p0, (trx) => recordMeasurement(trx, p0, { ...T2, moment: 'T3', gemetenOp: '2026-10-01' }, PEILDATUM))).rejects.toMatchObject({ reason: 'outcome.invalid', details: expect.arrayContaining([expect.objectContaining({ path: 'moment' })]) })
    await expect(withActor(database.db, p1, (trx) => recordMeasurement(trx, p1, T2, PEILDATUM))).rejects.toMatchObject({ reason: 'toewijzing.not_found' })
    await expect(withActor(database.db, s.team, (trx) => recordMeasurement(trx, s.team, T2, PEILDATUM))).rejects.toMatchObject({ reason: 'outcome.recorded_by_other' })
    await expect(withActor(database.db, s.team, (trx) => recordMeasurement(trx, s.team, { ...T2, moment: 'T3', gemetenOp: '2026-03-15' }, PEILDATUM))).rejects.toMatchObject({ reason: 'outcome.invalid', details: expect.arrayContaining([expect.objectContaining({ path: 'gemetenOp' })]) })
    await withActor(database.db, s.team, (trx) => recordMeasurement(trx, s.team, { ...T2, moment: 'T3', gemetenOp: '2026-10-01', zonderHulp: 'ja', tevredenheid: null }, PEILDATUM))
    await withActor(database.db, p0, (trx) => recordMeasurement(trx, p0, { ...T2, tevredenheid: 5 }, PEILDATUM))
    const t = await byKey(regio)
    expect(t.c1a!.t2).toMatchObject({ tevredenheid: 5, zonderHulp: 'deels', doelen: [{ doel: 0, resultaat: 'behaald' }] })
    expect(t.c1a!.t3).toMatchObject({ zonderHulp: 'ja' })
    expect(t.c1a!.t1).toEqual({ ontwikkeling: 2 }) // the beschikking's T1
    // The lokaal team sees them in the client's file.
    const file = await withActor(database.db, s.team, (trx) => clientFile(trx, s.team, clients[0]!.id))
    expect(file.timeline.filter((e) => e.kind === 'uitkomst').map((e) => e.text)).toEqual([
      `Meting T2 op toewijzing ${nummers.c1a} door de aanbieder; doelen: behaald; tevredenheid 5; zonder hulp verder: deels`,
      `Meting T3 op toewijzing ${nummers.c1a} door het lokale team; doelen: behaald; zonder hulp verder: ja`,
    ])
    // The region and another gemeente read no measurement rows.
    expect(await withActor(database.db, regio, (trx) => trx.selectFrom('uitkomst_meting').selectAll().execute())).toEqual([])
  })

  it('imports measurements all or none, naming the bad row', async () => {
    const csv = ['gemeente;wet;toewijzingnummer;moment;datum;doelen;tevredenheid;zonder_hulp;vervolg;zelfredzaamheid', `0355;jeugdwet;${nummers.c3a};T2;2026-05-02;behaald;5;ja;geen;ontwikkeling=4`, `0355;jeugdwet;${nummers.c2a};T2;2026-02-11;gehaald;2;nee;aanvullend;`].join('\n')
    await expect(withActor(database.db, p0, (trx) => importMeasurements(trx, p0, csvRows(csv), PEILDATUM))).rejects.toMatchObject({ reason: 'import.row_invalid', details: [expect.objectContaining({ path: expect.stringMatching(/^row 3\//) })] })
    expect((await byKey(regio)).c3a!.t2).toBeNull()
    const fixed = csv.replace('gehaald', 'niet')
    expect(await withActor(database.db, p0, (trx) => importMeasurements(trx, p0, csvRows(fixed), PEILDATUM))).toEqual({ rows: 2, created: 2, corrected: 0 })
    expect((await byKey(regio)).c2a!.t2).toMatchObject({ doelen: [{ doel: 0, resultaat: 'niet' }], vervolg: 'aanvullend' })
    await expect(withActor(database.db, p1, (trx) => importMeasurements(trx, p1, csvRows(fixed), PEILDATUM))).rejects.toMatchObject({ reason: 'import.row_invalid', details: [expect.objectContaining({ path: expect.stringMatching(/^row 2\//) })] })
  })

  it("lists what each side still has to measure", async () => {
    const list = (await withActor(database.db, p0, (trx) => outcomeWorklist(trx, p0, {}, PEILDATUM))).items
    const of = (key: string) => list.find((r) => r.toewijzingId === ids[key])
    expect(of('c1a')!.due).toEqual(['T1'])
    expect(of('c5')!.due).toEqual(['T1', 'T2'])
    expect(of('c5')!.client).toBe('K Client4')
    expect(list.every((r) => r.aanbieder === 'Aanbieder 1')).toBe(true)
    const team = (await withActor(database.db, s.team, (trx) => outcomeWorklist(trx, s.team, { toon: 'alle' }, PEILDATUM))).items
    // T3 is due six months after the end (factory segments: t3Months 6): c2a ended 02-10, c1a has its T3.
    expect(team.find((r) => r.toewijzingId === ids.c2a)!.due).toContain('T3')
    expect(team.find((r) => r.toewijzingId === ids.c1a)!.due).toEqual(['T1'])
  })

  it('pages the work list with the total, sorted by end (newest first), begin or what is due', async () => {
    const page = (query: Parameters<typeof outcomeWorklist>[2]) => withActor(database.db, s.team, (trx) => outcomeWorklist(trx, s.team, { toon: 'alle', ...query }, PEILDATUM))
    const whole = await page({ limit: 500 })
    expect(whole.total).toBe(whole.items.length)
    expect(whole.total).toBeGreaterThan(3)
    const ends = whole.items.map((r) => r.eind)
    expect(ends).toEqual([...ends].sort().reverse())
    // Two at a time: the pages follow each other and say how many there are in all.
    const second = await page({ limit: 2, offset: 2 })
    expect(second.total).toBe(whole.total)
    expect(second.items.map((r) => r.toewijzingId)).toEqual(whole.items.slice(2, 4).map((r) => r.toewijzingId))
    const begins = (await page({ sort: 'begin', dir: 'asc', limit: 500 })).items.map((r) => r.begin)
    expect(begins).toEqual([...begins].sort())
    const due = (await page({ sort: 'te_doen', dir: 'desc', limit: 500 })).items.map((r) => r.due.join(','))
    expect(due).toEqual([...due].sort().reverse())
    expect((await page({ offset: whole.total })).items).toEqual([])
  })

  it('measures a target against its path and raises a signal when it is off track', async () => {
    // Instroom in Q1 2026: c1, c2, c3, c4, c5 → 5; −20 % by 2027-03-31.
    const inflow = await withActor(database.db, regio, (trx) => createTarget(trx, regio, { segmentId: s.segmentId, kpi: 'instroom', naam: 'Minder instroom', basisVan: '2026-01-01', basisTot: '2026-03-31', doelRelatiefPct: -20, doelDatum: '2027-03-31', richting: 'omlaag', bron: 'Seed 004: 20% minder instroom' }, PEILDATUM))
    expect(inflow).toMatchObject({ basisWaarde: 5, doelWaarde: 4 })
    await expect(withActor(database.db, regio, (trx) => createTarget(trx, regio, { segmentId: s.segmentId, kpi: 'instroom', naam: 'x', basisVan: '2026-01-01', basisTot: '2026-03-31', doelWaarde: 9, doelDatum: '2027-03-31', richting: 'omlaag' }, PEILDATUM))).rejects.toMatchObject({ reason: 'target.contradicts_direction' })
    await expect(withActor(database.db, regio, (trx) => createTarget(trx, regio, { segmentId: s.segmentId, kpi: 'uitval', naam: 'x', basisVan: '2026-01-01', basisTot: '2026-03-31', doelWaarde: 0, doelDatum: '2027-03-31', richting: 'omlaag' }, PEILDATUM))).rejects.toMatchObject({ reason: 'target.baseline_suppressed' })
    const gemeente = s.region.actor('gemeente', { gemeenteId: s.zeist.id })
    await expect(withActor(database.db, gemeente, (trx) => createTarget(trx, gemeente, { segmentId: s.segmentId, kpi: 'instroom', naam: 'x', basisVan: '2026-01-01', basisTot: '2026-03-31', basisWaarde: 5, doelWaarde: 4, doelDatum: '2027-03-31', richting: 'omlaag' }, PEILDATUM))).rejects.toThrow(/row-level security/)
    // Expected use can only rise from € 1 in this segment: far off the path down to € 0.50.
    const cost = await withActor(database.db, regio, (trx) => createTarget(trx, regio, { segmentId: s.segmentId, kpi: 'verplichting', naam: 'Lager verwacht gebruik', basisVan: '2026-01-01', basisTot: '2026-03-31', basisWaarde: 100, doelWaarde: 50, doelDatum: '2027-03-31', richting: 'omlaag' }, PEILDATUM))
    expect(await refreshTargetSignals(database.db, s.region.regionId, PEILDATUM)).toEqual({ raised: 1, current: 1 })
    // Budget signals do not touch a target's signal.
    await refreshBudgetSignals(database.db, s.region.regionId, 2026, PEILDATUM)
    const signals = await withActor(database.db, regio, (trx) => listBudgetSignals(trx, regio, { jaar: 2026 }))
    expect(signals).toEqual([expect.objectContaining({ soort: 'doel_niet_op_koers', doelId: cost.id, segmentId: s.segmentId, actueel: true, titel: expect.stringContaining('loopt achter') })])

    const overview = await segmentOverview((work) => withActor(database.db, regio, work), regio, s.segmentId, PERIOD, PEILDATUM, (ids) => measuredTargets(database.db, s.region.regionId, PEILDATUM, ids))
    const progressOf = (id: number) => overview.doelen.find((d) => d.id === id) as { voortgang: { status: string; punten: { datum: string; waarde: number | null }[] } }
    // Quarters since the baseline (windows of 3 months): to 04-30 and 07-31 three each (suppressed), to 10-31 none.
    expect(progressOf(inflow.id).voortgang.punten.map((p) => [p.datum, p.waarde])).toEqual([['2026-03-31', 5], ['2026-04-30', null], ['2026-07-31', null], ['2026-10-31', 0]])
    expect(progressOf(inflow.id).voortgang.status).toBe('op_koers')
    expect(progressOf(cost.id).voortgang.status).toBe('niet_op_koers')
    expect(overview.perAanbieder.map((p) => p.waarden.trajecten.waarde)).toEqual([6, null])
    expect(overview.totaal.in_zorg.waarde).toBe(6)
    expect(overview.perGemeente.map((g) => [g.gemeente, g.waarden.in_zorg.waarde])).toEqual([['Zeist', 6]])
    const zeist = s.region.actor('gemeente', { gemeenteId: s.zeist.id })
    expect((await segmentOverview((work) => withActor(database.db, zeist, work), zeist, s.segmentId, PERIOD, PEILDATUM, null)).perGemeente).toEqual([])
  })

  it("gives a provider's scorecard beside the segment, and a provider only its own", async () => {
    const card = await withActor(database.db, regio, (trx) => providerScorecard(trx, regio, s.providers[0]!.id, PERIOD, PEILDATUM))
    expect(card.segmenten).toHaveLength(1)
    expect(card.segmenten[0]!.aanbieder.trajecten.waarde).toBe(6)
    expect(card.segmenten[0]!.segmentWaarden!.trajecten.waarde).toBe(9)
    expect(card.segmenten[0]!.doelen.map((d) => d.kpi).sort()).toEqual(['instroom', 'verplichting'])
    const own = await withActor(database.db, p0, (trx) => providerScorecard(trx, p0, s.providers[0]!.id, PERIOD, PEILDATUM))
    expect(own.segmenten[0]!.segmentWaarden).toBeNull()
    expect(own.segmenten[0]!.aanbieder.trajecten.waarde).toBe(6)
    await expect(withActor(database.db, p1, (trx) => providerScorecard(trx, p1, s.providers[0]!.id, PERIOD, PEILDATUM))).rejects.toMatchObject({ reason: 'scorecard.other_provider' })
  })
})
