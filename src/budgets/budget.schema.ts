/**
 * The bodies of the budget and budget-signal routes (ADR 0032): pure, so the web forms check
 * them with the same schemas before sending.
 */
import { z } from 'zod'
import { jaar, nonNegativeCents } from '../shared/request.schema.ts'

export const yearBudgetSchema = z.object({
  soort: z.enum(['gemeente', 'aanbieder']),
  gemeenteId: z.number().int().positive(),
  providerId: z.number().int().positive().nullable().default(null),
  segmentId: z.number().int().positive(),
  jaar: z.number().int().min(2000).max(2100),
  amountCents: nonNegativeCents,
  reden: z.string().trim().min(1, 'a change says why').max(500),
}).refine((b) => (b.soort === 'aanbieder') === (b.providerId !== null), { message: 'a provider budget names its provider, a gemeente budget none', path: ['providerId'] })

export const proposalFilterSchema = z.object({
  jaar: z.coerce.number().int().min(2000).max(2100),
  gemeente: z.coerce.number().int().positive().optional(),
  segment: z.coerce.number().int().positive().optional(),
})

export const adoptSchema = proposalFilterSchema.extend({
  jaar: z.number().int().min(2000).max(2100),
  gemeente: z.number().int().positive().optional(),
  segment: z.number().int().positive().optional(),
  reden: z.string().trim().min(1).max(500).default('Voorstel uit de realisatie van vorig jaar'),
})

export const signalSettingsSchema = z.object({
  margePct: z.number().int().min(0).max(100),
})

export const acknowledgeSchema = z.object({
  notitie: z.string().trim().min(1, 'a note says what will be done').max(2000),
  eigenaarId: z.number().int().positive(),
})
export const closeSchema = z.object({
  notitie: z.string().trim().min(1, 'a note says how it ended').max(2000),
})

/** One bulk acknowledgement holds at most this many signals (a page of the signals list is 500 at most). */
export const BULK_ACKNOWLEDGE_LIMIT = 500

export const bulkAcknowledgeSchema = acknowledgeSchema.extend({
  ids: z.array(z.number().int().positive()).min(1).max(BULK_ACKNOWLEDGE_LIMIT),
})

/** Recompute the region's figures and signals, for a year or the current one. */
export const refreshSignalsSchema = z.object({ jaar: jaar.optional() })
