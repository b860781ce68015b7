/**
 * The lokaal team's work queue of 315 and 317 requests, and its answers (OP274, OP344,
 * OP346): approve (a 301, with the request's ReferentieAanbieder, TR379), refuse with a
 * RedenAfwijzingVerzoek (319 VerzoekAntwoord 1), or answer "in onderzoek" (319
 * VerzoekAntwoord 2) when the 5 working days are not enough; then the final answer is due 8
 * weeks after the request's Dagtekening. The 319's content rules are in
 * toewijzingen/toewijzingbericht.rules.ts.
 */
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import type { CareRequestStatus } from '../db/schema.ts'
import { auditReads } from '../auth/audit.queries.ts'
import { can } from '../auth/permissions.ts'
import type { ScopedDb } from '../db/scope.ts'
import { gemeenteHeader, lawOf, loadParty, nextIdentificatie, queueOutgoing } from '../exchange/outbox.ts'
import { asArray, text } from '../exchange/handler.ts'
import { displayName } from '../clients/client-file.queries.ts'
import { clientOfMessage } from '../clients/client.queries.ts'
import { type ApproveRequestInput, answerSchema, approveRequestSchema } from './request.schema.ts'
import { type MessageObject, type MessageValue, parseMessage } from '../istandaarden/messages/read-message.ts'
import { AppError } from '../shared/errors.ts'
import { type Moment, momentOf } from '../shared/moment.ts'
import { changeToewijzing, issueToewijzing, replaceOmvang, sendToewijzingen } from '../toewijzingen/toewijzing.queries.ts'
import { omvangSchema } from '../toewijzingen/toewijzing.schema.ts'
import { answerDue, checkAntwoord } from '../toewijzingen/toewijzingbericht.rules.ts'

export interface RequestItem {
  id: number
  kind: '315' | '317'
  wet: 'jeugdwet' | 'wmo'
  providerId: number
  providerName: string
  referentieAanbieder: string
  receivedOn: string
  /** The request's Dagtekening. */
  dagtekening: string
  /** Answer due: 5 working days after receipt; after "in onderzoek", 8 weeks after the Dagtekening (OP274, OP346). */
  answerDue: string
  /** The day the 319 "aanvraag in onderzoek" went out, if it did. */
  inOnderzoekOp: string | null
  status: CareRequestStatus
  clientId: number | null
  /** The client's name; empty for a role that may not read personal data (a gemeente's own users). */
  clientName: string
  /** Null for a role that may not read personal data. */
  birthDate: string | null
  /** What was asked, without the BSN. */
  requested: Record<string, unknown>
  redenAfwijzing: string | null
  decisionNote: string
}

/**
 * The gemeente's requests; a provider sees its own. The client's name and birth date only for a
 * role that may read personal data, and then every request shown is an audit line
 * (`request.list`, one per request: the person in it, registered as a client or not; ADR 0020).
 */
export async function listRequests(trx: ScopedDb, actor: Actor, filter: { status?: string; id?: number } = {}): Promise<RequestItem[]> {
  let q = trx
    .selectFrom('care_request as r')
    .innerJoin('provider as p', 'p.id', 'r.provider_id')
    .innerJoin('message as m', 'm.id', 'r.message_id')
    .leftJoin('client as c', 'c.id', 'r.client_id')
    // The name from the client file when the client is known, else as the 315 gave it.
    .select((eb) => [eb.fn.coalesce('c.family_name', 'r.family_name').as('family_name'), eb.fn.coalesce('c.name_prefix', 'r.name_prefix').as('name_prefix'), eb.fn.coalesce('c.initials', 'r.initials').as('initials')])
    .select(['r.id', 'r.kind', 'r.wet', 'r.provider_id', 'p.name as provider_name', 'r.referentie_aanbieder', 'r.received_on', 'm.dagtekening', 'r.in_onderzoek_op', 'r.status', 'r.gemeente_id', 'r.client_id', 'r.birth_date', 'r.requested', 'r.reden_afwijzing', 'r.decision_note', 'c.pseudonym'])
    .orderBy('r.received_on', 'desc')
    .orderBy('r.id', 'desc')
  if (actor.gemeenteId !== null) q = q.where('r.gemeente_id', '=', actor.gemeenteId)
  if (actor.providerId !== null) q = q.where('r.provider_id', '=', actor.providerId)
  if (filter.status) q = q.where('r.status', '=', filter.status as never)
  if (filter.id) q = q.where('r.id', '=', filter.id)
  const rows = await q.limit(500).execute()
  const personal = can(actor, 'personal_data.read')
  if (personal) await auditReads(trx, actor, rows.map((r) => ({ action: 'request.list', subjectType: 'care_request', subjectId: r.id, gemeenteId: r.gemeente_id, clientPseudonym: r.pseudonym, subjectLabel: `${r.wet === 'jeugdwet' ? 'JW' : 'WMO'}${r.kind} ${r.referentie_aanbieder}` })))
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    wet: r.wet,
    providerId: r.provider_id,
    providerName: r.provider_name,
    referentieAanbieder: r.referentie_aanbieder,
    receivedOn: r.received_on,
    dagtekening: r.dagtekening,
    answerDue: answerDue({ receivedOn: r.received_on, dagtekening: r.dagtekening, inOnderzoek: r.in_onderzoek_op !== null }),
    inOnderzoekOp: r.in_onderzoek_op,
    status: r.status,
    clientId: r.client_id,
    clientName: !personal || r.family_name === '' ? '' : displayName(r),
    birthDate: personal ? r.birth_date : null,
    requested: r.requested,
    redenAfwijzing: r.reden_afwijzing,
    decisionNote: r.decision_note,
  }))
}

/** A request that still waits for its answer; given `kind`, only of that kind. */
async function openRequest(trx: ScopedDb, actor: Actor, id: number, kind?: '315' | '317') {
  const r = await trx.selectFrom('care_request').selectAll().where('id', '=', id).executeTakeFirst()
  if (!r || (actor.gemeenteId !== null && r.gemeente_id !== actor.gemeenteId)) throw new AppError('request.not_found', 'request not found')
  if (kind !== undefined && r.kind !== kind) throw new AppError('request.wrong_kind', `request ${r.referentie_aanbieder} is a ${r.kind}, not a ${kind}`)
  if (r.status !== 'open' && r.status !== 'in_onderzoek') throw new AppError('request.already_answered', `request ${r.referentie_aanbieder} was already answered (${r.status})`)
  return r
}

type OpenRequest = Awaited<ReturnType<typeof openRequest>>


/** Approves a 315: registers the client when new, issues the toewijzing under the toegang rules, sends the 301. */
export async function approveRequest(trx: ScopedDb, actor: Actor, requestId: number, raw: ApproveRequestInput, at: Moment = momentOf()) {
  const input = approveRequestSchema.parse(raw)
  const r = await openRequest(trx, actor, requestId, '315')
  let clientId = r.client_id
  if (clientId === null) {
    clientId = await clientOfMessage(trx, actor, r.gemeente_id, r.bsn, { birth_date: r.birth_date!, datum_gebruik: r.datum_gebruik, family_name: r.family_name, name_prefix: r.name_prefix, initials: r.initials, gender: r.gender as '0' | '1' | '2' })
  }
  if (input.postcode !== undefined && input.huisnummer !== undefined) {
    await trx.updateTable('client').set({ postcode: input.postcode, huisnummer: input.huisnummer, ...(input.briefadres === undefined ? {} : { adres_soort: input.briefadres ? '02' : '01' }) }).where('id', '=', clientId).execute()
  }
  const requested = r.requested as MessageObject
  const verwijzer = requested.Verwijzer as MessageObject | undefined
  // OP002x1: the 315 may say the provider knows the gezagsdrager (GezagsdragerBekend 1, ja); it stands on the client, so read it from the 315 itself.
  const verzoek = await trx.selectFrom('message').select('content').where('id', '=', r.message_id).executeTakeFirstOrThrow()
  const gezagsdragerBekend = text((parseMessage(verzoek.content).body?.Client as MessageObject | undefined)?.GezagsdragerBekend) === '1'
  const issued = await issueToewijzing(
    trx,
    actor,
    { clientId, assessment: input.assessment, providerId: r.provider_id, productId: input.productId, ingangsdatum: input.ingangsdatum, einddatum: input.einddatum, omvang: input.omvang, budgetCents: input.budgetCents, justification: input.justification, exceptionReason: input.exceptionReason },
    { at, request: { id: r.id, referentieAanbieder: r.referentie_aanbieder, verwijzerType: text(verwijzer?.Type), wet: r.wet }, gezagsdragerBekend },
  )
  await trx.updateTable('care_request').set({ status: 'toegewezen', client_id: clientId, decided_by: actor.userId, decided_at: new Date(), answer_message_id: issued.messageId }).where('id', '=', r.id).execute()
  return issued
}

/** Refuses a 315 or 317 with a 319 (VerzoekAntwoord 1 and the RedenAfwijzingVerzoek). */
export async function refuseRequest(trx: ScopedDb, actor: Actor, requestId: number, raw: z.input<typeof answerSchema>, at: Moment = momentOf()): Promise<{ messageId: number }> {
  const input = answerSchema.parse(raw)
  return answer(trx, actor, await openRequest(trx, actor, requestId), '1', input, at)
}

/** Answers "in onderzoek" (319 VerzoekAntwoord 2): the request stays in the queue. */
export async function markInProgress(trx: ScopedDb, actor: Actor, requestId: number, note: string, at: Moment = momentOf()): Promise<{ messageId: number }> {
  const r = await openRequest(trx, actor, requestId)
  // TR360/TR365: one "in onderzoek" answer per request.
  if (r.status === 'in_onderzoek') throw new AppError('request.already_in_onderzoek', 'this request was already answered "in onderzoek"')
  return answer(trx, actor, r, '2', { note }, at)
}

async function answer(trx: ScopedDb, actor: Actor, r: OpenRequest, verzoekAntwoord: '1' | '2', input: { reden?: string | undefined; woonplaatsGemeente?: string | undefined; note: string }, at: Moment) {
  const party = await loadParty(trx, r.gemeente_id, r.provider_id)
  const findings = checkAntwoord({ wet: r.wet, kind: r.kind, verzoekAntwoord, redenAfwijzingVerzoek: input.reden, woonplaatsGemeente: input.woonplaatsGemeente, ownCbsCode: party.cbsCode })
  if (findings.length > 0) throw new AppError('request.answer_invalid', `${findings[0]!.rule}: ${findings[0]!.message}`, findings.map((f) => ({ path: f.path, rule: f.rule, message: `${f.rule}: ${f.message}` })))
  const law = lawOf(r.wet)
  const identificatie = await nextIdentificatie(trx, actor.regionId, party.cbsCode, '319')
  const messageId = await queueOutgoing(trx, actor, {
    wet: r.wet,
    code: '319',
    party,
    body: {
      Header: gemeenteHeader(law, '319', party, identificatie, at.date),
      Antwoord: {
        ReferentieAanbieder: r.referentie_aanbieder,
        VerzoekAntwoord: verzoekAntwoord,
        RedenAfwijzingVerzoek: input.reden,
        // TR377/TR409: the class only with reden 8; checkAntwoord made sure of both ways.
        Woonplaatsbeginsel: input.woonplaatsGemeente === undefined ? undefined : { Gemeente: input.woonplaatsGemeente },
      },
    },
    summary: verzoekAntwoord === '1' ? `verzoek ${r.referentie_aanbieder} afgewezen: reden ${input.reden}` : `verzoek ${r.referentie_aanbieder} in onderzoek`,
  })
  await trx
    .updateTable('care_request')
    .set({
      status: verzoekAntwoord === '1' ? 'afgewezen' : 'in_onderzoek',
      reden_afwijzing: input.reden ?? null,
      woonplaats_gemeente: input.woonplaatsGemeente ?? null,
      decision_note: input.note,
      decided_by: actor.userId,
      decided_at: new Date(),
      answer_message_id: messageId,
      ...(verzoekAntwoord === '2' ? { in_onderzoek_op: at.date } : {}),
    })
    .where('id', '=', r.id)
    .execute()
  return { messageId }
}

/** A message's Omvang as the toewijzing input takes it (its schema checks the codes). */
function omvangOf(value: MessageValue | undefined): z.input<typeof omvangSchema> | null {
  const o = value as MessageObject | undefined
  return o ? ({ volume: Number(o.Volume), eenheid: String(o.Eenheid), frequentie: String(o.Frequentie) } as z.input<typeof omvangSchema>) : null
}

/**
 * Approves a 317 as a whole (OP344, IV093): all in one 301 with the request's
 * ReferentieAanbieder on every ToegewezenProduct, unchanged ones included (IV097).
 *
 * - TeWijzigenProduct on a toewijzing with a budget or frequentie 6 (totaal binnen de
 *   geldigheidsduur): a new version on the same number — einddatum, budget, volume (OP033x1,
 *   OP257); so also after care started.
 * - TeWijzigenProduct changing only the einddatum: a new version on the same number (OP380).
 * - TeWijzigenProduct with another omvang: the toewijzing ends the day before the
 *   GewensteIngangsdatum and a new one starts then (IV066, IV093 voorbeeld 1).
 * - Each changed version gets RedenWijziging 12 (geïnitieerd door de aanbieder); a new
 *   toewijzing none. NieuwProduct: a new toewijzing.
 */
export async function approveChangeRequest(trx: ScopedDb, actor: Actor, requestId: number, at: Moment = momentOf()): Promise<{ messageId: number | null }> {
  const r = await openRequest(trx, actor, requestId, '317')
  if (r.client_id === null) throw new AppError('request.client_unknown', 'the client of this request is not known at this gemeente: refuse it')
  const verzoek = r.requested as MessageObject
  const request = { id: r.id, referentieAanbieder: r.referentie_aanbieder }
  const latest = await trx.selectFrom('beschikking').select('id').where('client_id', '=', r.client_id).where('wet', '=', r.wet).orderBy('id', 'desc').executeTakeFirst()
  for (const p of asArray((verzoek.TeWijzigenProducten as MessageObject | undefined)?.TeWijzigenProduct)) {
    const t = await trx.selectFrom('toewijzing').selectAll().where('gemeente_id', '=', r.gemeente_id).where('wet', '=', r.wet).where('toewijzing_nummer', '=', Number(p.ToewijzingNummer)).executeTakeFirstOrThrow()
    const newOmvang = omvangOf(p.Omvang)
    const einddatum = text(p.Einddatum)
    const budget = p.Budget === undefined ? undefined : Number(p.Budget)
    const omvangChanges = newOmvang !== null && (newOmvang.volume !== t.volume || newOmvang.eenheid !== t.eenheid || newOmvang.frequentie !== t.frequentie)
    const totalVolume = newOmvang !== null && t.frequentie === '6' && newOmvang.frequentie === '6' && newOmvang.eenheid === t.eenheid
    if (omvangChanges && !totalVolume) {
      await replaceOmvang(trx, actor, t.id, { ingangsdatum: String(p.GewensteIngangsdatum), einddatum, omvang: newOmvang, reden: '12', note: `omvang gewijzigd op verzoek ${r.referentie_aanbieder}` }, { at, request })
      continue
    }
    const volume = omvangChanges ? newOmvang.volume : undefined
    const budgetChanges = budget !== undefined && budget !== t.budget_cents
    const endChanges = einddatum !== undefined && einddatum !== t.einddatum
    // Asked to change but nothing differs: it goes out unchanged, without RedenWijziging (IV099).
    if (volume === undefined && !budgetChanges && !endChanges) continue
    await changeToewijzing(
      trx,
      actor,
      t.id,
      { redenWijziging: '12', einddatum: endChanges ? einddatum : undefined, budgetCents: budgetChanges ? budget : undefined, volume, note: `op verzoek ${r.referentie_aanbieder}` },
      { at, send: false, onRequest: true },
    )
  }
  for (const p of asArray((verzoek.NieuweProducten as MessageObject | undefined)?.NieuwProduct)) {
    const prod = p.Product as MessageObject | undefined
    // IV075: a Product with a code is specific, with a categorie only aspecific, without Product generic.
    let q = trx.selectFrom('product').select('id').where('wet', '=', r.wet).orderBy('id')
    if (prod === undefined) q = q.where('generiek', '=', true)
    else {
      q = q.where('generiek', '=', false).where('productcategorie', '=', text(prod.Categorie) ?? '')
      q = text(prod.Code) === undefined ? q.where('productcode', 'is', null) : q.where('productcode', '=', text(prod.Code)!)
    }
    const product = await q.executeTakeFirst()
    if (!product) throw new AppError('product.not_in_catalogue', `product ${prod === undefined ? '(generiek)' : `${text(prod.Categorie)}/${text(prod.Code) ?? ''}`} is not in the region's catalogue: refuse with reden 3 or 4`)
    if (!latest) throw new AppError('beschikking.missing', 'the client has no beschikking for this law: issue one from the client file')
    await issueToewijzing(
      trx,
      actor,
      {
        clientId: r.client_id,
        beschikkingId: latest.id,
        providerId: r.provider_id,
        productId: product.id,
        ingangsdatum: String(p.GewensteIngangsdatum),
        einddatum: text(p.Einddatum) ?? String(p.GewensteIngangsdatum),
        omvang: omvangOf(p.Omvang),
        budgetCents: p.Budget === undefined ? null : Number(p.Budget),
      },
      { at, request, send: false },
    )
  }
  const messageId = await sendToewijzingen(trx, actor, { clientId: r.client_id, providerId: r.provider_id, wet: r.wet, at, aanleiding: { kind: 'vow', referentieAanbieder: r.referentie_aanbieder } })
  await trx.updateTable('care_request').set({ status: 'toegewezen', decided_by: actor.userId, decided_at: new Date(), answer_message_id: messageId }).where('id', '=', r.id).execute()
  return { messageId }
}
