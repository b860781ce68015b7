import { z } from 'zod'
import { getRoute, getRouteWithQuery } from '../http/openapi.ts'
import { newRouter } from '../http/router.ts'
import { asActor } from '../http/scoped.ts'
import { calendarDate, today } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import { listOpenTermijnen, termijnScore } from './termijn.queries.ts'
import { termijnRegels, termijnSoorten } from './termijn.rules.ts'

const peildatumQuery = z.object({ peildatum: calendarDate.optional() })

export const termijnQuery = peildatumQuery.extend({
  soort: z.enum(termijnSoorten).optional(),
  partij: z.enum(['gemeente', 'aanbieder']).optional(),
  status: z.enum(['loopt', 'bijna', 'verlopen']).optional(),
  gemeente: z.coerce.number().int().positive().optional(),
  aanbieder: z.coerce.number().int().positive().optional(),
})

export const scoreQuery = peildatumQuery.extend({ van: calendarDate.optional(), tot: calendarDate.optional() })

export function termijnRoutes() {
  const app = newRouter()
  app.openapi(getRoute('/termijnen/regels', 'termijnen', 'Every chain deadline: whose it is, its rule (OP271, OP272, OP274/OP346, OP359, OP090, OP090x4) and its length'), (c) => c.json(Object.values(termijnRegels), 200))
  app.openapi(
    getRouteWithQuery('/termijnen', 'termijnen', 'The running (loopt, bijna) and recently passed (verlopen) chain deadlines in the asker’s scope on the peildatum (default today), with counts per kind and state; no personal data', termijnQuery),
    async (c) => {
      const q = c.req.valid('query')
      const answer = await asActor(c, 'termijn.read', (trx, actor) =>
        listOpenTermijnen(trx, actor, q.peildatum ?? today(), { soort: q.soort, partij: q.partij, status: q.status, gemeenteId: q.gemeente, providerId: q.aanbieder }),
      )
      return c.json(answer, 200)
    },
  )
  app.openapi(
    getRouteWithQuery('/termijnen/score', 'termijnen', 'Per provider and per gemeente: its own deadlines due from van through tot (default: this year up to the peildatum) and how many were met, per kind; counts under 5 suppressed', scoreQuery),
    async (c) => {
      const q = c.req.valid('query')
      const peildatum = q.peildatum ?? today()
      const van = q.van ?? `${peildatum.slice(0, 4)}-01-01`
      const tot = q.tot ?? peildatum
      if (van > tot) throw new AppError('period.reversed', 'van mag niet na tot liggen', [{ path: 'tot', message: 'voor van' }])
      return c.json(await asActor(c, 'termijn.read', (trx, actor) => termijnScore(trx, actor, van, tot, peildatum)), 200)
    },
  )
  return app
}
