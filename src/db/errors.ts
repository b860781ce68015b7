/**
 * Maps PostgreSQL constraint violations (the same codes on both engines) to domain errors,
 * so that a rule the database enforces is refused by name like one the code enforces.
 */
import { AppError, type Reason } from '../shared/errors.ts'

/** Each named constraint's reason and message; unnamed ones get the generic `database.*` reasons. */
const constraintMessages: Record<string, { reason: Reason; message: string }> = {
  tariff_no_overlap: { reason: 'tariff.overlap', message: 'this product already has a tariff in an overlapping period' },
  budget_gemeente_no_overlap: { reason: 'budget.overlap', message: 'this gemeente already has a budget for this segment in an overlapping period' },
  budget_provider_no_overlap: { reason: 'budget.overlap', message: 'this provider already has a budget for this segment and gemeente in an overlapping period' },
  contract_award_no_overlap: { reason: 'award.overlap', message: 'this provider is already contracted for this lot in an overlapping period' },
  preferred_supplier_no_overlap: { reason: 'preferred_supplier.overlap', message: 'this wijk already has a preferred supplier for this segment in an overlapping period' },
  provider_region_id_agb_code_key: { reason: 'provider.agb_taken', message: 'a provider with this AGB code already exists in the region' },
  client_gemeente_bsn_key: { reason: 'client.bsn_taken', message: 'a client with this BSN already exists in the gemeente' },
  app_user_username_key: { reason: 'user.username_taken', message: 'this username is taken' },
  segment_region_id_code_key: { reason: 'segment.code_taken', message: 'a segment with this code already exists in the region' },
  product_region_id_wet_productcategorie_productcode_key: { reason: 'product.code_taken', message: 'this productcategorie and productcode already exist for this law' },
  gemeente_region_id_cbs_code_key: { reason: 'gemeente.already_member', message: 'this gemeente is already part of the region' },
  bestedingsruimte_melding_once: { reason: 'bestedingsruimte.al_gemeld', message: 'the written notice of this bestedingsruimte was already sent' },
}

/** Runs `work` and turns constraint violations into AppErrors; other errors pass through. */
export async function refusingConstraints<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw toAppError(error)
  }
}

export function toAppError(error: unknown): unknown {
  const e = error as { code?: string; constraint?: string; message?: string }
  if (typeof e?.code !== 'string') return error
  const known = e.constraint ? constraintMessages[e.constraint] : undefined
  switch (e.code) {
    case '23P01':
      return new AppError(known?.reason ?? 'database.overlap', known?.message ?? `overlapping period refused (${e.constraint})`)
    case '23505':
      return new AppError(known?.reason ?? 'database.duplicate', known?.message ?? `already exists (${e.constraint})`)
    case '23514':
      return new AppError(known?.reason ?? 'database.check_failed', known?.message ?? `value refused by check ${e.constraint}`)
    case '23503':
      return new AppError('database.reference_missing', `refers to something that does not exist in this region (${e.constraint})`)
    case '42501':
      return new AppError('database.scope_refused', 'the database refused this for your role and scope')
    default:
      return error
  }
}
