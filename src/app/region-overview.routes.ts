/**
 * The region page's data: one request for what the first screen shows, scoped to the
 * actor (a provider sees its own awards and budgets, a gemeente its own budgets).
 */
import { z } from 'zod'
import { newRouter } from '../http/router.ts'
import { can } from '../auth/permissions.ts'
import { getBudgetOverview } from '../budgets/budget.queries.ts'
import { budgetOverviewSchema } from '../budgets/budget.routes.ts'
import { countClientsPerGemeente } from '../clients/client.queries.ts'
import { clientCountSchema } from '../clients/client.routes.ts'
import { listContracts } from '../contracts/contract.queries.ts'
import { contractSchema } from '../contracts/contract.routes.ts'
import { getRouteWithQuery, yearQuery } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
import { listProducts } from '../products/product.queries.ts'
import { productSchema } from '../products/product.routes.ts'
import { listCombinations, listPreferredSuppliers, listProviders } from '../providers/provider.queries.ts'
import { combinationSchema, preferredSupplierSchema, providerSchema } from '../providers/provider.routes.ts'
import { getOwnRegion, listGemeenten } from '../regions/region.queries.ts'
import { gemeenteSchema, regionSchema } from '../regions/region.routes.ts'
import { listSegments } from '../segments/segment.queries.ts'
import { segmentSchema } from '../segments/segment.routes.ts'
import { today } from '../shared/dates.ts'

/** What the asker may see of each list; client counts and budgets are empty or null for a role that may not read them. */
const regionOverviewSchema = z.object({
  region: regionSchema,
  year: z.number().int(),
  gemeenten: z.array(gemeenteSchema),
  clientCounts: z.array(clientCountSchema),
  segments: z.array(segmentSchema),
  products: z.array(productSchema),
  providers: z.array(providerSchema),
  combinations: z.array(combinationSchema),
  preferredSuppliers: z.array(preferredSupplierSchema),
  contracts: z.array(contractSchema),
  budgets: budgetOverviewSchema.nullable(),
})

export function regionOverviewRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/region', 'region', 'The region overview: gemeenten, segments, providers, contracts, budgets', yearQuery, regionOverviewSchema), async (c) => {
    const year = c.req.valid('query').year ?? Number(today().slice(0, 4))
    const overview = await asActor(c, 'region.read', async (trx, actor) => ({
      region: await getOwnRegion(trx),
      year,
      gemeenten: await listGemeenten(trx),
      clientCounts: can(actor, 'client.count') ? await countClientsPerGemeente(trx, actor) : [],
      segments: await listSegments(trx),
      products: await listProducts(trx),
      providers: await listProviders(trx, actor),
      combinations: actor.providerId === null ? await listCombinations(trx) : [],
      preferredSuppliers: await listPreferredSuppliers(trx),
      contracts: await listContracts(trx, actor),
      budgets: can(actor, 'budget.read') ? await getBudgetOverview(trx, actor, year) : null,
    }))
    return c.json(overview, 200)
  })
  return app
}
