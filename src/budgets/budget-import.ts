/**
 * Gemeente budgets imported from a spreadsheet (issue 6 §1: "entry, and import from
 * CSV/XLSX"): one row per gemeente, segment and year — all rows or none, and a bad row named
 * by its number. Columns, by header (case and order free): `gemeente` (CBS code or name),
 * `segment` (code or name), `jaar`, `bedrag` (euros: `1.234.567,89` or a spreadsheet
 * number) and optionally `reden`. Every row is a change with its history (setYearBudget).
 */
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import { AppError } from '../shared/errors.ts'
import { gemeenteNamed, listGemeenten } from '../regions/region.queries.ts'
import { euroToCents } from '../shared/money.ts'
import { rowMelding } from '../shared/meldingen.ts'
import { type Cell, sheetRows } from '../shared/spreadsheet.ts'
import { setYearBudget } from './budget.queries.ts'

const wanted = ['gemeente', 'segment', 'jaar', 'bedrag'] as const

export async function importGemeenteBudgets(trx: ScopedDb, actor: Actor, rows: Cell[][], source: string): Promise<{ rows: number; changed: number }> {
  const lines = sheetRows(rows, wanted, ['reden'], 'budgets')
  const gemeenten = await listGemeenten(trx)
  const segments = await trx.selectFrom('segment').select(['id', 'code', 'name']).where('region_id', '=', actor.regionId).execute()
  let changed = 0
  for (const { text, cell, fail } of lines) {
    const g = text('gemeente')
    const gemeente = gemeenteNamed(gemeenten, g) ?? fail('gemeente', `no gemeente '${g}' in this region`)
    const s = text('segment')
    const segment = segments.find((x) => x.code === s || x.name.toLowerCase() === s.toLowerCase()) ?? fail('segment', `no segment '${s}' in this region`)
    const jaar = Number(text('jaar'))
    if (!Number.isInteger(jaar) || jaar < 2000 || jaar > 2100) fail('jaar', `'${text('jaar')}' is not a year`)
    const raw = cell('bedrag')
    const cents = typeof raw === 'number' ? (Number.isFinite(raw) && Math.abs(raw * 100 - Math.round(raw * 100)) < 1e-6 ? Math.round(raw * 100) : null) : euroToCents(String(raw ?? ''))
    if (cents === null || cents < 0) fail('bedrag', `'${String(raw ?? '')}' is not an amount in euros of at least 0 (e.g. 1.234.567,89)`)
    try {
      const r = await setYearBudget(trx, actor, { soort: 'gemeente', gemeenteId: gemeente.id, providerId: null, segmentId: segment.id, jaar, amountCents: cents!, reden: text('reden') || `Import ${source}` })
      if (r.oudCents !== cents) changed++
    } catch (error) {
      if (error instanceof AppError) fail('row', error.message, rowMelding(error))
      throw error
    }
  }
  return { rows: lines.length, changed }
}
