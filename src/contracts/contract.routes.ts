import { z } from 'zod'
import { newRouter } from '../http/router.ts'
import { answer, getRoute, idAnswer, postAction, postRoute } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
import {
  type Contract,
  awardInputSchema,
  awardLot,
  contractInputSchema,
  createContract,
  decideExtension,
  extensionInputSchema,
  listContracts,
  setContractMaxWinst,
} from './contract.queries.ts'
import { contractMaxWinstSchema } from './contract.schema.ts'
import { afterCommit } from '../db/scope.ts'
import { refreshIntegriteitSignalen } from '../integriteit/signaal.queries.ts'
import { today } from '../shared/dates.ts'

export const contractSchema = z.object({
  id: z.number(),
  reference: z.string(),
  name: z.string(),
  startDate: answer.date,
  initialYears: z.number().int(),
  extensionOptions: z.array(z.number().int()),
  extensions: z.array(z.object({ optionNumber: z.number().int(), decision: z.enum(['verlengd', 'niet_verlengd']), decidedOn: answer.date, note: z.string() })),
  endDate: answer.date,
  maxEndDate: answer.date,
  maxWinstPct: z.number().nullable(),
  lots: z.array(
    z.object({
      id: z.number(),
      segmentId: z.number(),
      awards: z.array(z.object({ id: z.number(), providerId: z.number(), gemeenteIds: z.array(z.number()), validFrom: answer.date, validTo: answer.date.nullable() })),
    }),
  ),
}) satisfies z.ZodType<Contract>

export function contractRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/contracts', 'contracts', 'Contracts with lots and awards', z.array(contractSchema)), async (c) =>
    c.json(await asActor(c, 'region.read', (trx, actor) => listContracts(trx, actor)), 200),
  )
  app.openapi(postRoute('/contracts', 'contracts', 'Create a framework agreement with a lot per segment', contractInputSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'strategy.write', (trx, actor) => createContract(trx, actor.regionId, body))
    return c.json({ id }, 201)
  })
  app.openapi(postRoute('/contracts/awards', 'contracts', 'Contract a provider in a lot for gemeenten and a period', awardInputSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    const id = await asActor(c, 'strategy.write', (trx, actor) => awardLot(trx, actor.regionId, body))
    return c.json({ id }, 201)
  })
  app.openapi(postRoute('/contracts/extensions', 'contracts', 'Record an extension decision', extensionInputSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    await asActor(c, 'strategy.write', (trx, actor) => decideExtension(trx, actor.regionId, body))
    return c.json({ id: body.optionNumber }, 201)
  })
  app.openapi(postAction('/contracts/max-winst', 'contracts', "Set or clear a contract's maximum profit percentage (null: the region's setting applies)", contractMaxWinstSchema, idAnswer), async (c) => {
    const body = c.req.valid('json')
    await asActor(c, 'strategy.write', async (trx, actor) => {
      // The profit-ceiling signals read the maximum: evaluate them again once it committed.
      afterCommit(trx, `integriteitssignalen|${actor.regionId}`, async (db) => {
        await refreshIntegriteitSignalen(db, actor.regionId, today())
      })
      await setContractMaxWinst(trx, actor.regionId, body)
    })
    return c.json({ id: body.contractId }, 200)
  })
  return app
}
