/**
 * The levers of a what-if scenario (issue 22 §3), one Zod schema for the route, the stored JSON
 * and the page. Every lever takes effect from the scenario's start date.
 */
import { z } from 'zod'
import { nonNegativeCents } from '../shared/money.ts'
import { type FlowChanges, type MonthNo } from './flow-model.rules.ts'

export const leverSchema = z.discriminatedUnion('soort', [
  /** Inflow ± x % (seed 004: "20 % minder instroom vanaf 2027"). */
  z.object({ soort: z.literal('instroom'), pct: z.number().finite().min(-100).max(200) }),
  /** x % of the new requests go to the voorliggend veld instead, at a cost per person there (once, in the month of the request). */
  z.object({ soort: z.literal('voorliggend'), pct: z.number().finite().min(0).max(100), kostenPerPersoonCents: nonNegativeCents }),
  /** Trajecten of the ontwikkeling perspective end after at most this many months (seed 004: 9); where the model does not know a traject's perspective, `aandeelPct` of them are taken to be ontwikkeling. */
  z.object({ soort: z.literal('maximale_duur'), maanden: z.number().int().min(1).max(120), aandeelPct: z.number().finite().min(0).max(100).default(100) }),
  /** The segment's funding model changes: a taakgericht lump sum per year (declarations disappear), or an outputgericht price per new traject. */
  z.object({ soort: z.literal('naar_taakgericht'), lumpsumPerJaarCents: nonNegativeCents }),
  z.object({ soort: z.literal('naar_outputgericht'), trajectprijsCents: nonNegativeCents }),
  /** A tariff index each year from the start: aandeelOvaPct % OVA plus the rest PPC (Jeugd: 90 % OVA + 10 % PPC). */
  z.object({ soort: z.literal('tariefindex'), ovaPct: z.number().finite().min(-20).max(30), ppcPct: z.number().finite().min(-20).max(30), aandeelOvaPct: z.number().finite().min(0).max(100).default(90) }),
  /** A bestedingsruimte (budget ceiling) per year for the segment: what would be spent above it is not. */
  z.object({ soort: z.literal('bestedingsruimte'), perJaarCents: nonNegativeCents }),
  /** A provider leaves: its clients go on with the other providers (each in proportion to its share). */
  z.object({ soort: z.literal('aanbieder_stopt'), providerId: z.number().int().positive() }),
])
export type Lever = z.infer<typeof leverSchema>
export type LeverInput = z.input<typeof leverSchema>

/** At most one lever of each kind, one funding model change, a provider leaving once. */
export const leversSchema = z
  .array(leverSchema)
  .max(8)
  .refine((ls) => new Set(ls.map((l) => (l.soort === 'aanbieder_stopt' ? `${l.soort}-${l.providerId}` : l.soort.startsWith('naar_') ? 'bekostiging' : l.soort))).size === ls.length, { message: 'each lever at most once (one funding model, a provider leaving once)' })

/** The Dutch name of each kind, for pages, exports and the council's page. */
export const leverNaam: Record<Lever['soort'], string> = {
  instroom: 'Instroom',
  voorliggend: 'Naar het voorliggend veld',
  maximale_duur: 'Maximale duur ontwikkelingstrajecten',
  naar_taakgericht: 'Taakgericht (lumpsum)',
  naar_outputgericht: 'Outputgericht (trajectprijs)',
  tariefindex: 'Tariefindexatie',
  bestedingsruimte: 'Bestedingsruimte',
  aanbieder_stopt: 'Aanbieder stopt',
}

/** What the levers change in the flow from `start` on: inflow (± x %, minus the share sent to the voorliggend veld) and a maximum duration. */
export function flowChanges(levers: readonly Lever[], start: MonthNo): FlowChanges {
  let factor = 1
  let maxDuration: FlowChanges['maxDuration'] = null
  for (const l of levers) {
    if (l.soort === 'instroom') factor *= 1 + l.pct / 100
    if (l.soort === 'voorliggend') factor *= 1 - l.pct / 100
    if (l.soort === 'maximale_duur') maxDuration = { from: start, months: l.maanden, share: l.aandeelPct / 100 }
  }
  return { inflowFactor: (m) => (m >= start ? factor : 1), maxDuration }
}

/** The share of the requests the voorliggend veld takes from `start` on (0 without that lever). */
export function voorliggendShareOf(levers: readonly Lever[]): { share: number; costPerPersonCents: number } {
  const l = levers.find((x) => x.soort === 'voorliggend')
  return l?.soort === 'voorliggend' ? { share: l.pct / 100, costPerPersonCents: l.kostenPerPersoonCents } : { share: 0, costPerPersonCents: 0 }
}

/** The price factor of month `m` under a tariff index: the first step at the start, then one every 1 January. */
export function tariffFactor(levers: readonly Lever[], start: MonthNo, m: MonthNo): number {
  const l = levers.find((x) => x.soort === 'tariefindex')
  if (l?.soort !== 'tariefindex' || m < start) return 1
  const rate = ((l.aandeelOvaPct / 100) * l.ovaPct + (1 - l.aandeelOvaPct / 100) * l.ppcPct) / 100
  // The 1 Januaries after the start up to m, each one step more.
  const steps = 1 + Math.floor(m / 12) - Math.floor(start / 12)
  return (1 + rate) ** steps
}
