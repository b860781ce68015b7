/**
 * Annual accounts imported from a spreadsheet (issue 21 §2), in a layout close to DigiMV's
 * jaarverantwoording (docs/integriteit.md lists the columns): one row per provider and year,
 * amounts in euros (`1.234.567,89` or a spreadsheet number) stored as cents. All rows or none;
 * a bad row is named by its number with a Dutch melding. A provider imports only its own rows.
 * The sanctions list is imported the same way (`naam`, `geboortedatum` or `kvk-nummer`).
 */
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import { isCalendarDate, today } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import { rowMelding } from '../shared/meldingen.ts'
import { euroToCents } from '../shared/money.ts'
import { type Cell, type SheetRow, sheetRows } from '../shared/spreadsheet.ts'
import { type SanctieInput, replaceSanctielijst, saveJaarrekening } from './register.queries.ts'
import { type JaarcijfersInput, jaarcijfersSchema } from './integriteit.schema.ts'

/** The columns, as the header row names them (case free); `agb-code` or `kvk-nummer` names the provider. */
export const jaarrekeningKolommen = {
  required: ['boekjaar', 'opbrengsten', 'opbrengsten regio', 'personeelskosten', 'resultaat', 'eigen vermogen', 'balanstotaal', 'vlottende activa', 'kortlopende schulden'],
  optional: ['agb-code', 'kvk-nummer', 'personeel niet in loondienst', 'dividend', 'betalingen verbonden partijen', 'ingediend op'],
} as const
type Kolom = (typeof jaarrekeningKolommen.required)[number] | (typeof jaarrekeningKolommen.optional)[number]

/** A cell in euros as cents; empty is `empty` (undefined: required). */
function euros(line: SheetRow<Kolom>, column: Kolom, options: { negative?: boolean; empty?: number } = {}): number {
  const raw = line.cell(column)
  if ((raw === null || String(raw).trim() === '') && options.empty !== undefined) return options.empty
  const cents = typeof raw === 'number' ? (Number.isFinite(raw) && Math.abs(raw * 100 - Math.round(raw * 100)) < 1e-6 ? Math.round(raw * 100) : null) : euroToCents(String(raw ?? ''))
  if (cents === null || !Number.isSafeInteger(cents) || (!options.negative && cents < 0)) {
    line.fail(column, `'${String(raw ?? '')}' is not an amount in euros${options.negative ? '' : ' of at least 0'}`, `'${String(raw ?? '')}' in de kolom ${column} is geen bedrag in euro's${options.negative ? '' : ' van ten minste 0'} (bijvoorbeeld 1.234.567,89).`)
  }
  return cents!
}

function dateCell<C extends string>(line: SheetRow<C>, column: C): string | null {
  const raw = line.cell(column)
  if (raw === null || String(raw).trim() === '') return null
  if (raw instanceof Date) return raw.toISOString().slice(0, 10)
  const text = String(raw).trim()
  const nl = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(text)
  const iso = nl ? `${nl[3]}-${nl[2]!.padStart(2, '0')}-${nl[1]!.padStart(2, '0')}` : text
  if (!isCalendarDate(iso)) line.fail(column, `'${text}' is not a date`, `'${text}' in de kolom ${column} is geen datum (dd-mm-jjjj).`)
  return iso
}

export async function importJaarrekeningen(trx: ScopedDb, actor: Actor, rows: Cell[][], source: string): Promise<{ rows: number; providers: number[] }> {
  const lines = sheetRows<Kolom>(rows, jaarrekeningKolommen.required, jaarrekeningKolommen.optional, 'annual accounts')
  const providers = await trx.selectFrom('provider').select(['id', 'agb_code', 'kvk_number', 'name']).where('region_id', '=', actor.regionId).execute()
  const seen = new Set<string>()
  const touched = new Set<number>()
  for (const line of lines) {
    const agb = line.text('agb-code')
    const kvk = line.text('kvk-nummer')
    if (agb === '' && kvk === '') line.fail('agb-code', 'neither an AGB code nor a KvK number names the provider', 'Vul de AGB-code of het KvK-nummer van de aanbieder in.')
    const matches = agb !== '' ? providers.filter((p) => p.agb_code === agb) : providers.filter((p) => p.kvk_number === kvk)
    if (matches.length !== 1) line.fail(agb !== '' ? 'agb-code' : 'kvk-nummer', `no single provider '${agb || kvk}' in this region`, `Geen (enkele) aanbieder met ${agb !== '' ? `AGB-code ${agb}` : `KvK-nummer ${kvk}`} in deze regio.`)
    const provider = matches[0]!
    if (actor.role === 'aanbieder' && provider.id !== actor.providerId) line.fail(agb !== '' ? 'agb-code' : 'kvk-nummer', 'a provider imports only its own annual accounts', 'U kunt alleen uw eigen jaarverantwoording inlezen.')
    const jaar = Number(line.text('boekjaar'))
    if (!Number.isInteger(jaar) || jaar < 2000 || jaar > 2100) line.fail('boekjaar', `'${line.text('boekjaar')}' is not a year`, `'${line.text('boekjaar')}' is geen boekjaar.`)
    const key = `${provider.id}|${jaar}`
    if (seen.has(key)) line.fail('boekjaar', `a second row for ${provider.name} ${jaar}`, `${provider.name} staat al met boekjaar ${jaar} in het bestand.`)
    seen.add(key)
    const input: JaarcijfersInput = {
      providerId: provider.id,
      jaar,
      omzetCents: euros(line, 'opbrengsten'),
      omzetRegioCents: euros(line, 'opbrengsten regio'),
      personeelskostenCents: euros(line, 'personeelskosten'),
      inhuurCents: euros(line, 'personeel niet in loondienst', { empty: 0 }),
      resultaatCents: euros(line, 'resultaat', { negative: true }),
      eigenVermogenCents: euros(line, 'eigen vermogen', { negative: true }),
      balanstotaalCents: euros(line, 'balanstotaal'),
      vlottendeActivaCents: euros(line, 'vlottende activa'),
      kortlopendeSchuldenCents: euros(line, 'kortlopende schulden'),
      dividendCents: euros(line, 'dividend', { empty: 0 }),
      verbondenPartijenCents: euros(line, 'betalingen verbonden partijen', { empty: 0 }),
      ingediendOp: dateCell(line, 'ingediend op') ?? today(),
      bron: source,
    }
    try {
      await saveJaarrekening(trx, actor, jaarcijfersSchema.parse(input))
    } catch (error) {
      if (error instanceof AppError) line.fail('row', error.message, rowMelding(error))
      throw error
    }
    touched.add(provider.id)
  }
  return { rows: lines.length, providers: [...touched] }
}

/** The sanctions list, replaced by the file's rows: `naam` and a `geboortedatum` (a person) or `kvk-nummer` (an organisation). */
export async function importSanctielijst(trx: ScopedDb, actor: Actor, rows: Cell[][], source: string): Promise<{ regels: number }> {
  const lines = sheetRows(rows, ['naam'], ['geboortedatum', 'kvk-nummer'], 'sanctions list entries')
  const out: SanctieInput[] = []
  for (const line of lines) {
    const naam = line.text('naam')
    if (naam === '') line.fail('naam', 'no name', 'Vul de naam in.')
    const geboortedatum = dateCell(line, 'geboortedatum')
    const kvk = line.text('kvk-nummer')
    if (kvk !== '' && !/^\d{8}$/.test(kvk)) line.fail('kvk-nummer', `'${kvk}' is not a KvK number`, `'${kvk}' is geen KvK-nummer (8 cijfers).`)
    if (geboortedatum === null && kvk === '') line.fail('geboortedatum', 'neither a date of birth nor a KvK number', 'Vul de geboortedatum (persoon) of het KvK-nummer (organisatie) in; op naam alleen wordt niet getoetst.')
    out.push({ naam, geboortedatum, kvkNummer: kvk === '' ? null : kvk })
  }
  return replaceSanctielijst(trx, actor, out, source)
}
