/**
 * Records a pgb the gemeente granted (OP043): toewijzingen for the same product that run into
 * it end on the day before it starts, with RedenWijziging 08 (wijziging leveringsvorm), and
 * each provider gets its 301; a toewijzing that starts within the pgb's period cannot end
 * before it, so the pgb is refused until that toewijzing is withdrawn. All or nothing.
 */
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import type { Wet } from '../istandaarden/codelists.ts'
import { AppError } from '../shared/errors.ts'
import type { CalendarDate } from '../shared/dates.ts'
import { formatDate } from '../shared/format-nl.ts'
import { type Moment, momentOf } from '../shared/moment.ts'
import { pgbEffect } from './pgb.rules.ts'
import { changeToewijzing } from './toewijzing.queries.ts'
import { type PgbInput, pgbInputSchema } from './pgb.schema.ts'

export interface GrantedPgb {
  id: number
  /** The toewijzingen ended on the day before the pgb, each with the 301 that says so. */
  beeindigd: { toewijzingNummer: number; einddatum: CalendarDate; messageId: number | null }[]
}

export async function grantPgb(trx: ScopedDb, actor: Actor, clientId: number, raw: PgbInput, at: Moment = momentOf()): Promise<GrantedPgb> {
  const input = pgbInputSchema.parse(raw)
  const client = await trx.selectFrom('client').select(['id', 'gemeente_id']).where('id', '=', clientId).executeTakeFirst()
  if (!client || (actor.gemeenteId !== null && client.gemeente_id !== actor.gemeenteId)) throw new AppError('client.not_found', 'cliënt niet gevonden')
  if (input.productcode !== undefined) {
    const known = await trx.selectFrom('product').select('id').where('wet', '=', input.wet).where('productcategorie', '=', input.productcategorie).where('productcode', '=', input.productcode).executeTakeFirst()
    if (!known) throw new AppError('product.not_in_catalogue', `product ${input.productcategorie}/${input.productcode} staat niet in de productlijst van de regio`, [{ path: 'productcode', message: 'onbekend product' }])
  }
  const pgb = { productcategorie: input.productcategorie, productcode: input.productcode ?? null, ingangsdatum: input.ingangsdatum, einddatum: input.einddatum }
  const toewijzingen = await trx
    .selectFrom('toewijzing')
    .innerJoin('product', 'product.id', 'toewijzing.product_id')
    .select(['toewijzing.id', 'toewijzing.toewijzing_nummer', 'toewijzing.status', 'toewijzing.ingangsdatum', 'toewijzing.einddatum', 'product.productcategorie', 'product.productcode', 'product.generiek'])
    .where('toewijzing.client_id', '=', clientId)
    .where('toewijzing.wet', '=', input.wet as Wet)
    .where('toewijzing.status', 'in', ['actief', 'wacht_op_akkoord'])
    .where((eb) => eb.or([eb('toewijzing.reden_wijziging', 'is', null), eb('toewijzing.reden_wijziging', '<>', '13')]))
    .orderBy('toewijzing.toewijzing_nummer')
    .execute()
  const effects = toewijzingen.map((t) => ({ t, effect: pgbEffect(pgb, { toewijzingNummer: t.toewijzing_nummer, ingangsdatum: t.ingangsdatum, einddatum: t.einddatum, product: { productcategorie: t.productcategorie, productcode: t.productcode, generiek: t.generiek } }) }))
  const refused = effects.flatMap(({ t, effect }) => {
    if (effect.kind === 'weigeren') return [effect.message]
    // An exception not yet decided cannot be ended; it is decided first.
    if (effect.kind === 'beeindigen' && t.status === 'wacht_op_akkoord') return [`Toewijzing ${t.toewijzing_nummer} wacht op akkoord voor een uitzondering en loopt in de periode van het pgb: beslis eerst over de uitzondering.`]
    return []
  })
  if (refused.length > 0) throw new AppError('pgb.refused', `OP043: ${refused[0]}`, refused.map((message) => ({ path: 'ingangsdatum', rule: 'OP043', message })))

  const { id } = await trx
    .insertInto('pgb_toekenning')
    .values({ region_id: actor.regionId, gemeente_id: client.gemeente_id, client_id: clientId, wet: input.wet, ...pgb, budget_cents: input.budgetCents ?? null, toelichting: input.toelichting, created_by: actor.userId })
    .returning('id')
    .executeTakeFirstOrThrow()
  const beeindigd: GrantedPgb['beeindigd'] = []
  for (const { t, effect } of effects) {
    if (effect.kind !== 'beeindigen') continue
    const note = `OP043: pgb vanaf ${formatDate(pgb.ingangsdatum)}`
    const { messageId } = await changeToewijzing(trx, actor, t.id, { redenWijziging: '08', einddatum: effect.einddatum, akkoordAanbieder: input.akkoordAanbieder, note }, { at })
    beeindigd.push({ toewijzingNummer: t.toewijzing_nummer, einddatum: effect.einddatum, messageId })
  }
  return { id, beeindigd }
}
