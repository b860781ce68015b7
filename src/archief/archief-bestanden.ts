/**
 * The files of a message archive as a back office or the GGk exports them: single .xml files,
 * directories (searched recursively) and .zip files (their .xml entries, and zips inside a
 * directory). Each message is handed out with its `bron` — the path, or `archive.zip!entry`
 * — which is how the import names it in its summary and in `archief_onverwerkt`, and with its
 * `plaats`, where it is found again: the import reads an archive twice (once for the heads, to
 * sort; once per message, in that order, to apply it) and holds no more than one message's bytes.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Entry, type ZipFile, openPromise } from 'yauzl'

/** Where a message is found again: a file, or an entry of a zip (what yauzl needs to read it without the central directory). */
export type Vindplaats = { pad: string } | { zip: string; entry: ZipPlek }

export interface ZipPlek {
  naam: string
  relativeOffsetOfLocalHeader: number
  compressedSize: number
  uncompressedSize: number
  compressionMethod: number
  generalPurposeBitFlag: number
}

export interface ArchiefBestand {
  /** Where the message came from: a path, or `zip!entry`. */
  bron: string
  plaats: Vindplaats
  bytes: Uint8Array
}

/** Reads an archive: every message once in turn (the first pass), then any message again by its place (the second). */
export interface ArchiefLezer {
  /** Every message in the files named (see `archiefPaden`); a zip's entries in the zip's order. */
  alle(paths: readonly string[]): AsyncGenerator<ArchiefBestand>
  /** One message's bytes, read again. */
  lees(plaats: Vindplaats): Promise<Uint8Array>
  /** Closes the zips `lees` opened. */
  sluit(): void
}

/** The name of a place, as the summary shows it. */
export const bronVan = (plaats: Vindplaats): string => ('pad' in plaats ? plaats.pad : `${plaats.zip}!${plaats.entry.naam}`)

/** An entry larger than this is not a message of iJw/iWmo 3.2 traffic we can hold (a zip bomb is refused, not inflated). */
export const MAX_ENTRY_BYTES = 1 << 30

export class ArchiefOnleesbaar extends Error {
  constructor(
    readonly bron: string,
    why: string,
  ) {
    super(`${bron}: ${why}`)
  }
}

const isXml = (name: string) => name.toLowerCase().endsWith('.xml')
const isZip = (name: string) => name.toLowerCase().endsWith('.zip')

/** The message files under `paths`, in a stable order (a directory's entries sorted by name). */
export function archiefPaden(paths: readonly string[]): string[] {
  const out: string[] = []
  for (const path of paths) {
    let stat
    try {
      stat = statSync(path)
    } catch {
      throw new ArchiefOnleesbaar(path, 'no such file or directory')
    }
    if (!stat.isDirectory()) {
      out.push(path)
      continue
    }
    const found: string[] = []
    for (const d of readdirSync(path, { recursive: true, withFileTypes: true })) {
      if (!(isXml(d.name) || isZip(d.name))) continue
      const full = join(d.parentPath, d.name)
      if (statSync(full, { throwIfNoEntry: false })?.isFile()) found.push(full)
    }
    out.push(...found.sort())
  }
  return out
}

/** The archive on disk; a zip read again is opened once and kept open until `sluit`. */
export function archiefLezer(): ArchiefLezer {
  const open = new Map<string, Promise<ZipFile>>()
  return {
    async *alle(paths) {
      for (const path of archiefPaden(paths)) {
        if (isZip(path)) yield* zipEntries(path)
        else yield { bron: path, plaats: { pad: path }, bytes: readFileSync(path) }
      }
    },
    async lees(plaats) {
      if ('pad' in plaats) return readFileSync(plaats.pad)
      let zip = open.get(plaats.zip)
      if (!zip) {
        zip = openZip(plaats.zip, false)
        open.set(plaats.zip, zip)
      }
      const { naam, ...fields } = plaats.entry
      return readEntry(await zip, Object.assign(new Entry(), { fileName: naam, ...fields }))
    },
    sluit() {
      for (const zip of open.values()) void zip.then((z) => z.close(), () => undefined)
      open.clear()
    },
  }
}

async function openZip(path: string, autoClose: boolean): Promise<ZipFile> {
  try {
    return await openPromise(path, { lazyEntries: true, validateEntrySizes: true, autoClose })
  } catch (error) {
    throw new ArchiefOnleesbaar(path, `not a readable zip file (${(error as Error).message})`)
  }
}

async function readEntry(zip: ZipFile, entry: Entry): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry)
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

async function* zipEntries(path: string): AsyncGenerator<ArchiefBestand> {
  const zip = await openZip(path, true)
  try {
    for (;;) {
      const entry = await new Promise<Entry | null>((resolve, reject) => {
        const onEntry = (e: Entry) => (cleanup(), resolve(e))
        const onEnd = () => (cleanup(), resolve(null))
        const onError = (e: Error) => (cleanup(), reject(new ArchiefOnleesbaar(path, e.message)))
        const cleanup = () => {
          zip.off('entry', onEntry)
          zip.off('end', onEnd)
          zip.off('error', onError)
        }
        zip.on('entry', onEntry)
        zip.on('end', onEnd)
        zip.on('error', onError)
        zip.readEntry()
      })
      if (entry === null) return
      if (entry.fileName.endsWith('/') || !isXml(entry.fileName)) continue
      const bron = `${path}!${entry.fileName}`
      if (entry.uncompressedSize > MAX_ENTRY_BYTES) throw new ArchiefOnleesbaar(bron, `entry larger than ${MAX_ENTRY_BYTES} bytes`)
      const { relativeOffsetOfLocalHeader, compressedSize, uncompressedSize, compressionMethod, generalPurposeBitFlag } = entry
      const plek: ZipPlek = { naam: entry.fileName, relativeOffsetOfLocalHeader, compressedSize, uncompressedSize, compressionMethod, generalPurposeBitFlag }
      yield { bron, plaats: { zip: path, entry: plek }, bytes: await readEntry(zip, entry) }
    }
  } finally {
    zip.close()
  }
}
