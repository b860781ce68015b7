/**
 * 305 Start zorg and 307 Stop zorg from a provider, checked against the ledger per
 * StartProduct / StopProduct (the retourcode texts are the basisschema's LDT_RetourCode):
 *
 * - TR019 (9019): the start or stop links to a toewijzing of this provider, client and product.
 * - TR326 (9326): no new start while the current delivery has not been stopped.
 * - 9074: a start with the same key (ToewijzingNummer + Begindatum) was already received.
 * - TR382 (9069): a stop repeats the key of a current start.
 * - TR413 (9413): no second temporary stop (reden 20) on the same start.
 * - TR414 (9414): a definitive stop after a temporary one ends no earlier than it.
 * - TR415 (9415): nothing after a definitive stop.
 * - Corrections (StatusAanlevering 3) remove the earlier start or stop with the same key
 *   (9069 when there is none; 9071 when a start to remove has already been stopped).
 */
import type { MessageObject } from '../istandaarden/messages/read-message.ts'
import { currentStarts } from './delivery.queries.ts'
import { type HandlerContext, type HandlerResult, type MessageHandler, Verdicts, asArray, text } from '../exchange/handler.ts'

interface Linked {
  toewijzingId: number
  clientId: number
}

/** TR019: the toewijzing this start or stop is about, held by the sender for this client and product. */
async function linkToewijzing(ctx: HandlerContext, bsn: string, cls: MessageObject, v: Verdicts, label: string): Promise<Linked | null> {
  const nummer = text(cls.ToewijzingNummer)
  const path = `${label} ${nummer ?? '(zonder ToewijzingNummer)'}`
  if (nummer === undefined) {
    v.reject(cls, { rule: 'TR019', retourcode: '9019', path, message: 'without a ToewijzingNummer the message cannot be linked to a toewijzing (Koers records no taakgericht care per client)' })
    return null
  }
  const t = await ctx.trx
    .selectFrom('toewijzing')
    .innerJoin('client', 'client.id', 'toewijzing.client_id')
    .innerJoin('product', 'product.id', 'toewijzing.product_id')
    .select(['toewijzing.id', 'toewijzing.client_id', 'toewijzing.provider_id', 'toewijzing.status', 'toewijzing.ingangsdatum', 'client.bsn', 'product.productcategorie', 'product.productcode'])
    .where('toewijzing.gemeente_id', '=', ctx.party.gemeenteId)
    .where('toewijzing.wet', '=', ctx.wet)
    .where('toewijzing.toewijzing_nummer', '=', Number(nummer))
    .executeTakeFirst()
  const product = cls.Product as MessageObject | undefined
  if (!t || t.status !== 'actief') {
    v.reject(cls, { rule: 'TR019', retourcode: '9019', path, message: `toewijzing ${nummer} is not known at this gemeente` })
    return null
  }
  if (t.provider_id !== ctx.party.providerId) {
    v.reject(cls, { rule: 'TR019', retourcode: '9019', path, message: `toewijzing ${nummer} is held by another provider`, signal: 'andere_aanbieder' })
    return null
  }
  if (t.bsn !== bsn) {
    v.reject(cls, { rule: 'TR019', retourcode: '9019', path, message: `toewijzing ${nummer} belongs to another client` })
    return null
  }
  if (product && (text(product.Categorie) !== t.productcategorie || (text(product.Code) ?? null) !== t.productcode)) {
    v.reject(cls, { rule: 'TR019', retourcode: '9019', path, message: `the product does not match toewijzing ${nummer} (${t.productcategorie}${t.productcode ? `/${t.productcode}` : ''})` })
    return null
  }
  if (text(cls.ToewijzingIngangsdatum) !== undefined && text(cls.ToewijzingIngangsdatum) !== t.ingangsdatum) {
    v.reject(cls, { rule: 'TR019', retourcode: '9019', path, message: `ToewijzingIngangsdatum differs from toewijzing ${nummer} (${t.ingangsdatum})` })
    return null
  }
  return { toewijzingId: t.id, clientId: t.client_id }
}

export const handleStart: MessageHandler = async (ctx): Promise<HandlerResult> => {
  const client = ctx.heen.Client as MessageObject
  const bsn = String(client.Bsn)
  const v = new Verdicts()
  const products = asArray((client.StartProducten as MessageObject).StartProduct)
  for (const sp of products) {
    const link = await linkToewijzing(ctx, bsn, sp, v, 'StartProduct')
    if (!link) continue
    const begindatum = String(sp.Begindatum)
    const path = `StartProduct ${text(sp.ToewijzingNummer)} ${begindatum}`
    const starts = await currentStarts(ctx.trx, [link.toewijzingId])
    const sameKey = starts.find((s) => s.begindatum === begindatum)
    if (text(sp.StatusAanlevering) === '3') {
      if (!sameKey) {
        v.reject(sp, { rule: 'TR063', retourcode: '9069', path, message: 'there is no current start with this key to remove' })
        continue
      }
      const stopped = await ctx.trx.selectFrom('care_stop').select('id').where('start_id', '=', sameKey.id).where('removed_by_message_id', 'is', null).executeTakeFirst()
      if (stopped) {
        v.reject(sp, { rule: 'TR071', retourcode: '9071', path, message: 'the start cannot be removed: the care has already been stopped' })
        continue
      }
      await ctx.trx.updateTable('care_start').set({ removed_by_message_id: ctx.messageId }).where('id', '=', sameKey.id).execute()
      v.accepted++
      continue
    }
    if (sameKey) {
      v.reject(sp, { rule: 'TR074', retourcode: '9074', path, message: 'a start with this key was already received' })
      continue
    }
    const open = starts.find((s) => !s.stopped)
    if (open) {
      v.reject(sp, { rule: 'TR326', retourcode: '9326', path, message: `the delivery that started on ${open.begindatum} has not been stopped with a 307` })
      continue
    }
    await ctx.trx
      .insertInto('care_start')
      .values({ region_id: ctx.actor.regionId, gemeente_id: ctx.party.gemeenteId, provider_id: ctx.party.providerId, client_id: link.clientId, toewijzing_id: link.toewijzingId, begindatum, message_id: ctx.messageId })
      .execute()
    v.accepted++
  }
  return v.result(`${v.accepted} van ${products.length} start(s) verwerkt`)
}

export const handleStop: MessageHandler = async (ctx): Promise<HandlerResult> => {
  const client = ctx.heen.Client as MessageObject
  const bsn = String(client.Bsn)
  const v = new Verdicts()
  const products = asArray((client.StopProducten as MessageObject).StopProduct)
  for (const sp of products) {
    const link = await linkToewijzing(ctx, bsn, sp, v, 'StopProduct')
    if (!link) continue
    const begindatum = String(sp.Begindatum)
    const einddatum = String(sp.Einddatum)
    const reden = String(sp.RedenBeeindiging)
    const path = `StopProduct ${text(sp.ToewijzingNummer)} ${begindatum}`
    const start = await ctx.trx.selectFrom('care_start').select('id').where('toewijzing_id', '=', link.toewijzingId).where('begindatum', '=', begindatum).where('removed_by_message_id', 'is', null).executeTakeFirst()
    if (!start) {
      v.reject(sp, { rule: 'TR382', retourcode: '9069', path, message: `there is no current start on ${begindatum} for this toewijzing` })
      continue
    }
    const stops = await ctx.trx.selectFrom('care_stop').select(['id', 'einddatum', 'reden_beeindiging']).where('start_id', '=', start.id).where('removed_by_message_id', 'is', null).orderBy('id').execute()
    if (text(sp.StatusAanlevering) === '3') {
      const same = stops.find((s) => s.einddatum === einddatum && s.reden_beeindiging === reden)
      if (!same) {
        v.reject(sp, { rule: 'TR063', retourcode: '9069', path, message: 'there is no current stop with this key to remove' })
        continue
      }
      await ctx.trx.updateTable('care_stop').set({ removed_by_message_id: ctx.messageId }).where('id', '=', same.id).execute()
      v.accepted++
      continue
    }
    const definitive = stops.find((s) => s.reden_beeindiging !== '20')
    const temporary = stops.filter((s) => s.reden_beeindiging === '20')
    if (definitive) {
      v.reject(sp, { rule: 'TR415', retourcode: '9415', path, message: `the care was already stopped definitively on ${definitive.einddatum} (reden ${definitive.reden_beeindiging})` })
      continue
    }
    if (reden === '20' && temporary.length > 0) {
      v.reject(sp, { rule: 'TR413', retourcode: '9413', path, message: 'there is already a temporary stop (reden 20) on this start' })
      continue
    }
    const latest = temporary.at(-1)
    if (latest && einddatum < latest.einddatum) {
      v.reject(sp, { rule: 'TR414', retourcode: '9414', path, message: `the einddatum lies before the temporary stop's ${latest.einddatum}` })
      continue
    }
    await ctx.trx
      .insertInto('care_stop')
      .values({ region_id: ctx.actor.regionId, gemeente_id: ctx.party.gemeenteId, provider_id: ctx.party.providerId, client_id: link.clientId, toewijzing_id: link.toewijzingId, start_id: start.id, einddatum, reden_beeindiging: reden, message_id: ctx.messageId })
      .execute()
    v.accepted++
  }
  return v.result(`${v.accepted} van ${products.length} stop(s) verwerkt`)
}
