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
import { DATE_HINT, dateText, dateValue, readDate } from '../lib/date-nl.ts'
import { Field, fieldState } from './fields.tsx'

export function DateField({
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
  /** The ISO date, '' or the text as typed. */
  value: string
  onChange: (value: string) => void
  required?: boolean
  className?: string
}) {
  const id = givenId ?? (action && path ? action.idFor(path) : path ?? label)
  const [text, setText] = useState(() => dateText(value))
  const [ownError, setOwnError] = useState<string | null>(null)
  // The value this field last handed to the form: another value comes from the form itself (a reset, a prefilled date).
  const handed = useRef(value)
  useEffect(() => {
    if (value === handed.current) return
    handed.current = value
    setText(dateText(value))
    setOwnError(null)
  }, [value])
  const { error: actionError } = fieldState(action, path, id)
  const error = actionError ?? ownError ?? undefined
  const hintId = `${id}-hint`
  return (
    <Field id={id} label={label} required={required} error={error} className={className}>
      <FormFieldDescription id={hintId} className="koers-date-hint">
        {DATE_HINT}
      </FormFieldDescription>
      <Textbox
        id={id}
        className="koers-date"
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
          const next = dateValue(typed)
          handed.current = next
          onChange(next)
          // A melding goes as soon as the date is right; a new one waits until the user leaves the field.
          if (readDate(typed).kind !== 'fout') setOwnError(null)
          if (action && path) action.clearField(path)
        }}
        onBlur={() => {
          const r = readDate(text, label)
          setOwnError(r.kind === 'fout' ? r.melding : null)
        }}
      />
    </Field>
  )
}
