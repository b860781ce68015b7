/**
 * Every list exports to CSV and XLSX (issue 5): one column definition, two formats — and CSV
 * in that form reads back (`parseCsvLine`) for imports. CSV is
 * what Dutch spreadsheet programs open directly — UTF-8 with a byte-order mark, semicolons,
 * decimal commas; XLSX (write-excel-file) keeps numbers as numbers and amounts in euros with
 * two decimals. Amounts are cents in Koers and become euros only here.
 *
 * Text is never a formula: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is what Excel and LibreOffice run as one (OWASP, "CSV Injection"), so such text — a
 * budget's reason, a payment's description, anything a person typed — gets a leading `'`, in
 * both formats. Numbers stay numbers, negative ones too; reading a file back drops the `'`.
 */
import writeXlsxFile from 'write-excel-file/node'

export type ExportKind = 'text' | 'number' | 'euro'

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
  if (v === null || v === undefined) return ''
  if (column.kind === 'euro') return (Number(v) / 100).toFixed(2).replace('.', ',')
  if (typeof v === 'number') return String(v)
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
      if (v === null || v === undefined) return null
      if (c.kind === 'euro') return { value: Number(v) / 100, type: Number, format: '#,##0.00' }
      if (c.kind === 'number') return { value: Number(v), type: Number }
      return { value: neutraliseFormula(String(v)), type: String }
    }),
  )
  return writeXlsxFile([header, ...data] as never, { sheet: sheet.slice(0, 31) }).toBuffer()
}

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
