/**
 * The agreements of an account (issue 20 §2, §4): a table with their status, and the one action
 * the user may take on them — the region's team closes one with a note, a provider marks its
 * own part done with a note. The server checks both again.
 */
import { Button, Heading2, StatusBadge, Textarea } from '@utrecht/component-library-react'
import { type ChangeEvent, type FormEvent, useState } from 'react'
import type { Agreement } from '../../../src/accounts/account.queries.ts'
import { closeAgreementSchema } from '../../../src/accounts/account.schema.ts'
import { ActionResult, useAction } from '../hooks/useAction.tsx'
import { post } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { DataTable, type DataColumn } from './DataTable.tsx'
import { ChoiceField, Field, fieldState } from './fields.tsx'

export const agreementStatusLabel: Record<Agreement['status'], string> = { open: 'open', binnenkort: 'binnenkort', verlopen: 'te laat', gesloten: 'gesloten' }
const badge: Record<Agreement['status'], string> = { open: 'neutral', binnenkort: 'warning', verlopen: 'danger', gesloten: 'success' }
const partyLabel: Record<Agreement['party'], string> = { regio: 'regio', aanbieder: 'aanbieder', samen: 'samen' }

export function Agreements({ agreements, id, title, act, onDone }: { agreements: Agreement[]; id: string; title: string; act: 'close' | 'provider-done' | null; onDone: () => void }) {
  const [chosen, setChosen] = useState('')
  const [note, setNote] = useState('')
  const action = useAction({ note: `${id}-notitie`, agreement: `${id}-afspraak` })
  const columns: DataColumn<Agreement>[] = [
    { key: 'what', header: 'Afspraak', value: (a) => a.what },
    { key: 'party', header: 'Wie', value: (a) => `${partyLabel[a.party]}${a.person ? ` (${a.person})` : ''}` },
    { key: 'due', header: 'Uiterlijk', value: (a) => a.dueOn, render: (a) => formatDate(a.dueOn) },
    { key: 'status', header: 'Status', value: (a) => agreementStatusLabel[a.status], render: (a) => <StatusBadge status={badge[a.status]}>{agreementStatusLabel[a.status]}</StatusBadge> },
    { key: 'provider', header: 'Aanbieder gereed', value: (a) => (a.providerDoneOn ? `${formatDate(a.providerDoneOn)}: ${a.providerNote}` : '') },
    { key: 'closed', header: 'Gesloten', value: (a) => (a.closedOn ? `${formatDate(a.closedOn)}: ${a.closedNote}` : '') },
  ]
  const open = agreements.filter((a) => a.status !== 'gesloten' && (act !== 'provider-done' || (a.party !== 'regio' && a.providerDoneOn === null)))
  const notitie = fieldState(action, 'note', `${id}-notitie`)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      closeAgreementSchema,
      { note },
      post(`/agreements/${chosen}/${act}`),
      () => {
        setChosen('')
        setNote('')
        onDone()
        return act === 'close' ? 'De afspraak is gesloten.' : 'Uw deel van de afspraak is gereed gemeld.'
      },
      () => ({ ...(chosen === '' ? { agreement: 'Kies een afspraak.' } : {}), ...(note.trim() === '' ? { note: 'Schrijf een toelichting.' } : {}) }),
    )
  }
  return (
    <section aria-labelledby={id}>
      <Heading2 id={id}>{title}</Heading2>
      <DataTable caption={title} columns={columns} rows={agreements} rowKey={(a) => a.id} exportName="afspraken" empty="Geen afspraken." />
      {act && open.length > 0 && (
        <form onSubmit={submit} noValidate aria-label={act === 'close' ? 'Afspraak sluiten' : 'Deel van een afspraak gereed melden'}>
          <ChoiceField id={`${id}-afspraak`} label={act === 'close' ? 'Afspraak om te sluiten' : 'Afspraak waarvan uw deel gereed is'} action={action} path="agreement" value={chosen} onChange={(e) => setChosen(e.target.value)} options={Object.fromEntries(open.map((a) => [String(a.id), `${a.what} (uiterlijk ${formatDate(a.dueOn)})`]))} empty="Kies een afspraak" required />
          <Field id={`${id}-notitie`} label="Toelichting" required error={notitie.error}>
            <Textarea id={`${id}-notitie`} value={note} rows={2} invalid={notitie.error !== undefined} {...notitie.aria} aria-required onChange={(e: ChangeEvent<HTMLTextAreaElement>) => (setNote(e.target.value), action.clearField('note'))} />
          </Field>
          <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
            {act === 'close' ? 'Afspraak sluiten' : 'Gereed melden'}
          </Button>
          <ActionResult action={action} />
        </form>
      )}
    </section>
  )
}
