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
import { type ExportColumn, type ExportFormat, toCsv, xlsxSheet } from './export-cells.ts'
import { unzipWithin, zipArchive } from './zip.ts'

export { type ExportColumn, type ExportFormat, type ExportKind, SUPPRESSED, neutraliseFormula, parseCsvLine, restoreFormulaText, toCsv } from './export-cells.ts'

export async function toXlsx<T>(columns: readonly ExportColumn<T>[], rows: readonly T[], sheet: string): Promise<Buffer> {
  const { data, widths } = xlsxSheet(columns, rows)
  const name = sheet.slice(0, 31)
  const xlsx = await writeXlsxFile(data as never, { sheet: name, columns: widths, stickyRowsCount: 1 }).toBuffer()
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

