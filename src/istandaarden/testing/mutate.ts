/**
 * Mutations of valid messages for the differential test against the official XSDs: elements
 * deleted, duplicated, swapped, renamed, moved to the other namespace; unknown elements, text
 * and attributes added; values replaced by values at and beyond their type's bounds, wrong
 * codes, whitespace, entity and character references, CDATA and comments.
 */
import { type ElementNode, compiledSchema } from '../messages/compiled-schema.ts'
import { type MessageKind, basisNamespace, basisPrefix, messageNamespace, messagePrefix } from '../message-catalog.ts'
import type { SimpleTypeModel } from '../schema/schema-model.ts'
import { messageSchema } from '../schema/schema-set.ts'
import { XmlReader } from '../xml/xml-reader.ts'

export interface El {
  qname: string
  children: El[]
  /** Raw XML for a leaf's content (already escaped), or null for an element with children. */
  raw: string | null
  /** The schema node of a leaf in the seed (for type-aware values); null once moved or renamed. */
  type: SimpleTypeModel | null
  /** Extra raw markup inside the start tag (attributes) or before the children (stray text). */
  attrs: string
  stray: string
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Parses a valid message into a tree that keeps prefixes as written. */
export function toTree(kind: MessageKind, xml: string): El {
  const model = messageSchema(kind.law, kind.code)
  const schema = compiledSchema(kind.law, kind.code)
  const stack: Array<{ el: El; node: ElementNode | undefined }> = []
  let root: El | undefined
  const decoder = new TextDecoder()
  let text = ''
  const reader = new XmlReader({
    startElement(_uri, name) {
      const parent = stack.at(-1)
      const node = parent ? parent.node?.children?.find((c) => c.name === name.local) : schema.root
      const el: El = { qname: name.prefix ? `${name.prefix}:${name.local}` : name.local, children: [], raw: null, type: null, attrs: '', stray: '' }
      if (node?.simple) el.type = model.simpleTypes[node.type] ?? null
      parent?.el.children.push(el)
      root ??= el
      stack.push({ el, node })
      text = ''
    },
    text(buf, start, end) {
      text += decoder.decode(buf.subarray(start, end))
    },
    endElement() {
      const top = stack.pop()!
      if (top.el.children.length === 0) top.el.raw = escape(text)
      text = ''
    },
  })
  reader.write(new TextEncoder().encode(xml))
  reader.end()
  return root!
}

export function fromTree(kind: MessageKind, root: El): string {
  const decl = `xmlns:${messagePrefix(kind.law, kind.code)}="${messageNamespace(kind.law, kind.code)}" xmlns:${basisPrefix[kind.law]}="${basisNamespace(kind.law)}"`
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n']
  const write = (el: El, indent: string, isRoot: boolean): void => {
    const open = `<${el.qname}${isRoot ? ` ${decl}` : ''}${el.attrs}>`
    if (el.raw !== null && el.children.length === 0) {
      out.push(`${indent}${open}${el.stray}${el.raw}</${el.qname}>\n`)
      return
    }
    out.push(`${indent}${open}${el.stray}\n`)
    for (const c of el.children) write(c, `${indent}\t`, false)
    out.push(`${indent}</${el.qname}>\n`)
  }
  write(root, '', true)
  return out.join('')
}

const clone = (el: El): El => ({ ...el, children: el.children.map(clone) })

/** A small deterministic PRNG (mulberry32), so a failing mutation can be replayed by its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function all(root: El): Array<{ el: El; parent: El | null; index: number }> {
  const list: Array<{ el: El; parent: El | null; index: number }> = []
  const visit = (el: El, parent: El | null, index: number) => {
    list.push({ el, parent, index })
    el.children.forEach((c, i) => visit(c, el, i))
  }
  visit(root, null, 0)
  return list
}

/** Values at and beyond the bounds of a simple type, and other near misses. */
export function boundaryValues(type: SimpleTypeModel | null, original: string): string[] {
  const values = ['', ' ', 'x', `${original} `, ` ${original}`, `\t${original}\n`, `${original}&amp;`, `<![CDATA[${original}]]>`, `${original}<!-- c -->`, '&#x41;', `${original}&#10;x`]
  if (!type) return values
  if (type.enumeration) {
    values.push(...type.enumeration.slice(0, 3), '99', '0', `${type.enumeration[0]}0`, type.enumeration[0]!.toLowerCase(), `0${type.enumeration[0]}`)
  }
  if (type.base === 'integer') {
    const min = BigInt(type.minInclusive ?? '-1000')
    const max = BigInt(type.maxInclusive ?? '1000')
    values.push(String(min), String(min - 1n), String(max), String(max + 1n), `+${max}`, `0${min}`, ' 7 ', '1.0', '1e3', '-0', '00000000000000000000001', '99999999999999999999999')
  }
  if (type.base === 'date') {
    values.push('2024-02-29', '2023-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-01', '2026-01-01Z', '2026-01-01+01:00', ' 2026-01-01 ', '12026-01-01', '0000-01-01', '2026-01-01T00:00:00', '1900-01-01', '2026/01/01')
  }
  if (type.base === 'time') {
    values.push('24:00:00', '23:59:59', '23:59:60', '12:00', '12:00:00.5', '12:00:00Z', '12:00:00+01:00', '7:00:00', ' 12:00:00 ')
  }
  if (type.base === 'string') {
    const max = type.maxLength
    const min = type.minLength ?? 0
    if (max !== undefined) values.push('a'.repeat(max), 'a'.repeat(max + 1), '1'.repeat(max), 'é'.repeat(max), 'é'.repeat(max + 1))
    if (min > 1) values.push('a'.repeat(min - 1), 'a'.repeat(min))
    values.push('12345678', '123456789', '1234567890', '0355', 'AB12', 'a b', 'a\u00a0b', '  a  ', '1.2.3', '01.2.3', '1.2', 'Zé')
  }
  return values
}

/** One random mutation of a tree; returns a new tree and a description. */
export function mutate(kind: MessageKind, root: El, random: () => number): { tree: El; what: string } {
  const tree = clone(root)
  const nodes = all(tree)
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!
  const other = kind.law === 'ijw' ? basisPrefix.ijw : basisPrefix.iwmo
  const own = messagePrefix(kind.law, kind.code)
  const op = Math.floor(random() * 10)
  const withParent = nodes.filter((n) => n.parent)
  const leaves = nodes.filter((n) => n.el.raw !== null && n.el.children.length === 0)
  switch (op) {
    case 0: {
      const n = pick(withParent)
      n.parent!.children.splice(n.index, 1)
      return { tree, what: `delete ${n.el.qname}` }
    }
    case 1: {
      const n = pick(withParent)
      n.parent!.children.splice(n.index, 0, clone(n.el))
      return { tree, what: `duplicate ${n.el.qname}` }
    }
    case 2: {
      const n = pick(withParent.filter((x) => x.parent!.children.length > 1))
      if (!n) return { tree, what: 'nothing to swap' }
      const sibs = n.parent!.children
      const j = n.index + 1 < sibs.length ? n.index + 1 : n.index - 1
      ;[sibs[n.index], sibs[j]] = [sibs[j]!, sibs[n.index]!]
      return { tree, what: `swap ${n.el.qname} with its neighbour` }
    }
    case 3: {
      const n = pick(withParent)
      const [prefix, local] = n.el.qname.split(':') as [string, string]
      n.el.qname = `${prefix === own ? other : own}:${local}`
      n.el.type = null
      return { tree, what: `move ${local} to the other namespace` }
    }
    case 4: {
      const n = pick(withParent)
      const [prefix, local] = n.el.qname.split(':') as [string, string]
      n.el.qname = `${prefix}:${random() < 0.5 ? local.toLowerCase() : `${local}X`}`
      return { tree, what: `rename ${local}` }
    }
    case 5: {
      const n = pick(nodes.filter((x) => x.el.children.length > 0))!
      const at = Math.floor(random() * (n.el.children.length + 1))
      const extra: El = { qname: `${own}:Onbekend`, children: [], raw: '1', type: null, attrs: '', stray: '' }
      n.el.children.splice(at, 0, extra)
      return { tree, what: `insert an unknown element into ${n.el.qname}` }
    }
    case 6: {
      const n = pick(nodes)
      if (random() < 0.5) {
        n.el.attrs = pick([' foo="1"', ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="a b"', ` ${own}:x="1"`])
        return { tree, what: `attribute on ${n.el.qname}` }
      }
      n.el.stray = pick(['tekst', '<!-- opmerking -->', '<?pi x?>', '&#32;', ' \t '])
      return { tree, what: `stray content in ${n.el.qname}` }
    }
    default: {
      const n = pick(leaves)
      const text = n.el.raw ?? ''
      n.el.raw = pick(boundaryValues(n.el.type, text))
      return { tree, what: `value of ${n.el.qname}: ${JSON.stringify(n.el.raw)}` }
    }
  }
}
