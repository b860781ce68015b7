import { newRouter } from '../http/router.ts'
import { getRouteWithQuery, postRoute, yearQuery } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
import { today } from '../shared/dates.ts'
import {
  gemeenteBudgetInputSchema,
  getBudgetOverview,
  providerBudgetInputSchema,
  setGemeenteBudget,
  setProviderBudget,
} from './budget.queries.ts'

export function budgetRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/budgets', 'budgets', 'Budgets of a year, scoped to the actor', yearQuery), async (c) => {
    const year = c.req.valid('query').year ?? Number(today().slice(0, 4))
    return c.json(await asActor(c, 'budget.read', (trx, actor) => getBudgetOverview(trx, actor, year)), 200)
  })
  app.openapi(postRoute('/budgets/gemeente', 'budgets', 'Set a gemeente budget for a segment and period', gemeenteBudgetInputSchema), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'budget.gemeente.write', (trx, actor) => setGemeenteBudget(trx, actor, body))
    return c.json({ id }, 201)
  })
  app.openapi(postRoute('/budgets/provider', 'budgets', 'Set a provider budget (geraamd budget per aanbieder)', providerBudgetInputSchema), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'budget.provider.write', (trx, actor) => setProviderBudget(trx, actor, body))
    return c.json({ id }, 201)
  })
  return app
}
