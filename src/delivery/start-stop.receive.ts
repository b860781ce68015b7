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
import { type FollowedClass, type HandlerContext, type HandlerResult, type MessageHandler, Verdicts, asArray, text } from '../exchange/handler.ts'
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
  /** Observer mode: the start with this begindatum that message `messageId` added (`message_id`) or removed (`removed_by_message_id`), removed or not since. */
  startBy(begindatum: string, by: ByMessage): Promise<Marked | undefined>
  /** Likewise a stop, by its start's begindatum, einddatum and reden. */
  stopBy(stop: { begindatum: string; einddatum: string; reden: string }, by: ByMessage): Promise<Marked | undefined>
  /** Observer mode: marks a start or stop removed by a message, or (null) restores it. */
  markStart(startId: number, removedBy: number | null): Promise<void>
  markStop(stopId: number, removedBy: number | null): Promise<void>
}

type ByMessage = { column: 'message_id' | 'removed_by_message_id'; messageId: number }
type Marked = { id: number; removed_by_message_id: number | null }

const productOf = (cls: MessageObject) => cls.Product as MessageObject | undefined

function toewijzingTrack(ctx: HandlerContext, t: { id: number; clientId: number }): Track {
  const party = { region_id: ctx.actor.regionId, gemeente_id: ctx.party.gemeenteId, provider_id: ctx.party.providerId, client_id: t.clientId, toewijzing_id: t.id, message_id: ctx.messageId }
  return {
    ledger: () => toewijzingLedger(ctx.trx, t.id),
    addStart: async (begindatum) => void (await ctx.trx.insertInto('care_start').values({ ...party, begindatum }).execute()),
    addStop: async (startId, einddatum, reden) => void (await ctx.trx.insertInto('care_stop').values({ ...party, start_id: startId, einddatum, reden_beeindiging: reden }).execute()),
    removeStart: async (id) => void (await ctx.trx.updateTable('care_start').set({ removed_by_message_id: ctx.messageId }).where('id', '=', id).execute()),
    removeStop: async (id) => void (await ctx.trx.updateTable('care_stop').set({ removed_by_message_id: ctx.messageId }).where('id', '=', id).execute()),
    startBy: (begindatum, by) => ctx.trx.selectFrom('care_start').select(['id', 'removed_by_message_id']).where('toewijzing_id', '=', t.id).where('begindatum', '=', begindatum).where(by.column, '=', by.messageId).executeTakeFirst(),
    stopBy: (stop, by) =>
      ctx.trx
        .selectFrom('care_stop as x')
        .innerJoin('care_start as s', 's.id', 'x.start_id')
        .select(['x.id', 'x.removed_by_message_id'])
        .where('s.toewijzing_id', '=', t.id)
        .where('s.begindatum', '=', stop.begindatum)
        .where('x.einddatum', '=', stop.einddatum)
        .where('x.reden_beeindiging', '=', stop.reden)
        .where(`x.${by.column}`, '=', by.messageId)
        .executeTakeFirst(),
    markStart: async (id, removedBy) => void (await ctx.trx.updateTable('care_start').set({ removed_by_message_id: removedBy }).where('id', '=', id).execute()),
    markStop: async (id, removedBy) => void (await ctx.trx.updateTable('care_stop').set({ removed_by_message_id: removedBy }).where('id', '=', id).execute()),
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
    startBy: (begindatum, by) =>
      ctx.trx
        .selectFrom('taakgericht_start')
        .select(['id', 'removed_by_message_id'])
        .where('gemeente_id', '=', key.gemeenteId)
        .where('provider_id', '=', key.providerId)
        .where('bsn', '=', bsn)
        .where('product_id', '=', productId)
        .where('begindatum', '=', begindatum)
        .where(by.column, '=', by.messageId)
        .executeTakeFirst(),
    stopBy: (stop, by) =>
      ctx.trx
        .selectFrom('taakgericht_stop as x')
        .innerJoin('taakgericht_start as s', 's.id', 'x.start_id')
        .select(['x.id', 'x.removed_by_message_id'])
        .where('s.gemeente_id', '=', key.gemeenteId)
        .where('s.provider_id', '=', key.providerId)
        .where('s.bsn', '=', bsn)
        .where('s.product_id', '=', productId)
        .where('s.begindatum', '=', stop.begindatum)
        .where('x.einddatum', '=', stop.einddatum)
        .where('x.reden_beeindiging', '=', stop.reden)
        .where(`x.${by.column}`, '=', by.messageId)
        .executeTakeFirst(),
    markStart: async (id, removedBy) => void (await ctx.trx.updateTable('taakgericht_start').set({ removed_by_message_id: removedBy }).where('id', '=', id).execute()),
    markStop: async (id, removedBy) => void (await ctx.trx.updateTable('taakgericht_stop').set({ removed_by_message_id: removedBy }).where('id', '=', id).execute()),
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

/**
 * Observer mode (ADR 0028): the back office's 306/308 decides each class of a 305/307 that
 * Koers judged when it was read. `ctx` is the provider's message (its id, body and date);
 * `rejected(bsn, cls)` gives the back office's codes for a class it rejected. Where Koers
 * took in a class the back office rejected, what the class did is undone (a start or stop
 * added is marked removed by the retour, one it removed is restored); where Koers rejected a
 * class the back office took in, it is applied through the same track without Koers' rules,
 * as far as the ledger allows (a toewijzing of this provider and client, a start to stop).
 */
export async function followStartStopRetour(ctx: HandlerContext, code: '305' | '307', retourMessageId: number, rejected: (bsn: string, cls: MessageObject) => readonly string[] | undefined): Promise<FollowedClass[]> {
  const client = ctx.heen.Client as MessageObject
  const bsn = String(client.Bsn)
  const classes = code === '305' ? asArray((client.StartProducten as MessageObject).StartProduct) : asArray((client.StopProducten as MessageObject).StopProduct)
  const out: FollowedClass[] = []
  for (const cls of removalsFirst(classes)) {
    const scratch = new Verdicts()
    const track = await trackOf(ctx, bsn, cls, scratch, keyOf(cls))
    const removal = text(cls.StatusAanlevering) === '3'
    const by: ByMessage = { column: removal ? 'removed_by_message_id' : 'message_id', messageId: ctx.messageId }
    const stop = { begindatum: String(cls.Begindatum), einddatum: String(cls.Einddatum), reden: String(cls.RedenBeeindiging) }
    const marked = !track ? undefined : code === '305' ? await track.startBy(stop.begindatum, by) : await track.stopBy(stop, by)
    const koers = marked !== undefined
    const backoffice = rejected(bsn, cls) === undefined
    const row = { cls, koers, backoffice }
    if (koers === backoffice) {
      out.push({ ...row, done: 'gelijk' })
      continue
    }
    if (koers && marked) {
      // Undo exactly what the class did: an addition is removed by the retour, a removal restored.
      const undo = removal ? null : marked.removed_by_message_id ?? retourMessageId
      if (code === '305') await track!.markStart(marked.id, undo)
      else await track!.markStop(marked.id, undo)
      out.push({ ...row, done: 'teruggedraaid' })
      continue
    }
    if (!track) {
      out.push({ ...row, done: 'niet_te_volgen', reason: scratch.problems[0]?.message ?? 'geen toewijzing of product om dit op te boeken' })
      continue
    }
    const ledger = await track.ledger()
    const cannot = (reason: string) => out.push({ ...row, done: 'niet_te_volgen', reason })
    if (code === '305' && removal) {
      const judged = judgeStartRemoval(ledger, stop.begindatum)
      if ('problem' in judged) cannot(judged.problem.message)
      else await track.removeStart(judged.start.id)
    } else if (code === '305') {
      if (ledger.some((s) => s.begindatum === stop.begindatum)) cannot(`er staat al een start per ${stop.begindatum}`)
      else await track.addStart(stop.begindatum)
    } else if (removal) {
      const judged = judgeStopRemoval(ledger, stop)
      if ('problem' in judged) cannot(judged.problem.message)
      else await track.removeStop(judged.stop.id)
    } else {
      const start = ledger.find((s) => s.begindatum === stop.begindatum)
      if (!start) cannot(`er is geen start per ${stop.begindatum} om te stoppen`)
      else if (start.stops.some((s) => s.einddatum === stop.einddatum && s.reden === stop.reden)) cannot(`deze stop staat er al`)
      else await track.addStop(start.id, stop.einddatum, stop.reden)
    }
    if (out.at(-1)?.cls !== cls) out.push({ ...row, done: 'toegepast' })
  }
  return out
}
