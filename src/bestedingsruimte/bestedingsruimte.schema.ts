/**
 * The bodies the bestedingsruimte's routes take (issue 20 §5, ADR 0031), pure (ADR 0032): the
 * routes check them and the web app checks its forms with the same schemas before it sends.
 */
import { z } from 'zod'
import { calendarDate, cents } from '../shared/request.schema.ts'

const positiveCents = cents.refine((n) => n > 0, 'the amount is more than 0')

export const bestedingsruimteInputSchema = z
  .object({
    providerId: z.number().int().positive(),
    /** Null or absent: the room covers the provider's whole agreement (crisis care excepted). */
    segmentId: z.number().int().positive().nullable().default(null),
    jaar: z.number().int().min(2000).max(2100),
    /** Art. 1.5.3 a/b: 1 January, or a later start in the year. */
    ingangsdatum: calendarDate.optional(),
    bedragCents: positiveCents,
    voornemenGemeldOp: calendarDate.nullable().default(null),
    besluitGemeldOp: calendarDate.nullable().default(null),
    toelichting: z.string().trim().max(2000).default(''),
  })
  .refine((i) => i.ingangsdatum === undefined || Number(i.ingangsdatum.slice(0, 4)) === i.jaar, { message: 'the start date lies in the year of the bestedingsruimte (it runs to 31 December)', path: ['ingangsdatum'] })
export type BestedingsruimteInput = z.input<typeof bestedingsruimteInputSchema>

export const meldingInputSchema = z.object({
  /** The date of the letter. */
  gemeldOp: calendarDate,
  overlegGeplandOp: calendarDate.nullable().default(null),
})

export const overlegInputSchema = z
  .object({
    geplandOp: calendarDate.nullable().default(null),
    gehoudenOp: calendarDate.nullable().default(null),
    notitie: z.string().trim().max(2000).default(''),
  })
  .refine((o) => o.geplandOp !== null || o.gehoudenOp !== null, { message: 'give the planned date or the date the consultation was held', path: ['gehoudenOp'] })
  .refine((o) => o.gehoudenOp === null || o.notitie !== '', { message: 'a held consultation has a note of what was agreed', path: ['notitie'] })

export const besluitInputSchema = z
  .object({
    besluitOp: calendarDate,
    besluit: z.enum(['ongewijzigd', 'verhoogd', 'clientenstop']),
    notitie: z.string().trim().min(1, 'a decision says why').max(2000),
    /** With `verhoogd`: the new amount, the written adjustment of art. 1.5.7. */
    nieuwBedragCents: positiveCents.nullable().default(null),
  })
  .refine((b) => (b.besluit === 'verhoogd') === (b.nieuwBedragCents !== null), { message: 'a raised room has its new amount, and only then', path: ['nieuwBedragCents'] })

export const clientenstopInputSchema = z
  .object({
    providerId: z.number().int().positive(),
    segmentId: z.number().int().positive().nullable().default(null),
    van: calendarDate,
    tot: calendarDate.nullable().default(null),
    reden: z.string().trim().min(1, 'a stop says why').max(2000),
  })
  .refine((s) => s.tot === null || s.tot >= s.van, { message: 'the end lies on or after the start', path: ['tot'] })

export const opheffenInputSchema = z.object({ tot: calendarDate, notitie: z.string().trim().min(1, 'say why there is room again').max(2000) })
