/** Form pieces every page uses: a labelled field, a choice from fixed options, and the outcome of an action. */
import { Alert, FormField, FormLabel, Paragraph, Select, SelectOption } from '@utrecht/component-library-react'
import type { ChangeEvent, ReactNode } from 'react'

export function Field({ id, label, children, className }: { id: string; label: string; children: ReactNode; className?: string }) {
  return (
    <FormField className={className}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      {children}
    </FormField>
  )
}

/** A select of fixed options; `empty` adds a first option with the value ''. */
export function ChoiceField({ id, label, value, onChange, options, empty, required }: { id: string; label: string; value: string; onChange: (e: ChangeEvent<HTMLSelectElement>) => void; options: Record<string, string>; empty?: string; required?: boolean }) {
  return (
    <Field id={id} label={label}>
      <Select id={id} value={value} onChange={onChange} required={required}>
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

export interface Outcome {
  ok: boolean
  text: string
}

/** What an action did: a status when it went well, an alert when it did not. */
export function OutcomeAlert({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null
  return (
    <Alert type={outcome.ok ? 'ok' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
      <Paragraph>{outcome.text}</Paragraph>
    </Alert>
  )
}
