/**
 * Observer mode (ADR 0028): what the gemeente's back office sent, read from an archive and
 * applied to Koers' ledger as if Koers had sent it — the 301 (toewijzingen and their versions),
 * the 319 (the answer to a 315/317), the retours 306/308/316/318 (kept beside Koers' own
 * judgement) and the 325 (the gemeente's verdict per prestatie). Each is stored as an outgoing
 * message of modus `waarnemend`, so the mailbox, the dossiers and the 302/320 that answer it
 * work as in answering mode. Runs inside the caller's transaction, scoped as the gemeente.
 */
import { sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import { figuresChanged } from '../budgets/follow-up.ts'
import { bookRealisation } from '../budgets/realisation.queries.ts'
import { clientOfMessage } from '../clients/client.queries.ts'
import { type ScopedDb, enterScope, withActor } from '../db/scope.ts'
import { gatewayActor, messageByIdentification, regionActor } from '../exchange/admit.ts'
import { type HandlerContext, asArray, text } from '../exchange/handler.ts'
import { followStartStopRetour } from '../delivery/start-stop.receive.ts'
import { followRequestRetour } from '../requests/request.receive.ts'
import { type Party, followIdentificatie, sha256, wetOf } from '../exchange/outbox.ts'
import { raiseNumber } from '../db/sequences.ts'
import { type HeenCode, messageName, retourOf } from '../istandaarden/message-catalog.ts'
import { type MessageObject, type MessageValue, parseMessage } from '../istandaarden/messages/read-message.ts'
import { monthStart } from '../shared/dates.ts'
import { recordVersion } from '../toewijzingen/toewijzing.queries.ts'
import { verplichtingCents } from '../toewijzingen/verplichting.ts'
import type { ToewijzingVersionColumns } from '../db/schema.ts'
import { type Berichtkop, eigenIdentificatie, gemaaktOp, partijen } from './archief-volgorde.rules.ts'
import { type Onverwerkt, onverwerkt } from './archief.rules.ts'
import { type KlasHeenCode, klasOmschrijving, oordeelOver, retourOordeel } from './retour-klassen.rules.ts'

/** What became of one message of the gemeente: applied, already there, or why not. */
export type Waarneming = { uitkomst: 'verwerkt' | 'al_ontvangen'; samenvatting: string; bevinding?: Onverwerkt } | { uitkomst: 'niet_gekoppeld'; bevinding: Onverwerkt }

interface Ctx {
  trx: ScopedDb
  actor: Actor
  party: Party
  kop: Berichtkop
  body: MessageObject
  bytes: Uint8Array
}

const obj = (v: MessageValue | undefined): MessageObject | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as MessageObject) : undefined)

/** Every RetourCode anywhere under `value`, distinct, in order. */
export function retourCodesIn(value: MessageValue | undefined): string[] {
  const out: string[] = []
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk)
    if (v === null || typeof v !== 'object') return
    for (const [k, child] of Object.entries(v as MessageObject)) {
      if (k !== 'RetourCodes') walk(child)
      else for (const c of asArray(obj(child)?.RetourCode as never).map(String)) if (!out.includes(c)) out.push(c)
    }
  }
  walk(value)
  return out
}

/** The codes of a retour that reject something: 0200 (geen opmerking) and 0233 (niet beoordeeld, under a rejected class) do not. */
export const afwijzendeCodes = (codes: readonly string[]): string[] => codes.filter((c) => c !== '0200' && c !== '0233' && c !== '8001').sort()

/**
 * Applies one message of the gemeente. `null` when its parties are not in this region (the
 * caller lists it). The transaction is entered as the gemeente's message processing.
 */
export async function neemWaar(trx: ScopedDb, regionId: number, kop: Berichtkop, body: MessageObject, bytes: Uint8Array): Promise<Waarneming> {
  const codes = partijen(kop)
  const { gemeente, provider } = await withActor(trx, regionActor(regionId), async (r) => ({
    gemeente: await r.selectFrom('gemeente').select(['id', 'cbs_code']).where('cbs_code', '=', codes.gemeente).executeTakeFirst(),
    provider: await r.selectFrom('provider').select(['id', 'agb_code']).where('agb_code', '=', codes.aanbieder).executeTakeFirst(),
  }))
  if (!gemeente) return { uitkomst: 'niet_gekoppeld', bevinding: onverwerkt('gemeente_onbekend', `gemeentecode ${codes.gemeente} is geen gemeente van deze regio`) }
  if (!provider) return { uitkomst: 'niet_gekoppeld', bevinding: onverwerkt('aanbieder_onbekend', `AGB-code ${codes.aanbieder} is geen aanbieder in deze regio`) }
  const actor = gatewayActor(regionId, gemeente)
  await enterScope(trx, actor)
  const party: Party = { gemeenteId: gemeente.id, cbsCode: gemeente.cbs_code, providerId: provider.id, agbCode: provider.agb_code }
  const ctx: Ctx = { trx, actor, party, kop, body, bytes }
  const wet = wetOf(kop.kind.law)
  const earlier = await messageByIdentification(trx, { regionId, wet, code: kop.kind.code, senderCode: gemeente.cbs_code, identificatie: eigenIdentificatie(kop) })
    .select(['id', 'content_sha256'])
    .executeTakeFirst()
  if (earlier) {
    if (earlier.content_sha256 === sha256(bytes)) return { uitkomst: 'al_ontvangen', samenvatting: 'al ingelezen: er verandert niets' }
    return { uitkomst: 'niet_gekoppeld', bevinding: onverwerkt('dubbele_identificatie', `identificatie ${eigenIdentificatie(kop)} is al gebruikt voor een ander ${messageName(kop.kind)}-bericht van deze gemeente`) }
  }
  switch (kop.kind.code) {
    case '301':
      return neemToewijzingWaar(ctx)
    case '319':
      return neemAntwoordWaar(ctx)
    case '325':
      return neemDeclaratieAntwoordWaar(ctx)
    default:
      return neemRetourWaar(ctx)
  }
}

/** Stores the gemeente's message as sent (and picked up: it is in the archive). */
async function bewaar(ctx: Ctx, values: { answersMessageId?: number | null; retourCodes?: string[]; summary: string; verstuurdeVersies?: unknown }): Promise<number> {
  const { kop, party } = ctx
  const row = await ctx.trx
    .insertInto('message')
    .values({
      region_id: ctx.actor.regionId,
      direction: 'out',
      wet: wetOf(kop.kind.law),
      code: kop.kind.code,
      sender_code: party.cbsCode,
      receiver_code: party.agbCode,
      gemeente_id: party.gemeenteId,
      provider_id: party.providerId,
      identificatie: eigenIdentificatie(kop),
      dagtekening: gemaaktOp(kop),
      state: 'opgehaald',
      modus: 'waarnemend',
      answers_message_id: values.answersMessageId ?? null,
      retour_codes: values.retourCodes ?? [],
      summary: values.summary,
      content: ctx.bytes,
      content_size: ctx.bytes.length,
      content_sha256: sha256(ctx.bytes),
      downloaded_at: `${gemaaktOp(kop)}T12:00:00Z`,
      verstuurde_versies: values.verstuurdeVersies === undefined ? null : JSON.stringify(values.verstuurdeVersies),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  // Koers answering after a switch continues the back office's numbering of its messages.
  await followIdentificatie(ctx.trx, ctx.actor.regionId, party.cbsCode, kop.kind.code, eigenIdentificatie(kop))
  return row.id
}

/** The client of the gemeente with this BSN, registered (pseudonymised, as every client) from the 301 when new. */
async function clientUit301(ctx: Ctx, c: MessageObject): Promise<number> {
  const bsn = String(c.Bsn).padStart(9, '0')
  const geboorte = obj(c.Geboortedatum)
  const naam = obj(c.Naam)
  const geslachtsnaam = obj(naam?.Geslachtsnaam)
  const contact = asArray(obj(c.Contactgegevens)?.Contact)[0]
  const adres = obj(contact?.Adres)
  const person = {
    birth_date: String(geboorte?.Datum),
    datum_gebruik: (text(geboorte?.DatumGebruik) ?? null) as '1' | '2' | '3' | null,
    family_name: text(geslachtsnaam?.Achternaam) ?? '',
    name_prefix: text(geslachtsnaam?.Voorvoegsel) ?? '',
    initials: text(naam?.Voorletters) ?? '',
    gender: (text(c.Geslacht) ?? '0') as '0' | '1' | '2',
    postcode: text(adres?.Postcode) ?? null,
    huisnummer: adres ? Number(obj(adres.Huis)?.Huisnummer) : null,
    adres_soort: (text(contact?.Soort) ?? '01') as '01' | '02' | '03',
  }
  // What the last 301 says of the client is what the back office knows now.
  return clientOfMessage(ctx.trx, ctx.actor, ctx.party.gemeenteId, bsn, person, { refresh: true })
}

/** The justification that marks an observed beschikking: its profile (perspective, complexity, intensity) is not known (the scenario model reads it so). */
export const WAARGENOMEN_BESCHIKKING = 'waargenomen uit het berichtenverkeer: de beschikking en het profiel zijn van de backoffice en niet bekend'

/**
 * The back office's beschikking is not in the traffic: the client's latest beschikking in this
 * law, or one recorded as observed (its profile unknown; ADR 0028 says what that costs).
 */
async function beschikkingVoor(ctx: Ctx, clientId: number, wet: 'jeugdwet' | 'wmo', op: string): Promise<number> {
  const latest = await ctx.trx.selectFrom('beschikking').select('id').where('client_id', '=', clientId).where('wet', '=', wet).orderBy('id', 'desc').executeTakeFirst()
  if (latest) return latest.id
  const { rows } = await sql<{ last: number }>`
    insert into number_sequence (region_id, scope, last) values (${ctx.actor.regionId}, ${`beschikking:${ctx.party.gemeenteId}:${wet}`}, 1)
    on conflict (region_id, scope) do update set last = number_sequence.last + 1
    returning last`.execute(ctx.trx)
  const row = await ctx.trx
    .insertInto('beschikking')
    .values({
      region_id: ctx.actor.regionId,
      gemeente_id: ctx.party.gemeenteId,
      client_id: clientId,
      wet,
      beschikking_nummer: Number(rows[0]!.last),
      perspective: 'ontwikkeling',
      complexity: 'enkelvoudig',
      intensity: 'middel',
      goals: JSON.stringify([]),
      justification: WAARGENOMEN_BESCHIKKING,
      issued_on: op,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * A 301: every ToegewezenProduct becomes the toewijzing with its ToewijzingNummer, or a new
 * version of it when its Toewijzingsdatum and -tijd are later than the current one (IV013); a
 * product repeated unchanged (OP087) is matched to its version and changes nothing.
 */
async function neemToewijzingWaar(ctx: Ctx): Promise<Waarneming> {
  const wet = wetOf(ctx.kop.kind.law)
  const c = obj(ctx.body.Client)!
  const clientId = await clientUit301(ctx, c)
  const versies: { toewijzingId: number; version: number; vorige: number | null }[] = []
  const nieuw: number[] = []
  const gewijzigd: number[] = []
  for (const p of asArray(obj(c.ToegewezenProducten)?.ToegewezenProduct)) {
    const nummer = Number(p.ToewijzingNummer)
    const product = obj(p.Product)
    let q = ctx.trx.selectFrom('product').select(['id', 'segment_id', 'variant']).where('wet', '=', wet).orderBy('id')
    if (product === undefined) q = q.where('generiek', '=', true)
    else {
      q = q.where('generiek', '=', false).where('productcategorie', '=', text(product.Categorie) ?? '')
      q = text(product.Code) === undefined ? q.where('productcode', 'is', null) : q.where('productcode', '=', text(product.Code)!)
    }
    const found = await q.executeTakeFirst()
    if (!found) {
      return { uitkomst: 'niet_gekoppeld', bevinding: onverwerkt('product_onbekend', `toewijzing ${nummer}: product ${product ? `${text(product.Categorie)}/${text(product.Code) ?? ''}` : '(generiek)'} staat niet in de productcatalogus van de regio`) }
    }
    const omvang = obj(p.Omvang)
    const v: ToewijzingVersionColumns = {
      version: 1,
      toewijzing_datum: String(p.Toewijzingsdatum),
      toewijzing_tijd: String(p.Toewijzingstijd),
      ingangsdatum: String(p.Ingangsdatum),
      einddatum: String(p.Einddatum),
      volume: omvang ? Number(omvang.Volume) : null,
      eenheid: omvang ? String(omvang.Eenheid) : null,
      frequentie: omvang ? String(omvang.Frequentie) : null,
      budget_cents: p.Budget === undefined ? null : Number(p.Budget),
      reden_wijziging: text(p.RedenWijziging) ?? null,
      verplichting_cents: 0,
    }
    if (v.reden_wijziging !== '13' && found.variant !== 'taakgericht') {
      const tariffs = await ctx.trx.selectFrom('tariff').select(['valid_from as validFrom', 'valid_to as validTo', 'amount_cents as amountCents']).where('product_id', '=', found.id).execute()
      v.verplichting_cents = verplichtingCents({ ingangsdatum: v.ingangsdatum, einddatum: v.einddatum, omvang: omvang ? { volume: v.volume!, eenheid: v.eenheid!, frequentie: v.frequentie! } : null, budgetCents: v.budget_cents }, tariffs) ?? 0
    }
    const t = await ctx.trx.selectFrom('toewijzing').selectAll().where('gemeente_id', '=', ctx.party.gemeenteId).where('wet', '=', wet).where('toewijzing_nummer', '=', nummer).executeTakeFirst()
    if (t && (t.client_id !== clientId || t.provider_id !== ctx.party.providerId)) {
      return { uitkomst: 'niet_gekoppeld', bevinding: onverwerkt('toewijzing_van_ander', `toewijzing ${nummer} hoort bij een andere cliënt of aanbieder dan dit 301-bericht`) }
    }
    if (!t) {
      const referentie = text(p.ReferentieAanbieder)
      const verzoek = referentie === undefined ? undefined : await openVerzoek(ctx, referentie)
      const beschikkingId = await beschikkingVoor(ctx, clientId, wet, v.toewijzing_datum)
      const { id } = await ctx.trx
        .insertInto('toewijzing')
        .values({
          region_id: ctx.actor.regionId,
          gemeente_id: ctx.party.gemeenteId,
          client_id: clientId,
          beschikking_id: beschikkingId,
          provider_id: ctx.party.providerId,
          segment_id: found.segment_id,
          product_id: found.id,
          wet,
          toewijzing_nummer: nummer,
          request_id: verzoek?.id ?? null,
          referentie_aanbieder: referentie ?? null,
          status: 'actief',
          sent_version: 1,
          ...v,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await recordVersion(ctx.trx, ctx.actor, { id, gemeente_id: ctx.party.gemeenteId, provider_id: ctx.party.providerId, status: 'actief' }, v, 'waargenomen in 301')
      // Later numbers handed out by Koers itself (after a switch to answering) follow the back office's.
      await raiseNumber(ctx.trx, ctx.actor.regionId, `toewijzing:${ctx.party.gemeenteId}:${wet}`, nummer)
      versies.push({ toewijzingId: id, version: 1, vorige: null })
      nieuw.push(nummer)
      continue
    }
    const stamp = (d: string, tijd: string) => `${d}T${tijd}`
    if (stamp(v.toewijzing_datum, v.toewijzing_tijd) <= stamp(t.toewijzing_datum, t.toewijzing_tijd)) {
      // The version the provider already has, repeated (OP087), or an earlier one.
      versies.push({ toewijzingId: t.id, version: t.version, vorige: t.sent_version })
      continue
    }
    const next = { ...v, version: t.version + 1, reden_wijziging: v.reden_wijziging ?? t.reden_wijziging }
    await ctx.trx.updateTable('toewijzing').set({ ...next, sent_version: next.version }).where('id', '=', t.id).execute()
    await recordVersion(ctx.trx, ctx.actor, t, next, `waargenomen in 301 (${next.reden_wijziging ?? 'geen reden'})`)
    versies.push({ toewijzingId: t.id, version: next.version, vorige: t.sent_version })
    gewijzigd.push(nummer)
  }
  const summary = `${versies.length} toegewezen product(en)` + (nieuw.length > 0 ? `, nieuw: ${nieuw.join(', ')}` : '') + (gewijzigd.length > 0 ? `, gewijzigd: ${gewijzigd.join(', ')}` : '')
  const messageId = await bewaar(ctx, { summary, verstuurdeVersies: versies })
  // A 301 that names the ReferentieAanbieder of an open request answers it (TR379).
  for (const p of asArray(obj(c.ToegewezenProducten)?.ToegewezenProduct)) {
    const referentie = text(p.ReferentieAanbieder)
    if (referentie === undefined) continue
    await ctx.trx
      .updateTable('care_request')
      .set({ status: 'toegewezen', client_id: clientId, decided_at: `${gemaaktOp(ctx.kop)}T12:00:00Z`, answer_message_id: messageId })
      .where('gemeente_id', '=', ctx.party.gemeenteId)
      .where('provider_id', '=', ctx.party.providerId)
      .where('referentie_aanbieder', '=', referentie)
      .where('status', 'in', ['open', 'in_onderzoek'])
      .execute()
  }
  return { uitkomst: 'verwerkt', samenvatting: summary }
}

async function openVerzoek(ctx: Ctx, referentie: string) {
  return ctx.trx
    .selectFrom('care_request')
    .select(['id'])
    .where('gemeente_id', '=', ctx.party.gemeenteId)
    .where('provider_id', '=', ctx.party.providerId)
    .where('referentie_aanbieder', '=', referentie)
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** A 319: the gemeente's answer to a 315 or 317 — refused (1) or in onderzoek (2), as `answer` in request.queries.ts records it. */
async function neemAntwoordWaar(ctx: Ctx): Promise<Waarneming> {
  const antwoord = obj(ctx.body.Antwoord)!
  const referentie = String(antwoord.ReferentieAanbieder)
  const verzoek = await openVerzoek(ctx, referentie)
  if (!verzoek) return { uitkomst: 'niet_gekoppeld', bevinding: onverwerkt('geen_verzoek', `geen 315 of 317 met ReferentieAanbieder ${referentie} van deze aanbieder`) }
  const afgewezen = text(antwoord.VerzoekAntwoord) === '1'
  const summary = afgewezen ? `verzoek ${referentie} afgewezen: reden ${text(antwoord.RedenAfwijzingVerzoek) ?? '?'}` : `verzoek ${referentie} in onderzoek`
  const messageId = await bewaar(ctx, { summary })
  await ctx.trx
    .updateTable('care_request')
    .set({
      status: afgewezen ? 'afgewezen' : 'in_onderzoek',
      reden_afwijzing: text(antwoord.RedenAfwijzingVerzoek) ?? null,
      woonplaats_gemeente: text(obj(antwoord.Woonplaatsbeginsel)?.Gemeente) ?? null,
      decided_at: `${gemaaktOp(ctx.kop)}T12:00:00Z`,
      answer_message_id: messageId,
      ...(afgewezen ? {} : { in_onderzoek_op: gemaaktOp(ctx.kop) }),
    })
    .where('id', '=', verzoek.id)
    .execute()
  return { uitkomst: 'verwerkt', samenvatting: summary }
}

/** The provider's message a retour (or 325) answers: same law, the heen code, sent by the provider with that identification. */
async function heenbericht(ctx: Ctx, heenCode: HeenCode, identificatie: string) {
  return messageByIdentification(ctx.trx, { regionId: ctx.actor.regionId, wet: wetOf(ctx.kop.kind.law), code: heenCode, senderCode: ctx.party.agbCode, identificatie })
    .select(['id', 'retour_codes', 'state', 'content', 'dagtekening'])
    .executeTakeFirst()
}

const heenOf = (code: string): HeenCode => (Object.entries(retourOf).find(([, r]) => r === code)![0]) as HeenCode

/**
 * A 306, 308, 316 or 318: linked to the provider's message it answers, and followed class by
 * class (retour-klassen.rules.ts reads which classes it rejected). Koers judged that message
 * itself when it was read; where the back office's verdict on a class differs, the ledger
 * follows the back office (start-stop.receive.ts, request.receive.ts) and the difference is
 * listed as a finding naming the class and both verdicts — the second opinion on the small
 * messages. A class the ledger cannot follow is listed as `retour_niet_te_volgen`.
 */
async function neemRetourWaar(ctx: Ctx): Promise<Waarneming> {
  const heenCode = heenOf(ctx.kop.kind.code) as KlasHeenCode
  const heen = await heenbericht(ctx, heenCode, ctx.kop.identificatie)
  if (!heen) return { uitkomst: 'niet_gekoppeld', bevinding: onverwerkt('geen_heenbericht', `geen ${heenCode} met identificatie ${ctx.kop.identificatie} van deze aanbieder`) }
  const codes = retourCodesIn(ctx.body)
  const backoffice = afwijzendeCodes(codes)
  const koers = afwijzendeCodes(heen.retour_codes)
  const summary = backoffice.length === 0 ? `retour op ${heenCode} ${ctx.kop.identificatie}: goedgekeurd` : `retour op ${heenCode} ${ctx.kop.identificatie}: ${backoffice.join(', ')}`
  const retourId = await bewaar(ctx, { answersMessageId: heen.id, retourCodes: backoffice, summary })
  const heenBody = parseMessage(heen.content, { maxViolations: 1 }).body
  if (!heenBody) return { uitkomst: 'verwerkt', samenvatting: summary, bevinding: onverwerkt('retour_niet_te_volgen', `het ${heenCode}-bericht ${ctx.kop.identificatie} is niet meer te lezen`) }
  const oordeel = retourOordeel(heenCode, ctx.body)
  const rejected = (bsn: string, cls: MessageObject) => oordeelOver(oordeel, heenCode, bsn.padStart(9, '0'), cls)
  const hctx: HandlerContext = { trx: ctx.trx, actor: ctx.actor, party: ctx.party, wet: wetOf(ctx.kop.kind.law), heen: heenBody, messageId: heen.id, at: { date: heen.dagtekening, time: '12:00:00' } }
  const gevolgd = heenCode === '305' || heenCode === '307' ? await followStartStopRetour(hctx, heenCode, retourId, rejected) : await followRequestRetour(hctx, heenCode, { messageId: retourId, date: gemaaktOp(ctx.kop) }, rejected)
  const oordeelTekst = (ok: boolean, codes?: readonly string[]) => (ok ? 'goedgekeurd' : `afgekeurd${codes && codes.length > 0 ? ` (${codes.join(', ')})` : ''}`)
  const gevolgen = { teruggedraaid: 'teruggedraaid in het grootboek', toegepast: 'alsnog verwerkt in het grootboek', niet_te_volgen: 'niet te volgen' } as const
  const verschillen = gevolgd
    .filter((g) => g.done !== 'gelijk')
    .map((g) => `${klasOmschrijving(heenCode, g.cls)}: de backoffice ${oordeelTekst(g.backoffice, rejected(String((heenBody.Client as MessageObject).Bsn), g.cls))}, de regels van de standaard ${oordeelTekst(g.koers)}; ${gevolgen[g.done as keyof typeof gevolgen]}${g.reason ? `: ${g.reason}` : ''}`)
  const nietTeVolgen = gevolgd.some((g) => g.done === 'niet_te_volgen')
  const samenvatting = verschillen.length > 0 ? `${summary}; ${gevolgd.filter((g) => g.done === 'teruggedraaid' || g.done === 'toegepast').length} klasse(n) gevolgd` : summary
  if (verschillen.length > 0) return { uitkomst: 'verwerkt', samenvatting, bevinding: onverwerkt(nietTeVolgen ? 'retour_niet_te_volgen' : 'retour_wijkt_af', verschillen.join('; ')) }
  const same = backoffice.length === koers.length && backoffice.every((c, i) => c === koers[i])
  if (same) return { uitkomst: 'verwerkt', samenvatting: summary }
  // The same classes rejected, with other codes.
  return { uitkomst: 'verwerkt', samenvatting: summary, bevinding: onverwerkt('retour_wijkt_af', `de backoffice gaf ${backoffice.join(', ') || 'geen afkeuring'}, de regels van de standaard geven ${koers.join(', ') || 'geen afkeuring'}`) }
}

/**
 * A 325: matched to its 323 by DeclaratieIdentificatie (and its DeclaratieNummer); its verdict
 * decides each prestatie. A 325 lists only the rejected prestaties (by ReferentieNummer, with
 * their codes); a code in the Header or on the DeclaratieAntwoord (other than 0200/8001)
 * rejects the whole declaration. Where the verdict differs from Koers' own, the line, the
 * declaration's totals, the realisation and the commitments follow the 325; Koers' verdict is
 * kept in `koers_goedgekeurd` for the second opinion.
 */
async function neemDeclaratieAntwoordWaar(ctx: Ctx): Promise<Waarneming> {
  const ident = ctx.kop.declaratieIdentificatie
  const heen = ident === undefined ? undefined : await heenbericht(ctx, '323', ident)
  if (!heen) return { uitkomst: 'niet_gekoppeld', bevinding: onverwerkt('geen_323', `geen 323 met identificatie ${ident ?? '?'} van deze aanbieder`) }
  const header = obj(ctx.body.Header)!
  const headerCodes = afwijzendeCodes(asArray(obj(header.RetourCodes)?.RetourCode as never).map(String))
  const antwoord = obj(ctx.body.DeclaratieAntwoord)
  const d = await ctx.trx.selectFrom('declaratie').selectAll().where('message_id', '=', heen.id).executeTakeFirst()
  const nummer = text(antwoord?.DeclaratieNummer)
  if (d && nummer !== undefined && nummer !== d.declaratie_nummer) {
    return { uitkomst: 'niet_gekoppeld', bevinding: onverwerkt('declaratienummer_anders', `de 325 noemt declaratie ${nummer}, de 323 ${d.declaratie_nummer}`) }
  }
  const geheel = [...headerCodes, ...afwijzendeCodes(asArray(obj(antwoord?.RetourCodes)?.RetourCode as never).map(String))]
  const afgewezen = new Map<string, string[]>()
  for (const client of asArray(obj(antwoord?.Clienten)?.Client)) {
    for (const p of asArray(obj(client.Prestaties)?.Prestatie)) afgewezen.set(String(obj(p.ProductReferentie)?.ReferentieNummer), afwijzendeCodes(retourCodesIn(p)))
  }
  if (!d) {
    // Koers refused the 323 whole (its lines were not kept); a 325 that grants any of it cannot be followed.
    const summary = `declaratie-antwoord op 323 ${ident}: ${geheel.join(', ') || 'toegekend'}`
    await bewaar(ctx, { answersMessageId: heen.id, retourCodes: geheel, summary })
    if (geheel.length > 0) return { uitkomst: 'verwerkt', samenvatting: summary }
    return { uitkomst: 'verwerkt', samenvatting: summary, bevinding: onverwerkt('declaratie_zonder_regels', `de backoffice kende 323 ${ident} (deels) toe; de regels van de standaard keurden het bericht geheel af, dus de prestaties zijn niet bewaard`) }
  }
  const lines = await ctx.trx
    .selectFrom('declaratie_regel')
    .select(['id', 'referentie_nummer', 'goedgekeurd', 'koers_goedgekeurd', 'retour_codes', 'toewijzing_id', 'segment_id', 'product_id', 'begindatum', 'bedrag_cents'])
    .where('declaratie_id', '=', d.id)
    .orderBy('id')
    .execute()
  const changed: typeof lines = []
  const recoded: { id: number; goedgekeurd: boolean; codes: string[] }[] = []
  let toegekend = 0
  let goedgekeurd = 0
  for (const l of lines) {
    const ok = geheel.length === 0 && !afgewezen.has(l.referentie_nummer)
    if (ok) {
      toegekend += Number(l.bedrag_cents)
      goedgekeurd++
    }
    if (ok !== l.goedgekeurd) changed.push(l)
    // The back office's codes of each line it rejected are kept, also where Koers rejected it with others.
    const codes = ok ? [] : (afgewezen.get(l.referentie_nummer) ?? geheel)
    if (ok !== l.goedgekeurd || codes.join() !== [...l.retour_codes].sort().join()) recoded.push({ id: l.id, goedgekeurd: ok, codes })
  }
  // Koers' own verdict and codes, once: the first 325 read is compared with them (a second 325 on the same 323 is a correction).
  await ctx.trx
    .updateTable('declaratie_regel')
    .set((eb) => ({ koers_goedgekeurd: eb.ref('goedgekeurd'), koers_retour_codes: eb.ref('retour_codes') }))
    .where('declaratie_id', '=', d.id)
    .where('koers_goedgekeurd', 'is', null)
    .execute()
  for (const l of recoded) await ctx.trx.updateTable('declaratie_regel').set({ goedgekeurd: l.goedgekeurd, retour_codes: l.codes }).where('id', '=', l.id).execute()
  await volgRealisatie(ctx, d, changed)
  const summary = `declaratie-antwoord op ${d.declaratie_nummer}: ${goedgekeurd} van ${lines.length} prestaties goedgekeurd` + (changed.length > 0 ? `; ${changed.length} anders dan de regels van de standaard` : '')
  const messageId = await bewaar(ctx, { answersMessageId: heen.id, retourCodes: geheel.length > 0 ? geheel : [...new Set([...afgewezen.values()].flat())], summary })
  await ctx.trx.updateTable('declaratie').set({ toegekend_cents: toegekend, goedgekeurd, afgewezen: lines.length - goedgekeurd, answer_message_id: messageId }).where('id', '=', d.id).execute()
  return { uitkomst: 'verwerkt', samenvatting: summary }
}

/** The realisation per month and the commitments per toewijzing and year follow lines whose verdict the 325 changed. */
async function volgRealisatie(ctx: Ctx, d: { gemeente_id: number; provider_id: number; wet: 'jeugdwet' | 'wmo' }, changed: { goedgekeurd: boolean; toewijzing_id: number | null; segment_id: number | null; product_id: number | null; begindatum: string; bedrag_cents: number }[]): Promise<void> {
  const perMaand = new Map<string, { segmentId: number; productId: number; maand: string; debet: number; credit: number; regels: number }>()
  const perToewijzingJaar = new Map<string, number>()
  for (const l of changed) {
    if (l.toewijzing_id === null || l.segment_id === null || l.product_id === null) continue
    const sign = l.goedgekeurd ? -1 : 1 // approved before and rejected now: taken off
    const cents = Number(l.bedrag_cents)
    const maand = monthStart(l.begindatum)
    const key = `${l.product_id}|${maand}`
    const r = perMaand.get(key) ?? { segmentId: l.segment_id, productId: l.product_id, maand, debet: 0, credit: 0, regels: 0 }
    if (cents < 0) r.credit += sign * -cents
    else r.debet += sign * cents
    r.regels += sign
    perMaand.set(key, r)
    const tj = `${l.toewijzing_id}|${l.begindatum.slice(0, 4)}`
    perToewijzingJaar.set(tj, (perToewijzingJaar.get(tj) ?? 0) + sign * cents)
  }
  if (perMaand.size === 0) return
  await bookRealisation(
    ctx.trx,
    { regionId: ctx.actor.regionId, gemeenteId: d.gemeente_id, providerId: d.provider_id, wet: d.wet },
    [...perMaand.values()],
    [...perToewijzingJaar].map(([k, cents]) => ({ toewijzingId: Number(k.split('|')[0]), jaar: Number(k.split('|')[1]), cents })),
  )
  const years = new Set([...perMaand.values()].map((r) => Number(r.maand.slice(0, 4))))
  await figuresChanged(ctx.trx, ctx.actor, years, gemaaktOp(ctx.kop), { gemeenteId: d.gemeente_id, providerId: d.provider_id })
}
