/** The body of POST /api/targets (ADR 0032): pure, so the web form checks it with the same schema. */
import { z } from 'zod'
import { kpiCodes } from '../kpis/kpi.rules.ts'
import { calendarDate, id } from '../shared/request.schema.ts'

export const targetInputSchema = z
  .object({
    segmentId: id,
    kpi: z.enum(kpiCodes),
    naam: z.string().trim().min(1).max(200),
    basisVan: calendarDate,
    basisTot: calendarDate,
    /** The baseline; computed from the live KPIs over the baseline period when left out. */
    basisWaarde: z.number().finite().optional(),
    /** The target as a value, or as a change of the baseline in percent (−20 for "20 % minder"). */
    doelWaarde: z.number().finite().optional(),
    doelRelatiefPct: z.number().finite().min(-100).max(1000).optional(),
    doelDatum: calendarDate,
    richting: z.enum(['omlaag', 'omhoog']),
    /** Where the target comes from (the strategy's words). */
    bron: z.string().trim().max(2000).default(''),
  })
  .refine((t) => t.basisVan <= t.basisTot, { message: 'the baseline period ends before it begins', path: ['basisTot'], params: { melding: 'De basisperiode eindigt voor zij begint: kies een latere einddatum.' } })
  .refine((t) => t.doelDatum > t.basisTot, { message: 'the target date must lie after the baseline period', path: ['doelDatum'], params: { melding: 'De doeldatum moet na de basisperiode liggen.' } })
  .refine((t) => (t.doelWaarde === undefined) !== (t.doelRelatiefPct === undefined), { message: 'give the target as a value or as a percentage of the baseline, not both', path: ['doelWaarde'], params: { melding: 'Geef het doel als waarde of als percentage van de basis, niet allebei.' } })
export type TargetInput = z.input<typeof targetInputSchema>
