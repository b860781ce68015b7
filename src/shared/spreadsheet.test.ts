import { describe, expect, it } from 'vitest'
import { type ExportColumn, toCsv, toXlsx } from './export.ts'
import { csvRows, xlsxRows } from './spreadsheet.ts'
import { unzipWithin, zipArchive } from './zip.ts'

const columns: ExportColumn<{ reden: string; cents: number }>[] = [
  { header: 'reden', value: (r) => r.reden },
  { header: 'bedrag', kind: 'euro', value: (r) => r.cents },
]
const everything = { entries: 100_000, bytes: 2 ** 31 }

/** A real workbook whose sheet XML carries `padding` bytes of spaces: small when zipped, large when unpacked. */
async function paddedWorkbook(padding: number): Promise<Buffer> {
  const parts = unzipWithin(await toXlsx(columns, [{ reden: 'a', cents: 1 }], 'Blad'), everything)
  const sheet = parts.get('xl/worksheets/sheet1.xml')!.toString()
  const at = sheet.indexOf('<sheetData>')
  parts.set('xl/worksheets/sheet1.xml', Buffer.concat([Buffer.from(sheet.slice(0, at)), Buffer.alloc(padding, 0x20), Buffer.from(sheet.slice(at))]))
  return zipArchive(parts, 8)
}

const reasonOf = (promise: Promise<unknown>) => promise.then(() => 'read', (error: { reason?: string; message: string }) => ({ reason: error.reason, message: error.message }))

describe('reading a spreadsheet', () => {
  it('reads an exported file back as it was, formula-like text included', async () => {
    const rows = [{ reden: '-korting na herberekening', cents: -1250 }, { reden: '=1+1', cents: 100 }, { reden: "'citaat'", cents: 0 }]
    expect(csvRows(toCsv(columns, rows))).toEqual([['reden', 'bedrag'], ['-korting na herberekening', '-12,50'], ['=1+1', '1,00'], ["'citaat'", '0,00']])
    expect(await xlsxRows(await toXlsx(columns, rows, 'Budgetten'))).toEqual([['reden', 'bedrag'], ['-korting na herberekening', -12.5], ['=1+1', 1], ["'citaat'", 0]])
  })

  it('refuses an XLSX that unpacks beyond the limit, in Dutch, without unpacking it all', async () => {
    const bomb = await paddedWorkbook(64 << 20)
    expect(bomb.length).toBeLessThan(200_000)
    expect(await reasonOf(xlsxRows(bomb))).toEqual({ reason: 'import.too_large', message: expect.stringContaining('uitgepakt groter dan 32 MB') })
    // Whatever the zip says of its own sizes: here the sheet claims 100 bytes.
    const lying = Buffer.from(bomb)
    const central = lying.indexOf(Buffer.from('xl/worksheets/sheet1.xml'), lying.length - 4_000) - 46
    lying.writeUInt32LE(100, central + 24)
    expect(await reasonOf(xlsxRows(lying))).toMatchObject({ reason: 'import.too_large' })
  })

  it('refuses an XLSX of too many parts', async () => {
    const parts = unzipWithin(await toXlsx(columns, [{ reden: 'a', cents: 1 }], 'Blad'), everything)
    for (let i = 0; i < 1_000; i++) parts.set(`xl/extra/${i}.xml`, Buffer.from('<a/>'))
    expect(await reasonOf(xlsxRows(zipArchive(parts, 8)))).toEqual({ reason: 'import.too_large', message: expect.stringContaining('meer dan 1000') })
  })

  it('still reads a workbook within the limits', async () => {
    expect(await xlsxRows(await paddedWorkbook(1 << 20))).toEqual([['reden', 'bedrag'], ['a', 0.01]])
  })
})
