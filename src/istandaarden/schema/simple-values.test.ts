import { describe, expect, it } from 'vitest'
import { SimpleTypeChecker, ValueProblem } from './simple-values.ts'

const bytes = (text: string) => Buffer.from(text, 'utf8')
const parse = (checker: SimpleTypeChecker, text: string) => checker.parse(bytes(text), 0, bytes(text).length)

describe('xs:date with LDT_Datum’s pattern, read on its bytes', () => {
  const datum = new SimpleTypeChecker({ base: 'date', patterns: [['[^:Z]*']] })

  it('gives back a real date as its text, the same for the same date', () => {
    expect(parse(datum, '2028-02-29')).toBe('2028-02-29')
    expect(parse(datum, '0012-01-31')).toBe('0012-01-31')
    expect(parse(datum, ' 2026-04-30\n')).toBe('2026-04-30')
  })

  it('refuses dates that do not exist, and a time zone', () => {
    for (const text of ['2027-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '0000-01-01', '2026-4-30', '2026-04-30Z']) {
      expect(parse(datum, text), text).toBeInstanceOf(ValueProblem)
    }
  })

  it('stays right past the dates it remembers', () => {
    let day = Date.UTC(2000, 0, 1)
    for (let i = 0; i < 5000; i++, day += 86_400_000) {
      const text = new Date(day).toISOString().slice(0, 10)
      expect(parse(datum, text)).toBe(text)
    }
    expect(parse(datum, '2000-01-01')).toBe('2000-01-01')
  })
})
