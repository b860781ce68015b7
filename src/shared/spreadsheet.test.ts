import { describe, expect, it } from 'vitest'
import { type ExportColumn, toCsv, toXlsx } from './export.ts'
import { csvRows, xlsxRows } from './spreadsheet.ts'

describe('reading a spreadsheet', () => {
  it('reads an exported file back as it was, formula-like text included', async () => {
    const columns: ExportColumn<{ reden: string; cents: number }>[] = [
      { header: 'reden', value: (r) => r.reden },
      { header: 'bedrag', kind: 'euro', value: (r) => r.cents },
    ]
    const rows = [{ reden: '-korting na herberekening', cents: -1250 }, { reden: '=1+1', cents: 100 }, { reden: "'citaat'", cents: 0 }]
    expect(csvRows(toCsv(columns, rows))).toEqual([['reden', 'bedrag'], ['-korting na herberekening', '-12,50'], ['=1+1', '1,00'], ["'citaat'", '0,00']])
    expect(await xlsxRows(await toXlsx(columns, rows, 'Budgetten'))).toEqual([['reden', 'bedrag'], ['-korting na herberekening', -12.5], ['=1+1', 1], ["'citaat'", 0]])
  })
})
