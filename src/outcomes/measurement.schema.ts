/** The body of POST /api/outcomes (ADR 0032): one schema serves the form, the API and the CSV import. Pure. */
import { z } from 'zod'
import { calendarDate, id } from '../shared/request.schema.ts'
import { lifeDomains } from '../toewijzingen/toewijzing.schema.ts'

export const moments = ['T1', 'T2', 'T3'] as const
export const doelresultaten = ['behaald', 'deels', 'niet'] as const
export const zonderHulpAntwoorden = ['ja', 'deels', 'nee'] as const
export const vervolgen = ['geen', 'voorliggend', 'aanvullend'] as const

export const measurementInputSchema = z.object({
  toewijzingId: id,
  moment: z.enum(moments),
  gemetenOp: calendarDate,
  /** Per goal of the beschikking (by its position, from 0): reached, partly, not (T2, T3). */
  doelen: z.array(z.object({ doel: z.number().int().min(0).max(9), resultaat: z.enum(doelresultaten) })).max(10).default([]),
  /** Self-reliance per life domain, 1 (not at all) to 5 (fully), after the Zelfredzaamheid-Matrix. */
  zelfredzaamheid: z.partialRecord(z.enum(lifeDomains), z.number().int().min(1).max(5)).default({}),
  /** Klanttevredenheid, 1 to 5 (T2, T3). */
  tevredenheid: z.number().int().min(1).max(5).nullable().default(null),
  /** Beleidsinformatie Jeugd: can the client go on without help (T2, T3)? */
  zonderHulp: z.enum(zonderHulpAntwoorden).nullable().default(null),
  /** What follows the traject (T2, T3): nothing, a voorliggende voorziening, or further additional care. */
  vervolg: z.enum(vervolgen).nullable().default(null),
  toelichting: z.string().trim().max(2000).default(''),
})
export type MeasurementInput = z.infer<typeof measurementInputSchema>
