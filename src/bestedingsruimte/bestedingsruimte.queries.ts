/**
 * Bestedingsruimte per opdrachtnemer (art. 1.5) and the art. 1.6 list: set a provider's room for a
 * year, its status on the live budget figures (realisation plus open commitments, the forecast:
 * src/budgets, not computed again here), the written notice and its two clocks, and the
 * cliëntenstop that the toegang rules respect (src/toewijzingen). ADR 0031.
 */
import { sql } from 'kysely'
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import { figuresBy } from '../budgets/budget-figures.queries.ts'
import type { BestedingsruimteBesluit, BestedingsruimteSignaal } from '../db/schema.ts'
import type { ScopedDb } from '../db/scope.ts'
import type { Wet } from '../istandaarden/codelists.ts'
import { nameLookup } from '../regions/names.queries.ts'
import type { CalendarDate } from '../shared/dates.ts'
import { calendarDate } from '../shared/request.schema.ts'
import { type BestedingsruimteInput, bestedingsruimteInputSchema, meldingInputSchema, overlegInputSchema, besluitInputSchema, clientenstopInputSchema, opheffenInputSchema } from './bestedingsruimte.schema.ts'
import { AppError } from '../shared/errors.ts'
import { type Aankondiging, type InzetRegel, type Klokken, type RuimteStatus, type Stop, aankondiging, inzetPeriode, isCrisisSegment, klokken, meldingsbrief, onvoldoendeInzet, ruimteStatus } from './bestedingsruimte.rules.ts'


export interface Melding {
  id: number
  soort: BestedingsruimteSignaal
  gemeldOp: CalendarDate
  brief: string
  benutCents: number
  prognoseCents: number
  bedragCents: number
  overlegGeplandOp: CalendarDate | null
  overlegGehoudenOp: CalendarDate | null
  overlegNotitie: string | null
  besluitOp: CalendarDate | null
  besluit: BestedingsruimteBesluit | null
  besluitNotitie: string | null
  nieuwBedragCents: number | null
  klokken: Klokken
}

export interface Bestedingsruimte {
  id: number
  providerId: number
  aanbieder: string
  segmentId: number | null
  /** The segment's name, or "Alle segmenten (behalve crisis)". */
  segment: string
  jaar: number
  ingangsdatum: CalendarDate
  einddatum: CalendarDate
  bedragCents: number
  toelichting: string
  voornemenGemeldOp: CalendarDate | null
  besluitGemeldOp: CalendarDate | null
  aankondiging: Aankondiging
  gerealiseerdCents: number
  openCents: number
  prognoseCents: number
  status: RuimteStatus
  melding: Melding | null
  /** The stops of the provider that touch this room's year and segment. */
  stops: Clientenstop[]
}

export interface Clientenstop extends Stop {
  aanbieder: string
  segment: string
  ingesteldOp: string
  opheffingNotitie: string | null
  /** The stop holds today. */
  actief: boolean
}

const ALLE_SEGMENTEN = 'Alle segmenten (behalve crisis)'

/** Sets (or replaces) a provider's bestedingsruimte for a year, optionally for one segment. */
export async function setBestedingsruimte(trx: ScopedDb, actor: Actor, raw: BestedingsruimteInput): Promise<{ id: number }> {
  const input = bestedingsruimteInputSchema.parse(raw)
  if (input.segmentId !== null) {
    const segment = await trx.selectFrom('segment').select(['bekostiging']).where('id', '=', input.segmentId).executeTakeFirst()
    if (!segment) throw new AppError('segment.not_found', `segment ${input.segmentId} not found`, [{ path: 'segmentId', message: 'unknown segment' }])
    // Art. 1.5.1: "Partijen gebruiken bestedingsruimte alleen bij inspanningsgerichte of outputgerichte uitvoering."
    if (segment.bekostiging.variants.every((v) => v === 'taakgericht')) throw new AppError('bestedingsruimte.taakgericht', 'a bestedingsruimte applies only to inspanningsgerichte or outputgerichte uitvoering (art. 1.5.1)', [{ path: 'segmentId', message: 'taakgericht segment' }])
  }
  const values = {
    ingangsdatum: input.ingangsdatum ?? `${input.jaar}-01-01`,
    bedrag_cents: input.bedragCents,
    voornemen_gemeld_op: input.voornemenGemeldOp,
    besluit_gemeld_op: input.besluitGemeldOp,
    toelichting: input.toelichting,
    vastgesteld_door: actor.userId,
  }
  const row = await trx
    .insertInto('bestedingsruimte')
    .values({ region_id: actor.regionId, provider_id: input.providerId, segment_id: input.segmentId, jaar: input.jaar, ...values })
    .onConflict((oc) => oc.constraint('bestedingsruimte_key').doUpdateSet({ ...values, vastgesteld_op: new Date() }))
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id }
}

type RuimteRow = { id: number; provider_id: number; segment_id: number | null; jaar: number; ingangsdatum: string; bedrag_cents: number; toelichting: string; voornemen_gemeld_op: string | null; besluit_gemeld_op: string | null }

/** The region's segments that are crisis care (every product JZ020 46 or WMO020 17): outside a room over a whole agreement. */
export async function crisisSegments(trx: ScopedDb, regionId: number): Promise<Set<number>> {
  const products = await trx.selectFrom('product').select(['segment_id', 'wet', 'productcategorie']).where('region_id', '=', regionId).execute()
  const bySegment = new Map<number, { wet: Wet; productcategorie: string }[]>()
  for (const p of products) bySegment.set(p.segment_id, [...(bySegment.get(p.segment_id) ?? []), { wet: p.wet, productcategorie: p.productcategorie }])
  return new Set([...bySegment].filter(([, ps]) => isCrisisSegment(ps)).map(([segmentId]) => segmentId))
}

/** The usage of each room from the budget figures of its year: its segment, or every segment but crisis care. */
async function usage(trx: ScopedDb, actor: Actor, rooms: readonly RuimteRow[]): Promise<Map<number, { gerealiseerdCents: number; openCents: number; prognoseCents: number }>> {
  const out = new Map<number, { gerealiseerdCents: number; openCents: number; prognoseCents: number }>()
  if (rooms.length === 0) return out
  const crisis = await crisisSegments(trx, actor.regionId)
  for (const year of new Set(rooms.map((r) => r.jaar))) {
    const providers = [...new Set(rooms.filter((r) => r.jaar === year).map((r) => r.provider_id))]
    const lines = await figuresBy(trx, actor, year, ['provider', 'segment'], providers.length === 1 ? { providerId: providers[0]! } : {})
    for (const r of rooms.filter((x) => x.jaar === year)) {
      const mine = lines.filter((l) => l.providerId === r.provider_id && (r.segment_id === null ? !crisis.has(l.segmentId!) : l.segmentId === r.segment_id))
      out.set(r.id, {
        gerealiseerdCents: mine.reduce((s, l) => s + l.realisedCents, 0),
        openCents: mine.reduce((s, l) => s + l.openCents, 0),
        prognoseCents: mine.reduce((s, l) => s + l.forecastCents, 0),
      })
    }
  }
  return out
}

type MeldingRow = { id: number; bestedingsruimte_id: number; soort: BestedingsruimteSignaal; gemeld_op: string; brief: string; benut_cents: number; prognose_cents: number; bedrag_cents: number; overleg_gepland_op: string | null; overleg_gehouden_op: string | null; overleg_notitie: string | null; besluit_op: string | null; besluit: BestedingsruimteBesluit | null; besluit_notitie: string | null; nieuw_bedrag_cents: number | null }

const meldingOf = (m: MeldingRow, vandaag: CalendarDate): Melding => ({
  id: m.id,
  soort: m.soort,
  gemeldOp: m.gemeld_op,
  brief: m.brief,
  benutCents: m.benut_cents,
  prognoseCents: m.prognose_cents,
  bedragCents: m.bedrag_cents,
  overlegGeplandOp: m.overleg_gepland_op,
  overlegGehoudenOp: m.overleg_gehouden_op,
  overlegNotitie: m.overleg_notitie,
  besluitOp: m.besluit_op,
  besluit: m.besluit,
  besluitNotitie: m.besluit_notitie,
  nieuwBedragCents: m.nieuw_bedrag_cents,
  klokken: klokken({ gemeldOp: m.gemeld_op, overlegGehoudenOp: m.overleg_gehouden_op, besluitOp: m.besluit_op }, vandaag),
})

export interface RuimteFilter {
  providerId?: number | undefined
  jaar?: number | undefined
  id?: number | undefined
}

/** The bestedingsruimtes in the actor's scope (a provider: its own) with status, notice, clocks and stops. */
export async function listBestedingsruimte(trx: ScopedDb, actor: Actor, filter: RuimteFilter, vandaag: CalendarDate): Promise<Bestedingsruimte[]> {
  let q = trx
    .selectFrom('bestedingsruimte')
    .select(['id', 'provider_id', 'segment_id', 'jaar', 'ingangsdatum', 'bedrag_cents', 'toelichting', 'voornemen_gemeld_op', 'besluit_gemeld_op'])
    .where('region_id', '=', actor.regionId)
    .orderBy('jaar', 'desc')
    .orderBy('id')
  const providerId = actor.providerId ?? filter.providerId
  if (providerId !== undefined) q = q.where('provider_id', '=', providerId)
  if (filter.jaar !== undefined) q = q.where('jaar', '=', filter.jaar)
  if (filter.id !== undefined) q = q.where('id', '=', filter.id)
  const rooms = await q.execute()
  if (rooms.length === 0) return []
  const ids = rooms.map((r) => r.id)
  const [used, meldingen, stops, names] = await Promise.all([
    usage(trx, actor, rooms),
    trx.selectFrom('bestedingsruimte_melding').selectAll().where('bestedingsruimte_id', 'in', ids).execute(),
    listClientenstops(trx, actor, { providerId }, vandaag),
    nameLookup(trx, actor.regionId),
  ])
  return rooms.map((r) => {
    const u = used.get(r.id) ?? { gerealiseerdCents: 0, openCents: 0, prognoseCents: 0 }
    const m = meldingen.find((x) => x.bestedingsruimte_id === r.id)
    const einddatum = `${r.jaar}-12-31`
    return {
      id: r.id,
      providerId: r.provider_id,
      aanbieder: names.provider(r.provider_id),
      segmentId: r.segment_id,
      segment: r.segment_id === null ? ALLE_SEGMENTEN : names.segment(r.segment_id),
      jaar: r.jaar,
      ingangsdatum: r.ingangsdatum,
      einddatum,
      bedragCents: r.bedrag_cents,
      toelichting: r.toelichting,
      voornemenGemeldOp: r.voornemen_gemeld_op,
      besluitGemeldOp: r.besluit_gemeld_op,
      aankondiging: aankondiging(r.ingangsdatum, r.voornemen_gemeld_op, r.besluit_gemeld_op),
      ...u,
      status: ruimteStatus({ bedragCents: r.bedrag_cents, ...u }),
      melding: m ? meldingOf(m, vandaag) : null,
      stops: stops.filter((s) => s.providerId === r.provider_id && (r.segment_id === null || s.segmentId === null || s.segmentId === r.segment_id) && s.van <= einddatum && (s.tot === null || s.tot >= r.ingangsdatum)),
    }
  })
}

/**
 * The bestedingsruimte of one provider in one year: every room (per segment or the whole
 * agreement) with its usage, signal, notice with clocks, and stops. The one function other
 * features call (the account conversation's agenda, issue 20 §1–4).
 */
export async function bestedingsruimteStatus(trx: ScopedDb, actor: Actor, providerId: number, year: number, vandaag: CalendarDate): Promise<Bestedingsruimte[]> {
  return listBestedingsruimte(trx, actor, { providerId, jaar: year }, vandaag)
}

async function oneRoom(trx: ScopedDb, actor: Actor, id: number, vandaag: CalendarDate): Promise<Bestedingsruimte> {
  const [room] = await listBestedingsruimte(trx, actor, { id }, vandaag)
  if (!room) throw new AppError('bestedingsruimte.not_found', `bestedingsruimte ${id} not found`)
  return room
}

/**
 * Sends the written notice of art. 1.5.7 when 70 % is used or an overrun is expected: Koers
 * composes the letter and stores it with its date; the provider reads it in its portal. Once
 * per bestedingsruimte (a raised amount is a new decision, not a second notice).
 */
export async function sendMelding(trx: ScopedDb, actor: Actor, id: number, raw: z.input<typeof meldingInputSchema>, vandaag: CalendarDate): Promise<Melding> {
  const input = meldingInputSchema.parse(raw)
  const room = await oneRoom(trx, actor, id, vandaag)
  if (room.melding !== null) throw new AppError('bestedingsruimte.al_gemeld', `the written notice of bestedingsruimte ${id} was sent on ${room.melding.gemeldOp}`)
  const soort = room.status.signalen[0]
  if (soort === undefined) throw new AppError('bestedingsruimte.geen_signaal', `bestedingsruimte ${id} is ${room.status.benutPct} % used and its forecast stays within it`)
  const gemeldOp = input.gemeldOp
  const regio = await trx.selectFrom('region').select('name').where('id', '=', actor.regionId).executeTakeFirstOrThrow()
  const brief = meldingsbrief({ regio: regio.name, aanbieder: room.aanbieder, jaar: room.jaar, segment: room.segmentId === null ? null : room.segment, soort, bedragCents: room.bedragCents, benutCents: room.status.benutCents, prognoseCents: room.prognoseCents, gemeldOp })
  const row = await trx
    .insertInto('bestedingsruimte_melding')
    .values({ region_id: actor.regionId, bestedingsruimte_id: id, provider_id: room.providerId, soort, gemeld_op: gemeldOp, brief, benut_cents: room.status.benutCents, prognose_cents: room.prognoseCents, bedrag_cents: room.bedragCents, gemeld_door: actor.userId, overleg_gepland_op: input.overlegGeplandOp })
    .returningAll()
    .executeTakeFirstOrThrow()
  return meldingOf(row, vandaag)
}

async function meldingRow(trx: ScopedDb, id: number) {
  const m = await trx.selectFrom('bestedingsruimte_melding').selectAll().where('id', '=', id).executeTakeFirst()
  if (!m) throw new AppError('bestedingsruimte.not_found', `notice ${id} not found`)
  return m
}

/** Plans the consultation, or records that it was held (art. 1.5.7: within 2 weeks of the notice). */
export async function recordOverleg(trx: ScopedDb, _actor: Actor, meldingId: number, raw: z.input<typeof overlegInputSchema>, vandaag: CalendarDate): Promise<Melding> {
  const input = overlegInputSchema.parse(raw)
  const m = await meldingRow(trx, meldingId)
  if (m.besluit_op !== null) throw new AppError('bestedingsruimte.al_besloten', `notice ${meldingId} was decided on ${m.besluit_op}`)
  if (input.gehoudenOp !== null && input.gehoudenOp < m.gemeld_op) throw new AppError('input.invalid', 'the consultation follows the notice', [{ path: 'gehoudenOp', message: 'before the notice' }])
  const row = await trx
    .updateTable('bestedingsruimte_melding')
    .set({ overleg_gepland_op: input.geplandOp ?? m.overleg_gepland_op, overleg_gehouden_op: input.gehoudenOp, overleg_notitie: input.notitie === '' ? m.overleg_notitie : input.notitie })
    .where('id', '=', meldingId)
    .returningAll()
    .executeTakeFirstOrThrow()
  return meldingOf(row, vandaag)
}

/**
 * Records the opdrachtgever's decision (art. 1.5.7: "Binnen 2 weken beslist Opdrachtgever of de
 * ruimte wordt aangepast"). A raised room takes the new amount. A cliëntenstop is set on its own
 * (art. 1.5.9: the parties agree it, the opdrachtgever confirms it in writing).
 */
export async function recordBesluit(trx: ScopedDb, _actor: Actor, meldingId: number, raw: z.input<typeof besluitInputSchema>, vandaag: CalendarDate): Promise<Melding> {
  const input = besluitInputSchema.parse(raw)
  const m = await meldingRow(trx, meldingId)
  if (m.besluit_op !== null) throw new AppError('bestedingsruimte.al_besloten', `notice ${meldingId} was decided on ${m.besluit_op}`)
  if (m.overleg_gehouden_op === null) throw new AppError('bestedingsruimte.overleg_eerst', `record the consultation of notice ${meldingId} before its decision`)
  if (input.besluitOp < m.overleg_gehouden_op) throw new AppError('input.invalid', 'the decision follows the consultation', [{ path: 'besluitOp', message: 'before the consultation' }])
  if (input.nieuwBedragCents !== null) await trx.updateTable('bestedingsruimte').set({ bedrag_cents: input.nieuwBedragCents }).where('id', '=', m.bestedingsruimte_id).execute()
  const row = await trx
    .updateTable('bestedingsruimte_melding')
    .set({ besluit_op: input.besluitOp, besluit: input.besluit, besluit_notitie: input.notitie, nieuw_bedrag_cents: input.nieuwBedragCents })
    .where('id', '=', meldingId)
    .returningAll()
    .executeTakeFirstOrThrow()
  return meldingOf(row, vandaag)
}

/** Sets a cliëntenstop (art. 1.5.9: "Opdrachtgever bevestigt deze stop schriftelijk"), by whom and why. */
export async function setClientenstop(trx: ScopedDb, actor: Actor, raw: z.input<typeof clientenstopInputSchema>): Promise<{ id: number }> {
  const input = clientenstopInputSchema.parse(raw)
  const row = await trx
    .insertInto('clientenstop')
    .values({ region_id: actor.regionId, provider_id: input.providerId, segment_id: input.segmentId, van: input.van, tot: input.tot, reden: input.reden, ingesteld_door: actor.userId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id }
}

/** Lifts a stop from a day (art. 1.5.10: the opdrachtgever decides that there is room again). */
export async function liftClientenstop(trx: ScopedDb, actor: Actor, id: number, raw: z.input<typeof opheffenInputSchema>): Promise<void> {
  const input = opheffenInputSchema.parse(raw)
  const s = await trx.selectFrom('clientenstop').select(['id', 'van', 'tot', 'opgeheven_door']).where('id', '=', id).executeTakeFirst()
  if (!s) throw new AppError('clientenstop.not_found', `cliëntenstop ${id} not found`)
  if (s.opgeheven_door !== null || (s.tot !== null && s.tot < input.tot)) throw new AppError('clientenstop.al_opgeheven', `cliëntenstop ${id} already ends on ${s.tot}`)
  if (input.tot < s.van) throw new AppError('input.invalid', 'a stop ends on or after its start', [{ path: 'tot', message: 'before the start' }])
  await trx.updateTable('clientenstop').set({ tot: input.tot, opgeheven_door: actor.userId, opheffing_notitie: input.notitie }).where('id', '=', id).execute()
}

/** The stops in the actor's scope (a provider: its own), newest first. */
export async function listClientenstops(trx: ScopedDb, actor: Actor, filter: { providerId?: number | undefined }, vandaag: CalendarDate): Promise<Clientenstop[]> {
  let q = trx.selectFrom('clientenstop').select(['id', 'provider_id', 'segment_id', 'van', 'tot', 'reden', 'ingesteld_op', 'opheffing_notitie']).where('region_id', '=', actor.regionId).orderBy('van', 'desc').orderBy('id', 'desc')
  const providerId = actor.providerId ?? filter.providerId
  if (providerId !== undefined) q = q.where('provider_id', '=', providerId)
  const [rows, names] = await Promise.all([q.execute(), nameLookup(trx, actor.regionId)])
  return rows.map((r) => ({
    id: r.id,
    providerId: r.provider_id,
    aanbieder: names.provider(r.provider_id),
    segmentId: r.segment_id,
    segment: r.segment_id === null ? 'Alle segmenten' : names.segment(r.segment_id),
    van: r.van,
    tot: r.tot,
    reden: r.reden,
    ingesteldOp: new Date(r.ingesteld_op).toISOString(),
    opheffingNotitie: r.opheffing_notitie,
    actief: r.van <= vandaag && (r.tot === null || vandaag <= r.tot),
  }))
}

/** The stops the toegang rules weigh for a segment: those of the segment and those over a provider's whole agreement. */
export async function stopsForSegment(trx: ScopedDb, segmentId: number): Promise<Stop[]> {
  const rows = await trx.selectFrom('clientenstop').select(['id', 'provider_id', 'segment_id', 'van', 'tot', 'reden']).where((eb) => eb.or([eb('segment_id', '=', segmentId), eb('segment_id', 'is', null)])).execute()
  return rows.map((r) => ({ id: r.id, providerId: r.provider_id, segmentId: r.segment_id, van: r.van, tot: r.tot, reden: r.reden }))
}

export const inzetQuerySchema = z.object({
  peildatum: calendarDate.optional(),
  /** The norm of art. 1.6.1: below this share of the mean realisation of the contracted providers is too little. */
  normPct: z.coerce.number().int().min(1).max(100).default(10),
})

export type InzetRegelMetNaam = InzetRegel & { aanbieder: string }

/**
 * Art. 1.6: the providers contracted over the last 12 whole calendar months with no or too
 * little realisation in them, with the end of a 6-month notice given on the reference date.
 */
export async function onvoldoendeInzetLijst(trx: ScopedDb, actor: Actor, peildatum: CalendarDate, normPct: number): Promise<InzetRegelMetNaam[]> {
  const { van, tot } = inzetPeriode(peildatum)
  const [starts, realised] = await Promise.all([
    trx.selectFrom('contract_award').select(['provider_id', sql<string>`to_char(min(valid_from), 'YYYY-MM-DD')`.as('start')]).where('region_id', '=', actor.regionId).groupBy('provider_id').execute(),
    sql<{ provider_id: number; cents: number }>`
      select provider_id, sum(debet_cents - credit_cents)::bigint as cents
      from realisatie_maand
      where region_id = ${actor.regionId} and maand between ${van}::date and ${tot}::date
      group by 1`.execute(trx),
  ])
  const byProvider = new Map(realised.rows.map((r) => [r.provider_id, Number(r.cents)]))
  // The mean over the providers contracted over the whole period (those the article measures).
  const contracted = starts.filter((s) => s.start <= van)
  const gemiddeldCents = contracted.length > 0 ? Math.round(contracted.reduce((sum, s) => sum + (byProvider.get(s.provider_id) ?? 0), 0) / contracted.length) : 0
  const feiten = starts.map((s) => ({ providerId: s.provider_id, contractStart: s.start, gerealiseerdCents: byProvider.get(s.provider_id) ?? 0, gemiddeldCents }))
  const names = await nameLookup(trx, actor.regionId)
  return onvoldoendeInzet(feiten, peildatum, normPct).map((r) => ({ ...r, aanbieder: names.provider(r.providerId) }))
}
