import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../auth/actor.ts'
import { refreshAllForecasts } from '../budgets/forecast.queries.ts'
import { withActor } from '../db/scope.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { checkToewijzingInput, issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { bestedingsruimteStatus, listBestedingsruimte, listClientenstops, liftClientenstop, onvoldoendeInzetLijst, recordBesluit, recordOverleg, sendMelding, setBestedingsruimte, setClientenstop } from './bestedingsruimte.queries.ts'

const AS_OF = '2026-06-30'

describe.each(engines)('bestedingsruimte on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let regio: Actor
  let ruimteId: number

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    regio = s.region.actor('regio')
    // 4 hours a month for 2026 at € 90: a verplichting of € 4.320, nothing declared yet.
    await withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment: { ...assessment, perspective: 'stabiliteit' }, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-01-01', einddatum: '2026-12-31', omvang: { volume: 4, eenheid: '04', frequentie: '4' } }, { at: { date: '2025-12-15', time: '09:00:00' } }))
    await refreshAllForecasts(database.db, AS_OF, [s.region.regionId])
    ruimteId = (await withActor(database.db, regio, (trx) => setBestedingsruimte(trx, regio, { providerId: s.providers[0]!.id, segmentId: s.segmentId, jaar: 2026, bedragCents: 6_000_00, voornemenGemeldOp: '2025-06-30', besluitGemeldOp: '2025-10-02' }))).id
  })
  afterAll(() => database.dispose())

  it('counts realisation plus open commitments from the budget figures and signals at 70 %', async () => {
    const [room] = await withActor(database.db, regio, (trx) => bestedingsruimteStatus(trx, regio, s.providers[0]!.id, 2026, AS_OF))
    expect(room).toMatchObject({ id: ruimteId, ingangsdatum: '2026-01-01', einddatum: '2026-12-31', gerealiseerdCents: 0, openCents: 4_320_00, melding: null })
    // € 4.320 of € 6.000 is 72 %; the threshold is € 4.200.
    expect(room!.status).toMatchObject({ benutCents: 4_320_00, benutPct: 72, drempelCents: 4_200_00, signalen: ['zeventig_procent'] })
    expect(room!.aankondiging).toMatchObject({ voornemenOpTijd: true, besluitOpTijd: false })
    expect(room!.aankondiging.bevindingen).toEqual(['Het besluit over duur en hoogte is op 2-10-2025 gemeld, na 1-10-2025 (3 kalendermaanden vooraf, art. 1.5.3 d).'])
  })

  it('sends the written notice once, runs its clocks, and records consultation and decision', async () => {
    const melding = await withActor(database.db, regio, (trx) => sendMelding(trx, regio, ruimteId, { gemeldOp: '2026-06-01' }, AS_OF))
    expect(melding).toMatchObject({ soort: 'zeventig_procent', gemeldOp: '2026-06-01', benutCents: 4_320_00, bedragCents: 6_000_00, klokken: { overlegUiterlijk: '2026-06-15', overlegTeLaat: true, besluitUiterlijk: '2026-06-29', besluitTeLaat: true, fase: 'overleg' } })
    expect(melding.brief).toContain('Aan: Aanbieder 1')
    await expect(withActor(database.db, regio, (trx) => sendMelding(trx, regio, ruimteId, { gemeldOp: AS_OF }, AS_OF))).rejects.toMatchObject({ reason: 'bestedingsruimte.al_gemeld' })
    await expect(withActor(database.db, regio, (trx) => recordBesluit(trx, regio, melding.id, { besluitOp: '2026-06-20', besluit: 'ongewijzigd', notitie: 'Geen ruimte' }, AS_OF))).rejects.toMatchObject({ reason: 'bestedingsruimte.overleg_eerst' })
    const overleg = await withActor(database.db, regio, (trx) => recordOverleg(trx, regio, melding.id, { gehoudenOp: '2026-06-10', notitie: 'Plan 1.5.5 doorgenomen' }, AS_OF))
    expect(overleg.klokken).toMatchObject({ overlegTeLaat: false, besluitUiterlijk: '2026-06-24', fase: 'besluit' })
    const besluit = await withActor(database.db, regio, (trx) => recordBesluit(trx, regio, melding.id, { besluitOp: '2026-06-20', besluit: 'verhoogd', notitie: 'Addendum deel 2', nieuwBedragCents: 8_000_00 }, AS_OF))
    expect(besluit.klokken).toMatchObject({ besluitTeLaat: false, fase: 'besloten' })
    const [room] = await withActor(database.db, regio, (trx) => listBestedingsruimte(trx, regio, { id: ruimteId }, AS_OF))
    expect(room).toMatchObject({ bedragCents: 8_000_00, status: { signalen: [] } })
  })

  it('shows a provider its own bestedingsruimte and notice and nothing of another provider, also without a where clause', async () => {
    const own = s.region.actor('aanbieder', { providerId: s.providers[0]!.id })
    const other = s.region.actor('aanbieder', { providerId: s.providers[1]!.id })
    const mine = await withActor(database.db, own, (trx) => listBestedingsruimte(trx, own, {}, AS_OF))
    expect(mine.map((r) => [r.id, r.melding?.soort])).toEqual([[ruimteId, 'zeventig_procent']])
    expect(await withActor(database.db, other, (trx) => listBestedingsruimte(trx, other, { providerId: s.providers[0]!.id }, AS_OF))).toEqual([])
    for (const table of ['bestedingsruimte', 'bestedingsruimte_melding'] as const) {
      expect(await withActor(database.db, other, (trx) => trx.selectFrom(table).select('id').execute())).toEqual([])
    }
  })

  it('lets only the region write', async () => {
    const gemeente = s.region.actor('gemeente', { gemeenteId: s.zeist.id })
    await expect(withActor(database.db, gemeente, (trx) => setBestedingsruimte(trx, gemeente, { providerId: s.providers[1]!.id, jaar: 2026, bedragCents: 1_00 }))).rejects.toThrow(/row-level security/)
    await expect(withActor(database.db, s.team, (trx) => setClientenstop(trx, s.team, { providerId: s.providers[1]!.id, van: '2026-01-01', reden: 'x' }))).rejects.toThrow(/row-level security/)
  })

  it('refuses a new toewijzing to the provider during a cliëntenstop in the segment (TG-STOP), not to another provider, and not after it is lifted', async () => {
    const { id } = await withActor(database.db, regio, (trx) => setClientenstop(trx, regio, { providerId: s.providers[0]!.id, segmentId: s.segmentId, van: '2026-07-01', reden: 'Bestedingsruimte bijna bereikt' }))
    const input = (providerId: number, ingangsdatum: string) => ({ clientId: s.clientId, assessment, providerId, productId: s.dayProductId, ingangsdatum, einddatum: '2026-09-30', omvang: { volume: 2, eenheid: '16' as const, frequentie: '2' as const } })
    const during = await withActor(database.db, s.team, (trx) => checkToewijzingInput(trx, s.team, input(s.providers[0]!.id, '2026-07-01')))
    expect(during.findings.filter((f) => f.severity === 'refusal')).toEqual([expect.objectContaining({ rule: 'TG-STOP', severity: 'refusal', message: expect.stringContaining('Aanbieder 1 heeft vanaf 1-7-2026 een cliëntenstop in Testsegment') })])
    expect((await withActor(database.db, s.team, (trx) => checkToewijzingInput(trx, s.team, input(s.providers[1]!.id, '2026-07-01')))).allowed).toBe(true)
    expect((await withActor(database.db, s.team, (trx) => checkToewijzingInput(trx, s.team, input(s.providers[0]!.id, '2026-06-30')))).allowed).toBe(true)
    await expect(withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, input(s.providers[0]!.id, '2026-07-01')))).rejects.toMatchObject({ reason: 'toegang.refused' })

    await withActor(database.db, regio, (trx) => liftClientenstop(trx, regio, id, { tot: '2026-07-31', notitie: 'Ruimte verhoogd' }))
    expect((await withActor(database.db, s.team, (trx) => checkToewijzingInput(trx, s.team, input(s.providers[0]!.id, '2026-08-01')))).allowed).toBe(true)
    const own = s.region.actor('aanbieder', { providerId: s.providers[0]!.id })
    expect(await withActor(database.db, own, (trx) => listClientenstops(trx, own, {}, '2026-07-15'))).toEqual([expect.objectContaining({ id, van: '2026-07-01', tot: '2026-07-31', actief: true, opheffingNotitie: 'Ruimte verhoogd' })])
    const other = s.region.actor('aanbieder', { providerId: s.providers[1]!.id })
    expect(await withActor(database.db, other, (trx) => listClientenstops(trx, other, {}, '2026-07-15'))).toEqual([])
  })

  it('lists providers without realisation once their first 12 months are over, with the 6-month notice (art. 1.6)', async () => {
    expect(await withActor(database.db, regio, (trx) => onvoldoendeInzetLijst(trx, regio, '2026-12-31', 10))).toEqual([])
    const rows = await withActor(database.db, regio, (trx) => onvoldoendeInzetLijst(trx, regio, '2027-01-01', 10))
    expect(rows.map((r) => [r.aanbieder, r.contractStart, r.periodeTot, r.gerealiseerdCents, r.opzeggingPer])).toEqual([
      ['Aanbieder 1', '2026-01-01', '2026-12-31', 0, '2027-07-01'],
      ['Aanbieder 2', '2026-01-01', '2026-12-31', 0, '2027-07-01'],
    ])
  })
})
