import { z } from 'zod'
import { answer, getRouteWithQuery, postRouteWithId } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { issuedToewijzingSchema } from '../toewijzingen/toewijzing.routes.ts'
import { type RequestItem, approveChangeRequest, approveRequest, listRequests, markInProgress, refuseRequest } from './request.queries.ts'
import { answerSchema, approveRequestSchema, investigateSchema } from './request.schema.ts'

const requestStatus = z.enum(['open', 'in_onderzoek', 'toegewezen', 'afgewezen'])

/** A 315/317 in the work queue: who asked what for whom (without the BSN), and where its answer stands. */
const requestItemSchema = z.object({
  id: z.number(),
  kind: z.enum(['315', '317']),
  wet: z.enum(['jeugdwet', 'wmo']),
  providerId: z.number(),
  providerName: z.string(),
  referentieAanbieder: z.string(),
  receivedOn: answer.date,
  dagtekening: answer.date,
  answerDue: answer.date,
  inOnderzoekOp: answer.date.nullable(),
  status: requestStatus,
  clientId: z.number().nullable(),
  clientName: z.string(),
  birthDate: answer.date.nullable(),
  /** The request's content as received (its records by their iStandaarden names), without the BSN. */
  requested: z.record(z.string(), z.unknown()),
  redenAfwijzing: z.string().nullable(),
  decisionNote: z.string(),
}) satisfies z.ZodType<RequestItem>

/** The 319 sent. */
const sentAnswer = z.object({ messageId: z.number() })

export function requestRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/requests', 'requests', 'The work queue of 315/317 requests', z.object({ status: requestStatus.optional() }), z.array(requestItemSchema)), async (c) => {
    const { status } = c.req.valid('query')
    return c.json(await asActor(c, 'request.read', (trx, actor) => listRequests(trx, actor, { status })), 200)
  })
  app.openapi(postRouteWithId('/requests/{id}/approve', 'requests', 'Approve a 315: toewijzing and 301', approveRequestSchema, issuedToewijzingSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'request.decide', (trx, actor) => approveRequest(trx, actor, id, body)), 200)
  })
  app.openapi(postRouteWithId('/requests/{id}/approve-change', 'requests', 'Approve a 317: new versions and one 301', z.object({}), z.object({ messageId: z.number().nullable() })), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'request.decide', (trx, actor) => approveChangeRequest(trx, actor, id)), 200)
  })
  app.openapi(postRouteWithId('/requests/{id}/refuse', 'requests', 'Refuse a 315/317 with a 319 and its RedenAfwijzingVerzoek (reden 8: with the responsible gemeente, TR377)', answerSchema, sentAnswer), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'request.decide', (trx, actor) => refuseRequest(trx, actor, id, body)), 200)
  })
  // A 319 "in onderzoek" carries no reason and no gemeente (CD086, TR409): a note only.
  app.openapi(postRouteWithId('/requests/{id}/investigate', 'requests', 'Answer "in onderzoek" with a 319 (VerzoekAntwoord 2); the final answer is due 8 weeks after the request\'s Dagtekening', investigateSchema, sentAnswer), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'request.decide', (trx, actor) => markInProgress(trx, actor, id, body.note)), 200)
  })
  return app
}
