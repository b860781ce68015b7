/**
 * The bodies of the voorliggend veld's routes (issue 22 §1), pure (ADR 0032): the routes check
 * them and the web app checks its forms with the same schemas before it sends.
 */
import { z } from 'zod'
import { id, jaar, nonNegativeCents } from '../shared/request.schema.ts'
import { voorliggendSoorten } from './voorliggend.rules.ts'

export const voorliggendLineSchema = z.object({
  gemeenteId: id,
  jaar,
  wet: z.enum(['jeugdwet', 'wmo']),
  soort: z.enum(voorliggendSoorten),
  organisatie: z.string().trim().min(1).max(200),
  omschrijving: z.string().trim().max(500).default(''),
  budgetCents: nonNegativeCents,
  /** What was spent; null: not known yet. */
  realisatieCents: nonNegativeCents.nullable().default(null),
})
export type VoorliggendLineInput = z.input<typeof voorliggendLineSchema>

/** Removing a budget line. */
export const voorliggendDeleteSchema = z.object({ id })
