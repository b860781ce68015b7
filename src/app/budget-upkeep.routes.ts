/** The upkeep over HTTP (budget-upkeep.ts for the whole installation): one region's figures, budget signals and target signals. */
import { z } from 'zod'
import { assertCan } from '../auth/permissions.ts'
import { refreshAllForecasts } from '../budgets/forecast.queries.ts'
import { refreshBudgetSignals } from '../budgets/signal.queries.ts'
import { postAction } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { requireActor } from '../http/scoped.ts'
import { today } from '../shared/dates.ts'
import { refreshSignalsSchema } from '../budgets/budget.schema.ts'
import { refreshTargetSignals } from '../targets/target.queries.ts'

const thisYear = () => Number(today().slice(0, 4))

export function budgetUpkeepRoutes() {
  const app = newRouter()
  app.openapi(postAction('/budgets/signals/refresh', 'budgets', "Recompute the figures of the region as of today and raise the signals they and the strategy's targets call for", refreshSignalsSchema, z.object({ raised: z.number().int(), current: z.number().int() })), async (c) => {
    const body = c.req.valid('json')
    const actor = requireActor(c)
    assertCan(actor, 'signaalinstelling.write')
    const asOf = today()
    const { db } = c.get('deps')
    await refreshAllForecasts(db, asOf, [actor.regionId])
    const budgets = await refreshBudgetSignals(db, actor.regionId, body.jaar ?? thisYear(), asOf)
    const targets = await refreshTargetSignals(db, actor.regionId, asOf)
    return c.json({ raised: budgets.raised + targets.raised, current: budgets.current + targets.current }, 200)
  })
  return app
}
