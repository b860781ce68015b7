/** The body of POST /api/toewijzingen/clients/{id}/pgb (ADR 0032): pure, so the web form checks it with the same schema. */
import { z } from 'zod'
import { productcategorieen } from '../istandaarden/codelists.ts'
import { calendarDate, nonNegativeCents } from '../shared/request.schema.ts'

export const pgbInputSchema = z
  .object({
    wet: z.enum(['jeugdwet', 'wmo']),
    productcategorie: z.string().regex(/^[0-9]{2}$/, 'een productcategorie van twee cijfers'),
    /** Empty: the pgb covers the whole categorie. */
    productcode: z.string().regex(/^[0-9A-Za-z]{1,5}$/, 'een productcode van ten hoogste vijf tekens').optional(),
    ingangsdatum: calendarDate,
    einddatum: calendarDate,
    budgetCents: nonNegativeCents.optional(),
    /** OP186: the provider agreed that its toewijzing ends on a day already past. */
    akkoordAanbieder: z.boolean().default(false),
    toelichting: z.string().trim().max(2000).default(''),
  })
  .refine((p) => p.einddatum >= p.ingangsdatum, { message: 'de einddatum ligt niet voor de ingangsdatum', path: ['einddatum'] })
  .refine((p) => p.productcategorie in productcategorieen[p.wet], { message: 'deze productcategorie hoort niet bij de wet', path: ['productcategorie'] })
export type PgbInput = z.input<typeof pgbInputSchema>
