/**
 * Form pieces every page uses: a labelled field, a text field and a choice from fixed options
 * (what an action answered is shown by ActionResult in useAction.tsx).
 * A field tied to an action (useAction.tsx) shows its own melding under its label, is marked
 * aria-invalid and described by that melding, and clears it when the user changes it.
 */
import { FormField, FormFieldDescription, FormLabel, Select, SelectOption, Textbox } from '@utrecht/component-library-react'
import type { ChangeEvent, ReactNode } from 'react'
import type { Action } from '../hooks/useAction.tsx'

/** A label that says when its field is required. */
function Label({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <FormLabel htmlFor={id}>
      {label}
      {required && <span className="koers-required"> (verplicht)</span>}
    </FormLabel>
  )
}

/** The field's own melding, if the last action had one for it. */
function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null
  return (
    <FormFieldDescription id={`${id}-fout`} invalid className="koers-field-error">
      {error}
    </FormFieldDescription>
  )
}

/** The aria attributes and the melding of the field at `path`, as an action left them. */
export function fieldState(action: Action | undefined, path: string | undefined, id: string) {
  const error = action && path ? action.fieldErrors[path] : undefined
  return { error, aria: error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-fout` } : {} }
}

export function Field({ id, label, children, className, required, error }: { id: string; label: string; children: ReactNode; className?: string; required?: boolean; error?: string }) {
  return (
    <FormField className={className} invalid={error !== undefined}>
      <Label id={id} label={label} required={required} />
      <FieldError id={id} error={error} />
      {children}
    </FormField>
  )
}

/**
 * A text input tied to an action: `path` is the API's name for the field (its errors come back
 * under it); the id is the action's id for that path.
 */
export function TextField({
  action,
  path,
  id: givenId,
  label,
  value,
  onChange,
  required,
  type,
  inputMode,
  placeholder,
  autoComplete,
  className,
  min,
  max,
  step,
}: {
  action?: Action
  path?: string
  id?: string
  label: string
  value: string
  onChange: (value: string) => void
  required?: boolean
  type?: string
  inputMode?: 'decimal' | 'numeric' | 'text'
  placeholder?: string
  autoComplete?: string
  className?: string
  min?: string | number
  max?: string | number
  step?: string | number
}) {
  const id = givenId ?? (action && path ? action.idFor(path) : path ?? label)
  const { error, aria } = fieldState(action, path, id)
  return (
    <Field id={id} label={label} required={required} error={error} className={className}>
      <Textbox
        id={id}
        type={type}
        inputMode={inputMode}
        placeholder={placeholder}
        autoComplete={autoComplete}
        min={min}
        max={max}
        step={step}
        aria-required={required || undefined}
        invalid={error !== undefined}
        {...aria}
        value={value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => {
          onChange(e.target.value)
          if (action && path) action.clearField(path)
        }}
      />
    </Field>
  )
}

/** A select of fixed options; `empty` adds a first option with the value ''. */
export function ChoiceField({
  id,
  label,
  value,
  onChange,
  options,
  empty,
  required,
  action,
  path,
}: {
  id: string
  label: string
  value: string
  onChange: (e: ChangeEvent<HTMLSelectElement>) => void
  options: Record<string, string>
  empty?: string
  required?: boolean
  action?: Action
  path?: string
}) {
  const { error, aria } = fieldState(action, path, id)
  return (
    <Field id={id} label={label} required={required} error={error}>
      <Select
        id={id}
        value={value}
        aria-required={required || undefined}
        invalid={error !== undefined}
        {...aria}
        onChange={(e: ChangeEvent<HTMLSelectElement>) => {
          onChange(e)
          if (action && path) action.clearField(path)
        }}
      >
        {empty !== undefined && <SelectOption value="">{empty}</SelectOption>}
        {Object.entries(options).map(([k, v]) => (
          <SelectOption key={k} value={k}>
            {v}
          </SelectOption>
        ))}
      </Select>
    </Field>
  )
}

/** What a spreadsheet upload accepts: CSV, and Excel's XLSX. */
export const SPREADSHEET_FILES = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * A file to upload, tied to an action whose `field` it is (useAction): what refused the file —
 * a row of it, or the file as a whole — is said here, and goes when another file is chosen.
 * The choice is emptied once read, so the corrected file of the same name can be chosen again.
 */
export function FileField({ action, path, id, label, accept, onFile, disabled }: { action: Action; path: string; id: string; label: string; accept: string; onFile: (file: File) => void; disabled?: boolean }) {
  const { error, aria } = fieldState(action, path, id)
  return (
    <Field id={id} label={label} error={error}>
      <input
        id={id}
        type="file"
        accept={accept}
        disabled={disabled}
        {...aria}
        onChange={(e: ChangeEvent<HTMLInputElement>) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (!file) return
          action.clearField(path)
          onFile(file)
        }}
      />
    </Field>
  )
}
