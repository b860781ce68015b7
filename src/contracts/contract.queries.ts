/**
 * The region's framework agreements (raamovereenkomsten): a lot per segment, the providers
 * contracted in each lot for which gemeenten and period, and the extension decisions.
 */
import { z } from 'zod'
import type { ScopedDb } from '../db/scope.ts'
import { refusingConstraints } from '../db/errors.ts'
import { calendarDate } from '../shared/request.schema.ts'
import { AppError, notFound } from '../shared/errors.ts'
import { assertExtensionAllowed, contractEndDate, contractMaxEndDate } from './contract.rules.ts'
import { type ContractMaxWinstInput, contractMaxWinstSchema, maxWinstPct } from './contract.schema.ts'

export const contractInputSchema = z.object({
  reference: z.string().trim().min(1).max(60),
  name: z.string().trim().min(1).max(200),
  startDate: calendarDate,
  initialYears: z.number().int().min(1).max(10),
  extensionOptions: z.array(z.number().int().min(1).max(5)).max(5),
  segmentIds: z.array(z.number().int().positive()).min(1, 'a contract has at least one lot'),
  /** The contract's maximum profit percentage; absent or null: the region's setting applies. */
  maxWinstPct: maxWinstPct.optional(),
})

export const awardInputSchema = z
  .object({
    lotId: z.number().int().positive(),
    providerId: z.number().int().positive(),
    gemeenteIds: z.array(z.number().int().positive()).min(1, 'an award covers at least one gemeente'),
    validFrom: calendarDate,
    validTo: calendarDate.nullable(),
  })
  .refine((a) => a.validTo === null || a.validTo >= a.validFrom, { message: 'validTo before validFrom', path: ['validTo'] })

export const extensionInputSchema = z.object({
  contractId: z.number().int().positive(),
  optionNumber: z.number().int().min(1),
  decision: z.enum(['verlengd', 'niet_verlengd']),
  decidedOn: calendarDate,
  note: z.string().max(2000).default(''),
})

export interface Award {
  id: number
  providerId: number
  gemeenteIds: number[]
  validFrom: string
  validTo: string | null
}
export interface Lot {
  id: number
  segmentId: number
  awards: Award[]
}
export interface Contract {
  id: number
  reference: string
  name: string
  startDate: string
  initialYears: number
  extensionOptions: number[]
  extensions: { optionNumber: number; decision: 'verlengd' | 'niet_verlengd'; decidedOn: string; note: string }[]
  endDate: string
  maxEndDate: string
  /** The contract's maximum profit percentage; null: the region's setting (integriteit) applies. */
  maxWinstPct: number | null
  lots: Lot[]
}

export async function createContract(trx: ScopedDb, regionId: number, raw: z.input<typeof contractInputSchema>): Promise<number> {
  const input = contractInputSchema.parse(raw)
  return refusingConstraints(async () => {
    const { id } = await trx
      .insertInto('contract')
      .values({
        region_id: regionId,
        reference: input.reference,
        name: input.name,
        start_date: input.startDate,
        initial_years: input.initialYears,
        extension_options: input.extensionOptions,
        max_winst_pct: input.maxWinstPct ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('contract_lot')
      .values(input.segmentIds.map((segmentId) => ({ region_id: regionId, contract_id: id, segment_id: segmentId })))
      .execute()
    return id
  })
}

/** Contracts a provider for a lot in some gemeenten; the period must lie within the contract. */
export async function awardLot(trx: ScopedDb, regionId: number, raw: z.input<typeof awardInputSchema>): Promise<number> {
  const input = awardInputSchema.parse(raw)
  const lot = await trx
    .selectFrom('contract_lot')
    .innerJoin('contract', 'contract.id', 'contract_lot.contract_id')
    .select(['contract.id as contractId', 'start_date', 'initial_years', 'extension_options'])
    .where('contract_lot.id', '=', input.lotId)
    .executeTakeFirst()
  if (!lot) throw notFound('lot.not_found', `lot ${input.lotId}`)
  const maxEnd = contractMaxEndDate({ startDate: lot.start_date, initialYears: lot.initial_years, extensionOptions: lot.extension_options })
  if (input.validFrom < lot.start_date || (input.validTo ?? maxEnd) > maxEnd) {
    throw new AppError('award.outside_contract', `the award must lie within the contract period ${lot.start_date} – ${maxEnd}`, [
      { path: 'validFrom', message: 'outside the contract period' },
    ])
  }
  return refusingConstraints(async () => {
    const { id } = await trx
      .insertInto('contract_award')
      .values({
        region_id: regionId,
        lot_id: input.lotId,
        provider_id: input.providerId,
        valid_from: input.validFrom,
        valid_to: input.validTo,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('contract_award_gemeente')
      .values(input.gemeenteIds.map((gemeenteId) => ({ region_id: regionId, award_id: id, gemeente_id: gemeenteId })))
      .execute()
    return id
  })
}

export async function decideExtension(trx: ScopedDb, regionId: number, raw: z.input<typeof extensionInputSchema>): Promise<void> {
  const input = extensionInputSchema.parse(raw)
  const contract = await trx.selectFrom('contract').selectAll().where('id', '=', input.contractId).executeTakeFirst()
  if (!contract) throw notFound('contract.not_found', `contract ${input.contractId}`)
  const decisions = await trx
    .selectFrom('contract_extension')
    .select(['option_number as optionNumber', 'decision'])
    .where('contract_id', '=', input.contractId)
    .execute()
  assertExtensionAllowed(
    { startDate: contract.start_date, initialYears: contract.initial_years, extensionOptions: contract.extension_options },
    decisions,
    input,
  )
  await refusingConstraints(() =>
    trx
      .insertInto('contract_extension')
      .values({
        region_id: regionId,
        contract_id: input.contractId,
        option_number: input.optionNumber,
        decision: input.decision,
        decided_on: input.decidedOn,
        note: input.note,
      })
      .execute(),
  )
}

/** Sets or clears a contract's maximum profit percentage (the region's team; ADR 0037). */
export async function setContractMaxWinst(trx: ScopedDb, regionId: number, raw: ContractMaxWinstInput): Promise<void> {
  const input = contractMaxWinstSchema.parse(raw)
  const changed = await trx.updateTable('contract').set({ max_winst_pct: input.maxWinstPct }).where('region_id', '=', regionId).where('id', '=', input.contractId).executeTakeFirst()
  if (Number(changed.numUpdatedRows) === 0) throw notFound('contract.not_found', `contract ${input.contractId}`)
}

/**
 * Contracts with lots and awards; a provider sees only its own awards. With `segmentId`, only
 * the lots of that segment (and their awards): what a toegang decision for one product needs.
 */
export async function listContracts(trx: ScopedDb, scope: { providerId: number | null; segmentId?: number }): Promise<Contract[]> {
  const contracts = await trx.selectFrom('contract').selectAll().orderBy('start_date').execute()
  const extensions = await trx.selectFrom('contract_extension').selectAll().orderBy('option_number').execute()
  let lotQuery = trx.selectFrom('contract_lot').selectAll().orderBy('id')
  if (scope.segmentId !== undefined) lotQuery = lotQuery.where('segment_id', '=', scope.segmentId)
  const lots = await lotQuery.execute()
  let awardQuery = trx.selectFrom('contract_award').selectAll().orderBy('id')
  if (scope.providerId !== null) awardQuery = awardQuery.where('provider_id', '=', scope.providerId)
  if (scope.segmentId !== undefined) awardQuery = awardQuery.where('lot_id', 'in', (eb) => eb.selectFrom('contract_lot').select('id').where('segment_id', '=', scope.segmentId!))
  const awards = await awardQuery.execute()
  let awardGemeenteQuery = trx.selectFrom('contract_award_gemeente').select(['award_id', 'gemeente_id'])
  if (scope.segmentId !== undefined)
    awardGemeenteQuery = awardGemeenteQuery.where('award_id', 'in', (eb) =>
      eb.selectFrom('contract_award').innerJoin('contract_lot', 'contract_lot.id', 'contract_award.lot_id').select('contract_award.id').where('contract_lot.segment_id', '=', scope.segmentId!),
    )
  const gemeentenOf = new Map<number, number[]>()
  for (const g of await awardGemeenteQuery.execute()) gemeentenOf.set(g.award_id, [...(gemeentenOf.get(g.award_id) ?? []), g.gemeente_id])

  return contracts.map((c) => {
    const ext = extensions
      .filter((e) => e.contract_id === c.id)
      .map((e) => ({ optionNumber: e.option_number, decision: e.decision, decidedOn: e.decided_on, note: e.note }))
    const shape = { startDate: c.start_date, initialYears: c.initial_years, extensionOptions: c.extension_options }
    return {
      id: c.id,
      reference: c.reference,
      name: c.name,
      startDate: c.start_date,
      initialYears: c.initial_years,
      extensionOptions: c.extension_options,
      extensions: ext,
      endDate: contractEndDate(shape, ext),
      maxEndDate: contractMaxEndDate(shape),
      maxWinstPct: c.max_winst_pct,
      lots: lots
        .filter((l) => l.contract_id === c.id)
        .map((l) => ({
          id: l.id,
          segmentId: l.segment_id,
          awards: awards
            .filter((a) => a.lot_id === l.id)
            .map((a) => ({
              id: a.id,
              providerId: a.provider_id,
              validFrom: a.valid_from,
              validTo: a.valid_to,
              gemeenteIds: gemeentenOf.get(a.id) ?? [],
            })),
        })),
    }
  })
}
