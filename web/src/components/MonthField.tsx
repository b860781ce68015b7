/**
 * The one month field of the app (issue 18 §7, ADR 0032): a Utrecht textbox that takes a month as
 * `3-2026`, `maart 2026` or `2026-03`, whatever the browser's language (Chromium's native month
 * input shows a widget in the browser's language and lets through values the schema then refuses),
 * with that hint under its label. The form gets `YYYY-MM` as the API takes it, '' when the field is
 * empty, and the text as typed when it is no month, which `maandFouten` (lib/date-nl.ts) stops
 * before anything is sent. A month that does not exist gets its Dutch melding when the user leaves
 * the field. Like DateField: label, hint and melding are tied to the input.
 */
import { FormFieldDescription, Textbox } from '@utrecht/component-library-react'
import { type ChangeEvent, useEffect, useRef, useState } from 'react'
import type { Action } from '../hooks/useAction.tsx'
import { MONTH_HINT, monthText, monthValue, readMonth } from '../lib/date-nl.ts'
import { Field, fieldState } from './fields.tsx'

export function MonthField({
  action,
  path,
  id: givenId,
  label,
  value,
  onChange,
  required,
  className,
}: {
  action?: Action
  /** The API's name of the field: its meldingen come back under it. */
  path?: string
  id?: string
  label: string
  /** `YYYY-MM`, '' or the text as typed. */
  value: string
  onChange: (value: string) => void
  required?: boolean
  className?: string
}) {
  const id = givenId ?? (action && path ? action.idFor(path) : path ?? label)
  const [text, setText] = useState(() => monthText(value))
  const [ownError, setOwnError] = useState<string | null>(null)
  // The value this field last handed to the form: another value comes from the form itself (a reset, a prefilled month).
  const handed = useRef(value)
  useEffect(() => {
    if (value === handed.current) return
    handed.current = value
    setText(monthText(value))
    setOwnError(null)
  }, [value])
  const { error: actionError } = fieldState(action, path, id)
  const error = actionError ?? ownError ?? undefined
  const hintId = `${id}-hint`
  return (
    <Field id={id} label={label} required={required} error={error} className={className}>
      <FormFieldDescription id={hintId} className="koers-date-hint">
        {MONTH_HINT}
      </FormFieldDescription>
      <Textbox
        id={id}
        className="koers-month"
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
          const next = monthValue(typed)
          handed.current = next
          onChange(next)
          // A melding goes as soon as the month is right; a new one waits until the user leaves the field.
          if (readMonth(typed).kind !== 'fout') setOwnError(null)
          if (action && path) action.clearField(path)
        }}
        onBlur={() => {
          const r = readMonth(text, label)
          setOwnError(r.kind === 'fout' ? r.melding : null)
        }}
      />
    </Field>
  )
}
