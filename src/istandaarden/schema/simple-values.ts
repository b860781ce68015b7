/**
 * Checks a simple value against its XSD type the way an XSD 1.0 processor does: whitespace
 * handling per base type (xs:string preserves, xs:integer/date/time collapse), the lexical
 * form and value space of the base type, then the facets (enumeration, pattern, length in
 * characters, inclusive range). It works on UTF-8 bytes so the common case makes no string.
 */
import type { BuiltinType, SimpleTypeModel } from './schema-model.ts'

/** The facet or base-type check that failed; each maps to a level-1 rule code. */
export type ValueProblemKind = 'type' | 'enumeration' | 'pattern' | 'length' | 'range'

export class ValueProblem {
  constructor(
    readonly kind: ValueProblemKind,
    readonly message: string,
  ) {}
}

export type SimpleValue = string | number

const decoder = new TextDecoder('utf-8')

const isWs = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d

/** Translates an XSD regular expression (XML Schema Part 2, appendix F) into an anchored JS RegExp. */
export function translateXsdPattern(pattern: string): RegExp {
  let out = ''
  let inClass = 0
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\') {
      const e = pattern[++i]
      if (e === undefined) throw new Error(`pattern ${pattern}: trailing backslash`)
      const classBody: Record<string, string> = { s: ' \\t\\n\\r', i: 'A-Za-z_:\\u00C0-\\u02FF', c: 'A-Za-z0-9._:\\-\\u00B7\\u00C0-\\u02FF' }
      if (e === 's' || e === 'i' || e === 'c') out += inClass ? classBody[e] : `[${classBody[e]}]`
      else if (e === 'S' || e === 'I' || e === 'C') {
        if (inClass) throw new Error(`pattern ${pattern}: \\${e} inside a class is not supported`)
        out += `[^${classBody[e.toLowerCase()]}]`
      } else if (e === 'd') out += inClass ? '\\p{Nd}' : '\\p{Nd}'
      else if (e === 'D') out += '\\P{Nd}'
      else if (e === 'w') out += inClass ? '\\p{L}\\p{M}\\p{N}\\p{S}\\p{Pc}\\p{Pd}\\p{Ps}\\p{Pe}\\p{Pi}\\p{Pf}\\p{Po}' : '[^\\p{P}\\p{Z}\\p{C}]'
      else if (e === 'W') out += '[\\p{P}\\p{Z}\\p{C}]'
      else if ('nrt\\|.-^?*+{}()[]'.includes(e)) out += `\\${e}`
      else throw new Error(`pattern ${pattern}: unsupported escape \\${e}`)
    } else if (c === '[') {
      inClass++
      out += c
    } else if (c === ']') {
      inClass--
      out += c
    } else if (c === '.' && !inClass) {
      out += '[^\\n\\r]'
    } else if (c === '^' && !(inClass && pattern[i - 1] === '[')) {
      out += '\\^'
    } else if (c === '$') {
      out += '\\$'
    } else {
      out += c
    }
  }
  return new RegExp(`^(?:${out})$`, 'u')
}

/** A compiled simple type: `parse` returns the value, or a `ValueProblem`. */
export class SimpleTypeChecker {
  readonly base: BuiltinType
  private readonly enumeration: readonly string[] | null
  private readonly enumBytes: Uint8Array[] | null
  private readonly patternGroups: RegExp[][]
  private readonly minLength: number
  private readonly maxLength: number
  private readonly min: bigint | null
  private readonly max: bigint | null
  private readonly minNumber: number
  private readonly maxNumber: number

  constructor(
    readonly key: string,
    model: SimpleTypeModel,
  ) {
    this.base = model.base
    this.enumeration = model.enumeration ?? null
    const encoder = new TextEncoder()
    this.enumBytes = this.enumeration?.map((v) => encoder.encode(v)) ?? null
    this.patternGroups = (model.patterns ?? []).map((group) => group.map(translateXsdPattern))
    this.minLength = model.minLength ?? 0
    this.maxLength = model.maxLength ?? Infinity
    this.min = model.minInclusive !== undefined ? BigInt(model.minInclusive) : null
    this.max = model.maxInclusive !== undefined ? BigInt(model.maxInclusive) : null
    this.minNumber = this.min !== null ? Number(this.min) : -Infinity
    this.maxNumber = this.max !== null ? Number(this.max) : Infinity
  }

  /** Checks a value given as UTF-8 bytes. */
  parse(buf: Uint8Array, start: number, end: number): SimpleValue | ValueProblem {
    if (this.base === 'string') return this.parseString(buf, start, end)
    // Collapse: leading and trailing whitespace go; inner whitespace never fits these types.
    while (start < end && isWs(buf[start]!)) start++
    while (end > start && isWs(buf[end - 1]!)) end--
    if (this.base === 'integer') return this.parseInteger(buf, start, end)
    const text = latin1OrUtf8(buf, start, end)
    const problem = this.base === 'date' ? checkDate(text) : checkTime(text)
    if (problem) return problem
    return this.checkPatterns(text) ?? this.checkEnumeration(text) ?? text
  }

  /** Checks a value given as a string (the writer's path). */
  parseText(text: string): SimpleValue | ValueProblem {
    const bytes = new TextEncoder().encode(text)
    return this.parse(bytes, 0, bytes.length)
  }

  private parseString(buf: Uint8Array, start: number, end: number): SimpleValue | ValueProblem {
    if (this.enumBytes) {
      for (let i = 0; i < this.enumBytes.length; i++) {
        const e = this.enumBytes[i]!
        if (e.length !== end - start) continue
        let same = true
        for (let j = 0; j < e.length; j++) {
          if (e[j] !== buf[start + j]) {
            same = false
            break
          }
        }
        // The enumeration value itself satisfies the other facets (the XSD is consistent).
        if (same) return this.enumeration![i]!
      }
    }
    let length = 0
    for (let i = start; i < end; i++) if ((buf[i]! & 0xc0) !== 0x80) length++
    const text = latin1OrUtf8(buf, start, end)
    if (this.enumeration) return new ValueProblem('enumeration', `'${text}' is not one of the allowed codes (${summarise(this.enumeration)})`)
    if (length < this.minLength) return new ValueProblem('length', length === 0 ? 'the value is empty' : `'${text}' is shorter than ${this.minLength} characters`)
    if (length > this.maxLength) return new ValueProblem('length', `the value is ${length} characters long; at most ${this.maxLength} are allowed`)
    return this.checkPatterns(text) ?? text
  }

  private parseInteger(buf: Uint8Array, start: number, end: number): SimpleValue | ValueProblem {
    let i = start
    let negative = false
    if (i < end && (buf[i] === 0x2b || buf[i] === 0x2d)) negative = buf[i++] === 0x2d
    if (i === end) return new ValueProblem('type', `'${latin1OrUtf8(buf, start, end)}' is not a whole number`)
    while (i < end - 1 && buf[i] === 0x30) i++
    const digitsStart = i
    let value = 0
    for (; i < end; i++) {
      const d = buf[i]! - 0x30
      if (d < 0 || d > 9) return new ValueProblem('type', `'${latin1OrUtf8(buf, start, end)}' is not a whole number`)
      value = value * 10 + d
    }
    const digits = end - digitsStart
    const text = latin1OrUtf8(buf, start, end)
    if (digits > 15) {
      const big = BigInt(text)
      if ((this.min !== null && big < this.min) || (this.max !== null && big > this.max)) return this.rangeProblem(text)
      return this.checkPatterns(text) ?? text
    }
    if (negative) value = -value
    if (value < this.minNumber || value > this.maxNumber) return this.rangeProblem(text)
    if (this.patternGroups.length > 0 || this.enumeration) return this.checkPatterns(text) ?? this.checkEnumeration(text) ?? value
    return value
  }

  private rangeProblem(text: string): ValueProblem {
    return new ValueProblem('range', `${text} is outside ${this.min ?? '-∞'}..${this.max ?? '∞'}`)
  }

  private checkPatterns(text: string): ValueProblem | undefined {
    for (const group of this.patternGroups) {
      if (!group.some((re) => re.test(text))) return new ValueProblem('pattern', `'${text}' does not have the required form (${group.map((r) => r.source.slice(4, -2)).join(' | ')})`)
    }
    return undefined
  }

  private checkEnumeration(text: string): ValueProblem | undefined {
    if (this.enumeration && !this.enumeration.includes(text)) return new ValueProblem('enumeration', `'${text}' is not one of the allowed values (${summarise(this.enumeration)})`)
    return undefined
  }
}

function summarise(values: readonly string[]): string {
  return values.length <= 12 ? values.join(', ') : `${values.slice(0, 10).join(', ')}, … ${values.length} codes`
}

function latin1OrUtf8(buf: Uint8Array, start: number, end: number): string {
  return decoder.decode(buf.subarray(start, end))
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const zone = '(Z|[+-](?:(?:0\\d|1[0-3]):[0-5]\\d|14:00))?'
const dateLexical = new RegExp(`^(-?)(\\d{4,})-(\\d{2})-(\\d{2})${zone}$`)
const timeLexical = new RegExp(`^(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?${zone}$`)

/** xs:date (XSD 1.0): a year of four or more digits (no leading zero beyond four, not 0000), a real month and day. */
function checkDate(text: string): ValueProblem | undefined {
  const m = dateLexical.exec(text)
  const bad = () => new ValueProblem('type', `'${text}' is not a date (YYYY-MM-DD)`)
  if (!m) return bad()
  const yearText = m[2]!
  if (yearText.length > 4 && yearText.startsWith('0')) return bad()
  const year = Number(yearText)
  const month = Number(m[3])
  const day = Number(m[4])
  if (year === 0 || month < 1 || month > 12 || day < 1) return bad()
  const signedYear = m[1] ? 1 - year : year
  const max = month === 2 && isLeap(signedYear) ? 29 : daysInMonth[month - 1]!
  if (day > max) return new ValueProblem('type', `'${text}' is not a date: ${yearText}-${m[3]} has ${max} days`)
  return undefined
}

/** xs:time (XSD 1.0): hh:mm:ss with optional fraction; 24:00:00 is the only hour-24 time. */
function checkTime(text: string): ValueProblem | undefined {
  const m = timeLexical.exec(text)
  const bad = () => new ValueProblem('type', `'${text}' is not a time (hh:mm:ss)`)
  if (!m) return bad()
  const h = Number(m[1])
  const min = Number(m[2])
  const s = Number(m[3])
  if (min > 59 || s > 59) return bad()
  if (h > 24 || (h === 24 && (min !== 0 || s !== 0 || (m[4] !== undefined && /[1-9]/.test(m[4]))))) return bad()
  return undefined
}
