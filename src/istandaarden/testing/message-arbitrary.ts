/**
 * fast-check arbitraries for iJw/iWmo 3.2 messages, derived from the compiled schema: every
 * generated message satisfies the XSD (level 1). Values include characters that must be
 * escaped (&, <, >) and non-ASCII letters, so the writer's escaping is exercised too.
 */
import fc from 'fast-check'
import { type ElementNode, compiledSchema } from '../messages/compiled-schema.ts'
import { type MessageKind, berichtCodes } from '../message-catalog.ts'
import type { MessageObject, MessageValue } from '../messages/read-message.ts'
import type { SimpleTypeChecker } from '../schema/simple-values.ts'
import { ValueProblem } from '../schema/simple-values.ts'
import type { SimpleTypeModel } from '../schema/schema-model.ts'
import { messageSchema } from '../schema/schema-set.ts'

const textChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -.,&<>\'"éëïöüÀçß'.split(''))
const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''))
const letters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéëïöüÀç'.split(''))
const digit = fc.constantFrom(...'0123456789'.split(''))

const stringOf = (chars: fc.Arbitrary<string>, min: number, max: number) => fc.array(chars, { minLength: min, maxLength: max }).map((a) => a.join(''))

const pad = (n: number, w: number) => String(n).padStart(w, '0')

/** A valid xs:date in 2000–2035. */
export const dateArb = fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2035, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))

function simpleArb(model: SimpleTypeModel, checker: SimpleTypeChecker): fc.Arbitrary<string | number> {
  const valid = (v: string | number) => !(checker.parseText(String(v)) instanceof ValueProblem)
  if (model.enumeration) return fc.constantFrom(...model.enumeration)
  if (model.base === 'integer') {
    const min = Number(model.minInclusive ?? -1e9)
    const max = Number(model.maxInclusive ?? 1e9)
    const literal = model.patterns?.flat().find((p) => /^\d+$/.test(p))
    if (literal) return fc.constant(Number(literal))
    return fc.oneof(fc.integer({ min, max: Math.min(max, min + 1000) }), fc.integer({ min, max }), fc.constant(max), fc.constant(min)).filter(valid)
  }
  if (model.base === 'date') return dateArb
  if (model.base === 'time') return fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 })).map(([h, m, s]) => `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}`)
  const patterns = (model.patterns ?? []).flat()
  const min = Math.max(model.minLength ?? 0, 1)
  const max = Math.min(model.maxLength ?? 60, 60)
  const literal = patterns.find((p) => /^\d+$/.test(p))
  if (literal) return fc.constant(literal)
  const digits = patterns.map((p) => /^\[0-9\]\{(\d+)\}$/.exec(p)).find(Boolean)
  if (digits) return stringOf(digit, Number(digits[1]), Number(digits[1]))
  if (patterns.includes('[0-9]*')) return stringOf(digit, min, max)
  if (patterns.some((p) => p.startsWith('(0|[1-9][0-9]*)\\.'))) return fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map((t) => t.join('.'))
  if (patterns.includes('([a-zA-Z0-9])+')) return stringOf(alnum, min, max)
  if (patterns.some((p) => p.startsWith('([a-zA-ZÀ'))) return stringOf(letters, min, max)
  // `.*[^\s].*`, the Commentaar pattern, or none: printable text with a letter in it.
  return fc.tuple(stringOf(textChars, 0, Math.max(0, max - 1)), alnum).map(([s, c]) => `${c}${s}`.slice(0, max)).filter(valid)
}

/** An arbitrary message body (a `MessageObject`) of one kind, valid against its XSD. */
export function messageArbitrary(kind: MessageKind, maxRepeat = 3): fc.Arbitrary<MessageObject> {
  const schema = compiledSchema(kind.law, kind.code)
  const model = messageSchema(kind.law, kind.code)
  const memo = new Map<ElementNode, fc.Arbitrary<MessageValue>>()

  const arbOf = (node: ElementNode): fc.Arbitrary<MessageValue> => {
    const known = memo.get(node)
    if (known) return known
    let arb: fc.Arbitrary<MessageValue>
    if (node.simple) {
      arb = simpleArb(model.simpleTypes[node.type]!, node.simple)
      if (node.name === 'BerichtCode') arb = fc.constant(berichtCodes[kind.law][kind.code])
    } else {
      const entries: Record<string, fc.Arbitrary<MessageValue | undefined>> = {}
      for (const child of node.children!) {
        const single = arbOf(child)
        const value: fc.Arbitrary<MessageValue> =
          child.maxOccurs === 1 ? single : fc.array(single, { minLength: Math.max(1, child.minOccurs), maxLength: Math.min(maxRepeat, child.maxOccurs) })
        entries[child.name] = child.minOccurs === 0 ? fc.option(value, { nil: undefined, freq: 2 }) : value
      }
      arb = fc.record(entries).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as MessageObject)
    }
    memo.set(node, arb)
    return arb
  }
  return arbOf(schema.root) as fc.Arbitrary<MessageObject>
}
