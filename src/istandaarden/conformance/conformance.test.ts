import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Law } from '../message-catalog.ts'
import { istandaardenDir } from '../testing/shared-dir.ts'
import { afwijkingen, conformance, conformanceIwmo, conformanceOf } from './conformance.ts'
import { RULE_CODE, readRegelrapport } from './regelrapport.ts'
import { renderConformance } from './render-conformance.ts'
import { retourcodeRules, ruleUsesIn, ruleUsesOfSource } from './rule-uses.ts'

const root = join(import.meta.dirname, '../../..')
const rules = readRegelrapport(istandaardenDir())
const laws: Law[] = ['ijw', 'iwmo']
const known = (law: Law) => new Set(rules[law].map((r) => r.code))
const entries = laws.flatMap((law) => rules[law].map((r) => ({ law, code: r.code, entry: conformanceOf(law, r.code) })))
const read = (file: string) => readFileSync(join(root, file), 'utf8')
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

describe('the conformance table and the regelrapport', () => {
  it('has an entry for every rule of both laws', () => {
    expect(entries.filter((e) => e.entry === undefined).map((e) => `${e.law} ${e.code}`)).toEqual([])
  })

  it('names no rule the regelrapport does not have', () => {
    const either = new Set([...known('ijw'), ...known('iwmo')])
    expect(Object.keys(conformance).filter((code) => !either.has(code))).toEqual([])
    expect(Object.keys(conformanceIwmo).filter((code) => !known('iwmo').has(code))).toEqual([])
  })

  it('gives an implemented rule its place and test, and any other rule its reason', () => {
    const wrong = entries.filter(({ entry: c }) =>
      c !== undefined && (c.status === 'geimplementeerd' ? !c.waar || !c.test : !c.toelichting || c.ontbreekt !== undefined),
    )
    expect(wrong.map((e) => `${e.law} ${e.code}`)).toEqual([])
  })
})

describe('docs/conformance.md', () => {
  it('is what npm run generate:conformance writes', () => {
    expect(read('docs/conformance.md')).toBe(renderConformance(rules))
  })
})

describe('the conformance table and the code', () => {
  const all = [...Object.entries(conformance), ...Object.entries(conformanceIwmo)]

  it('points at files that exist and hold the named function or const', () => {
    const missing = all.filter(([, c]) => c.waar && !(existsSync(join(root, c.waar.file)) && new RegExp(`\\b${escape(c.waar.symbol)}\\b`).test(read(c.waar.file))))
    expect(missing.map(([code, c]) => `${code}: ${c.waar!.file} ${c.waar!.symbol}`)).toEqual([])
  })

  it('points at tests that exist by their title, and at the case that shows the rule', () => {
    const missing = all.filter(([, c]) => {
      if (!c.test) return false
      if (!existsSync(join(root, c.test.file))) return true
      // Titles are read as written in a quoted string: an escaped quote is a quote.
      const text = read(c.test.file).replace(/\\(['"`])/g, '$1')
      return !text.includes(c.test.name) || (c.test.case !== undefined && !text.includes(`'${c.test.case}'`))
    })
    expect(missing.map(([code, c]) => `${code}: ${c.test!.file} "${c.test!.name}"`)).toEqual([])
  })

  const retourRules = retourcodeRules([...rules.ijw, ...rules.iwmo])
  const uses = ruleUsesOfSource(root, retourRules)

  it('has every rule the code names in a refusal implemented in a file that names it', () => {
    const excused = (code: string, file: string) => afwijkingen.some((a) => a.rule === code && a.file === file)
    const drift: string[] = []
    for (const [code, files] of uses) {
      const own = [...files].filter((f) => !excused(code, f))
      if (own.length === 0) continue
      for (const law of laws.filter((l) => known(l).has(code))) {
        const c = conformanceOf(law, code)
        if (c?.status !== 'geimplementeerd' || !own.includes(c.waar!.file)) drift.push(`${law} ${code}: named in ${own.join(', ')}, table says ${c?.status ?? 'nothing'} at ${c?.waar?.file ?? '-'}`)
      }
    }
    expect(drift).toEqual([])
  })

  it('finds only rule codes the regelrapport has', () => {
    const either = new Set([...known('ijw'), ...known('iwmo')])
    expect([...uses.keys()].filter((code) => !either.has(code))).toEqual([])
  })

  it('lists only departures the code still makes', () => {
    const stale = afwijkingen.filter((a) => !uses.get(a.rule)?.has(a.file))
    expect(stale).toEqual([])
  })
})

describe('reading the rule codes from the source', () => {
  const retourRules = new Map([['9056', 'TR056'], ['9321', 'TR321']])

  it('finds a rule code in a problem, a call and a rule table, but not in a comment', () => {
    const source = [
      "// TR999 in a comment, and 'TR998' quoted in one",
      '/** `TR997` in a doc comment */',
      "v.reject(cls, { rule: 'TR019', retourcode: '9019', message: 'TR326 in a message is no use' })",
      "reject(verzoek, 'TR349', '9349', 'text')",
      "const rules = [{ code: 'CD075' }, { omvangLeeg: 'CD080', frequentie: `CS338` }]",
    ].join('\n')
    expect([...ruleUsesIn(source, retourRules)].sort()).toEqual(['CD075', 'CD080', 'CS338', 'TR019', 'TR349'])
  })

  it('reads a retourcode used as a problem\'s rule, and a RETOUR table, as their rule', () => {
    const source = [
      "const problem = { rule: '9056', retourcode: '9056', message: 'x' }",
      "export const RETOUR = { volume: '9321', tarief: '0611' } as const",
      "const other = { codes: ['9056'], retourcode: '9321' }",
    ].join('\n')
    expect([...ruleUsesIn(source, retourRules)].sort()).toEqual(['TR056', 'TR321'])
  })

  it('maps a retourcode to its rule only when the regelrapport gives it to one rule', () => {
    const map = retourcodeRules([{ code: 'TR382', retourcode: '9069' }, { code: 'TR101', retourcode: '0001' }, { code: 'TR001', retourcode: '9000' }, { code: 'TR002', retourcode: '9000' }])
    expect([...map]).toEqual([['9069', 'TR382']])
  })

  it('recognises the rule codes of the regelrapport, variants included', () => {
    expect(['TR326', 'OP033x1', 'CS002', 'RS001', 'TR32', 'XSD-PATTERN'].filter((c) => RULE_CODE.test(c))).toEqual(['TR326', 'OP033x1', 'CS002'])
  })
})
