/**
 * Koers' level-1 verdict against the official XSDs (libxml2 as the oracle) on mutated
 * messages: 380 mutations of every one of the 28 message kinds, 10,640 in all. A disagreement
 * is a bug in Koers (or in this test), never a case to skip.
 */
import { describe, expect, it } from 'vitest'
import { messageName } from '../message-catalog.ts'
import { parseMessage } from './read-message.ts'
import { formatViolation } from './violations.ts'
import { fromTree, mutate, prng, toTree } from '../testing/mutate.ts'
import { allKinds, seedMessages } from '../testing/seeds.ts'
import { xsdVerdict } from '../testing/xsd-oracle.ts'

/** 380 by default (10,640 in all); a longer run: KOERS_MUTATIONS_PER_KIND=2000 (56,000). */
const MUTATIONS_PER_KIND = Number(process.env.KOERS_MUTATIONS_PER_KIND ?? 380)

describe('level 1 agrees with the official XSD on mutated messages', () => {
  let total = 0
  let invalid = 0
  for (const kind of allKinds) {
    it(`${messageName(kind)}: ${MUTATIONS_PER_KIND} mutations`, () => {
      const seeds = seedMessages(kind).map((xml) => toTree(kind, xml))
      const random = prng(7)
      const disagreements: string[] = []
      for (let i = 0; i < MUTATIONS_PER_KIND; i++) {
        const { tree, what } = mutate(kind, seeds[i % seeds.length]!, random)
        const xml = fromTree(kind, tree)
        const oracle = xsdVerdict(kind.law, kind.code, xml)
        const koers = parseMessage(xml, { levelOneOnly: true })
        total++
        if (!oracle.valid) invalid++
        if (oracle.valid !== (koers.violations.length === 0)) {
          disagreements.push(`#${i} ${what}: XSD ${oracle.valid ? 'accepts' : `refuses (${oracle.messages[0]})`}, Koers ${koers.violations.length === 0 ? 'accepts' : `refuses (${formatViolation(koers.violations[0]!)})`}`)
        }
      }
      expect(disagreements).toEqual([])
    })
  }

  it('covered at least 10,000 mutations, most of them invalid and many valid', () => {
    expect(total).toBeGreaterThanOrEqual(10_000)
    expect(invalid / total).toBeGreaterThan(0.5)
    expect(invalid / total).toBeLessThan(0.95)
  })
})
