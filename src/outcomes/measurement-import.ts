/**
 * Outcome measurements imported from a spreadsheet (issue 7 §1: "or imported from CSV"), by
 * the lokaal team or a provider from its own client system: one row per traject and moment,
 * all rows or none, a bad row named. No BSN: a traject is named by its gemeente, law and
 * ToewijzingNummer, as in the 301.
 *
 * Columns: `gemeente` (CBS code or name), `wet` (jeugdwet/wmo), `toewijzingnummer`, `moment`
 * (T1/T2/T3), `datum` (YYYY-MM-DD); optionally `doelen` (results in goal order, `behaald|deels`),
 * `tevredenheid` (1–5), `zonder_hulp` (ja/deels/nee), `vervolg` (geen/voorliggend/aanvullend),
 * `zelfredzaamheid` (`participatie=4|adl=3`) and `toelichting`.
 */
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import type { CalendarDate } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import { rowMelding } from '../shared/meldingen.ts'
import { gemeenteNamed, listGemeenten } from '../regions/region.queries.ts'
import { type Cell, sheetRows } from '../shared/spreadsheet.ts'
import { recordMeasurement } from './measurement.queries.ts'

const required = ['gemeente', 'wet', 'toewijzingnummer', 'moment', 'datum'] as const
const optional = ['doelen', 'tevredenheid', 'zonder_hulp', 'vervolg', 'zelfredzaamheid', 'toelichting'] as const

const orNull = (s: string) => (s === '' ? null : s)

export async function importMeasurements(trx: ScopedDb, actor: Actor, rows: Cell[][], today: CalendarDate): Promise<{ rows: number; created: number; corrected: number }> {
  const lines = sheetRows(rows, required, optional, 'measurements')
  const gemeenten = await listGemeenten(trx)
  let created = 0
  for (const { text, fail } of lines) {
    const g = text('gemeente')
    const gemeente = gemeenteNamed(gemeenten, g) ?? fail('gemeente', `no gemeente '${g}' in this region`)
    const wet = text('wet').toLowerCase()
    if (wet !== 'jeugdwet' && wet !== 'wmo') fail('wet', `'${text('wet')}' is not jeugdwet or wmo`)
    const nummer = Number(text('toewijzingnummer'))
    if (!Number.isInteger(nummer) || nummer < 1) fail('toewijzingnummer', `'${text('toewijzingnummer')}' is not a ToewijzingNummer`)
    // Row-level security: a traject of another gemeente or provider is not found.
    const t = await trx.selectFrom('toewijzing').select('id').where('region_id', '=', actor.regionId).where('gemeente_id', '=', gemeente.id).where('wet', '=', wet as 'jeugdwet').where('toewijzing_nummer', '=', nummer).executeTakeFirst()
    if (!t) fail('toewijzingnummer', `no toewijzing ${nummer} (${wet}) of ${gemeente.name} that you record for`)
    const zelfredzaamheid: Record<string, number> = {}
    for (const part of text('zelfredzaamheid').split('|').filter(Boolean)) {
      const [domain = '', score = ''] = part.split('=').map((x) => x.trim())
      zelfredzaamheid[domain] = Number(score)
    }
    const tevredenheid = text('tevredenheid')
    try {
      const r = await recordMeasurement(
        trx,
        actor,
        {
          toewijzingId: t!.id,
          moment: text('moment').toUpperCase() as 'T1',
          gemetenOp: text('datum'),
          doelen: text('doelen').split('|').filter(Boolean).map((resultaat, doel) => ({ doel, resultaat: resultaat.trim().toLowerCase() as 'behaald' })),
          zelfredzaamheid,
          tevredenheid: tevredenheid === '' ? null : Number(tevredenheid),
          zonderHulp: orNull(text('zonder_hulp').toLowerCase()) as 'ja' | null,
          vervolg: orNull(text('vervolg').toLowerCase()) as 'geen' | null,
          toelichting: text('toelichting'),
        },
        today,
      )
      if (r.created) created++
    } catch (error) {
      if (error instanceof AppError) fail('row', error.message, rowMelding(error))
      const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues
      if (issues) fail(String(issues[0]!.path.join('.')), issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), rowMelding(error))
      throw error
    }
  }
  return { rows: lines.length, created, corrected: lines.length - created }
}
