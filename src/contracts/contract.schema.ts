/**
 * Request bodies of the contract routes that the web app sends too (ADR 0032): pure, so the
 * routes and the web app's forms check them alike.
 */
import { z } from 'zod'
import { id } from '../shared/request.schema.ts'

/** A contract's maximum profit percentage (migration 0032); null: the region's setting applies. */
export const maxWinstPct = z.number().min(0).max(100).nullable()

/** Sets or clears the profit maximum of a contract (issue 21 §2, ADR 0037). */
export const contractMaxWinstSchema = z.object({ contractId: id, maxWinstPct })
export type ContractMaxWinstInput = z.input<typeof contractMaxWinstSchema>
