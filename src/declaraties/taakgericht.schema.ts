/** The bodies of the taakgericht payment routes (ADR 0032): pure, so the web forms check them too. */
import { z } from 'zod'
import { id, maand } from '../shared/request.schema.ts'

export const taakgerichtBetalingSchema = z.object({
  gemeenteId: id.optional(),
  providerId: id,
  segmentId: id,
  maand,
  /** Cents; negative for a correction. */
  bedragCents: z.number().int().refine((n) => n !== 0 && Number.isSafeInteger(n), 'a payment is a non-zero whole number of cents'),
  omschrijving: z.string().max(200).default(''),
})
export type TaakgerichtBetalingInput = z.input<typeof taakgerichtBetalingSchema>

/** Taakgericht payments from CSV text (all rows or none); a toezichthouder names the gemeente. */
export const taakgerichtImportSchema = z.object({ csv: z.string().min(1).max(5_000_000), gemeenteId: id.optional() })
