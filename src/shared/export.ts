/**
 * Every list exports to CSV and XLSX (issue 5): one column definition, two formats — and CSV
 * in that form reads back (`parseCsvLine`) for imports. CSV is
 * what Dutch spreadsheet programs open directly — UTF-8 with a byte-order mark, semicolons,
 * decimal commas; XLSX (write-excel-file) keeps numbers as numbers and amounts in euros with
 * two decimals. Amounts are cents in Koers and become euros only here.
 *
 * Kinds: `euro` (cents in, euros out), `number` (decimals with a comma in CSV), `percent` (a
 * percentage, one decimal: 64,4), `count` (a count of people that may be suppressed: null is
 * written "< 5", as the dashboard shows it, never an empty cell that reads as "nothing"; another
 * figure suppressed for resting on 1–4 clients reads "onderdrukt (< 5 cliënten)"). CSV text comes
 * from the one formatter (format-nl.ts), without `€` and thousands dots so that it reads back as a number. XLSX
 * sheets get column widths from their contents, a frozen header row and an autofilter.
 *
 * Text is never a formula: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is what Excel and LibreOffice run as one (OWASP, "CSV Injection"), so such text — a
 * budget's reason, a payment's description, anything a person typed — gets a leading `'`, in
 * both formats. Numbers stay numbers, negative ones too; reading a file back drops the `'`.
 */
import writeXlsxFile from 'write-excel-file/node'
import { formatEuroPlain, formatNumber, SUPPRESSED_COUNT } from './format-nl.ts'
import { unzipWithin, zipArchive } from './zip.ts'

export type ExportKind = 'text' | 'number' | 'euro' | 'percent' | 'count'

/**
 * How a suppressed count (1–4 people) reads in an export. A column's value may also return it
 * for a figure that rests on so few clients (an average, a percentage, an amount per client):
 * there it is spelled out, since "< 5" under euros or days would read as a value.
 */
export const SUPPRESSED = SUPPRESSED_COUNT
const SUPPRESSED_FIGURE = `onderdrukt (${SUPPRESSED} cliënten)`
const suppressedText = (kind: ExportKind | undefined): string => (kind === 'count' ? SUPPRESSED : SUPPRESSED_FIGURE)
const suppressedCell = (kind: ExportKind | undefined) => ({ value: suppressedText(kind), type: String, align: 'right' as const })

export interface ExportColumn<T> {
  header: string
  kind?: ExportKind
  value: (row: T) => string | number | null | undefined
}

export type ExportFormat = 'csv' | 'xlsx'

const csvCell = (value: string): string => (/[";\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

const FORMULA_START = /^[=+\-@\t\r]/

/** Text as a spreadsheet shows it and never runs it: a leading `'` before a formula's first character. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** The text of a cell as it was before `neutraliseFormula`. */
export function restoreFormulaText(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell
}

function display<T>(column: ExportColumn<T>, row: T): string {
  const v = column.value(row)
  if (v === null || v === undefined) return column.kind === 'count' ? SUPPRESSED : ''
  if (v === SUPPRESSED) return suppressedText(column.kind)
  if (column.kind === 'euro') return formatEuroPlain(Number(v))
  if (column.kind === 'percent') return formatNumber(Number(v), 1)
  if (typeof v === 'number') return String(v).replace('.', ',')
  return neutraliseFormula(String(v))
}

export function toCsv<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(';'), ...rows.map((row) => columns.map((c) => csvCell(display(c, row))).join(';'))]
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

export async function toXlsx<T>(columns: readonly ExportColumn<T>[], rows: readonly T[], sheet: string): Promise<Buffer> {
  const header = columns.map((c) => ({ value: c.header, fontWeight: 'bold' as const }))
  const data = rows.map((row) =>
    columns.map((c) => {
      const v = c.value(row)
      if (v === null || v === undefined) return c.kind === 'count' ? suppressedCell(c.kind) : null
      if (v === SUPPRESSED) return suppressedCell(c.kind)
      if (c.kind === 'euro') return { value: Number(v) / 100, type: Number, format: '#,##0.00' }
      if (c.kind === 'percent') return { value: Number(v), type: Number, format: '0.0' }
      if (c.kind === 'number' || c.kind === 'count') return { value: Number(v), type: Number }
      return { value: neutraliseFormula(String(v)), type: String }
    }),
  )
  // Wide enough for the header and the widest cell as shown (at most 60 characters).
  const widths = columns.map((c) => ({ width: Math.min(60, Math.max(8, c.header.length + 2, ...rows.slice(0, 1000).map((r) => display(c, r).length + 2))) }))
  const name = sheet.slice(0, 31)
  const xlsx = await writeXlsxFile([header, ...data] as never, { sheet: name, columns: widths, stickyRowsCount: 1 }).toBuffer()
  return withAutoFilter(xlsx, columns.length, rows.length + 1, name)
}

/** The spreadsheet's column name of a 1-based column number: 1 → A, 27 → AA. */
function columnName(n: number): string {
  let name = ''
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) name = String.fromCharCode(65 + ((i - 1) % 26)) + name
  return name
}

/**
 * Adds an autofilter over the header and the rows (write-excel-file has none): `<autoFilter>` right
 * after the sheet's data, as the OOXML schema orders it, and the filter's defined name that Excel
 * and LibreOffice write with it.
 */
function withAutoFilter(xlsx: Buffer, columnCount: number, rowCount: number, sheet: string): Buffer {
  if (columnCount === 0) return xlsx
  const parts = unzipWithin(xlsx, { entries: 100, bytes: 1 << 30 })
  const sheetPart = 'xl/worksheets/sheet1.xml'
  const last = `${columnName(columnCount)}${rowCount}`
  const sheetXml = parts.get(sheetPart)?.toString('utf8')
  const workbookXml = parts.get('xl/workbook.xml')?.toString('utf8')
  if (!sheetXml?.includes('</sheetData>') || !workbookXml?.includes('</sheets>')) throw new Error('write-excel-file wrote a sheet without sheetData or a workbook without sheets')
  parts.set(sheetPart, Buffer.from(sheetXml.replace('</sheetData>', `</sheetData><autoFilter ref="A1:${last}"/>`), 'utf8'))
  const quoted = `'${sheet.replace(/'/g, "''")}'`
  const defined = `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${escapeXml(quoted)}!$A$1:$${columnName(columnCount)}$${rowCount}</definedName></definedNames>`
  parts.set('xl/workbook.xml', Buffer.from(workbookXml.replace('</sheets>', `</sheets>${defined}`), 'utf8'))
  return zipArchive(parts, 8)
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The bytes and content type of an export. */
export async function exportFile<T>(format: ExportFormat, name: string, columns: readonly ExportColumn<T>[], rows: readonly T[]): Promise<{ body: Uint8Array; contentType: string; filename: string }> {
  if (format === 'csv') return { body: new TextEncoder().encode(toCsv(columns, rows)), contentType: 'text/csv; charset=utf-8', filename: `${name}.csv` }
  return { body: await toXlsx(columns, rows, name), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${name}.xlsx` }
}

/** Cells of a semicolon-separated line; double quotes around a cell, "" inside one; text as it was before export (`restoreFormulaText`). */
export function parseCsvLine(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ';') {
      cells.push(restoreFormulaText(cell.trim()))
      cell = ''
    } else cell += ch
  }
  cells.push(restoreFormulaText(cell.trim()))
  return cells
}
