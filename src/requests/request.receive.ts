/**
 * 315 Verzoek om toewijzing and 317 Verzoek om wijziging from a provider: checked, then a
 * work item for the lokaal team (care_request). Retourcodes per class (LDT_RetourCode):
 *
 * - TR347 (9347): ReferentieAanbieder is unique for the provider within the law.
 * - TR361 (9361): a product does not occur twice with overlapping periods.
 * - TR374 (9374): no second 317 while one is being handled.
 * - TR349 (9349): a 317 lists every current toewijzing, unchanged or to change.
 * - TR350/TR351 (9350/9351): each listed ToewijzingNummer is a current toewijzing.
 * - TR357 (9357): a GewensteIngangsdatum on or before the Dagtekening equals the original ingangsdatum.
 * - TR373 (9373): a budget change keeps the ingangsdatum.
 */
import type { MessageObject } from '../istandaarden/messages/read-message.ts'
import { type HandlerContext, type HandlerResult, type MessageHandler, Verdicts, asArray, text } from '../exchange/handler.ts'

interface Period {
  key: string
  from: string
  to: string
}

const productKey = (p: MessageObject | undefined) => (p ? `${text(p.Categorie)}/${text(p.Code) ?? ''}` : 'generiek')

/** Pairs of classes whose product occurs twice with overlapping periods (TR361). */
function overlapping<T>(items: { cls: T; period: Period }[]): T[] {
  const out: T[] = []
  for (const [i, a] of items.entries()) {
    for (const b of items.slice(i + 1)) {
      if (a.period.key === b.period.key && a.period.from <= b.period.to && b.period.from <= a.period.to) out.push(b.cls)
    }
  }
  return out
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

async function clientIdOf(ctx: HandlerContext, bsn: string): Promise<number | null> {
  const row = await ctx.trx.selectFrom('client').select('id').where('bsn', '=', bsn).where('gemeente_id', '=', ctx.party.gemeenteId).executeTakeFirst()
  return row?.id ?? null
}

/** A request in the lokaal team's queue; a 315 also brings the client's name and birth date. */
async function addWorkItem(ctx: HandlerContext, kind: '315' | '317', referentie: string, clientId: number | null, bsn: string, requested: MessageObject, person: { birth_date: string; family_name: string; name_prefix: string; initials: string; gender: string } | null = null) {
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

export const handleRequest: MessageHandler = async (ctx): Promise<HandlerResult> => {
  const client = ctx.heen.Client as MessageObject
  const bsn = String(client.Bsn)
  const naam = client.Naam as MessageObject
  const geslachtsnaam = naam.Geslachtsnaam as MessageObject
  const products = asArray((client.AangevraagdeProducten as MessageObject).AangevraagdProduct)
  const v = new Verdicts()
  const seen = new Set<string>()
  for (const ap of products) {
    const ref = String(ap.ReferentieAanbieder)
    if (seen.has(ref) || (await referenceTaken(ctx, ref))) {
      v.reject(ap, { rule: 'TR347', retourcode: '9347', path: `AangevraagdProduct ${ref}`, message: `ReferentieAanbieder ${ref} was already used by this provider` })
    }
    seen.add(ref)
  }
  const periods = products.map((ap) => ({ cls: ap, period: { key: productKey(ap.Product as MessageObject | undefined), from: String(ap.ToewijzingIngangsdatum), to: text(ap.ToewijzingEinddatum) ?? '9999-12-31' } }))
  for (const ap of overlapping(periods)) {
    v.reject(ap, { rule: 'TR361', retourcode: '9361', path: `AangevraagdProduct ${text(ap.ReferentieAanbieder)}`, message: 'the product is requested twice with overlapping periods' })
  }
  const clientId = await clientIdOf(ctx, bsn)
  for (const ap of products) {
    if (v.isRejected(ap)) continue
    await addWorkItem(ctx, '315', String(ap.ReferentieAanbieder), clientId, bsn, ap, {
      birth_date: String((client.Geboortedatum as MessageObject).Datum),
      family_name: String(geslachtsnaam.Achternaam),
      name_prefix: text(geslachtsnaam.Voorvoegsel) ?? '',
      initials: text(naam.Voorletters) ?? '',
      gender: String(client.Geslacht),
    })
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
  const reject = (cls: MessageObject, rule: string, retourcode: string, message: string) => {
    v.reject(cls, { rule, retourcode, path: `Verzoek ${ref}`, message })
    if (cls !== verzoek) v.reject(verzoek, { rule, retourcode, path: `Verzoek ${ref}`, message })
  }
  if (await referenceTaken(ctx, ref)) reject(verzoek, 'TR347', '9347', `ReferentieAanbieder ${ref} was already used by this provider`)
  const clientId = await clientIdOf(ctx, bsn)
  const current = clientId === null ? [] : await ctx.trx
    .selectFrom('toewijzing')
    .select(['id', 'toewijzing_nummer', 'ingangsdatum', 'budget_cents'])
    .where('client_id', '=', clientId)
    .where('provider_id', '=', ctx.party.providerId)
    .where('wet', '=', ctx.wet)
    .where('status', '=', 'actief')
    .where('einddatum', '>=', ctx.at.date)
    .where((eb) => eb.or([eb('reden_wijziging', 'is', null), eb('reden_wijziging', '<>', '13')]))
    .execute()
  if (clientId !== null) {
    const pending = await ctx.trx.selectFrom('care_request').select('referentie_aanbieder').where('client_id', '=', clientId).where('provider_id', '=', ctx.party.providerId).where('kind', '=', '317').where('status', 'in', ['open', 'in_onderzoek']).executeTakeFirst()
    if (pending) reject(verzoek, 'TR374', '9374', `request ${pending.referentie_aanbieder} is still being handled`)
  }
  const byNumber = new Map(current.map((t) => [String(t.toewijzing_nummer), t]))
  const unchanged = asArray((verzoek.OngewijzigdeProducten as MessageObject | undefined)?.OngewijzigdProduct)
  const toChange = asArray((verzoek.TeWijzigenProducten as MessageObject | undefined)?.TeWijzigenProduct)
  const nieuw = asArray((verzoek.NieuweProducten as MessageObject | undefined)?.NieuwProduct)
  for (const p of unchanged) {
    if (!byNumber.has(String(p.ToewijzingNummer))) reject(p, 'TR350', '9350', `toewijzing ${text(p.ToewijzingNummer)} is not a current toewijzing of this client at this provider`)
  }
  for (const p of toChange) {
    const t = byNumber.get(String(p.ToewijzingNummer))
    if (!t) {
      reject(p, 'TR351', '9351', `toewijzing ${text(p.ToewijzingNummer)} is not a current toewijzing of this client at this provider`)
      continue
    }
    const gewenst = String(p.GewensteIngangsdatum)
    if (gewenst <= dagtekening && gewenst !== t.ingangsdatum) reject(p, 'TR357', '9357', `GewensteIngangsdatum ${gewenst} lies on or before the Dagtekening but differs from the ingangsdatum ${t.ingangsdatum}`)
    if (p.Budget !== undefined && gewenst !== t.ingangsdatum) reject(p, 'TR373', '9373', `a budget change keeps the ingangsdatum ${t.ingangsdatum}`)
  }
  const listed = new Set([...unchanged, ...toChange].map((p) => String(p.ToewijzingNummer)))
  const missing = current.filter((t) => !listed.has(String(t.toewijzing_nummer)))
  if (missing.length > 0) reject(verzoek, 'TR349', '9349', `the request does not list current toewijzing(en) ${missing.map((t) => t.toewijzing_nummer).join(', ')}`)
  const periods = nieuw.map((p) => ({ cls: p, period: { key: productKey(p.Product as MessageObject | undefined), from: String(p.GewensteIngangsdatum), to: text(p.Einddatum) ?? '9999-12-31' } }))
  for (const p of overlapping(periods)) reject(p, 'TR361', '9361', 'the product is requested twice with overlapping periods')

  if (!v.isRejected(verzoek)) {
    await addWorkItem(ctx, '317', ref, clientId, bsn, verzoek)
    v.accepted++
  }
  return v.result(v.accepted > 0 ? `verzoek om wijziging ${ref} in de werkvoorraad` : `verzoek om wijziging ${ref} afgekeurd`)
}
