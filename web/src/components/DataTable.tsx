/**
 * The web app's one table (issue 18 §2, ADR 0025): sortable headers (buttons with aria-sort),
 * a caption, a free-text search, paging with the total ("1–50 van 151"), an optional totals row,
 * an optional selection, and a CSV/XLSX download of exactly the rows that pass the search. The
 * table scrolls inside its own focusable box, so a narrow screen (320 px) keeps the page still.
 *
 * Rows held in the browser are searched, sorted and paged here (table-model.ts). Rows that live
 * on the server (a search of the messages) come a page at a time: then `server` carries the total,
 * the offset and the sort, and the page asks the server again when they change.
 */
import { Button, TableBody, TableCaption, TableCell, TableFooter, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react'
import { type ReactNode, useId, useMemo, useState } from 'react'
import { toCsv, xlsxSheet } from '../../../src/shared/export-cells.ts'
import { type SortState, type TableColumn, ariaSort, cellText, nextSort, rangeLabel, tableView } from './table-model.ts'
import { Table } from './Table.tsx'
import './DataTable.css'

export type DataColumn<T> = TableColumn<T> & {
  /** How the cell shows (default: the value as text, amounts in euros). */
  render?: (row: T) => ReactNode
}

/** A table whose rows come a page at a time from the server. */
export interface ServerPaging {
  total: number
  offset: number
  limit: number
  sort: SortState | null
  onSort: (sort: SortState) => void
  onOffset: (offset: number) => void
  /** The address of the whole search as a file, when the server exports it. */
  downloadHref?: (format: 'csv' | 'xlsx') => string
}

export interface DataTableProps<T> {
  caption: string
  columns: readonly DataColumn<T>[]
  rows: readonly T[] | null
  rowKey: (row: T) => string | number
  /** Rows per page (default 50). */
  pageSize?: number
  /** The file name of a download of the shown search (client-side rows); without it, no download. */
  exportName?: string
  initialSort?: SortState | null
  server?: ServerPaging
  /** Selection checkboxes, for rows where `selectable` says so (default every row). */
  selection?: { selected: ReadonlySet<string | number>; onChange: (selected: Set<string | number>) => void; selectable?: (row: T) => boolean; label: (row: T) => string }
  empty?: string
  /** Filters of the page itself, shown beside the search. */
  tools?: ReactNode
}

const isNumeric = <T,>(c: TableColumn<T>) => c.kind === 'euro' || c.kind === 'number' || c.kind === 'count' || c.kind === 'percent'

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function DataTable<T>({ caption, columns, rows, rowKey, pageSize = 50, exportName, initialSort = null, server, selection, empty = 'Geen gegevens.', tools }: DataTableProps<T>) {
  const [query, setQuery] = useState('')
  const [sort, setSort] = useState<SortState | null>(initialSort)
  const [page, setPage] = useState(0)
  const searchId = useId()
  const view = useMemo(() => tableView(rows ?? [], columns, { query: server ? '' : query, sort: server ? null : sort, page, pageSize }), [rows, columns, query, sort, page, pageSize, server])

  const shown = server ? [...(rows ?? [])] : view.rows
  const currentSort = server ? server.sort : sort
  const label = server ? rangeLabel(server.offset, shown.length, server.total) : view.label
  const canBack = server ? server.offset > 0 : view.page > 0
  const canForward = server ? server.offset + shown.length < server.total : view.page < view.pages - 1
  const hasTotals = columns.some((c) => c.total)
  const selectable = (row: T) => selection !== undefined && (selection.selectable?.(row) ?? true)
  const pageSelectable = shown.filter(selectable)
  const allSelected = pageSelectable.length > 0 && pageSelectable.every((r) => selection!.selected.has(rowKey(r)))

  const sortBy = (key: string) => {
    const next = nextSort(currentSort, key)
    if (server) server.onSort(next)
    else {
      setSort(next)
      setPage(0)
    }
  }
  const go = (step: -1 | 1) => {
    if (server) server.onOffset(Math.max(0, server.offset + step * server.limit))
    else setPage(view.page + step)
  }
  const download = async (format: 'csv' | 'xlsx') => {
    if (!exportName) return
    if (format === 'csv') return save(new Blob([toCsv(columns, view.filtered)], { type: 'text/csv;charset=utf-8' }), `${exportName}.csv`)
    const { default: writeXlsxFile } = await import('write-excel-file/browser')
    const { data, widths } = xlsxSheet(columns, view.filtered)
    save(await writeXlsxFile(data as never, { sheet: exportName.slice(0, 31), columns: widths, stickyRowsCount: 1 }).toBlob(), `${exportName}.xlsx`)
  }
  const toggleAll = () => {
    const next = new Set(selection!.selected)
    for (const r of pageSelectable) {
      if (allSelected) next.delete(rowKey(r))
      else next.add(rowKey(r))
    }
    selection!.onChange(next)
  }
  const toggle = (row: T) => {
    const next = new Set(selection!.selected)
    const key = rowKey(row)
    if (next.has(key)) next.delete(key)
    else next.add(key)
    selection!.onChange(next)
  }

  return (
    <div className="koers-datatable">
      <div className="koers-datatable__tools">
        {!server && (
          <div>
            <label htmlFor={searchId}>Zoeken</label>
            <input
              id={searchId}
              type="search"
              className="utrecht-textbox utrecht-textbox--html-input"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value)
                setPage(0)
              }}
            />
          </div>
        )}
        {tools}
        {(exportName || server?.downloadHref) && (
          <p className="koers-datatable__download">
            Downloaden als{' '}
            {server?.downloadHref ? (
              <>
                <a href={server.downloadHref('csv')} download>
                  CSV
                </a>{' '}
                of{' '}
                <a href={server.downloadHref('xlsx')} download>
                  XLSX
                </a>
              </>
            ) : (
              <>
                <Button appearance="subtle-button" onClick={() => void download('csv')}>
                  CSV
                </Button>{' '}
                of{' '}
                <Button appearance="subtle-button" onClick={() => void download('xlsx')}>
                  XLSX
                </Button>
              </>
            )}
          </p>
        )}
      </div>
      <Table label={caption}>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            {selection && (
              <TableHeaderCell>
                <input type="checkbox" aria-label="Alle rijen op deze pagina selecteren" checked={allSelected} disabled={pageSelectable.length === 0} onChange={toggleAll} />
              </TableHeaderCell>
            )}
            {columns.map((c) => (
              <TableHeaderCell key={c.key} scope="col" aria-sort={c.sortable === false ? undefined : ariaSort(currentSort, c.key)} className={isNumeric(c) ? 'koers-datatable__num' : undefined}>
                {c.sortable === false ? (
                  c.header
                ) : (
                  <button type="button" className="koers-datatable__sort" onClick={() => sortBy(c.key)}>
                    {c.header}
                    <span aria-hidden="true">{currentSort?.key === c.key ? (currentSort.direction === 'asc' ? '▲' : '▼') : '↕'}</span>
                  </button>
                )}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows === null && (
            <TableRow>
              <TableCell colSpan={columns.length + (selection ? 1 : 0)}>Laden…</TableCell>
            </TableRow>
          )}
          {rows !== null && shown.length === 0 && (
            <TableRow>
              <TableCell colSpan={columns.length + (selection ? 1 : 0)}>{query ? 'Geen rijen gevonden met deze zoekterm.' : empty}</TableCell>
            </TableRow>
          )}
          {shown.map((row) => (
            <TableRow key={rowKey(row)}>
              {selection && (
                <TableCell>
                  {selectable(row) && <input type="checkbox" aria-label={`Selecteren: ${selection.label(row)}`} checked={selection.selected.has(rowKey(row))} onChange={() => toggle(row)} />}
                </TableCell>
              )}
              {columns.map((c) => (
                <TableCell key={c.key} className={isNumeric(c) ? 'koers-datatable__num' : undefined}>
                  {c.render ? c.render(row) : cellText(c, c.value(row))}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
        {hasTotals && !server && view.filtered.length > 0 && (
          <TableFooter className="koers-datatable__totals">
            <TableRow>
              {selection && <TableCell />}
              {columns.map((c, i) => (
                <TableCell key={c.key} className={isNumeric(c) ? 'koers-datatable__num' : undefined}>
                  {c.total ? cellText(c, view.totals[c.key]) : i === 0 ? 'Totaal' : ''}
                </TableCell>
              ))}
            </TableRow>
          </TableFooter>
        )}
      </Table>
      <div className="koers-datatable__pager">
        <span role="status">{label}</span>
        {(canBack || canForward) && (
          <>
            <Button appearance="secondary-action-button" disabled={!canBack} onClick={() => go(-1)}>
              Vorige
            </Button>
            <Button appearance="secondary-action-button" disabled={!canForward} onClick={() => go(1)}>
              Volgende
            </Button>
          </>
        )}
      </div>
    </div>
  )
}
