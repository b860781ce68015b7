import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ReadSummary, readMessage } from './read-message.ts'
import { generate323 } from '../testing/generate-323.ts'

const dir = mkdtempSync(join(tmpdir(), 'koers-two-cores-'))
const valid = join(dir, 'valid.xml')
afterAll(() => rmSync(dir, { recursive: true }))
beforeAll(async () => {
  // About 8 MB: many batches, with the threshold lowered so the two-core path is taken.
  await generate323(10_000, valid)
})

/** Everything a read gives, with the records folded into a hash (order matters). */
async function readAll(path: string, parallel: boolean): Promise<{ summary: ReadSummary; records: string; headers: number }> {
  const hash = createHash('sha256')
  let headers = 0
  const it = readMessage(path, { parallel, parallelMinBytes: 1 << 20 })
  for (let step = await it.next(); ; step = await it.next()) {
    if (step.done) return { summary: step.value, records: hash.digest('hex'), headers }
    for (const item of step.value) {
      if (item.kind === 'header') headers++
      if (item.kind === 'record') hash.update(JSON.stringify([item.element, item.value, item.ancestors, item.line, item.column]))
    }
  }
}

describe('reading a large file on two cores', () => {
  it('gives exactly what reading on one core gives', async () => {
    const [one, two] = [await readAll(valid, false), await readAll(valid, true)]
    expect(two.summary.violations).toEqual([])
    expect(two.summary.recordCounts.Prestatie).toBe(10_000)
    expect(two).toEqual(one)
  })

  it('tells the bytes read as it goes, to the last byte, on either path', async () => {
    const size = statSync(valid).size
    for (const parallel of [false, true]) {
      const seen: number[] = []
      const it = readMessage(valid, { parallel, parallelMinBytes: 1 << 20, onProgress: (bytes) => seen.push(bytes) })
      for (let step = await it.next(); !step.done; step = await it.next());
      expect(seen.length).toBeGreaterThan(5)
      expect(seen).toEqual([...seen].sort((a, b) => a - b))
      expect(seen.at(-1)).toBe(size)
    }
  })

  it('reports the same violations, at the same places, for errors deep in the file', async () => {
    const text = readFileSync(valid, 'utf8')
    const at = text.indexOf('<jw323:Eenheid>04</jw323:Eenheid>', Math.floor(text.length * 0.6))
    const broken = join(dir, 'broken.xml')
    writeFileSync(broken, `${text.slice(0, at)}<jw323:Eenheid>99</jw323:Eenheid>${text.slice(at + 33, Math.floor(text.length * 0.9))}`)
    const [one, two] = [await readAll(broken, false), await readAll(broken, true)]
    expect(two.summary.violations.map((v) => v.rule)).toEqual(['XSD-ENUMERATION', 'XML'])
    expect(two.summary.violations.at(-1)!.message).toMatch(/unexpected end of file/)
    expect(two.summary.violations).toEqual(one.summary.violations)
    expect(two.records).toEqual(one.records)
  })
})
