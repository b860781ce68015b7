import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WAARGENOMEN_BESCHIKKING } from '../archief/waarneming.ts'
import { withActor } from '../db/scope.ts'
import { bsnOf } from '../istandaarden/testing/generate-323.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type ToegangScenario, toegangScenario } from '../test/toegang-scenario.ts'
import { compare, loadScenarioModel, productMoney, trajectDetails } from './scenario.queries.ts'

/**
 * Where the model finds the perspective and the product of a traject (issue 22 §2): the
 * toewijzing's product and its beschikking's perspective — not known where the beschikking was
 * observed in a back office's traffic (observer mode, ADR 0028) — and the realisation by product.
 */
describe.each(engines)('the trajecten’s perspective and product on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    database = await freshDatabase(engine)
    const db = database.db
    s = await toegangScenario(db)
    const regionId = s.region.regionId
    const profiles = [
      ['ontwikkeling', 'ontwikkeling', 'beoordeeld', s.productId],
      ['stabiliteit', 'stabiliteit', 'beoordeeld', s.dayProductId],
      ['waargenomen', 'ontwikkeling', WAARGENOMEN_BESCHIKKING, s.productId],
    ] as const
    for (const [i, [key, perspective, justification, productId]] of profiles.entries()) {
      const c = await db.insertInto('client').values({ region_id: regionId, gemeente_id: s.zeist.id, bsn: bsnOf(810_000 + i * 7), birth_date: '2012-01-01', pseudonym: `sq${String(i).padStart(10, '0')}` }).returning('id').executeTakeFirstOrThrow()
      const b = await db
        .insertInto('beschikking')
        .values({ region_id: regionId, gemeente_id: s.zeist.id, client_id: c.id, wet: 'jeugdwet', beschikking_nummer: 7000 + i, perspective, complexity: 'enkelvoudig', intensity: 'middel', goals: JSON.stringify([]), justification, issued_on: '2026-01-01' })
        .returning('id')
        .executeTakeFirstOrThrow()
      const row = { region_id: regionId, gemeente_id: s.zeist.id, client_id: c.id, beschikking_id: b.id, provider_id: s.providers[0]!.id, segment_id: s.segmentId, product_id: productId, wet: 'jeugdwet' as const, toewijzing_nummer: 500 + i, request_id: null, status: 'actief' as const, version: 1, toewijzing_datum: '2026-01-10', toewijzing_tijd: '09:00:00', ingangsdatum: '2026-02-01', einddatum: '2026-07-31', verplichting_cents: 600_00 }
      const { id } = await db.insertInto('toewijzing').values(row).returning('id').executeTakeFirstOrThrow()
      await db.insertInto('toewijzing_version').values({ region_id: regionId, toewijzing_id: id, gemeente_id: row.gemeente_id, provider_id: row.provider_id, version: 1, toewijzing_datum: row.toewijzing_datum, toewijzing_tijd: row.toewijzing_tijd, ingangsdatum: row.ingangsdatum, einddatum: row.einddatum, verplichting_cents: row.verplichting_cents, status: row.status }).execute()
      ids[key] = id
    }
    const money = (productId: number, maand: string, debet: number) => ({ region_id: regionId, gemeente_id: s.zeist.id, provider_id: s.providers[0]!.id, wet: 'jeugdwet' as const, segment_id: s.segmentId, product_id: productId, maand, debet_cents: debet, credit_cents: 0, regels: 1 })
    await db.insertInto('realisatie_maand').values([money(s.productId, '2026-02-01', 180_00), money(s.dayProductId, '2026-02-01', 90_00), money(s.productId, '2026-03-01', 180_00)]).execute()
  })
  afterAll(() => database.dispose())

  it('reads each toewijzing’s product and perspective, the observed beschikking’s as not known, in the actor’s scope', async () => {
    const regio = s.region.actor('regio')
    const details = await withActor(database.db, regio, (trx) => trajectDetails(trx, [s.segmentId]))
    expect(details.get(ids.ontwikkeling!)).toEqual({ productId: s.productId, perspective: 'ontwikkeling' })
    expect(details.get(ids.stabiliteit!)).toEqual({ productId: s.dayProductId, perspective: 'stabiliteit' })
    expect(details.get(ids.waargenomen!)).toEqual({ productId: s.productId, perspective: null })
    const bunnik = s.region.actor('gemeente', { gemeenteId: s.region.gemeenten[1]!.id })
    expect((await withActor(database.db, bunnik, (trx) => trajectDetails(trx, [s.segmentId]))).size).toBe(0)
    const money = await withActor(database.db, regio, (trx) => productMoney(trx, regio, [s.segmentId], '2026-01-15', '2026-02-28'))
    expect(money.sort((a, b) => a.productId! - b.productId!)).toEqual([
      { gemeenteId: s.zeist.id, productId: s.productId, maand: '2026-02-01', cents: 180_00 },
      { gemeenteId: s.zeist.id, productId: s.dayProductId, maand: '2026-02-01', cents: 90_00 },
    ].sort((a, b) => a.productId - b.productId))
  })

  it('fits the model with the perspectives and the products, and explains it beside the scenario', async () => {
    const zeist = s.region.actor('gemeente', { gemeenteId: s.zeist.id })
    const model = await withActor(database.db, zeist, (trx) => loadScenarioModel(trx, zeist, s.segmentId, null, '2026-04-15'))
    const fitted = model.gemeenten[0]!.model
    expect(fitted.perspectives.map((p) => [p.perspective, p.stock.reduce((a, b) => a + b, 0)])).toEqual([['ontwikkeling', 1], ['stabiliteit', 1], ['onbekend', 1]])
    // February and March: 3 trajecten, 2 of product 45A48 (€180 realised in February and in March over 4 traject-months), 1 of 45A53.
    expect(fitted.products).toEqual([
      { productId: s.productId, trajectMonths: 4, realisedCents: 360_00, costPerTrajectMonthCents: 90_00 },
      { productId: s.dayProductId, trajectMonths: 2, realisedCents: 90_00, costPerTrajectMonthCents: 45_00 },
    ])
    const v = compare(model, { startdatum: '2026-05-01', jaren: 1, hefbomen: [] })
    expect(v.modelversie).toBe('stroommodel-2')
    expect(v.uitleg!.producten.map((p) => [p.code, p.naam, p.variant])).toEqual([['45A48', 'Jeugdhulp ambulant individueel', 'inspanningsgericht'], ['45A53', 'Jeugdhulp ambulant groep', 'inspanningsgericht']])
    // Counts of 1–4 are not shown.
    expect(v.uitleg!.producten.map((p) => p.trajectmaanden)).toEqual([null, null])
    expect(v.uitleg!.perspectieven.map((p) => [p.perspectief, p.trajecten])).toEqual([['ontwikkeling', null], ['stabiliteit', null], ['onbekend', null]])
  })
})
