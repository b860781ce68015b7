import { z } from 'zod'
import { getRoute, getRouteWithQuery, postAction, okAnswer, postRoute, postRouteWithId } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { calendarDate, today } from '../shared/dates.ts'
import { approveException, changeInputSchema, changeToewijzing, checkToewijzingInput, issueToewijzing, refuseException, toewijzingInputSchema, toewijzingTotals } from './toewijzing.queries.ts'
import { toegangSignals } from './toegang-signals.ts'
import { grantPgb, pgbInputSchema } from './grant-pgb.ts'

export function toewijzingRoutes() {
  const app = newRouter()
  app.openapi(postAction('/toewijzingen/check', 'toewijzingen', 'Check a proposed toewijzing against the toegang rules (writes nothing)', toewijzingInputSchema), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'toewijzing.write', (trx, actor) => checkToewijzingInput(trx, actor, body)), 200)
  })
  app.openapi(postRoute('/toewijzingen', 'toewijzingen', 'Issue a toewijzing (and its beschikking); sends the 301', toewijzingInputSchema), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'toewijzing.write', (trx, actor) => issueToewijzing(trx, actor, body)), 201)
  })
  app.openapi(postRouteWithId('/toewijzingen/{id}/change', 'toewijzingen', 'A new version: verlenging, verkorting, budget, withdrawal (RedenWijziging)', changeInputSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'toewijzing.write', (trx, actor) => changeToewijzing(trx, actor, id, body)), 200)
  })
  app.openapi(postRouteWithId('/toewijzingen/clients/{id}/pgb', 'toewijzingen', 'Record a pgb for a product (OP043): toewijzingen for it end the day before, with RedenWijziging 08 and a 301', pgbInputSchema), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'toewijzing.write', (trx, actor) => grantPgb(trx, actor, id, body)), 200)
  })
  const note = z.object({ note: z.string().trim().max(2000).default('') })
  app.openapi(postRouteWithId('/toewijzingen/{id}/approve-exception', 'toewijzingen', 'Approve care outside the contracts, as a second person', note), async (c) => {
    const { id } = c.req.valid('param')
    return c.json(await asActor(c, 'toewijzing.write', (trx, actor) => approveException(trx, actor, id)), 200)
  })
  app.openapi(postRouteWithId('/toewijzingen/{id}/refuse-exception', 'toewijzingen', 'Refuse care outside the contracts, as a second person', note, okAnswer), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await asActor(c, 'toewijzing.write', (trx, actor) => refuseException(trx, actor, id, body.note))
    return c.json({ ok: true }, 200)
  })
  app.openapi(getRouteWithQuery('/toewijzingen/totals', 'toewijzingen', 'Active toewijzingen and verplichtingen per segment, provider and gemeente (counts under 5 suppressed)', z.object({ asOf: calendarDate.optional() })), async (c) => {
    const { asOf } = c.req.valid('query')
    return c.json(await asActor(c, 'toewijzing.totals', (trx) => toewijzingTotals(trx, asOf ?? today())), 200)
  })
  app.openapi(getRoute('/toewijzingen/signals', 'toewijzingen', 'Signals from the toewijzingen ledger'), async (c) =>
    c.json(await asActor(c, 'signal.toegang', (trx, actor) => toegangSignals(trx, actor, today())), 200),
  )
  return app
}
