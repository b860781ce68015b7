/**
 * Gemeente budgets imported from a spreadsheet (issue 6 §1: "entry, and import from
 * CSV/XLSX"): one row per gemeente, segment and year — all rows or none, and a bad row named
 * by its number. Columns, by header (case and order free): `gemeente` (CBS code or name),
 * `segment` (code or name), `jaar`, `bedrag` (euros: `1.234.567,89` or a spreadsheet
 * number) and optionally `reden`. Every row is a change with its history (setYearBudget).
 */
import { readSheet } from 'read-excel-file/node'
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import { AppError } from '../shared/errors.ts'
import { parseCsvLine } from '../shared/export.ts'
import { euroToCents } from '../shared/money.ts'
import { setYearBudget } from './budget.queries.ts'

export type Cell = string | number | boolean | Date | null

/** The rows of a CSV text (`;` or `,` separated, as parseCsvLine reads them). */
export function csvRows(text: string): Cell[][] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim().length > 0).map(parseCsvLine)
}

/** The rows of the first sheet of an XLSX file. */
export async function xlsxRows(bytes: Uint8Array): Promise<Cell[][]> {
  try {
    return (await readSheet(Buffer.from(bytes))) as Cell[][]
  } catch (error) {
    throw new AppError('invalid_input', `the file is not a readable XLSX workbook (${(error as Error).message})`)
  }
}

const wanted = ['gemeente', 'segment', 'jaar', 'bedrag'] as const

export async function importGemeenteBudgets(trx: ScopedDb, actor: Actor, rows: Cell[][], source: string): Promise<{ rows: number; changed: number }> {
  if (rows.length < 2) throw new AppError('invalid_input', 'the file holds no budgets: a header row and at least one row are expected')
  const header = rows[0]!.map((h) => String(h ?? '').trim().toLowerCase())
  const index = Object.fromEntries([...wanted, 'reden'].map((w) => [w, header.indexOf(w)])) as Record<(typeof wanted)[number] | 'reden', number>
  const missing = wanted.filter((w) => index[w] < 0)
  if (missing.length > 0) throw new AppError('invalid_input', `the header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected: gemeente; segment; jaar; bedrag; reden)`)
  const gemeenten = await trx.selectFrom('gemeente').select(['id', 'cbs_code', 'name']).where('region_id', '=', actor.regionId).execute()
  const segments = await trx.selectFrom('segment').select(['id', 'code', 'name']).where('region_id', '=', actor.regionId).execute()
  let changed = 0
  for (const [i, cells] of rows.slice(1).entries()) {
    const row = i + 2
    if (cells.every((c) => c === null || String(c).trim() === '')) continue
    const text = (w: keyof typeof index) => (index[w] >= 0 ? String(cells[index[w]] ?? '').trim() : '')
    const fail = (path: string, message: string): never => {
      throw new AppError('invalid_input', `row ${row}: ${message}`, [{ path: `row ${row}/${path}`, message }])
    }
    const g = text('gemeente')
    const gemeente = gemeenten.find((x) => x.cbs_code === g.padStart(4, '0') || x.name.toLowerCase() === g.toLowerCase()) ?? fail('gemeente', `no gemeente '${g}' in this region`)
    const s = text('segment')
    const segment = segments.find((x) => x.code === s || x.name.toLowerCase() === s.toLowerCase()) ?? fail('segment', `no segment '${s}' in this region`)
    const jaar = Number(text('jaar'))
    if (!Number.isInteger(jaar) || jaar < 2000 || jaar > 2100) fail('jaar', `'${text('jaar')}' is not a year`)
    const raw = cells[index.bedrag]
    const cents = typeof raw === 'number' ? (Number.isFinite(raw) && Math.abs(raw * 100 - Math.round(raw * 100)) < 1e-6 ? Math.round(raw * 100) : null) : euroToCents(String(raw ?? ''))
    if (cents === null || cents < 0) fail('bedrag', `'${String(raw ?? '')}' is not an amount in euros of at least 0 (e.g. 1.234.567,89)`)
    try {
      const r = await setYearBudget(trx, actor, { soort: 'gemeente', gemeenteId: gemeente.id, providerId: null, segmentId: segment.id, jaar, amountCents: cents!, reden: text('reden') || `Import ${source}` })
      if (r.oudCents !== cents) changed++
    } catch (error) {
      if (error instanceof AppError) fail('row', error.message)
      throw error
    }
  }
  return { rows: rows.length - 1, changed }
}
