/** The period a KPI page or export is asked for, and its defaults. */
import { z } from 'zod'
import { type CalendarDate, calendarDate, earlierDate, monthEnd, monthStart, today } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import type { Period } from './kpi.rules.ts'

/** A period as pages ask for it: whole months, ending no later than the peildatum. */
export const periodFields = z.object({
  van: calendarDate.optional(),
  tot: calendarDate.optional(),
})

/** The period: the months from `van` through `tot` (default: this year so far), cut off at the peildatum. */
export function periodOf(q: z.infer<typeof periodFields>, peildatum: CalendarDate = today()): Period {
  const from = monthStart(q.van ?? `${peildatum.slice(0, 4)}-01-01`)
  const to = earlierDate(monthEnd(q.tot ?? `${peildatum.slice(0, 4)}-12-31`), peildatum)
  if (q.van !== undefined && q.tot !== undefined && q.van > q.tot) throw new AppError('period.reversed', 'van may not lie after tot', [{ path: 'tot', message: 'before van' }])
  if (to < from) throw new AppError('period.after_peildatum', `the period ${from} – ${to} lies after the peildatum ${peildatum}`, [{ path: 'van', message: 'after the peildatum' }])
  return { from, to }
}
