/**
 * Reads the official XSDs (with Koers' own XML reader) into a `MessageSchemaModel`. Used by
 * the generator script and by the test that keeps the generated file in step; not at run time.
 * It refuses any XSD construct it does not model, so a new release cannot slip through half read.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Law, type MessageCode, basisNamespace, messageNamespace, xsdFileName, xsdFolder } from '../message-catalog.ts'
import { XmlReader } from '../xml/xml-reader.ts'
import type { BuiltinType, ComplexTypeModel, ElementModel, MessageSchemaModel, SimpleTypeModel } from './schema-model.ts'

const XS = 'http://www.w3.org/2001/XMLSchema'

interface Node {
  uri: string
  name: string
  attrs: Record<string, string>
  children: Node[]
  text: string
  /** QName-valued attributes (`type`, `base`) resolved where they stand: namespace and local name. */
  refs: Record<string, { uri: string | undefined; local: string }>
}

/** A small DOM for small files (the XSDs), built on the streaming reader. */
export function parseXmlDocument(bytes: Uint8Array): Node {
  const stack: Node[] = []
  let root: Node | undefined
  const decoder = new TextDecoder()
  const reader: XmlReader = new XmlReader({
    startElement(uri, name, attributes) {
      const node: Node = { uri, name: name.local, attrs: {}, children: [], text: '', refs: {} }
      for (const a of attributes) {
        node.attrs[a.qname] = a.value
        if (a.qname === 'type' || a.qname === 'base') {
          const colon = a.value.indexOf(':')
          node.refs[a.qname] = { uri: reader.lookupNamespace(colon > 0 ? a.value.slice(0, colon) : ''), local: a.value.slice(colon + 1) }
        }
      }
      stack.at(-1)?.children.push(node)
      stack.push(node)
      root ??= node
    },
    text(buf, start, end) {
      const top = stack.at(-1)
      if (top) top.text += decoder.decode(buf.subarray(start, end))
    },
    endElement() {
      stack.pop()
    },
  })
  reader.write(bytes)
  reader.end()
  if (!root) throw new Error('empty XSD')
  return root
}

const xs = (n: Node, local: string): Node[] => n.children.filter((c) => c.uri === XS && c.name === local)
const one = (n: Node, local: string): Node | undefined => xs(n, local)[0]

interface SchemaFile {
  tns: string
  complex: Map<string, Node>
  simple: Map<string, Node>
  root: Node
}

function loadSchema(path: string): SchemaFile {
  const root = parseXmlDocument(readFileSync(path))
  if (root.uri !== XS || root.name !== 'schema') throw new Error(`${path}: not an XSD`)
  if (root.attrs.elementFormDefault !== 'qualified') throw new Error(`${path}: elementFormDefault must be qualified`)
  const complex = new Map<string, Node>()
  const simple = new Map<string, Node>()
  for (const c of root.children) {
    if (c.uri !== XS) continue
    if (c.name === 'complexType') complex.set(c.attrs.name!, c)
    else if (c.name === 'simpleType') simple.set(c.attrs.name!, c)
    else if (!['import', 'annotation', 'element'].includes(c.name)) throw new Error(`${path}: unsupported top-level xs:${c.name}`)
  }
  return { tns: root.attrs.targetNamespace!, complex, simple, root }
}

const builtins: Record<string, BuiltinType> = { string: 'string', integer: 'integer', date: 'date', time: 'time' }

/** Compiles one message XSD plus its basisschema. */
export function compileMessageSchema(istandaardenDir: string, law: Law, code: MessageCode): MessageSchemaModel {
  const dir = join(istandaardenDir, xsdFolder[law])
  const message = loadSchema(join(dir, xsdFileName(law, code)))
  const basis = loadSchema(join(dir, 'basisschema.xsd'))
  if (message.tns !== messageNamespace(law, code)) throw new Error(`${law}${code}: unexpected target namespace ${message.tns}`)
  if (basis.tns !== basisNamespace(law)) throw new Error(`${law}: unexpected basisschema namespace ${basis.tns}`)

  const complexTypes: Record<string, ComplexTypeModel> = {}
  const simpleTypes: Record<string, SimpleTypeModel> = {}

  const resolveRef = (ref: Node['refs'][string] | undefined): { file: SchemaFile; key: string; local: string } | { builtin: BuiltinType } => {
    if (!ref) throw new Error(`${law}${code}: a type reference is missing`)
    const { uri, local } = ref
    if (uri === XS) {
      const b = builtins[local]
      if (!b) throw new Error(`${law}${code}: unsupported built-in type xs:${local}`)
      return { builtin: b }
    }
    if (uri === message.tns) return { file: message, key: `m:${local}`, local }
    if (uri === basis.tns) return { file: basis, key: `b:${local}`, local }
    throw new Error(`${law}${code}: type ${local} in an unknown namespace ${uri}`)
  }

  const simpleFromRestriction = (node: Node, key: string): SimpleTypeModel => {
    const restriction = one(node, 'restriction')
    if (!restriction || node.children.some((c) => c.uri === XS && !['restriction', 'annotation'].includes(c.name))) throw new Error(`${key}: only xs:restriction is supported`)
    const baseRef = resolveRef(restriction.refs.base)
    const base: SimpleTypeModel = 'builtin' in baseRef ? { base: baseRef.builtin } : simpleType(baseRef.file, baseRef.local, baseRef.key)
    const model: SimpleTypeModel = { ...base }
    const enumeration = xs(restriction, 'enumeration').map((e) => e.attrs.value!)
    if (enumeration.length > 0) model.enumeration = base.enumeration ? enumeration.filter((v) => base.enumeration!.includes(v)) : enumeration
    const patterns = xs(restriction, 'pattern').map((e) => e.attrs.value!)
    if (patterns.length > 0) model.patterns = [...(base.patterns ?? []), patterns]
    for (const facet of restriction.children) {
      if (facet.uri !== XS) continue
      const v = facet.attrs.value
      switch (facet.name) {
        case 'minLength': model.minLength = Math.max(Number(v), base.minLength ?? 0); break
        case 'maxLength': model.maxLength = Math.min(Number(v), base.maxLength ?? Infinity); break
        case 'minInclusive': model.minInclusive = base.minInclusive !== undefined && BigInt(base.minInclusive) > BigInt(v!) ? base.minInclusive : v!; break
        case 'maxInclusive': model.maxInclusive = base.maxInclusive !== undefined && BigInt(base.maxInclusive) < BigInt(v!) ? base.maxInclusive : v!; break
        case 'enumeration': case 'pattern': case 'annotation': break
        default: throw new Error(`${key}: unsupported facet xs:${facet.name}`)
      }
    }
    return model
  }

  function simpleType(file: SchemaFile, local: string, key: string): SimpleTypeModel {
    const existing = simpleTypes[key]
    if (existing) return existing
    const node = file.simple.get(local)
    if (!node) throw new Error(`${law}${code}: simple type ${key} not found`)
    const model = simpleFromRestriction(node, key)
    simpleTypes[key] = model
    return model
  }

  function complexType(file: SchemaFile, local: string, key: string): void {
    if (complexTypes[key]) return
    const node = file.complex.get(local)
    if (!node) throw new Error(`${law}${code}: complex type ${key} not found`)
    complexTypes[key] = { sequence: [] }
    const parts = node.children.filter((c) => c.uri === XS && c.name !== 'annotation')
    if (parts.length !== 1 || parts[0]!.name !== 'sequence') throw new Error(`${key}: only a single xs:sequence is supported`)
    const seq = parts[0]!
    if (seq.attrs.minOccurs || seq.attrs.maxOccurs) throw new Error(`${key}: occurrence on xs:sequence is not supported`)
    const sequence = seq.children.filter((c) => c.uri === XS && c.name !== 'annotation').map((el) => element(el, file, `${key}.`))
    complexTypes[key] = { sequence }
  }

  function element(el: Node, file: SchemaFile, anonymousPrefix: string): ElementModel {
    if (el.name !== 'element') throw new Error(`${anonymousPrefix}: unsupported particle xs:${el.name}`)
    const name = el.attrs.name!
    const minOccurs = el.attrs.minOccurs === undefined ? 1 : Number(el.attrs.minOccurs)
    const maxOccurs = el.attrs.maxOccurs === undefined ? 1 : el.attrs.maxOccurs === 'unbounded' ? -1 : Number(el.attrs.maxOccurs)
    let type: string
    if (el.attrs.type) {
      const ref = resolveRef(el.refs.type)
      if ('builtin' in ref) {
        type = `xs:${ref.builtin}`
        simpleTypes[type] ??= { base: ref.builtin }
      } else if (ref.file.complex.has(ref.local)) {
        complexType(ref.file, ref.local, ref.key)
        type = ref.key
      } else {
        simpleType(ref.file, ref.local, ref.key)
        type = ref.key
      }
    } else {
      const inline = one(el, 'simpleType')
      if (!inline || one(el, 'complexType')) throw new Error(`${anonymousPrefix}${name}: only inline simple types are supported`)
      type = `${anonymousPrefix}${name}`
      simpleTypes[type] = simpleFromRestriction(inline, type)
    }
    return { name, ns: file === message ? 'm' : 'b', minOccurs, maxOccurs, type }
  }

  const rootEl = xs(message.root, 'element')
  if (rootEl.length !== 1) throw new Error(`${law}${code}: expected one root element`)
  const root = element(rootEl[0]!, message, 'm:')
  const appinfo = one(one(message.root, 'annotation')!, 'appinfo')!
  const info = (local: string) => appinfo.children.find((c) => c.name === local)?.text.trim() ?? ''
  return { law, code, xsdVersion: { bericht: info('BerichtXsdVersie'), basisschema: info('BasisschemaXsdVersie') }, root, complexTypes: sortKeys(complexTypes), simpleTypes: sortKeys(simpleTypes) }
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
