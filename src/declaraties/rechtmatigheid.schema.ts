/** The bodies of the lawfulness routes (ADR 0032): drawing a sample and recording a finding. Pure: the web forms check them too. */
import { z } from 'zod'
import { id, maand } from '../shared/request.schema.ts'

export const steekproefInputSchema = z
  .object({
    providerId: id.optional(),
    /** Whose declarations: a gemeente's user leaves it out (its own); the toezichthouder names one. */
    gemeenteId: id.optional(),
    maandVan: maand,
    maandTot: maand,
    omvang: z.number().int().min(1).max(1000),
    /** Any text; a fresh random one when left out. Stored, so the draw can be repeated. */
    seed: z.string().min(1).max(100).optional(),
  })
  .refine((s) => s.maandVan <= s.maandTot, { message: 'maandVan comes before maandTot', path: ['maandTot'], params: { melding: 'De periode van de steekproef eindigt voor zij begint: kies een latere maand tot.' } })
export type SteekproefInput = z.input<typeof steekproefInputSchema>

export const sampleFindingSchema = z
  .object({
    uitkomst: z.enum(['rechtmatig', 'onrechtmatig', 'onzeker']),
    /** The amount found wrong, in cents (0 for rechtmatig). */
    foutCents: z.number().int().min(0).default(0),
    toelichting: z.string().max(2000).default(''),
  })
  .refine((u) => u.uitkomst !== 'rechtmatig' || u.foutCents === 0, { message: 'a lawful line has no error amount', path: ['foutCents'], params: { melding: 'Een rechtmatige prestatie heeft geen foutbedrag.' } })
  .refine((u) => u.uitkomst === 'rechtmatig' || u.toelichting.trim().length > 0, { message: 'say what was found', path: ['toelichting'], params: { melding: 'Schrijf in de toelichting wat u gevonden hebt.' } })
