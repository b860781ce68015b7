/**
 * Reading an imported spreadsheet (CSV or XLSX) as rows with a header: columns found by name
 * (case and order free), a row named by its number in every error, empty rows skipped. The
 * importers (budgets, outcome measurements) write all rows or none: they run in one
 * transaction and an error rolls it back.
 */
import { readSheet } from 'read-excel-file/node'
import type { z } from 'zod'
import { AppError } from './errors.ts'
import type { spreadsheetUploadSchema } from './request.schema.ts'
import { parseCsvLine, restoreFormulaText } from './export.ts'
import { type ZipLimits, ZipRefused, unzipWithin, zipArchive } from './zip.ts'

export type Cell = string | number | boolean | Date | null

/** The rows of a CSV text (`;` separated, as parseCsvLine reads them). */
export function csvRows(text: string): Cell[][] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim().length > 0).map(parseCsvLine)
}

/**
 * What an imported XLSX may hold once unpacked. The upload takes at most 7 MB of base64 (about
 * 5 MB of XLSX); a region's budgets or a year's measurements are a few megabytes of sheet XML.
 * A workbook has a dozen or so parts.
 */
export const XLSX_LIMITS: ZipLimits = { entries: 1_000, bytes: 32 << 20 }

/** The parts read-excel-file reads: the XML and their relationships (no images, no printer settings). */
const xlsxPart = (name: string) => name.endsWith('.xml') || name.endsWith('.rels')

/** The rows of the first sheet of an XLSX file; text as it was before export (`restoreFormulaText`). Refuses a file that unpacks beyond `limits`. */
export async function xlsxRows(bytes: Uint8Array, limits: ZipLimits = XLSX_LIMITS): Promise<Cell[][]> {
  let checked: Buffer
  try {
    // read-excel-file unpacks without a limit: it reads only what was unpacked here within one.
    checked = zipArchive(unzipWithin(Buffer.from(bytes), limits, xlsxPart))
  } catch (error) {
    if (!(error instanceof ZipRefused)) throw error
    const r = error.refusal
    if (r.kind === 'too_many_entries') throw new AppError('import.too_large', `Het XLSX-bestand bestaat uit ${r.entries} delen; meer dan ${limits.entries} wordt niet ingelezen. Sla het blad op als CSV en lees dat in.`)
    if (r.kind === 'too_large') throw new AppError('import.too_large', `Het XLSX-bestand is uitgepakt groter dan ${limits.bytes >> 20} MB en wordt niet ingelezen. Sla het blad op als CSV, of splits het bestand.`)
    throw new AppError('import.unreadable', `the file is not a readable XLSX workbook (${r.why})`)
  }
  try {
    const rows = (await readSheet(checked)) as Cell[][]
    return rows.map((cells) => cells.map((cell) => (typeof cell === 'string' ? restoreFormulaText(cell) : cell)))
  } catch (error) {
    throw new AppError('import.unreadable', `the file is not a readable XLSX workbook (${(error as Error).message})`)
  }
}

/** The rows of an uploaded spreadsheet. */
export async function uploadedRows(upload: z.infer<typeof spreadsheetUploadSchema>): Promise<Cell[][]> {
  return upload.csv !== undefined ? csvRows(upload.csv) : xlsxRows(Buffer.from(upload.xlsxBase64!, 'base64'))
}

export interface SheetRow<C extends string> {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  row: number
  /** A column's text, trimmed ('' when the column is absent or empty). */
  text(column: C): string
  /** A column's cell as read (a number stays a number). */
  cell(column: C): Cell
  /**
   * Refuses the file, naming this row and column; `melding` says in Dutch why, when a check the
   * row ran already said it (rowMelding in src/shared/meldingen.ts).
   */
  fail(column: string, message: string, melding?: string): never
}

/** The data rows of a sheet whose header row names at least `required` (and possibly `optional`) columns. */
export function sheetRows<C extends string>(rows: readonly Cell[][], required: readonly C[], optional: readonly C[], what: string): SheetRow<C>[] {
  if (rows.length < 2) throw new AppError('import.empty', `the file holds no ${what}: a header row and at least one row are expected`)
  const header = rows[0]!.map((h) => String(h ?? '').trim().toLowerCase())
  const index = new Map<string, number>([...required, ...optional].map((c) => [c, header.indexOf(c)]))
  const missing = required.filter((c) => index.get(c)! < 0)
  if (missing.length > 0) throw new AppError('import.columns_missing', `the header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected: ${[...required, ...optional].join('; ')})`)
  const out: SheetRow<C>[] = []
  for (const [i, cells] of rows.slice(1).entries()) {
    if (cells.every((c) => c === null || String(c).trim() === '')) continue
    const row = i + 2
    const cell = (c: C): Cell => (index.get(c)! >= 0 ? (cells[index.get(c)!] ?? null) : null)
    out.push({
      row,
      cell,
      text: (c) => String(cell(c) ?? '').trim(),
      fail: (column, message, melding) => {
        throw new AppError('import.row_invalid', `row ${row}: ${message}`, [{ path: `row ${row}/${column}`, message, ...(melding ? { melding: `Regel ${row}: ${melding}` } : {}) }])
      },
    })
  }
  return out
}
