import { z } from 'zod'
import { getRouteWithQuery, postAction } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { today } from '../shared/dates.ts'
import { csvRows, xlsxRows } from '../shared/spreadsheet.ts'
import { importMeasurements } from './measurement-import.ts'
import { outcomeWorklist, recordMeasurement, worklistQuery } from './measurement.queries.ts'
import { measurementInputSchema } from './measurement.rules.ts'

const importSchema = z
  .object({
    bestandsnaam: z.string().min(1).max(200),
    csv: z.string().min(1).max(5_000_000).optional(),
    xlsxBase64: z.string().min(1).max(7_000_000).optional(),
  })
  .refine((b) => (b.csv === undefined) !== (b.xlsxBase64 === undefined), { message: 'send either csv or xlsxBase64', path: ['csv'] })

export function outcomeRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/uitkomsten/werklijst', 'outcomes', 'The trajecten whose outcomes you record, with what is recorded and what is due (T1, T2, T3)', worklistQuery), async (c) => {
    const q = c.req.valid('query')
    return c.json(await asActor(c, 'uitkomst.write', (trx, actor) => outcomeWorklist(trx, actor, q, today())), 200)
  })
  app.openapi(postAction('/uitkomsten', 'outcomes', 'Record (or correct) an outcome measurement of a traject', measurementInputSchema), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'uitkomst.write', (trx, actor) => recordMeasurement(trx, actor, body, today())), 200)
  })
  app.openapi(postAction('/uitkomsten/import', 'outcomes', 'Import outcome measurements from CSV text or an XLSX file (base64): all rows or none', importSchema), async (c) => {
    const body = c.req.valid('json')
    const rows = body.csv !== undefined ? csvRows(body.csv) : await xlsxRows(Buffer.from(body.xlsxBase64!, 'base64'))
    return c.json(await asActor(c, 'uitkomst.write', (trx, actor) => importMeasurements(trx, actor, rows, today())), 200)
  })
  return app
}
