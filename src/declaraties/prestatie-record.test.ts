/**
 * The record path (ReadOptions.convert: reused objects, converted as each Prestatie closes)
 * against the generic reader (a fresh object tree per Prestatie, converted afterwards by the
 * same function): the same prestaties, field by field, and the same violations in the same
 * order with the records — on the standard's example 323s, 323s generated from the schema,
 * a generated bench file read in small and large pieces, and hundreds of mutations of them
 * (level 1 and level 2 faults).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { MessageKind } from '../istandaarden/message-catalog.ts'
import { type ReadSummary, readMessage } from '../istandaarden/messages/read-message.ts'
import { generate323 } from '../istandaarden/testing/generate-323.ts'
import { fromTree, mutate, prng, toTree } from '../istandaarden/testing/mutate.ts'
import { seedMessages } from '../istandaarden/testing/seeds.ts'
import { prestatieConverter } from './prestatie-record.ts'
import type { Prestatie } from './prestatie.rules.ts'

interface Read {
  prestaties: Prestatie[]
  /** Every item in order: a violation's rule and path, or the kind of item. */
  items: string[]
  summary: ReadSummary
}

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

async function read(bytes: Uint8Array, recordPath: boolean, pieceSize?: number): Promise<Read> {
  const converter = prestatieConverter()
  const prestaties: Prestatie[] = []
  const items: string[] = []
  const it = readMessage(pieceSize ? pieces(bytes, pieceSize) : bytes, { parallel: false, maxViolations: 500, ...(recordPath ? { convert: { Prestatie: converter } } : {}) })
  for (;;) {
    const step = await it.next()
    if (step.done) return { prestaties, items, summary: step.value }
    for (const item of step.value) {
      if (item.kind === 'violation') items.push(`${item.violation.rule} ${item.violation.path} ${item.violation.line}:${item.violation.column}`)
      else if (item.kind === 'header') items.push('header')
      else if (item.kind === 'converted') {
        items.push(`record ${item.element} ${item.line}:${item.column}`)
        prestaties.push(item.value as Prestatie)
      } else {
        items.push(`record ${item.element} ${item.line}:${item.column}`)
        if (item.element === 'Prestatie') prestaties.push(converter(item.value, item.ancestors))
      }
    }
  }
}

/** Reads `bytes` both ways and expects the same; returns the rules that fired. */
async function expectSame(bytes: Uint8Array, pieceSize?: number): Promise<string[]> {
  const generic = await read(bytes, false, pieceSize)
  const record = await read(bytes, true, pieceSize)
  expect(record.prestaties).toEqual(generic.prestaties)
  expect(record.items).toEqual(generic.items)
  expect(record.summary).toEqual(generic.summary)
  return generic.summary.violations.map((v) => v.rule)
}

const kinds: MessageKind[] = [
  { law: 'ijw', code: '323' },
  { law: 'iwmo', code: '323' },
]

describe('the 323 record path reads the same prestaties and violations as the generic reader', () => {
  for (const kind of kinds) {
    it(`${kind.law}: the example and generated 323s, and 300 mutations of them`, async () => {
      const seeds = seedMessages(kind, 5)
      let prestaties = 0
      for (const xml of seeds) {
        const bytes = new TextEncoder().encode(xml)
        await expectSame(bytes)
        prestaties += (await read(bytes, true)).prestaties.length
      }
      expect(prestaties).toBeGreaterThan(5)
      const trees = seeds.map((xml) => toTree(kind, xml))
      const random = prng(19)
      const rules = new Set<string>()
      for (let i = 0; i < 300; i++) {
        const { tree } = mutate(kind, trees[i % trees.length]!, random)
        for (const rule of await expectSame(new TextEncoder().encode(fromTree(kind, tree)))) rules.add(rule)
      }
      // The mutations reached faults at both levels, in and around the prestaties.
      expect([...rules].filter((r) => r.startsWith('XSD-')).length).toBeGreaterThan(3)
      expect([...rules].some((r) => !r.startsWith('XSD-') && r !== 'XML')).toBe(true)
    })
  }

  it('a generated 323 of 3,000 prestaties with level-2 faults, read whole and in pieces of 997 bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koers-record-'))
    try {
      const path = join(dir, 'jw323.xml')
      await generate323(3000, path, { wrongTariffEvery: 50 })
      const valid = readFileSync(path)
      expect(await expectSame(valid)).toEqual([])
      expect(await expectSame(valid, 997)).toEqual([])
      expect((await read(valid, true)).prestaties).toHaveLength(3000)
      // Level 2 in the prestaties: a credit without VorigReferentieNummer (CD060), a period
      // across a month (CS337), an amount of 0 credited (CS325); and a level-1 fault after them.
      const text = valid.toString('utf8')
      let n = 0
      const faulty = text.replace(/<ijw:DebetCredit>D<\/ijw:DebetCredit>\n\t*<\/jw323:IngediendBedrag>/g, (m) => (++n % 400 === 7 ? m.replace('>D<', '>C<') : m))
        .replace(/<ijw:Einddatum>2026-04-30<\/ijw:Einddatum>\n(\t*)<\/jw323:ProductPeriode>/g, (m, tabs: string) => (++n % 500 === 3 ? `<ijw:Einddatum>2026-05-01</ijw:Einddatum>\n${tabs}</jw323:ProductPeriode>` : m))
        .replace(/<jw323:GeleverdVolume>1<\/jw323:GeleverdVolume>/, '<jw323:GeleverdVolume>x</jw323:GeleverdVolume>')
      const rules = await expectSame(new TextEncoder().encode(faulty))
      expect(rules).toEqual(expect.arrayContaining(['CD060', 'CS337', 'XSD-TYPE']))
      expect(await expectSame(new TextEncoder().encode(faulty), 997)).toEqual(rules)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
