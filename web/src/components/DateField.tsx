/**
 * The one date field of the app (issue 18 §7): a Utrecht textbox that shows and takes a date as
 * dd-mm-jjjj, whatever the browser's language, with that hint under its label. The form gets
 * the ISO date (`2026-12-31`) the API takes, '' when the field is empty, and the text as typed
 * when it is no date, which `datumFouten` (lib/date-nl.ts) stops before anything is sent. An
 * impossible date (31-02-2026) gets its Dutch melding at the field when the user leaves it.
 * The label, the hint and the melding are tied to the input (label for, aria-describedby).
 */
import { FormFieldDescription, Textbox } from '@utrecht/component-library-react'
import { type ChangeEvent, useEffect, useRef, useState } from 'react'
import type { Action } from '../hooks/useAction.tsx'
import { DATE_HINT, dateText, dateValue, readDate, type readMonth } from '../lib/date-nl.ts'

import { Field, fieldState } from './fields.tsx'

export function DateField(props: Omit<Parameters<typeof CalendarTextField>[0], 'format'>) {
  return <CalendarTextField format={dateFormat} {...props} />
}

/** What a calendar text field reads and shows: its hint, its class, and how text and value turn into each other (date or month). */
export interface CalendarFormat {
  hint: string
  className: string
  text: (value: string) => string
  value: (typed: string) => string
  read: (typed: string, label?: string) => ReturnType<typeof readDate> | ReturnType<typeof readMonth>
}

export const dateFormat: CalendarFormat = { hint: DATE_HINT, className: 'koers-date', text: dateText, value: dateValue, read: readDate }

/** The field both DateField and MonthField are: a textbox in the format's terms. */
export function CalendarTextField({
  format,
  action,
  path,
  id: givenId,
  label,
  value,
  onChange,
  required,
  className,
}: {
  format: CalendarFormat
  action?: Action
  /** The API's name of the field: its meldingen come back under it. */
  path?: string
  id?: string
  label: string
  /** The ISO date or `YYYY-MM`, '' or the text as typed. */
  value: string
  onChange: (value: string) => void
  required?: boolean
  className?: string
}) {
  const id = givenId ?? (action && path ? action.idFor(path) : path ?? label)
  const [text, setText] = useState(() => format.text(value))
  const [ownError, setOwnError] = useState<string | null>(null)
  // The value this field last handed to the form: another value comes from the form itself (a reset, a prefilled value).
  const handed = useRef(value)
  useEffect(() => {
    if (value === handed.current) return
    handed.current = value
    setText(format.text(value))
    setOwnError(null)
  }, [value])
  const { error: actionError } = fieldState(action, path, id)
  const error = actionError ?? ownError ?? undefined
  const hintId = `${id}-hint`
  return (
    <Field id={id} label={label} required={required} error={error} className={className}>
      <FormFieldDescription id={hintId} className="koers-date-hint">
        {format.hint}
      </FormFieldDescription>
      <Textbox
        id={id}
        className={format.className}
        type="text"
        autoComplete="off"
        spellCheck={false}
        aria-required={required || undefined}
        invalid={error !== undefined}
        aria-invalid={error !== undefined || undefined}
        aria-describedby={error !== undefined ? `${hintId} ${id}-fout` : hintId}
        value={text}
        onChange={(e: ChangeEvent<HTMLInputElement>) => {
          const typed = e.target.value
          setText(typed)
          const next = format.value(typed)
          handed.current = next
          onChange(next)
          // A melding goes as soon as the value is right; a new one waits until the user leaves the field.
          if (format.read(typed).kind !== 'fout') setOwnError(null)
          if (action && path) action.clearField(path)
        }}
        onBlur={() => {
          const r = format.read(text, label)
          setOwnError(r.kind === 'fout' ? r.melding : null)
        }}
      />
    </Field>
  )
}
