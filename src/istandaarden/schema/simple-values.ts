/**
 * Checks a simple value against its XSD type the way an XSD 1.0 processor does: whitespace
 * handling per base type (xs:string preserves, xs:integer/date/time collapse), the lexical
 * form and value space of the base type, then the facets (enumeration, pattern, length in
 * characters, inclusive range). It works on UTF-8 bytes so the common case makes no string.
 */
import type { BuiltinType, SimpleTypeModel } from './schema-model.ts'
import { bytesEqual, copyOf } from '../xml/xml-reader.ts'

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

/**
 * Short values often repeat (dates, product codes, amounts): a direct-mapped cache per type turns
 * their bytes into the same string without decoding again. A type whose values are mostly
 * unique (a reference number) stops using its cache after a while, so it costs nothing there.
 */
class StringCache {
  private static readonly SIZE = 2048
  private readonly bytes: Array<Uint8Array | undefined> = new Array(StringCache.SIZE).fill(undefined)
  private readonly strings: string[] = new Array(StringCache.SIZE).fill('')
  private lookups = 0
  private hits = 0
  private enabled = true

  get(buf: Uint8Array, start: number, end: number): string {
    const len = end - start
    if (!this.enabled || len > 24) return bytesToString(buf, start, end)
    let h = 0x811c9dc5
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193)
    const slot = (h >>> 0) & (StringCache.SIZE - 1)
    const cached = this.bytes[slot]
    this.lookups++
    if (cached !== undefined && bytesEqual(cached, buf, start, end)) {
      this.hits++
      return this.strings[slot]!
    }
    if (this.lookups === 4096 && this.hits < 2048) this.enabled = false
    const text = bytesToString(buf, start, end)
    this.bytes[slot] = copyOf(buf, start, end)
    this.strings[slot] = text
    return text
  }
}

const isWs = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d

/** UTF-8 bytes to a string; Buffers decode natively without a copy. */
export function bytesToString(buf: Uint8Array, start: number, end: number): string {
  if (buf instanceof Buffer) return (buf as Buffer & { utf8Slice(s: number, e: number): string }).utf8Slice(start, end)
  return decoder.decode(buf.subarray(start, end))
}

/** What XSD's multi-character escapes \s, \i and \c stand for, inside a character class. */
const classBody: Record<string, string> = { s: ' \\t\\n\\r', i: 'A-Za-z_:\\u00C0-\\u02FF', c: 'A-Za-z0-9._:\\-\\u00B7\\u00C0-\\u02FF' }

/** Translates an XSD regular expression (XML Schema Part 2, appendix F) into an anchored JS RegExp. */
export function translateXsdPattern(pattern: string): RegExp {
  let out = ''
  let inClass = 0
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\') {
      const e = pattern[++i]
      if (e === undefined) throw new Error(`pattern ${pattern}: trailing backslash`)
      if (e === 's' || e === 'i' || e === 'c') out += inClass ? classBody[e] : `[${classBody[e]}]`
      else if (e === 'S' || e === 'I' || e === 'C') {
        if (inClass) throw new Error(`pattern ${pattern}: \\${e} inside a class is not supported`)
        out += `[^${classBody[e.toLowerCase()]}]`
      } else if (e === 'd') out += '\\p{Nd}'
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
  private readonly enumSet: ReadonlySet<string> | null
  private readonly shortCodes: Map<number, string> | null
  private readonly patternGroups: RegExp[][]
  private readonly minLength: number
  private readonly maxLength: number
  private readonly min: bigint | null
  private readonly max: bigint | null
  private readonly minNumber: number
  private readonly maxNumber: number
  private readonly cache = new StringCache()
  /**
   * Plain dates read so far, by the number YYYYMMDD (which gives back the text): a lookup by a
   * small integer instead of hashing and comparing bytes. Emptied at 4,096 dates.
   */
  private readonly dates = new Map<number, string>()
  /** The only pattern is LDT_Datum's `[^:Z]*`, which a plain YYYY-MM-DD always meets. */
  private readonly plainDateNeedsNoPattern: boolean

  constructor(model: SimpleTypeModel) {
    this.base = model.base
    this.enumeration = model.enumeration ?? null
    this.enumSet = this.enumeration ? new Set(this.enumeration) : null
    this.shortCodes = null
    if (this.enumeration && model.base === 'string') {
      this.shortCodes = new Map()
      for (const code of this.enumeration) {
        const bytes = new TextEncoder().encode(code)
        if (bytes.length > 4) continue
        let key = bytes.length
        for (const b of bytes) key = key * 256 + b
        this.shortCodes.set(key, code)
      }
    }
    this.patternGroups = (model.patterns ?? []).map((group) => group.map(translateXsdPattern))
    this.minLength = model.minLength ?? 0
    this.maxLength = model.maxLength ?? Infinity
    this.min = model.minInclusive !== undefined ? BigInt(model.minInclusive) : null
    this.max = model.maxInclusive !== undefined ? BigInt(model.maxInclusive) : null
    this.minNumber = this.min !== null ? Number(this.min) : -Infinity
    this.maxNumber = this.max !== null ? Number(this.max) : Infinity
    this.plainDateNeedsNoPattern = (model.patterns ?? []).every((g) => g.length === 1 && g[0] === '[^:Z]*') && !model.enumeration
  }

  /** Checks a value given as UTF-8 bytes. */
  parse(buf: Uint8Array, start: number, end: number): SimpleValue | ValueProblem {
    if (this.base === 'string') return this.parseString(buf, start, end)
    // Collapse: leading and trailing whitespace go; inner whitespace never fits these types.
    while (start < end && isWs(buf[start]!)) start++
    while (end > start && isWs(buf[end - 1]!)) end--
    if (this.base === 'integer') return this.parseInteger(buf, start, end)
    if (this.base === 'date' && this.plainDateNeedsNoPattern && end - start === 10) {
      const key = plainDateKey(buf, start)
      if (key >= 0) {
        let text = this.dates.get(key)
        if (text === undefined) {
          if (this.dates.size >= 4096) this.dates.clear()
          text = bytesToString(buf, start, end)
          this.dates.set(key, text)
        }
        return text
      }
    }
    const text = bytesToString(buf, start, end)
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
    // Codes of up to four bytes are looked up by a number made of their bytes.
    const len = end - start
    if (this.shortCodes !== null && len <= 4) {
      let key = len
      for (let i = start; i < end; i++) key = key * 256 + buf[i]!
      const code = this.shortCodes.get(key)
      if (code !== undefined) return code
    }
    const text = this.cache.get(buf, start, end)
    if (this.enumSet) {
      // The enumeration value itself satisfies the other facets (the XSD is consistent).
      if (this.enumSet.has(text)) return text
      return new ValueProblem('enumeration', `'${text}' is not one of the allowed codes (${summarise(this.enumeration!)})`)
    }
    let length = 0
    for (let i = start; i < end; i++) if ((buf[i]! & 0xc0) !== 0x80) length++
    if (length < this.minLength) return new ValueProblem('length', length === 0 ? 'the value is empty' : `'${text}' is shorter than ${this.minLength} characters`)
    if (length > this.maxLength) return new ValueProblem('length', `the value is ${length} characters long; at most ${this.maxLength} are allowed`)
    return this.checkPatterns(text) ?? text
  }

  private parseInteger(buf: Uint8Array, start: number, end: number): SimpleValue | ValueProblem {
    let i = start
    let negative = false
    if (i < end && (buf[i] === 0x2b || buf[i] === 0x2d)) negative = buf[i++] === 0x2d
    if (i === end) return new ValueProblem('type', `'${bytesToString(buf, start, end)}' is not a whole number`)
    while (i < end - 1 && buf[i] === 0x30) i++
    const digitsStart = i
    let value = 0
    for (; i < end; i++) {
      const d = buf[i]! - 0x30
      if (d < 0 || d > 9) return new ValueProblem('type', `'${bytesToString(buf, start, end)}' is not a whole number`)
      value = value * 10 + d
    }
    const digits = end - digitsStart
    if (digits > 15) {
      const text = bytesToString(buf, start, end)
      const big = BigInt(text)
      if ((this.min !== null && big < this.min) || (this.max !== null && big > this.max)) return this.rangeProblem(text)
      return this.checkPatterns(text) ?? text
    }
    if (negative) value = -value
    if (value < this.minNumber || value > this.maxNumber) return this.rangeProblem(bytesToString(buf, start, end))
    if (this.patternGroups.length > 0 || this.enumeration) {
      const text = this.cache.get(buf, start, end)
      return this.checkPatterns(text) ?? this.checkEnumeration(text) ?? value
    }
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
    if (this.enumSet && !this.enumSet.has(text)) return new ValueProblem('enumeration', `'${text}' is not one of the allowed values (${summarise(this.enumeration!)})`)
    return undefined
  }
}

function summarise(values: readonly string[]): string {
  return values.length <= 12 ? values.join(', ') : `${values.slice(0, 10).join(', ')}, … ${values.length} codes`
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const zone = '(Z|[+-](?:(?:0\\d|1[0-3]):[0-5]\\d|14:00))?'
const dateLexical = new RegExp(`^(-?)(\\d{4,})-(\\d{2})-(\\d{2})${zone}$`)
const timeLexical = new RegExp(`^(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?${zone}$`)

/** xs:date (XSD 1.0): a year of four or more digits (no leading zero beyond four, not 0000), a real month and day. */
function checkDate(text: string): ValueProblem | undefined {
  const m = dateLexical.exec(text)
  if (!m) return notADate(text)
  const yearText = m[2]!
  if (yearText.length > 4 && yearText.startsWith('0')) return notADate(text)
  const year = Number(yearText)
  const month = Number(m[3])
  const day = Number(m[4])
  if (year === 0 || month < 1 || month > 12 || day < 1) return notADate(text)
  const signedYear = m[1] ? 1 - year : year
  const max = month === 2 && isLeap(signedYear) ? 29 : daysInMonth[month - 1]!
  if (day > max) return new ValueProblem('type', `'${text}' is not a date: ${yearText}-${m[3]} has ${max} days`)
  return undefined
}

function notADate(text: string): ValueProblem {
  return new ValueProblem('type', `'${text}' is not a date (YYYY-MM-DD)`)
}

/**
 * The 10 bytes at `p` as the number YYYYMMDD when they are a valid YYYY-MM-DD, otherwise -1
 * (and the general check decides).
 */
function plainDateKey(b: Uint8Array, p: number): number {
  if (b[p + 4] !== 0x2d || b[p + 7] !== 0x2d) return -1
  let year = 0
  for (let i = 0; i < 4; i++) {
    const d = b[p + i]! - 0x30
    if (d < 0 || d > 9) return -1
    year = year * 10 + d
  }
  const m1 = b[p + 5]! - 0x30
  const m2 = b[p + 6]! - 0x30
  const d1 = b[p + 8]! - 0x30
  const d2 = b[p + 9]! - 0x30
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return -1
  const month = m1 * 10 + m2
  const day = d1 * 10 + d2
  if (year === 0 || month < 1 || month > 12 || day < 1) return -1
  return day <= (month === 2 && isLeap(year) ? 29 : daysInMonth[month - 1]!) ? year * 10000 + month * 100 + day : -1
}

/** xs:time (XSD 1.0): hh:mm:ss with optional fraction; 24:00:00 is the only hour-24 time. */
function checkTime(text: string): ValueProblem | undefined {
  const m = timeLexical.exec(text)
  if (!m) return notATime(text)
  const h = Number(m[1])
  const min = Number(m[2])
  const s = Number(m[3])
  if (min > 59 || s > 59) return notATime(text)
  if (h > 24 || (h === 24 && (min !== 0 || s !== 0 || (m[4] !== undefined && /[1-9]/.test(m[4]))))) return notATime(text)
  return undefined
}

function notATime(text: string): ValueProblem {
  return new ValueProblem('type', `'${text}' is not a time (hh:mm:ss)`)
}
