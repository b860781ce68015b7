/**
 * Integrity signals (issue 21 §3): raised from the register, the annual accounts, the sanctions
 * list and the declarations (integriteit.rules.ts), kept with their evidence, and followed
 * through open → erkend (a note and an owner) → gesloten (a note), as the budget signals
 * (src/budgets/signal.queries.ts). A signal is raised once per kind, provider and key (a year,
 * a measure); while it holds it is `actueel`. A UBO signal that holds suspends payments: the
 * flag on the provider's declarations (`betalingOpgeschort`), never a change of the 325.
 */
import { sql } from 'kysely'
import { z } from 'zod'
import { type Actor, systemActor } from '../auth/actor.ts'
import type { Database } from '../db/database.ts'
import { type ScopedDb, withActor } from '../db/scope.ts'
import type { IntegriteitSignaalSoort, SignalLifecycle } from '../db/schema.ts'
import { AppError } from '../shared/errors.ts'
import { acknowledgeSchema, closeSchema } from './integriteit.schema.ts'
import { type ProviderBeeld, type ToezichtBron, integriteitSignalen, laatsteVerplichteJaar, opschortendeSoorten, signaalSoorten } from './integriteit.rules.ts'
import { contractMaxima, integriteitInstelling, listJaarrekeningen, sanctielijst } from './register.queries.ts'

/** Everything the rules need, per provider of the region (as the region). */
async function providerBeelden(trx: ScopedDb, actor: Actor, asOf: string): Promise<ProviderBeeld[]> {
  const regionId = actor.regionId
  const jaar = laatsteVerplichteJaar(asOf)
  const [providers, entries, accounts, declared, awarded, maxima] = await Promise.all([
    trx.selectFrom('provider').select(['id', 'name', 'kvk_number']).where('region_id', '=', regionId).orderBy('id').execute(),
    trx.selectFrom('integriteit_registratie').select(['id', 'provider_id', 'soort', 'datum', 'gegevens']).where('region_id', '=', regionId).where('onderaannemer', 'is', null).where('soort', 'in', ['ubo', 'bibob', 'toezicht']).orderBy('datum').orderBy('id').execute(),
    listJaarrekeningen(trx, actor),
    sql<{ provider_id: number; jaar: number; cents: string }>`
      select provider_id, extract(year from maand)::int as jaar, sum(debet_cents - credit_cents)::text as cents
      from realisatie_maand where region_id = ${regionId} group by provider_id, extract(year from maand)`.execute(trx),
    sql<{ provider_id: number }>`
      select distinct provider_id from contract_award
      where region_id = ${regionId} and valid_from <= ${`${jaar}-12-31`}::date and (valid_to is null or valid_to >= ${`${jaar}-01-01`}::date)`.execute(trx),
    contractMaxima(trx, regionId),
  ])
  const verplicht = new Set(awarded.rows.map((r) => r.provider_id))
  return providers.map((p) => {
    const own = entries.filter((e) => e.provider_id === p.id)
    const ubo = own.filter((e) => e.soort === 'ubo').at(-1)
    const bibob = own.filter((e) => e.soort === 'bibob').at(-1)
    const gedeclareerd: Record<number, number> = {}
    for (const d of declared.rows) if (d.provider_id === p.id) gedeclareerd[d.jaar] = Number(d.cents)
    return {
      providerId: p.id,
      naam: p.name,
      kvkNummer: p.kvk_number,
      ubo: ubo ? { datum: ubo.datum, ...(ubo.gegevens as { identiteitVastgesteld: boolean; personen: { naam: string; geboortedatum: string }[] }) } : null,
      bibob: bibob ? { datum: bibob.datum, uitkomst: (bibob.gegevens as { uitkomst: 'positief' | 'negatief' | 'lopend' }).uitkomst } : null,
      maatregelen: own
        .filter((e) => e.soort === 'toezicht')
        .map((e) => {
          const g = e.gegevens as { bron: ToezichtBron; maatregelDatum: string; gemeldOp: string | null }
          return { id: e.id, bron: g.bron, maatregelDatum: g.maatregelDatum, gemeldOp: g.gemeldOp }
        }),
      jaarrekeningen: accounts.filter((j) => j.providerId === p.id),
      gedeclareerd,
      jaarrekeningVerplicht: verplicht.has(p.id),
      contracten: maxima.get(p.id) ?? [],
    }
  })
}

/**
 * Evaluates every provider of the region as of `asOf` and records what it raises; signals whose
 * condition no longer holds are marked not `actueel` (a person closes them). Runs as the region.
 */
export async function refreshIntegriteitSignalen(db: Database | ScopedDb, regionId: number, asOf: string): Promise<{ raised: number; current: number }> {
  const actor = systemActor(regionId, 'integriteitssignalering')
  return withActor(db, actor, async (trx) => {
    const [beelden, lijst, instelling] = await Promise.all([providerBeelden(trx, actor, asOf), sanctielijst(trx, regionId), integriteitInstelling(trx, regionId)])
    const candidates = integriteitSignalen(beelden, lijst, instelling, asOf)
    let raised = 0
    for (const c of candidates) {
      const row = await trx
        .insertInto('integriteit_signaal')
        .values({ region_id: regionId, soort: c.soort, provider_id: c.providerId, sleutel: c.sleutel, titel: c.titel, bewijs: JSON.stringify(c.bewijs) })
        .onConflict((oc) => oc.constraint('integriteit_signaal_key').doUpdateSet({ titel: c.titel, bewijs: JSON.stringify(c.bewijs), actueel: true, bijgewerkt_op: new Date() }))
        .returning(sql<boolean>`xmax = 0`.as('inserted'))
        .executeTakeFirst()
      if (row?.inserted) raised++
    }
    const current = new Set(candidates.map((c) => `${c.soort}|${c.providerId}|${c.sleutel}`))
    const holding = await trx.selectFrom('integriteit_signaal').select(['id', 'soort', 'provider_id', 'sleutel']).where('region_id', '=', regionId).where('actueel', '=', true).execute()
    const stale = holding.filter((s) => !current.has(`${s.soort}|${s.provider_id}|${s.sleutel}`)).map((s) => s.id)
    if (stale.length > 0) await trx.updateTable('integriteit_signaal').set({ actueel: false, bijgewerkt_op: new Date() }).where('id', 'in', stale).execute()
    return { raised, current: candidates.length }
  })
}

export interface IntegriteitSignaal extends SignalLifecycle {
  id: number
  soort: IntegriteitSignaalSoort
  providerId: number
  aanbieder: string
  sleutel: string
  /** While it holds, payments to the provider are to be suspended (a UBO signal). */
  betalingOpschorten: boolean
}

export const integriteitSignaalFilterSchema = z.object({
  status: z.enum(['open', 'erkend', 'gesloten', 'lopend']).optional(),
  soort: z.enum(signaalSoorten as [IntegriteitSignaalSoort, ...IntegriteitSignaalSoort[]]).optional(),
  providerId: z.coerce.number().int().positive().optional(),
})

/** The integrity signals of the region (the region's team, the toezichthouder; a gemeente reads), newest first. */
export async function listIntegriteitSignalen(trx: ScopedDb, actor: Actor, filter: z.infer<typeof integriteitSignaalFilterSchema> = {}): Promise<IntegriteitSignaal[]> {
  let q = trx
    .selectFrom('integriteit_signaal as s')
    .innerJoin('provider as p', (j) => j.onRef('p.region_id', '=', 's.region_id').onRef('p.id', '=', 's.provider_id'))
    .leftJoin('app_user as e', 'e.id', 's.eigenaar')
    .leftJoin('app_user as a', 'a.id', 's.erkend_door')
    .leftJoin('app_user as c', 'c.id', 's.gesloten_door')
    .select(['s.id', 's.soort', 's.provider_id', 'p.name as aanbieder', 's.sleutel', 's.status', 's.titel', 's.bewijs', 's.actueel', 's.geopend_op', 's.bijgewerkt_op', 's.eigenaar', 'e.display_name as eigenaar_naam', 'a.display_name as erkend_naam', 's.erkend_op', 's.erkend_notitie', 'c.display_name as gesloten_naam', 's.gesloten_op', 's.gesloten_notitie'])
    .where('s.region_id', '=', actor.regionId)
    .orderBy('s.geopend_op', 'desc')
    .orderBy('s.id', 'desc')
  if (filter.status === 'lopend') q = q.where('s.status', '<>', 'gesloten')
  else if (filter.status !== undefined) q = q.where('s.status', '=', filter.status)
  if (filter.soort !== undefined) q = q.where('s.soort', '=', filter.soort)
  if (filter.providerId !== undefined) q = q.where('s.provider_id', '=', filter.providerId)
  const rows = await q.execute()
  const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString())
  return rows.map((r) => ({
    id: r.id,
    soort: r.soort,
    providerId: r.provider_id,
    aanbieder: r.aanbieder,
    sleutel: r.sleutel,
    status: r.status,
    titel: r.titel,
    bewijs: r.bewijs as Record<string, number | string>,
    actueel: r.actueel,
    betalingOpschorten: r.actueel && opschortendeSoorten.includes(r.soort),
    geopendOp: iso(r.geopend_op)!,
    bijgewerktOp: iso(r.bijgewerkt_op)!,
    eigenaar: r.eigenaar_naam,
    eigenaarId: r.eigenaar,
    erkendDoor: r.erkend_naam,
    erkendOp: iso(r.erkend_op),
    erkendNotitie: r.erkend_notitie,
    geslotenDoor: r.gesloten_naam,
    geslotenOp: iso(r.gesloten_op),
    geslotenNotitie: r.gesloten_notitie,
  }))
}


/** Who may own an integrity signal: the region's team and the toezichthouder's. */
export async function signaalEigenaren(trx: ScopedDb, actor: Actor): Promise<{ id: number; name: string }[]> {
  const rows = await trx.selectFrom('app_user').select(['id', 'display_name']).where('region_id', '=', actor.regionId).where('role', 'in', ['regio', 'toezichthouder']).orderBy('display_name').orderBy('id').execute()
  return rows.map((u) => ({ id: u.id, name: u.display_name }))
}

async function signaal(trx: ScopedDb, actor: Actor, id: number) {
  const s = await trx.selectFrom('integriteit_signaal').select(['id', 'status']).where('id', '=', id).where('region_id', '=', actor.regionId).executeTakeFirst()
  if (!s) throw new AppError('integriteit.signal_not_found', `integrity signal ${id} not found`)
  return s
}

export async function acknowledgeIntegriteitSignaal(trx: ScopedDb, actor: Actor, id: number, raw: z.input<typeof acknowledgeSchema>): Promise<void> {
  const input = acknowledgeSchema.parse(raw)
  const s = await signaal(trx, actor, id)
  if (s.status !== 'open') throw new AppError('signal.not_open', `signal ${id} is ${s.status}; only an open signal is acknowledged`)
  if (!(await signaalEigenaren(trx, actor)).some((o) => o.id === input.eigenaarId)) throw new AppError('integriteit.owner_invalid', 'the owner must be a member of the region team or a toezichthouder', [{ path: 'eigenaarId', message: 'not a possible owner' }])
  await trx.updateTable('integriteit_signaal').set({ status: 'erkend', eigenaar: input.eigenaarId, erkend_door: actor.userId, erkend_op: new Date(), erkend_notitie: input.notitie }).where('id', '=', id).execute()
}

export async function closeIntegriteitSignaal(trx: ScopedDb, actor: Actor, id: number, raw: z.input<typeof closeSchema>): Promise<void> {
  const input = closeSchema.parse(raw)
  const s = await signaal(trx, actor, id)
  if (s.status !== 'erkend') throw new AppError('signal.not_acknowledged', `signal ${id} is ${s.status}; a signal is acknowledged before it is closed`)
  await trx.updateTable('integriteit_signaal').set({ status: 'gesloten', gesloten_door: actor.userId, gesloten_op: new Date(), gesloten_notitie: input.notitie }).where('id', '=', id).execute()
}

/**
 * The providers whose payments are to be suspended (art. 3.15: UBO missing or on the sanctions
 * list): a UBO signal that still holds, whatever its follow-up. Read through a definer-free
 * query on the signals, so it is only answered for the roles that see them (the region, the
 * toezichthouder, a gemeente — the finance team); a provider gets an empty set.
 */
export async function betalingOpgeschort(trx: ScopedDb, actor: Actor, providerIds?: readonly number[]): Promise<Set<number>> {
  if (actor.role === 'aanbieder' || actor.role === 'lokaal_team') return new Set()
  let q = trx.selectFrom('integriteit_signaal').select('provider_id').distinct().where('region_id', '=', actor.regionId).where('actueel', '=', true).where('soort', 'in', opschortendeSoorten)
  if (providerIds !== undefined) {
    if (providerIds.length === 0) return new Set()
    q = q.where('provider_id', 'in', providerIds)
  }
  return new Set((await q.execute()).map((r) => r.provider_id))
}
