import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awardLot, listContracts } from '../contracts/contract.queries.ts'
import { withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { declaratie323 } from '../test/declaratie-scenario.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { type DeclarationScope, knownReferenties, loadContractTariffs } from './prestatie.queries.ts'

describe.each(engines)('what the prestatie checks load (%s)', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let scope: DeclarationScope
  const asGemeente = <T>(gemeenteId: number, work: Parameters<typeof withActor<T>>[2]) => withActor(database.db, s.region.actor('gemeente', { gemeenteId }), work)

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    scope = { regionId: s.region.regionId, gemeenteId: s.zeist.id, providerId: s.providers[0]!.id, wet: 'jeugdwet' }
    const t = await withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-02-28', omvang: { volume: 2, eenheid: '04', frequentie: '4' } }, { at: { date: '2026-11-20', time: '09:00:00' } }))
    // One prestatie approved, one rejected (a tariff not the contract's), one on a toewijzing that is not the provider's.
    const regels = [
      { ref: 'K1', nummer: t.toewijzingNummer, bsn: s.bsn, begin: '2026-12-01', eind: '2026-12-31', volume: 2, tarief: 9000 },
      { ref: 'K2', nummer: t.toewijzingNummer, bsn: s.bsn, begin: '2026-11-01', eind: '2026-11-30', volume: 1, tarief: 1 },
      { ref: 'K3', nummer: 424242, bsn: s.bsn, begin: '2026-12-01', eind: '2026-12-31', volume: 1, tarief: 9000 },
    ]
    const r = await receiveMessage(database.db, s.region.regionId, declaratie323({ agb: s.providers[0]!.agb, cbs: s.zeist.cbsCode, ident: 'Q1', nummer: 'QDN1', maand: '2026-12', dagtekening: '2027-01-05', regels }), { at: { date: '2027-01-06', time: '10:00:00' } })
    expect(r.declaratie).toMatchObject({ regels: 3, goedgekeurd: 1 })
  })
  afterAll(() => database.dispose())

  it('TR314: finds the ReferentieNummers the provider used before toward this gemeente and law, approved or rejected', async () => {
    const asked = ['K1', 'K2', 'K3', 'K4', 'K1']
    expect([...(await asGemeente(s.zeist.id, (trx) => knownReferenties(trx, scope, asked)))].sort()).toEqual(['K1', 'K2', 'K3'])
    // Not another provider's, not the other law's, and nothing asked is nothing found.
    expect(await asGemeente(s.zeist.id, (trx) => knownReferenties(trx, { ...scope, providerId: s.providers[1]!.id }, asked))).toEqual(new Set())
    expect(await asGemeente(s.zeist.id, (trx) => knownReferenties(trx, { ...scope, wet: 'wmo' }, asked))).toEqual(new Set())
    expect(await asGemeente(s.zeist.id, (trx) => knownReferenties(trx, scope, []))).toEqual(new Set())
  })

  it('TR418: the tariffs of every product the provider was awarded for this gemeente, cut to the award', async () => {
    const tariffs = await asGemeente(s.zeist.id, (trx) => loadContractTariffs(trx, scope))
    expect(Object.fromEntries(tariffs)).toEqual({
      [s.productId]: [{ validFrom: '2026-01-01', validTo: '2026-12-31', amountCents: 9000 }, { validFrom: '2027-01-01', validTo: '2027-12-31', amountCents: 9270 }],
      [s.dayProductId]: [{ validFrom: '2026-01-01', validTo: '2026-12-31', amountCents: 27_000 }, { validFrom: '2027-01-01', validTo: '2027-12-31', amountCents: 27_810 }],
    })
    // The awards cover Zeist only; the other law has no products here.
    const bunnik = s.region.gemeenten[1]!.id
    expect((await asGemeente(bunnik, (trx) => loadContractTariffs(trx, { ...scope, gemeenteId: bunnik }))).size).toBe(0)
    expect((await asGemeente(s.zeist.id, (trx) => loadContractTariffs(trx, { ...scope, wet: 'wmo' }))).size).toBe(0)
    // A third provider awarded from March to June 2027 has the 2027 tariffs for those months only.
    const third = s.providers[2]!.id
    expect((await asGemeente(s.zeist.id, (trx) => loadContractTariffs(trx, { ...scope, providerId: third }))).size).toBe(0)
    await withActor(database.db, s.region.actor('regio'), async (trx) => {
      const [contract] = await listContracts(trx, { providerId: null })
      await awardLot(trx, s.region.regionId, { lotId: contract!.lots[0]!.id, providerId: third, gemeenteIds: [s.zeist.id], validFrom: '2027-03-01', validTo: '2027-06-30' })
    })
    const cut = await asGemeente(s.zeist.id, (trx) => loadContractTariffs(trx, { ...scope, providerId: third }))
    expect(cut.get(s.productId)).toEqual([{ validFrom: '2027-03-01', validTo: '2027-06-30', amountCents: 9270 }])
  })
})
