import { z } from 'zod'
import { getRouteWithQuery, postRouteWithId } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { answerSchema, approveChangeRequest, approveRequest, approveRequestSchema, listRequests, markInProgress, refuseRequest } from './request.queries.ts'

export function requestRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/requests', 'requests', 'The work queue of 315/317 requests', z.object({ status: z.enum(['open', 'in_onderzoek', 'toegewezen', 'afgewezen']).optional() })), async (c) => {
    const { status } = c.req.valid('query')
    return c.json(await asActor(c, 'request.read', (trx, actor) => listRequests(trx, actor, { status })), 200)
  })
  app.openapi(postRouteWithId('/requests/{id}/approve', 'requests', 'Approve a 315: toewijzing and 301', approveRequestSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'request.decide', (trx, actor) => approveRequest(trx, actor, id, body)), 200)
  })
  app.openapi(postRouteWithId('/requests/{id}/approve-change', 'requests', 'Approve a 317: new versions and one 301', z.object({})), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'request.decide', (trx, actor) => approveChangeRequest(trx, actor, id)), 200)
  })
  app.openapi(postRouteWithId('/requests/{id}/refuse', 'requests', 'Refuse a 315/317 with a 319 and its RedenAfwijzingVerzoek (reden 8: with the responsible gemeente, TR377)', answerSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'request.decide', (trx, actor) => refuseRequest(trx, actor, id, body)), 200)
  })
  // A 319 "in onderzoek" carries no reason and no gemeente (CD086, TR409): a note only.
  app.openapi(postRouteWithId('/requests/{id}/investigate', 'requests', 'Answer "in onderzoek" with a 319 (VerzoekAntwoord 2); the final answer is due 8 weeks after the request\'s Dagtekening', answerSchema.pick({ note: true })), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'request.decide', (trx, actor) => markInProgress(trx, actor, id, body.note)), 200)
  })
  return app
}
