import { z } from 'zod'
import { answer, getRouteWithQuery, postAction } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { today } from '../shared/dates.ts'
import { spreadsheetUploadSchema } from '../shared/request.schema.ts'
import { uploadedRows } from '../shared/spreadsheet.ts'
import { importMeasurements } from './measurement-import.ts'
import { type WorklistRow, outcomeWorklist, recordMeasurement, worklistQuery } from './measurement.queries.ts'
import { measurementInputSchema } from './measurement.schema.ts'


/** `show=te_doen` (default): only trajecten with a measurement due; `show=alle`: every traject; sorted and paged. */
const worklistHttpQuery = z.object({ show: worklistQuery.shape.toon, segment: worklistQuery.shape.segment, sort: worklistQuery.shape.sort, dir: worklistQuery.shape.dir, limit: worklistQuery.shape.limit, offset: worklistQuery.shape.offset })

const measurementMoment = z.enum(['T1', 'T2', 'T3'])

/** A traject whose outcomes the asker records (the client by pseudonym), with what is recorded and what is due. */
const worklistRowSchema = z.object({
  toewijzingId: z.number(),
  toewijzingNummer: z.number(),
  wet: z.string(),
  client: z.string(),
  gemeente: z.string(),
  aanbieder: z.string(),
  segment: z.string(),
  product: z.string(),
  begin: answer.date,
  eind: answer.date,
  reden: z.string().nullable(),
  goals: z.array(z.object({ description: z.string(), domain: z.string(), t1: z.number() })),
  recorded: z.array(z.object({ moment: z.string(), gemetenOp: answer.date, bron: z.string() })),
  due: z.array(measurementMoment),
}) satisfies z.ZodType<WorklistRow>

const worklistPageSchema = z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(worklistRowSchema) })

export function outcomeRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/outcomes/worklist', 'outcomes', 'The trajecten whose outcomes you record, with what is recorded and what is due (T1, T2, T3): one page, sorted, with the total', worklistHttpQuery, worklistPageSchema), async (c) => {
    const { show, ...rest } = c.req.valid('query')
    const page = await asActor(c, 'uitkomst.write', (trx, actor) => outcomeWorklist(trx, actor, { toon: show, ...rest }, today()))
    return c.json({ ...page, limit: rest.limit, offset: rest.offset }, 200)
  })
  app.openapi(postAction('/outcomes', 'outcomes', 'Record (or correct) an outcome measurement of a traject', measurementInputSchema, z.object({ id: z.number(), created: z.boolean() })), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'uitkomst.write', (trx, actor) => recordMeasurement(trx, actor, body, today())), 200)
  })
  app.openapi(postAction('/outcomes/import', 'outcomes', 'Import outcome measurements from CSV text or an XLSX file (base64): all rows or none', spreadsheetUploadSchema, z.object({ rows: z.number().int(), created: z.number().int(), corrected: z.number().int() })), async (c) => {
    const body = c.req.valid('json')
    const rows = await uploadedRows(body)
    return c.json(await asActor(c, 'uitkomst.write', (trx, actor) => importMeasurements(trx, actor, rows, today())), 200)
  })
  return app
}
