/** A provider's scorecard (scorecard.queries.ts): its KPIs per segment beside the segment's, and the targets. */
import { z } from 'zod'
import { newRouter } from '../http/router.ts'
import { answer, getRouteWithIdAndQuery } from '../http/openapi.ts'
import { asActor } from '../http/scoped.ts'
import { periodFields, periodOf } from '../kpis/kpi-period.ts'
import { kpiCodes } from '../kpis/kpi.rules.ts'
import { today } from '../shared/dates.ts'
import { targetSchema } from '../targets/target.routes.ts'
import { kpiDefinitionSchema, kpiValuesSchema } from './kpi.routes.ts'
import { type Scorecard, providerScorecard } from './scorecard.queries.ts'

const scorecardSchema = z.object({
  aanbieder: z.object({ id: z.number(), name: z.string(), agbCode: z.string() }),
  periode: z.object({ from: answer.date, to: answer.date }),
  peildatum: answer.date,
  kpis: z.array(kpiDefinitionSchema),
  segmenten: z.array(
    z.object({
      segmentId: z.number(),
      segment: z.string(),
      scorecard: z.array(z.enum(kpiCodes)),
      aanbieder: kpiValuesSchema,
      segmentWaarden: kpiValuesSchema.nullable(),
      doelen: z.array(targetSchema),
    }),
  ),
}) satisfies z.ZodType<Scorecard>

export function scorecardRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithIdAndQuery('/providers/{id}/scorecard', 'providers', "A provider's scorecard: its KPIs per segment beside the segment's, and the segment's targets (a provider: its own)", periodFields, scorecardSchema), async (c) => {
    const { id } = c.req.valid('param')
    const peildatum = today()
    const periode = periodOf(c.req.valid('query'), peildatum)
    return c.json(await asActor(c, 'kpi.read', (trx, actor) => providerScorecard(trx, actor, id, periode, peildatum)), 200)
  })
  return app
}
