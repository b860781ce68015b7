/**
 * The frontend messages a prepared statement sends (parse, describe, bind, execute, close, sync),
 * written into one buffer that is used again for every exchange (issue 19 §4).
 *
 * PGlite's own serialisers (`protocol.serialize`) make each message in a writer that allocates a
 * new buffer on every flush, copies the message out of it, and reaches its fields through
 * down-levelled private fields; a bind then makes two such messages, and the exchange was one
 * more copy joining them. In the demo build that was about a twentieth of the processor time,
 * for bytes the engine reads once and forgets: `execProtocolRawSync` consumes the whole message
 * before it returns. So the writer keeps one buffer, grown when a message needs more, and hands
 * out a view of it; the next exchange overwrites it. The bytes are the same as PGlite's
 * (pglite-protocol.test.ts compares them).
 */

const NUL = 0

export class ProtocolWriter {
  #bytes = new Uint8Array(1 << 12)
  #view = new DataView(this.#bytes.buffer)
  #at = 0
  readonly #encoder = new TextEncoder()

  /** Starts the next exchange: what was written before is forgotten. */
  reset(): this {
    this.#at = 0
    return this
  }

  /** The exchange written so far: a view of the buffer, valid until the next `reset`. */
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
      // At most three bytes per UTF-16 unit; the length is written once the bytes are.
      this.#ensure(4 + value.length * 3)
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
    this.#ensure(text.length * 3 + 1)
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
