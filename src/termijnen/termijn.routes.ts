import { z } from 'zod'
import { answer, getRoute, getRouteWithQuery } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { today } from '../shared/dates.ts'
import { calendarDate } from '../shared/request.schema.ts'
import { AppError } from '../shared/errors.ts'
import { type TermijnRij, type TermijnScoreRij, listOpenTermijnen, termijnScore } from './termijn.queries.ts'
import { type TermijnRegel, termijnRegels, termijnSoorten } from './termijn.rules.ts'

const asOfQuery = z.object({ asOf: calendarDate.optional() })

export const termijnQuery = asOfQuery.extend({
  kind: z.enum(termijnSoorten).optional(),
  party: z.enum(['gemeente', 'aanbieder']).optional(),
  status: z.enum(['loopt', 'bijna', 'verlopen']).optional(),
  gemeente: z.coerce.number().int().positive().optional(),
  provider: z.coerce.number().int().positive().optional(),
})

export const scoreQuery = asOfQuery.extend({ from: calendarDate.optional(), to: calendarDate.optional() })

const soort = z.enum(termijnSoorten)
const partij = z.enum(['gemeente', 'aanbieder'])
const status = z.enum(['loopt', 'bijna', 'verlopen', 'op_tijd', 'te_laat'])

const termijnRegelSchema = z.object({
  soort,
  partij,
  regel: z.string(),
  duur: z.union([z.object({ werkdagen: z.number().int() }), z.object({ dagen: z.number().int() })]),
  naam: z.string(),
  uitleg: z.string(),
}) satisfies z.ZodType<TermijnRegel>

/** A deadline without personal data: what it is about is a ToewijzingNummer, a ReferentieAanbieder or a message's Identificatie. */
const termijnRijSchema = z.object({
  soort,
  gemeenteId: z.number(),
  gemeente: z.string(),
  providerId: z.number(),
  aanbieder: z.string(),
  referentie: z.string().nullable(),
  gebeurtenis: answer.date,
  antwoord: answer.date.nullable(),
  partij,
  deadline: answer.date,
  status,
  naam: z.string(),
  regel: z.string(),
}) satisfies z.ZodType<TermijnRij>

const openTermijnenSchema = z.object({
  peildatum: answer.date,
  aantallen: z.array(z.object({ soort, status, aantal: z.number().int() })),
  termijnen: z.array(termijnRijSchema),
})

/** Counts of 1–4 are null and the row onderdrukt. */
const termijnScoreRijSchema = z.object({
  soort: z.union([soort, z.literal('alle')]),
  partij,
  partijId: z.number(),
  naam: z.string(),
  termijnen: z.number().int().nullable(),
  gehaald: z.number().int().nullable(),
  percentage: z.number().nullable(),
  onderdrukt: z.boolean(),
}) satisfies z.ZodType<TermijnScoreRij>

const scoreSchema = z.object({ van: answer.date, tot: answer.date, peildatum: answer.date, aanbieders: z.array(termijnScoreRijSchema), gemeenten: z.array(termijnScoreRijSchema) })

export function termijnRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/termijnen/rules', 'termijnen', 'Every chain deadline: whose it is, its rule (OP271, OP272, OP274/OP346, OP359, OP090, OP090x4) and its length', z.array(termijnRegelSchema)), (c) => c.json(Object.values(termijnRegels), 200))
  app.openapi(
    getRouteWithQuery('/termijnen', 'termijnen', 'The running (loopt, bijna) and recently passed (verlopen) chain deadlines in the asker’s scope on the peildatum (default today), with counts per kind and state; no personal data', termijnQuery, openTermijnenSchema),
    async (c) => {
      const q = c.req.valid('query')
      const answer = await asActor(c, 'termijn.read', (trx, actor) =>
        listOpenTermijnen(trx, actor, q.asOf ?? today(), { soort: q.kind, partij: q.party, status: q.status, gemeenteId: q.gemeente, providerId: q.provider }),
      )
      return c.json(answer, 200)
    },
  )
  app.openapi(
    getRouteWithQuery('/termijnen/score', 'termijnen', 'Per provider and per gemeente: its own deadlines due from `from` through `to` (default: this year up to the peildatum) and how many were met, per kind; counts under 5 suppressed', scoreQuery, scoreSchema),
    async (c) => {
      const q = c.req.valid('query')
      const peildatum = q.asOf ?? today()
      const van = q.from ?? `${peildatum.slice(0, 4)}-01-01`
      const tot = q.to ?? peildatum
      if (van > tot) throw new AppError('period.reversed', 'from mag niet na to liggen', [{ path: 'to', message: 'voor from' }])
      return c.json(await asActor(c, 'termijn.read', (trx, actor) => termijnScore(trx, actor, van, tot, peildatum)), 200)
    },
  )
  return app
}
