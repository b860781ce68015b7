/**
 * Budgets: per gemeente × segment (and so wet) × year, and the geraamd budget per provider
 * × segment × gemeente × year (seed 004 §5.6: "We willen per aanbieder een bepaald budget
 * gaan ramen en opnemen in onze administratie en datasysteem"). A budget holds from–to
 * within one calendar year; two for the same key may not overlap.
 */
import { sql } from 'kysely'
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import { refusingConstraints } from '../db/errors.ts'
import { calendarDate } from '../shared/request.schema.ts'
import { AppError } from '../shared/errors.ts'
import { nonNegativeCents } from '../shared/money.ts'
import { budgetSignalsChanged } from './follow-up.ts'
import { yearBudgetSchema } from './budget.schema.ts'

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
    reden: z.string().trim().min(1).max(500).default('Vastgesteld'),
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
    reden: z.string().trim().min(1).max(500).default('Vastgesteld'),
  })
  .and(budgetPeriod)

export async function setGemeenteBudget(trx: ScopedDb, actor: Actor, raw: z.input<typeof gemeenteBudgetInputSchema>): Promise<number> {
  const input = gemeenteBudgetInputSchema.parse(raw)
  // Each gemeente stays financially responsible for its own residents (DOMAIN.md).
  if (actor.gemeenteId !== null && actor.gemeenteId !== input.gemeenteId) {
    throw new AppError('budget.other_gemeente', 'a gemeente sets its own budget only')
  }
  // A budget is no input of the stored figures, but it decides the signals.
  budgetSignalsChanged(trx, actor.regionId, Number(input.validFrom.slice(0, 4)))
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
    await recordChange(trx, actor, { soort: 'gemeente', gemeenteId: input.gemeenteId, providerId: null, segmentId: input.segmentId, jaar: Number(input.validFrom.slice(0, 4)), oudCents: null, nieuwCents: input.amountCents, reden: input.reden })
    return row.id
  })
}

export async function setProviderBudget(trx: ScopedDb, actor: Actor, raw: z.input<typeof providerBudgetInputSchema>): Promise<number> {
  const input = providerBudgetInputSchema.parse(raw)
  budgetSignalsChanged(trx, actor.regionId, Number(input.validFrom.slice(0, 4)))
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
    await recordChange(trx, actor, { soort: 'aanbieder', gemeenteId: input.gemeenteId, providerId: input.providerId, segmentId: input.segmentId, jaar: Number(input.validFrom.slice(0, 4)), oudCents: null, nieuwCents: input.amountCents, reden: input.reden })
    return row.id
  })
}

interface Change {
  soort: 'gemeente' | 'aanbieder'
  gemeenteId: number
  providerId: number | null
  segmentId: number
  jaar: number
  oudCents: number | null
  nieuwCents: number
  reden: string
}

/** Every change to a budget is kept: who, when, why, from what to what (issue 6). */
async function recordChange(trx: ScopedDb, actor: Actor, c: Change): Promise<void> {
  await trx
    .insertInto('budget_wijziging')
    .values({ region_id: actor.regionId, soort: c.soort, gemeente_id: c.gemeenteId, provider_id: c.providerId, segment_id: c.segmentId, jaar: c.jaar, oud_cents: c.oudCents, nieuw_cents: c.nieuwCents, reden: c.reden, door: actor.userId, door_naam: actor.name })
    .execute()
}

/**
 * Sets the budget of a whole year for one key, replacing the amount of the budget that
 * covers the year, and keeps the change. A key whose year is split into periods is changed
 * period by period (the periods would not say which part the new amount replaces).
 */
export async function setYearBudget(trx: ScopedDb, actor: Actor, raw: z.input<typeof yearBudgetSchema>): Promise<{ id: number; oudCents: number | null }> {
  const input = yearBudgetSchema.parse(raw)
  if (actor.gemeenteId !== null && actor.gemeenteId !== input.gemeenteId) throw new AppError('budget.other_gemeente', 'a gemeente sets its own budget only')
  budgetSignalsChanged(trx, actor.regionId, input.jaar)
  const from = `${input.jaar}-01-01`
  const to = `${input.jaar}-12-31`
  const table = input.soort === 'gemeente' ? 'budget_gemeente' : 'budget_provider'
  let q = trx.selectFrom(table).select(['id', 'valid_from', 'valid_to', 'amount_cents']).where('gemeente_id', '=', input.gemeenteId).where('segment_id', '=', input.segmentId).where('valid_from', '>=', from).where('valid_to', '<=', to)
  if (input.providerId !== null) q = q.where('provider_id' as never, '=', input.providerId as never)
  const existing = await q.execute()
  const whole = existing.find((e) => e.valid_from === from && e.valid_to === to)
  if (existing.length > 0 && (!whole || existing.length > 1)) {
    throw new AppError('budget.set_in_periods', `the ${input.jaar} budget of this key is set in ${existing.length} periods; change those periods instead of the whole year`)
  }
  if (whole) {
    if (whole.amount_cents === input.amountCents) return { id: whole.id, oudCents: whole.amount_cents }
    await trx.updateTable(table).set({ amount_cents: input.amountCents }).where('id', '=', whole.id).execute()
    await recordChange(trx, actor, { ...input, oudCents: whole.amount_cents, nieuwCents: input.amountCents })
    return { id: whole.id, oudCents: whole.amount_cents }
  }
  const common = { gemeenteId: input.gemeenteId, segmentId: input.segmentId, validFrom: from, validTo: to, amountCents: input.amountCents, reden: input.reden }
  const id = input.soort === 'gemeente' ? await setGemeenteBudget(trx, actor, common) : await setProviderBudget(trx, actor, { ...common, providerId: input.providerId! })
  return { id, oudCents: null }
}

export interface BudgetChange extends Change {
  id: number
  door: string
  op: string
}

/** The changes to the budgets of a year in the actor's scope, newest first. */
export async function budgetChanges(trx: ScopedDb, actor: Actor, filter: { jaar: number; gemeenteId?: number; segmentId?: number; providerId?: number }): Promise<BudgetChange[]> {
  let q = trx.selectFrom('budget_wijziging').selectAll().where('region_id', '=', actor.regionId).where('jaar', '=', filter.jaar).orderBy('op', 'desc').orderBy('id', 'desc')
  const gemeenteId = actor.gemeenteId ?? filter.gemeenteId
  const providerId = actor.providerId ?? filter.providerId
  if (gemeenteId !== undefined) q = q.where('gemeente_id', '=', gemeenteId)
  if (providerId !== undefined) q = q.where('provider_id', '=', providerId)
  if (filter.segmentId !== undefined) q = q.where('segment_id', '=', filter.segmentId)
  return (await q.execute()).map((r) => ({ id: r.id, soort: r.soort, gemeenteId: r.gemeente_id, providerId: r.provider_id, segmentId: r.segment_id, jaar: r.jaar, oudCents: r.oud_cents, nieuwCents: r.nieuw_cents, reden: r.reden, door: r.door_naam, op: new Date(r.op).toISOString() }))
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
  // The region's totals per segment: sums from a security-definer function (migration 0015), since a gemeente reads only its own budget rows and a provider none.
  const { rows: totals } = await sql<{ segment_id: number; amount: number }>`
    select segment_id, amount_cents as amount from koers_budget_regio_totalen(${from}::date, ${to}::date) order by segment_id`.execute(trx)
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
