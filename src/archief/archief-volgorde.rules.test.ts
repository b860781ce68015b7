import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { istandaardenDir } from '../istandaarden/testing/shared-dir.ts'
import { type Berichtkop, leesKop, partijen, volgorde } from './archief-volgorde.rules.ts'

const example = (code: string) => readFileSync(join(istandaardenDir(), 'ijw-3.2', 'examples', `JW${code}.xml`), 'utf8')

describe('leesKop', () => {
  it('reads a 301 of the official examples: kind, parties, identification', () => {
    const kop = leesKop(example('301'))!
    expect(kop.kind).toEqual({ law: 'ijw', code: '301' })
    expect(partijen(kop)).toEqual({ gemeente: kop.afzender, aanbieder: kop.ontvanger })
    expect(kop.identificatieRetour).toBeUndefined()
  })

  it('reads a retour: the heen identification and its own, and the gemeente of a 306 as Ontvanger of the repeated header', () => {
    const kop = leesKop(example('306'))!
    expect(kop.kind.code).toBe('306')
    expect(kop.identificatieRetour).toBeDefined()
    expect(partijen(kop)).toEqual({ gemeente: kop.ontvanger, aanbieder: kop.afzender })
    const k302 = leesKop(example('302'))!
    // A 302 answers the gemeente's 301: the repeated header names the gemeente as Afzender.
    expect(partijen(k302)).toEqual({ gemeente: '0384', aanbieder: '42420001' })
    expect(k302.dagtekeningRetour).toBe('2023-07-16')
  })

  it("reads a 325's DeclaratieIdentificatie: the 323 it answers", () => {
    const kop = leesKop(example('325'))!
    expect(kop).toMatchObject({ identificatie: '654321987', declaratieIdentificatie: '765432198' })
  })

  it('gives nothing for a file that is no iJw/iWmo 3.2 message', () => {
    expect(leesKop('<html><body>niets</body></html>')).toBeUndefined()
    expect(leesKop(example('301').replace(/<[^>]*Afzender>[^<]*<\/[^>]*Afzender>/, ''))).toBeUndefined()
  })
})

describe('volgorde', () => {
  const kop = (code: Berichtkop['kind']['code'], dagtekening: string, identificatie: string, retour?: string): Berichtkop => ({ kind: { law: 'ijw', code }, afzender: 'x', ontvanger: 'y', identificatie, dagtekening, ...(retour ? { identificatieRetour: identificatie, dagtekeningRetour: retour } : {}) })
  it('puts causes before effects: by day, then by step of the exchange, then by number', () => {
    const items = [
      { bron: 'a', kop: kop('325', '2027-01-05', '9') },
      { bron: 'b', kop: kop('323', '2027-01-05', '3') },
      { bron: 'c', kop: kop('305', '2026-12-03', '10') },
      { bron: 'd', kop: kop('301', '2026-12-03', '2') },
      { bron: 'e', kop: kop('301', '2026-12-03', '11') },
      { bron: 'f', kop: kop('306', '2026-11-01', '10', '2026-12-04') },
      { bron: 'g', kop: kop('315', '2026-12-03', '1') },
    ]
    expect(volgorde(items).map((i) => i.bron)).toEqual(['g', 'd', 'e', 'c', 'f', 'b', 'a'])
  })
})
