/**
 * When a budget raises an early warning (issue 6 §3), as pure rules on the live figures.
 *
 * - **voor_op_budget** — seed 004 §5.6: "Als bijvoorbeeld een aanbieder binnen de eerste helft
 *   van het jaar al ruim over de benutting van het geschatte (half jaar) budget gedeclareerd
 *   heeft, komt er een signaal waarop gestuurd kan worden, zodat we tijdig het gesprek hierover
 *   aan kunnen gaan." A provider's realisation is above its budget × the pro-rata share of the
 *   year × (1 + the region's margin). With the default margin of 0 that is "more than half of
 *   the annual budget declared by 30 June".
 * - **prognose_boven_budget** — the forecast of a gemeente's segment budget, or of the
 *   region's segment (all its gemeenten), is above the budget.
 * - **plafond_bereikt** — what is realised and committed in a segment reaches its budget
 *   ceiling (bestedingsruimte, the segment's bekostiging): no room is left for new toewijzingen.
 *   It is the special case of a bestedingsruimte (src/bestedingsruimte, ADR 0031) for all the
 *   segment's providers together, at 100 % and without the terms of art. 1.5; both measure the
 *   room used with `roomUsed`.
 */
import type { BudgetSignalKind } from '../db/schema.ts'
import { formatEuro, formatPercent } from '../shared/format-nl.ts'
import { proRataShare } from './forecast.rules.ts'

/** The kinds these rules raise (a strategy target's signal shares the table, src/targets). */
export const budgetSignalKinds = ['voor_op_budget', 'prognose_boven_budget', 'plafond_bereikt'] as const satisfies readonly BudgetSignalKind[]

export interface SignalSettings {
  /** How far above pro rata, in percent of the pro-rata amount, a provider may be. */
  margePct: number
}
export const defaultSignalSettings: SignalSettings = { margePct: 0 }

export interface BudgetLine {
  gemeenteId: number
  segmentId: number
  providerId?: number
  budgetCents: number
  realisedCents: number
  openCents: number
  forecastCents: number
}

export interface SegmentLine {
  segmentId: number
  ceilingCents: number | null
  budgetCents: number
  realisedCents: number
  openCents: number
  forecastCents: number
}

export interface SignalCandidate {
  soort: BudgetSignalKind
  gemeenteId: number | null
  providerId: number | null
  segmentId: number
  titel: string
  /** The figures that raised it, for its evidence. */
  bewijs: Record<string, number | string>
}

export interface Names {
  gemeente: (id: number) => string
  provider: (id: number) => string
  segment: (id: number) => string
}

/**
 * What a spending room (a segment's ceiling, a provider's bestedingsruimte) has used: realised
 * plus open commitments, so that a toewijzing counts from the day it is issued (ADR 0031).
 */
export const roomUsed = (line: { realisedCents: number; openCents: number }): number => line.realisedCents + line.openCents

/** Whole euros for a title (the evidence keeps the cents). */
const percent = (part: number, whole: number) => formatPercent((part / whole) * 100, 1, true)

export function budgetSignals(
  input: { year: number; asOf: string; settings: SignalSettings; providerBudgets: readonly BudgetLine[]; gemeenteBudgets: readonly BudgetLine[]; segments: readonly SegmentLine[] },
  names: Names,
): SignalCandidate[] {
  const out: SignalCandidate[] = []
  const share = proRataShare(input.year, input.asOf)
  if (share > 0) {
    for (const b of input.providerBudgets) {
      if (b.budgetCents <= 0 || b.providerId === undefined) continue
      const proRata = Math.round(b.budgetCents * share)
      const drempel = Math.round(proRata * (1 + input.settings.margePct / 100))
      if (b.realisedCents <= drempel) continue
      out.push({
        soort: 'voor_op_budget',
        gemeenteId: b.gemeenteId,
        providerId: b.providerId,
        segmentId: b.segmentId,
        titel: `${names.provider(b.providerId)} heeft in ${names.gemeente(b.gemeenteId)} voor ${names.segment(b.segmentId)} al ${percent(b.realisedCents, b.budgetCents)} van het budget ${input.year} gedeclareerd (pro rata ${percent(proRata, b.budgetCents)})`,
        bewijs: { budgetCents: b.budgetCents, gerealiseerdCents: b.realisedCents, proRataCents: proRata, drempelCents: drempel, margePct: input.settings.margePct, peildatum: input.asOf },
      })
    }
  }
  for (const b of input.gemeenteBudgets) {
    if (b.budgetCents <= 0 || b.forecastCents <= b.budgetCents) continue
    out.push({
      soort: 'prognose_boven_budget',
      gemeenteId: b.gemeenteId,
      providerId: null,
      segmentId: b.segmentId,
      titel: `Prognose ${names.segment(b.segmentId)} in ${names.gemeente(b.gemeenteId)} boven budget: ${formatEuro(b.forecastCents)} (${percent(b.forecastCents, b.budgetCents)} van het budget ${input.year})`,
      bewijs: { budgetCents: b.budgetCents, gerealiseerdCents: b.realisedCents, openCents: b.openCents, prognoseCents: b.forecastCents, peildatum: input.asOf },
    })
  }
  for (const s of input.segments) {
    if (s.budgetCents > 0 && s.forecastCents > s.budgetCents) {
      out.push({
        soort: 'prognose_boven_budget',
        gemeenteId: null,
        providerId: null,
        segmentId: s.segmentId,
        titel: `Prognose ${names.segment(s.segmentId)} in de regio boven budget: ${formatEuro(s.forecastCents)} (${percent(s.forecastCents, s.budgetCents)} van het budget ${input.year})`,
        bewijs: { budgetCents: s.budgetCents, gerealiseerdCents: s.realisedCents, openCents: s.openCents, prognoseCents: s.forecastCents, peildatum: input.asOf },
      })
    }
    if (s.ceilingCents !== null && roomUsed(s) >= s.ceilingCents) {
      out.push({
        soort: 'plafond_bereikt',
        gemeenteId: null,
        providerId: null,
        segmentId: s.segmentId,
        titel: `Bestedingsruimte ${names.segment(s.segmentId)} ${input.year} bereikt: gerealiseerd en verplicht ${formatEuro(roomUsed(s))} van ${formatEuro(s.ceilingCents)}`,
        bewijs: { plafondCents: s.ceilingCents, gerealiseerdCents: s.realisedCents, openCents: s.openCents, peildatum: input.asOf },
      })
    }
  }
  return out
}
