/**
 * Reads and validates an iJw/iWmo 3.2 message in one streaming pass: the XML reader feeds
 * this validator, which checks every element against the compiled XSD model (level 1), builds
 * plain objects (integers as numbers, everything else as strings), runs the CD/CS rules on
 * each element as it closes (level 2), and hands out the header, each record (a prestatie, a
 * toegewezen product, …) and every violation with its line and column.
 *
 * A record is handed out when it closes and then forgotten, so memory stays flat however long
 * the file is; what is kept is the message without its records (client data, totals).
 */
import { statSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { MessageChannel, Worker } from 'node:worker_threads'
import { type CompiledSchema, type ElementNode, compiledSchema, nameTable } from './compiled-schema.ts'
import { type MessageKind, kindOfNamespace } from '../message-catalog.ts'
import { TECHNICAL_REJECTION, type Violation, valueProblemMessage } from './violations.ts'
import { ValueProblem } from '../schema/simple-values.ts'
import type { RuleContext } from './message-rules.ts'
import { type EventBatch, EventReplayer } from '../xml/xml-events.ts'
import type { TokenizeJob } from '../xml/tokenize-worker.ts'
import { type QName, TEXT_WHITESPACE, type XmlAttribute, type XmlHandler, XmlReader, XmlSyntaxError, copyInto } from '../xml/xml-reader.ts'
import { compiled } from '../../shared/project-root.ts'

export type MessageObject = { [name: string]: MessageValue }
export type MessageValue = string | number | MessageObject | MessageValue[]

export type MessageItem =
  | { kind: 'header'; message: MessageKind; header: MessageObject; line: number; column: number }
  | { kind: 'record'; element: string; value: MessageObject; ancestors: readonly MessageObject[]; line: number; column: number }
  /** A record read on the record path (`ReadOptions.convert`): `value` is what its converter returned. */
  | { kind: 'converted'; element: string; value: unknown; ancestors: readonly MessageObject[]; line: number; column: number }
  | { kind: 'violation'; violation: Violation }

/**
 * Turns a record, as the rules saw it, into what its reader keeps, at once: the objects it is
 * given are reused for the next record, so it must copy what it needs. `ancestors` are the
 * open elements' objects around the record (the Client with its Bsn, the Declaratie, …); the
 * same array is passed again while they stay the same.
 */
export type RecordConverter = (value: MessageObject, ancestors: readonly MessageObject[]) => unknown

export interface ReadOptions {
  /** Keep records in the message tree instead of handing them out (for small messages). */
  keepRecords?: boolean
  /** Stop collecting after this many violations (default 100). */
  maxViolations?: number
  /** Longest simple value read, in bytes (default 1 MiB); longer is refused. */
  maxValueBytes?: number
  /** Skip level-2 rules (for measuring level 1 alone). */
  levelOneOnly?: boolean
  /** Read large files on two cores (default true). */
  parallel?: boolean
  /** From what file size the two-core path pays for its worker's start (default `PARALLEL_MIN_BYTES`). */
  parallelMinBytes?: number
  /** Told the number of input bytes read so far, after every chunk (for a progress bar). */
  onProgress?: (bytesRead: number) => void
  /**
   * The record path, by record element (e.g. a 323's `Prestatie`): the record and the elements
   * in it are read into objects reused from one record to the next (no objects per record for
   * the collector), checked by the same rules, and handed to the converter as the record
   * closes; the item is `converted`, carrying what the converter returned. Ignored with
   * `keepRecords`. A converted record may not hold records of its own.
   */
  convert?: Readonly<Record<string, RecordConverter>>
  /**
   * Validation only: records are checked and counted (`ReadSummary.recordCounts`) but not handed
   * out, for a caller that reads only the summary (`koers messages validate`, `validateMessage`).
   * Ignored with `keepRecords` or `convert`.
   */
  discardRecords?: boolean
}

/**
 * Files this large are tokenised in a worker thread while this thread validates (ADR 0007).
 * Through tsx the worker's start cost about 0.25 s, which a file of about 200 MB earned back;
 * compiled, two cores broke even at about 80 MB on a faster machine of the kind
 * (docs/benchmarks.md, "Reading and validating a JW323"). The threshold stays: below it one core
 * is about as fast and holds less memory.
 */
export const PARALLEL_MIN_BYTES = 192 << 20

export interface ReadSummary {
  message: MessageKind | undefined
  /** The message without its handed-out records. */
  body: MessageObject | undefined
  violations: Violation[]
  /** Records handed out per element (`Prestatie`, `Client`, …). */
  recordCounts: Record<string, number>
  bytes: number
  /** True when reading stopped early (a syntax error or too many violations). */
  stopped: boolean
}

const ALLOWED_XSI = new Set(['schemaLocation', 'noNamespaceSchemaLocation'])
const XSI = 'http://www.w3.org/2001/XMLSchema-instance'
const NO_NODE: ElementNode = { name: '', uri: '', nameId: -1, minOccurs: 0, maxOccurs: 0, type: '', children: null, simple: null, record: false, rules: null }

interface Frame {
  node: ElementNode
  /** Position in node.children of the particle last matched, and how often it matched. */
  index: number
  count: number
  obj: MessageObject | null
  line: number
  column: number
  /** Set after a structural error in or above this element: its content is not validated. */
  skip: boolean
  textReported: boolean
}

class StopReading extends Error {}

/** The validating handler. Push bytes with `write`, finish with `end`; both return new items. */
export class MessageReader implements XmlHandler {
  /** Whitespace matters only inside a simple value (see `XmlHandler.wantsWhitespace`). */
  wantsWhitespace = true
  private readonly xml: XmlReader
  private readonly replayer = new EventReplayer()
  /** The reader's URI string last seen, and the schema's own string for it (compared by identity). */
  private lastUri = ''
  private lastCanonicalUri = ''
  private schema: CompiledSchema | undefined
  private readonly frames: Frame[] = []
  private depth = 0
  private items: MessageItem[] = []
  private readonly violations: Violation[] = []
  private value: Buffer = Buffer.allocUnsafe(256)
  private valueLength = 0
  private valueOverflow = false
  private body: MessageObject | undefined
  private readonly recordCounts: Record<string, number> = {}
  /** Input bytes read so far. */
  bytesRead = 0
  /** Reading stopped early: a syntax error or too many violations. */
  stopped = false
  private readonly keepRecords: boolean
  private readonly maxViolations: number
  private readonly maxValueBytes: number
  private checkRules = false
  /** The dates rules compare with (TR137, TR335), filled as the header and the Declaratie are read. */
  private readonly ruleContext: RuleContext = {}
  /** `options.convert` (null without it, or with `keepRecords`). */
  private readonly converters: ReadonlyMap<string, RecordConverter> | null
  /** `options.discardRecords`: records are counted, not handed out. */
  private readonly discardRecords: boolean
  /** The depth of the converted record open now, or -1: below it, objects are reused. */
  private reuseDepth = -1
  /** Per element node, the object reused for it inside converted records. */
  private readonly pooled = new Map<ElementNode, MessageObject>()
  /** The last ancestors handed out, for the depth and parent object they were made for. */
  private ancestorsCache: readonly MessageObject[] = []
  private ancestorsParent: MessageObject | null = null
  private ancestorsDepth = -1

  constructor(private readonly options: ReadOptions = {}) {
    this.xml = new XmlReader(this)
    this.keepRecords = options.keepRecords ?? false
    this.maxViolations = options.maxViolations ?? 100
    this.maxValueBytes = options.maxValueBytes ?? 1 << 20
    this.converters = options.convert && !this.keepRecords ? new Map(Object.entries(options.convert)) : null
    this.discardRecords = options.discardRecords === true && !this.keepRecords && this.converters === null
  }

  write(chunk: Uint8Array): MessageItem[] {
    this.bytesRead += chunk.length
    if (!this.stopped) this.guard(() => this.xml.write(chunk))
    return this.flush()
  }

  end(): MessageItem[] {
    if (!this.stopped) this.guard(() => this.xml.end())
    return this.flush()
  }

  /** Replays a batch of events from the tokenize worker (the two-core path). */
  replayBatch(batch: EventBatch): MessageItem[] {
    this.bytesRead = batch.bytesRead
    if (!this.stopped) this.guard(() => this.replayer.replay(batch, this))
    return this.flush()
  }

  summary(): ReadSummary {
    return { message: this.schema ? { law: this.schema.law, code: this.schema.code } : undefined, body: this.body, violations: this.violations, recordCounts: this.recordCounts, bytes: this.bytesRead, stopped: this.stopped }
  }

  private flush(): MessageItem[] {
    const out = this.items
    this.items = []
    return out
  }

  private guard(work: () => void): void {
    try {
      work()
    } catch (error) {
      if (error instanceof StopReading) {
        this.stopped = true
        return
      }
      if (error instanceof XmlSyntaxError) {
        this.stopped = true
        this.report(1, 'XML', error.message, error.line, error.column, this.path(), false)
        return
      }
      throw error
    }
  }

  /** The element path of the open elements below `upto`, plus `extra`. */
  private path(extra?: string, upto = this.depth): string {
    const names: string[] = []
    for (let i = 0; i < upto; i++) names.push(this.frames[i]!.node.name || '?')
    if (extra) names.push(extra)
    return names.join('/')
  }

  private report(level: 1 | 2, rule: string, message: string, line: number, column: number, path: string, canStop = true): void {
    const violation: Violation = { level, rule, retourcode: TECHNICAL_REJECTION, message, line, column, path }
    this.violations.push(violation)
    this.items.push({ kind: 'violation', violation })
    if (canStop && this.violations.length >= this.maxViolations) {
      this.report(1, 'XML', `more than ${this.maxViolations} violations: reading stopped`, line, column, path, false)
      throw new StopReading()
    }
  }

  private frame(depth: number): Frame {
    let f = this.frames[depth]
    if (!f) {
      f = { node: NO_NODE, index: -1, count: 0, obj: null, line: 0, column: 0, skip: false, textReported: false }
      this.frames[depth] = f
    }
    return f
  }

  startElement(uri: string, name: QName, attributes: readonly XmlAttribute[], line: number, column: number): void {
    const depth = this.depth
    const f = this.frame(depth)
    f.index = -1
    f.count = 0
    f.line = line
    f.column = column
    f.textReported = false
    f.obj = null
    if (depth === 0) {
      f.node = this.openRoot(uri, name, line, column)
      f.skip = f.node === NO_NODE
    } else {
      // A name's table index is looked up once per distinct name in the file.
      if (name.tag < 0) name.tag = nameTable.get(name.local) ?? -2
      const parent = this.frames[depth - 1]!
      f.node = parent.skip ? NO_NODE : this.matchChild(parent, uri, name, line, column)
      f.skip = f.node === NO_NODE
    }
    this.depth = depth + 1
    if (f.skip) {
      this.wantsWhitespace = true
      return
    }
    if (attributes.length > 0) this.checkAttributes(attributes, line, column)
    if (f.node.children) {
      // (Reusing objects, as the record path does, made discarding no faster: fresh ones cost as little.)
      if (this.converters !== null && (this.reuseDepth >= 0 || (f.node.record && this.converters.has(f.node.name)))) {
        if (this.reuseDepth < 0) this.reuseDepth = depth
        else if (f.node.record) throw new Error(`<${f.node.name}> is a record inside the converted record <${this.frames[this.reuseDepth]!.node.name}>`)
        f.obj = this.reused(f.node)
      } else {
        f.obj = {}
      }
      this.wantsWhitespace = false
    } else {
      this.valueLength = 0
      this.wantsWhitespace = true
    }
    this.valueOverflow = false
  }

  /**
   * The object reused for `node` inside converted records, emptied: every child's name is
   * present and undefined, which the rules read as absent (they test for undefined). Its shape
   * stays the same from record to record.
   */
  private reused(node: ElementNode): MessageObject {
    const children = node.children!
    let o = this.pooled.get(node)
    if (o === undefined) {
      o = {}
      this.pooled.set(node, o)
    }
    for (let i = 0; i < children.length; i++) (o as Record<string, MessageValue | undefined>)[children[i]!.name] = undefined
    return o
  }

  /** The objects of the open elements above depth `depth` (the root's excluded), the same array while they stay the same. */
  private ancestorsAt(depth: number): readonly MessageObject[] {
    const parent = this.frames[depth - 1]!.obj
    if (parent !== null && parent === this.ancestorsParent && depth === this.ancestorsDepth) return this.ancestorsCache
    const ancestors: MessageObject[] = []
    for (let i = 1; i < depth; i++) {
      const o = this.frames[i]!.obj
      if (o) ancestors.push(o)
    }
    this.ancestorsCache = ancestors
    this.ancestorsParent = parent
    this.ancestorsDepth = depth
    return ancestors
  }

  private openRoot(uri: string, name: QName, line: number, column: number): ElementNode {
    const kind = kindOfNamespace(uri)
    if (!kind) {
      const retired = /\/i(jw|wmo)\/[12]_\d\//.test(uri) ? ' (an older release: Koers reads release 3.2 only)' : ''
      this.report(1, 'XSD-NAMESPACE', uri ? `namespace ${uri} is not an iJw or iWmo 3.2 message${retired}` : `element <${name.local}> has no namespace: not an iJw or iWmo 3.2 message`, line, column, name.local)
      throw new StopReading()
    }
    this.schema = compiledSchema(kind.law, kind.code)
    this.checkRules = !this.options.levelOneOnly
    const root = this.schema.root
    if (name.tag < 0) name.tag = nameTable.get(name.local) ?? -2
    if (name.tag !== root.nameId) {
      this.report(1, 'XSD-UNEXPECTED', `the root element must be <${root.name}>, not <${name.local}>`, line, column, name.local)
      throw new StopReading()
    }
    return root
  }

  private matchChild(parent: Frame, readerUri: string, name: QName, line: number, column: number): ElementNode {
    if (readerUri !== this.lastUri) {
      this.lastUri = readerUri
      this.lastCanonicalUri = this.schema!.uris.find((u) => u === readerUri) ?? readerUri
    }
    const uri = this.lastCanonicalUri
    const children = parent.node.children
    if (!children) {
      this.report(1, 'XSD-UNEXPECTED', `<${name.local}> is not allowed: <${parent.node.name}> holds a value, not elements`, line, column, this.path(name.local))
      parent.skip = true
      return NO_NODE
    }
    const i = parent.index
    const count = parent.count
    // The particle matched last may match again.
    if (i >= 0) {
      const current = children[i]!
      if (current.nameId === name.tag && current.uri === uri) {
        if (count < current.maxOccurs) {
          parent.count = count + 1
          return current
        }
        this.report(1, 'XSD-TOO-MANY', `<${name.local}> may occur at most ${current.maxOccurs} time${current.maxOccurs === 1 ? '' : 's'} here`, line, column, this.path(name.local))
        return NO_NODE
      }
    }
    // Move on through the sequence; every particle passed must have had its minimum.
    for (let j = i + 1; j < children.length; j++) {
      const candidate = children[j]!
      if (candidate.nameId === name.tag && candidate.uri === uri) {
        for (let k = i < 0 ? 0 : i; k < j; k++) {
          const skipped = children[k]!
          const had = k === i ? count : 0
          if (had < skipped.minOccurs) this.report(1, 'XSD-MISSING', `<${skipped.name}> is required before <${name.local}>`, line, column, this.path(skipped.name))
        }
        parent.index = j
        parent.count = 1
        return candidate
      }
    }
    const known = children.find((c) => c.nameId === name.tag)
    const expected = children.slice(Math.max(i, 0)).filter((c, k) => (k === 0 && i >= 0 ? count < c.maxOccurs : true)).map((c) => c.name)
    const why = known && known.uri !== uri ? `<${name.local}> is in namespace ${uri || '(none)'}, expected ${known.uri}` : known ? `<${name.local}> is out of order` : `<${name.local}> is not allowed in <${parent.node.name}>`
    this.report(1, 'XSD-UNEXPECTED', `${why}${expected.length ? `; expected ${expected.slice(0, 4).map((n) => `<${n}>`).join(' or ')}` : ''}`, line, column, this.path(name.local))
    return NO_NODE
  }

  private checkAttributes(attributes: readonly XmlAttribute[], line: number, column: number): void {
    for (const a of attributes) {
      if (a.uri === XSI && ALLOWED_XSI.has(a.local)) continue
      this.report(1, 'XSD-ATTRIBUTE', `attribute '${a.qname}' is not allowed`, line, column, this.path())
    }
  }

  text(bytes: Uint8Array, start: number, end: number, flags: number): void {
    const f = this.frames[this.depth - 1]!
    if (f.skip) return
    if (f.node.children) {
      if (!(flags & TEXT_WHITESPACE) && !f.textReported) {
        f.textReported = true
        this.report(1, 'XSD-TEXT', `text is not allowed in <${f.node.name}>, only elements`, f.line, f.column, this.path())
      }
      return
    }
    const length = end - start
    const needed = this.valueLength + length
    if (needed > this.maxValueBytes) {
      if (!this.valueOverflow) {
        this.valueOverflow = true
        this.report(1, 'XSD-VALUE-SIZE', `the value is longer than ${this.maxValueBytes} bytes`, f.line, f.column, this.path())
      }
      return
    }
    if (needed > this.value.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.value.length * 2))
      grown.set(this.value.subarray(0, this.valueLength))
      this.value = grown
    }
    this.valueLength = copyInto(this.value, this.valueLength, bytes, start, end)
  }

  endElement(): void {
    const depth = --this.depth
    const f = this.frames[depth]!
    // Back in the parent, which holds elements (or is skipped, where nothing is checked).
    this.wantsWhitespace = depth === 0 || this.frames[depth - 1]!.skip
    if (f.skip) return
    const node = f.node
    let value: MessageValue
    if (node.children) {
      const children = node.children
      for (let k = f.index < 0 ? 0 : f.index; k < children.length; k++) {
        const c = children[k]!
        const had = k === f.index ? f.count : 0
        if (had < c.minOccurs) this.report(1, 'XSD-MISSING', `<${c.name}> is required in <${node.name}>`, f.line, f.column, this.path(c.name, depth + 1))
      }
      value = f.obj!
      if (this.checkRules) this.runRules(node, value, f, depth)
    } else {
      if (this.valueOverflow) return
      const parsed = node.simple!.parse(this.value, 0, this.valueLength)
      if (parsed instanceof ValueProblem) {
        // A wrong BSN or name is still personal data: say what is wrong, never the value.
        this.report(1, `XSD-${parsed.kind.toUpperCase()}`, valueProblemMessage(node.name, parsed), f.line, f.column, this.path(undefined, depth + 1))
        return
      }
      value = parsed
      // A 323's DeclaratieDagtekening comes before its prestaties (XSD order): TR335 compares with it.
      if (node.name === 'DeclaratieDagtekening') this.ruleContext.declaratieDagtekening = parsed as string
    }
    if (depth === 0) {
      this.body = value as MessageObject
      return
    }
    const parent = this.frames[depth - 1]!
    if (node.record && !this.keepRecords) {
      this.recordCounts[node.name] = (this.recordCounts[node.name] ?? 0) + 1
      if (this.discardRecords) return
      const ancestors = this.ancestorsAt(depth)
      if (depth === this.reuseDepth) {
        this.reuseDepth = -1
        this.items.push({ kind: 'converted', element: node.name, value: this.converters!.get(node.name)!(value as MessageObject, ancestors), ancestors, line: f.line, column: f.column })
        return
      }
      this.items.push({ kind: 'record', element: node.name, value: value as MessageObject, ancestors, line: f.line, column: f.column })
      return
    }
    const target = parent.obj!
    if (node.maxOccurs !== 1) {
      const list = target[node.name] as MessageValue[] | undefined
      if (list) list.push(value)
      else target[node.name] = [value]
    } else {
      target[node.name] = value
    }
    if (depth === 1 && node.name === 'Header') {
      const dagtekening = ((value as MessageObject).BerichtIdentificatie as MessageObject | undefined)?.Dagtekening
      if (typeof dagtekening === 'string') this.ruleContext.dagtekening = dagtekening
      this.items.push({ kind: 'header', message: { law: this.schema!.law, code: this.schema!.code }, header: value as MessageObject, line: f.line, column: f.column })
    }
  }

  private runRules(node: ElementNode, value: MessageObject, f: Frame, depth: number): void {
    const rules = node.rules
    if (rules === null) return
    for (const rule of rules) {
      const problem = rule.check(value, this.ruleContext)
      if (problem) this.report(2, rule.code, problem.message, f.line, f.column, this.path(problem.field, depth + 1))
    }
  }
}

/**
 * Bytes from a file path, a Buffer, or any async byte source. A file is read into one reused
 * buffer (fresh buffers per chunk would wait for a garbage collection to be freed), so a
 * consumer copies what it keeps, as the readers do.
 */
export async function* byteSource(source: string | Uint8Array | AsyncIterable<Uint8Array>, chunkSize = 1 << 20): AsyncGenerator<Uint8Array> {
  if (typeof source === 'string') {
    const handle = await open(source, 'r')
    const buffer = Buffer.allocUnsafe(chunkSize)
    try {
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, chunkSize, null)
        if (bytesRead === 0) break
        yield buffer.subarray(0, bytesRead)
      }
    } finally {
      await handle.close()
    }
  } else if (source instanceof Uint8Array) {
    for (let i = 0; i < source.length; i += chunkSize) yield source.subarray(i, i + chunkSize)
  } else {
    yield* source
  }
}

/**
 * Streams a message: yields, per chunk read, the header, records and violations found in it.
 * The summary (message kind, body without records, all violations) comes back at the end.
 */
export async function* readMessage(source: string | Uint8Array | AsyncIterable<Uint8Array>, options: ReadOptions = {}): AsyncGenerator<MessageItem[], ReadSummary> {
  const reader = new MessageReader(options)
  if (typeof source === 'string' && options.parallel !== false && statSync(source).size >= (options.parallelMinBytes ?? PARALLEL_MIN_BYTES)) {
    yield* readOnTwoCores(source, reader, options.onProgress)
    return reader.summary()
  }
  for await (const chunk of byteSource(source)) {
    const items = reader.write(chunk)
    options.onProgress?.(reader.bytesRead)
    if (items.length > 0) yield items
    if (reader.stopped) break
  }
  const last = reader.end()
  if (last.length > 0) yield last
  return reader.summary()
}

/**
 * A worker reads and tokenises the file; this thread validates each batch as it comes and sends
 * its buffers back. Four buffers circulate, so the worker runs at most four batches ahead.
 */
async function* readOnTwoCores(path: string, reader: MessageReader, onProgress: ReadOptions['onProgress']): AsyncGenerator<MessageItem[]> {
  const signal = new Int32Array(new SharedArrayBuffer(4))
  const { port1, port2 } = new MessageChannel()
  const job: TokenizeJob = { path, chunkSize: 1 << 20, pool: 4, returns: port1, signal: signal.buffer as SharedArrayBuffer }
  // The sources start the worker through tsx (tokenize-worker.mjs); the compiled build has it beside the bundle.
  const worker = new Worker(compiled ? new URL('./tokenize-worker.mjs', import.meta.url) : new URL('../xml/tokenize-worker.mjs', import.meta.url), { workerData: job, transferList: [port1] })
  const queue: EventBatch[] = []
  let failure: Error | undefined
  let exited = false
  let wake: (() => void) | undefined
  worker.on('message', (batch: EventBatch) => {
    queue.push(batch)
    wake?.()
  })
  worker.on('error', (error) => {
    failure = error
    wake?.()
  })
  worker.on('exit', () => {
    exited = true
    wake?.()
  })
  try {
    for (;;) {
      while (queue.length === 0 && !failure && !exited) await new Promise<void>((resolve) => (wake = resolve))
      wake = undefined
      const batch = queue.shift()
      if (!batch) {
        if (failure) throw failure
        throw new Error('the tokenize worker stopped before the end of the file')
      }
      const items = reader.replayBatch(batch)
      onProgress?.(batch.bytesRead)
      if (!batch.done) {
        port2.postMessage({ events: batch.events, bytes: batch.bytes }, [batch.events.buffer as ArrayBuffer, batch.bytes.buffer as ArrayBuffer])
        Atomics.add(signal, 0, 1)
        Atomics.notify(signal, 0)
      }
      if (items.length > 0) yield items
      if (batch.done || reader.stopped) break
    }
  } finally {
    port2.close()
    await worker.terminate()
  }
}

/** Validates a message without keeping its records. */
export async function validateMessage(source: string | Uint8Array | AsyncIterable<Uint8Array>, options: ReadOptions = {}): Promise<ReadSummary> {
  const it = readMessage(source, { discardRecords: true, ...options })
  for (;;) {
    const step = await it.next()
    if (step.done) return step.value
  }
}

export interface ParsedMessage {
  message: MessageKind | undefined
  /** The whole message as plain objects, records included. */
  body: MessageObject | undefined
  violations: Violation[]
}

/** Reads a whole (small) message into memory: for 301–320 and tests. */
export function parseMessage(bytes: Uint8Array | string, options: Omit<ReadOptions, 'keepRecords'> = {}): ParsedMessage {
  const reader = new MessageReader({ ...options, keepRecords: true })
  reader.write(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes)
  reader.end()
  const s = reader.summary()
  return { message: s.message, body: s.body, violations: s.violations }
}
