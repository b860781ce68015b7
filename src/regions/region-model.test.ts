import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getBudgetOverview, setGemeenteBudget, setProviderBudget } from '../budgets/budget.queries.ts'
import { awardLot, createContract, decideExtension, listContracts } from '../contracts/contract.queries.ts'
import { withActor } from '../db/scope.ts'
import { createProduct, createTariff, listProducts } from '../products/product.queries.ts'
import { createProvider } from '../providers/provider.queries.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type TestRegion, newRegion, newSegment } from '../test/factory.ts'

describe.each(engines)('the region model on %s', (engine) => {
  let database: TestDatabase
  let region: TestRegion
  let segmentId: number
  let contractId: number
  let productId: number
  let providerId: number
  const asRegio = <T>(work: Parameters<typeof withActor<T>>[2]) => withActor(database.db, region.actor('regio'), work)

  beforeAll(async () => {
    database = await freshDatabase(engine)
    region = await newRegion(database.db)
    segmentId = await newSegment(database.db, region)
    contractId = await asRegio((trx) => createContract(trx, region.regionId, { reference: 'T-2027', name: 'Test', startDate: '2027-01-01', initialYears: 4, extensionOptions: [1, 1], segmentIds: [segmentId] }))
    productId = await asRegio((trx) => createProduct(trx, region.regionId, { segmentId, productcategorie: '45', productcode: '45A48', name: 'Ambulant', eenheid: '04', variant: 'inspanningsgericht' }))
    providerId = await asRegio((trx) => createProvider(trx, region.regionId, { agbCode: '41000001', kvkNumber: '12345678', name: 'Kompas', legalForm: 'stichting' }))
  })
  afterAll(() => database.dispose())

  it('refuses an overlapping tariff period and keeps the first one', async () => {
    await asRegio((trx) => createTariff(trx, region.regionId, { productId, contractId, validFrom: '2027-01-01', validTo: '2027-12-31', amountCents: 8_950 }))
    await expect(asRegio((trx) => createTariff(trx, region.regionId, { productId, contractId, validFrom: '2027-06-01', validTo: '2028-05-31', amountCents: 9_000 }))).rejects.toMatchObject({ reason: 'tariff.overlap' })
    const products = await asRegio((trx) => listProducts(trx))
    expect(products[0]!.tariffs.map((t) => t.amountCents)).toEqual([8_950])
  })

  it('has the database refuse an overlapping tariff too (exclusion constraint)', async () => {
    await expect(
      asRegio((trx) => trx.insertInto('tariff').values({ region_id: region.regionId, product_id: productId, contract_id: contractId, valid_from: '2027-03-01', valid_to: '2027-03-31', amount_cents: 1 }).execute()),
    ).rejects.toThrow(/tariff_no_overlap/)
  })

  it('refuses a product without a variant by name', async () => {
    await expect(asRegio((trx) => createProduct(trx, region.regionId, { segmentId, productcategorie: '45', productcode: '45A49', name: 'x', eenheid: '04' } as never))).rejects.toThrow(/variant/)
  })

  it('awards a lot within the contract period, and extends the contract in order', async () => {
    const lotId = (await asRegio((trx) => listContracts(trx, { providerId: null })))[0]!.lots[0]!.id
    await expect(asRegio((trx) => awardLot(trx, region.regionId, { lotId, providerId, gemeenteIds: [region.gemeenten[0]!.id], validFrom: '2026-01-01', validTo: null }))).rejects.toMatchObject({ reason: 'award.outside_contract', message: expect.stringContaining('2027-01-01 – 2032-12-31') })
    await asRegio((trx) => awardLot(trx, region.regionId, { lotId, providerId, gemeenteIds: region.gemeenten.map((g) => g.id), validFrom: '2027-01-01', validTo: null }))
    await expect(asRegio((trx) => awardLot(trx, region.regionId, { lotId, providerId, gemeenteIds: [region.gemeenten[0]!.id], validFrom: '2028-01-01', validTo: null }))).rejects.toMatchObject({ reason: 'award.overlap' })
    await asRegio((trx) => decideExtension(trx, region.regionId, { contractId, optionNumber: 1, decision: 'verlengd', decidedOn: '2030-03-01' }))
    const [contract] = await asRegio((trx) => listContracts(trx, { providerId: null }))
    expect(contract!.endDate).toBe('2031-12-31')
    expect(contract!.lots[0]!.awards[0]!.gemeenteIds).toHaveLength(2)
  })

  it('lists the lots and awards of one segment when asked, each award with its own gemeenten', async () => {
    const other = await newSegment(database.db, region)
    const id = await asRegio((trx) => createContract(trx, region.regionId, { reference: 'T-2027-B', name: 'Twee percelen', startDate: '2027-01-01', initialYears: 2, extensionOptions: [], segmentIds: [segmentId, other] }))
    const lots = (await asRegio((trx) => listContracts(trx, { providerId: null }))).find((c) => c.id === id)!.lots
    const [zeist, bunnik] = region.gemeenten
    for (const lot of lots) await asRegio((trx) => awardLot(trx, region.regionId, { lotId: lot.id, providerId, gemeenteIds: lot.segmentId === other ? [bunnik!.id] : [zeist!.id, bunnik!.id], validFrom: '2027-01-01', validTo: null }))
    const all = await asRegio((trx) => listContracts(trx, { providerId: null }))
    const only = await asRegio((trx) => listContracts(trx, { providerId: null, segmentId: other }))
    expect(only.map((c) => c.id)).toEqual(all.map((c) => c.id))
    expect(only.flatMap((c) => c.lots.map((l) => l.segmentId))).toEqual([other])
    expect(only.find((c) => c.id === id)!.lots[0]!.awards.map((a) => a.gemeenteIds)).toEqual([[bunnik!.id]])
    expect(all.find((c) => c.id === id)!.lots.map((l) => [l.segmentId, l.awards.map((a) => [...a.gemeenteIds].sort())])).toEqual(
      lots.map((l) => [l.segmentId, [l.segmentId === other ? [bunnik!.id] : [zeist!.id, bunnik!.id].sort()]]),
    )
  })

  it('keeps budgets per gemeente and provider apart, refuses overlaps, and scopes what each role sees', async () => {
    const [zeist, bunnik] = region.gemeenten
    const regio = region.actor('regio')
    await withActor(database.db, regio, (trx) => setGemeenteBudget(trx, regio, { gemeenteId: zeist!.id, segmentId, validFrom: '2027-01-01', validTo: '2027-12-31', amountCents: 1_000_000_00 }))
    await withActor(database.db, regio, (trx) => setGemeenteBudget(trx, regio, { gemeenteId: bunnik!.id, segmentId, validFrom: '2027-01-01', validTo: '2027-12-31', amountCents: 250_000_00 }))
    await expect(withActor(database.db, regio, (trx) => setGemeenteBudget(trx, regio, { gemeenteId: zeist!.id, segmentId, validFrom: '2027-07-01', validTo: '2027-12-31', amountCents: 1 }))).rejects.toMatchObject({ reason: 'budget.overlap' })
    await expect(withActor(database.db, regio, (trx) => setGemeenteBudget(trx, regio, { gemeenteId: zeist!.id, segmentId, validFrom: '2027-07-01', validTo: '2028-06-30', amountCents: 1 }))).rejects.toThrow(/one calendar year/)
    await withActor(database.db, regio, (trx) => setProviderBudget(trx, regio, { providerId, segmentId, gemeenteId: zeist!.id, validFrom: '2027-01-01', validTo: '2027-12-31', amountCents: 400_000_00 }))

    const bunnikUser = region.actor('gemeente', { gemeenteId: bunnik!.id })
    const seenByBunnik = await withActor(database.db, bunnikUser, (trx) => getBudgetOverview(trx, bunnikUser, 2027))
    expect(seenByBunnik.gemeenteBudgets.map((b) => b.gemeenteId)).toEqual([bunnik!.id])
    expect(seenByBunnik.regionalTotals).toEqual([{ segmentId, amountCents: 1_250_000_00 }])
    expect(seenByBunnik.providerBudgets).toEqual([])
    await expect(withActor(database.db, bunnikUser, (trx) => setGemeenteBudget(trx, bunnikUser, { gemeenteId: zeist!.id, segmentId, validFrom: '2028-01-01', validTo: '2028-12-31', amountCents: 1 }))).rejects.toMatchObject({ reason: 'budget.other_gemeente' })

    const provider = region.actor('aanbieder', { providerId })
    const seenByProvider = await withActor(database.db, provider, (trx) => getBudgetOverview(trx, provider, 2027))
    expect(seenByProvider.gemeenteBudgets).toEqual([])
    expect(seenByProvider.providerBudgets).toEqual([{ providerId, segmentId, gemeenteId: zeist!.id, amountCents: 400_000_00 }])
  })
})
