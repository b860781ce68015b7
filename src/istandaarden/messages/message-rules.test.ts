/**
 * The level-2 TR rules on 305/307/315/317 (controleniveau "bericht inhoud (xslt)", retourcode
 * 0001): each refuses the message it describes and accepts the valid neighbour. The messages
 * are the standard's examples, changed in one place and written without the rules.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type MessageKind, xsdFolder } from '../message-catalog.ts'
import { productsClash } from './message-rules.ts'
import { type MessageObject, parseMessage } from './read-message.ts'
import { writeMessage } from './write-message.ts'
import { istandaardenDir } from '../testing/shared-dir.ts'

const example = (law: MessageKind['law'], name: string): MessageObject => structuredClone(parseMessage(readFileSync(join(istandaardenDir(), xsdFolder[law], 'examples', `${name}.xml`))).body!)
const client = (b: MessageObject) => b.Client as MessageObject
const dagtekening = (b: MessageObject, date: string) => (((b.Header as MessageObject).BerichtIdentificatie as MessageObject).Dagtekening = date)
const list = (b: MessageObject, group: string, item: string) => (client(b)[group] as MessageObject)[item] as MessageObject[]
const verzoek = (b: MessageObject) => client(b).Verzoek as MessageObject
const verzoekList = (b: MessageObject, group: string, item: string) => (verzoek(b)[group] as MessageObject)[item] as MessageObject[]

/** The level-2 rule codes the reader finds in the changed example. */
function level2(law: MessageKind['law'], name: string, change: (b: MessageObject) => unknown): string[] {
  const kind: MessageKind = { law, code: name.replace(/\D/g, '') as MessageKind['code'] }
  const b = example(law, name)
  change(b)
  const violations = parseMessage(writeMessage(kind, b, { checkRules: false })).violations
  expect(violations.every((v) => v.level === 2 && v.retourcode === '0001')).toBe(true)
  return violations.map((v) => v.rule)
}

describe('level 2: the TR rules within one provider message, answered with 0001', () => {
  it('TR002: a Geboortedatum more than 120 years before the Dagtekening is refused, unless it is unknown', () => {
    // JW305's Dagtekening is 2026-04-15.
    expect(level2('ijw', 'JW305', (b) => (client(b).Geboortedatum = { Datum: '1906-04-14' }))).toEqual(['TR002'])
    expect(level2('ijw', 'JW305', (b) => (client(b).Geboortedatum = { Datum: '1906-04-15' }))).toEqual([])
    expect(level2('ijw', 'JW305', (b) => (client(b).Geboortedatum = { Datum: '1900-01-01', DatumGebruik: '3' }))).toEqual([])
    expect(level2('iwmo', 'WMO315', (b) => (client(b).Geboortedatum = { Datum: '1900-01-01', DatumGebruik: '1' }))).toEqual(['TR002'])
  })

  it('TR134: a Geboortedatum, the Begindatum of a start or the Einddatum of a stop after the Dagtekening is refused', () => {
    expect(level2('ijw', 'JW305', (b) => (client(b).Geboortedatum = { Datum: '2026-04-16' }))).toEqual(['TR134'])
    expect(level2('ijw', 'JW305', (b) => (list(b, 'StartProducten', 'StartProduct')[0]!.Begindatum = '2026-04-16'))).toEqual(['TR134'])
    expect(level2('ijw', 'JW305', (b) => (list(b, 'StartProducten', 'StartProduct')[0]!.Begindatum = '2026-04-15'))).toEqual([])
    // JW307's Dagtekening is 2026-07-20.
    expect(level2('ijw', 'JW307', (b) => (list(b, 'StopProducten', 'StopProduct')[0]!.Einddatum = '2026-07-21'))).toEqual(['TR134'])
    expect(level2('ijw', 'JW307', (b) => (list(b, 'StopProducten', 'StopProduct')[0]!.Einddatum = '2026-07-20'))).toEqual([])
  })

  it('TR018: the Einddatum of a stop lies on or after its Begindatum', () => {
    expect(level2('ijw', 'JW307', (b) => (list(b, 'StopProducten', 'StopProduct')[0]!.Einddatum = '2026-04-02'))).toEqual(['TR018'])
    expect(level2('ijw', 'JW307', (b) => (list(b, 'StopProducten', 'StopProduct')[0]!.Einddatum = '2026-04-03'))).toEqual([])
  })

  it('TR101: a start, or a stop, twice with the same logical key in one message is refused — also a removal and its replacement', () => {
    const twice = (b: MessageObject) => {
      const [first] = list(b, 'StartProducten', 'StartProduct')
      list(b, 'StartProducten', 'StartProduct')[1] = { ...first!, StatusAanlevering: '3', ToewijzingIngangsdatum: '2026-01-01' }
    }
    // IV008: a correction of an element outside the key (ToewijzingIngangsdatum) goes in a separate message.
    expect(level2('ijw', 'JW305', twice)).toEqual(['TR101'])
    // A correction of the Begindatum (part of the key) may travel in one message.
    expect(level2('ijw', 'JW305', (b) => {
      const [first] = list(b, 'StartProducten', 'StartProduct')
      list(b, 'StartProducten', 'StartProduct')[1] = { ...first!, StatusAanlevering: '3', Begindatum: '2026-04-02' }
    })).toEqual([])
    // The StopProduct key holds RedenBeeindiging and Einddatum: a temporary and a definitive stop on the same day are two keys.
    const stops = (reden: string) => (b: MessageObject) => {
      const [first] = list(b, 'StopProducten', 'StopProduct')
      list(b, 'StopProducten', 'StopProduct')[1] = { ...first!, RedenBeeindiging: reden }
    }
    expect(level2('ijw', 'JW307', stops('31'))).toEqual(['TR101'])
    expect(level2('ijw', 'JW307', stops('20'))).toEqual([])
  })

  it('TR101: a 317 names a toewijzing once per class', () => {
    expect(level2('iwmo', 'WMO317', (b) => {
      const [first] = verzoekList(b, 'TeWijzigenProducten', 'TeWijzigenProduct')
      verzoekList(b, 'TeWijzigenProducten', 'TeWijzigenProduct').push({ ...first! })
    })).toEqual(['TR101'])
  })

  it('TR383: ReferentieAanbieder is unique per AangevraagdProduct in a 315', () => {
    const second = (ref: string) => (b: MessageObject) => {
      const [first] = list(b, 'AangevraagdeProducten', 'AangevraagdProduct')
      list(b, 'AangevraagdeProducten', 'AangevraagdProduct').push({ ...first!, ReferentieAanbieder: ref, Product: { Categorie: '03', Code: 'CDEFG' } })
    }
    const ref = String(list(example('iwmo', 'WMO315'), 'AangevraagdeProducten', 'AangevraagdProduct')[0]!.ReferentieAanbieder)
    expect(level2('iwmo', 'WMO315', second(ref))).toEqual(['TR383'])
    expect(level2('iwmo', 'WMO315', second(`${ref}X`))).toEqual([])
  })

  it('TR386: a product occurs twice in a 315 only with periods that do not overlap', () => {
    const second = (from: string, product: MessageObject) => (b: MessageObject) => {
      const [first] = list(b, 'AangevraagdeProducten', 'AangevraagdProduct')
      list(b, 'AangevraagdeProducten', 'AangevraagdProduct').push({ ...first!, ReferentieAanbieder: 'TWEEDE', Product: product, ToewijzingIngangsdatum: from, ToewijzingEinddatum: from.replace(/-\d\d-\d\d$/, '-12-31') })
    }
    const first = list(example('iwmo', 'WMO315'), 'AangevraagdeProducten', 'AangevraagdProduct')[0]!
    const product = first.Product as MessageObject
    const from = String(first.ToewijzingIngangsdatum)
    const after = first.ToewijzingEinddatum ? `${Number(String(first.ToewijzingEinddatum).slice(0, 4)) + 1}-01-01` : undefined
    expect(level2('iwmo', 'WMO315', second(from, product))).toEqual(['TR386'])
    // Without a code the rule works at the categorie's level.
    expect(level2('iwmo', 'WMO315', second(from, { Categorie: product.Categorie! }))).toContain('TR386')
    if (after) expect(level2('iwmo', 'WMO315', second(after, product))).toEqual([])
  })

  it('TR410: a product occurs twice among the NieuwProducten of a 317 only with periods that do not overlap', () => {
    const second = (from: string) => (b: MessageObject) => {
      const [first] = verzoekList(b, 'NieuweProducten', 'NieuwProduct')
      verzoekList(b, 'NieuweProducten', 'NieuwProduct').push({ ...first!, GewensteIngangsdatum: from, Einddatum: '2024-12-31' })
    }
    expect(level2('iwmo', 'WMO317', second('2023-06-01'))).toEqual(['TR410'])
    expect(level2('iwmo', 'WMO317', second('2024-01-01'))).toEqual([])
  })

  it('TR352 and TR353: a 317 names at least one current toewijzing and asks at least one change', () => {
    expect(level2('iwmo', 'WMO317', (b) => (delete verzoek(b).OngewijzigdeProducten, delete verzoek(b).TeWijzigenProducten))).toEqual(['TR352'])
    expect(level2('iwmo', 'WMO317', (b) => {
      const nummer = verzoekList(b, 'TeWijzigenProducten', 'TeWijzigenProduct')[0]!.ToewijzingNummer!
      delete verzoek(b).TeWijzigenProducten
      delete verzoek(b).NieuweProducten
      verzoek(b).OngewijzigdeProducten = { OngewijzigdProduct: [{ ToewijzingNummer: nummer }] }
    })).toEqual(['TR353'])
    expect(level2('iwmo', 'WMO317', () => undefined)).toEqual([])
  })

  it('TR380: the Einddatum of a TeWijzigenProduct lies after the Dagtekening', () => {
    // WMO317's Dagtekening is 2023-04-02.
    expect(level2('iwmo', 'WMO317', (b) => (verzoekList(b, 'TeWijzigenProducten', 'TeWijzigenProduct')[0]!.Einddatum = '2023-04-02'))).toEqual(['TR380'])
    expect(level2('iwmo', 'WMO317', (b) => (dagtekening(b, '2023-04-01'), (verzoekList(b, 'TeWijzigenProducten', 'TeWijzigenProduct')[0]!.Einddatum = '2023-04-02')))).toEqual([])
  })
})

describe('level 2: the TR rules within one 323 that compare with its dates, answered with 0001', () => {
  const declaratie = (b: MessageObject) => b.Declaratie as MessageObject
  const prestaties = (b: MessageObject) => ((declaratie(b).Clienten as MessageObject).Client as MessageObject[]).flatMap((c) => (c.Prestaties as MessageObject).Prestatie as MessageObject[])

  it('TR137: the DeclaratieDagtekening lies on or after the declaratieperiode begins and not after the message\'s Dagtekening', () => {
    // JW323: DeclaratiePeriode April 2026, Dagtekening and DeclaratieDagtekening 2026-05-06.
    expect(level2('ijw', 'JW323', (b) => (declaratie(b).DeclaratieDagtekening = '2026-05-07'))).toEqual(['TR137'])
    expect(level2('ijw', 'JW323', (b) => (declaratie(b).DeclaratieDagtekening = '2026-03-31'))).toEqual(['TR137'])
    expect(level2('ijw', 'JW323', (b) => (declaratie(b).DeclaratieDagtekening = '2026-04-01'))).toEqual([])
  })

  it('TR134 on the 323: a prestatie whose ProductPeriode begins after the Dagtekening is refused', () => {
    // JW323's Dagtekening is 2026-05-06; its prestaties cover April 2026.
    const first = (b: MessageObject) => prestaties(b)[0]!.ProductPeriode as MessageObject
    expect(level2('ijw', 'JW323', (b) => (first(b).Begindatum = '2026-05-07', first(b).Einddatum = '2026-05-07'))).toContain('TR134')
    expect(level2('ijw', 'JW323', (b) => (first(b).Begindatum = '2026-05-06', first(b).Einddatum = '2026-05-06'))).not.toContain('TR134')
  })

  it('TR335: a ProductPeriode ends no more than five years before the DeclaratieDagtekening', () => {
    // JW323's earliest ProductPeriode ends on 2026-03-31 (a correction of March).
    expect(Math.min(...prestaties(example('ijw', 'JW323')).map((p) => Date.parse(String((p.ProductPeriode as MessageObject).Einddatum))))).toBe(Date.parse('2026-03-31'))
    expect([...new Set(level2('ijw', 'JW323', (b) => (declaratie(b).DeclaratieDagtekening = '2031-04-01', dagtekening(b, '2031-04-01'))))]).toEqual(['TR335'])
    expect(level2('ijw', 'JW323', (b) => (declaratie(b).DeclaratieDagtekening = '2031-03-31', dagtekening(b, '2031-03-31')))).toEqual([])
  })
})

describe('productsClash (TR361, TR386, TR410)', () => {
  const p = (categorie: string | undefined, code: string | undefined, from: string, to?: string) => ({ categorie, code, from, to })
  it('compares by code, by categorie when a code is missing, and with everything when the categorie is missing', () => {
    expect(productsClash(p('45', '45A48', '2026-01-01', '2026-06-30'), p('45', '45A48', '2026-06-30'))).toBe(true)
    expect(productsClash(p('45', '45A48', '2026-01-01', '2026-06-30'), p('45', '45A48', '2026-07-01'))).toBe(false)
    expect(productsClash(p('45', '45A48', '2026-01-01'), p('45', '45A53', '2026-01-01'))).toBe(false)
    expect(productsClash(p('45', undefined, '2026-01-01'), p('45', '45A53', '2026-01-01'))).toBe(true)
    expect(productsClash(p('45', undefined, '2026-01-01'), p('54', undefined, '2026-01-01'))).toBe(false)
    expect(productsClash(p(undefined, undefined, '2026-01-01'), p('54', '54004', '2026-01-01'))).toBe(true)
  })
})
