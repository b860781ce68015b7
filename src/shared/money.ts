/**
 * Money is an integer number of euro cents everywhere (the iStandaarden write Bedrag and
 * ProductTarief in cents too). Only the edges format it as euros, with format-nl.ts.
 */
import { z } from 'zod'

export type Cents = number

export const cents = z.number().int().refine(Number.isSafeInteger, 'amount out of range')
export const nonNegativeCents = cents.refine((n) => n >= 0, 'amount may not be negative')

/** Applies a yearly indexation in basis points (1 bp = 0.01 %) `years` times, rounding half up to a cent each year. */
export function indexTariff(tariff: Cents, indexationBasisPoints: number, years: number): Cents {
  let amount = tariff
  for (let y = 0; y < years; y++) {
    amount = Math.round((amount * (10_000 + indexationBasisPoints)) / 10_000)
  }
  return amount
}

/**
 * Euros as a person or a Dutch spreadsheet writes them (`1.234,56`, `1234,56`, `-12`, `€ 5`)
 * to cents, exactly; null when it is not such an amount.
 */
export function euroToCents(text: string): Cents | null {
  const m = /^(-)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(text.replace(/\s|€/g, ''))
  if (!m) return null
  const amount = Number(m[2]!.replace(/\./g, '')) * 100 + Number((m[3] ?? '0').padEnd(2, '0'))
  return Number.isSafeInteger(amount) ? (m[1] ? -amount : amount) : null
}

/** Divides `total` over `weights` in proportion, to the cent (largest remainder); equal parts when every weight is 0. */
export function divideCents(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return []
  const w = weights.map((x) => Math.max(0, x))
  const sum = w.reduce((s, x) => s + x, 0)
  const exact = sum > 0 ? w.map((x) => (total * x) / sum) : w.map(() => total / w.length)
  const parts = exact.map(Math.floor)
  let rest = total - parts.reduce((s, x) => s + x, 0)
  const order = exact.map((e, i) => ({ i, frac: e - parts[i]! })).sort((a, b) => b.frac - a.frac || a.i - b.i)
  for (const { i } of order) {
    if (rest <= 0) break
    parts[i]!++
    rest--
  }
  return parts
}
