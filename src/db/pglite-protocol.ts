/**
 * The frontend messages a prepared statement sends (parse, describe, bind, execute, close, sync),
 * written into one buffer that is used again for every exchange (issue 19 §4).
 *
 * PGlite's own serialisers (`protocol.serialize`) write each message through a writer that
 * allocates a new buffer on every flush, copies the message out of it, and reaches its state
 * through down-levelled private fields; a bind goes through two such writers (its values, then the
 * message), and the exchange was one more copy joining the parts. In the demo build that was
 * about a twentieth of the profile's samples, for bytes the engine reads once and forgets:
 * `execProtocolRawSync` consumes the whole message before it returns. So the writer keeps one
 * buffer and hands out a view of it; the next exchange overwrites it. A buffer grown past
 * `KEEP_UP_TO` for a large value (a kept message's content) is let go at the next `reset`, so that
 * the largest exchange does not stay in memory for the server's life. For well-formed strings the
 * bytes are PGlite's (pglite-protocol.test.ts compares them); a lone surrogate is written as
 * U+FFFD, with the length of what was written.
 */

const NUL = 0
/** The most a buffer keeps between exchanges; a larger one is let go at the next `reset`. */
const KEEP_UP_TO = 1 << 20
/** Values longer than this (in UTF-16 units) get room for their exact UTF-8 length, not three bytes a unit. */
const MEASURE_FROM = 1 << 12
/** The protocol counts a bind's parameters in 16 bits. */
const MAX_PARAMETERS = 0xffff

export class ProtocolWriter {
  readonly #initialSize: number
  #bytes: Uint8Array
  #view: DataView
  #at = 0
  readonly #encoder = new TextEncoder()

  /** `initialSize`: the buffer's first size in bytes (tests make it small, so that every write grows it). */
  constructor(initialSize = 1 << 12) {
    this.#initialSize = initialSize
    this.#bytes = new Uint8Array(initialSize)
    this.#view = new DataView(this.#bytes.buffer)
  }

  /** Starts the next exchange: what was written before is forgotten. */
  reset(): this {
    this.#at = 0
    if (this.#bytes.length > KEEP_UP_TO) {
      this.#bytes = new Uint8Array(this.#initialSize)
      this.#view = new DataView(this.#bytes.buffer)
    }
    return this
  }

  /** The exchange written so far: a view of the buffer, valid until the next write or `reset`. */
  bytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#at)
  }

  /** Parse: a named statement of `text`, its parameter types left to the engine. */
  parse(name: string, text: string): this {
    const start = this.#begin(0x50)
    this.#cString(name)
    this.#cString(text)
    this.#int16(0)
    return this.#end(start)
  }

  /** Describe a named statement ('S'). */
  describeStatement(name: string): this {
    const start = this.#begin(0x44)
    this.#cString(`S${name}`)
    return this.#end(start)
  }

  /** Close a named statement ('S'). */
  closeStatement(name: string): this {
    const start = this.#begin(0x43)
    this.#cString(`S${name}`)
    return this.#end(start)
  }

  /** Bind the unnamed portal to statement `name`, every value in text format (null: SQL NULL), the results in text. */
  bind(name: string, values: readonly (string | null)[]): this {
    if (values.length > MAX_PARAMETERS) throw new RangeError(`a statement takes at most ${MAX_PARAMETERS} parameters, not ${values.length}`)
    const start = this.#begin(0x42)
    this.#cString('')
    this.#cString(name)
    this.#uint16(values.length)
    for (let i = 0; i < values.length; i++) this.#int16(0)
    this.#uint16(values.length)
    for (const value of values) {
      if (value === null) {
        this.#int32(-1)
        continue
      }
      // The length is written once the bytes are.
      this.#ensure(4 + room(value))
      const lengthAt = this.#at
      const { written } = this.#encoder.encodeInto(value, this.#bytes.subarray(lengthAt + 4))
      this.#view.setInt32(lengthAt, written)
      this.#at = lengthAt + 4 + written
    }
    this.#int16(0)
    return this.#end(start)
  }

  /** Execute the unnamed portal, all its rows. */
  execute(): this {
    const start = this.#begin(0x45)
    this.#cString('')
    this.#int32(0)
    return this.#end(start)
  }

  sync(): this {
    const start = this.#begin(0x53)
    return this.#end(start)
  }

  /** A message's type byte and room for its length; returns where the length goes. */
  #begin(type: number): number {
    this.#ensure(5)
    this.#bytes[this.#at] = type
    this.#at += 5
    return this.#at - 4
  }

  /** The length counts itself and the body, not the type byte. */
  #end(lengthAt: number): this {
    this.#view.setInt32(lengthAt, this.#at - lengthAt)
    return this
  }

  #cString(text: string): void {
    this.#ensure(room(text) + 1)
    const { written } = this.#encoder.encodeInto(text, this.#bytes.subarray(this.#at))
    this.#at += written
    this.#bytes[this.#at++] = NUL
  }

  #int16(value: number): void {
    this.#ensure(2)
    this.#view.setInt16(this.#at, value)
    this.#at += 2
  }

  #uint16(value: number): void {
    this.#ensure(2)
    this.#view.setUint16(this.#at, value)
    this.#at += 2
  }

  #int32(value: number): void {
    this.#ensure(4)
    this.#view.setInt32(this.#at, value)
    this.#at += 4
  }

  #ensure(more: number): void {
    if (this.#at + more <= this.#bytes.length) return
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#at + more))
    grown.set(this.#bytes.subarray(0, this.#at))
    this.#bytes = grown
    this.#view = new DataView(grown.buffer)
  }
}

/** Room enough for `text` in UTF-8: three bytes per UTF-16 unit at most, or, for a long text, its measured length. */
const room = (text: string): number => (text.length > MEASURE_FROM ? Buffer.byteLength(text) : text.length * 3)
