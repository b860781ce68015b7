/** The agenda of an account conversation (account-agenda.ts), assembled from the data of several features. */
import { z } from 'zod'
import { getConversation } from '../accounts/account.queries.ts'
import { attachment } from '../http/content-disposition.ts'
import { answer, getRouteWithId, idParams } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { earlierDate, today } from '../shared/dates.ts'
import { type Agenda, assembleAgenda } from './account-agenda.ts'
import { dossierData, dossierFileName, dossierQuery, renderDossier } from './dossier-pdf.ts'

const tableSchema = z.object({ title: z.string(), columns: z.array(z.string()), rows: z.array(z.array(z.string())) })
const chartSchema = z.object({
  title: z.string(),
  unit: z.enum(['cents', 'procent', 'aantal', 'dagen']),
  valueLabel: z.string(),
  compareLabel: z.string().nullable(),
  bars: z.array(z.object({ label: z.string(), value: z.number(), compare: z.number().nullable() })),
})
export const agendaSchema = z
  .object({
    provider: z.object({ id: z.number(), name: z.string(), agbCode: z.string() }),
    period: z.object({ from: answer.date, to: answer.date }),
    peildatum: answer.date,
    sections: z.array(
      z.object({
        key: z.enum(['prestaties', 'budget', 'bestedingsruimte', 'signalen', 'integriteit', 'declaraties', 'wachttijden', 'uitkomsten', 'afspraken']),
        title: z.string(),
        summary: z.array(z.string()),
        tables: z.array(tableSchema),
        chart: chartSchema.nullable(),
      }),
    ),
  })
  .openapi('AccountAgenda') satisfies z.ZodType<Agenda>

export function accountAgendaRoutes() {
  const app = newRouter()
  app.openapi(getRouteWithId('/conversations/{id}/agenda', 'accounts', "A conversation's agenda, assembled from the data over its period: KPIs and targets, budget and forecast, signals, declarations, waiting times, outcomes, earlier agreements", agendaSchema), async (c) => {
    const { id } = c.req.valid('param')
    const peildatum = today()
    return c.json(
      await asActor(c, 'account.read', async (trx, actor) => {
        const conversation = await getConversation(trx, actor, id, peildatum)
        return assembleAgenda(trx, actor, conversation.providerId, { from: conversation.periodFrom, to: earlierDate(conversation.periodTo, peildatum) }, peildatum, id)
      }),
      200,
    )
  })
  // The dossier as a PDF (issue 20 §3): the region's team any provider's, a provider its own.
  app.get('/accounts/:id/dossier', async (c) => {
    const { id } = idParams.parse(c.req.param())
    const query = dossierQuery.parse({ van: c.req.query('van'), tot: c.req.query('tot') })
    const data = await asActor(c, 'account.read', (trx, actor) => dossierData(trx, actor, id, query, today()))
    const pdf = await renderDossier(data)
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': attachment(dossierFileName(data.account.provider.agbCode, query)) })
  })
  return app
}
