/**
 * A message schema compiled for validation: each element declaration becomes a node with its
 * namespace, occurrence bounds and either a child sequence or a simple-type checker.
 */
import { type Law, type MessageCode, basisNamespace, messageNamespace } from '../message-catalog.ts'
import { messageSchema } from '../schema/schema-set.ts'
import { type MessageRule, rulesFor } from './message-rules.ts'
import { SimpleTypeChecker } from '../schema/simple-values.ts'
import type { ElementModel } from '../schema/schema-model.ts'

export interface ElementNode {
  name: string
  uri: string
  /** Index of `name` in the shared name table, compared against interned QNames. */
  nameId: number
  minOccurs: number
  /** Infinity for unbounded. */
  maxOccurs: number
  /** The XSD type key, e.g. `m:Prestatie` or `b:LDT_Datum`. */
  type: string
  children: ElementNode[] | null
  simple: SimpleTypeChecker | null
  /** Streamed out as a record instead of being kept in its parent (see `recordElements`). */
  record: boolean
  /** The CD/CS rules run when this element closes, or null. */
  rules: readonly MessageRule[] | null
}

export interface CompiledSchema {
  law: Law
  code: MessageCode
  xsdVersion: { bericht: string; basisschema: string }
  root: ElementNode
  /** The message and basisschema namespace strings the nodes use. */
  uris: readonly string[]
}

/**
 * The repeating elements a reader hands out one by one rather than keeping: a 323 of a
 * million prestaties is never held whole. Everything else is small and kept.
 */
export const recordElements: Record<MessageCode, readonly string[]> = {
  '301': ['ToegewezenProduct'], '302': ['ToegewezenProduct'],
  '305': ['StartProduct'], '306': ['StartProduct'],
  '307': ['StopProduct'], '308': ['StopProduct'],
  '315': ['AangevraagdProduct'], '316': ['AangevraagdProduct'],
  '317': ['OngewijzigdProduct', 'TeWijzigenProduct', 'NieuwProduct'], '318': ['OngewijzigdProduct', 'TeWijzigenProduct', 'NieuwProduct'],
  '319': [], '320': [],
  // A declaration's clients are records too (each after its prestaties): a 323 has thousands.
  '323': ['Prestatie', 'Client'], '325': ['Prestatie', 'Client'],
}

/** Element local names → small integers, shared by every compiled schema. */
export const nameTable = new Map<string, number>()
export const nameId = (name: string): number => {
  let id = nameTable.get(name)
  if (id === undefined) {
    id = nameTable.size
    nameTable.set(name, id)
  }
  return id
}

const compiled = new Map<string, CompiledSchema>()

export function compiledSchema(law: Law, code: MessageCode): CompiledSchema {
  const key = `${law}${code}`
  const existing = compiled.get(key)
  if (existing) return existing
  const model = messageSchema(law, code)
  const uris = { m: messageNamespace(law, code), b: basisNamespace(law) }
  const checkers = new Map<string, SimpleTypeChecker>()
  const sequences = new Map<string, ElementNode[]>()
  const records = new Set(recordElements[code])
  const rules = rulesFor(code)

  const build = (el: ElementModel): ElementNode => {
    const node: ElementNode = {
      name: el.name,
      uri: uris[el.ns],
      nameId: nameId(el.name),
      minOccurs: el.minOccurs,
      maxOccurs: el.maxOccurs === -1 ? Infinity : el.maxOccurs,
      type: el.type,
      children: null,
      simple: null,
      record: records.has(el.name) && el.maxOccurs !== 1,
      rules: null,
    }
    const complex = model.complexTypes[el.type]
    if (complex) {
      node.rules = rules.get(el.name) ?? null
      let children = sequences.get(el.type)
      if (!children) {
        children = []
        sequences.set(el.type, children)
        children.push(...complex.sequence.map(build))
      }
      node.children = children
    } else {
      const simple = model.simpleTypes[el.type]
      if (!simple) throw new Error(`${key}: type ${el.type} is missing from the generated schema`)
      let checker = checkers.get(el.type)
      if (!checker) {
        checker = new SimpleTypeChecker(simple)
        checkers.set(el.type, checker)
      }
      node.simple = checker
    }
    return node
  }

  const schema: CompiledSchema = { law, code, xsdVersion: model.xsdVersion, root: build(model.root), uris: [uris.m, uris.b] }
  compiled.set(key, schema)
  return schema
}
