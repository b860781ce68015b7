/**
 * The files of a message archive as a back office or the GGk exports them: single .xml files,
 * directories (searched recursively) and .zip files (their .xml entries, and zips inside a
 * directory). Each message is handed out with its `bron` — the path, or `archive.zip!entry`
 * — which is how the import names it in its summary and in `archief_onverwerkt`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { openPromise } from 'yauzl'

export interface ArchiefBestand {
  /** Where the message came from: a path, or `zip!entry`. */
  bron: string
  bytes: Uint8Array
}

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

/** Every message in the files named (see `archiefPaden`); a zip's entries in the zip's order. */
export async function* leesArchief(paths: readonly string[]): AsyncGenerator<ArchiefBestand> {
  for (const path of archiefPaden(paths)) {
    if (isZip(path)) yield* zipEntries(path)
    else yield { bron: path, bytes: readFileSync(path) }
  }
}

async function* zipEntries(path: string): AsyncGenerator<ArchiefBestand> {
  let zip
  try {
    zip = await openPromise(path, { lazyEntries: true, validateEntrySizes: true })
  } catch (error) {
    throw new ArchiefOnleesbaar(path, `not a readable zip file (${(error as Error).message})`)
  }
  try {
    for (;;) {
      const entry = await new Promise<import('yauzl').Entry | null>((resolve, reject) => {
        const onEntry = (e: import('yauzl').Entry) => (cleanup(), resolve(e))
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
      if (entry.uncompressedSize > MAX_ENTRY_BYTES) throw new ArchiefOnleesbaar(`${path}!${entry.fileName}`, `entry larger than ${MAX_ENTRY_BYTES} bytes`)
      const stream = await zip.openReadStreamPromise(entry)
      const chunks: Buffer[] = []
      for await (const chunk of stream) chunks.push(chunk as Buffer)
      yield { bron: `${path}!${entry.fileName}`, bytes: Buffer.concat(chunks) }
    }
  } finally {
    zip.close()
  }
}
