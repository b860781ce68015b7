import { inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { readSheet } from 'read-excel-file/node'
import { type ExportColumn, SUPPRESSED, parseCsvLine, toCsv, toXlsx } from './export.ts'

interface Row {
  naam: string
  cents: number
  n: number | null
}
const columns: ExportColumn<Row>[] = [
  { header: 'Aanbieder', value: (r) => r.naam },
  { header: 'Bedrag (€)', kind: 'euro', value: (r) => r.cents },
  { header: 'Regels', kind: 'number', value: (r) => r.n },
]
const rows: Row[] = [
  { naam: 'De Brug; Zorg "plus"', cents: 123456, n: 3 },
  { naam: 'Kompas', cents: -5, n: null },
]

/** The text of one file inside a zip, found through the central directory. */
function unzipEntry(zip: Buffer, name: string): string {
  for (let i = 0; i < zip.length - 46; i++) {
    if (zip.readUInt32LE(i) !== 0x02014b50) continue
    const method = zip.readUInt16LE(i + 10)
    const size = zip.readUInt32LE(i + 20)
    const nameLength = zip.readUInt16LE(i + 28)
    const entry = zip.subarray(i + 46, i + 46 + nameLength).toString()
    if (entry !== name) continue
    const local = zip.readUInt32LE(i + 42)
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    const data = zip.subarray(start, start + size)
    return (method === 8 ? inflateRawSync(data) : data).toString()
  }
  throw new Error(`${name} not found`)
}

describe('exports', () => {
  it('writes CSV as Dutch spreadsheets read it: BOM, semicolons, decimal commas, quoted where needed', () => {
    expect(toCsv(columns, rows)).toBe('\uFEFFAanbieder;Bedrag (€);Regels\r\n"De Brug; Zorg ""plus""";1234,56;3\r\nKompas;-0,05;\r\n')
  })

  it('reads back the cells it writes', () => {
    const [, first] = toCsv(columns, rows).replace(/^\uFEFF/, '').split('\r\n')
    expect(parseCsvLine(first!)).toEqual(['De Brug; Zorg "plus"', '1234,56', '3'])
  })

  it('neutralises text that a spreadsheet would run as a formula, in CSV and XLSX, but keeps negative numbers numbers', async () => {
    const text: ExportColumn<{ reden: string; cents: number; n: number }>[] = [
      { header: 'Reden', value: (r) => r.reden },
      { header: 'Bedrag (€)', kind: 'euro', value: (r) => r.cents },
      { header: 'Aantal', kind: 'number', value: (r) => r.n },
    ]
    const hostile = ['=HYPERLINK("https://evil.example","klik")', '+31 6 1234', '-korting', '@SUM(A1:A9)', '\tverborgen', '\r=1+1']
    const data = hostile.map((reden) => ({ reden, cents: -1250, n: -3 }))
    const lines = toCsv(text, data).replace(/^\uFEFF/, '').split('\r\n').slice(1, -1)
    expect(lines.map((l) => parseCsvLine(l)[0])).toEqual(hostile)
    expect(lines.map((l) => l.split(';').slice(-2).join(';'))).toEqual(hostile.map(() => '-12,50;-3'))
    expect(lines[0]).toBe(`"'=HYPERLINK(""https://evil.example"",""klik"")";-12,50;-3`)
    expect(lines[2]).toBe("'-korting;-12,50;-3")
    const xlsx = await toXlsx(text, data, 'Redenen')
    const strings = [...unzipEntry(xlsx, 'xl/sharedStrings.xml').matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'))
    expect(strings).toEqual(['Reden', 'Bedrag (€)', 'Aantal', ...hostile.map((h) => `'${h}`)])
    const sheet = unzipEntry(xlsx, 'xl/worksheets/sheet1.xml')
    expect(sheet).toContain('<v>-12.5</v>')
    expect(sheet).toContain('<v>-3</v>')
    expect(sheet).not.toContain('<f>')
  })

  it('writes XLSX with amounts as numbers in euros', async () => {
    const xlsx = await toXlsx(columns, rows, 'Declaraties')
    expect(xlsx.subarray(0, 2).toString()).toBe('PK')
    const sheet = unzipEntry(xlsx, 'xl/worksheets/sheet1.xml')
    expect(sheet).toContain('<v>1234.56</v>')
    expect(sheet).toContain('<v>-0.05</v>')
  })

  interface Figure {
    segment: string
    pct: number | null
    clients: number | null
    days: number | string
  }
  const figureColumns: ExportColumn<Figure>[] = [
    { header: 'Segment', value: (r) => r.segment },
    { header: 'Uitputting (%)', kind: 'percent', value: (r) => r.pct },
    { header: 'Cliënten', kind: 'count', value: (r) => r.clients },
    { header: 'Gemiddelde duur (dagen)', kind: 'number', value: (r) => r.days },
  ]
  const figures: Figure[] = [
    { segment: 'Jeugd met verblijf', pct: 64.44, clients: null, days: 212.5 },
    { segment: 'Wmo begeleiding', pct: null, clients: 0, days: SUPPRESSED },
  ]

  it('writes percentages and decimals with a comma like the euros, a suppressed count as "< 5", not as an empty cell, and another suppressed figure in words', () => {
    expect(toCsv(figureColumns, figures)).toBe('\uFEFFSegment;Uitputting (%);Cliënten;Gemiddelde duur (dagen)\r\nJeugd met verblijf;64,4;< 5;212,5\r\nWmo begeleiding;;0;onderdrukt (< 5 cliënten)\r\n')
  })

  it('gives XLSX a frozen header, an autofilter over the rows, widths from the contents and "< 5" for a suppressed count', async () => {
    const xlsx = await toXlsx(figureColumns, figures, 'Budgetten')
    const sheet = unzipEntry(xlsx, 'xl/worksheets/sheet1.xml')
    expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/)
    expect(sheet).toContain('<autoFilter ref="A1:D3"/>')
    expect(sheet.indexOf('<autoFilter')).toBe(sheet.indexOf('</sheetData>') + '</sheetData>'.length)
    const widths = [...sheet.matchAll(/<col [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]))
    expect(widths).toHaveLength(4)
    expect(widths[0]).toBeGreaterThanOrEqual('Jeugd met verblijf'.length)
    expect(widths[3]).toBeGreaterThanOrEqual('Gemiddelde duur (dagen)'.length)
    expect(unzipEntry(xlsx, 'xl/workbook.xml')).toContain('<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\'Budgetten\'!$A$1:$D$3</definedName>')
    // The file still reads as a spreadsheet, with numbers as numbers.
    expect(await readSheet(xlsx)).toEqual([
      ['Segment', 'Uitputting (%)', 'Cliënten', 'Gemiddelde duur (dagen)'],
      ['Jeugd met verblijf', 64.44, SUPPRESSED, 212.5],
      ['Wmo begeleiding', null, 0, 'onderdrukt (< 5 cliënten)'],
    ])
  })
})
