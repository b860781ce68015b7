import { z } from 'zod'
import { assertCan } from '../auth/permissions.ts'
import { getRoute, idAnswer, postAction, postRouteWithId } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor, requireActor } from '../http/scoped.ts'
import { today } from '../shared/dates.ts'
import { createTarget, listTargets, measuredTargets, refreshTargetSignals, targetInputSchema, withdrawTarget } from './target.queries.ts'

export function targetRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/targets', 'targets', "The region's strategy targets with their progress (the region's figures, suppressed under 5)"), async (c) => {
    const actor = requireActor(c)
    assertCan(actor, 'kpi.read')
    // Progress is measured over the whole region; a provider sees the targets without it.
    if (actor.role === 'aanbieder') return c.json(await asActor(c, 'kpi.read', (trx) => listTargets(trx, actor.regionId)), 200)
    return c.json(await measuredTargets(c.get('deps').db, actor.regionId, today()), 200)
  })
  app.openapi(postAction('/targets', 'targets', 'Set a strategy target of a segment; the baseline is measured over its period unless given', targetInputSchema), async (c) => {
    const body = c.req.valid('json')
    const target = await asActor(c, 'doel.write', (trx, actor) => createTarget(trx, actor, body, today()))
    await refreshTargetSignals(c.get('deps').db, requireActor(c).regionId, today())
    return c.json(target, 200)
  })
  app.openapi(postRouteWithId('/targets/{id}/withdraw', 'targets', 'Withdraw a target: kept, no longer measured', z.object({}), idAnswer), async (c) => {
    const { id } = c.req.valid('param')
    await asActor(c, 'doel.write', (trx, actor) => withdrawTarget(trx, actor, id))
    return c.json({ id }, 200)
  })
  app.openapi(postAction('/targets/signals', 'targets', 'Evaluate every target as of today and raise a signal for each one off track', z.object({})), async (c) => {
    const actor = requireActor(c)
    assertCan(actor, 'doel.write')
    return c.json(await refreshTargetSignals(c.get('deps').db, actor.regionId, today()), 200)
  })
  return app
}
