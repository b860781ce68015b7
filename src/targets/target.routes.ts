import { z } from 'zod'
import { assertCan } from '../auth/permissions.ts'
import { answer, getRoute, idAnswer, postAction, postRouteWithId } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor, requireActor } from '../http/scoped.ts'
import { today } from '../shared/dates.ts'
import { kpiCodes } from '../kpis/kpi.rules.ts'
import { type TargetWithProgress, createTarget, listTargets, measuredTargets, refreshTargetSignals, withdrawTarget } from './target.queries.ts'
import { targetInputSchema } from './target.schema.ts'
import type { Target } from './target.rules.ts'

/** A strategy target of a segment: its KPI's baseline over a period, the target value by a date, and which way is better. */
export const targetSchema = z
  .object({
    id: z.number(),
    segmentId: z.number(),
    kpi: z.enum(kpiCodes),
    naam: z.string(),
    basisVan: answer.date,
    basisTot: answer.date,
    basisWaarde: z.number(),
    doelWaarde: z.number(),
    doelRelatiefPct: z.number().nullable(),
    doelDatum: answer.date,
    richting: z.enum(['omlaag', 'omhoog']),
    bron: z.string(),
  })
  .openapi('Target') satisfies z.ZodType<Target>

const targetPointSchema = z.object({ datum: answer.date, waarde: z.number().nullable(), pad: z.number() })

/** A target with the region's progress on it (suppressed aggregates). */
export const targetWithProgressSchema = targetSchema
  .extend({
    kpiNaam: z.string(),
    eenheid: z.string(),
    segment: z.string(),
    voortgang: z.object({
      status: z.enum(['op_koers', 'niet_op_koers', 'behaald', 'niet_behaald', 'onbekend']),
      punten: z.array(targetPointSchema),
      laatste: targetPointSchema.nullable(),
      voorsprong: z.number().nullable(),
      toelichting: z.string().openapi({ description: 'What the latest figure is compared with, in Dutch: windows as long as the baseline period' }),
      reden: z.enum(['target.baseline_incomplete']).nullable().openapi({ description: 'Why the status is unknown although there are figures' }),
    }),
  })
  .openapi('TargetWithProgress') satisfies z.ZodType<TargetWithProgress>

const raisedAnswer = z.object({ raised: z.number().int(), current: z.number().int() })

export function targetRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/targets', 'targets', "The region's strategy targets with their progress (the region's figures, suppressed under 5); a provider gets them without", z.array(z.union([targetWithProgressSchema, targetSchema]))), async (c) => {
    const actor = requireActor(c)
    assertCan(actor, 'kpi.read')
    // Progress is measured over the whole region; a provider sees the targets without it.
    if (actor.role === 'aanbieder') return c.json(await asActor(c, 'kpi.read', (trx) => listTargets(trx, actor.regionId)), 200)
    return c.json(await measuredTargets(c.get('deps').db, actor.regionId, today()), 200)
  })
  app.openapi(postAction('/targets', 'targets', 'Set a strategy target of a segment; the baseline is measured over its period unless given', targetInputSchema, targetSchema), async (c) => {
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
  app.openapi(postAction('/targets/signals', 'targets', 'Evaluate every target as of today and raise a signal for each one off track', z.object({}), raisedAnswer), async (c) => {
    const actor = requireActor(c)
    assertCan(actor, 'doel.write')
    return c.json(await refreshTargetSignals(c.get('deps').db, actor.regionId, today()), 200)
  })
  return app
}
