import { describe, expect, it } from 'vitest'
import { taakvelden } from './iv3-taakvelden.ts'
import { spreadOverTaakvelden } from './taakveld.queries.ts'

describe('money without a taakveld of its own', () => {
  it("goes to the segment's taakvelden in proportion to its own figures there, to the cent", () => {
    expect(spreadOverTaakvelden(100_01, [{ taakveld: '6.73a', weight: 3 }, { taakveld: '6.73b', weight: 1 }], ['6.73a', '6.73b', '6.73c'])).toEqual([
      { taakveld: '6.73a', cents: 75_01 },
      { taakveld: '6.73b', cents: 25_00 },
    ])
  })

  it("goes equally over the segment's taakvelden when it has no figures there (a taakgericht segment)", () => {
    expect(spreadOverTaakvelden(17_450_200, [], ['6.71a'])).toEqual([{ taakveld: '6.71a', cents: 17_450_200 }])
    expect(spreadOverTaakvelden(100, [], ['6.73a', '6.73b', '6.73c'])).toEqual([
      { taakveld: '6.73a', cents: 34 },
      { taakveld: '6.73b', cents: 33 },
      { taakveld: '6.73c', cents: 33 },
    ])
  })

  it('is onbekend only for a segment without any taakveld', () => {
    expect(spreadOverTaakvelden(500, [], [])).toEqual([{ taakveld: 'onbekend', cents: 500 }])
  })
})

describe('the Iv3 taakvelden', () => {
  it('carry their official names', () => {
    expect(taakvelden['6.71a']).toBe('Huishoudelijke hulp (Wmo)')
    expect(taakvelden['6.74c']).toBe('Gesloten plaatsing')
  })
})
