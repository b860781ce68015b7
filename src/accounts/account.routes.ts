/** Contract management's accounts, conversations and agreements (account.queries.ts); the agenda and the dossier are in src/app/. */
import { z } from 'zod'
import { systemActor } from '../auth/actor.ts'
import { withActor } from '../db/scope.ts'
import { answer, getRoute, getRouteWithId, postRouteWithId } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor, requireActor } from '../http/scoped.ts'
import { today } from '../shared/dates.ts'
import { type Account, type AccountLine, type Agreement, type Conversation, type ConversationDetail, type ToldSignal, TOLD_SIGNAL_KINDS, closeAgreement, getAccount, getConversation, listAccounts, markProviderDone, planConversation, possibleHolders, recordConversation, setHolders, toldSignals } from './account.queries.ts'
import { closeAgreementSchema, holdersInputSchema, planInputSchema, recordInputSchema } from './account.schema.ts'

const dueStatus = z.enum(['verlopen', 'binnenkort', 'op_tijd'])
const planningFields = {
  due: answer.date.nullable().openapi({ description: 'The next conversation is due: one cadence after the last held one (the strictest segment)' }),
  status: dueStatus.nullable(),
  lastHeld: answer.date.nullable(),
  nextPlanned: answer.date.nullable(),
}
const holderSchema = z.object({ userId: z.number(), name: z.string() })

export const accountLineSchema = z
  .object({
    providerId: z.number(),
    name: z.string(),
    agbCode: z.string(),
    holders: z.array(z.string()),
    segments: z.array(z.string()),
    planning: z.object(planningFields),
    agreements: z.object({ open: z.number().int(), binnenkort: z.number().int(), verlopen: z.number().int() }),
    attention: z.boolean(),
  })
  .openapi('AccountLine') satisfies z.ZodType<AccountLine>

export const conversationSchema = z
  .object({
    id: z.number(),
    providerId: z.number(),
    plannedOn: answer.date,
    periodFrom: answer.date,
    periodTo: answer.date,
    status: z.enum(['gepland', 'gehouden']),
    heldOn: answer.date.nullable(),
    present: z.string(),
  })
  .openapi('AccountConversation') satisfies z.ZodType<Conversation>

export const agreementSchema = z
  .object({
    id: z.number(),
    providerId: z.number(),
    conversationId: z.number(),
    what: z.string(),
    party: z.enum(['regio', 'aanbieder', 'samen']),
    person: z.string(),
    dueOn: answer.date,
    kpi: z.string().nullable(),
    signalId: z.number().nullable(),
    status: z.enum(['gesloten', 'verlopen', 'binnenkort', 'open']),
    closedOn: answer.date.nullable(),
    closedNote: z.string().nullable(),
    providerDoneOn: answer.date.nullable(),
    providerNote: z.string().nullable(),
  })
  .openapi('Agreement') satisfies z.ZodType<Agreement>

const toldSignalSchema = z.object({ id: z.number(), soort: z.enum(TOLD_SIGNAL_KINDS), jaar: z.number(), titel: z.string(), status: z.enum(['open', 'erkend', 'gesloten']), geopendOp: answer.moment }) satisfies z.ZodType<ToldSignal>

const accountSchema = z
  .object({
    provider: z.object({ id: z.number(), name: z.string(), agbCode: z.string() }),
    holders: z.array(holderSchema),
    lots: z.array(z.object({ lotId: z.number(), contract: z.string(), segmentId: z.number(), segment: z.string(), cadence: z.enum(['maandelijks', 'per_kwartaal', 'halfjaarlijks', 'jaarlijks']), validFrom: answer.date, validTo: answer.date.nullable() })),
    planning: z.object({
      ...planningFields,
      segments: z.array(z.object({ segmentId: z.number(), segment: z.string(), cadence: z.enum(['maandelijks', 'per_kwartaal', 'halfjaarlijks', 'jaarlijks']), since: answer.date, due: answer.date, status: dueStatus })),
    }),
    conversations: z.array(conversationSchema),
    agreements: z.array(agreementSchema),
    signals: z.array(toldSignalSchema).openapi({ description: "The provider's budget signals that the contract standard says it is told of (not the region's notes on them)" }),
  })
  .openapi('Account') satisfies z.ZodType<Account & { signals: ToldSignal[] }>

export const conversationDetailSchema = conversationSchema
  .extend({
    provider: z.object({ id: z.number(), name: z.string(), agbCode: z.string() }),
    notes: z.array(z.object({ item: z.string(), note: z.string() })).openapi({ description: "The notes per agenda item: the region's team's own, never shown to the provider" }),
    agreements: z.array(agreementSchema),
  })
  .openapi('AccountConversationDetail') satisfies z.ZodType<ConversationDetail>

export function accountRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/accounts', 'accounts', "The region's work list of contract management: every account with its conversation planning and open agreements (a provider: its own)", z.array(accountLineSchema)), async (c) => {
    return c.json(await asActor(c, 'account.read', (trx, actor) => listAccounts(trx, actor, today())), 200)
  })
  app.openapi(getRoute('/account-holders', 'accounts', "The users of the region's team, who may hold an account", z.array(holderSchema)), async (c) => {
    return c.json(await asActor(c, 'account.write', (trx, actor) => possibleHolders(trx, actor)), 200)
  })
  app.openapi(getRouteWithId('/accounts/{id}', 'accounts', "A provider's account (by the provider's id): holders, lots, cadence planning, conversations, agreements and the signals it is told of", accountSchema), async (c) => {
    const { id } = c.req.valid('param')
    const account = await asActor(c, 'account.read', (trx, actor) => getAccount(trx, actor, id, today()))
    const actor = requireActor(c)
    const signals = await withActor(c.get('deps').db, systemActor(actor.regionId, 'accounts'), (trx) => toldSignals(trx, id))
    return c.json({ ...account, signals }, 200)
  })
  app.openapi(postRouteWithId('/accounts/{id}/holders', 'accounts', "Set the holders of a provider's account (users of the region's team)", holdersInputSchema, z.array(holderSchema)), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'account.write', (trx, actor) => setHolders(trx, actor, id, body)), 200)
  })
  app.openapi(postRouteWithId('/accounts/{id}/conversations', 'accounts', 'Plan an account conversation with a provider on a date, over a period of figures', planInputSchema, conversationSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'account.write', (trx, actor) => planConversation(trx, actor, id, body)), 200)
  })
  app.openapi(getRouteWithId('/conversations/{id}', 'accounts', 'An account conversation with its notes (the region only) and the agreements made in it', conversationDetailSchema), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'account.read', (trx, actor) => getConversation(trx, actor, id, today())), 200)
  })
  app.openapi(postRouteWithId('/conversations/{id}/record', 'accounts', 'Record a held conversation: date, who were present, a note per agenda item, the agreements made', recordInputSchema, conversationDetailSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'account.write', (trx, actor) => recordConversation(trx, actor, id, body, today())), 200)
  })
  app.openapi(postRouteWithId('/agreements/{id}/close', 'accounts', 'Close an agreement, with a note', closeAgreementSchema, agreementSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'account.write', (trx, actor) => closeAgreement(trx, actor, id, body, today())), 200)
  })
  app.openapi(postRouteWithId('/agreements/{id}/provider-done', 'accounts', 'The provider marks its part of an agreement done, with a note', closeAgreementSchema, agreementSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'agreement.provider_done', (trx, actor) => markProviderDone(trx, actor, id, body, today())), 200)
  })
  return app
}
