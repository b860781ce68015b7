import { z } from 'zod'
import { getRoute, getRouteWithQuery } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { calendarDate, today } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import { listOpenTermijnen, termijnScore } from './termijn.queries.ts'
import { termijnRegels, termijnSoorten } from './termijn.rules.ts'

const asOfQuery = z.object({ asOf: calendarDate.optional() })

export const termijnQuery = asOfQuery.extend({
  kind: z.enum(termijnSoorten).optional(),
  party: z.enum(['gemeente', 'aanbieder']).optional(),
  status: z.enum(['loopt', 'bijna', 'verlopen']).optional(),
  gemeente: z.coerce.number().int().positive().optional(),
  provider: z.coerce.number().int().positive().optional(),
})

export const scoreQuery = asOfQuery.extend({ from: calendarDate.optional(), to: calendarDate.optional() })

export function termijnRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/termijnen/rules', 'termijnen', 'Every chain deadline: whose it is, its rule (OP271, OP272, OP274/OP346, OP359, OP090, OP090x4) and its length'), (c) => c.json(Object.values(termijnRegels), 200))
  app.openapi(
    getRouteWithQuery('/termijnen', 'termijnen', 'The running (loopt, bijna) and recently passed (verlopen) chain deadlines in the asker’s scope on the peildatum (default today), with counts per kind and state; no personal data', termijnQuery),
    async (c) => {
      const q = c.req.valid('query')
      const answer = await asActor(c, 'termijn.read', (trx, actor) =>
        listOpenTermijnen(trx, actor, q.asOf ?? today(), { soort: q.kind, partij: q.party, status: q.status, gemeenteId: q.gemeente, providerId: q.provider }),
      )
      return c.json(answer, 200)
    },
  )
  app.openapi(
    getRouteWithQuery('/termijnen/score', 'termijnen', 'Per provider and per gemeente: its own deadlines due from `from` through `to` (default: this year up to the peildatum) and how many were met, per kind; counts under 5 suppressed', scoreQuery),
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
