/** Providers (aanbieders), their combinations and preferred-supplier assignments. */
import { z } from 'zod'
import type { ScopedDb } from '../db/scope.ts'
import { refusingConstraints } from '../db/errors.ts'
import { AppError } from '../shared/errors.ts'
import { agbCodeSchema, kvkNumberSchema, legalForms } from './agb.ts'

export const providerInputSchema = z.object({
  agbCode: agbCodeSchema,
  kvkNumber: kvkNumberSchema,
  name: z.string().trim().min(1).max(200),
  legalForm: z.enum(legalForms),
})
export type ProviderInput = z.input<typeof providerInputSchema>

export interface Provider {
  id: number
  agbCode: string
  kvkNumber: string
  name: string
  legalForm: string
}

export interface Combination {
  id: number
  name: string
  leadProviderId: number
  memberProviderIds: number[]
}

/** Providers the actor may see: a provider sees only itself. */
export async function listProviders(trx: ScopedDb, scope: { providerId: number | null }): Promise<Provider[]> {
  let q = trx.selectFrom('provider').select(['id', 'agb_code', 'kvk_number', 'name', 'legal_form']).orderBy('name')
  if (scope.providerId !== null) q = q.where('id', '=', scope.providerId)
  const rows = await q.execute()
  return rows.map((r) => ({ id: r.id, agbCode: r.agb_code, kvkNumber: r.kvk_number, name: r.name, legalForm: r.legal_form }))
}

export async function createProvider(trx: ScopedDb, regionId: number, raw: ProviderInput): Promise<number> {
  const input = providerInputSchema.parse(raw)
  return refusingConstraints(async () => {
    const row = await trx
      .insertInto('provider')
      .values({
        region_id: regionId,
        agb_code: input.agbCode,
        kvk_number: input.kvkNumber,
        name: input.name,
        legal_form: input.legalForm,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
}

export const combinationInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  leadProviderId: z.number().int().positive(),
  subcontractorIds: z.array(z.number().int().positive()).min(1, 'a combination needs at least one subcontractor'),
})

/** A combination: one main contractor (hoofdaannemer) and its subcontractors. */
export async function createCombination(trx: ScopedDb, regionId: number, raw: z.input<typeof combinationInputSchema>): Promise<number> {
  const input = combinationInputSchema.parse(raw)
  if (input.subcontractorIds.includes(input.leadProviderId)) {
    throw new AppError('combination.lead_is_member', 'the main contractor cannot also be its own subcontractor')
  }
  if (new Set(input.subcontractorIds).size !== input.subcontractorIds.length) {
    throw new AppError('combination.member_twice', 'a subcontractor is listed twice')
  }
  return refusingConstraints(async () => {
    const { id } = await trx
      .insertInto('provider_combination')
      .values({ region_id: regionId, name: input.name, lead_provider_id: input.leadProviderId })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('provider_combination_member')
      .values(input.subcontractorIds.map((providerId) => ({ region_id: regionId, combination_id: id, provider_id: providerId })))
      .execute()
    return id
  })
}

export async function listCombinations(trx: ScopedDb): Promise<Combination[]> {
  const [combos, members] = await Promise.all([
    trx.selectFrom('provider_combination').selectAll().orderBy('name').execute(),
    trx.selectFrom('provider_combination_member').select(['combination_id', 'provider_id']).execute(),
  ])
  return combos.map((c) => ({
    id: c.id,
    name: c.name,
    leadProviderId: c.lead_provider_id,
    memberProviderIds: members.filter((m) => m.combination_id === c.id).map((m) => m.provider_id),
  }))
}

export interface PreferredSupplier {
  segmentId: number
  gemeenteId: number
  wijkCode: string
  wijkName: string
  providerId: number
  validFrom: string
  validTo: string | null
}

export async function listPreferredSuppliers(trx: ScopedDb): Promise<PreferredSupplier[]> {
  const rows = await trx.selectFrom('preferred_supplier').selectAll().orderBy('wijk_code').execute()
  return rows.map((r) => ({
    segmentId: r.segment_id,
    gemeenteId: r.gemeente_id,
    wijkCode: r.wijk_code,
    wijkName: r.wijk_name,
    providerId: r.provider_id,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }))
}
