/** Products (productcategorie + productcode) and their tariffs per contract period. */
import { sql } from 'kysely'
import type { ScopedDb } from '../db/scope.ts'
import { refusingConstraints } from '../db/errors.ts'
import type { Wet } from '../istandaarden/codelists.ts'
import { notFound } from '../shared/errors.ts'
import type { Variant } from '../segments/instruments.schema.ts'
import {
  type ProductInput,
  type TariffInput,
  assertNoTariffOverlap,
  assertProduct,
  productInputSchema,
  tariffInputSchema,
} from './product.rules.ts'

export interface Tariff {
  id: number
  productId: number
  contractId: number
  validFrom: string
  validTo: string
  amountCents: number
  indexationBasisPoints: number
}

export interface Product {
  id: number
  segmentId: number
  wet: Wet
  productcategorie: string
  productcode: string | null
  name: string
  eenheid: string | null
  variant: Variant
  /** A generic toewijzing's entry: no Product in the 301 (IV075). */
  generiek: boolean
  tariffs: Tariff[]
}

export async function listProducts(trx: ScopedDb): Promise<Product[]> {
  const [products, tariffs] = await Promise.all([
    trx.selectFrom('product').selectAll().orderBy('wet').orderBy('productcategorie').orderBy('productcode').execute(),
    trx.selectFrom('tariff').selectAll().orderBy('valid_from').execute(),
  ])
  const byProduct = new Map<number, Tariff[]>()
  for (const t of tariffs) {
    const list = byProduct.get(t.product_id) ?? []
    list.push({
      id: t.id,
      productId: t.product_id,
      contractId: t.contract_id,
      validFrom: t.valid_from,
      validTo: t.valid_to,
      amountCents: t.amount_cents,
      indexationBasisPoints: t.indexation_basis_points,
    })
    byProduct.set(t.product_id, list)
  }
  return products.map((p) => ({
    id: p.id,
    segmentId: p.segment_id,
    wet: p.wet,
    productcategorie: p.productcategorie,
    productcode: p.productcode,
    name: p.name,
    eenheid: p.eenheid,
    variant: p.variant,
    generiek: p.generiek,
    tariffs: byProduct.get(p.id) ?? [],
  }))
}

export async function createProduct(trx: ScopedDb, regionId: number, raw: ProductInput): Promise<number> {
  const input = productInputSchema.parse(raw)
  const segment = await trx
    .selectFrom('segment')
    .select(['wet', sql<Variant[]>`bekostiging -> 'variants'`.as('variants')])
    .where('id', '=', input.segmentId)
    .executeTakeFirst()
  if (!segment) throw notFound('segment.not_found', `segment ${input.segmentId}`)
  assertProduct(input, segment)
  return refusingConstraints(async () => {
    const row = await trx
      .insertInto('product')
      .values({
        region_id: regionId,
        segment_id: input.segmentId,
        wet: segment.wet,
        productcategorie: input.productcategorie,
        productcode: input.productcode,
        name: input.name,
        eenheid: input.eenheid,
        variant: input.variant,
        generiek: input.generiek,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
}

export async function createTariff(trx: ScopedDb, regionId: number, raw: TariffInput): Promise<number> {
  const input = tariffInputSchema.parse(raw)
  const existing = await trx
    .selectFrom('tariff')
    .select(['valid_from as from', 'valid_to as to'])
    .where('product_id', '=', input.productId)
    .execute()
  assertNoTariffOverlap(existing, { from: input.validFrom, to: input.validTo })
  return refusingConstraints(async () => {
    const row = await trx
      .insertInto('tariff')
      .values({
        region_id: regionId,
        product_id: input.productId,
        contract_id: input.contractId,
        valid_from: input.validFrom,
        valid_to: input.validTo,
        amount_cents: input.amountCents,
        indexation_basis_points: input.indexationBasisPoints,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
}
