/**
 * The bodies contract management's routes take (issue 20, ADR 0027), pure (ADR 0032): the routes
 * check them and the web app checks its forms with the same schemas before it sends.
 */
import { z } from 'zod'
import { calendarDate } from '../shared/request.schema.ts'

export const holdersInputSchema = z.object({ userIds: z.array(z.number().int().positive()).max(10) })

export const planInputSchema = z
  .object({ plannedOn: calendarDate, periodFrom: calendarDate, periodTo: calendarDate })
  .refine((p) => p.periodFrom <= p.periodTo, { message: 'the period ends before it begins', path: ['periodTo'] })

/** A note on an agenda item or with a closed agreement. */
const note = z.string().trim().max(4000)

export const agreementInputSchema = z.object({
  what: z.string().trim().min(1).max(1000),
  party: z.enum(['regio', 'aanbieder', 'samen']),
  person: z.string().trim().max(200).default(''),
  dueOn: calendarDate,
  kpi: z.string().regex(/^[a-z_]{2,40}$/).nullable().optional(),
  signalId: z.number().int().positive().nullable().optional(),
})

export const recordInputSchema = z.object({
  heldOn: calendarDate,
  present: z.string().trim().min(1).max(1000),
  notes: z.array(z.object({ item: z.string().regex(/^[a-z_]{2,40}$/), note })).max(40).default([]),
  agreements: z.array(agreementInputSchema).max(40).default([]),
})

export const closeAgreementSchema = z.object({ note })
