/**
 * 315 Verzoek om toewijzing and 317 Verzoek om wijziging from a provider: judged against the
 * ledger (level 3 and 4), then a work item for the lokaal team (care_request). The rules
 * within one message (TR101, TR352, TR353, TR380, TR383, TR386, TR410) are level 2 and
 * checked by the reader (src/istandaarden/messages/message-rules.ts) before this handler.
 *
 * 315, per AangevraagdProduct:
 * - TR347 (9347): ReferentieAanbieder was not used before by the provider within the law.
 * - TR374 (9374): no request of this provider for this client is still being handled.
 * - TR381 (S329): a ProductCode is in the region's product list for its categorie.
 * 317, on the Verzoek (and the class that causes it):
 * - TR304 (8187): the Bsn is a client of the gemeente (on the Client).
 * - TR347, TR374 as above.
 * - TR349 (9349): every current toewijzing is listed; TR350/TR351 (9350/9351): each listed
 *   ToewijzingNummer is a current toewijzing.
 * - TR357 (9357), TR373 (9373): the GewensteIngangsdatum of a TeWijzigenProduct.
 * - TR411 (9411), TR412 (9412), TR375 (9375): a TeWijzigenProduct's Omvang follows the
 *   Product of its toewijzing.
 * - TR361 (9361): a NieuwProduct does not overlap a listed toewijzing of the same product.
 * - TR381 (S329) on a NieuwProduct.
 */
import type { MessageObject } from '../istandaarden/messages/read-message.ts'
import { type RequestedPeriod, productsClash } from '../istandaarden/messages/message-rules.ts'
import { tr381ProductCode } from '../exchange/product-list.ts'
import { toewijzingenKnownToProvider } from '../exchange/known-to-provider.ts'
import { type FollowedClass, type HandlerContext, type HandlerResult, type MessageHandler, type MessageProblem, Verdicts, asArray, text } from '../exchange/handler.ts'

type Problem = Omit<MessageProblem, 'path'>

/** A current toewijzing of the client at the provider, as TR349–TR412 read it. */
interface CurrentToewijzing {
  nummer: number
  ingangsdatum: string
  einddatum: string
  categorie: string | null
  code: string | null
}

/** 31-12-2020: from 2021 a product without a code has no Omvang (TR375, TR412). */
const after2020 = (einddatum: string | undefined) => einddatum === undefined || einddatum > '2020-12-31'

/** TR374: a request is being handled until a 319 refused it or a 301 honoured it (statuses open and in onderzoek). */
export function tr374PendingRequest(pending: { referentie: string } | undefined): Problem | undefined {
  return pending ? { rule: 'TR374', retourcode: '9374', message: `verzoek ${pending.referentie} van deze aanbieder voor deze cliënt is nog in behandeling` } : undefined
}

/** TR411, TR412, TR375: a TeWijzigenProduct's Omvang by the Product of the toewijzing it changes. */
export function tr411Omvang(t: Pick<CurrentToewijzing, 'nummer' | 'categorie' | 'code'>, p: { omvang: boolean; einddatum?: string }): Problem | undefined {
  if (t.code !== null) return p.omvang ? undefined : { rule: 'TR411', retourcode: '9411', message: `toewijzing ${t.nummer} heeft een productcode: Omvang is verplicht` }
  if (!p.omvang || !after2020(p.einddatum)) return undefined
  if (t.categorie === null) return { rule: 'TR375', retourcode: '9375', message: `toewijzing ${t.nummer} heeft geen product: Omvang blijft leeg` }
  return { rule: 'TR412', retourcode: '9412', message: `toewijzing ${t.nummer} heeft geen productcode: Omvang blijft leeg` }
}

/**
 * TR361: "Voor producten die zijn opgenomen in TeWijzigenProduct of OngewijzigdProduct moet op
 * basis van het ToewijzingNummer de overlap op de aangevraagde producten gecontroleerd
 * worden" — a NieuwProduct clashes with a listed toewijzing of the same product in an
 * overlapping period (the NieuwProducten among themselves are TR410, level 2).
 */
export function tr361Overlap(listed: readonly (RequestedPeriod & { nummer: number })[], nieuw: RequestedPeriod): Problem | undefined {
  const clash = listed.find((t) => productsClash(t, nieuw))
  return clash ? { rule: 'TR361', retourcode: '9361', message: `het nieuwe product overlapt met toewijzing ${clash.nummer} van hetzelfde product` } : undefined
}

async function referenceTaken(ctx: HandlerContext, referentie: string): Promise<boolean> {
  const row = await ctx.trx
    .selectFrom('care_request')
    .select('id')
    .where('provider_id', '=', ctx.party.providerId)
    .where('wet', '=', ctx.wet)
    .where('referentie_aanbieder', '=', referentie)
    .executeTakeFirst()
  return row !== undefined
}

/** TR374: the request of this provider for this client (by BSN, at this gemeente, in this law) that is still being handled. */
async function pendingRequest(ctx: HandlerContext, bsn: string): Promise<{ referentie: string } | undefined> {
  const row = await ctx.trx
    .selectFrom('care_request')
    .select('referentie_aanbieder')
    .where('gemeente_id', '=', ctx.party.gemeenteId)
    .where('provider_id', '=', ctx.party.providerId)
    .where('wet', '=', ctx.wet)
    .where('bsn', '=', bsn)
    .where('status', 'in', ['open', 'in_onderzoek'])
    .executeTakeFirst()
  return row ? { referentie: row.referentie_aanbieder } : undefined
}

async function clientIdOf(ctx: HandlerContext, bsn: string): Promise<number | null> {
  const row = await ctx.trx.selectFrom('client').select('id').where('bsn', '=', bsn).where('gemeente_id', '=', ctx.party.gemeenteId).executeTakeFirst()
  return row?.id ?? null
}

/** A request in the lokaal team's queue; a 315 also brings the client's name and birth date. */
async function addWorkItem(ctx: HandlerContext, kind: '315' | '317', referentie: string, clientId: number | null, bsn: string, requested: MessageObject, person: { birth_date: string; datum_gebruik: '1' | '2' | '3' | null; family_name: string; name_prefix: string; initials: string; gender: string } | null = null) {
  await ctx.trx
    .insertInto('care_request')
    .values({
      region_id: ctx.actor.regionId,
      gemeente_id: ctx.party.gemeenteId,
      provider_id: ctx.party.providerId,
      wet: ctx.wet,
      kind,
      message_id: ctx.messageId,
      referentie_aanbieder: referentie,
      client_id: clientId,
      bsn,
      ...person,
      requested: JSON.stringify(requested),
      received_on: ctx.at.date,
    })
    .execute()
}

/** The person data a 315 brings with the request. */
function personOf(client: MessageObject) {
  const naam = client.Naam as MessageObject
  const geslachtsnaam = naam.Geslachtsnaam as MessageObject
  return {
    birth_date: String((client.Geboortedatum as MessageObject).Datum),
    datum_gebruik: (text((client.Geboortedatum as MessageObject).DatumGebruik) as '1' | '2' | '3' | undefined) ?? null,
    family_name: String(geslachtsnaam.Achternaam),
    name_prefix: text(geslachtsnaam.Voorvoegsel) ?? '',
    initials: text(naam.Voorletters) ?? '',
    gender: String(client.Geslacht),
  }
}

export const handleRequest: MessageHandler = async (ctx): Promise<HandlerResult> => {
  const client = ctx.heen.Client as MessageObject
  const bsn = String(client.Bsn)
  const products = asArray((client.AangevraagdeProducten as MessageObject).AangevraagdProduct)
  const v = new Verdicts()
  // Read before any product of this message is queued: the message is one request.
  const pending = tr374PendingRequest(await pendingRequest(ctx, bsn))
  const clientId = await clientIdOf(ctx, bsn)
  for (const ap of products) {
    const ref = String(ap.ReferentieAanbieder)
    const path = `AangevraagdProduct ${ref}`
    const problems = [
      (await referenceTaken(ctx, ref)) ? { rule: 'TR347', retourcode: '9347', message: `ReferentieAanbieder ${ref} is al eerder door deze aanbieder gebruikt` } : undefined,
      pending,
      await tr381ProductCode(ctx, ap.Product as MessageObject | undefined),
    ].filter((p) => p !== undefined)
    for (const p of problems) v.reject(ap, { ...p, path })
    if (problems.length > 0) continue
    await addWorkItem(ctx, '315', ref, clientId, bsn, ap, personOf(client))
    v.accepted++
  }
  return v.result(`${v.accepted} van ${products.length} aangevraagd(e) product(en) in de werkvoorraad`)
}

export const handleChangeRequest: MessageHandler = async (ctx): Promise<HandlerResult> => {
  const client = ctx.heen.Client as MessageObject
  const bsn = String(client.Bsn)
  const verzoek = client.Verzoek as MessageObject
  const ref = String(verzoek.ReferentieAanbieder)
  const dagtekening = String(((ctx.heen.Header as MessageObject).BerichtIdentificatie as MessageObject).Dagtekening)
  const v = new Verdicts()
  const path = `Verzoek ${ref}`
  // The Verzoek is one request: a fault in any of its classes refuses it (and is marked on that class too).
  const reject = (cls: MessageObject, p: Problem | undefined) => {
    if (!p) return
    v.reject(cls, { ...p, path })
    if (cls === verzoek) return
    // The same problem, once among the problems; its code also on the Verzoek.
    const codes = v.classCodes.get(verzoek) ?? []
    if (!codes.includes(p.retourcode)) v.classCodes.set(verzoek, [...codes, p.retourcode])
  }
  const clientId = await clientIdOf(ctx, bsn)
  if (clientId === null) reject(client, { rule: 'TR304', retourcode: '8187', message: 'de Bsn hoort niet bij een cliënt van deze gemeente' })
  if (await referenceTaken(ctx, ref)) reject(verzoek, { rule: 'TR347', retourcode: '9347', message: `ReferentieAanbieder ${ref} is al eerder door deze aanbieder gebruikt` })
  reject(verzoek, tr374PendingRequest(await pendingRequest(ctx, bsn)))
  // Without a client there are no toewijzingen to compare the products with.
  if (clientId === null) return v.result(`verzoek om wijziging ${ref} afgekeurd`)

  // TR349: current are the toewijzingen valid on or after today, or starting later; not those removed (RedenWijziging 13 or 01 with einddatum = ingangsdatum).
  // OP095: as the provider's last accepted 301 carried them.
  const rows = await toewijzingenKnownToProvider(ctx.trx)
    .innerJoin('product', 'product.id', 'toewijzing.product_id')
    .select(['toewijzing.toewijzing_nummer', 'bekend.ingangsdatum', 'bekend.einddatum', 'bekend.reden_wijziging', 'product.productcategorie', 'product.productcode'])
    .where('toewijzing.client_id', '=', clientId)
    .where('toewijzing.provider_id', '=', ctx.party.providerId)
    .where('toewijzing.wet', '=', ctx.wet)
    .where('bekend.status', '=', 'actief')
    .where('bekend.einddatum', '>=', ctx.at.date)
    .execute()
  const current: CurrentToewijzing[] = rows
    .filter((t) => !(t.einddatum === t.ingangsdatum && (t.reden_wijziging === '13' || t.reden_wijziging === '01')))
    .map((t) => ({ nummer: t.toewijzing_nummer, ingangsdatum: t.ingangsdatum, einddatum: t.einddatum, categorie: t.productcategorie, code: t.productcode }))
  const byNumber = new Map(current.map((t) => [String(t.nummer), t]))
  const unchanged = asArray((verzoek.OngewijzigdeProducten as MessageObject | undefined)?.OngewijzigdProduct)
  const toChange = asArray((verzoek.TeWijzigenProducten as MessageObject | undefined)?.TeWijzigenProduct)
  const nieuw = asArray((verzoek.NieuweProducten as MessageObject | undefined)?.NieuwProduct)
  const listed: (RequestedPeriod & { nummer: number })[] = []
  for (const p of unchanged) {
    const t = byNumber.get(String(p.ToewijzingNummer))
    if (!t) reject(p, { rule: 'TR350', retourcode: '9350', message: `toewijzing ${text(p.ToewijzingNummer)} is geen actuele toewijzing van deze cliënt bij deze aanbieder` })
    else listed.push({ nummer: t.nummer, categorie: t.categorie ?? undefined, code: t.code ?? undefined, from: t.ingangsdatum, to: t.einddatum })
  }
  for (const p of toChange) {
    const t = byNumber.get(String(p.ToewijzingNummer))
    if (!t) {
      reject(p, { rule: 'TR351', retourcode: '9351', message: `toewijzing ${text(p.ToewijzingNummer)} is geen actuele toewijzing van deze cliënt bij deze aanbieder` })
      continue
    }
    const gewenst = String(p.GewensteIngangsdatum)
    if (gewenst <= dagtekening && gewenst !== t.ingangsdatum) reject(p, { rule: 'TR357', retourcode: '9357', message: `GewensteIngangsdatum ${gewenst} ligt op of voor de dagtekening maar wijkt af van de ingangsdatum ${t.ingangsdatum}` })
    if (p.Budget !== undefined && gewenst !== t.ingangsdatum) reject(p, { rule: 'TR373', retourcode: '9373', message: `een budgetwijziging geldt vanaf de ingangsdatum ${t.ingangsdatum}` })
    reject(p, tr411Omvang(t, { omvang: p.Omvang !== undefined, einddatum: text(p.Einddatum) }))
    listed.push({ nummer: t.nummer, categorie: t.categorie ?? undefined, code: t.code ?? undefined, from: t.ingangsdatum, to: text(p.Einddatum) ?? t.einddatum })
  }
  const named = new Set([...unchanged, ...toChange].map((p) => String(p.ToewijzingNummer)))
  const missing = current.filter((t) => !named.has(String(t.nummer)))
  if (missing.length > 0) reject(verzoek, { rule: 'TR349', retourcode: '9349', message: `het verzoek noemt de actuele toewijzing(en) ${missing.map((t) => t.nummer).join(', ')} niet` })
  for (const p of nieuw) {
    const product = p.Product as MessageObject | undefined
    reject(p, await tr381ProductCode(ctx, product))
    reject(p, tr361Overlap(listed, { categorie: text(product?.Categorie), code: text(product?.Code), from: String(p.GewensteIngangsdatum), to: text(p.Einddatum) }))
  }

  if (!v.isRejected(verzoek)) {
    await addWorkItem(ctx, '317', ref, clientId, bsn, verzoek)
    v.accepted++
  }
  return v.result(v.accepted > 0 ? `verzoek om wijziging ${ref} in de werkvoorraad` : `verzoek om wijziging ${ref} afgekeurd`)
}

/**
 * Observer mode (ADR 0028): the back office's 316/318 decides whether a request of a 315
 * (each AangevraagdProduct) or 317 (the Verzoek) was taken in. `ctx` is the provider's
 * message (its id, body and date). A request Koers queued that the back office rejected is
 * closed as afgewezen, answered by the retour (no RedenAfwijzingVerzoek: it was not taken in),
 * unless it was answered already; one Koers refused that the back office took in is queued as
 * the handler queues it, unless its ReferentieAanbieder is taken (or, for a 317, the Bsn is no
 * client of the gemeente).
 */
export async function followRequestRetour(ctx: HandlerContext, code: '315' | '317', retour: { messageId: number; date: string }, rejected: (bsn: string, cls: MessageObject) => readonly string[] | undefined): Promise<FollowedClass[]> {
  const client = ctx.heen.Client as MessageObject
  const bsn = String(client.Bsn)
  const classes = code === '315' ? asArray((client.AangevraagdeProducten as MessageObject).AangevraagdProduct) : [client.Verzoek as MessageObject]
  const out: FollowedClass[] = []
  for (const cls of classes) {
    const ref = String(cls.ReferentieAanbieder)
    const queued = await ctx.trx.selectFrom('care_request').select(['id', 'status']).where('message_id', '=', ctx.messageId).where('referentie_aanbieder', '=', ref).executeTakeFirst()
    const codes = rejected(bsn, cls)
    const row = { cls, koers: queued !== undefined, backoffice: codes === undefined }
    if (row.koers === row.backoffice) {
      out.push({ ...row, done: 'gelijk' })
      continue
    }
    if (queued) {
      if (queued.status !== 'open' && queued.status !== 'in_onderzoek') {
        out.push({ ...row, done: 'niet_te_volgen', reason: `het verzoek is al beantwoord (${queued.status})` })
        continue
      }
      await ctx.trx
        .updateTable('care_request')
        .set({ status: 'afgewezen', reden_afwijzing: null, decision_note: `niet in behandeling genomen: retour van de backoffice met ${codes!.join(', ')}`, decided_at: `${retour.date}T12:00:00Z`, answer_message_id: retour.messageId })
        .where('id', '=', queued.id)
        .execute()
      out.push({ ...row, done: 'teruggedraaid' })
      continue
    }
    const clientId = await clientIdOf(ctx, bsn)
    if (await referenceTaken(ctx, ref)) out.push({ ...row, done: 'niet_te_volgen', reason: `ReferentieAanbieder ${ref} is al gebruikt` })
    else if (code === '317' && clientId === null) out.push({ ...row, done: 'niet_te_volgen', reason: 'de Bsn hoort niet bij een cliënt van deze gemeente' })
    else {
      await addWorkItem(ctx, code, ref, clientId, bsn, cls, code === '315' ? personOf(client) : null)
      out.push({ ...row, done: 'toegepast' })
    }
  }
  return out
}
