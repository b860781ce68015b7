/**
 * The bodies of the scenario routes (issue 22 §3–4), pure (ADR 0032): the routes check them and
 * the scenario page checks its levers with the same schemas before it asks.
 */
import { z } from 'zod'
import { calendarDate } from '../shared/request.schema.ts'
import { leversSchema } from './levers.rules.ts'

/** The most years a scenario looks ahead (the current year included). */
export const MAX_YEARS = 5

export const scenarioSpecSchema = z.object({
  segmentId: z.number().int().positive(),
  /** One gemeente, or the whole region (null; the region's roles only). */
  gemeenteId: z.number().int().positive().nullable().default(null),
  startdatum: calendarDate,
  jaren: z.number().int().min(1).max(MAX_YEARS).default(MAX_YEARS),
  hefbomen: leversSchema.default([]),
})
export const scenarioInputSchema = scenarioSpecSchema.extend({ naam: z.string().trim().min(1).max(200) })
export type ScenarioSpecInput = z.input<typeof scenarioSpecSchema>
