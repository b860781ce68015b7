import { newRouter } from '../http/router.ts'
import { getRoute, getRouteWithIdAndQuery, postRoute } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
import { periodFields, periodOf } from '../kpis/kpi-period.ts'
import { today } from '../shared/dates.ts'
import { providerScorecard } from './scorecard.queries.ts'
import { combinationInputSchema, createCombination, createProvider, listProviders, providerInputSchema } from './provider.queries.ts'

export function providerRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/providers', 'providers', 'Providers (a provider sees itself)'), async (c) =>
    c.json(await asActor(c, 'region.read', (trx, actor) => listProviders(trx, actor)), 200),
  )
  app.openapi(postRoute('/providers', 'providers', 'Register a provider', providerInputSchema), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'strategy.write', (trx, actor) => createProvider(trx, actor.regionId, body))
    return c.json({ id }, 201)
  })
  app.openapi(postRoute('/combinations', 'providers', 'Register a combination of providers', combinationInputSchema), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'strategy.write', (trx, actor) => createCombination(trx, actor.regionId, body))
    return c.json({ id }, 201)
  })
  app.openapi(getRouteWithIdAndQuery('/aanbieders/{id}/scorekaart', 'providers', "A provider's scorecard: its KPIs per segment beside the segment's, and the segment's targets (a provider: its own)", periodFields), async (c) => {
    const { id } = c.req.valid('param')
    const peildatum = today()
    const periode = periodOf(c.req.valid('query'), peildatum)
    return c.json(await asActor(c, 'kpi.read', (trx, actor) => providerScorecard(trx, actor, id, periode, peildatum)), 200)
  })
  return app
}
