/**
 * A streaming, namespace-aware XML 1.0 reader over UTF-8 bytes, written for the iStandaarden
 * messages (ADR 0007): it feeds a handler element by element and never holds more than the
 * current chunk plus one unfinished token, so memory does not grow with the file.
 *
 * It is a real XML reader (any prefix, default namespaces, CDATA, comments, processing
 * instructions, character and predefined entity references, attributes, any whitespace, CR/LF
 * normalisation) that refuses what a message never needs and an attacker might use: a DOCTYPE
 * (and so every entity declaration: no XXE, no entity expansion), other encodings than UTF-8,
 * names, tags and nesting beyond fixed limits. Every refusal is an `XmlSyntaxError` with the
 * line and column (columns count bytes, as libxml2 does).
 *
 * Speed comes from scanning bytes in one loop, interning element names (a name becomes a
 * string once per file, not once per element) and handing text to the handler as byte ranges.
 */
import { isUtf8 } from 'node:buffer'

export const xmlLimits = {
  /** Deepest element nesting accepted; iStandaarden messages need about 10. */
  maxDepth: 256,
  /** Longest start tag, comment, CDATA section or processing instruction, in bytes. */
  maxMarkupBytes: 1 << 20,
  /** Longest element or attribute name, in bytes. */
  maxNameBytes: 256,
  /** Distinct element names interned per document; more is hostile input. */
  maxDistinctNames: 4096,
  /** Attributes on one element. */
  maxAttributes: 64,
} as const

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError'
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message)
  }
}

/** An element name as written (prefix and local part), interned per reader. */
export interface QName {
  readonly id: number
  readonly prefix: string
  readonly local: string
  /** The bytes of `prefix:local` as written. */
  readonly bytes: Uint8Array
  /** Free for the handler: a value it derives once per distinct name (e.g. a schema index). */
  tag: number
  /** The name of the start tag that followed this one last time: messages repeat their order. */
  next: QName | null
}

export interface XmlAttribute {
  uri: string
  local: string
  qname: string
  value: string
}

/** Flags on a text range given to `XmlHandler.text`. */
export const TEXT_WHITESPACE = 1 // only space, tab, CR and LF

export interface XmlHandler {
  /**
   * Whether whitespace-only text matters where the reader is now. A validator sets it false
   * inside element-only content, so the reader skips the call for indentation between tags.
   */
  wantsWhitespace?: boolean
  startElement(uri: string, name: QName, attributes: readonly XmlAttribute[], line: number, column: number): void
  /** A run of character data, already decoded (entities resolved, CR/LF normalised) when it lies in `scratch`. */
  text(bytes: Uint8Array, start: number, end: number, flags: number): void
  endElement(uri: string, name: QName): void
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace'
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/'
const NO_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([])

const LT = 0x3c
const GT = 0x3e
const AMP = 0x26
const SLASH = 0x2f
const QUESTION = 0x3f
const BANG = 0x21
const COLON = 0x3a
const EQUALS = 0x3d
const LF = 0x0a
const CR = 0x0d
const RBRACKET = 0x5d

/** XML 1.0 NameStartChar for ASCII; every non-ASCII byte is accepted (names are checked by the schema). */
const nameStart = new Uint8Array(256)
const nameChar = new Uint8Array(256)
for (let b = 0; b < 256; b++) {
  const start = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b === COLON || b >= 0x80
  nameStart[b] = start ? 1 : 0
  nameChar[b] = start || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2e ? 1 : 0
}
const isSpace = (b: number): boolean => b === 0x20 || b === 0x09 || b === LF || b === CR

const NEED_MORE = -1

/**
 * Push bytes in with `write`, then call `end`. Each call runs the handler synchronously for
 * every complete token in the bytes given so far.
 */
export class XmlReader {
  /** Decoded text for ranges that needed entity decoding or CR/LF normalisation. */
  private scratch = new Uint8Array(4096)
  private carry: Uint8Array | null = null
  /** Absolute offset of the buffer being parsed. */
  private base = 0
  /** Absolute offset of the first byte not yet consumed (the start of `carry`). */
  private consumedAbs = 0
  private line = 1
  /** Absolute offset of the first byte of the current line. */
  private lineStart = 0
  private started = false
  private rootSeen = false
  private rootClosed = false
  /** The open elements: names, URIs and (rarely) namespace declarations, as parallel stacks. */
  private readonly stackNames: QName[] = []
  private readonly stackUris: string[] = []
  private readonly stackBindings: Array<Array<[string, string]> | null> = []
  private readonly bindings: Array<[string, string]> = [
    ['xml', XML_NS],
    ['xmlns', XMLNS_NS],
  ]
  /** Bumped whenever the bindings change, so QName → URI lookups can be cached. */
  private bindingsVersion = 0
  private readonly names = new Map<string, QName>()
  private readonly nameSlots: Array<QName | undefined> = new Array(1024).fill(undefined)
  private readonly uriCache: Array<{ version: number; uri: string | undefined }> = []
  /**
   * Per interned name (by id), its bytes as little-endian 32-bit words, the tail excepted:
   * start and end tags compare a name four bytes at a time (`sameName`), which is most of the
   * reader's comparing.
   */
  private readonly nameWords: Int32Array[] = []
  /** A view of the buffer `parse` is reading, for `sameName`. */
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0))
  private lastStart: QName | null = null
  private utf8Tail: Uint8Array | null = null
  private utf8Checked = 0

  constructor(private readonly handler: XmlHandler) {}

  /** The namespace a prefix is bound to where the reader is now (for QName-valued attributes). */
  lookupNamespace(prefix: string): string | undefined {
    return this.resolve(prefix)
  }

  write(chunk: Uint8Array): void {
    if (!this.started && this.consumedAbs === 0 && chunk.length >= 2 && ((chunk[0] === 0xfe && chunk[1] === 0xff) || (chunk[0] === 0xff && chunk[1] === 0xfe))) {
      throw new XmlSyntaxError('the file is UTF-16; iStandaarden messages must be UTF-8', 1, 1)
    }
    this.checkUtf8(chunk, false)
    const carry = this.carry
    const chunkAbs = this.consumedAbs + (carry?.length ?? 0)
    let start = 0
    if (carry) {
      // A token straddles the chunk boundary: parse it from a small bridge of the carried bytes
      // and the head of the new chunk, so the chunk itself is never copied.
      this.carry = null
      const head = Math.min(chunk.length, 1 << 16)
      const bridge = new Uint8Array(carry.length + head)
      bridge.set(carry, 0)
      bridge.set(chunk.subarray(0, head), carry.length)
      this.base = this.consumedAbs
      const consumed = this.parse(bridge, 0, false)
      if (consumed < carry.length) {
        // The token is longer than the bridge (a long comment or tag): join what is left.
        const joined = new Uint8Array(bridge.length - consumed + chunk.length - head)
        joined.set(bridge.subarray(consumed), 0)
        joined.set(chunk.subarray(head), bridge.length - consumed)
        this.base = this.consumedAbs + consumed
        const used = this.parse(joined, 0, false)
        if (used < joined.length) this.keep(joined.subarray(used))
        this.consumedAbs = this.base + used
        return
      }
      start = consumed - carry.length
    }
    this.base = chunkAbs
    const consumed = this.parse(chunk, start, false)
    if (consumed < chunk.length) this.keep(chunk.subarray(consumed))
    this.consumedAbs = chunkAbs + consumed
  }

  /** Keeps the unfinished token for the next chunk. */
  private keep(rest: Uint8Array): void {
    if (rest.length > xmlLimits.maxMarkupBytes) this.fail(`markup longer than ${xmlLimits.maxMarkupBytes} bytes`, this.base)
    this.carry = copyOf(rest, 0, rest.length)
  }

  end(): void {
    this.checkUtf8(new Uint8Array(0), true)
    const buf = this.carry ?? new Uint8Array(0)
    this.carry = null
    this.base = this.consumedAbs
    const consumed = this.parse(buf, 0, true)
    this.base += consumed
    if (this.stackNames.length > 0) {
      const open = this.stackNames[this.stackNames.length - 1]!
      this.fail(`unexpected end of file: element <${qnameText(open)}> is not closed`, this.base)
    }
    if (!this.rootSeen) this.fail('no root element: the file is empty or holds no XML element', this.base)
  }

  /** Line and column (1-based, column in bytes) of an absolute offset on the current line. */
  private position(offset: number): [number, number] {
    return [this.line, Math.max(1, offset - this.lineStart + 1)]
  }

  private fail(message: string, offset: number): never {
    const [line, column] = this.position(offset)
    throw new XmlSyntaxError(message, line, column)
  }

  /** UTF-8 is checked per chunk, holding back an incomplete sequence at the end. */
  private checkUtf8(chunk: Uint8Array, final: boolean): void {
    let bytes = chunk
    if (this.utf8Tail) {
      bytes = new Uint8Array(this.utf8Tail.length + chunk.length)
      bytes.set(this.utf8Tail, 0)
      bytes.set(chunk, this.utf8Tail.length)
      this.utf8Tail = null
    }
    let end = bytes.length
    if (!final) {
      // Hold back up to 3 bytes of an unfinished multi-byte sequence.
      let i = end - 1
      let back = 0
      while (i >= 0 && back < 3 && (bytes[i]! & 0xc0) === 0x80) {
        i--
        back++
      }
      if (i >= 0 && bytes[i]! >= 0xc0) {
        const need = bytes[i]! >= 0xf0 ? 4 : bytes[i]! >= 0xe0 ? 3 : 2
        if (end - i < need) end = i
      }
    }
    if (!isUtf8(bytes.subarray(0, end))) {
      const at = firstInvalidUtf8(bytes.subarray(0, end))
      throw new XmlSyntaxError(`the file is not valid UTF-8 (byte ${this.utf8Checked + at + 1}); iStandaarden messages must be UTF-8`, 0, 0)
    }
    this.utf8Checked += end
    if (end < bytes.length) this.utf8Tail = copyOf(bytes, end, bytes.length)
  }

  /** Parses complete tokens from `buf`; returns how many bytes were consumed. */
  private parse(buf: Uint8Array, from: number, final: boolean): number {
    const n = buf.length
    let p = from
    this.view = new DataView(buf.buffer, buf.byteOffset, n)
    if (!this.started) {
      if (n < 6 && !final) return 0
      this.started = true
      if (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) p = 3
      if (startsWith(buf, p, '<?xml') && p + 5 < n && isSpace(buf[p + 5]!)) {
        const q = this.xmlDeclaration(buf, p, final)
        if (q === NEED_MORE) {
          this.started = false
          return 0
        }
        p = q
      }
    }
    while (p < n) {
      // Character data up to the next '<', scanned once for lines, entities and forbidden bytes.
      const textStart = p
      let flags = TEXT_WHITESPACE
      let special = false
      const line0 = this.line
      const lineStart0 = this.lineStart
      while (p < n) {
        const b = buf[p]!
        if (b > 0x3e) {
          // Letters and most punctuation: the common case inside values.
          flags = 0
          if (b === 0xef && p + 2 < n && buf[p + 1] === 0xbf && (buf[p + 2] === 0xbe || buf[p + 2] === 0xbf)) this.fail('character U+FFFE/U+FFFF is not allowed in XML', this.base + p)
        } else if (b === LT) {
          break
        } else if (b < 0x21) {
          if (b === LF) {
            this.line++
            this.lineStart = this.base + p + 1
            // The indentation after a line break, in one go: tabs and spaces change nothing here.
            while (p + 1 < n && (buf[p + 1] === 0x09 || buf[p + 1] === 0x20)) p++
          } else if (b === CR) {
            special = true
            if (p + 1 < n ? buf[p + 1] !== LF : final) {
              this.line++
              this.lineStart = this.base + p + 1
            }
          } else if (b !== 0x20 && b !== 0x09) {
            this.fail(`character U+${b.toString(16).padStart(4, '0').toUpperCase()} is not allowed in XML`, this.base + p)
          }
        } else {
          flags = 0
          if (b === AMP) special = true
          else if (b === GT && p >= 2 && buf[p - 1] === RBRACKET && buf[p - 2] === RBRACKET) this.fail("']]>' is not allowed in text", this.base + p)
        }
        p++
      }
      if (p > textStart) {
        if (p === n && !final) {
          // Text runs on into the next chunk. Hand over what is safe (not a split '&…;' or CR)
          // and keep the rest, so a huge text node never sits in memory whole.
          let cut = p
          const ampAt = lastIndexOf(buf, AMP, Math.max(textStart, p - 16), p)
          if (ampAt >= 0) cut = ampAt
          if (cut > textStart && buf[cut - 1] === CR) cut--
          if (cut === textStart) {
            this.line = line0
            this.lineStart = lineStart0
            return textStart
          }
          if (cut < p) {
            // Count lines again for the part handed over only.
            this.line = line0
            this.lineStart = lineStart0
            this.countLines(buf, textStart, cut)
            flags = TEXT_WHITESPACE
            special = false
            for (let i = textStart; i < cut; i++) {
              const b = buf[i]!
              if (!isSpace(b)) flags = 0
              if (b === AMP || b === CR) special = true
            }
          }
          this.deliverText(buf, textStart, cut, flags, special)
          return cut
        }
        this.deliverText(buf, textStart, p, flags, special)
      }
      if (p >= n) break
      // Markup at p.
      const next = this.markup(buf, p, final)
      if (next === NEED_MORE) {
        if (final) this.fail('unexpected end of file inside markup', this.base + p)
        return p
      }
      p = next
    }
    return p
  }

  private deliverText(buf: Uint8Array, start: number, end: number, flags: number, special: boolean): void {
    if (flags & TEXT_WHITESPACE && !special && this.handler.wantsWhitespace === false) return
    if (this.stackNames.length === 0) {
      if (flags & TEXT_WHITESPACE) return
      this.fail(this.rootClosed ? 'text after the root element' : 'text before the root element', this.base + start)
    }
    if (!special) {
      this.handler.text(buf, start, end, flags)
      return
    }
    const out = this.decode(buf, start, end, false)
    // Whitespace is judged on the decoded text: &#32; is whitespace in element-only content.
    let ws = TEXT_WHITESPACE
    for (let i = 0; i < out; i++) if (!isSpace(this.scratch[i]!)) ws = 0
    this.handler.text(this.scratch, 0, out, (flags & ~TEXT_WHITESPACE) | ws)
  }

  /** Decodes entity references and normalises CR/LF (and, in attributes, whitespace) into `scratch`. */
  private decode(buf: Uint8Array, start: number, end: number, attribute: boolean): number {
    this.ensureScratch(end - start) // references never grow when decoded
    let o = 0
    for (let i = start; i < end; i++) {
      const b = buf[i]!
      if (b === CR) {
        if (buf[i + 1] === LF && i + 1 < end) i++
        this.scratch[o++] = attribute ? 0x20 : LF
      } else if (attribute && (b === LF || b === 0x09)) {
        this.scratch[o++] = 0x20
      } else if (b === AMP) {
        const semi = indexOfIn(buf, 0x3b, i + 1, Math.min(end, i + 12))
        if (semi < 0) this.fail("'&' must start an entity reference such as &amp;", this.base + i)
        const ref = latin1(buf, i + 1, semi)
        const code = entityCodePoint(ref)
        if (code === undefined) {
          this.fail(ref.startsWith('#') ? `character reference &${ref}; is not a valid XML character` : `undefined entity &${ref}; (only &lt; &gt; &amp; &apos; &quot; exist without a DTD)`, this.base + i)
        }
        o = writeUtf8(this.scratch, o, code)
        i = semi
      } else {
        this.scratch[o++] = b
      }
    }
    return o
  }

  private ensureScratch(size: number): void {
    if (this.scratch.length < size) this.scratch = new Uint8Array(Math.max(size, this.scratch.length * 2))
  }

  private markup(buf: Uint8Array, p: number, final: boolean): number {
    const n = buf.length
    if (p + 1 >= n) return NEED_MORE
    const c = buf[p + 1]!
    if (c === SLASH) return this.endTag(buf, p)
    if (c === QUESTION) return this.processingInstruction(buf, p)
    if (c === BANG) {
      if (startsWith(buf, p, '<!--')) return this.comment(buf, p)
      if (startsWith(buf, p, '<![CDATA[')) return this.cdata(buf, p)
      if (p + 9 > n && !final) return NEED_MORE
      if (startsWith(buf, p, '<!DOCTYPE')) this.fail('a DOCTYPE is not allowed: iStandaarden messages have none, and its entities could read files or expand without bound', this.base + p)
      this.fail("'<!' must start a comment or CDATA section", this.base + p)
    }
    return this.startTag(buf, p)
  }

  private readName(buf: Uint8Array, p: number): number {
    const n = buf.length
    if (p >= n) return NEED_MORE
    if (!nameStart[buf[p]!]) this.fail('a name was expected', this.base + p)
    let q = p + 1
    while (q < n && nameChar[buf[q]!]) q++
    if (q >= n) return NEED_MORE
    if (q - p > xmlLimits.maxNameBytes) this.fail(`name longer than ${xmlLimits.maxNameBytes} bytes`, this.base + p)
    return q
  }

  private intern(buf: Uint8Array, start: number, end: number): QName {
    // Fast path: a direct-mapped cache by length and two bytes; names repeat all file long.
    const len = end - start
    const slot = (len * 131 + buf[end - 1]! * 31 + buf[start + (len >> 1)]!) & 1023
    const cached = this.nameSlots[slot]
    if (cached !== undefined && bytesEqual(cached.bytes, buf, start, end)) return cached
    const q = this.internSlow(buf, start, end)
    this.nameSlots[slot] = q
    return q
  }

  private internSlow(buf: Uint8Array, start: number, end: number): QName {
    const bytes = copyOf(buf, start, end)
    const text = Buffer.from(bytes).toString('utf8')
    const known = this.names.get(text)
    if (known) return known
    if (this.names.size >= xmlLimits.maxDistinctNames) this.fail(`more than ${xmlLimits.maxDistinctNames} distinct element names`, this.base + start)
    const colon = text.indexOf(':')
    if (colon === 0 || colon === text.length - 1 || (colon > 0 && text.indexOf(':', colon + 1) >= 0)) this.fail(`'${text}' is not a valid qualified name`, this.base + start)
    const q: QName = { id: this.names.size, prefix: colon > 0 ? text.slice(0, colon) : '', local: colon > 0 ? text.slice(colon + 1) : text, bytes, tag: -1, next: null }
    this.names.set(text, q)
    this.uriCache.push({ version: -1, uri: undefined })
    const words = new Int32Array(bytes.length >> 2)
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length)
    for (let w = 0; w < words.length; w++) words[w] = view.getInt32(w * 4, true)
    this.nameWords.push(words)
    return q
  }

  /** Whether `buf[start…]` (which the caller knows to be long enough) begins with name `q`'s bytes. */
  private sameName(q: QName, buf: Uint8Array, start: number): boolean {
    const words = this.nameWords[q.id]!
    const view = this.view
    let i = 0
    for (let w = 0; w < words.length; w++, i += 4) if (view.getInt32(start + i, true) !== words[w]) return false
    const bytes = q.bytes
    for (; i < bytes.length; i++) if (buf[start + i] !== bytes[i]) return false
    return true
  }

  private resolve(prefix: string): string | undefined {
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      const binding = this.bindings[i]!
      if (binding[0] === prefix) return binding[1]
    }
    return prefix === '' ? '' : undefined
  }

  private elementUri(q: QName, offset: number): string {
    const cached = this.uriCache[q.id]!
    if (cached.version !== this.bindingsVersion) {
      cached.uri = this.resolve(q.prefix)
      cached.version = this.bindingsVersion
    }
    if (cached.uri === undefined) this.fail(`namespace prefix '${q.prefix}' is not declared`, offset)
    return cached.uri
  }

  private startTag(buf: Uint8Array, p: number): number {
    const n = buf.length
    let name: QName | null = null
    let nameEnd = 0
    const predicted = this.lastStart?.next
    if (predicted) {
      const bytes = predicted.bytes
      const end = p + 1 + bytes.length
      if (end < n && !nameChar[buf[end]!] && this.sameName(predicted, buf, p + 1)) {
        name = predicted
        nameEnd = end
      }
    }
    if (name === null) {
      nameEnd = this.readName(buf, p + 1)
      if (nameEnd === NEED_MORE) return NEED_MORE
      name = this.intern(buf, p + 1, nameEnd)
    }
    let q = nameEnd
    let attributes: Array<{ q: QName; value: string; offset: number }> | null = null
    let declarations: Array<[string, string]> | null = null
    let selfClosing = false
    const line0 = this.line
    const lineStart0 = this.lineStart
    // Most start tags are a bare name followed by '>'.
    if (buf[q] === GT) q++
    else for (;;) {
      const afterSpace = this.skipSpace(buf, q)
      if (afterSpace >= n) return this.rewind(line0, lineStart0)
      const b = buf[afterSpace]!
      if (b === GT) {
        q = afterSpace + 1
        break
      }
      if (b === SLASH) {
        if (afterSpace + 1 >= n) return this.rewind(line0, lineStart0)
        if (buf[afterSpace + 1] !== GT) this.fail("'/' must be followed by '>'", this.base + afterSpace)
        selfClosing = true
        q = afterSpace + 2
        break
      }
      if (afterSpace === q) this.fail('whitespace is required between attributes', this.base + q)
      const attrNameEnd = this.readName(buf, afterSpace)
      if (attrNameEnd === NEED_MORE) return this.rewind(line0, lineStart0)
      const attrName = this.intern(buf, afterSpace, attrNameEnd)
      let r = this.skipSpace(buf, attrNameEnd)
      if (r >= n) return this.rewind(line0, lineStart0)
      if (buf[r] !== EQUALS) this.fail(`attribute '${qnameText(attrName)}' needs '=' and a quoted value`, this.base + r)
      r = this.skipSpace(buf, r + 1)
      if (r >= n) return this.rewind(line0, lineStart0)
      const quote = buf[r]!
      if (quote !== 0x22 && quote !== 0x27) this.fail(`the value of attribute '${qnameText(attrName)}' must be quoted`, this.base + r)
      const close = indexOfIn(buf, quote, r + 1, n)
      if (close < 0) return this.rewind(line0, lineStart0)
      const lt = indexOfIn(buf, LT, r + 1, close)
      if (lt >= 0) this.fail("'<' is not allowed in an attribute value", this.base + lt)
      this.checkChars(buf, r + 1, close)
      this.countLines(buf, r + 1, close)
      const len = this.decode(buf, r + 1, close, true)
      const value = Buffer.from(this.scratch.buffer, this.scratch.byteOffset, len).toString('utf8')
      if (attrName.prefix === 'xmlns' || (attrName.prefix === '' && attrName.local === 'xmlns')) {
        const prefix = attrName.prefix === '' ? '' : attrName.local
        if (prefix === 'xmlns' || (prefix === 'xml' && value !== XML_NS)) this.fail(`the prefix '${prefix}' cannot be declared`, this.base + afterSpace)
        if (prefix !== '' && value === '') this.fail(`the prefix '${prefix}' cannot be undeclared in XML 1.0`, this.base + afterSpace)
        declarations ??= []
        if (declarations.some((d) => d[0] === prefix)) this.fail(`namespace '${prefix || '(default)'}' declared twice on one element`, this.base + afterSpace)
        declarations.push([prefix, value])
      } else {
        attributes ??= []
        if (attributes.length >= xmlLimits.maxAttributes) this.fail(`more than ${xmlLimits.maxAttributes} attributes on one element`, this.base + afterSpace)
        if (attributes.some((a) => a.q === attrName)) this.fail(`attribute '${qnameText(attrName)}' appears twice`, this.base + afterSpace)
        attributes.push({ q: attrName, value, offset: afterSpace })
      }
      q = close + 1
      if (q - p > xmlLimits.maxMarkupBytes) this.fail(`start tag longer than ${xmlLimits.maxMarkupBytes} bytes`, this.base + p)
    }
    if (this.rootClosed) this.fail('a second root element: a message holds exactly one', this.base + p)
    if (this.stackNames.length >= xmlLimits.maxDepth) this.fail(`elements nested deeper than ${xmlLimits.maxDepth} levels`, this.base + p)
    if (declarations) {
      for (const d of declarations) this.bindings.push(d)
      this.bindingsVersion++
    }
    const uri = this.elementUri(name, this.base + p)
    let resolved: readonly XmlAttribute[] = NO_ATTRIBUTES
    if (attributes) {
      const list: XmlAttribute[] = []
      for (const a of attributes) {
        // Unprefixed attributes are in no namespace.
        const attrUri = a.q.prefix === '' ? '' : this.resolve(a.q.prefix)
        if (attrUri === undefined) this.fail(`namespace prefix '${a.q.prefix}' is not declared`, this.base + a.offset)
        if (list.some((x) => x.uri === attrUri && x.local === a.q.local)) this.fail(`attribute '{${attrUri}}${a.q.local}' appears twice`, this.base + a.offset)
        list.push({ uri: attrUri, local: a.q.local, qname: qnameText(a.q), value: a.value })
      }
      resolved = list
    }
    this.rootSeen = true
    if (this.lastStart) this.lastStart.next = name
    this.lastStart = name
    this.stackNames.push(name)
    this.stackUris.push(uri)
    this.stackBindings.push(declarations)
    this.handler.startElement(uri, name, resolved, this.line, Math.max(1, this.base + p - this.lineStart + 1))
    if (selfClosing) this.closeElement()
    return q
  }

  private rewind(line0: number, lineStart0: number): number {
    this.line = line0
    this.lineStart = lineStart0
    return NEED_MORE
  }

  private closeElement(): void {
    const name = this.stackNames.pop()!
    const uri = this.stackUris.pop()!
    const declared = this.stackBindings.pop()!
    this.handler.endElement(uri, name)
    if (declared) {
      this.bindings.length -= declared.length
      this.bindingsVersion++
    }
    if (this.stackNames.length === 0) this.rootClosed = true
  }

  private endTag(buf: Uint8Array, p: number): number {
    const n = buf.length
    // Fast path: the end tag repeats the open element's name, then '>'.
    const top = this.stackNames[this.stackNames.length - 1]
    if (top !== undefined) {
      const bytes = top.bytes
      const after = p + 2 + bytes.length
      if (after < n && buf[after] === GT && this.sameName(top, buf, p + 2)) {
        this.closeElement()
        return after + 1
      }
    }
    const nameEnd = this.readName(buf, p + 2)
    if (nameEnd === NEED_MORE) return NEED_MORE
    const q = this.skipSpace(buf, nameEnd)
    if (q >= n) return NEED_MORE
    if (buf[q] !== GT) this.fail("an end tag must close with '>'", this.base + q)
    const open = this.stackNames[this.stackNames.length - 1]
    if (!open) this.fail(`end tag </${latin1(buf, p + 2, nameEnd)}> without a start tag`, this.base + p)
    if (!bytesEqual(open.bytes, buf, p + 2, nameEnd)) {
      this.fail(`end tag </${Buffer.from(buf.subarray(p + 2, nameEnd)).toString('utf8')}> does not match <${qnameText(open)}>`, this.base + p)
    }
    this.closeElement()
    return q + 1
  }

  private skipSpace(buf: Uint8Array, p: number): number {
    const n = buf.length
    while (p < n) {
      const b = buf[p]!
      if (b === LF) {
        this.line++
        this.lineStart = this.base + p + 1
      } else if (b === CR) {
        if (buf[p + 1] !== LF) {
          this.line++
          this.lineStart = this.base + p + 1
        }
      } else if (b !== 0x20 && b !== 0x09) break
      p++
    }
    return p
  }

  /** Counts the lines in [start, end) of text or markup the main scan did not count. */
  private countLines(buf: Uint8Array, start: number, end: number): void {
    let i = indexOfIn(buf, LF, start, end)
    const hasCr = indexOfIn(buf, CR, start, end) >= 0
    if (!hasCr) {
      while (i >= 0) {
        this.line++
        this.lineStart = this.base + i + 1
        i = indexOfIn(buf, LF, i + 1, end)
      }
      return
    }
    for (let j = start; j < end; j++) {
      const b = buf[j]!
      if (b === LF || (b === CR && buf[j + 1] !== LF)) {
        this.line++
        this.lineStart = this.base + j + 1
      }
    }
  }

  private checkChars(buf: Uint8Array, start: number, end: number): void {
    for (let i = start; i < end; i++) {
      const c = buf[i]!
      if (c < 0x20 && c !== 0x09 && c !== LF && c !== CR) this.fail(`character U+${c.toString(16).padStart(4, '0').toUpperCase()} is not allowed in XML`, this.base + i)
    }
  }

  private comment(buf: Uint8Array, p: number): number {
    const close = indexOfSeq(buf, '-->', p + 4)
    if (close < 0) return this.tooLong(buf, p, 'comment')
    const dashes = indexOfSeq(buf, '--', p + 4)
    if (dashes < close || (close > p + 4 && buf[close - 1] === 0x2d)) this.fail("'--' is not allowed inside a comment", this.base + (dashes < close ? dashes : close - 1))
    this.checkChars(buf, p + 4, close)
    this.countLines(buf, p + 4, close)
    return close + 3
  }

  private cdata(buf: Uint8Array, p: number): number {
    const close = indexOfSeq(buf, ']]>', p + 9)
    if (close < 0) return this.tooLong(buf, p, 'CDATA section')
    if (this.stackNames.length === 0) this.fail('a CDATA section outside the root element', this.base + p)
    this.checkChars(buf, p + 9, close)
    let special = false
    let ws = TEXT_WHITESPACE
    for (let i = p + 9; i < close; i++) {
      const b = buf[i]!
      if (b === CR) special = true
      if (!isSpace(b)) ws = 0
    }
    this.countLines(buf, p + 9, close)
    if (close > p + 9) {
      if (special) {
        // CR/LF normalisation only; no entities inside CDATA.
        this.ensureScratch(close - p)
        let o = 0
        for (let i = p + 9; i < close; i++) {
          const b = buf[i]!
          if (b === CR) {
            if (buf[i + 1] === LF) i++
            this.scratch[o++] = LF
          } else this.scratch[o++] = b
        }
        this.handler.text(this.scratch, 0, o, ws)
      } else {
        this.handler.text(buf, p + 9, close, ws)
      }
    }
    return close + 3
  }

  private processingInstruction(buf: Uint8Array, p: number): number {
    const close = indexOfSeq(buf, '?>', p + 2)
    if (close < 0) return this.tooLong(buf, p, 'processing instruction')
    const targetEnd = this.readName(buf, p + 2)
    const target = latin1(buf, p + 2, Math.min(targetEnd === NEED_MORE ? close : targetEnd, close))
    if (target.toLowerCase() === 'xml') this.fail('the XML declaration must come first in the file', this.base + p)
    this.checkChars(buf, p + 2, close)
    this.countLines(buf, p + 2, close)
    return close + 2
  }

  private tooLong(buf: Uint8Array, p: number, what: string): number {
    if (buf.length - p > xmlLimits.maxMarkupBytes) this.fail(`${what} longer than ${xmlLimits.maxMarkupBytes} bytes`, this.base + p)
    return NEED_MORE
  }

  private xmlDeclaration(buf: Uint8Array, p: number, final: boolean): number {
    const close = indexOfSeq(buf, '?>', p)
    if (close < 0) {
      if (final || buf.length - p > 1024) this.fail('the XML declaration is not closed', this.base + p)
      return NEED_MORE
    }
    const text = latin1(buf, p + 5, close)
    const version = /^\s+version\s*=\s*(["'])([^"']*)\1/.exec(text)
    if (!version || version[2] !== '1.0') this.fail('the XML declaration must say version="1.0"', this.base + p)
    const encoding = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(text)
    if (encoding && !/^utf-?8$/i.test(encoding[2]!)) this.fail(`encoding "${encoding[2]}" is not accepted: iStandaarden messages must be UTF-8`, this.base + p)
    const rest = text.replace(/^\s+version\s*=\s*(["'])[^"']*\1/, '').replace(/^\s+encoding\s*=\s*(["'])[^"']*\1/, '').replace(/^\s+standalone\s*=\s*(["'])(yes|no)\1/, '')
    if (rest.trim() !== '') this.fail('the XML declaration has an unexpected part', this.base + p)
    this.countLines(buf, p, close)
    return close + 2
  }
}

/**
 * A copy of a byte range. (`Buffer#slice` returns a view, not a copy: a kept view would pin,
 * or with a reused input buffer corrupt, the chunk it came from.)
 */
export function copyOf(buf: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start)
  out.set(buf.subarray(start, end))
  return out
}

/** Copies `src[start, end)` into `out` at `at` (which must have room); returns the end. */
export function copyInto(out: Uint8Array, at: number, src: Uint8Array, start: number, end: number): number {
  // Short runs (most values) copy faster in a loop than through a subarray view.
  if (end - start < 64) {
    for (let i = start; i < end; i++) out[at++] = src[i]!
    return at
  }
  out.set(src.subarray(start, end), at)
  return at + end - start
}

export const qnameText = (q: QName): string => (q.prefix ? `${q.prefix}:${q.local}` : q.local)

function startsWith(buf: Uint8Array, p: number, text: string): boolean {
  if (p + text.length > buf.length) return false
  for (let i = 0; i < text.length; i++) if (buf[p + i] !== text.charCodeAt(i)) return false
  return true
}

/** Whether `a` holds exactly the bytes `buf[start, end)`. */
export function bytesEqual(a: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== buf[start + i]) return false
  return true
}

function indexOfIn(buf: Uint8Array, byte: number, start: number, end: number): number {
  const i = buf.indexOf(byte, start)
  return i >= 0 && i < end ? i : -1
}

function lastIndexOf(buf: Uint8Array, byte: number, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (buf[i] === byte) return i
  return -1
}

function indexOfSeq(buf: Uint8Array, seq: string, from: number): number {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.length).indexOf(seq, from, 'latin1')
}

function latin1(buf: Uint8Array, start: number, end: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.length).toString('latin1', start, end)
}

const predefined: Record<string, number> = { lt: 0x3c, gt: 0x3e, amp: 0x26, apos: 0x27, quot: 0x22 }

/** The code point of `&ref;`, or undefined when it is no valid reference without a DTD. */
function entityCodePoint(ref: string): number | undefined {
  if (ref.startsWith('#')) {
    const hex = ref.startsWith('#x')
    const digits = ref.slice(hex ? 2 : 1)
    if (!(hex ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) return undefined
    const code = Number.parseInt(digits, hex ? 16 : 10)
    const ok = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff)
    return ok ? code : undefined
  }
  return predefined[ref]
}

function writeUtf8(out: Uint8Array, o: number, code: number): number {
  if (code < 0x80) out[o++] = code
  else if (code < 0x800) {
    out[o++] = 0xc0 | (code >> 6)
    out[o++] = 0x80 | (code & 0x3f)
  } else if (code < 0x10000) {
    out[o++] = 0xe0 | (code >> 12)
    out[o++] = 0x80 | ((code >> 6) & 0x3f)
    out[o++] = 0x80 | (code & 0x3f)
  } else {
    out[o++] = 0xf0 | (code >> 18)
    out[o++] = 0x80 | ((code >> 12) & 0x3f)
    out[o++] = 0x80 | ((code >> 6) & 0x3f)
    out[o++] = 0x80 | (code & 0x3f)
  }
  return o
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const need = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0
    if (need === 0) return i
    if (need > 1 && !isUtf8(bytes.subarray(i, i + need))) return i
    i += need
  }
  return i
}
