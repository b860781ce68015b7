/**
 * The voorliggend veld's budget lines and realisation imported from a spreadsheet (issue 22
 * §1): one row per gemeente, year, wet, kind and organisation — all rows or none, a bad row
 * named by its number. Columns, by header (case and order free): `gemeente` (CBS code or name),
 * `jaar`, `wet` (jeugdwet or wmo), `soort` (collectieve_voorziening, groepsaanbod, subsidie,
 * taakgericht, or its Dutch name), `organisatie`, `budget` (euros: `1.234.567,89` or a
 * spreadsheet number) and optionally `realisatie` (euros) and `omschrijving`.
 */
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import { AppError } from '../shared/errors.ts'
import { gemeenteNamed, listGemeenten } from '../regions/region.queries.ts'
import { euroToCents } from '../shared/money.ts'
import { rowMelding } from '../shared/meldingen.ts'
import { type Cell, sheetRows } from '../shared/spreadsheet.ts'
import { setVoorliggendLine } from './voorliggend.queries.ts'
import { type VoorliggendSoort, voorliggendSoortNaam, voorliggendSoorten } from './voorliggend.rules.ts'

const wanted = ['gemeente', 'jaar', 'wet', 'soort', 'organisatie', 'budget'] as const
const optional = ['realisatie', 'omschrijving'] as const

/** Euros in a cell as cents: a spreadsheet number or Dutch text; null when it is neither. */
function cellCents(raw: Cell): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) && Math.abs(raw * 100 - Math.round(raw * 100)) < 1e-6 ? Math.round(raw * 100) : null
  return euroToCents(String(raw ?? ''))
}

const soortNamed = (text: string): VoorliggendSoort | undefined => {
  const t = text.trim().toLowerCase()
  return voorliggendSoorten.find((s) => s === t || voorliggendSoortNaam[s].toLowerCase() === t || voorliggendSoortNaam[s].toLowerCase().startsWith(`${t} `))
}

export async function importVoorliggendLines(trx: ScopedDb, actor: Actor, rows: Cell[][]): Promise<{ rows: number; nieuw: number }> {
  const lines = sheetRows(rows, wanted, optional, 'voorliggend budget lines')
  const gemeenten = await listGemeenten(trx)
  let nieuw = 0
  for (const { text, cell, fail } of lines) {
    const g = text('gemeente')
    const gemeente = gemeenteNamed(gemeenten, g) ?? fail('gemeente', `no gemeente '${g}' in this region`)
    const jaar = Number(text('jaar'))
    if (!Number.isInteger(jaar) || jaar < 2000 || jaar > 2100) fail('jaar', `'${text('jaar')}' is not a year`)
    const wet = text('wet').toLowerCase()
    if (wet !== 'jeugdwet' && wet !== 'wmo') fail('wet', `'${text('wet')}' is not jeugdwet or wmo`)
    const soort = soortNamed(text('soort')) ?? fail('soort', `'${text('soort')}' is not one of ${voorliggendSoorten.join(', ')}`)
    if (text('organisatie') === '' || text('organisatie').length > 200) fail('organisatie', 'the organisation is missing or longer than 200 characters')
    const budget = cellCents(cell('budget'))
    if (budget === null || budget < 0) fail('budget', `'${String(cell('budget') ?? '')}' is not an amount in euros of at least 0 (e.g. 1.234.567,89)`)
    const rawRealisatie = cell('realisatie')
    const leeg = rawRealisatie === null || String(rawRealisatie).trim() === ''
    const realisatie = leeg ? null : cellCents(rawRealisatie)
    if (!leeg && (realisatie === null || realisatie < 0)) fail('realisatie', `'${String(rawRealisatie)}' is not an amount in euros of at least 0`)
    try {
      const r = await setVoorliggendLine(trx, actor, { gemeenteId: gemeente.id, jaar, wet: wet as 'jeugdwet' | 'wmo', soort, organisatie: text('organisatie'), omschrijving: text('omschrijving'), budgetCents: budget!, realisatieCents: realisatie }, 'import')
      if (r.nieuw) nieuw++
    } catch (error) {
      if (error instanceof AppError) fail('row', error.message, rowMelding(error))
      throw error
    }
  }
  return { rows: lines.length, nieuw }
}
