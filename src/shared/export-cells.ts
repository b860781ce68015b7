/**
 * The cells of an export, without Node: what the server's export (export.ts) and the web app's
 * tables (web/src/components/DataTable.tsx) share — one column definition, CSV text, and the
 * cells of an XLSX sheet. The formats and kinds are described in export.ts.
 */
import { formatEuroPlain, formatNumber, SUPPRESSED_COUNT } from './format-nl.ts'

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

/** The header and rows of an XLSX sheet as write-excel-file takes them (its node and browser builds alike), with each column's width. */
export function xlsxSheet<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]) {
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
  return { data: [header, ...data], widths }
}

export function toCsv<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(';'), ...rows.map((row) => columns.map((c) => csvCell(display(c, row))).join(';'))]
  return `\uFEFF${lines.join('\r\n')}\r\n`
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
