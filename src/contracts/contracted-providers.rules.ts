/**
 * Which providers hold a contract for a segment (issue 18 §2): the choice of provider in the
 * toewijzing form. Pure: the contracts as GET /api/region answers them. A provider outside this
 * list can still be chosen as an exception ("nee, tenzij", rule TG-GEGUND decides on the server).
 */
import type { Contract } from './contract.queries.ts'

/**
 * The ids of the providers with an award in a lot of `segmentId` that runs on `on` (an award
 * without an end runs as long as its contract) and, when `gemeenteId` is given, covers that
 * gemeente: an award names the gemeenten it contracts for (the client's gemeente decides, TG-GEGUND).
 */
export function contractedProviderIds(contracts: readonly Pick<Contract, 'endDate' | 'lots'>[], segmentId: number, on: string, gemeenteId: number | null = null): Set<number> {
  const ids = new Set<number>()
  for (const contract of contracts) {
    for (const lot of contract.lots) {
      if (lot.segmentId !== segmentId) continue
      for (const award of lot.awards) {
        const until = award.validTo ?? contract.endDate
        if (award.validFrom <= on && on <= until && (gemeenteId === null || award.gemeenteIds.includes(gemeenteId))) ids.add(award.providerId)
      }
    }
  }
  return ids
}
