/**
 * 305 Start zorg and 307 Stop zorg from a provider, judged per StartProduct / StopProduct
 * against the ledger (level 3 and 4; the level-2 rules, such as TR101 and TR134, are checked
 * by the reader before this handler runs):
 *
 * - TR381 (S329): a ProductCode is one of the region's product list for its categorie.
 * - TR019 (9019): for output- and inspanningsgericht work the class names a toewijzing
 *   of this provider, client and product. IV096: for taakgerichte work there is no
 *   toewijzing; the key is the client's Product and Begindatum (table taakgericht_start).
 * - The start and stop rules TR074, TR326, TR063, TR071, TR382, TR413, TR414 and TR415 are
 *   pure functions in start-stop.rules.ts.
 *
 * IV008: a correction removes a class (StatusAanlevering 3) and sends the replacement
 * (StatusAanlevering 1) in the same message where the keys differ. The removals are therefore
 * handled before the new classes, whatever their order in the message.
 */
import type { MessageObject } from '../istandaarden/messages/read-message.ts'
import { listedProduct, tr381Problem } from '../exchange/product-list.ts'
import { type HandlerContext, type HandlerResult, type MessageHandler, Verdicts, asArray, text } from '../exchange/handler.ts'
import { toewijzingenKnownToProvider } from '../exchange/known-to-provider.ts'
import { taakgerichtLedger, toewijzingLedger } from './delivery.queries.ts'
import { type LedgerStart, judgeStart, judgeStartRemoval, judgeStop, judgeStopRemoval } from './start-stop.rules.ts'

/** Where a class's starts and stops are kept: a toewijzing, or (taakgericht) the client's product. */
interface Track {
  ledger(): Promise<LedgerStart[]>
  addStart(begindatum: string): Promise<void>
  addStop(startId: number, einddatum: string, reden: string): Promise<void>
  removeStart(startId: number): Promise<void>
  removeStop(stopId: number): Promise<void>
}

const productOf = (cls: MessageObject) => cls.Product as MessageObject | undefined

function toewijzingTrack(ctx: HandlerContext, t: { id: number; clientId: number }): Track {
  const party = { region_id: ctx.actor.regionId, gemeente_id: ctx.party.gemeenteId, provider_id: ctx.party.providerId, client_id: t.clientId, toewijzing_id: t.id, message_id: ctx.messageId }
  return {
    ledger: () => toewijzingLedger(ctx.trx, t.id),
    addStart: async (begindatum) => void (await ctx.trx.insertInto('care_start').values({ ...party, begindatum }).execute()),
    addStop: async (startId, einddatum, reden) => void (await ctx.trx.insertInto('care_stop').values({ ...party, start_id: startId, einddatum, reden_beeindiging: reden }).execute()),
    removeStart: async (id) => void (await ctx.trx.updateTable('care_start').set({ removed_by_message_id: ctx.messageId }).where('id', '=', id).execute()),
    removeStop: async (id) => void (await ctx.trx.updateTable('care_stop').set({ removed_by_message_id: ctx.messageId }).where('id', '=', id).execute()),
  }
}

async function taakgerichtTrack(ctx: HandlerContext, bsn: string, productId: number): Promise<Track> {
  const client = await ctx.trx.selectFrom('client').select('id').where('bsn', '=', bsn).where('gemeente_id', '=', ctx.party.gemeenteId).executeTakeFirst()
  const key = { gemeenteId: ctx.party.gemeenteId, providerId: ctx.party.providerId, bsn, productId }
  const party = { region_id: ctx.actor.regionId, gemeente_id: ctx.party.gemeenteId, provider_id: ctx.party.providerId, message_id: ctx.messageId }
  return {
    ledger: () => taakgerichtLedger(ctx.trx, key),
    addStart: async (begindatum) => void (await ctx.trx.insertInto('taakgericht_start').values({ ...party, wet: ctx.wet, bsn, client_id: client?.id ?? null, product_id: productId, begindatum }).execute()),
    addStop: async (startId, einddatum, reden) => void (await ctx.trx.insertInto('taakgericht_stop').values({ ...party, start_id: startId, einddatum, reden_beeindiging: reden }).execute()),
    removeStart: async (id) => void (await ctx.trx.updateTable('taakgericht_start').set({ removed_by_message_id: ctx.messageId }).where('id', '=', id).execute()),
    removeStop: async (id) => void (await ctx.trx.updateTable('taakgericht_stop').set({ removed_by_message_id: ctx.messageId }).where('id', '=', id).execute()),
  }
}

/**
 * The track a class is about, or the problem why there is none. A removal (StatusAanlevering
 * 3) gets no content checks (TR063's toelichting): it only needs a track with its key, and
 * without one there was no earlier delivery with that key (9063).
 */
async function trackOf(ctx: HandlerContext, bsn: string, cls: MessageObject, v: Verdicts, path: string): Promise<Track | null> {
  const removal = text(cls.StatusAanlevering) === '3'
  const noEarlier = () => v.reject(cls, { rule: 'TR063', retourcode: '9063', path, message: 'er is geen eerdere aanlevering met deze sleutel om te verwijderen' })
  const product = productOf(cls)
  const listed = product ? await listedProduct(ctx, product) : undefined
  if (!removal && product && text(product.Code) !== undefined && !listed) {
    v.reject(cls, { ...tr381Problem(product), path })
    return null
  }
  const nummer = text(cls.ToewijzingNummer)
  if (nummer === undefined) {
    if (listed?.variant === 'taakgericht') return taakgerichtTrack(ctx, bsn, listed.id)
    if (removal) noEarlier()
    else v.reject(cls, { rule: 'TR019', retourcode: '9019', path, message: 'zonder ToewijzingNummer is dit alleen voor een taakgericht product mogelijk (IV096); dit product wordt output- of inspanningsgericht toegewezen' })
    return null
  }
  // OP095: the toewijzing as the provider's last accepted 301 carried it.
  const t = await toewijzingenKnownToProvider(ctx.trx)
    .innerJoin('client', 'client.id', 'toewijzing.client_id')
    .innerJoin('product', 'product.id', 'toewijzing.product_id')
    .select(['toewijzing.id', 'toewijzing.client_id', 'toewijzing.provider_id', 'bekend.status', 'bekend.ingangsdatum', 'client.bsn', 'product.productcategorie', 'product.productcode'])
    .where('toewijzing.gemeente_id', '=', ctx.party.gemeenteId)
    .where('toewijzing.wet', '=', ctx.wet)
    .where('toewijzing.toewijzing_nummer', '=', Number(nummer))
    .executeTakeFirst()
  const productDiffers = product !== undefined && (text(product.Categorie) !== t?.productcategorie || (text(product.Code) ?? null) !== t?.productcode)
  if (removal) {
    // The key is ToewijzingNummer and Product (with the Bsn above it): another client's or another provider's toewijzing holds no earlier delivery of this sender.
    if (!t || t.provider_id !== ctx.party.providerId || t.bsn !== bsn || productDiffers) {
      noEarlier()
      return null
    }
    return toewijzingTrack(ctx, { id: t.id, clientId: t.client_id })
  }
  const refuse = (message: string, signal?: string) => {
    v.reject(cls, { rule: 'TR019', retourcode: '9019', path, message, ...(signal ? { signal } : {}) })
    return null
  }
  if (!t || t.status !== 'actief') return refuse(`toewijzing ${nummer} is bij deze gemeente niet bekend`)
  if (t.provider_id !== ctx.party.providerId) return refuse(`toewijzing ${nummer} is van een andere aanbieder`, 'andere_aanbieder')
  if (t.bsn !== bsn) return refuse(`toewijzing ${nummer} hoort bij een andere cliënt`)
  if (productDiffers) return refuse(`het product past niet bij toewijzing ${nummer} (${t.productcategorie}${t.productcode ? `/${t.productcode}` : ''})`)
  if (text(cls.ToewijzingIngangsdatum) !== undefined && text(cls.ToewijzingIngangsdatum) !== t.ingangsdatum) return refuse(`ToewijzingIngangsdatum wijkt af van toewijzing ${nummer} (${t.ingangsdatum})`)
  return toewijzingTrack(ctx, { id: t.id, clientId: t.client_id })
}

/** IV008: removals first, then the new classes, each group in message order. */
const removalsFirst = (classes: MessageObject[]) => [...classes.filter((c) => text(c.StatusAanlevering) === '3'), ...classes.filter((c) => text(c.StatusAanlevering) !== '3')]

const keyOf = (cls: MessageObject) => {
  const product = productOf(cls)
  return text(cls.ToewijzingNummer) ?? (product ? `${text(product.Categorie)}${text(product.Code) ? `/${text(product.Code)}` : ''}` : '(zonder sleutel)')
}

export const handleStart: MessageHandler = async (ctx): Promise<HandlerResult> => {
  const client = ctx.heen.Client as MessageObject
  const bsn = String(client.Bsn)
  const v = new Verdicts()
  const products = asArray((client.StartProducten as MessageObject).StartProduct)
  for (const sp of removalsFirst(products)) {
    const begindatum = String(sp.Begindatum)
    const path = `StartProduct ${keyOf(sp)} ${begindatum}`
    const track = await trackOf(ctx, bsn, sp, v, path)
    if (!track) continue
    const ledger = await track.ledger()
    if (text(sp.StatusAanlevering) === '3') {
      const judged = judgeStartRemoval(ledger, begindatum)
      if ('problem' in judged) {
        v.reject(sp, { ...judged.problem, path })
        continue
      }
      await track.removeStart(judged.start.id)
    } else {
      const problems = judgeStart(ledger, begindatum)
      for (const p of problems) v.reject(sp, { ...p, path })
      if (problems.length > 0) continue
      await track.addStart(begindatum)
    }
    v.accepted++
  }
  return v.result(`${v.accepted} van ${products.length} start(s) verwerkt`)
}

export const handleStop: MessageHandler = async (ctx): Promise<HandlerResult> => {
  const client = ctx.heen.Client as MessageObject
  const bsn = String(client.Bsn)
  const v = new Verdicts()
  const products = asArray((client.StopProducten as MessageObject).StopProduct)
  for (const sp of removalsFirst(products)) {
    const stop = { begindatum: String(sp.Begindatum), einddatum: String(sp.Einddatum), reden: String(sp.RedenBeeindiging) }
    const path = `StopProduct ${keyOf(sp)} ${stop.begindatum} reden ${stop.reden}`
    const track = await trackOf(ctx, bsn, sp, v, path)
    if (!track) continue
    const ledger = await track.ledger()
    if (text(sp.StatusAanlevering) === '3') {
      const judged = judgeStopRemoval(ledger, stop)
      if ('problem' in judged) {
        v.reject(sp, { ...judged.problem, path })
        continue
      }
      await track.removeStop(judged.stop.id)
    } else {
      const { start, problems } = judgeStop(ledger, stop)
      for (const p of problems) v.reject(sp, { ...p, path })
      if (!start || problems.length > 0) continue
      await track.addStop(start.id, stop.einddatum, stop.reden)
    }
    v.accepted++
  }
  return v.result(`${v.accepted} van ${products.length} stop(s) verwerkt`)
}
