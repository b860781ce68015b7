import { describe, expect, it } from 'vitest'
import { contractedProviderIds } from './contracted-providers.rules.ts'

const award = (providerId: number, validFrom: string, validTo: string | null, gemeenteIds = [1]) => ({ id: providerId, providerId, gemeenteIds, validFrom, validTo })

describe('contracted providers of a segment', () => {
  const contracts = [
    { endDate: '2027-12-31', lots: [{ id: 1, segmentId: 10, awards: [award(1, '2024-01-01', null), award(2, '2024-01-01', '2025-12-31')] }, { id: 2, segmentId: 20, awards: [award(3, '2024-01-01', null)] }] },
    { endDate: '2025-06-30', lots: [{ id: 3, segmentId: 10, awards: [award(4, '2024-01-01', null)] }] },
  ]

  it('lists the providers with an award in a lot of the segment that runs on the day', () => {
    expect([...contractedProviderIds(contracts, 10, '2025-03-01')].sort()).toEqual([1, 2, 4])
  })

  it('leaves out an award that ended, one whose contract ended, and other segments', () => {
    expect([...contractedProviderIds(contracts, 10, '2026-03-01')]).toEqual([1])
    expect([...contractedProviderIds(contracts, 20, '2026-03-01')]).toEqual([3])
    expect([...contractedProviderIds(contracts, 30, '2026-03-01')]).toEqual([])
    expect([...contractedProviderIds(contracts, 10, '2023-12-31')]).toEqual([])
  })

  it("offers only the providers contracted for the client's gemeente", () => {
    const perGemeente = [{ endDate: '2027-12-31', lots: [{ id: 1, segmentId: 10, awards: [award(1, '2024-01-01', null, [1, 2]), award(2, '2024-01-01', null, [2]), award(3, '2024-01-01', null, [1])] }] }]
    expect([...contractedProviderIds(perGemeente, 10, '2025-03-01', 1)].sort()).toEqual([1, 3])
    expect([...contractedProviderIds(perGemeente, 10, '2025-03-01', 2)].sort()).toEqual([1, 2])
    expect([...contractedProviderIds(perGemeente, 10, '2025-03-01', 9)]).toEqual([])
    expect([...contractedProviderIds(perGemeente, 10, '2025-03-01')].sort()).toEqual([1, 2, 3])
  })
})
