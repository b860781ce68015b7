/** The period a KPI page or export is asked for, and its defaults. */
import { z } from 'zod'
import { type CalendarDate, earlierDate, monthEnd, monthStart, today } from '../shared/dates.ts'
import { calendarDate } from '../shared/request.schema.ts'
import { AppError } from '../shared/errors.ts'
import type { Period } from './kpi.rules.ts'

/** A period as pages ask for it: whole months, ending no later than the peildatum. */
export const periodFields = z.object({
  from: calendarDate.optional(),
  to: calendarDate.optional(),
})

/** The period: the months from `from` through `to` (default: this year so far), cut off at the peildatum. */
export function periodOf(q: z.infer<typeof periodFields>, peildatum: CalendarDate = today()): Period {
  const from = monthStart(q.from ?? `${peildatum.slice(0, 4)}-01-01`)
  const to = earlierDate(monthEnd(q.to ?? `${peildatum.slice(0, 4)}-12-31`), peildatum)
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) throw new AppError('period.reversed', 'from may not lie after to', [{ path: 'to', message: 'before from' }])
  if (to < from) throw new AppError('period.after_peildatum', `the period ${from} – ${to} lies after the peildatum ${peildatum}`, [{ path: 'from', message: 'after the peildatum' }])
  return { from, to }
}
