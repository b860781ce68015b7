/**
 * XML reader events as compact batches, so that reading and validating a large file can run
 * on two cores (ADR 0007): a worker thread runs the `XmlReader` with an `EventRecorder`, and
 * the main thread replays each batch into the same handler it would otherwise give the reader.
 *
 * A batch is an Int32Array of events, the bytes of the text values, and the strings that first
 * appear in it (names, namespaces, attributes, an error). Indentation between elements is left
 * out: whitespace is kept only while it may still be a value (after a start tag, before any
 * child element), which is all a validator needs.
 */
import { type QName, TEXT_WHITESPACE, type XmlAttribute, type XmlHandler, XmlSyntaxError, copyInto } from './xml-reader.ts'

// An event is its first int's low 3 bits. START packs the name id (12 bits: at most 4,096
// names, xmlLimits) and the namespace id (16 bits) and is followed by line and column; TEXT
// packs its flags and length (text offsets are implicit: texts are appended in order).
const START = 1
const END = 2
const TEXT = 3
const NAME = 4
const URI = 5
const ERROR = 6
const ATTRIBUTES = 7
const MAX_URIS = 1 << 16
const MAX_TEXT = 1 << 25
export interface EventBatch {
  /** The events in `events[0 .. eventCount)`, the text bytes in `bytes[0 .. byteCount)`. */
  events: Int32Array
  eventCount: number
  bytes: Uint8Array
  byteCount: number
  strings: string[]
  /** Input bytes read so far, for progress. */
  bytesRead: number
  /** The last batch of the file. */
  done: boolean
}

/** The buffers a batch is written into; they travel to the replaying thread and come back. */
export interface BatchBuffers {
  events: Int32Array
  bytes: Uint8Array
}

export const newBatchBuffers = (): BatchBuffers => ({ events: new Int32Array(1 << 19), bytes: new Uint8Array(1 << 18) })

/** Records what an `XmlReader` reports; `take` hands out a batch and starts the next. */
export class EventRecorder implements XmlHandler {
  /**
   * True between a start tag and the next start or end tag, where text may be a value; the
   * reader skips indentation elsewhere.
   */
  wantsWhitespace = false
  private events: Int32Array
  private n = 0
  private bytes: Uint8Array
  private b = 0
  private strings: string[] = []
  /** Names get their id in `QName.tag` (the recorder is the reader's only handler). */
  private nameCount = 0
  private readonly uriIds = new Map<string, number>()
  private lastUri = ''
  private lastUriId = -1
  /** Event index and byte offset of a whitespace text that a following start tag makes indentation. */
  private pendingWs = -1
  private pendingWsBytes = 0

  /** `nextBuffers` gives the buffers for each batch (a pool: it may wait until one comes back). */
  constructor(private readonly nextBuffers: () => BatchBuffers = newBatchBuffers) {
    const first = nextBuffers()
    this.events = first.events
    this.bytes = first.bytes
  }

  startElement(uri: string, name: QName, attributes: readonly XmlAttribute[], line: number, column: number): void {
    if (this.pendingWs >= 0) {
      this.n = this.pendingWs
      this.b = this.pendingWsBytes
      this.pendingWs = -1
    }
    let nameId = name.tag
    if (nameId < 0) {
      nameId = name.tag = this.nameCount++
      this.push3(NAME, this.string(name.prefix), this.string(name.local))
    }
    let uriId = this.lastUriId
    if (uri !== this.lastUri) {
      let id = this.uriIds.get(uri)
      if (id === undefined) {
        id = this.uriIds.size
        if (id >= MAX_URIS) throw new XmlSyntaxError(`more than ${MAX_URIS} distinct namespaces`, line, column)
        this.uriIds.set(uri, id)
        this.push3(URI, this.string(uri), 0)
      }
      this.lastUri = uri
      this.lastUriId = uriId = id
    }
    this.ensure(5 + attributes.length * 4)
    const e = this.events
    if (attributes.length > 0) {
      e[this.n++] = ATTRIBUTES | (attributes.length << 3)
      for (const a of attributes) {
        e[this.n++] = this.string(a.uri)
        e[this.n++] = this.string(a.local)
        e[this.n++] = this.string(a.qname)
        e[this.n++] = this.string(a.value)
      }
    }
    e[this.n++] = START | (nameId << 3) | (uriId << 15)
    e[this.n++] = line
    e[this.n++] = column
    this.wantsWhitespace = true
  }

  text(buf: Uint8Array, start: number, end: number, flags: number): void {
    const whitespace = (flags & TEXT_WHITESPACE) !== 0
    if (whitespace && !this.wantsWhitespace) return
    const length = end - start
    if (length >= MAX_TEXT) {
      this.text(buf, start, start + (MAX_TEXT >> 1), flags)
      this.text(buf, start + (MAX_TEXT >> 1), end, flags)
      return
    }
    if (this.b + length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.b + length))
      grown.set(this.bytes.subarray(0, this.b))
      this.bytes = grown
    }
    if (whitespace && this.pendingWs < 0) {
      this.pendingWs = this.n
      this.pendingWsBytes = this.b
    } else if (!whitespace) {
      this.pendingWs = -1
    }
    this.b = copyInto(this.bytes, this.b, buf, start, end)
    this.ensure(1)
    this.events[this.n++] = TEXT | (flags << 3) | (length << 6)
  }

  endElement(): void {
    this.ensure(1)
    this.events[this.n++] = END
    this.wantsWhitespace = false
    this.pendingWs = -1
  }

  /** Records a syntax error; nothing follows it. */
  error(error: XmlSyntaxError): void {
    this.push3(ERROR, this.string(error.message), error.line)
    this.ensure(1)
    this.events[this.n++] = error.column
  }

  take(bytesRead: number, done: boolean): EventBatch {
    const batch: EventBatch = { events: this.events, eventCount: this.n, bytes: this.bytes, byteCount: this.b, strings: this.strings, bytesRead, done }
    const next = done ? { events: new Int32Array(0), bytes: new Uint8Array(0) } : this.nextBuffers()
    this.events = next.events
    this.bytes = next.bytes
    this.n = 0
    this.b = 0
    this.strings = []
    // A whitespace value open across the batch boundary stays (the validator copes with it).
    this.pendingWs = -1
    return batch
  }

  private string(s: string): number {
    this.strings.push(s)
    return this.strings.length - 1
  }

  private push3(type: number, a: number, b: number): void {
    this.ensure(3)
    this.events[this.n++] = type
    this.events[this.n++] = a
    this.events[this.n++] = b
  }

  private ensure(ints: number): void {
    if (this.n + ints > this.events.length) {
      const grown = new Int32Array(Math.max(this.events.length * 2, this.n + ints))
      grown.set(this.events.subarray(0, this.n))
      this.events = grown
    }
  }
}

/** The receiving side's tables: names and namespaces are sent once per file. */
export class EventReplayer {
  private readonly names: QName[] = []
  private readonly uris: string[] = []
  private readonly open: Array<{ uri: string; name: QName }> = []

  /** Calls the handler for every event of a batch; throws the worker's `XmlSyntaxError` if it sent one. */
  replay(batch: EventBatch, handler: XmlHandler): void {
    const e = batch.events
    const s = batch.strings
    const bytes = batch.bytes
    const encoder = new TextEncoder()
    let i = 0
    let offset = 0
    let attributes: XmlAttribute[] = NO_ATTRIBUTES
    const count = batch.eventCount
    while (i < count) {
      const word = e[i]!
      const type = word & 7
      if (type === TEXT) {
        const length = word >>> 6
        handler.text(bytes, offset, offset + length, (word >>> 3) & 7)
        offset += length
        i += 1
      } else if (type === START) {
        const name = this.names[(word >>> 3) & 0xfff]!
        const uri = this.uris[word >>> 15]!
        this.open.push({ uri, name })
        handler.startElement(uri, name, attributes, e[i + 1]!, e[i + 2]!)
        attributes = NO_ATTRIBUTES
        i += 3
      } else if (type === END) {
        const top = this.open.pop()!
        handler.endElement(top.uri, top.name)
        i += 1
      } else if (type === ATTRIBUTES) {
        const count = word >>> 3
        attributes = []
        for (let k = 0; k < count; k++) {
          const at = i + 1 + k * 4
          attributes.push({ uri: s[e[at]!]!, local: s[e[at + 1]!]!, qname: s[e[at + 2]!]!, value: s[e[at + 3]!]! })
        }
        i += 1 + count * 4
      } else if (type === NAME) {
        const prefix = s[e[i + 1]!]!
        const local = s[e[i + 2]!]!
        const text = prefix ? `${prefix}:${local}` : local
        this.names.push({ id: this.names.length, prefix, local, bytes: encoder.encode(text), tag: -1, next: null })
        i += 3
      } else if (type === URI) {
        this.uris.push(s[e[i + 1]!]!)
        i += 3
      } else if (type === ERROR) {
        throw new XmlSyntaxError(s[e[i + 1]!]!, e[i + 2]!, e[i + 3]!)
      } else {
        throw new Error(`unknown event ${type} at ${i}`)
      }
    }
  }
}

const NO_ATTRIBUTES: XmlAttribute[] = []
