/**
 * Lawfulness investigations (issue 21 §4): a case opened from an integrity signal or a sample
 * finding (steekproef_regel), with its steps, findings and measures (a recovery in cents) and
 * the declarations it concerns. The region's team (ICM) and the toezichthouder work on it
 * together; a provider reads, of its own investigations, only what it must answer.
 */
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import { AppError } from '../shared/errors.ts'
import { afrondenSchema, onderzoekInputSchema, stapInputSchema } from './integriteit.schema.ts'



export async function openOnderzoek(trx: ScopedDb, actor: Actor, raw: z.input<typeof onderzoekInputSchema>): Promise<{ id: number }> {
  const input = onderzoekInputSchema.parse(raw)
  if (input.signaalId !== undefined) {
    const s = await trx.selectFrom('integriteit_signaal').select('provider_id').where('region_id', '=', actor.regionId).where('id', '=', input.signaalId).executeTakeFirst()
    if (!s || s.provider_id !== input.providerId) throw new AppError('onderzoek.cause_invalid', 'the signal is not one of this provider', [{ path: 'signaalId', message: 'not a signal of this provider' }])
  } else {
    const r = await trx.selectFrom('steekproef_regel').select(['provider_id', 'uitkomst']).where('region_id', '=', actor.regionId).where('id', '=', input.steekproefRegelId!).executeTakeFirst()
    if (!r || r.provider_id !== input.providerId || r.uitkomst === null) throw new AppError('onderzoek.cause_invalid', 'the sample line is not a finding about this provider', [{ path: 'steekproefRegelId', message: 'not a finding of this provider' }])
  }
  const ids = [...new Set(input.declaratieIds)]
  if (ids.length > 0) {
    const found = await trx.selectFrom('declaratie').select('id').where('region_id', '=', actor.regionId).where('provider_id', '=', input.providerId).where('id', 'in', ids).execute()
    const known = new Set(found.map((d) => d.id))
    const wrong = ids.filter((id) => !known.has(id))
    if (wrong.length > 0) throw new AppError('onderzoek.declaratie_invalid', `declarations ${wrong.join(', ')} are not of this provider`, wrong.map((id) => ({ path: `declaratieIds/${input.declaratieIds.indexOf(id)}`, message: 'not a declaration of this provider' })))
  }
  const row = await trx
    .insertInto('rechtmatigheid_onderzoek')
    .values({
      region_id: actor.regionId,
      provider_id: input.providerId,
      titel: input.titel,
      aanleiding: input.signaalId !== undefined ? 'signaal' : 'steekproef',
      signaal_id: input.signaalId ?? null,
      steekproef_regel_id: input.steekproefRegelId ?? null,
      vraag_aan_aanbieder: input.vraagAanAanbieder,
      geopend_door: actor.userId,
      geopend_door_naam: actor.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (ids.length > 0) await trx.insertInto('onderzoek_declaratie').values(ids.map((d) => ({ region_id: actor.regionId, onderzoek_id: row.id, declaratie_id: d }))).execute()
  return { id: row.id }
}

async function lopendOnderzoek(trx: ScopedDb, actor: Actor, id: number) {
  const o = await trx.selectFrom('rechtmatigheid_onderzoek').select(['id', 'status']).where('region_id', '=', actor.regionId).where('id', '=', id).executeTakeFirst()
  if (!o) throw new AppError('onderzoek.not_found', `investigation ${id} not found`)
  if (o.status === 'afgerond') throw new AppError('onderzoek.closed', `investigation ${id} is closed`)
  return o
}

export async function addStap(trx: ScopedDb, actor: Actor, onderzoekId: number, raw: z.input<typeof stapInputSchema>): Promise<{ id: number }> {
  const input = stapInputSchema.parse(raw)
  await lopendOnderzoek(trx, actor, onderzoekId)
  const row = await trx
    .insertInto('onderzoek_stap')
    .values({ region_id: actor.regionId, onderzoek_id: onderzoekId, soort: input.soort, tekst: input.tekst, terugvordering_cents: input.terugvorderingCents ?? null, recorded_by: actor.userId, recorded_by_name: actor.name })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id }
}


/** Closes an investigation with its conclusion (kept as its last finding). */
export async function rondOnderzoekAf(trx: ScopedDb, actor: Actor, onderzoekId: number, raw: z.input<typeof afrondenSchema>): Promise<void> {
  const input = afrondenSchema.parse(raw)
  await addStap(trx, actor, onderzoekId, { soort: 'bevinding', tekst: `Conclusie: ${input.conclusie}` })
  await trx.updateTable('rechtmatigheid_onderzoek').set({ status: 'afgerond', afgerond_op: new Date() }).where('id', '=', onderzoekId).execute()
}

/** What a provider sees of an investigation about it. */
export interface OnderzoekVoorAanbieder {
  id: number
  providerId: number
  vraagAanAanbieder: string
  status: 'lopend' | 'afgerond'
  geopendOp: string
}

export interface Onderzoek extends OnderzoekVoorAanbieder {
  aanbieder: string
  titel: string
  aanleiding: 'signaal' | 'steekproef'
  signaalId: number | null
  steekproefRegelId: number | null
  geopendDoor: string
  afgerondOp: string | null
  terugvorderingCents: number
}

export interface OnderzoekDetail extends Onderzoek {
  stappen: { id: number; soort: 'stap' | 'bevinding' | 'maatregel'; tekst: string; terugvorderingCents: number | null; vastgelegdDoor: string; vastgelegdOp: string }[]
  declaraties: { id: number; declaratieNummer: string; gemeenteId: number; ingediendCents: number; toegekendCents: number }[]
}

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString())

/** The investigations in the actor's scope: the whole case for the region's team and the toezichthouder, the question for a provider. */
export async function listOnderzoeken(trx: ScopedDb, actor: Actor): Promise<(Onderzoek | OnderzoekVoorAanbieder)[]> {
  let q = trx
    .selectFrom('rechtmatigheid_onderzoek as o')
    .innerJoin('provider as p', (j) => j.onRef('p.region_id', '=', 'o.region_id').onRef('p.id', '=', 'o.provider_id'))
    .selectAll('o')
    .select('p.name as aanbieder')
    .where('o.region_id', '=', actor.regionId)
    .orderBy('o.geopend_op', 'desc')
    .orderBy('o.id', 'desc')
  if (actor.role === 'aanbieder') {
    q = q.where('o.provider_id', '=', actor.providerId!)
    return (await q.execute()).map((o) => ({ id: o.id, providerId: o.provider_id, vraagAanAanbieder: o.vraag_aan_aanbieder, status: o.status, geopendOp: iso(o.geopend_op)! }))
  }
  const rows = await q.execute()
  const recovered = rows.length === 0 ? [] : await trx.selectFrom('onderzoek_stap').select(['onderzoek_id', (eb) => eb.fn.sum<string>('terugvordering_cents').as('cents')]).where('region_id', '=', actor.regionId).groupBy('onderzoek_id').execute()
  const byId = new Map(recovered.map((r) => [r.onderzoek_id, Number(r.cents ?? 0)]))
  return rows.map((o) => ({
    id: o.id,
    providerId: o.provider_id,
    aanbieder: o.aanbieder,
    titel: o.titel,
    aanleiding: o.aanleiding,
    signaalId: o.signaal_id,
    steekproefRegelId: o.steekproef_regel_id,
    vraagAanAanbieder: o.vraag_aan_aanbieder,
    status: o.status,
    geopendDoor: o.geopend_door_naam,
    geopendOp: iso(o.geopend_op)!,
    afgerondOp: iso(o.afgerond_op),
    terugvorderingCents: byId.get(o.id) ?? 0,
  }))
}

export async function onderzoekDetail(trx: ScopedDb, actor: Actor, id: number): Promise<OnderzoekDetail | OnderzoekVoorAanbieder> {
  const o = (await listOnderzoeken(trx, actor)).find((x) => x.id === id)
  if (!o) throw new AppError('onderzoek.not_found', `investigation ${id} not found`)
  if (actor.role === 'aanbieder') return o
  const [stappen, declaraties] = await Promise.all([
    trx.selectFrom('onderzoek_stap').selectAll().where('region_id', '=', actor.regionId).where('onderzoek_id', '=', id).orderBy('recorded_at').orderBy('id').execute(),
    trx
      .selectFrom('onderzoek_declaratie as od')
      .innerJoin('declaratie as d', (j) => j.onRef('d.region_id', '=', 'od.region_id').onRef('d.id', '=', 'od.declaratie_id'))
      .select(['d.id', 'd.declaratie_nummer', 'd.gemeente_id', 'd.ingediend_cents', 'd.toegekend_cents'])
      .where('od.region_id', '=', actor.regionId)
      .where('od.onderzoek_id', '=', id)
      .orderBy('d.id')
      .execute(),
  ])
  return {
    ...(o as Onderzoek),
    stappen: stappen.map((s) => ({ id: s.id, soort: s.soort, tekst: s.tekst, terugvorderingCents: s.terugvordering_cents, vastgelegdDoor: s.recorded_by_name, vastgelegdOp: iso(s.recorded_at)! })),
    declaraties: declaraties.map((d) => ({ id: d.id, declaratieNummer: d.declaratie_nummer, gemeenteId: d.gemeente_id, ingediendCents: d.ingediend_cents, toegekendCents: d.toegekend_cents })),
  }
}
