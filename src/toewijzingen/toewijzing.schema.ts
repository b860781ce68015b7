/**
 * The bodies of the toewijzing routes (ADR 0032): a toewijzing with its beschikking or assessment,
 * checked or issued, and the note of an approval. Pure, so the web forms check them too.
 */
import { z } from 'zod'
import { codeKeys, eenheden, frequenties } from '../istandaarden/codelists.ts'
import { calendarDate, id, nonNegativeCents, note } from '../shared/request.schema.ts'

/** Life domains for goals and self-reliance (after the Zelfredzaamheid-Matrix). */
export const lifeDomains = ['financien', 'dagbesteding', 'huisvesting', 'huiselijke_relaties', 'geestelijke_gezondheid', 'lichamelijke_gezondheid', 'verslaving', 'adl', 'sociaal_netwerk', 'participatie', 'justitie', 'opvoeden', 'ontwikkeling'] as const

export const assessmentSchema = z.object({
  perspective: z.enum(['ontwikkeling', 'stabiliteit']),
  complexity: z.enum(['enkelvoudig', 'meervoudig', 'complex']),
  intensity: z.enum(['licht', 'middel', 'zwaar']),
  /** Goals with their T1 baseline (1–5 self-reliance on the goal's life domain). */
  goals: z
    .array(z.object({ description: z.string().trim().min(1).max(500), domain: z.enum(lifeDomains), t1: z.number().int().min(1).max(5) }))
    .min(1, 'record at least one goal with its T1 baseline')
    .max(10),
})
export type Assessment = z.infer<typeof assessmentSchema>

export const omvangSchema = z.object({
  volume: z.number().int().min(1).max(99_999_999),
  eenheid: z.enum(codeKeys(eenheden)),
  frequentie: z.enum(codeKeys(frequenties)),
})

/** The fields of a toewijzing as the lokaal team enters them (also the base of a 315 approval). */
export const toewijzingFieldsSchema = z.object({
  clientId: id,
  /** An existing beschikking of the client; otherwise `assessment` makes a new one. */
  beschikkingId: id.optional(),
  assessment: assessmentSchema.optional(),
  providerId: id,
  productId: id,
  ingangsdatum: calendarDate,
  einddatum: calendarDate,
  omvang: omvangSchema.nullable().default(null),
  budgetCents: nonNegativeCents.nullable().default(null),
  /** Why a longer period than the perspective's maximum is needed ("tenzij"). */
  justification: z.string().trim().max(2000).default(''),
  /** Care outside the contracts: the reason; a second person must approve. */
  exceptionReason: z.string().trim().min(10, 'explain the exception in a sentence').max(2000).optional(),
})

export const toewijzingInputSchema = toewijzingFieldsSchema.refine((i) => i.beschikkingId !== undefined || i.assessment !== undefined, {
  message: 'give a beschikkingId or an assessment',
  path: ['assessment'],
})
export type ToewijzingInput = z.input<typeof toewijzingInputSchema>

/** The body of approving or refusing an exception: a note, possibly empty. */
export const noteSchema = z.object({ note })
