/**
 * The proposed budget per provider (seed 004 §5.6: "Op basis van historische gegevens
 * berekenen we hoeveel middelen we per segment en per aanbieder reserveren"). The method
 * (docs/budgetten.md): each provider's share of last year's realisation in the gemeente's
 * segment, applied to this year's gemeente budget for the segment — so the gemeente's
 * choices for the year (growth, the strategy's savings) carry through to every provider.
 * Without a gemeente budget the proposal is last year's realisation itself. Rounded by
 * largest remainder, so the proposals add up to the gemeente budget to the cent.
 */
import { divideCents } from '../shared/money.ts'

export interface ProviderHistory {
  providerId: number
  /** Last year's realisation in the gemeente's segment, in cents (negative counts as 0). */
  lastYearCents: number
}

export interface Proposal {
  providerId: number
  lastYearCents: number
  proposalCents: number
}

export function proposeProviderBudgets(history: readonly ProviderHistory[], gemeenteBudgetCents: number | null): Proposal[] {
  const base = history.map((h) => ({ providerId: h.providerId, lastYearCents: Math.max(0, h.lastYearCents) }))
  const total = base.reduce((s, h) => s + h.lastYearCents, 0)
  if (gemeenteBudgetCents === null || total === 0) return base.map((h) => ({ ...h, proposalCents: h.lastYearCents }))
  const parts = divideCents(gemeenteBudgetCents, base.map((h) => h.lastYearCents))
  return base.map((h, i) => ({ ...h, proposalCents: parts[i]! }))
}
