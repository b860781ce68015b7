/**
 * Reading and writing zip archives within limits, for XLSX imports (an XLSX file is a zip of
 * XML parts). A zip states its sizes itself, and a small file can inflate to hundreds of
 * megabytes (a "zip bomb": 0.8 MB became a 221 MB sheet), so `unzipWithin` counts entries
 * and inflates every part with a ceiling on what comes out, whatever the headers claim. It
 * reads the central directory, the zip's own index; `zipArchive` writes the parts it read
 * into a new archive, so that a reader that walks the local headers instead (as
 * read-excel-file does) sees exactly the parts that were checked and nothing hidden between.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'

export interface ZipLimits {
  /** Most entries in the archive (its central directory), kept or not. */
  entries: number
  /** Most bytes of all kept entries together, uncompressed. */
  bytes: number
}

export type ZipRefusal = { kind: 'too_many_entries'; entries: number } | { kind: 'too_large'; bytes: number } | { kind: 'unreadable'; why: string }

/** Thrown by `unzipWithin`: what is wrong with the archive, for the caller to put into words. */
export class ZipRefused extends Error {
  constructor(readonly refusal: ZipRefusal) {
    super(refusal.kind === 'unreadable' ? refusal.why : refusal.kind)
  }
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** The entries of a zip whose name `keep` accepts, inflated; refuses an archive over `limits`. */
export function unzipWithin(zip: Buffer, limits: ZipLimits, keep: (name: string) => boolean = () => true): Map<string, Buffer> {
  const unreadable = (why: string): never => {
    throw new ZipRefused({ kind: 'unreadable', why })
  }
  let end = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i
      break
    }
  }
  if (end < 0) unreadable('no zip end record')
  const count = zip.readUInt16LE(end + 10)
  // 0xffff entries or a directory beyond 4 GB mean ZIP64: far beyond any limit here.
  if (count === 0xffff || count > limits.entries) throw new ZipRefused({ kind: 'too_many_entries', entries: count })
  const entries = new Map<string, Buffer>()
  let left = limits.bytes
  let at = zip.readUInt32LE(end + 16)
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) unreadable('a damaged central directory')
    const flags = zip.readUInt16LE(at + 8)
    const method = zip.readUInt16LE(at + 10)
    const compressed = zip.readUInt32LE(at + 20)
    const declared = zip.readUInt32LE(at + 24)
    const nameLength = zip.readUInt16LE(at + 28)
    const local = zip.readUInt32LE(at + 42)
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1')
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
    if (!keep(name)) continue
    if (flags & 1) unreadable('an encrypted part')
    if (declared > left) throw new ZipRefused({ kind: 'too_large', bytes: limits.bytes })
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) unreadable(`a damaged part ${name}`)
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    if (start + compressed > zip.length) unreadable(`a truncated part ${name}`)
    const data = zip.subarray(start, start + compressed)
    let content: Buffer
    if (method === 0) content = Buffer.from(data)
    else if (method === 8) {
      try {
        // The ceiling holds whatever the header declared: inflating stops one byte past what is left.
        content = inflateRawSync(data, { maxOutputLength: left + 1 })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipRefused({ kind: 'too_large', bytes: limits.bytes })
        return unreadable(`a damaged part ${name}`)
      }
    } else return unreadable(`compression method ${method}`)
    if (content.length > left) throw new ZipRefused({ kind: 'too_large', bytes: limits.bytes })
    left -= content.length
    entries.set(name, content)
  }
  return entries
}

/** A zip of `entries`, stored (method 0) or deflated (8). */
export function zipArchive(entries: ReadonlyMap<string, Buffer>, method: 0 | 8 = 0): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8')
    const data = method === 8 ? deflateRawSync(content) : content
    const header = (size: number, signature: number) => {
      const b = Buffer.alloc(size)
      b.writeUInt32LE(signature, 0)
      return b
    }
    const local = header(30, LOCAL)
    local.writeUInt16LE(20, 4) // version needed: 2.0
    local.writeUInt16LE(0x800, 6) // names in UTF-8
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(crc32(content), 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(content.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = header(46, CENTRAL)
    central.writeUInt16LE(20, 4) // made by
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x800, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(crc32(content), 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(content.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(EOCD, 0)
  end.writeUInt16LE(entries.size, 8)
  end.writeUInt16LE(entries.size, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}
