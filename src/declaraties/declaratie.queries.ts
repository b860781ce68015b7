/**
 * Declarations as people look at them: per provider and month with their status, the lines
 * of one (rejected ones with the reason in plain Dutch next to the retourcode), and the
 * taakgericht payments that are the realisation of a taakgericht contract. Every query runs
 * under the actor's row-level security: a gemeente sees its own, a provider its own.
 */
import { figuresChanged } from '../budgets/follow-up.ts'
import { today } from '../shared/dates.ts'
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import { retourcodeTekst } from '../istandaarden/retourcodes.ts'
import { regelIdRange } from './declaratie.receive.ts'
import { AppError } from '../shared/errors.ts'
import { parseCsvLine } from '../shared/export.ts'
import { euroToCents } from '../shared/money.ts'
import { rowMelding } from '../shared/meldingen.ts'
import { type TaakgerichtBetalingInput, taakgerichtBetalingSchema } from './taakgericht.schema.ts'
import { betalingOpgeschort } from '../integriteit/signaal.queries.ts'

export type DeclaratieStatus = 'toegekend' | 'deels_toegekend' | 'afgewezen'

export const declaratieFilterSchema = z.object({
  providerId: z.coerce.number().int().positive().optional(),
  /** `YYYY-MM`: the DeclaratiePeriode. */
  maand: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM').optional(),
})

export interface DeclaratieRow {
  id: number
  providerId: number
  gemeente: string
  aanbieder: string
  agbCode: string
  wet: string
  declaratieNummer: string
  maand: string
  /** The DeclaratieDagtekening. */
  ingediendOp: string
  regels: number
  goedgekeurd: number
  afgewezen: number
  ingediendCents: number
  toegekendCents: number
  status: DeclaratieStatus
  /**
   * Payments to the provider are to be suspended (art. 3.15: its UBO missing or on the sanctions
   * list, src/integriteit): a flag for the finance team beside the declaration; the 325 answers
   * as the standard says all the same. Always false for a provider's own view.
   */
  betalingOpschorten: boolean
}

const statusOf = (goedgekeurd: number, afgewezen: number): DeclaratieStatus => (afgewezen === 0 ? 'toegekend' : goedgekeurd === 0 ? 'afgewezen' : 'deels_toegekend')

export function listDeclaraties(trx: ScopedDb, filter: z.infer<typeof declaratieFilterSchema> = {}): Promise<DeclaratieRow[]> {
  return declaratieRows(trx, filter)
}

/** The rows with the payment-suspension flag of their providers as the actor may see it (src/integriteit/signaal.queries.ts). */
export async function withPaymentFlag(trx: ScopedDb, actor: Actor, rows: DeclaratieRow[]): Promise<DeclaratieRow[]> {
  const suspended = await betalingOpgeschort(trx, actor, [...new Set(rows.map((r) => r.providerId))])
  return rows.map((r) => ({ ...r, betalingOpschorten: suspended.has(r.providerId) }))
}

/** One declaration, as the list shows it. */
export async function getDeclaratie(trx: ScopedDb, id: number): Promise<DeclaratieRow> {
  const [row] = await declaratieRows(trx, { id })
  if (!row) throw new AppError('declaratie.not_found', 'declaratie not found')
  return row
}

async function declaratieRows(trx: ScopedDb, filter: z.infer<typeof declaratieFilterSchema> & { id?: number }): Promise<DeclaratieRow[]> {
  let q = trx
    .selectFrom('declaratie as d')
    .innerJoin('provider as p', 'p.id', 'd.provider_id')
    .innerJoin('gemeente as g', 'g.id', 'd.gemeente_id')
    .select(['d.id', 'd.provider_id', 'g.name as gemeente', 'p.name as aanbieder', 'p.agb_code', 'd.wet', 'd.declaratie_nummer', 'd.periode_begin', 'd.dagtekening', 'd.regels', 'd.goedgekeurd', 'd.afgewezen', 'd.ingediend_cents', 'd.toegekend_cents'])
    .orderBy('d.periode_begin', 'desc')
    .orderBy('p.name')
    .orderBy('d.id')
  if (filter.id !== undefined) q = q.where('d.id', '=', filter.id)
  if (filter.providerId !== undefined) q = q.where('d.provider_id', '=', filter.providerId)
  if (filter.maand !== undefined) q = q.where('d.periode_begin', '=', `${filter.maand}-01`)
  const rows = await q.execute()
  return rows.map((r) => ({
    id: r.id,
    providerId: r.provider_id,
    gemeente: r.gemeente,
    aanbieder: r.aanbieder,
    agbCode: r.agb_code,
    wet: r.wet,
    declaratieNummer: r.declaratie_nummer,
    maand: r.periode_begin.slice(0, 7),
    ingediendOp: r.dagtekening,
    regels: r.regels,
    goedgekeurd: r.goedgekeurd,
    afgewezen: r.afgewezen,
    ingediendCents: r.ingediend_cents,
    toegekendCents: r.toegekend_cents,
    status: statusOf(r.goedgekeurd, r.afgewezen),
    betalingOpschorten: false,
  }))
}

export interface DeclaratieLineRow {
  id: number
  volgnummer: number
  /** The client's pseudonym: never the BSN. */
  client: string | null
  referentieNummer: string
  toewijzingNummer: number
  product: string
  begindatum: string
  einddatum: string
  volume: number
  eenheid: string
  tariefCents: number | null
  bedragCents: number
  goedgekeurd: boolean
  retourcodes: string[]
  /** Each retourcode with its meaning, in the basisschema's words. */
  redenen: { code: string; tekst: string }[]
  /** The same as one text (for exports). */
  reden: string
}

export const regelFilterSchema = z.object({ afgewezen: z.enum(['ja', 'nee']).optional(), limit: z.coerce.number().int().min(1).max(100_000).default(5000) })

/** The lines of declaration `id`: all, or only the rejected (`afgewezen: 'ja'`). */
export async function declaratieRegels(trx: ScopedDb, id: number, filter: z.input<typeof regelFilterSchema> = {}): Promise<DeclaratieLineRow[]> {
  const { afgewezen, limit } = regelFilterSchema.parse(filter)
  const exists = await trx.selectFrom('declaratie').select('id').where('id', '=', id).executeTakeFirst()
  if (!exists) throw new AppError('declaratie.not_found', 'declaratie not found')
  let q = trx
    .selectFrom('declaratie_regel as r')
    .leftJoin('client as c', 'c.id', 'r.client_id')
    .select(['r.id', 'r.volgnummer', 'c.pseudonym', 'r.referentie_nummer', 'r.toewijzing_nummer', 'r.productcategorie', 'r.productcode', 'r.begindatum', 'r.einddatum', 'r.volume', 'r.eenheid', 'r.tarief_cents', 'r.bedrag_cents', 'r.goedgekeurd', 'r.retour_codes'])
    // The primary key holds a declaration's lines in order (declaratie.receive.ts).
    .where('r.id', '>=', regelIdRange(id).from)
    .where('r.id', '<', regelIdRange(id).to)
    .orderBy('r.id')
    .limit(limit)
  if (afgewezen !== undefined) q = q.where('r.goedgekeurd', '=', afgewezen === 'nee')
  const rows = await q.execute()
  return rows.map((r) => ({
    id: Number(r.id),
    volgnummer: r.volgnummer,
    client: r.pseudonym,
    referentieNummer: r.referentie_nummer,
    toewijzingNummer: Number(r.toewijzing_nummer),
    product: r.productcode ?? r.productcategorie,
    begindatum: r.begindatum,
    einddatum: r.einddatum,
    volume: Number(r.volume),
    eenheid: r.eenheid,
    tariefCents: r.tarief_cents === null ? null : Number(r.tarief_cents),
    bedragCents: Number(r.bedrag_cents),
    goedgekeurd: r.goedgekeurd,
    retourcodes: r.retour_codes,
    redenen: r.retour_codes.map((code) => ({ code, tekst: retourcodeTekst(code) })),
    reden: r.retour_codes.map((code) => `${code}: ${retourcodeTekst(code)}`).join('; '),
  }))
}


/**
 * Records a taakgericht payment: the lump sum a provider gets for a month under a taakgericht
 * contract (not declared per client). The segment must fund taakgericht and the provider
 * hold an award in it.
 */
export async function addTaakgerichtBetaling(trx: ScopedDb, actor: Actor, raw: TaakgerichtBetalingInput): Promise<{ id: number }> {
  const input = taakgerichtBetalingSchema.parse(raw)
  const gemeenteId = actor.gemeenteId ?? input.gemeenteId
  if (gemeenteId === undefined) throw new AppError('payment.gemeente_required', 'gemeenteId is required for a regional user', [{ path: 'gemeenteId', message: 'required' }])
  if (actor.gemeenteId !== null && input.gemeenteId !== undefined && input.gemeenteId !== actor.gemeenteId) throw new AppError('payment.other_gemeente', 'a gemeente records payments for itself only')
  const segment = await trx.selectFrom('segment').select(['id', 'wet', 'bekostiging']).where('id', '=', input.segmentId).executeTakeFirst()
  if (!segment) throw new AppError('segment.unknown', `segment ${input.segmentId} does not exist`, [{ path: 'segmentId', message: 'unknown' }])
  const products = await trx.selectFrom('product').select('variant').where('segment_id', '=', segment.id).execute()
  if (!products.some((p) => p.variant === 'taakgericht')) throw new AppError('payment.segment_not_taakgericht', 'this segment has no taakgericht product: its realisation comes from declarations', [{ path: 'segmentId', message: 'not taakgericht' }])
  const award = await trx
    .selectFrom('contract_award as a')
    .innerJoin('contract_lot as l', 'l.id', 'a.lot_id')
    .select('a.id')
    .where('a.provider_id', '=', input.providerId)
    .where('l.segment_id', '=', segment.id)
    .executeTakeFirst()
  if (!award) throw new AppError('payment.provider_not_contracted', 'the provider holds no contract in this segment', [{ path: 'providerId', message: 'not contracted' }])
  const row = await trx
    .insertInto('taakgericht_betaling')
    .values({ region_id: actor.regionId, gemeente_id: gemeenteId, provider_id: input.providerId, segment_id: segment.id, wet: segment.wet, maand: `${input.maand}-01`, bedrag_cents: input.bedragCents, omschrijving: input.omschrijving, created_by: actor.userId })
    .returning('id')
    .executeTakeFirstOrThrow()
  await figuresChanged(trx, actor, [Number(input.maand.slice(0, 4))], today(), { gemeenteId, providerId: input.providerId, segmentId: segment.id })
  return { id: row.id }
}

export async function listTaakgerichtBetalingen(trx: ScopedDb): Promise<{ id: number; gemeente: string; aanbieder: string; segment: string; maand: string; bedragCents: number; omschrijving: string }[]> {
  const rows = await trx
    .selectFrom('taakgericht_betaling as b')
    .innerJoin('gemeente as g', 'g.id', 'b.gemeente_id')
    .innerJoin('provider as p', 'p.id', 'b.provider_id')
    .innerJoin('segment as s', 's.id', 'b.segment_id')
    .select(['b.id', 'g.name as gemeente', 'p.name as aanbieder', 's.name as segment', 'b.maand', 'b.bedrag_cents', 'b.omschrijving'])
    .orderBy('b.maand', 'desc')
    .orderBy('b.id')
    .execute()
  return rows.map((r) => ({ id: r.id, gemeente: r.gemeente, aanbieder: r.aanbieder, segment: r.segment, maand: r.maand.slice(0, 7), bedragCents: r.bedrag_cents, omschrijving: r.omschrijving }))
}


/**
 * Imports taakgericht payments from CSV (`AGB-code;segment;maand;bedrag;omschrijving`, a
 * header line first, as the export writes it): every row is checked as `addTaakgerichtBetaling`
 * checks one, and one bad row refuses the whole file, naming the row.
 */
export async function importTaakgerichtBetalingen(trx: ScopedDb, actor: Actor, csv: string, gemeenteId?: number): Promise<{ ids: number[]; rows: number }> {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim().length > 0)
  if (lines.length < 2) throw new AppError('import.empty', 'the CSV holds no payments: a header line and at least one row are expected')
  const providers = new Map((await trx.selectFrom('provider').select(['id', 'agb_code']).execute()).map((p) => [p.agb_code, p.id]))
  const segments = new Map((await trx.selectFrom('segment').select(['id', 'code']).execute()).map((s) => [s.code, s.id]))
  const ids: number[] = []
  for (const [i, line] of lines.slice(1).entries()) {
    const row = i + 2
    const [agb = '', segment = '', maand = '', bedrag = '', omschrijving = ''] = parseCsvLine(line)
    const providerId = providers.get(agb)
    const segmentId = segments.get(segment)
    const cents = euroToCents(bedrag)
    const fail = (message: string, path: string, melding?: string) => {
      throw new AppError('import.row_invalid', `row ${row}: ${message}`, [{ path: `row ${row}/${path}`, message, ...(melding ? { melding: `Regel ${row}: ${melding}` } : {}) }])
    }
    if (providerId === undefined) fail(`no provider with AGB code '${agb}' in this region`, 'agb')
    if (segmentId === undefined) fail(`no segment '${segment}' in this region`, 'segment')
    if (cents === null) fail(`'${bedrag}' is not an amount in euros (e.g. 1234,56)`, 'bedrag')
    try {
      ids.push((await addTaakgerichtBetaling(trx, actor, { gemeenteId, providerId: providerId!, segmentId: segmentId!, maand, bedragCents: cents!, omschrijving })).id)
    } catch (error) {
      if (error instanceof z.ZodError) fail(error.issues.map((e) => `${e.path.join('.')}: ${e.message}`).join('; '), String(error.issues[0]?.path[0] ?? 'row'), rowMelding(error))
      if (error instanceof AppError) fail(error.message, 'row', rowMelding(error))
      throw error
    }
  }
  return { ids, rows: ids.length }
}
