/**
 * Budgets: per gemeente × segment (and so wet) × year, and the geraamd budget per provider
 * × segment × gemeente × year (seed 004 §5.6: "We willen per aanbieder een bepaald budget
 * gaan ramen en opnemen in onze administratie en datasysteem"). A budget holds from–to
 * within one calendar year; two for the same key may not overlap.
 */
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import { refusingConstraints } from '../db/errors.ts'
import { calendarDate } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import { nonNegativeCents } from '../shared/money.ts'

const budgetPeriod = z
  .object({ validFrom: calendarDate, validTo: calendarDate })
  .refine((b) => b.validTo >= b.validFrom, { message: 'validTo before validFrom', path: ['validTo'] })
  .refine((b) => b.validFrom.slice(0, 4) === b.validTo.slice(0, 4), {
    message: 'a budget lies within one calendar year',
    path: ['validTo'],
  })

export const gemeenteBudgetInputSchema = z
  .object({
    gemeenteId: z.number().int().positive(),
    segmentId: z.number().int().positive(),
    validFrom: calendarDate,
    validTo: calendarDate,
    amountCents: nonNegativeCents,
  })
  .and(budgetPeriod)

export const providerBudgetInputSchema = z
  .object({
    providerId: z.number().int().positive(),
    segmentId: z.number().int().positive(),
    gemeenteId: z.number().int().positive(),
    validFrom: calendarDate,
    validTo: calendarDate,
    amountCents: nonNegativeCents,
  })
  .and(budgetPeriod)

export async function setGemeenteBudget(trx: ScopedDb, actor: Actor, raw: z.input<typeof gemeenteBudgetInputSchema>): Promise<number> {
  const input = gemeenteBudgetInputSchema.parse(raw)
  // Each gemeente stays financially responsible for its own residents (DOMAIN.md).
  if (actor.gemeenteId !== null && actor.gemeenteId !== input.gemeenteId) {
    throw new AppError('forbidden', 'a gemeente sets its own budget only')
  }
  return refusingConstraints(async () => {
    const row = await trx
      .insertInto('budget_gemeente')
      .values({
        region_id: actor.regionId,
        gemeente_id: input.gemeenteId,
        segment_id: input.segmentId,
        valid_from: input.validFrom,
        valid_to: input.validTo,
        amount_cents: input.amountCents,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
}

export async function setProviderBudget(trx: ScopedDb, actor: Actor, raw: z.input<typeof providerBudgetInputSchema>): Promise<number> {
  const input = providerBudgetInputSchema.parse(raw)
  return refusingConstraints(async () => {
    const row = await trx
      .insertInto('budget_provider')
      .values({
        region_id: actor.regionId,
        provider_id: input.providerId,
        segment_id: input.segmentId,
        gemeente_id: input.gemeenteId,
        valid_from: input.validFrom,
        valid_to: input.validTo,
        amount_cents: input.amountCents,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
}

export interface GemeenteBudgetLine {
  gemeenteId: number
  segmentId: number
  validFrom: string
  validTo: string
  amountCents: number
}
export interface SegmentTotal {
  segmentId: number
  amountCents: number
}
export interface ProviderBudgetLine {
  providerId: number
  segmentId: number
  gemeenteId: number
  amountCents: number
}
export interface BudgetOverview {
  year: number
  /** Per gemeente and segment; a gemeente role sees its own gemeente's lines only. */
  gemeenteBudgets: GemeenteBudgetLine[]
  /** Regional totals per segment (every role that may read budgets sees these). */
  regionalTotals: SegmentTotal[]
  /** Provider budgets; a provider sees its own, a gemeente those for its gemeente. */
  providerBudgets: ProviderBudgetLine[]
}

export async function getBudgetOverview(trx: ScopedDb, actor: Actor, year: number): Promise<BudgetOverview> {
  const from = `${year}-01-01`
  const to = `${year}-12-31`
  let gemeenteQuery = trx
    .selectFrom('budget_gemeente')
    .select(['gemeente_id', 'segment_id', 'valid_from', 'valid_to', 'amount_cents'])
    .where('valid_from', '>=', from)
    .where('valid_to', '<=', to)
    .orderBy('gemeente_id')
    .orderBy('segment_id')
  if (actor.gemeenteId !== null) gemeenteQuery = gemeenteQuery.where('gemeente_id', '=', actor.gemeenteId)
  const totals = await trx
    .selectFrom('budget_gemeente')
    .select(['segment_id', (eb) => eb.fn.sum<number>('amount_cents').as('amount')])
    .where('valid_from', '>=', from)
    .where('valid_to', '<=', to)
    .groupBy('segment_id')
    .orderBy('segment_id')
    .execute()
  let providerQuery = trx
    .selectFrom('budget_provider')
    .select(['provider_id', 'segment_id', 'gemeente_id', (eb) => eb.fn.sum<number>('amount_cents').as('amount')])
    .where('valid_from', '>=', from)
    .where('valid_to', '<=', to)
    .groupBy(['provider_id', 'segment_id', 'gemeente_id'])
    .orderBy('provider_id')
  if (actor.providerId !== null) providerQuery = providerQuery.where('provider_id', '=', actor.providerId)
  if (actor.gemeenteId !== null) providerQuery = providerQuery.where('gemeente_id', '=', actor.gemeenteId)
  const gemeenteRows = await gemeenteQuery.execute()
  const providerRows = await providerQuery.execute()
  return {
    year,
    gemeenteBudgets: actor.providerId !== null ? [] : gemeenteRows.map((r) => ({
      gemeenteId: r.gemeente_id,
      segmentId: r.segment_id,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      amountCents: r.amount_cents,
    })),
    regionalTotals: totals.map((t) => ({ segmentId: t.segment_id, amountCents: Number(t.amount) })),
    providerBudgets: providerRows.map((r) => ({
      providerId: r.provider_id,
      segmentId: r.segment_id,
      gemeenteId: r.gemeente_id,
      amountCents: Number(r.amount),
    })),
  }
}
