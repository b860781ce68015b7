import { Button, Checkbox, Fieldset, FieldsetLegend, FormField, FormLabel, Heading1, Heading2, Paragraph, StatusBadge } from '@utrecht/component-library-react'
import { type FormEvent, useEffect, useState } from 'react'
import type { Account, Conversation, Holder } from '../../../src/accounts/account.queries.ts'
import { holdersInputSchema, planInputSchema } from '../../../src/accounts/account.schema.ts'
import { cadenceLabels } from '../../../src/segments/instruments.schema.ts'
import { Agreements } from '../components/Agreements.tsx'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import { DateField } from '../components/DateField.tsx'
import { DossierDownload } from '../components/DossierDownload.tsx'
import { ActionResult, useAction, verplicht } from '../hooks/useAction.tsx'
import { useApi } from '../hooks/useApi.ts'
import { post } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'

const dueLabel: Record<string, string> = { verlopen: 'te laat', binnenkort: 'binnenkort', op_tijd: 'op tijd' }
const dueBadge: Record<string, string> = { verlopen: 'danger', binnenkort: 'warning', op_tijd: 'success' }
type Planning = Account['planning']

/** `#/accounts/:id`: a provider's account for the region's team — holders, lots, cadence, conversations (plan one), agreements (close one), the dossier. */
export function AccountPage({ id }: { id: number }) {
  const { data: account, reload } = useApi<Account>(`/accounts/${id}`)
  if (!account) return <Heading1>Account</Heading1>
  return (
    <>
      <Heading1>Account {account.provider.name}</Heading1>
      <Paragraph>
        AGB-code {account.provider.agbCode}. <a href={`#/aanbieders/${id}/scorekaart`}>Scorekaart met de KPI's en doelen</a>
      </Paragraph>
      <PlanningSection planning={account.planning} />
      <Holders account={account} onDone={reload} />
      <section aria-labelledby="percelen">
        <Heading2 id="percelen">Gecontracteerd</Heading2>
        <DataTable
          caption="Percelen waarvoor de aanbieder gecontracteerd is"
          columns={[
            { key: 'contract', header: 'Contract', value: (l) => l.contract },
            { key: 'segment', header: 'Segment', value: (l) => l.segment },
            { key: 'cadence', header: 'Gesprekscadans', value: (l) => cadenceLabels[l.cadence] },
            { key: 'from', header: 'Vanaf', value: (l) => l.validFrom, render: (l) => formatDate(l.validFrom) },
            { key: 'to', header: 'Tot en met', value: (l) => l.validTo ?? '', render: (l) => formatDate(l.validTo) },
          ]}
          rows={account.lots}
          rowKey={(l) => `${l.lotId}-${l.validFrom}`}
          empty="Geen percelen."
        />
      </section>
      <Conversations conversations={account.conversations} providerId={id} onDone={reload} />
      <Agreements agreements={account.agreements} id="afspraken" title="Afspraken" act="close" onDone={reload} />
      <DossierDownload providerId={id} />
    </>
  )
}

function PlanningSection({ planning }: { planning: Planning }) {
  return (
    <section aria-labelledby="planning">
      <Heading2 id="planning">Gesprekscadans</Heading2>
      <Paragraph>
        {planning.due === null ? 'Geen lopend contract, dus geen gesprekscadans.' : `Volgend gesprek uiterlijk ${formatDate(planning.due)} (${dueLabel[planning.status!]}).`} Laatste gesprek: {planning.lastHeld ? formatDate(planning.lastHeld) : 'nog niet gehouden'}. Gepland: {planning.nextPlanned ? formatDate(planning.nextPlanned) : 'geen'}.
      </Paragraph>
      <DataTable
        caption="Cadans per segment"
        columns={[
          { key: 'segment', header: 'Segment', value: (s) => s.segment },
          { key: 'cadence', header: 'Cadans', value: (s) => cadenceLabels[s.cadence] },
          { key: 'due', header: 'Uiterlijk', value: (s) => s.due, render: (s) => formatDate(s.due) },
          { key: 'status', header: 'Status', value: (s) => dueLabel[s.status]!, render: (s) => <StatusBadge status={dueBadge[s.status]}>{dueLabel[s.status]}</StatusBadge> },
        ]}
        rows={planning.segments}
        rowKey={(s) => s.segmentId}
        empty="Geen segmenten."
      />
    </section>
  )
}

function Holders({ account, onDone }: { account: Account; onDone: () => void }) {
  const { data: candidates } = useApi<Holder[]>('/account-holders')
  const [chosen, setChosen] = useState<Set<number>>(new Set())
  useEffect(() => setChosen(new Set(account.holders.map((h) => h.userId))), [account])
  const action = useAction()
  const save = (e: FormEvent) => {
    e.preventDefault()
    void action.send(holdersInputSchema, { userIds: [...chosen] }, post(`/accounts/${account.provider.id}/holders`), () => {
      onDone()
      return 'De accounthouders zijn opgeslagen.'
    })
  }
  return (
    <section aria-labelledby="houders">
      <Heading2 id="houders">Accounthouders</Heading2>
      <Paragraph>{account.holders.length === 0 ? 'Nog geen accounthouder.' : account.holders.map((h) => h.name).join(', ')}</Paragraph>
      {candidates && (
        <form onSubmit={save} noValidate>
          <Fieldset>
            <FieldsetLegend>Accounthouders uit het regioteam</FieldsetLegend>
            {candidates.map((c) => (
              <FormField type="checkbox" key={c.userId}>
                <Checkbox id={`houder-${c.userId}`} checked={chosen.has(c.userId)} onChange={() => setChosen((s) => (s.has(c.userId) ? new Set([...s].filter((x) => x !== c.userId)) : new Set([...s, c.userId])))} />
                <FormLabel htmlFor={`houder-${c.userId}`} type="checkbox">
                  {c.name}
                </FormLabel>
              </FormField>
            ))}
          </Fieldset>
          <Button type="submit" appearance="secondary-action-button" disabled={action.busy}>
            Accounthouders opslaan
          </Button>
          <ActionResult action={action} />
        </form>
      )}
    </section>
  )
}

function Conversations({ conversations, providerId, onDone }: { conversations: Conversation[]; providerId: number; onDone: () => void }) {
  const [form, setForm] = useState({ plannedOn: '', periodFrom: '', periodTo: '' })
  const action = useAction({ plannedOn: 'gesprek-datum', periodFrom: 'gesprek-van', periodTo: 'gesprek-tot' })
  const plan = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      planInputSchema,
      form,
      post<Conversation>(`/accounts/${providerId}/conversations`),
      (c) => {
        setForm({ plannedOn: '', periodFrom: '', periodTo: '' })
        onDone()
        window.location.hash = `#/gesprekken/${c.id}`
        return null
      },
      () => verplicht({ plannedOn: ['de datum', form.plannedOn], periodFrom: ['het begin van de periode', form.periodFrom], periodTo: ['het einde van de periode', form.periodTo] }),
    )
  }
  const columns: DataColumn<Conversation>[] = [
    { key: 'planned', header: 'Datum', value: (c) => c.heldOn ?? c.plannedOn, render: (c) => <a href={`#/gesprekken/${c.id}`}>{formatDate(c.heldOn ?? c.plannedOn)}</a> },
    { key: 'period', header: 'Periode', value: (c) => `${formatDate(c.periodFrom)} – ${formatDate(c.periodTo)}` },
    { key: 'status', header: 'Status', value: (c) => c.status },
    { key: 'present', header: 'Aanwezig', value: (c) => c.present },
  ]
  return (
    <section aria-labelledby="gesprekken">
      <Heading2 id="gesprekken">Accountgesprekken</Heading2>
      <DataTable caption="Accountgesprekken" columns={columns} rows={conversations} rowKey={(c) => c.id} empty="Nog geen gesprekken." />
      <form onSubmit={plan} noValidate aria-label="Gesprek plannen">
        <div className="koers-form-row">
          <DateField action={action} path="plannedOn" id="gesprek-datum" label="Gesprek op" value={form.plannedOn} onChange={(v) => setForm({ ...form, plannedOn: v })} required />
          <DateField action={action} path="periodFrom" id="gesprek-van" label="Cijfers van" value={form.periodFrom} onChange={(v) => setForm({ ...form, periodFrom: v })} required />
          <DateField action={action} path="periodTo" id="gesprek-tot" label="Cijfers tot en met" value={form.periodTo} onChange={(v) => setForm({ ...form, periodTo: v })} required />
        </div>
        <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
          Gesprek plannen
        </Button>
        <ActionResult action={action} />
      </form>
    </section>
  )
}
