import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerClient } from '../clients/client.queries.ts'
import { withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { bsnOf } from '../istandaarden/testing/generate-323.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type Regel, declaratie323 } from '../test/declaratie-scenario.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { DREMPELS, perClientToelichting, rechtmatigheidSignalen } from './rechtmatigheid.queries.ts'


describe.each(engines)('lawfulness signals on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    // Provider 1: five clients, 1 hour of 2 a month. Provider 2: five clients, all 8 hours of 8 a month.
    const lines: Regel[][] = [[], []]
    for (let i = 0; i < 10; i++) {
      const bsn = bsnOf(500 + 11 * i)
      const provider = i < 5 ? 0 : 1
      const volume = provider === 0 ? 2 : 8
      const c = await withActor(database.db, s.team, (trx) => registerClient(trx, s.team, { bsn, birthDate: '2012-05-01', familyName: `Klant${i}`, gender: '0', postcode: '3701AB', huisnummer: i + 1 }))
      const t = await withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId: c.id, assessment, providerId: s.providers[provider]!.id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-02-28', omvang: { volume, eenheid: '04', frequentie: '4' } }, { at: { date: '2026-11-20', time: '09:00:00' } }))
      lines[provider]!.push({ ref: `S${i}`, nummer: t.toewijzingNummer, bsn, begin: '2026-12-01', eind: '2026-12-31', volume: provider === 0 ? 1 : 8, tarief: 9000 })
      // Provider 1 also claims 3 hours on a 2-hour toewijzing once (9321).
      if (i === 0) lines[0]!.push({ ref: 'OVER', nummer: t.toewijzingNummer, bsn, begin: '2027-01-01', eind: '2027-01-31', volume: 3, tarief: 9270 })
    }
    for (const [p, regels] of lines.entries()) {
      const r = await receiveMessage(database.db, s.region.regionId, declaratie323({ agb: s.providers[p]!.agb, cbs: s.zeist.cbsCode, ident: `SIG${p}`, nummer: `SIG${p}`, maand: '2027-01', dagtekening: '2027-02-02', regels }), { at: { date: '2027-02-02', time: '09:00:00' } })
      expect(r.declaratie).not.toBeNull()
    }
  })
  afterAll(() => database.dispose())

  it('signals what was declared beyond the allocation, without a start, at the volume limit, and far above the segment average', async () => {
    const gemeente = s.region.actor('gemeente', { gemeenteId: s.zeist.id })
    const signals = await withActor(database.db, gemeente, (trx) => rechtmatigheidSignalen(trx, { maandVan: '2026-12', maandTot: '2027-01' }))
    const of = (soort: string, provider: number) => signals.find((x) => x.soort === soort && x.providerId === s.providers[provider]!.id)
    expect(of('boven_toewijzing', 0)).toMatchObject({ regels: 1, bedragCents: 3 * 9270 })
    expect(of('boven_toewijzing', 1)).toBeUndefined()
    expect(of('zonder_start', 0)).toMatchObject({ regels: 5, bedragCents: 5 * 9000 })
    expect(of('zonder_start', 1)).toMatchObject({ regels: 5, bedragCents: 5 * 72_000 })
    // Provider 2 declared every toewijzing-month up to its whole volume; provider 1 half.
    expect(of('aan_volumegrens', 1)).toMatchObject({ waarde: 1, drempel: DREMPELS.aanVolumegrens })
    expect(of('aan_volumegrens', 0)).toBeUndefined()
    // The segment's average is (5 × 90 + 5 × 720) / 10 = 405 euro; provider 2 has 720: 1.78 ×.
    expect(of('gemiddelde_per_client', 1)!.waarde).toBeCloseTo(72_000 / 40_500, 5)
    expect(of('gemiddelde_per_client', 0)).toBeUndefined()
    expect(of('gemiddelde_per_client', 1)!.toelichting.replace(/\u00a0/g, ' ')).toBe('gemiddeld € 720,00 per cliënt, 1,8 × het gemiddelde van het segment')
    // A month without declarations has no signals.
    expect(await withActor(database.db, gemeente, (trx) => rechtmatigheidSignalen(trx, { maandVan: '2027-02', maandTot: '2027-02' }))).toEqual([])
  })

  it('shows another gemeente nothing of these declarations', async () => {
    const bunnik = s.region.actor('gemeente', { gemeenteId: s.region.gemeenten[1]!.id })
    expect(await withActor(database.db, bunnik, (trx) => rechtmatigheidSignalen(trx))).toEqual([])
  })
})

describe('the explanation of a high average per client', () => {
  it('writes the average in Dutch euros, not raw cents with a decimal point', () => {
    expect(perClientToelichting(5_855_512, 2.345).replace(/\u00a0/g, ' ')).toBe('gemiddeld € 58.555,12 per cliënt, 2,3 × het gemiddelde van het segment')
  })
})
