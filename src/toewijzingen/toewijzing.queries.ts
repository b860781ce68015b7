/**
 * Beschikkingen and toewijzingen: issue, change, approve an exception, and send the 301.
 * A use case loads the facts, decides with the pure rules of toewijzing.rules.ts, and
 * persists; every new version of a toewijzing sends a 301 with all of the client's current
 * toewijzingen at that provider.
 */
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import { figuresChanged } from '../budgets/follow-up.ts'
import { listContracts } from '../contracts/contract.queries.ts'
import type { ScopedDb } from '../db/scope.ts'
import { nextNumber } from '../db/sequences.ts'
import type { ToewijzingStatus, ToewijzingTable, ToewijzingVersionColumns } from '../db/schema.ts'
import { type RedenWijziging, type Wet, codeKeys, redenenWijziging } from '../istandaarden/codelists.ts'
import { MessageWriteError, type WritableObject } from '../istandaarden/messages/write-message.ts'
import { gemeenteHeader, lawOf, loadParty, nextIdentificatie, queueOutgoing } from '../exchange/outbox.ts'
import { listCombinations } from '../providers/provider.queries.ts'
import { addDays, type CalendarDate } from '../shared/dates.ts'
import { calendarDate } from '../shared/request.schema.ts'
import { suppressSmallCount } from '../shared/suppress.ts'
import { AppError } from '../shared/errors.ts'
import { melding } from '../shared/meldingen.ts'
import { nonNegativeCents } from '../shared/money.ts'
import { type Moment, compareMoments, momentOf, nextSecond } from '../shared/moment.ts'
import { type Selectable, sql } from 'kysely'
import { type Finding, type Perspective, type ToegangDecision, type ToegangFacts, type ToewijzingProposal, checkToewijzing, checkWijziging } from './toewijzing.rules.ts'
import { type Aanleiding, gezagsRelaties, toegewezenProducten } from './toewijzingbericht.rules.ts'
import { loadPgbs } from './pgb.queries.ts'
import { type ToewijzingInput, omvangSchema, toewijzingInputSchema } from './toewijzing.schema.ts'
import { stopsForSegment } from '../bestedingsruimte/bestedingsruimte.queries.ts'
import { type Gezagsdrager, loadGezag } from '../clients/gezag.queries.ts'

export interface IssuedToewijzing {
  id: number
  toewijzingNummer: number
  status: 'actief' | 'wacht_op_akkoord'
  decision: ToegangDecision
  /** The 301 sent, or null while the exception waits for approval. */
  messageId: number | null
}

interface ClientFacts {
  id: number
  gemeente_id: number
  birth_date: string
  wijk_code: string | null
  family_name: string
}

async function loadClient(trx: ScopedDb, actor: Actor, clientId: number): Promise<ClientFacts> {
  const client = await trx.selectFrom('client').select(['id', 'gemeente_id', 'birth_date', 'wijk_code', 'family_name']).where('id', '=', clientId).executeTakeFirst()
  if (!client || (actor.gemeenteId !== null && client.gemeente_id !== actor.gemeenteId)) throw new AppError('client.not_found', 'client not found')
  return client
}

/** Everything the toegang rules need about a client, a product and the region's contracts. */
export async function loadToegangFacts(trx: ScopedDb, client: ClientFacts, productId: number): Promise<ToegangFacts> {
  const product = await trx.selectFrom('product').selectAll().where('id', '=', productId).executeTakeFirst()
  if (!product) throw new AppError('product.unknown', `product ${productId} does not exist in this region`, [{ path: 'productId', message: 'unknown product' }])
  const segment = await trx.selectFrom('segment').selectAll().where('id', '=', product.segment_id).executeTakeFirstOrThrow()
  const [contracts, tariffs, preferred, combinations, existing, providers, gezag] = await Promise.all([
    listContracts(trx, { providerId: null, segmentId: segment.id }),
    trx.selectFrom('tariff').select(['valid_from', 'valid_to', 'amount_cents']).where('product_id', '=', productId).execute(),
    trx.selectFrom('preferred_supplier').selectAll().where('segment_id', '=', segment.id).execute(),
    listCombinations(trx),
    trx.selectFrom('toewijzing').innerJoin('product', 'product.id', 'toewijzing.product_id').select(['toewijzing.id', 'toewijzing.toewijzing_nummer', 'toewijzing.product_id', 'toewijzing.provider_id', 'toewijzing.ingangsdatum', 'toewijzing.einddatum', 'toewijzing.status', 'toewijzing.reden_wijziging', 'product.generiek']).where('toewijzing.client_id', '=', client.id).execute(),
    trx.selectFrom('provider').select(['id', 'name']).execute(),
    loadGezag(trx, client.id),
  ])
  const [pgbs, stops] = await Promise.all([loadPgbs(trx, client.id, product.wet as Wet), stopsForSegment(trx, segment.id)])
  return {
    client: { gemeenteId: client.gemeente_id, birthDate: client.birth_date, wijkCode: client.wijk_code, gezagVastgelegd: gezag.gezagBijClient || gezag.gezagsdragers.length > 0 },
    product: { id: product.id, segmentId: product.segment_id, wet: product.wet as Wet, productcategorie: product.productcategorie, productcode: product.productcode, eenheid: product.eenheid, variant: product.variant, name: product.name, generiek: product.generiek },
    segment: { id: segment.id, name: segment.name, wet: segment.wet, toegang: segment.toegang, bekostiging: segment.bekostiging },
    awards: contracts.flatMap((c) =>
      c.lots.flatMap((l) =>
        l.awards.map((a) => ({ providerId: a.providerId, segmentId: l.segmentId, gemeenteIds: a.gemeenteIds, validFrom: a.validFrom, validTo: a.validTo !== null && a.validTo < c.endDate ? a.validTo : c.endDate })),
      ),
    ),
    tariffs: tariffs.map((t) => ({ validFrom: t.valid_from, validTo: t.valid_to, amountCents: t.amount_cents })),
    preferred: preferred.map((p) => ({ segmentId: p.segment_id, gemeenteId: p.gemeente_id, wijkCode: p.wijk_code, providerId: p.provider_id, validFrom: p.valid_from, validTo: p.valid_to })),
    combinations: combinations.map((c) => ({ name: c.name, leadProviderId: c.leadProviderId, memberProviderIds: c.memberProviderIds })),
    existing: existing.map((e) => ({ id: e.id, toewijzingNummer: e.toewijzing_nummer, productId: e.product_id, providerId: e.provider_id, ingangsdatum: e.ingangsdatum, einddatum: e.einddatum, status: e.status, deleted: e.reden_wijziging === '13', generiek: e.generiek })),
    pgbs,
    providerNames: new Map(providers.map((p) => [p.id, p.name])),
    stops,
  }
}

/** The rule findings as error details, each led by its rule code. */
/** A toegang rule's findings as error details: its Dutch message is the melding at the field; the rule stays data, not text for the person. */
const asDetails = (findings: readonly Finding[]) => findings.map((f) => ({ path: f.path, rule: f.rule, message: `${f.rule}: ${f.message}`, melding: f.message }))

function refuseUnlessAllowed(decision: ToegangDecision, exceptionReason: string | undefined): void {
  const refusals = decision.findings.filter((f) => f.severity === 'refusal')
  if (refusals.length > 0) throw new AppError('toegang.refused', `${refusals[0]!.rule}: ${refusals[0]!.message}`, asDetails(refusals))
  if (decision.needsException && !exceptionReason) {
    const exceptions = decision.findings.filter((f) => f.severity === 'exception')
    throw new AppError(
      'toegang.exception_required',
      `${exceptions[0]!.rule}: ${exceptions[0]!.message} Zorg buiten de contracten kan alleen als uitzondering ("nee, tenzij"), met een reden en akkoord van een tweede persoon.`,
      asDetails(exceptions),
    )
  }
  // Every refusal was thrown above, so a missing verplichting means a missing tariff.
  if (decision.verplichtingCents === null) throw new AppError('toegang.no_tariff', 'TG-TARIEF: zonder tarief is de verplichting niet te bepalen; het product heeft geen tarief.', [{ path: 'productId', rule: 'TG-TARIEF', message: 'no tariff', melding: melding('toegang.no_tariff') }])
}

/** The live check behind the toewijzing form: what the rules say, without writing anything. */
export async function checkToewijzingInput(trx: ScopedDb, actor: Actor, raw: ToewijzingInput): Promise<ToegangDecision> {
  const input = toewijzingInputSchema.parse(raw)
  const client = await loadClient(trx, actor, input.clientId)
  const facts = await loadToegangFacts(trx, client, input.productId)
  const beschikking = input.beschikkingId !== undefined ? await beschikkingOf(trx, input.beschikkingId, client.id) : null
  const perspective = beschikking?.perspective ?? input.assessment!.perspective
  return checkToewijzing(proposalOf(input, beschikking?.wet ?? facts.product.wet, perspective), facts)
}

async function beschikkingOf(trx: ScopedDb, id: number, clientId: number) {
  const b = await trx.selectFrom('beschikking').selectAll().where('id', '=', id).where('client_id', '=', clientId).executeTakeFirst()
  if (!b) throw new AppError('beschikking.other_client', 'the beschikking does not belong to this client', [{ path: 'beschikkingId', message: 'unknown beschikking' }])
  return b
}

function proposalOf(input: z.output<typeof toewijzingInputSchema>, wet: Wet, perspective: Perspective, extra: Partial<ToewijzingProposal> = {}): ToewijzingProposal {
  return {
    providerId: input.providerId,
    productId: input.productId,
    wet,
    ingangsdatum: input.ingangsdatum,
    einddatum: input.einddatum,
    omvang: input.omvang,
    budgetCents: input.budgetCents,
    perspective,
    justification: input.justification,
    ...extra,
  }
}

export interface IssueOptions {
  at?: Moment
  /** The 315 this toewijzing answers: its ReferentieAanbieder goes into the 301 (TR379); its law (a JW315 or a WMO315) is the toewijzing's. */
  request?: { id: number; referentieAanbieder: string; verwijzerType?: string | undefined; wet?: Wet }
  /** False when the caller sends one 301 for several changes (a 317 answered at once). */
  send?: boolean
  /** The 315 said GezagsdragerBekend 1 (ja): this 301 need not carry the gezagsdrager (OP002x1). */
  gezagsdragerBekend?: boolean
}

/** Issues a toewijzing (and, given an assessment, its beschikking) under the segment's toegang rules. */
export async function issueToewijzing(trx: ScopedDb, actor: Actor, raw: ToewijzingInput, options: IssueOptions = {}): Promise<IssuedToewijzing> {
  const at = options.at ?? momentOf()
  const input = toewijzingInputSchema.parse(raw)
  const client = await loadClient(trx, actor, input.clientId)
  if (client.family_name === '') throw new AppError('client.family_name_missing', 'record the client\'s family name first: the 301 carries it', [{ path: 'clientId', message: 'family name missing' }])
  const facts = await loadToegangFacts(trx, client, input.productId)
  const existingBeschikking = input.beschikkingId !== undefined ? await beschikkingOf(trx, input.beschikkingId, client.id) : null
  // The law is the beschikking's or the request's where there is one: a product of the other
  // law is then refused (TG-PRODUCT), not given a beschikking of its own. Only a new assessment
  // without a request takes its law from the product chosen.
  const wet = existingBeschikking?.wet ?? options.request?.wet ?? facts.product.wet
  const perspective = existingBeschikking?.perspective ?? input.assessment!.perspective
  const decision = checkToewijzing(proposalOf(input, wet, perspective, { verwijzerType: options.request?.verwijzerType }), facts)
  refuseUnlessAllowed(decision, input.exceptionReason)
  const status = decision.needsException ? 'wacht_op_akkoord' : 'actief'

  const beschikkingId =
    existingBeschikking?.id ??
    (
      await trx
        .insertInto('beschikking')
        .values({
          region_id: actor.regionId,
          gemeente_id: client.gemeente_id,
          client_id: client.id,
          wet,
          beschikking_nummer: await nextNumber(trx, actor.regionId, `beschikking:${client.gemeente_id}:${wet}`),
          perspective,
          complexity: input.assessment!.complexity,
          intensity: input.assessment!.intensity,
          goals: JSON.stringify(input.assessment!.goals),
          justification: input.justification,
          issued_on: at.date,
          created_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id

  const nummer = await nextNumber(trx, actor.regionId, `toewijzing:${client.gemeente_id}:${wet}`)
  const version: ToewijzingVersionColumns = {
    version: 1,
    toewijzing_datum: at.date,
    toewijzing_tijd: at.time,
    ingangsdatum: input.ingangsdatum,
    einddatum: input.einddatum,
    volume: input.omvang?.volume ?? null,
    eenheid: input.omvang?.eenheid ?? null,
    frequentie: input.omvang?.frequentie ?? null,
    budget_cents: input.budgetCents,
    reden_wijziging: null,
    verplichting_cents: decision.verplichtingCents!,
  }
  const { id } = await trx
    .insertInto('toewijzing')
    .values({
      region_id: actor.regionId,
      gemeente_id: client.gemeente_id,
      client_id: client.id,
      beschikking_id: beschikkingId,
      provider_id: input.providerId,
      segment_id: facts.product.segmentId,
      product_id: input.productId,
      wet,
      toewijzing_nummer: nummer,
      request_id: options.request?.id ?? null,
      referentie_aanbieder: options.request?.referentieAanbieder ?? null,
      status,
      exception_reason: input.exceptionReason ?? null,
      exception_requested_by: input.exceptionReason ? actor.userId : null,
      justification: input.justification,
      ...version,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await recordVersion(trx, actor, { id, gemeente_id: client.gemeente_id, provider_id: input.providerId, status }, version, input.exceptionReason ? `uitzondering aangevraagd: ${input.exceptionReason}` : '')
  const messageId = status === 'actief' && options.send !== false ? await sendToewijzingen(trx, actor, { clientId: client.id, providerId: input.providerId, wet, at, gezagsdragerBekend: options.gezagsdragerBekend }) : null
  return { id, toewijzingNummer: nummer, status, decision, messageId }
}

/** Appends a version to the toewijzing's history and brings the live budget figures of its years up to date. */
export async function recordVersion(trx: ScopedDb, actor: Actor, t: { id: number; gemeente_id: number; provider_id: number; status: ToewijzingStatus }, v: ToewijzingVersionColumns, note: string) {
  await trx
    .insertInto('toewijzing_version')
    .values({ region_id: actor.regionId, toewijzing_id: t.id, gemeente_id: t.gemeente_id, provider_id: t.provider_id, status: t.status, ...v, note, created_by: actor.userId })
    .execute()
  // The live budget figures of its key, for every year it ever touched (the trigger of migration 0006 keeps those years).
  const touched = await trx.selectFrom('toewijzing_jaar').select(['jaar', 'segment_id']).where('toewijzing_id', '=', t.id).execute()
  if (touched.length > 0) {
    await figuresChanged(trx, actor, touched.map((j) => j.jaar), v.toewijzing_datum, { gemeenteId: t.gemeente_id, providerId: t.provider_id, segmentId: touched[0]!.segment_id })
  }
}

/** "Nee, tenzij": a second person approves care outside the contracts; then the 301 goes out. */
export async function approveException(trx: ScopedDb, actor: Actor, toewijzingId: number, at: Moment = momentOf()): Promise<{ messageId: number | null }> {
  const t = await decideException(trx, actor, toewijzingId, 'actief', 'uitzondering goedgekeurd', at)
  return { messageId: await sendToewijzingen(trx, actor, { clientId: t.client_id, providerId: t.provider_id, wet: t.wet, at }) }
}

/** A second person refuses the exception: the toewijzing never becomes active and no 301 goes out. */
export async function refuseException(trx: ScopedDb, actor: Actor, toewijzingId: number, note: string, at: Moment = momentOf()): Promise<void> {
  await decideException(trx, actor, toewijzingId, 'afgewezen', `uitzondering afgewezen: ${note}`, at)
}

async function decideException(trx: ScopedDb, actor: Actor, toewijzingId: number, status: 'actief' | 'afgewezen', note: string, at: Moment) {
  const t = await trx.selectFrom('toewijzing').selectAll().where('id', '=', toewijzingId).executeTakeFirst()
  if (!t) throw new AppError('toewijzing.not_found', 'toewijzing not found')
  if (t.status !== 'wacht_op_akkoord') throw new AppError('toewijzing.not_awaiting_approval', `toewijzing ${t.toewijzing_nummer} does not wait for approval`)
  if (actor.userId === null || actor.userId === t.exception_requested_by) {
    throw new AppError('toewijzing.approver_is_requester', 'een uitzondering wordt beoordeeld door een tweede persoon, niet door wie haar aanvroeg')
  }
  const version = { ...versionColumns(t), version: t.version + 1, ...stamp(t, at) }
  await trx.updateTable('toewijzing').set({ status, exception_approved_by: status === 'actief' ? actor.userId : null, ...version }).where('id', '=', t.id).execute()
  await recordVersion(trx, actor, { ...t, status }, version, note)
  return t
}

function versionColumns(t: Selectable<ToewijzingTable>) {
  return {
    ingangsdatum: t.ingangsdatum,
    einddatum: t.einddatum,
    volume: t.volume,
    eenheid: t.eenheid,
    frequentie: t.frequentie,
    budget_cents: t.budget_cents,
    reden_wijziging: t.reden_wijziging,
    verplichting_cents: t.verplichting_cents,
  }
}

/** IV013: the version with the latest Toewijzingsdatum and -tijd is current, so each new one is later. */
function stamp(previous: { toewijzing_datum: string; toewijzing_tijd: string }, at: Moment): { toewijzing_datum: string; toewijzing_tijd: string } {
  const prev = { date: previous.toewijzing_datum, time: previous.toewijzing_tijd }
  const m = compareMoments(at, prev) > 0 ? at : nextSecond(prev)
  return { toewijzing_datum: m.date, toewijzing_tijd: m.time }
}

export const changeInputSchema = z
  .object({
    redenWijziging: z.enum(codeKeys(redenenWijziging)),
    einddatum: calendarDate.optional(),
    budgetCents: nonNegativeCents.optional(),
    /** A new volume, only for an omvang with frequentie 6 (IV066, OP033x1). */
    volume: z.number().int().min(1).max(99_999_999).optional(),
    /** The provider agreed to a lower volume or budget, or to an end in the past (OP186, OP298, OP299). */
    akkoordAanbieder: z.boolean().default(false),
    note: z.string().trim().max(2000).default(''),
  })
  .refine((c) => c.einddatum !== undefined || c.budgetCents !== undefined || c.volume !== undefined || c.redenWijziging === '13', { message: 'een wijziging geeft een nieuwe einddatum, een nieuw budget of een nieuw volume' })
export type ChangeInput = z.input<typeof changeInputSchema>

/**
 * A new version on the same ToewijzingNummer (IV066, OP033x1): a new einddatum (verlenging,
 * verkorting, …), budget, or volume when the frequentie is 6 (totaal binnen de
 * geldigheidsduur); any other omvang is a new toewijzing (`replaceOmvang`). `onRequest`: asked
 * for in a 317, so a lower volume or budget needs no further consent (OP298, OP299).
 * RedenWijziging 13 withdraws the toewijzing: its einddatum becomes its ingangsdatum (CS335).
 */
export async function changeToewijzing(trx: ScopedDb, actor: Actor, toewijzingId: number, raw: ChangeInput, options: { at?: Moment; send?: boolean; onRequest?: boolean } = {}): Promise<{ messageId: number | null }> {
  const at = options.at ?? momentOf()
  const change = changeInputSchema.parse(raw)
  const t = await trx.selectFrom('toewijzing').selectAll().where('id', '=', toewijzingId).executeTakeFirst()
  if (!t || (actor.gemeenteId !== null && t.gemeente_id !== actor.gemeenteId)) throw new AppError('toewijzing.not_found', 'toewijzing not found')
  if (t.status !== 'actief') throw new AppError('toewijzing.not_active', `toewijzing ${t.toewijzing_nummer} is not active (${t.status})`)
  if (t.reden_wijziging === '13') throw new AppError('toewijzing.withdrawn', `toewijzing ${t.toewijzing_nummer} was withdrawn (RedenWijziging 13)`)
  let einddatum = change.einddatum ?? t.einddatum
  if (change.redenWijziging === '13') {
    const started = await trx.selectFrom('care_start').select('id').where('toewijzing_id', '=', t.id).where('removed_by_message_id', 'is', null).executeTakeFirst()
    if (started) throw new AppError('toewijzing.delete_after_start', 'RedenWijziging 13 (verwijderd) is for a toewijzing that never started; the provider reported a start — shorten it instead (05 verkorting)')
    // TR385 (9385), OP362: a toewijzing with approved declaration lines cannot be deleted.
    const declared = await trx.selectFrom('declaratie_regel').select('id').where('toewijzing_id', '=', t.id).where('goedgekeurd', '=', true).limit(1).executeTakeFirst()
    if (declared) throw new AppError('toewijzing.delete_after_declaratie', 'retourcode 9385: the toewijzing has approved declaration lines, so it cannot be deleted (RedenWijziging 13) — shorten it instead (05 verkorting)', [{ rule: 'TR385', message: 'retourcode 9385: approved declaration lines' }])
    einddatum = t.ingangsdatum
  }
  if (change.redenWijziging === '04' && einddatum <= t.einddatum) throw new AppError('toewijzing.verlenging_not_later', `a verlenging moves the einddatum past ${t.einddatum}`, [{ path: 'einddatum', message: 'not later' }])
  if (change.redenWijziging === '05' && einddatum >= t.einddatum) throw new AppError('toewijzing.verkorting_not_earlier', `a verkorting moves the einddatum before ${t.einddatum}`, [{ path: 'einddatum', message: 'not earlier' }])
  const budget = change.budgetCents ?? t.budget_cents
  const omvang = t.volume === null ? null : { volume: change.volume ?? t.volume, eenheid: t.eenheid!, frequentie: t.frequentie! }
  if (change.volume !== undefined && omvang === null) throw new AppError('toewijzing.no_volume', 'IV066: deze toewijzing heeft een budget, geen omvang', [{ path: 'volume', rule: 'IV066', message: 'geen omvang' }])
  // OP345: what approved declaration lines already took (a credit line counts negative).
  const declared = await trx
    .selectFrom('declaratie_regel')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>(sql<number>`case when bedrag_cents < 0 then -volume else volume end`), sql<number>`0`).as('volume'),
      eb.fn.coalesce(eb.fn.sum<number>('bedrag_cents'), sql<number>`0`).as('bedrag'),
    ])
    .where('toewijzing_id', '=', t.id)
    .where('goedgekeurd', '=', true)
    .executeTakeFirstOrThrow()
  // OP186: the end of care the provider reported itself.
  const stop = await trx
    .selectFrom('care_stop')
    .select((eb) => eb.fn.max('einddatum').as('einddatum'))
    .where('toewijzing_id', '=', t.id)
    .where('reden_beeindiging', '<>', '20')
    .where('removed_by_message_id', 'is', null)
    .executeTakeFirst()
  const wijziging = checkWijziging(
    { einddatum: t.einddatum, volume: t.volume, eenheid: t.eenheid, frequentie: t.frequentie, budgetCents: t.budget_cents, declared: { volume: Number(declared.volume), bedragCents: Number(declared.bedrag) }, gestopt: stop?.einddatum ?? undefined },
    { redenWijziging: change.redenWijziging, einddatum, omvang, budgetCents: budget, onRequest: options.onRequest ?? false, akkoordAanbieder: change.akkoordAanbieder, op: at.date },
  )
  if (wijziging.length > 0) throw new AppError('toewijzing.change_refused', `${wijziging[0]!.rule}: ${wijziging[0]!.message}`, asDetails(wijziging))

  // A withdrawal costs nothing; anything else is checked again and priced by the rules.
  let verplichting = 0
  if (change.redenWijziging !== '13') {
    const client = await loadClient(trx, actor, t.client_id)
    const facts = await loadToegangFacts(trx, client, t.product_id)
    const beschikking = await beschikkingOf(trx, t.beschikking_id, t.client_id)
    const decision = checkToewijzing(
      { providerId: t.provider_id, productId: t.product_id, wet: t.wet, ingangsdatum: t.ingangsdatum, einddatum, omvang, budgetCents: budget, perspective: beschikking.perspective, justification: t.justification || beschikking.justification, replacesToewijzingId: t.id },
      facts,
    )
    // An approved exception stays one; a contracted toewijzing cannot be extended outside its contract.
    refuseUnlessAllowed(decision, t.exception_reason ?? undefined)
    verplichting = decision.verplichtingCents!
  }
  const version = {
    ...versionColumns(t),
    version: t.version + 1,
    ...stamp(t, at),
    einddatum,
    volume: omvang?.volume ?? null,
    budget_cents: budget,
    reden_wijziging: change.redenWijziging,
    verplichting_cents: verplichting,
  }
  await trx.updateTable('toewijzing').set(version).where('id', '=', t.id).execute()
  await recordVersion(trx, actor, t, version, change.note)
  if (options.send === false) return { messageId: null }
  return { messageId: await sendToewijzingen(trx, actor, { clientId: t.client_id, providerId: t.provider_id, wet: t.wet, at }) }
}

/**
 * IV066, OP257, IV093: a new omvang (other than a new volume with frequentie 6) is not a new
 * version but a new toewijzing. The current one ends the day before `ingangsdatum`
 * (RedenWijziging `reden`; withdrawn with 13 when that would be before it started), and a new
 * one with the new omvang starts on `ingangsdatum`. Returns the ids of both, for the one 301
 * the caller sends.
 */
export async function replaceOmvang(
  trx: ScopedDb,
  actor: Actor,
  toewijzingId: number,
  next: { ingangsdatum: string; einddatum?: string | undefined; omvang: z.input<typeof omvangSchema>; reden: RedenWijziging; note: string },
  options: { at?: Moment; request?: IssueOptions['request'] } = {},
): Promise<number[]> {
  const t = await trx.selectFrom('toewijzing').selectAll().where('id', '=', toewijzingId).executeTakeFirst()
  if (!t || (actor.gemeenteId !== null && t.gemeente_id !== actor.gemeenteId)) throw new AppError('toewijzing.not_found', 'toewijzing not found')
  const end = addDays(next.ingangsdatum, -1)
  const closing = end < t.ingangsdatum ? { redenWijziging: '13' as const, note: next.note } : { redenWijziging: next.reden, einddatum: end, note: next.note }
  await changeToewijzing(trx, actor, t.id, closing, { at: options.at, send: false, onRequest: options.request !== undefined })
  const issued = await issueToewijzing(
    trx,
    actor,
    { clientId: t.client_id, beschikkingId: t.beschikking_id, providerId: t.provider_id, productId: t.product_id, ingangsdatum: next.ingangsdatum, einddatum: next.einddatum ?? t.einddatum, omvang: next.omvang, budgetCents: null, justification: t.justification },
    { at: options.at, request: options.request, send: false },
  )
  return [t.id, issued.id]
}

export interface SendInput {
  clientId: number
  providerId: number
  wet: Wet
  at: Moment
  /** Why the 301 is sent: a 317 gives its ReferentieAanbieder to every product (IV093, IV097). */
  aanleiding?: Aanleiding
  /** OP002x1: the 315 this 301 answers said the provider knows the gezagsdrager. */
  gezagsdragerBekend?: boolean | undefined
}

/**
 * Sends a 301 with all the client's current toewijzingen at the provider plus those changed
 * since the previous 301 (OP087), each with RedenWijziging only when it changed since it was
 * last sent (IV099) and ReferentieAanbieder only when it honours a request (TR379), as
 * `toegewezenProducten` decides. Returns null when there is nothing to send (a toewijzing
 * withdrawn before it was ever sent counts as never sent).
 */
export async function sendToewijzingen(trx: ScopedDb, actor: Actor, s: SendInput): Promise<number | null> {
  const client = await trx.selectFrom('client').selectAll().where('id', '=', s.clientId).executeTakeFirstOrThrow()
  if (client.postcode === null || client.huisnummer === null) {
    throw new AppError('client.address_missing', "record the client's BRP postcode and huisnummer first: the 301 carries them (CD034)", [{ path: 'postcode', rule: 'CD034', message: 'missing' }])
  }
  const rows = await trx
    .selectFrom('toewijzing')
    .innerJoin('product', 'product.id', 'toewijzing.product_id')
    .selectAll('toewijzing')
    .select(['product.productcategorie', 'product.productcode', 'product.generiek'])
    .where('toewijzing.client_id', '=', s.clientId)
    .where('toewijzing.provider_id', '=', s.providerId)
    .where('toewijzing.wet', '=', s.wet)
    .where('toewijzing.status', '=', 'actief')
    .orderBy('toewijzing.toewijzing_nummer')
    .execute()
  const lines = toegewezenProducten(
    rows.map((r) => ({ id: r.id, version: r.version, sentVersion: r.sent_version, ingangsdatum: r.ingangsdatum, einddatum: r.einddatum, redenWijziging: r.reden_wijziging, referentieAanbieder: r.referentie_aanbieder })),
    s.at.date,
    s.aanleiding ?? { kind: 'gemeente' },
  )
  if (lines.length === 0) return null
  const byId = new Map(rows.map((r) => [r.id, r]))
  const current = lines.map((l) => ({ ...byId.get(l.id)!, line: l }))
  const gezag = await loadGezag(trx, s.clientId)
  const relaties = gezagsRelaties({ wet: s.wet, gezagBijClient: gezag.gezagBijClient, gezagsdragerBekend: s.gezagsdragerBekend ?? false, gezagsdragers: gezag.gezagsdragers })
  const party = await loadParty(trx, client.gemeente_id, s.providerId)
  const law = lawOf(s.wet)
  const identificatie = await nextIdentificatie(trx, actor.regionId, party.cbsCode, '301')
  const body: WritableObject = {
    Header: gemeenteHeader(law, '301', party, identificatie, s.at.date),
    Client: {
      Bsn: client.bsn,
      // OP252/IV009: a (partly) unknown birth date says which part is reliable.
      Geboortedatum: { Datum: client.birth_date, DatumGebruik: client.datum_gebruik ?? undefined },
      Geslacht: client.gender,
      Naam: {
        Geslachtsnaam: { Achternaam: client.family_name, Voorvoegsel: client.name_prefix || undefined },
        Voorletters: client.initials || undefined,
        NaamGebruik: '1',
      },
      Relaties: relaties.length === 0 ? undefined : { Relatie: relaties.map(relatieOf) },
      // Koers keeps only the postcode and huisnummer of the BRP address (CD034), nothing more.
      // IV047: the BRP address (01) or verblijfadres (03); a client with only a briefadres in the BRP has it as correspondentie-adres (02).
      Contactgegevens: { Contact: [{ Soort: client.adres_soort, Adres: { Huis: { Huisnummer: String(client.huisnummer) }, Postcode: client.postcode!, LandCode: 'NL' } }] },
      ToegewezenProducten: {
        ToegewezenProduct: current.map((r) => ({
          ToewijzingNummer: String(r.toewijzing_nummer),
          ReferentieAanbieder: r.line.referentieAanbieder,
          // IV075: a generic toewijzing has no Product, only its Budget (CD079).
          Product: r.generiek ? undefined : { Categorie: r.productcategorie, Code: r.productcode ?? undefined },
          Toewijzingsdatum: r.toewijzing_datum,
          Toewijzingstijd: r.toewijzing_tijd,
          Ingangsdatum: r.ingangsdatum,
          Einddatum: r.einddatum,
          RedenWijziging: r.line.redenWijziging,
          Omvang: r.volume === null ? undefined : { Volume: String(r.volume), Eenheid: r.eenheid!, Frequentie: r.frequentie! },
          Budget: r.budget_cents === null ? undefined : String(r.budget_cents),
        })),
      },
    },
  }
  try {
    const messageId = await queueOutgoing(trx, actor, {
      wet: s.wet,
      code: '301',
      party,
      body,
      summary: `${current.length} toegewezen product(en): ${current.map((r) => r.toewijzing_nummer).join(', ')}`,
    })
    // OP286: what this 301 carried and what was sent before, so a provider's refusal can undo it.
    const versies = current.map((r) => ({ toewijzingId: r.id, version: r.version, vorige: r.sent_version }))
    await trx.updateTable('message').set({ verstuurde_versies: JSON.stringify(versies) }).where('id', '=', messageId).execute()
    await trx.updateTable('toewijzing').set((eb) => ({ sent_version: eb.ref('version') })).where('id', 'in', current.map((r) => r.id)).execute()
    return messageId
  } catch (error) {
    if (error instanceof MessageWriteError) throw new AppError('toewijzing.message_unwritable', `the 301 cannot be written: ${error.message}`, [{ path: error.path, rule: error.rule, message: error.message }])
    throw error
  }
}

/** A gezagsdrager as a Relatie of the 301 (OP002, OP071 Nummer, OP076 Soort, OP130/TR006 contact, IV045/CS050 NaamGebruik). */
function relatieOf(g: Gezagsdrager): WritableObject {
  return {
    Nummer: String(g.nummer),
    Soort: g.soort,
    Naam: { Geslachtsnaam: { Achternaam: g.achternaam, Voorvoegsel: g.voorvoegsel || undefined }, Voorletters: g.voorletters || undefined, NaamGebruik: g.organisatie ? '6' : '1' },
    Contact: {
      // CD034: a BRP-adres (01) has a Postcode; reachable by telephone only, the contact is a correspondentie-contact (02).
      Soort: g.postcode === null ? '02' : '01',
      Adres: g.postcode === null ? undefined : { Huis: { Huisnummer: String(g.huisnummer) }, Postcode: g.postcode, LandCode: 'NL' },
      Telefoon: g.telefoon === null ? undefined : { Telefoon01: { Telefoonnummer: g.telefoon, Landnummer: '0031' } },
    },
  }
}

export interface ToewijzingTotal {
  segmentId: number
  providerId: number
  gemeenteId: number
  wet: Wet
  /** Null when suppressed (1–4). */
  active: number | null
  clients: number | null
  verplichtingCents: number
}

/**
 * Toewijzingen running on `onDate` per segment, provider and gemeente, from the
 * security-definer function `koers_toewijzing_totals` (migration 0004): the regional team
 * sees aggregates, never rows; gemeente and provider roles get their own part.
 */
export async function toewijzingTotals(trx: ScopedDb, onDate: CalendarDate): Promise<ToewijzingTotal[]> {
  const { rows } = await sql<{ segment_id: number; provider_id: number; gemeente_id: number; wet: Wet; active: number; clients: number; verplichting_cents: number }>`
    select * from koers_toewijzing_totals(${onDate}::date)`.execute(trx)
  return rows.map((r) => ({ segmentId: r.segment_id, providerId: r.provider_id, gemeenteId: r.gemeente_id, wet: r.wet, active: suppressSmallCount(r.active), clients: suppressSmallCount(r.clients), verplichtingCents: Number(r.verplichting_cents) }))
}
