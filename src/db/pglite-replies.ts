/**
 * The engine's reply to a prepared statement, read straight from the protocol's bytes
 * (issue 19 §4). PGlite's `execProtocol` copies every chunk the engine writes twice, parses it
 * into a message object per row with a buffer copied per field, and `parseResults` then turns
 * those into rows; in the demo build that was about a twentieth of the processor time. A
 * prepared statement needs far less of the protocol: its parameter types and row description
 * once, and then only data rows, the command's tag and an error, if any. So `Reply` reads those
 * as the engine writes them (`execProtocolRawStream`) and makes each row's object at once, with
 * the same type parsers PGlite's `query` uses, so the rows are the same values.
 *
 * Every other message is passed over: the completions of parse, bind and close, no data,
 * ready for query, notices (PGlite shows them only when debugging), and notifications — Koers
 * does not LISTEN on the embedded engine; a statement that did would not hear them through here.
 */
import { messages } from '@electric-sql/pglite'

/** A result column: its name and type oid. */
export interface Field {
  name: string
  typeId: number
}

type Parser = (value: string, typeId: number) => unknown
type DatabaseError = InstanceType<typeof messages.DatabaseError>

/** Collects one exchange's reply, chunk by chunk as the engine writes it. */
export class Reply {
  /** Rows, as PGlite's `query(…, { rowMode: 'object' })` gives them. */
  readonly rows: Record<string, unknown>[] = []
  /** What INSERT, UPDATE, DELETE, COPY and MERGE affected, summed as PGlite's `parseResults` does (0 for anything else). */
  affectedRows = 0
  /** The first error the engine sent (thrown once the exchange is over, as PGlite's `execProtocol` does). */
  error: DatabaseError | null = null
  /** From a ParameterDescription (a statement described). */
  paramTypes: number[] = []
  /** From a RowDescription (a statement described); null when it returns no rows. */
  fields: Field[] | null = null
  /**
   * A row that could not be made (a type parser refused its value: Koers' int8 parser refuses
   * what a number cannot hold). Kept, not thrown: `push` runs inside the engine's own write, and a
   * throw there would leave the engine unable to answer the next statement. Thrown once the
   * exchange is over, as PGlite's `query` throws it; the rows after it are not made.
   */
  failure: { error: unknown } | null = null

  readonly #names: string[]
  readonly #types: number[]
  readonly #parsers: (Parser | undefined)[]
  /** The start of a message the last chunk ended in the middle of (copied: a chunk is a view the engine reuses). */
  #rest: Uint8Array | null = null

  /** `fields`: the rows' columns, known from when the statement was described (none: no rows are expected). */
  constructor(fields: readonly Field[] | null, parsers: Readonly<Record<number | string, Parser>>) {
    this.#names = fields?.map((f) => f.name) ?? []
    this.#types = fields?.map((f) => f.typeId) ?? []
    this.#parsers = this.#types.map((t) => parsers[t])
  }

  /** Reads a chunk the engine wrote (`onRawData`); never throws, see `failure`. */
  readonly push = (chunk: Uint8Array): void => {
    let bytes = chunk
    if (this.#rest) {
      bytes = new Uint8Array(this.#rest.length + chunk.length)
      bytes.set(this.#rest)
      bytes.set(chunk, this.#rest.length)
      this.#rest = null
    }
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    let at = 0
    while (at + 5 <= bytes.length) {
      const end = at + 1 + int32(bytes, at + 1)
      if (end > bytes.length) break
      try {
        this.#message(bytes[at]!, buffer, at + 5, end)
      } catch (error) {
        this.failure ??= { error }
      }
      at = end
    }
    if (at < bytes.length) this.#rest = bytes.slice(at)
  }

  #message(type: number, b: Buffer, at: number, end: number): void {
    switch (type) {
      case 0x44: // D: DataRow
        if (this.error === null && this.failure === null) this.rows.push(this.#row(b, at))
        return
      case 0x43: // C: CommandComplete
        this.#completed(b.toString('utf8', at, end - 1))
        return
      case 0x45: // E: ErrorResponse
        this.error ??= errorOf(b, at, end)
        return
      case 0x74: // t: ParameterDescription
        this.paramTypes = Array.from({ length: uint16(b, at) }, (_, i) => int32(b, at + 2 + 4 * i) >>> 0)
        return
      case 0x54: // T: RowDescription
        this.fields = fieldsOf(b, at)
        return
      default:
        return
    }
  }

  #row(b: Buffer, at: number): Record<string, unknown> {
    const n = uint16(b, at)
    let p = at + 2
    const row: Record<string, unknown> = {}
    for (let i = 0; i < n; i++) {
      const length = int32(b, p)
      p += 4
      if (length < 0) {
        row[this.#names[i]!] = null
        continue
      }
      const text = b.toString('utf8', p, p + length)
      p += length
      const parse = this.#parsers[i]
      row[this.#names[i]!] = parse ? parse(text, this.#types[i]!) : text
    }
    return row
  }

  #completed(tag: string): void {
    const words = tag.split(' ')
    const count = Number.parseInt(words[words.length - 1]!, 10)
    if (['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(words[0]!) && !Number.isNaN(count)) this.affectedRows += count
  }
}

const int32 = (b: Uint8Array, at: number): number => (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!
/** The protocol's counts (parameters, columns) are unsigned: up to 65,535 parameters. */
const uint16 = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!

function cstringEnd(b: Uint8Array, at: number): number {
  const end = b.indexOf(0, at)
  return end < 0 ? b.length : end
}

/** A RowDescription's names and type oids (the rest of each field — table, column, size, modifier, format — is not needed). */
function fieldsOf(b: Buffer, at: number): Field[] {
  const n = uint16(b, at)
  let p = at + 2
  const fields: Field[] = []
  for (let i = 0; i < n; i++) {
    const nameEnd = cstringEnd(b, p)
    const name = b.toString('utf8', p, nameEnd)
    // table oid (4), column number (2), then the type oid.
    const typeId = int32(b, nameEnd + 1 + 6) >>> 0
    fields.push({ name, typeId })
    p = nameEnd + 1 + 18
  }
  return fields
}

/** An ErrorResponse as PGlite's parser makes it: the same class and the same fields. */
function errorOf(b: Buffer, at: number, end: number): DatabaseError {
  const fields: Record<string, string> = {}
  let p = at
  while (p < end && b[p] !== 0) {
    const code = String.fromCharCode(b[p]!)
    const valueEnd = cstringEnd(b, p + 1)
    fields[code] = b.toString('utf8', p + 1, valueEnd)
    p = valueEnd + 1
  }
  const error = new messages.DatabaseError(fields.M!, end - at + 4, 'error')
  return Object.assign(error, {
    severity: fields.S,
    code: fields.C,
    detail: fields.D,
    hint: fields.H,
    position: fields.P,
    internalPosition: fields.p,
    internalQuery: fields.q,
    where: fields.W,
    schema: fields.s,
    table: fields.t,
    column: fields.c,
    dataType: fields.d,
    constraint: fields.n,
    file: fields.F,
    line: fields.L,
    routine: fields.R,
  })
}
