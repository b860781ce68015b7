/**
 * What a table does with its rows, without React (issue 18 §2, ADR 0025): sort on any column in
 * Dutch order (numbers as numbers, "item 2" before "item 10"), a free-text search over every
 * column, a page with its place in the whole ("1–50 van 151"), and a totals row for the columns
 * that add up. DataTable.tsx shows it; a table whose rows live on the server (the messages) pages
 * and sorts there and uses only the labels from here.
 */
import type { ExportColumn } from '../../../src/shared/export-cells.ts'
import { SUPPRESSED } from '../../../src/shared/export-cells.ts'
import { formatDate, formatEuroCents, formatNumber, formatPercent } from '../../../src/shared/format-nl.ts'

interface ColumnBase<T> extends ExportColumn<T> {
  /** Stable key (for sort state and React). */
  key: string
  /** Whether a header can sort by it (default true). */
  sortable?: boolean
}

/** Amounts and plain numbers add up: such a column may have a totals row. */
interface SummedColumn<T> extends ColumnBase<T> {
  kind: 'euro' | 'number'
  /** Whether the totals row sums this column. */
  total?: boolean
}

/**
 * Text, percentages and counts never get a totals row: a percentage does not add up, and a count
 * column holds suppressed counts ("< 5", ADR 0023) whose sum would give them away or be wrong.
 */
interface UnsummedColumn<T> extends ColumnBase<T> {
  kind?: 'text' | 'percent' | 'count'
  total?: never
}

/** A column: its header, the value it sorts, searches and exports by, and (for amounts and numbers) whether it adds up in a totals row. */
export type TableColumn<T> = SummedColumn<T> | UnsummedColumn<T>

export type SortDirection = 'asc' | 'desc'
export interface SortState {
  key: string
  direction: SortDirection
}

const collator = new Intl.Collator('nl', { numeric: true, sensitivity: 'base' })

/** Dutch order of two cell values: empty last, numbers by size, text with `localeCompare(…, 'nl')` and numeric awareness. */
export function compareValues(a: string | number | null | undefined, b: string | number | null | undefined): number {
  const emptyA = a === null || a === undefined || a === ''
  const emptyB = b === null || b === undefined || b === ''
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return collator.compare(String(a), String(b))
}

/** The rows sorted by one column (a stable sort: equal rows keep their order); empty values last in both directions. */
export function sortRows<T>(rows: readonly T[], columns: readonly TableColumn<T>[], sort: SortState | null): T[] {
  const column = sort ? columns.find((c) => c.key === sort.key) : undefined
  if (!sort || !column) return [...rows]
  const sign = sort.direction === 'asc' ? 1 : -1
  return rows
    .map((row, i) => ({ row, i, v: column.value(row) }))
    .sort((x, y) => {
      const emptyX = x.v === null || x.v === undefined || x.v === ''
      const emptyY = y.v === null || y.v === undefined || y.v === ''
      if (emptyX !== emptyY) return emptyX ? 1 : -1
      return sign * compareValues(x.v, y.v) || x.i - y.i
    })
    .map((x) => x.row)
}

/** What a header's next click does: ascending first, then descending, then ascending again. */
export function nextSort(current: SortState | null, key: string): SortState {
  return current?.key === key && current.direction === 'asc' ? { key, direction: 'desc' } : { key, direction: 'asc' }
}

/** The `aria-sort` value of a column's header. */
export function ariaSort(current: SortState | null, key: string): 'ascending' | 'descending' | 'none' {
  if (current?.key !== key) return 'none'
  return current.direction === 'asc' ? 'ascending' : 'descending'
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('nl')

/** A cell's value as the table shows it by default: euros, percentages and numbers in Dutch, a suppressed count as "< 5", nothing as "–". */
export function cellText<T>(column: TableColumn<T>, v: string | number | null | undefined): string {
  if ((v === null || v === undefined) && column.kind === 'count') return SUPPRESSED
  if (v === null || v === undefined || v === '') return '–'
  if (column.kind === 'euro' && typeof v === 'number') return formatEuroCents(v)
  if (column.kind === 'percent' && typeof v === 'number') return formatPercent(v)
  if (typeof v === 'number') return formatNumber(v, 2, true)
  return v
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/

/** What a search looks in: the value as stored and as shown (`€ 1.234,56` for cents, `4-12-2026` for a date). */
const searchText = <T,>(c: TableColumn<T>, row: T): string => {
  const v = c.value(row)
  const shown = typeof v === 'string' && ISO_DATE.test(v) ? formatDate(v.slice(0, 10)) : cellText(c, v)
  return `${v ?? ''} ${shown}`
}

/** The rows in which every word of `query` occurs in some column, as stored or as shown (case and accents ignored: "cliënt" finds "client"). */
export function filterRows<T>(rows: readonly T[], columns: readonly TableColumn<T>[], query: string): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...rows]
  return rows.filter((row) => {
    const text = fold(columns.map((c) => searchText(c, row)).join(' '))
    return words.every((w) => text.includes(w))
  })
}

/** The rows of page `page` (0-based) of `size`; a page past the end shows the last page. */
export function pageOf<T>(rows: readonly T[], page: number, size: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size))
  const p = Math.min(Math.max(0, page), pages - 1)
  return { rows: rows.slice(p * size, p * size + size), page: p, pages }
}

/** "1–50 van 151": where the shown rows are in the whole; "0 van 0" when there are none. */
export function rangeLabel(offset: number, shown: number, total: number): string {
  if (shown === 0) return `0 van ${formatNumber(total)}`
  return `${formatNumber(offset + 1)}–${formatNumber(offset + shown)} van ${formatNumber(total)}`
}

/** The sum of every column marked `total` over `rows` (numbers only); columns without a total are absent. */
export function totals<T>(rows: readonly T[], columns: readonly TableColumn<T>[]): Record<string, number> {
  const sums: Record<string, number> = {}
  for (const c of columns) {
    // The types refuse `total` elsewhere; a column cast past them still gets no sum.
    if (!c.total || (c.kind !== 'euro' && c.kind !== 'number')) continue
    let sum = 0
    for (const row of rows) {
      const v = c.value(row)
      if (typeof v === 'number') sum += v
    }
    sums[c.key] = sum
  }
  return sums
}

/** Everything a table shows at once: the rows that pass the search, sorted, and the page of them. */
export function tableView<T>(rows: readonly T[], columns: readonly TableColumn<T>[], state: { query: string; sort: SortState | null; page: number; pageSize: number }) {
  const filtered = sortRows(filterRows(rows, columns, state.query), columns, state.sort)
  const paged = pageOf(filtered, state.page, state.pageSize)
  return { filtered, ...paged, offset: paged.page * state.pageSize, label: rangeLabel(paged.page * state.pageSize, paged.rows.length, filtered.length), totals: totals(filtered, columns) }
}
