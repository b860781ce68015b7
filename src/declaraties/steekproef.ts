/**
 * A lawfulness sample (steekproef, seed 004 ch. 9) by monetary-unit sampling: every euro cent
 * of the population has the same chance, so a line is drawn in proportion to its amount and
 * every line larger than the interval is drawn for certain. The population is the approved
 * debit lines, ordered by id; the interval is the population total divided by the sample
 * size, rounded up; a random start in [0, interval) comes from the stored seed, and the sample is every
 * line whose cumulative range holds start + k × interval. Given the same seed and population
 * (its SHA-256 is stored) the same lines come out.
 */
import { createHash } from 'node:crypto'

export interface PopulatieRegel {
  id: number
  bedragCents: number
}

export interface Trekking {
  id: number
  /** The first draw (k) that hit this line. */
  trekking: number
}

export interface MusResultaat {
  intervalCents: number
  startCents: number
  populatieCents: number
  populatieSha256: string
  getrokken: Trekking[]
}

/** A reproducible number in [0, 1) from a seed text (SHA-256 of it). */
export function seedFraction(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32
}

export function populatieDigest(populatie: readonly PopulatieRegel[]): string {
  const hash = createHash('sha256')
  for (const r of populatie) hash.update(`${r.id}:${r.bedragCents}\n`)
  return hash.digest('hex')
}

/** Draws a monetary-unit sample of `omvang` draws from `populatie` (ordered by id). */
export function monetaryUnitSample(populatie: readonly PopulatieRegel[], omvang: number, seed: string): MusResultaat {
  const sorted = [...populatie].sort((a, b) => a.id - b.id)
  const total = sorted.reduce((sum, r) => sum + r.bedragCents, 0)
  const digest = populatieDigest(sorted)
  if (total <= 0 || omvang <= 0) return { intervalCents: 0, startCents: 0, populatieCents: total, populatieSha256: digest, getrokken: [] }
  // Rounded up, so that the draws reach the end of the population: a line of at least the
  // interval then always holds a draw (rounded down, the last draws could fall short of it).
  const interval = Math.max(1, Math.ceil(total / omvang))
  const start = Math.floor(seedFraction(seed) * interval)
  const getrokken: Trekking[] = []
  let k = 0
  let point = start
  let cumulative = 0
  for (const r of sorted) {
    const end = cumulative + r.bedragCents
    let first: number | null = null
    while (k < omvang && point < end) {
      if (first === null) first = k
      k++
      point = start + k * interval
    }
    if (first !== null) getrokken.push({ id: r.id, trekking: first })
    cumulative = end
    if (k >= omvang) break
  }
  return { intervalCents: interval, startCents: start, populatieCents: total, populatieSha256: digest, getrokken }
}
