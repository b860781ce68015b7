import { describe, expect, it } from 'vitest'
import { ariaSort, compareValues, filterRows, nextSort, pageOf, rangeLabel, sortRows, tableView, totals, type TableColumn } from './table-model.ts'

interface Row {
  naam: string
  bedrag: number | null
  code: string
}
const columns: TableColumn<Row>[] = [
  { key: 'naam', header: 'Naam', value: (r) => r.naam },
  { key: 'bedrag', header: 'Bedrag', kind: 'euro', value: (r) => r.bedrag, total: true },
  { key: 'code', header: 'Code', value: (r) => r.code },
]
const rows: Row[] = [
  { naam: 'Zorg Zeist', bedrag: 1000, code: 'item 10' },
  { naam: "'s-Hertogenbosch", bedrag: null, code: 'item 2' },
  { naam: 'Ëlan jeugdhulp', bedrag: 250, code: 'item 1' },
  { naam: 'aanbieder Noord', bedrag: 4000, code: 'item 2' },
]

describe('table model', () => {
  it('sorts text in Dutch order, case and accents aside, and numbers inside text by size', () => {
    expect(sortRows(rows, columns, { key: 'naam', direction: 'asc' }).map((r) => r.naam)).toEqual(["'s-Hertogenbosch", 'aanbieder Noord', 'Ëlan jeugdhulp', 'Zorg Zeist'])
    expect(sortRows(rows, columns, { key: 'code', direction: 'asc' }).map((r) => r.code)).toEqual(['item 1', 'item 2', 'item 2', 'item 10'])
    expect(compareValues('item 9', 'item 10')).toBeLessThan(0)
  })

  it('sorts numbers by size, keeps equal rows in their order, and puts empty values last both ways', () => {
    expect(sortRows(rows, columns, { key: 'bedrag', direction: 'asc' }).map((r) => r.bedrag)).toEqual([250, 1000, 4000, null])
    expect(sortRows(rows, columns, { key: 'bedrag', direction: 'desc' }).map((r) => r.bedrag)).toEqual([4000, 1000, 250, null])
    expect(sortRows(rows, columns, { key: 'code', direction: 'desc' }).map((r) => r.naam)).toEqual(['Zorg Zeist', "'s-Hertogenbosch", 'aanbieder Noord', 'Ëlan jeugdhulp'])
  })

  it('leaves the order alone without a sort or for an unknown column', () => {
    expect(sortRows(rows, columns, null)).toEqual(rows)
    expect(sortRows(rows, columns, { key: 'nope', direction: 'asc' })).toEqual(rows)
  })

  it('cycles a header ascending, descending, and says so in aria-sort', () => {
    const first = nextSort(null, 'naam')
    expect(first).toEqual({ key: 'naam', direction: 'asc' })
    expect(nextSort(first, 'naam')).toEqual({ key: 'naam', direction: 'desc' })
    expect(nextSort({ key: 'naam', direction: 'desc' }, 'naam')).toEqual({ key: 'naam', direction: 'asc' })
    expect(nextSort(first, 'code')).toEqual({ key: 'code', direction: 'asc' })
    expect(ariaSort(first, 'naam')).toBe('ascending')
    expect(ariaSort({ key: 'naam', direction: 'desc' }, 'naam')).toBe('descending')
    expect(ariaSort(first, 'code')).toBe('none')
  })

  it('finds rows in which every word occurs in some column, ignoring case and accents', () => {
    expect(filterRows(rows, columns, 'elan').map((r) => r.naam)).toEqual(['Ëlan jeugdhulp'])
    expect(filterRows(rows, columns, 'ZEIST item').map((r) => r.naam)).toEqual(['Zorg Zeist'])
    expect(filterRows(rows, columns, 'noord 4000').map((r) => r.naam)).toEqual(['aanbieder Noord'])
    // As shown, too: cents as euros.
    expect(filterRows(rows, columns, '€ 40,00').map((r) => r.naam)).toEqual(['aanbieder Noord'])
    expect(filterRows(rows, columns, '2,50').map((r) => r.naam)).toEqual(['Ëlan jeugdhulp'])
    expect(filterRows(rows, columns, '   ')).toEqual(rows)
    expect(filterRows(rows, columns, 'geen treffer')).toEqual([])
  })

  it('pages the rows and shows the last page for a page past the end', () => {
    const many = Array.from({ length: 151 }, (_, i) => i)
    expect(pageOf(many, 0, 50).rows).toHaveLength(50)
    expect(pageOf(many, 3, 50)).toEqual({ rows: [150], page: 3, pages: 4 })
    expect(pageOf(many, 9, 50).page).toBe(3)
    expect(pageOf([], 0, 50)).toEqual({ rows: [], page: 0, pages: 1 })
  })

  it('says where the shown rows are in the whole', () => {
    expect(rangeLabel(0, 50, 151)).toBe('1–50 van 151')
    expect(rangeLabel(150, 1, 151)).toBe('151–151 van 151')
    expect(rangeLabel(0, 0, 0)).toBe('0 van 0')
    expect(rangeLabel(1000, 50, 12345)).toBe('1.001–1.050 van 12.345')
  })

  it('adds up the columns that add up, over the filtered rows, skipping empty cells', () => {
    expect(totals(rows, columns)).toEqual({ bedrag: 5250 })
    const view = tableView(rows, columns, { query: 'o', sort: { key: 'bedrag', direction: 'desc' }, page: 1, pageSize: 2 })
    expect(view.filtered.map((r) => r.bedrag)).toEqual([4000, 1000, null])
    expect(view.rows.map((r) => r.bedrag)).toEqual([null])
    expect(view.label).toBe('3–3 van 3')
    expect(view.totals).toEqual({ bedrag: 5000 })
  })

  it('has a totals row only for amounts and numbers: a count, percentage or text column is refused by its type and not summed', () => {
    // @ts-expect-error a count column holds suppressed counts ("< 5"): their sum would give them away
    const count: TableColumn<Row> = { key: 'n', header: 'Cliënten', kind: 'count', value: () => 3, total: true }
    // @ts-expect-error percentages do not add up
    const pct: TableColumn<Row> = { key: 'p', header: 'Aandeel', kind: 'percent', value: () => 40, total: true }
    // @ts-expect-error a column without a kind is text
    const text: TableColumn<Row> = { key: 't', header: 'Code', value: (r) => r.code, total: true }
    const number: TableColumn<Row> = { key: 'g', header: 'Getal', kind: 'number', value: () => 2, total: true }
    expect(totals(rows, [count, pct, text, number])).toEqual({ g: 8 })
  })
})
