/**
 * The integrity register of a provider (issue 21 §1): entries recorded by the provider itself,
 * the region's team or the toezichthouder; its annual accounts with their ratios, trends and
 * the same-segment comparison (§2); the settings of the signals; the imported sanctions list.
 * Who records what is in ADR 0035 and docs/integriteit.md; the database agrees (migration 0031).
 */
import { sql } from 'kysely'
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import type { RegistratieSoort } from '../db/schema.ts'
import { AppError } from '../shared/errors.ts'
import { type JaarcijfersInput, type RegistratieInput, instellingSchema, registratieSchema } from './integriteit.schema.ts'
import { type ContractMaximum, type IntegriteitInstelling, type Jaarcijfers, type Ratios, defaultInstelling, normaliseerNaam, ratios } from './integriteit.rules.ts'

/** The kinds a provider records about itself; the others are the region's and the toezichthouder's. */
export const aanbiederSoorten: readonly RegistratieSoort[] = ['ubo', 'vog', 'toezicht', 'keurmerk', 'rvt']


export interface Registratie {
  id: number
  providerId: number
  onderaannemer: string | null
  soort: RegistratieSoort
  datum: string
  gegevens: Record<string, unknown>
  document: string | null
  vastgelegdDoor: string
  vastgelegdOp: string
}

/** The provider as the actor may see it, or not found. */
export async function providerInScope(trx: ScopedDb, actor: Actor, providerId: number): Promise<{ id: number; name: string; kvkNumber: string }> {
  if (actor.providerId !== null && actor.providerId !== providerId) throw new AppError('integriteit.provider_not_found', `provider ${providerId} not found`)
  const p = await trx.selectFrom('provider').select(['id', 'name', 'kvk_number']).where('id', '=', providerId).where('region_id', '=', actor.regionId).executeTakeFirst()
  if (!p) throw new AppError('integriteit.provider_not_found', `provider ${providerId} not found`)
  return { id: p.id, name: p.name, kvkNumber: p.kvk_number }
}

/** Records an entry of the register: a provider its own of the kinds it reports, the region's team and the toezichthouder any. */
export async function recordRegistratie(trx: ScopedDb, actor: Actor, raw: RegistratieInput): Promise<{ id: number }> {
  const input = registratieSchema.parse(raw)
  if (actor.role === 'aanbieder') {
    if (actor.providerId !== input.providerId) throw new AppError('integriteit.not_own', 'a provider records only its own register', [{ path: 'providerId', message: 'not your own' }])
    if (!aanbiederSoorten.includes(input.soort)) throw new AppError('integriteit.kind_reserved', `a ${input.soort} entry is recorded by the region or the toezichthouder`, [{ path: 'soort', message: 'reserved' }])
  }
  await providerInScope(trx, actor, input.providerId)
  const row = await trx
    .insertInto('integriteit_registratie')
    .values({
      region_id: actor.regionId,
      provider_id: input.providerId,
      onderaannemer: input.onderaannemer ?? null,
      soort: input.soort,
      datum: input.datum,
      gegevens: JSON.stringify(input.gegevens),
      document: input.document ?? null,
      recorded_by: actor.userId,
      recorded_by_name: actor.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id }
}

export async function listRegistraties(trx: ScopedDb, actor: Actor, providerId: number): Promise<Registratie[]> {
  const rows = await trx
    .selectFrom('integriteit_registratie')
    .selectAll()
    .where('region_id', '=', actor.regionId)
    .where('provider_id', '=', providerId)
    .orderBy('datum', 'desc')
    .orderBy('id', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    providerId: r.provider_id,
    onderaannemer: r.onderaannemer,
    soort: r.soort,
    datum: r.datum,
    gegevens: r.gegevens as Record<string, unknown>,
    document: r.document,
    vastgelegdDoor: r.recorded_by_name,
    vastgelegdOp: new Date(r.recorded_at).toISOString(),
  }))
}

// ---- annual accounts -------------------------------------------------------------------


/** Stores (or replaces) a provider's annual account of a year. */
export async function saveJaarrekening(trx: ScopedDb, actor: Actor, input: JaarcijfersInput): Promise<void> {
  if (actor.role === 'aanbieder' && actor.providerId !== input.providerId) throw new AppError('integriteit.not_own', 'a provider records only its own annual account')
  if (input.omzetRegioCents > input.omzetCents) throw new AppError('integriteit.entry_invalid', 'the revenue from the region exceeds the revenue', [{ path: 'omzetRegioCents', message: 'more than the revenue', melding: 'De omzet uit de regio is groter dan de totale omzet.' }])
  const values = {
    omzet_cents: input.omzetCents,
    omzet_regio_cents: input.omzetRegioCents,
    personeelskosten_cents: input.personeelskostenCents,
    inhuur_cents: input.inhuurCents,
    resultaat_cents: input.resultaatCents,
    eigen_vermogen_cents: input.eigenVermogenCents,
    balanstotaal_cents: input.balanstotaalCents,
    vlottende_activa_cents: input.vlottendeActivaCents,
    kortlopende_schulden_cents: input.kortlopendeSchuldenCents,
    dividend_cents: input.dividendCents,
    verbonden_partijen_cents: input.verbondenPartijenCents,
    ingediend_op: input.ingediendOp,
    bron: input.bron,
    recorded_by: actor.userId,
    recorded_by_name: actor.name,
  }
  await trx
    .insertInto('jaarrekening')
    .values({ region_id: actor.regionId, provider_id: input.providerId, jaar: input.jaar, ...values })
    .onConflict((oc) => oc.columns(['region_id', 'provider_id', 'jaar']).doUpdateSet({ ...values, recorded_at: new Date() }))
    .execute()
}

export interface Jaarrekening extends Jaarcijfers {
  providerId: number
  ingediendOp: string
  bron: string
  vastgelegdDoor: string
  ratios: Ratios
}

/** Annual accounts in the actor's scope (a provider its own), for some providers or all. */
export async function listJaarrekeningen(trx: ScopedDb, actor: Actor, providerIds?: readonly number[]): Promise<Jaarrekening[]> {
  let q = trx.selectFrom('jaarrekening').selectAll().where('region_id', '=', actor.regionId).orderBy('provider_id').orderBy('jaar')
  if (actor.providerId !== null) q = q.where('provider_id', '=', actor.providerId)
  if (providerIds !== undefined) {
    if (providerIds.length === 0) return []
    q = q.where('provider_id', 'in', providerIds)
  }
  return (await q.execute()).map((r) => {
    const j: Jaarcijfers = {
      jaar: r.jaar,
      omzetCents: r.omzet_cents,
      omzetRegioCents: r.omzet_regio_cents,
      personeelskostenCents: r.personeelskosten_cents,
      inhuurCents: r.inhuur_cents,
      resultaatCents: r.resultaat_cents,
      eigenVermogenCents: r.eigen_vermogen_cents,
      balanstotaalCents: r.balanstotaal_cents,
      vlottendeActivaCents: r.vlottende_activa_cents,
      kortlopendeSchuldenCents: r.kortlopende_schulden_cents,
      dividendCents: r.dividend_cents,
      verbondenPartijenCents: r.verbonden_partijen_cents,
    }
    return { ...j, providerId: r.provider_id, ingediendOp: r.ingediend_op, bron: r.bron, vastgelegdDoor: r.recorded_by_name, ratios: ratios(j) }
  })
}

/** The segments a provider holds (or held) an award in. */
export async function segmentsOfProviders(trx: ScopedDb, regionId: number): Promise<{ providerId: number; segmentId: number; segment: string }[]> {
  const { rows } = await sql<{ provider_id: number; segment_id: number; name: string }>`
    select distinct a.provider_id, l.segment_id, s.name
    from contract_award a
    join contract_lot l on l.region_id = a.region_id and l.id = a.lot_id
    join segment s on s.region_id = l.region_id and s.id = l.segment_id
    where a.region_id = ${regionId}
    order by a.provider_id, s.name`.execute(trx)
  return rows.map((r) => ({ providerId: r.provider_id, segmentId: r.segment_id, segment: r.name }))
}

/**
 * The awards of the region's providers (or of some) with their contract's own profit maximum
 * (migration 0032; null: the region's setting applies), for `geldendeMaxWinst`.
 */
export async function contractMaxima(trx: ScopedDb, regionId: number, providerIds?: readonly number[]): Promise<Map<number, ContractMaximum[]>> {
  let q = trx
    .selectFrom('contract_award as a')
    .innerJoin('contract_lot as l', (j) => j.onRef('l.region_id', '=', 'a.region_id').onRef('l.id', '=', 'a.lot_id'))
    .innerJoin('contract as c', (j) => j.onRef('c.region_id', '=', 'l.region_id').onRef('c.id', '=', 'l.contract_id'))
    .select(['a.provider_id', 'c.reference', 'c.max_winst_pct', 'a.valid_from', 'a.valid_to'])
    .where('a.region_id', '=', regionId)
    .orderBy('a.provider_id')
    .orderBy('c.reference')
    .orderBy('a.valid_from')
  if (providerIds !== undefined) {
    if (providerIds.length === 0) return new Map()
    q = q.where('a.provider_id', 'in', providerIds)
  }
  const out = new Map<number, ContractMaximum[]>()
  for (const r of await q.execute()) out.set(r.provider_id, [...(out.get(r.provider_id) ?? []), { contract: r.reference, maxWinstPct: r.max_winst_pct, validFrom: r.valid_from, validTo: r.valid_to }])
  return out
}

const ratioKeys = ['marge', 'solvabiliteit', 'currentRatio', 'aandeelRegio', 'aandeelInhuur'] as const

/** The mean of each ratio over the accounts that have it. */
export function meanRatios(list: readonly Ratios[]): Ratios {
  const out = {} as Record<(typeof ratioKeys)[number], number | null>
  for (const k of ratioKeys) {
    const values = list.map((r) => r[k]).filter((v): v is number => v !== null)
    out[k] = values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length
  }
  return out
}

export interface Vergelijking {
  jaar: number
  segmentId: number
  segment: string
  /** The providers of the segment with an account that year (the provider itself included). */
  aanbieders: number
  gemiddeld: Ratios
}

/**
 * Each year's ratios of the providers of the same segments as `providerId`, averaged. Not for a
 * provider (it would see its competitors' figures when the segment is small): the region's
 * team, the toezichthouder and the gemeenten.
 */
export async function segmentVergelijking(trx: ScopedDb, actor: Actor, providerId: number): Promise<Vergelijking[]> {
  if (actor.role === 'aanbieder') return []
  const segments = await segmentsOfProviders(trx, actor.regionId)
  const own = segments.filter((s) => s.providerId === providerId)
  if (own.length === 0) return []
  const all = await listJaarrekeningen(trx, actor)
  const out: Vergelijking[] = []
  for (const s of own) {
    const members = new Set(segments.filter((x) => x.segmentId === s.segmentId).map((x) => x.providerId))
    const years = [...new Set(all.filter((j) => j.providerId === providerId).map((j) => j.jaar))].sort()
    for (const jaar of years) {
      const accounts = all.filter((j) => j.jaar === jaar && members.has(j.providerId))
      out.push({ jaar, segmentId: s.segmentId, segment: s.segment, aanbieders: accounts.length, gemiddeld: meanRatios(accounts.map((a) => a.ratios)) })
    }
  }
  return out
}

// ---- settings and the sanctions list ------------------------------------------------------


export async function integriteitInstelling(trx: ScopedDb, regionId: number): Promise<IntegriteitInstelling> {
  const r = await trx.selectFrom('integriteit_instelling').selectAll().where('region_id', '=', regionId).executeTakeFirst()
  return r ? { maxWinstPct: r.max_winst_pct, minSolvabiliteitPct: r.min_solvabiliteit_pct, minCurrentRatio: r.min_current_ratio, maxInhuurPct: r.max_inhuur_pct } : defaultInstelling
}

export async function setIntegriteitInstelling(trx: ScopedDb, actor: Actor, raw: z.input<typeof instellingSchema>): Promise<IntegriteitInstelling> {
  const input = instellingSchema.parse(raw)
  const values = { max_winst_pct: input.maxWinstPct, min_solvabiliteit_pct: input.minSolvabiliteitPct, min_current_ratio: input.minCurrentRatio, max_inhuur_pct: input.maxInhuurPct, gewijzigd_door: actor.userId }
  await trx
    .insertInto('integriteit_instelling')
    .values({ region_id: actor.regionId, ...values })
    .onConflict((oc) => oc.column('region_id').doUpdateSet({ ...values, gewijzigd_op: new Date() }))
    .execute()
  return input
}

export interface SanctieInput {
  naam: string
  geboortedatum: string | null
  kvkNummer: string | null
}

/** Replaces the region's sanctions list by `rows` (the import is the list as it is now). */
export async function replaceSanctielijst(trx: ScopedDb, actor: Actor, rows: readonly SanctieInput[], bron: string): Promise<{ regels: number }> {
  await trx.deleteFrom('sanctielijst').where('region_id', '=', actor.regionId).execute()
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto('sanctielijst')
      .values(rows.slice(i, i + 1000).map((r) => ({ region_id: actor.regionId, naam: r.naam, naam_genormaliseerd: normaliseerNaam(r.naam), geboortedatum: r.geboortedatum, kvk_nummer: r.kvkNummer, bron, geimporteerd_door: actor.userId })))
      .execute()
  }
  return { regels: rows.length }
}

export async function sanctielijst(trx: ScopedDb, regionId: number): Promise<SanctieInput[]> {
  const rows = await trx.selectFrom('sanctielijst').select(['naam', 'geboortedatum', 'kvk_nummer']).where('region_id', '=', regionId).orderBy('id').execute()
  return rows.map((r) => ({ naam: r.naam, geboortedatum: r.geboortedatum, kvkNummer: r.kvk_nummer }))
}

export async function sanctielijstStand(trx: ScopedDb, regionId: number): Promise<{ regels: number; bron: string | null; geimporteerdOp: string | null }> {
  const r = await trx.selectFrom('sanctielijst').select([sql<number>`count(*)::int`.as('n'), sql<string | null>`max(bron)`.as('bron'), sql<Date | null>`max(geimporteerd_op)`.as('op')]).where('region_id', '=', regionId).executeTakeFirstOrThrow()
  return { regels: r.n, bron: r.bron, geimporteerdOp: r.op === null ? null : new Date(r.op).toISOString() }
}
