import { describe, expect, it } from 'vitest'
import { istandaardenDir } from '../testing/shared-dir.ts'
import { parseIjwTable, parseIwmoProse, parseTrFile, readRegelrapport } from './regelrapport.ts'

const rules = readRegelrapport(istandaardenDir())
const find = (law: 'ijw' | 'iwmo', code: string) => rules[law].find((r) => r.code === code)
const countByType = (law: 'ijw' | 'iwmo') => Object.fromEntries(['UP', 'OP', 'IV', 'TR', 'CD', 'CS'].map((t) => [t, rules[law].filter((r) => r.type === t).length]))

describe('the iJw regelrapport (table export)', () => {
  it('reads a rule with its retourcode, controleniveau and berichttypen', () => {
    expect(find('ijw', 'TR326')).toEqual({
      law: 'ijw',
      code: 'TR326',
      type: 'TR',
      title: 'Een Startbericht mag pas verstuurd worden als er géén actueel Startbericht bij ToegewezenProduct is.',
      retourcode: '9326',
      controleniveau: 'berichtoverstijgend',
      berichttypen: ['JW305'],
    })
    expect(find('ijw', 'TR378')).toMatchObject({ retourcode: 'S300', controleniveau: 'externe bron' })
    expect(find('ijw', 'TR101')).toMatchObject({ retourcode: '0001', controleniveau: 'bericht inhoud (xslt)' })
    expect(find('ijw', 'TR382')).toMatchObject({ retourcode: '9069' })
    expect(find('ijw', 'CS015')).toMatchObject({ retourcode: null, controleniveau: 'berichtformaat (xsd)' })
  })

  it('has every UP, OP, IV, TR, CD and CS rule of the export, and no RS restriction', () => {
    expect(countByType('ijw')).toEqual({ UP: 17, OP: 92, IV: 38, TR: 80, CD: 22, CS: 19 })
    expect(find('ijw', 'OP298')).toBeDefined()
    expect(find('ijw', 'OP002x1')?.title).toMatch(/^Indien een aanbieder in een Verzoek om toewijzing/)
    expect(rules.ijw.some((r) => r.code.startsWith('RS'))).toBe(false)
  })

  it('reads an empty cell (NaN) as no value and strips the code from the title', () => {
    const row = '| Uitgangspunt | 1 | UP037 | UP037: De gemeente geeft iedere beschikking een uniek nummer. | NaN | NaN | NaN | NaN | NaN | NaN | NaN |'
    expect(parseIjwTable(row)).toEqual([{ law: 'ijw', code: 'UP037', type: 'UP', title: 'De gemeente geeft iedere beschikking een uniek nummer.', retourcode: null, controleniveau: null, berichttypen: [] }])
  })

  it('refuses a row that does not have the export\'s eleven cells', () => {
    expect(() => parseIjwTable('| Technische regel | 4 | TR999 | TR999: iets | NaN | 9999 |')).toThrow(/TR999 has 6 cells/)
  })
})

describe('the iWmo regelrapport (prose and technische regels)', () => {
  it('takes a TR rule\'s retourcode and level from its own file, with WMO berichttypen', () => {
    expect(find('iwmo', 'TR326')).toMatchObject({ retourcode: '9326', controleniveau: 'berichtoverstijgend', berichttypen: ['WMO305'] })
    expect(find('iwmo', 'TR378')).toMatchObject({ retourcode: 'S300', controleniveau: 'externe bron' })
    expect(find('iwmo', 'TR101')).toMatchObject({ retourcode: '0001', controleniveau: 'bericht inhoud (xslt)' })
  })

  it('has the 17 UP, 86 OP, 36 IV and 78 TR rules, without the iJw-only TR377 and TR409', () => {
    expect(countByType('iwmo')).toEqual({ UP: 17, OP: 86, IV: 36, TR: 78, CD: 0, CS: 0 })
    expect(find('iwmo', 'TR377')).toBeUndefined()
    expect(find('iwmo', 'TR409')).toBeUndefined()
    expect(find('iwmo', 'OP369')?.title).toMatch(/^De begin- en einddatum in de regieberichten/)
  })

  it('gives every TR rule the retourcode and level of iJw (SOURCES.md)', () => {
    const differ = rules.iwmo.filter((r) => r.type === 'TR').filter((r) => {
      const ijw = find('ijw', r.code)
      return ijw?.retourcode !== r.retourcode || ijw?.controleniveau !== r.controleniveau
    })
    expect(differ.map((r) => r.code)).toEqual([])
  })

  it('finds a rule opened as **CODE**, **CODE**: or CODE: alone, titled by its first line', () => {
    const prose = ['**OP191**: ', '', '*Ongestructureerde informatie beperken.*', '', 'OP267: ', '', 'De aanbieder declareert in een eenheid.', '', '**IV002**', '*Hoe om te gaan met een organisatie?*', 'Alleen vullen indien …'].join('\n')
    expect(parseIwmoProse(prose)).toEqual([
      { code: 'OP191', title: 'Ongestructureerde informatie beperken.' },
      { code: 'OP267', title: 'De aanbieder declareert in een eenheid.' },
      { code: 'IV002', title: 'Hoe om te gaan met een organisatie?' },
    ])
  })

  it('reads a technische regel\'s own file', () => {
    const file = ['# TR135', '| Controleniveau | externe bron |', '| Retourcode | 8848 |', '', '## Gebruik in berichten', '', '- WMO301', '- WMO305', '', '---'].join('\n')
    expect(parseTrFile(file)).toEqual({ retourcode: '8848', controleniveau: 'externe bron', berichttypen: ['WMO301', 'WMO305'] })
  })
})
