import { z } from 'zod'
import { answer, getRoute, getRouteWithQuery, postAction, okAnswer, postRoute, postRouteWithId } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { today } from '../shared/dates.ts'
import { calendarDate } from '../shared/request.schema.ts'
import { type IssuedToewijzing, type ToewijzingTotal, approveException, changeInputSchema, changeToewijzing, checkToewijzingInput, issueToewijzing, refuseException, toewijzingTotals } from './toewijzing.queries.ts'
import { noteSchema, toewijzingInputSchema } from './toewijzing.schema.ts'
import { type ToegangSignal, toegangSignals } from './toegang-signals.ts'
import { type GrantedPgb, grantPgb } from './grant-pgb.ts'
import { pgbInputSchema } from './pgb.schema.ts'
import { type ToegangDecision, toegangRules } from './toewijzing.rules.ts'

/** What the toegang rules found (rule: a TG-* rule or the iStandaarden rule it rests on); allowed only without refusals and exceptions. */
const toegangDecisionSchema = z.object({
  findings: z.array(
    z.object({
      rule: z.enum(Object.keys(toegangRules) as [keyof typeof toegangRules, ...(keyof typeof toegangRules)[]]),
      severity: z.enum(['refusal', 'exception', 'warning']),
      message: z.string(),
      path: z.string().optional(),
    }),
  ),
  allowed: z.boolean(),
  needsException: z.boolean(),
  verplichtingCents: answer.cents.nullable(),
}) satisfies z.ZodType<ToegangDecision>

/** A toewijzing issued: active with its 301, or waiting for a second person's approval of an exception (no 301 yet). */
export const issuedToewijzingSchema = z.object({
  id: z.number(),
  toewijzingNummer: z.number(),
  status: z.enum(['actief', 'wacht_op_akkoord']),
  decision: toegangDecisionSchema,
  messageId: z.number().nullable(),
}) satisfies z.ZodType<IssuedToewijzing>

/** The 301 sent, or null when none was (yet). */
const sentAnswer = z.object({ messageId: z.number().nullable() })

const grantedPgbSchema = z.object({
  id: z.number(),
  beeindigd: z.array(z.object({ toewijzingNummer: z.number(), einddatum: answer.date, messageId: z.number().nullable() })),
}) satisfies z.ZodType<GrantedPgb>

/** Counts of 1–4 are null (suppressed). */
const toewijzingTotalSchema = z.object({
  segmentId: z.number(),
  providerId: z.number(),
  gemeenteId: z.number(),
  wet: z.enum(['jeugdwet', 'wmo']),
  active: z.number().int().nullable(),
  clients: z.number().int().nullable(),
  verplichtingCents: answer.cents,
}) satisfies z.ZodType<ToewijzingTotal>

const toegangSignalSchema = z.object({
  kind: z.enum(['eindigt_zonder_vervolg', 'beeindigd_zonder_stop', 'geen_start', 'andere_aanbieder']),
  date: answer.date,
  toewijzingNummer: z.number().nullable(),
  clientId: z.number().nullable(),
  pseudonym: z.string().nullable(),
  providerName: z.string(),
  text: z.string(),
}) satisfies z.ZodType<ToegangSignal>

export function toewijzingRoutes() {
  const app = newRouter()
  app.openapi(postAction('/toewijzingen/check', 'toewijzingen', 'Check a proposed toewijzing against the toegang rules (writes nothing)', toewijzingInputSchema, toegangDecisionSchema), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'toewijzing.write', (trx, actor) => checkToewijzingInput(trx, actor, body)), 200)
  })
  app.openapi(postRoute('/toewijzingen', 'toewijzingen', 'Issue a toewijzing (and its beschikking); sends the 301', toewijzingInputSchema, issuedToewijzingSchema), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'toewijzing.write', (trx, actor) => issueToewijzing(trx, actor, body)), 201)
  })
  app.openapi(postRouteWithId('/toewijzingen/{id}/change', 'toewijzingen', 'A new version: verlenging, verkorting, budget, withdrawal (RedenWijziging)', changeInputSchema, sentAnswer), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'toewijzing.write', (trx, actor) => changeToewijzing(trx, actor, id, body)), 200)
  })
  app.openapi(postRouteWithId('/toewijzingen/clients/{id}/pgb', 'toewijzingen', 'Record a pgb for a product (OP043): toewijzingen for it end the day before, with RedenWijziging 08 and a 301', pgbInputSchema, grantedPgbSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'toewijzing.write', (trx, actor) => grantPgb(trx, actor, id, body)), 200)
  })
  const note = noteSchema
  app.openapi(postRouteWithId('/toewijzingen/{id}/approve-exception', 'toewijzingen', 'Approve care outside the contracts, as a second person', note, sentAnswer), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'toewijzing.write', (trx, actor) => approveException(trx, actor, id)), 200)
  })
  app.openapi(postRouteWithId('/toewijzingen/{id}/refuse-exception', 'toewijzingen', 'Refuse care outside the contracts, as a second person', note, okAnswer), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await asActor(c, 'toewijzing.write', (trx, actor) => refuseException(trx, actor, id, body.note))
    return c.json({ ok: true }, 200)
  })
  app.openapi(getRouteWithQuery('/toewijzingen/totals', 'toewijzingen', 'Active toewijzingen and verplichtingen per segment, provider and gemeente (counts under 5 suppressed)', z.object({ asOf: calendarDate.optional() }), z.array(toewijzingTotalSchema)), async (c) => {
    const { asOf } = c.req.valid('query')
    return c.json(await asActor(c, 'toewijzing.totals', (trx) => toewijzingTotals(trx, asOf ?? today())), 200)
  })
  app.openapi(getRoute('/toewijzingen/signals', 'toewijzingen', 'Signals from the toewijzingen ledger', z.array(toegangSignalSchema)), async (c) =>
    c.json(await asActor(c, 'signal.toegang', (trx, actor) => toegangSignals(trx, actor, today())), 200),
  )
  return app
}
