/**
 * Maps PostgreSQL constraint violations (the same codes on both engines) to domain errors,
 * so that a rule the database enforces is refused by name like one the code enforces.
 */
import { AppError } from '../shared/errors.ts'

const constraintMessages: Record<string, string> = {
  tariff_no_overlap: 'this product already has a tariff in an overlapping period',
  budget_gemeente_no_overlap: 'this gemeente already has a budget for this segment in an overlapping period',
  budget_provider_no_overlap: 'this provider already has a budget for this segment and gemeente in an overlapping period',
  contract_award_no_overlap: 'this provider is already contracted for this lot in an overlapping period',
  preferred_supplier_no_overlap: 'this wijk already has a preferred supplier for this segment in an overlapping period',
  provider_region_id_agb_code_key: 'a provider with this AGB code already exists in the region',
  client_region_id_bsn_key: 'a client with this BSN already exists in the region',
  app_user_username_key: 'this username is taken',
  segment_region_id_code_key: 'a segment with this code already exists in the region',
  product_region_id_wet_productcategorie_productcode_key: 'this productcategorie and productcode already exist for this law',
  gemeente_region_id_cbs_code_key: 'this gemeente is already part of the region',
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
      return new AppError('invalid_input', known ?? `overlapping period refused (${e.constraint})`)
    case '23505':
      return new AppError('conflict', known ?? `already exists (${e.constraint})`)
    case '23514':
      return new AppError('invalid_input', known ?? `value refused by check ${e.constraint}`)
    case '23503':
      return new AppError('invalid_input', `refers to something that does not exist in this region (${e.constraint})`)
    case '42501':
      return new AppError('forbidden', 'the database refused this for your role and scope')
    default:
      return error
  }
}
