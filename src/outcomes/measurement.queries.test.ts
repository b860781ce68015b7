import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../auth/actor.ts'
import { withActor } from '../db/scope.ts'
import { csvRows } from '../shared/spreadsheet.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newSegment } from '../test/factory.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { importMeasurements } from './measurement-import.ts'
import { outcomeWorklist, recordMeasurement } from './measurement.queries.ts'

/** Care from 1 December 2026 to 31 May 2027, issued in November; these are the days the tests look from. */
const BEFORE_CARE = '2026-11-25'
const IN_CARE = '2027-01-15'
const AFTER_CARE = '2027-06-15'

describe.each(engines)('outcome measurements on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let provider: Actor
  let otherProvider: Actor
  let toewijzing: { id: number; nummer: number }
  const record = (actor: Actor, input: Parameters<typeof recordMeasurement>[2], today: string) => withActor(database.db, actor, (trx) => recordMeasurement(trx, actor, input, today))
  const page = (actor: Actor, query: Parameters<typeof outcomeWorklist>[2], today: string) => withActor(database.db, actor, (trx) => outcomeWorklist(trx, actor, query, today))
  const worklist = async (actor: Actor, query: Parameters<typeof outcomeWorklist>[2], today: string) => (await page(actor, query, today)).items
  const importCsv = (actor: Actor, lines: string[], today = AFTER_CARE) => withActor(database.db, actor, (trx) => importMeasurements(trx, actor, csvRows(['gemeente;wet;toewijzingnummer;moment;datum;doelen;tevredenheid;zonder_hulp;vervolg;zelfredzaamheid', ...lines].join('\n')), today))
  const stored = () => database.db.selectFrom('uitkomst_meting').select(['moment', 'bron', 'gemeten_op', 'tevredenheid', 'zelfredzaamheid']).where('toewijzing_id', '=', toewijzing.id).orderBy('moment').execute()
  const auditLines = async () => Number((await database.db.selectFrom('audit_log').where('action', '=', 'uitkomsten.werklijst').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    provider = s.region.actor('aanbieder', { providerId: s.providers[0]!.id })
    otherProvider = s.region.actor('aanbieder', { providerId: s.providers[1]!.id })
    const t = await withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-05-31', omvang: { volume: 3, eenheid: '04', frequentie: '4' } }, { at: { date: '2026-11-20', time: '09:00:00' } }))
    toewijzing = { id: t.id, nummer: t.toewijzingNummer }
  })
  afterAll(() => database.dispose())

  it('refuses a measurement before the care began', async () => {
    await expect(record(s.team, { toewijzingId: toewijzing.id, moment: 'T1', gemetenOp: BEFORE_CARE, zelfredzaamheid: { ontwikkeling: 2 } }, BEFORE_CARE)).rejects.toThrow(`the care of toewijzing ${toewijzing.id} has not begun`)
    expect(await stored()).toEqual([])
  })

  it('leaves recording to the lokaal team and the provider of the traject', async () => {
    const t1 = { toewijzingId: toewijzing.id, moment: 'T1' as const, gemetenOp: '2026-12-05', zelfredzaamheid: { ontwikkeling: 2 } }
    const regio = s.region.actor('regio')
    await expect(record(regio, t1, IN_CARE)).rejects.toThrow('the role regio does not record outcomes')
    await expect(record(otherProvider, t1, IN_CARE)).rejects.toThrow(`toewijzing ${toewijzing.id} not found`)
    const bunnik = s.region.actor('lokaal_team', { gemeenteId: s.region.gemeenten[1]!.id })
    await expect(record(bunnik, t1, IN_CARE)).rejects.toThrow(`toewijzing ${toewijzing.id} not found`)
    expect(await stored()).toEqual([])
  })

  it('corrects a measurement in place, by the side that recorded it only', async () => {
    const t1 = { toewijzingId: toewijzing.id, moment: 'T1' as const, gemetenOp: '2026-12-05', zelfredzaamheid: { ontwikkeling: 2 } }
    const first = await record(s.team, t1, IN_CARE)
    expect(first.created).toBe(true)
    expect(await record(s.team, { ...t1, zelfredzaamheid: { ontwikkeling: 3, opvoeden: 2 } }, IN_CARE)).toEqual({ id: first.id, created: false })
    await expect(record(provider, t1, IN_CARE)).rejects.toThrow('T1 of this traject was recorded by the lokaal team, who corrects it')
    expect(await stored()).toEqual([{ moment: 'T1', bron: 'lokaal_team', gemeten_op: '2026-12-05', tevredenheid: null, zelfredzaamheid: { ontwikkeling: 3, opvoeden: 2 } }])
  })

  it('lists what is due for the actor, per segment, and logs each list that names clients', async () => {
    const before = await auditLines()
    // T1 is recorded (by the team) and the care runs: nothing is due for either side.
    expect(await worklist(provider, {}, IN_CARE)).toEqual([])
    const all = await worklist(provider, { toon: 'alle' }, IN_CARE)
    expect(all).toEqual([expect.objectContaining({ toewijzingId: toewijzing.id, toewijzingNummer: toewijzing.nummer, client: 'T de Wit', gemeente: 'Zeist', aanbieder: 'Aanbieder 1', begin: '2026-12-01', eind: '2027-05-31', due: [], recorded: [{ moment: 'T1', gemetenOp: '2026-12-05', bron: 'lokaal_team' }] })])
    expect(all[0]!.goals).toEqual(assessment.goals)
    // Once the care has ended T2 is due for both sides; T3 only for the team, six months on.
    expect((await worklist(provider, {}, AFTER_CARE)).map((r) => r.due)).toEqual([['T2']])
    expect((await worklist(s.team, {}, '2027-11-30')).map((r) => r.due)).toEqual([['T2', 'T3']])
    expect(await worklist(otherProvider, { toon: 'alle' }, AFTER_CARE)).toEqual([])
    const otherSegment = await newSegment(database.db, s.region)
    expect(await worklist(s.team, { toon: 'alle', segment: otherSegment }, AFTER_CARE)).toEqual([])
    expect((await worklist(s.team, { toon: 'alle', segment: s.segmentId }, AFTER_CARE)).map((r) => r.toewijzingId)).toEqual([toewijzing.id])
    // Four lists named the client; the empty ones named nobody.
    expect(await auditLines()).toBe(before + 4)
    // One line per traject shown, naming the toewijzing and its client by pseudonym.
    const pseudonym = (await database.db.selectFrom('client').select('pseudonym').where('id', '=', s.clientId).executeTakeFirstOrThrow()).pseudonym
    const lines = await database.db.selectFrom('audit_log').select(['subject_type', 'subject_id', 'client_pseudonym', 'subject_label']).where('action', '=', 'uitkomsten.werklijst').execute()
    expect(new Set(lines.map((l) => JSON.stringify(l)))).toEqual(new Set([JSON.stringify({ subject_type: 'toewijzing', subject_id: toewijzing.id, client_pseudonym: pseudonym, subject_label: `toewijzing ${toewijzing.nummer}` })]))
  })

  it('imports all rows or none, naming the row and column of the first bad value', async () => {
    const good = `0355;jeugdwet;${toewijzing.nummer};T2;2027-06-01;behaald;4;ja;geen;ontwikkeling=4`
    const bad = (gemeente: string, wet: string, nummer: string) => `${gemeente};${wet};${nummer};T2;2027-06-01;behaald;4;ja;geen;`
    await expect(importCsv(provider, [good, bad('0000', 'jeugdwet', String(toewijzing.nummer))])).rejects.toThrow("row 3: no gemeente '0000' in this region")
    await expect(importCsv(provider, [good, bad('Zeist', 'zvw', String(toewijzing.nummer))])).rejects.toThrow("row 3: 'zvw' is not jeugdwet or wmo")
    await expect(importCsv(provider, [good, bad('Zeist', 'jeugdwet', 'x12')])).rejects.toThrow("row 3: 'x12' is not a ToewijzingNummer")
    await expect(importCsv(provider, [good, bad('Zeist', 'wmo', String(toewijzing.nummer))])).rejects.toThrow(`row 3: no toewijzing ${toewijzing.nummer} (wmo) of Zeist that you record for`)
    // A rule of the measurement itself, with its field.
    await expect(importCsv(provider, [good.replace('2027-06-01', '2027-07-01')])).rejects.toMatchObject({ message: 'row 2: a measurement cannot be dated in the future (2027-07-01)', details: [{ path: 'row 2/row' }] })
    expect((await stored()).map((m) => m.moment)).toEqual(['T1'])
    // Another provider does not find the traject; its own provider does.
    await expect(importCsv(otherProvider, [good])).rejects.toThrow(`row 2: no toewijzing ${toewijzing.nummer} (jeugdwet) of Zeist that you record for`)
    expect(await importCsv(provider, [good])).toEqual({ rows: 1, created: 1, corrected: 0 })
  })

  it('finds the gemeente by name as well as by CBS code, and counts a row for a recorded moment as a correction', async () => {
    expect(await importCsv(provider, [`Zeist;Jeugdwet;${toewijzing.nummer};t2;2027-06-02;behaald;5;ja;geen;`])).toEqual({ rows: 1, created: 0, corrected: 1 })
    expect((await stored()).find((m) => m.moment === 'T2')).toMatchObject({ bron: 'aanbieder', gemeten_op: '2027-06-02', tevredenheid: 5 })
  })
})
