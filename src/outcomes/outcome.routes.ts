import { z } from 'zod'
import { getRouteWithQuery, postAction } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { today } from '../shared/dates.ts'
import { spreadsheetUploadSchema, uploadedRows } from '../shared/spreadsheet.ts'
import { importMeasurements } from './measurement-import.ts'
import { outcomeWorklist, recordMeasurement, worklistQuery } from './measurement.queries.ts'
import { measurementInputSchema } from './measurement.rules.ts'


/** `show=te_doen` (default): only trajecten with a measurement due; `show=alle`: every traject. */
const worklistHttpQuery = z.object({ show: worklistQuery.shape.toon, segment: worklistQuery.shape.segment })

export function outcomeRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithQuery('/outcomes/worklist', 'outcomes', 'The trajecten whose outcomes you record, with what is recorded and what is due (T1, T2, T3)', worklistHttpQuery), async (c) => {
    const { show, segment } = c.req.valid('query')
    return c.json(await asActor(c, 'uitkomst.write', (trx, actor) => outcomeWorklist(trx, actor, { toon: show, segment }, today())), 200)
  })
  app.openapi(postAction('/outcomes', 'outcomes', 'Record (or correct) an outcome measurement of a traject', measurementInputSchema), async (c) => {
    const body = c.req.valid('json')
    return c.json(await asActor(c, 'uitkomst.write', (trx, actor) => recordMeasurement(trx, actor, body, today())), 200)
  })
  app.openapi(postAction('/outcomes/import', 'outcomes', 'Import outcome measurements from CSV text or an XLSX file (base64): all rows or none', spreadsheetUploadSchema), async (c) => {
    const body = c.req.valid('json')
    const rows = await uploadedRows(body)
    return c.json(await asActor(c, 'uitkomst.write', (trx, actor) => importMeasurements(trx, actor, rows, today())), 200)
  })
  return app
}
