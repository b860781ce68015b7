import { z } from 'zod'
import { systemActor } from '../auth/actor.ts'
import { assertCan } from '../auth/permissions.ts'
import { withActor } from '../db/scope.ts'
import { loadKpiFacts } from '../kpis/kpi.queries.ts'
import { getRoute, postAction, postRouteWithId } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor, requireActor } from '../http/scoped.ts'
import { today } from '../shared/dates.ts'
import { createTarget, listTargets, refreshTargetSignals, targetInputSchema, targetsNeedMoneyFrom, targetsWithProgress, withdrawTarget } from './target.queries.ts'

export function targetRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/doelen', 'targets', "The region's strategy targets with their progress (the region's figures, suppressed under 5)"), async (c) => {
    const actor = requireActor(c)
    assertCan(actor, 'kpi.read')
    const peildatum = today()
    // Progress is measured over the whole region; a provider sees the targets without it.
    if (actor.role === 'aanbieder') return c.json(await asActor(c, 'kpi.read', (trx) => listTargets(trx, actor.regionId)), 200)
    const regio = systemActor(actor.regionId, 'doelen')
    return c.json(await withActor(c.get('deps').db, regio, async (trx) => {
      const targets = await listTargets(trx, regio.regionId)
      return targets.length === 0 ? [] : targetsWithProgress(trx, regio, await loadKpiFacts(trx, regio, peildatum, targetsNeedMoneyFrom(targets, peildatum)))
    }), 200)
  })
  app.openapi(postAction('/doelen', 'targets', 'Set a strategy target of a segment; the baseline is measured over its period unless given', targetInputSchema), async (c) => {
    const body = c.req.valid('json')
    const target = await asActor(c, 'doel.write', (trx, actor) => createTarget(trx, actor, body, today()))
    await refreshTargetSignals(c.get('deps').db, requireActor(c).regionId, today())
    return c.json(target, 200)
  })
  app.openapi(postRouteWithId('/doelen/{id}/intrekken', 'targets', 'Withdraw a target: kept, no longer measured', z.object({})), async (c) => {
    const { id } = c.req.valid('param')
    await asActor(c, 'doel.write', (trx, actor) => withdrawTarget(trx, actor, id))
    return c.json({ id }, 200)
  })
  app.openapi(postAction('/doelen/signalen', 'targets', 'Evaluate every target as of today and raise a signal for each one off track', z.object({})), async (c) => {
    const actor = requireActor(c)
    assertCan(actor, 'doel.write')
    return c.json(await refreshTargetSignals(c.get('deps').db, actor.regionId, today()), 200)
  })
  return app
}
