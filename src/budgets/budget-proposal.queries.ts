/**
 * Proposed provider budgets for a year, from last year's realisation (budget-proposal.rules.ts),
 * beside the budgets already set; and taking them over, each as a change with its history.
 */
import { sql } from 'kysely'
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import { type ScopedDb, narrowTo } from '../db/scope.ts'
import { AppError } from '../shared/errors.ts'
import { proposeProviderBudgets } from './budget-proposal.rules.ts'
import { setYearBudget } from './budget.queries.ts'
import { adoptSchema, proposalFilterSchema } from './budget.schema.ts'
import { nameLookup } from '../regions/names.queries.ts'

export interface ProposalRow {
  gemeenteId: number
  gemeente: string
  segmentId: number
  segment: string
  providerId: number
  aanbieder: string
  vorigJaarCents: number
  gemeenteBudgetCents: number | null
  huidigCents: number | null
  voorstelCents: number
}

/**
 * The proposal per gemeente, segment and provider. It weighs every provider's realisation
 * against the gemeente's budget, so none of it is a provider's own: a provider gets nothing.
 */
export async function providerBudgetProposals(trx: ScopedDb, actor: Actor, filter: z.infer<typeof proposalFilterSchema>): Promise<ProposalRow[]> {
  if (actor.providerId !== null) return []
  const gemeenteId = actor.gemeenteId ?? filter.gemeente ?? null
  const segmentId = filter.segment ?? null
  const scope = sql`region_id = ${actor.regionId} and ${narrowTo('gemeente_id', gemeenteId)} and ${narrowTo('segment_id', segmentId)}`
  const [history, gemeenteBudgets, current, names] = await Promise.all([
    sql<{ gemeente_id: number; segment_id: number; provider_id: number; cents: number }>`
      select gemeente_id, segment_id, provider_id, sum(cents)::bigint as cents from (
        select gemeente_id, segment_id, provider_id, debet_cents - credit_cents as cents from realisatie_maand
        where ${scope} and maand between ${`${filter.jaar - 1}-01-01`}::date and ${`${filter.jaar - 1}-12-01`}::date
        union all
        select gemeente_id, segment_id, provider_id, bedrag_cents from taakgericht_betaling
        where ${scope} and maand between ${`${filter.jaar - 1}-01-01`}::date and ${`${filter.jaar - 1}-12-01`}::date
      ) r group by 1, 2, 3`.execute(trx),
    sql<{ gemeente_id: number; segment_id: number; cents: number }>`
      select gemeente_id, segment_id, sum(amount_cents)::bigint as cents from budget_gemeente
      where ${scope} and valid_from >= ${`${filter.jaar}-01-01`}::date and valid_to <= ${`${filter.jaar}-12-31`}::date group by 1, 2`.execute(trx),
    sql<{ gemeente_id: number; segment_id: number; provider_id: number; cents: number }>`
      select gemeente_id, segment_id, provider_id, sum(amount_cents)::bigint as cents from budget_provider
      where ${scope} and valid_from >= ${`${filter.jaar}-01-01`}::date and valid_to <= ${`${filter.jaar}-12-31`}::date group by 1, 2, 3`.execute(trx),
    nameLookup(trx, actor.regionId),
  ])
  const budgetOf = new Map(gemeenteBudgets.rows.map((b) => [`${b.gemeente_id}|${b.segment_id}`, Number(b.cents)]))
  const currentOf = new Map(current.rows.map((b) => [`${b.gemeente_id}|${b.segment_id}|${b.provider_id}`, Number(b.cents)]))
  const groups = new Map<string, { gemeenteId: number; segmentId: number; history: { providerId: number; lastYearCents: number }[] }>()
  for (const h of history.rows) {
    const k = `${h.gemeente_id}|${h.segment_id}`
    let g = groups.get(k)
    if (!g) groups.set(k, (g = { gemeenteId: h.gemeente_id, segmentId: h.segment_id, history: [] }))
    g.history.push({ providerId: h.provider_id, lastYearCents: Number(h.cents) })
  }
  const out: ProposalRow[] = []
  for (const [k, g] of groups) {
    const budget = budgetOf.get(k) ?? null
    g.history.sort((a, b) => a.providerId - b.providerId)
    for (const p of proposeProviderBudgets(g.history, budget)) {
      out.push({
        gemeenteId: g.gemeenteId, gemeente: names.gemeente(g.gemeenteId), segmentId: g.segmentId, segment: names.segment(g.segmentId),
        providerId: p.providerId, aanbieder: names.provider(p.providerId), vorigJaarCents: p.lastYearCents, gemeenteBudgetCents: budget,
        huidigCents: currentOf.get(`${k}|${p.providerId}`) ?? null, voorstelCents: p.proposalCents,
      })
    }
  }
  return out.sort((a, b) => a.gemeente.localeCompare(b.gemeente) || a.segment.localeCompare(b.segment) || b.voorstelCents - a.voorstelCents)
}

/** Sets every proposed budget in the filter that differs from the current one. */
export async function adoptProposals(trx: ScopedDb, actor: Actor, raw: z.input<typeof adoptSchema>): Promise<{ changed: number }> {
  const input = adoptSchema.parse(raw)
  const rows = await providerBudgetProposals(trx, actor, input)
  let changed = 0
  for (const r of rows) {
    if (r.huidigCents === r.voorstelCents) continue
    try {
      await setYearBudget(trx, actor, { soort: 'aanbieder', gemeenteId: r.gemeenteId, providerId: r.providerId, segmentId: r.segmentId, jaar: input.jaar, amountCents: r.voorstelCents, reden: input.reden })
    } catch (error) {
      // All or none: the person learns which budget stands in the way.
      if (error instanceof AppError && error.reason === 'budget.set_in_periods') {
        throw new AppError(error.reason, error.message, [{ message: error.message, melding: `Het voorstel is niet overgenomen: het budget ${input.jaar} van ${r.aanbieder} in ${r.gemeente} (${r.segment}) is in perioden vastgelegd, niet voor het hele jaar. Er is niets gewijzigd; pas eerst die perioden aan.` }])
      }
      throw error
    }
    changed++
  }
  return { changed }
}
