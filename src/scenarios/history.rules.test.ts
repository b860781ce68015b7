import { describe, expect, it } from 'vitest'
import type { Traject } from '../kpis/kpi.rules.ts'
import { historiesOf } from './history.rules.ts'

const traject = (id: number, client: number, begin: string, eind: string): Traject => ({
  id, gemeenteId: 1, providerId: 5, segmentId: 9, wet: 'jeugdwet', client, begin, eind, reden: null, perDagCents: 1_000,
  aangevraagdOp: null, toegewezenOp: null, gestartOp: null, volgende: null, herstart: null, doorlopend: false, t1: {}, t2: null, t3: null,
})

describe('histories with the trajecten’s details', () => {
  // Client 1: an ontwikkeling traject (product 11) followed without a day between by a stabiliteit one (product 22); client 2: an observed beschikking.
  const trajecten = [traject(1, 1, '2026-01-01', '2026-03-31'), traject(2, 1, '2026-04-01', '2026-09-30'), traject(3, 2, '2026-02-01', '2026-04-30')]
  const byProduct = [
    { gemeenteId: 1, productId: 11, maand: '2026-01-01', cents: 500 },
    { gemeenteId: 1, productId: null, maand: '2026-02-01', cents: 700 },
    { gemeenteId: 2, productId: 11, maand: '2026-01-01', cents: 900 },
    { gemeenteId: 1, productId: 22, maand: '2026-07-01', cents: 300 },
  ]

  it('gives an episode the perspective it began under and its trajecten with their product; the realisation by product of its gemeente up to the peildatum', () => {
    const details = new Map([
      [1, { productId: 11, perspective: 'ontwikkeling' as const }],
      [2, { productId: 22, perspective: 'stabiliteit' as const }],
      [3, { productId: 11, perspective: null }],
    ])
    const [h] = historiesOf(trajecten, [], [1], '2026-06-30', '2025-06-01', { trajecten: details, byProduct })
    expect(h!.episodes).toEqual([
      { providerId: 5, begin: '2026-01-01', eind: null, perspective: 'ontwikkeling', trajecten: [{ productId: 11, begin: '2026-01-01', eind: '2026-03-31' }, { productId: 22, begin: '2026-04-01', eind: null }] },
      { providerId: 5, begin: '2026-02-01', eind: '2026-04-30', perspective: null, trajecten: [{ productId: 11, begin: '2026-02-01', eind: '2026-04-30' }] },
    ])
    expect(h!.realisedByProduct).toEqual([{ productId: 11, maand: '2026-01-01', cents: 500 }, { productId: null, maand: '2026-02-01', cents: 700 }])
  })

  it('leaves the costs unsplit when a traject is missing from the details, and the episodes as before without details', () => {
    const [h] = historiesOf(trajecten, [], [1], '2026-06-30', '2025-06-01', { trajecten: new Map([[1, { productId: 11, perspective: 'ontwikkeling' as const }]]), byProduct })
    expect(h!.realisedByProduct).toBeUndefined()
    expect(h!.episodes.every((e) => e.trajecten === undefined)).toBe(true)
    expect(h!.episodes.map((e) => e.perspective)).toEqual(['ontwikkeling', null])
    const [plain] = historiesOf(trajecten, [], [1], '2026-06-30', '2025-06-01')
    expect(plain!.episodes).toEqual([{ providerId: 5, begin: '2026-01-01', eind: null }, { providerId: 5, begin: '2026-02-01', eind: '2026-04-30' }])
  })
})
