/**
 * The voorliggend veld in the budget (issue 22 §1; seed 004 §2.2 and §7, "communicerende
 * vaten"): budget lines for collective provisions, groepsaanbod, subsidies and taakgericht lump
 * sums to welfare organisations beside the maatwerk segments' budgets. Seed 004's target: from
 * 2027 at least 10 % of the budget for additional care to the voorliggende voorzieningen, 25 %
 * in 2030 — measured as the share below.
 */
/** The law a line or a segment falls under. */
export type Wet = 'jeugdwet' | 'wmo'

export const voorliggendSoorten = ['collectieve_voorziening', 'groepsaanbod', 'subsidie', 'taakgericht'] as const
export type VoorliggendSoort = (typeof voorliggendSoorten)[number]

/** The Dutch names of the kinds, for pages, exports and imports. */
export const voorliggendSoortNaam: Record<VoorliggendSoort, string> = {
  collectieve_voorziening: 'Collectieve voorziening',
  groepsaanbod: 'Groepsaanbod',
  subsidie: 'Subsidie',
  taakgericht: 'Taakgericht (lumpsum)',
}

/** One year's budget of one gemeente and wet: a maatwerk segment's (segmentId) or a voorliggend line's (segmentId null). */
export interface BudgetYear {
  gemeenteId: number
  /** The maatwerk segment; null for a line of the voorliggend veld. */
  segmentId: number | null
  wet: Wet
  jaar: number
  cents: number
}

/**
 * The share of the social-domain budget that goes to the voorliggend veld, in percent to one
 * decimal: voorliggend / (voorliggend + maatwerk). Null without a maatwerk budget beside it
 * (ADR 0043): the voorliggend veld alone is no share, not 100 %.
 * Example: 1,000,000 voorliggend beside 9,000,000 maatwerk → 10.
 */
export function voorliggendShare(voorliggendCents: number, maatwerkCents: number): number | null {
  if (maatwerkCents <= 0) return null
  return Math.round((voorliggendCents / (voorliggendCents + maatwerkCents)) * 1000) / 10
}

/**
 * The share over budget years, each year weighted by how many of its months lie in the period
 * (`monthsIn(jaar)`, 0–12). A voorliggend line counts when its gemeente has a maatwerk budget of
 * its wet (a positive amount) weighing in the period ("voorliggend van dezelfde wet en gemeente",
 * ADR 0043): so the share never compares one wet's or gemeente's voorliggend veld with another's
 * maatwerk, and without any maatwerk budget there is no share. Over one whole year it is that
 * year's share.
 */
export function voorliggendShareOver(rows: readonly BudgetYear[], monthsIn: (jaar: number) => number): { waarde: number | null; voorliggendCents: number; maatwerkCents: number } {
  const withMaatwerk = new Set<string>()
  let m = 0
  for (const r of rows) {
    const months = r.segmentId === null ? 0 : monthsIn(r.jaar)
    if (months <= 0) continue
    if (r.cents > 0) withMaatwerk.add(`${r.gemeenteId}|${r.wet}`)
    m += (r.cents * months) / 12
  }
  let v = 0
  for (const r of rows) {
    if (r.segmentId !== null || !withMaatwerk.has(`${r.gemeenteId}|${r.wet}`)) continue
    const months = monthsIn(r.jaar)
    if (months > 0) v += (r.cents * months) / 12
  }
  return { waarde: voorliggendShare(v, m), voorliggendCents: Math.round(v), maatwerkCents: Math.round(m) }
}
