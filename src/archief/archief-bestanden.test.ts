import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { zipArchive } from '../shared/zip.ts'
import { archiefLezer, bronVan } from './archief-bestanden.ts'

const bericht = (i: number) => Buffer.from(`<?xml version="1.0"?><Bericht nr="${i}">${'x'.repeat(i * 100)}</Bericht>`)

describe('the archive read twice', () => {
  it.each([0, 8] as const)('finds every message again by its place, a zip (method %i) opened once', async (method) => {
    const dir = mkdtempSync(join(tmpdir(), 'koers-lezer-'))
    writeFileSync(join(dir, 'a.zip'), zipArchive(new Map([['b/2.xml', bericht(2)], ['leesmij.txt', Buffer.from('geen bericht')], ['1.xml', bericht(1)]]), method))
    mkdirSync(join(dir, 'los'))
    writeFileSync(join(dir, 'los', '3.xml'), bericht(3))
    const lezer = archiefLezer()
    const eerste = []
    for await (const f of lezer.alle([join(dir, 'a.zip'), join(dir, 'los')])) eerste.push(f)
    expect(eerste.map((f) => f.bron)).toEqual([`${dir}/a.zip!b/2.xml`, `${dir}/a.zip!1.xml`, `${dir}/los/3.xml`])
    try {
      // In another order than the first pass, as the sorted import reads them.
      for (const f of [...eerste].reverse()) {
        expect(bronVan(f.plaats)).toBe(f.bron)
        expect(Buffer.from(await lezer.lees(f.plaats))).toEqual(Buffer.from(f.bytes))
      }
    } finally {
      lezer.sluit()
    }
  })
})
