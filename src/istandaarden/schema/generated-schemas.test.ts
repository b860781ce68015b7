import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderGeneratedSchemas } from './render-schemas.ts'
import { allMessageSchemas } from './schema-set.ts'
import { translateXsdPattern } from './simple-values.ts'
import { istandaardenDir } from '../testing/shared-dir.ts'

describe('the generated message schemas', () => {
  it('are exactly what the official XSDs say today (run `npm run generate:schemas` after an XSD change)', () => {
    const committed = readFileSync(resolve(import.meta.dirname, 'generated/schemas.ts'), 'utf8')
    expect(committed).toBe(renderGeneratedSchemas(istandaardenDir()))
  })

  it('cover all 14 messages of both laws, each rooted in <Bericht> with a Header', () => {
    const schemas = allMessageSchemas()
    expect(schemas).toHaveLength(28)
    for (const s of schemas) {
      expect(s.root.name).toBe('Bericht')
      expect(s.complexTypes['m:Root']!.sequence[0]!.name).toBe('Header')
    }
  })

  it('keep the law-specific code lists apart (productcategorie 45 is Jeugdwet, 02 is Wmo)', () => {
    const [ijw, iwmo] = [allMessageSchemas()[0]!, allMessageSchemas()[14]!]
    expect(ijw.simpleTypes['b:LDT_ProductCategorie']!.enumeration).toContain('45')
    expect(ijw.simpleTypes['b:LDT_ProductCategorie']!.enumeration).not.toContain('02')
    expect(iwmo.simpleTypes['b:LDT_ProductCategorie']!.enumeration).toContain('02')
  })
})

describe('XSD patterns in JavaScript', () => {
  it.each([
    ['.*[^\\s].*', ['a', ' a ', 'é'], ['', '  ', 'a\nb', '\t']],
    ['[0-9]{4}', ['0355'], ['355', '03555', '03a5']],
    ['([.\\s]*\\S+[.\\s]*)+', ['a', '. a .', 'x y'], ['', ' ', '\n']],
    ['(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)', ['1.0.0', '10.2.33'], ['01.0.0', '1.0', '1.0.0.0']],
    ['([a-zA-ZÀ-ỳ])+', ['Zé', 'abc'], ['a1', '', 'a b']],
    ['[^:Z]*', ['2026-01-01'], ['2026-01-01Z', '12:00']],
  ])('%s', (pattern, yes, no) => {
    const re = translateXsdPattern(pattern)
    for (const v of yes) expect(re.test(v), v).toBe(true)
    for (const v of no) expect(re.test(v), v).toBe(false)
  })
})
