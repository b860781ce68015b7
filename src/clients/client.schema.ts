/** The bodies of the client routes (ADR 0032): a search by BSN and who holds authority. Pure, so the web forms check them too. */
import { z } from 'zod'
import { bsnSchema } from '../shared/request.schema.ts'

export const postcodeSchema = z.string().regex(/^[1-9][0-9]{3}[A-Z]{2}$/, 'a postcode is 4 digits and 2 capital letters, e.g. 3701AB')
export const huisnummerSchema = z.number().int().min(1).max(99_999)

export const clientSearchSchema = z.object({ bsn: bsnSchema })

export const gezagsdragerSchema = z
  .object({
    /** OP071: the number of an existing relation, to keep it; a new one gets the next number. */
    nummer: z.number().int().min(1).max(999).optional(),
    /** LDT_SoortRelatie: 10 ouder, 11 voogd. */
    soort: z.enum(['10', '11']),
    achternaam: z.string().trim().min(1).max(200),
    voorvoegsel: z.string().trim().max(10).default(''),
    voorletters: z.string().trim().regex(/^[A-Za-z]{0,6}$/, 'voorletters aaneengesloten, zonder punten (IV007)').default(''),
    /** IV045: a voogdij held by an organisation; its name goes in `achternaam`. */
    organisatie: z.boolean().default(false),
    postcode: postcodeSchema.optional(),
    huisnummer: huisnummerSchema.optional(),
    telefoon: z.string().regex(/^0[0-9]{9}$/, 'een telefoonnummer van 10 cijfers, bijvoorbeeld 0301234567').optional(),
  })
  .refine((g) => (g.postcode === undefined) === (g.huisnummer === undefined), { message: 'postcode en huisnummer horen bij elkaar', path: ['huisnummer'] })
  // OP130, TR006: a name, with a full address and/or a telephone number.
  .refine((g) => g.postcode !== undefined || g.telefoon !== undefined, { message: 'OP130: geef een adres (postcode en huisnummer) en/of een telefoonnummer', path: ['telefoon'] })
  .refine((g) => !g.organisatie || g.soort === '11', { message: 'IV045: een organisatie heeft gezag als voogd (soort 11)', path: ['organisatie'] })

export const gezagInputSchema = z
  .object({
    /** OP001, OP002x2: the client (16 or older) holds the authority. */
    gezagBijClient: z.boolean().default(false),
    gezagsdragers: z.array(gezagsdragerSchema).max(2, 'het gezag ligt bij ten hoogste twee personen').default([]),
  })
  .refine((g) => !(g.gezagBijClient && g.gezagsdragers.length > 0), { message: 'OP002x2: ligt het gezag bij de cliënt zelf, dan geen andere gezagsdrager', path: ['gezagsdragers'] })
export type GezagInput = z.input<typeof gezagInputSchema>
