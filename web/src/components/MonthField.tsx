/**
 * The one month field of the app (issue 18 §7, ADR 0032): a Utrecht textbox that takes a month as
 * `3-2026`, `maart 2026` or `2026-03`, whatever the browser's language (Chromium's native month
 * input shows a widget in the browser's language and lets through values the schema then refuses),
 * with that hint under its label. The form gets `YYYY-MM` as the API takes it, '' when the field is
 * empty, and the text as typed when it is no month, which `maandFouten` (lib/date-nl.ts) stops
 * before anything is sent. A month that does not exist gets its Dutch melding when the user leaves
 * the field. Like DateField: label, hint and melding are tied to the input.
 */
import { MONTH_HINT, monthText, monthValue, readMonth } from '../lib/date-nl.ts'
import { type CalendarFormat, CalendarTextField } from './DateField.tsx'

const monthFormat: CalendarFormat = { hint: MONTH_HINT, className: 'koers-month', text: monthText, value: monthValue, read: readMonth }

export function MonthField(props: Omit<Parameters<typeof CalendarTextField>[0], 'format'>) {
  return <CalendarTextField format={monthFormat} {...props} />
}
