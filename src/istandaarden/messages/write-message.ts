/**
 * Writes iJw/iWmo 3.2 messages from plain objects, walking the same schema the reader checks
 * against: elements in XSD order, every value checked against its type (level 1) and every
 * element against the CD/CS rules (level 2) before a byte is produced for it. A message that
 * would not validate is never written: the writer throws a `MessageWriteError` naming the path.
 *
 * Repeated elements may be given as any iterable, so a 325 or 323 of a million lines streams
 * out of `serializeMessage` chunk by chunk.
 */
import { type CompiledSchema, type ElementNode, compiledSchema } from './compiled-schema.ts'
import { type MessageKind, basisNamespace, basisPrefix, messageNamespace, messagePrefix } from '../message-catalog.ts'
import type { MessageObject, MessageValue } from './read-message.ts'
import { valueProblemMessage } from './violations.ts'
import type { RuleContext } from './message-rules.ts'
import { ValueProblem } from '../schema/simple-values.ts'

export class MessageWriteError extends Error {
  override readonly name = 'MessageWriteError'
  constructor(
    readonly path: string,
    readonly rule: string,
    message: string,
  ) {
    super(`${path}: ${message} (${rule})`)
  }
}

/** A message body for writing: like a read one, but repeated elements may be any iterable. */
export type WritableObject = { [name: string]: WritableValue | undefined }
export type WritableValue = string | number | WritableObject | Iterable<WritableValue>

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;')

const isIterableValue = (v: unknown): v is Iterable<unknown> => typeof v === 'object' && v !== null && Symbol.iterator in v

const childNameSets = new WeakMap<ElementNode, ReadonlySet<string>>()

/** The names of a complex element's children, once per schema node. */
function childNames(node: ElementNode): ReadonlySet<string> {
  let names = childNameSets.get(node)
  if (!names) {
    names = new Set(node.children!.map((c) => c.name))
    childNameSets.set(node, names)
  }
  return names
}

const optionalText = (v: WritableValue | undefined): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined)

/** OP192: the end-of-line of every message Koers writes. */
const EOL = '\r\n'

export interface WriteOptions {
  /** Check the CD/CS rules (level 2) too. Only tests turn this off, to make level-2-invalid input for the reader. */
  checkRules?: boolean
  chunkChars?: number
}

/**
 * Serialises a message, yielding text in pieces of about `chunkChars` characters.
 * @example
 * for (const piece of serializeMessage({ law: 'ijw', code: '301' }, body)) out.write(piece)
 */
export function* serializeMessage(kind: MessageKind, body: WritableObject, options: WriteOptions = {}): Generator<string> {
  const chunkChars = options.chunkChars ?? 1 << 16
  const schema = compiledSchema(kind.law, kind.code)
  const prefixes = { [messageNamespace(kind.law, kind.code)]: messagePrefix(kind.law, kind.code), [basisNamespace(kind.law)]: basisPrefix[kind.law] }
  const checkRules = options.checkRules !== false
  const header = body.Header as WritableObject | undefined
  const declaratie = body.Declaratie as WritableObject | undefined
  const ruleContext: RuleContext = {
    dagtekening: optionalText((header?.BerichtIdentificatie as WritableObject | undefined)?.Dagtekening),
    declaratieDagtekening: optionalText(declaratie?.DeclaratieDagtekening),
  }
  // OP192: UTF-8 without a byte-order mark, lines ended with CR/LF.
  let out = `<?xml version="1.0" encoding="UTF-8"?>${EOL}`
  const root = schema.root
  const rootName = `${prefixes[root.uri]}:${root.name}`
  out += `<${rootName} xmlns:${messagePrefix(kind.law, kind.code)}="${messageNamespace(kind.law, kind.code)}" xmlns:${basisPrefix[kind.law]}="${basisNamespace(kind.law)}">${EOL}`

  function* element(node: ElementNode, value: WritableValue, indent: string, path: string): Generator<string> {
    const name = `${prefixes[node.uri]}:${node.name}`
    if (node.simple) {
      if (typeof value !== 'string' && typeof value !== 'number') throw new MessageWriteError(path, 'XSD-TYPE', 'a value (string or number) is required')
      if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new MessageWriteError(path, 'XSD-TYPE', `${value} is not a whole number`)
      const text = String(value)
      const checked = node.simple.parseText(text)
      if (checked instanceof ValueProblem) throw new MessageWriteError(path, `XSD-${checked.kind.toUpperCase()}`, valueProblemMessage(node.name, checked))
      out += `${indent}<${name}>${escapeText(text)}</${name}>${EOL}`
    } else {
      if (typeof value !== 'object' || value === null || isIterableValue(value)) throw new MessageWriteError(path, 'XSD-TYPE', 'an object with the child elements is required')
      const obj = value as WritableObject
      const known = childNames(node)
      for (const key of Object.keys(obj)) {
        if (!known.has(key) && obj[key] !== undefined) throw new MessageWriteError(`${path}/${key}`, 'XSD-UNEXPECTED', `<${key}> is not an element of <${node.name}>`)
      }
      if (checkRules && node.rules) {
        for (const rule of node.rules) {
          const problem = rule.check(obj as MessageObject, ruleContext)
          if (problem) throw new MessageWriteError(problem.field ? `${path}/${problem.field}` : path, rule.code, problem.message)
        }
      }
      out += `${indent}<${name}>${EOL}`
      yield* children(node, obj, `${indent}\t`, path)
      out += `${indent}</${name}>${EOL}`
    }
    if (out.length >= chunkChars) {
      yield out
      out = ''
    }
  }

  function* children(node: ElementNode, obj: WritableObject, indent: string, path: string): Generator<string> {
    for (const child of node.children!) {
      const v = obj[child.name]
      const childPath = `${path}/${child.name}`
      if (v === undefined) {
        if (child.minOccurs > 0) throw new MessageWriteError(childPath, 'XSD-MISSING', `<${child.name}> is required`)
        continue
      }
      if (child.maxOccurs === 1) {
        yield* element(child, v, indent, childPath)
        continue
      }
      if (!isIterableValue(v) || typeof v === 'string') throw new MessageWriteError(childPath, 'XSD-TYPE', `<${child.name}> repeats: give a list`)
      let count = 0
      for (const item of v as Iterable<WritableValue>) {
        count++
        if (count > child.maxOccurs) throw new MessageWriteError(childPath, 'XSD-TOO-MANY', `<${child.name}> may occur at most ${child.maxOccurs} times`)
        yield* element(child, item, indent, `${childPath}[${count - 1}]`)
      }
      if (count < child.minOccurs) throw new MessageWriteError(childPath, 'XSD-MISSING', `<${child.name}> must occur at least ${child.minOccurs} time${child.minOccurs === 1 ? '' : 's'}`)
    }
  }

  // Rules on the whole message (TR002, TR134, TR380), before anything of it is written.
  if (checkRules && root.rules) {
    for (const rule of root.rules) {
      const problem = rule.check(body as MessageObject, ruleContext)
      if (problem) throw new MessageWriteError(problem.field ? `${root.name}/${problem.field}` : root.name, rule.code, problem.message)
    }
  }
  yield* children(root, body, '\t', root.name)
  out += `</${rootName}>${EOL}`
  yield out
}

/** Writes a whole message to a string (for the small messages and for tests). */
export function writeMessage(kind: MessageKind, body: WritableObject, options: WriteOptions = {}): string {
  let xml = ''
  for (const piece of serializeMessage(kind, body, options)) xml += piece
  return xml
}

/** The XSD versions Koers states in the messages it writes: what the XSDs it was built from say. */
export function xsdVersieOf(kind: MessageKind): MessageObject {
  const { xsdVersion } = compiledSchema(kind.law, kind.code) as CompiledSchema
  return { BasisschemaXsdVersie: xsdVersion.basisschema, BerichtXsdVersie: xsdVersion.bericht }
}

export type { MessageValue }
