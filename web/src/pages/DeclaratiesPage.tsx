import { Button, Heading1, Heading2, Paragraph, StatusBadge, Textarea } from '@utrecht/component-library-react'
import { type ChangeEvent, type FormEvent, useState } from 'react'
import type { DeclaratieRow } from '../../../src/declaraties/declaratie.queries.ts'
import { taakgerichtBetalingSchema, taakgerichtImportSchema } from '../../../src/declaraties/taakgericht.schema.ts'
import { type Me, may, post } from '../lib/api.ts'
import { euroToCents } from '../../../src/shared/money.ts'
import { formatDate, formatMonth } from '../lib/format.ts'
import { ChoiceField, Field, TextField, fieldState } from '../components/fields.tsx'
import { MonthField } from '../components/MonthField.tsx'
import { maandFouten } from '../lib/date-nl.ts'
import { ActionResult, useAction, verplicht } from '../hooks/useAction.tsx'
import { useApi } from '../hooks/useApi.ts'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import { Failure } from '../components/Failure.tsx'
import { type Option, byId } from '../lib/options.ts'

const statusLabel: Record<DeclaratieRow['status'], string> = { toegekend: 'Volledig toegekend', deels_toegekend: 'Deels toegekend', afgewezen: 'Afgewezen' }

const statusBadge: Record<DeclaratieRow['status'], string> = { toegekend: 'success', deels_toegekend: 'warning', afgewezen: 'danger' }

/** Declarations per provider and month, with status and totals. */
export function DeclaratiesPage({ me }: { me: Me }) {
  const list = useApi<DeclaratieRow[]>('/declaraties')
  const months = [...new Set((list.data ?? []).map((d) => d.maand))]
  // The latest month first; "alle maanden" on request.
  const [chosen, setMaand] = useState<string | null>(null)
  const maand = chosen ?? months[0] ?? ''
  const rows = list.data === null ? null : list.data.filter((d) => maand === '' || d.maand === maand)
  const provider = me.providerId !== null
  const columns: DataColumn<DeclaratieRow>[] = [
    { key: 'maand', header: 'Maand', value: (d) => d.maand, render: (d) => formatMonth(d.maand) },
    provider ? { key: 'gemeente', header: 'Gemeente', value: (d) => d.gemeente } : { key: 'aanbieder', header: 'Aanbieder', value: (d) => d.aanbieder },
    { key: 'nummer', header: 'Declaratienummer', value: (d) => d.declaratieNummer, render: (d) => <a href={`#/declaraties/${d.id}`}>{d.declaratieNummer}</a> },
    { key: 'ingediendOp', header: 'Ingediend op', value: (d) => d.ingediendOp, render: (d) => formatDate(d.ingediendOp) },
    { key: 'regels', header: 'Prestaties', kind: 'number', total: true, value: (d) => d.regels },
    { key: 'afgewezen', header: 'Afgewezen', kind: 'number', total: true, value: (d) => d.afgewezen },
    { key: 'ingediend', header: 'Ingediend', kind: 'euro', total: true, value: (d) => d.ingediendCents },
    { key: 'toegekend', header: 'Toegekend', kind: 'euro', total: true, value: (d) => d.toegekendCents },
    // With it, art. 3.15: the provider's UBO missing or on the sanctions list — for the finance team (the 325 is unchanged);
    // in the Status column, so that every column still fits beside the menu at 1366 px.
    {
      key: 'status',
      header: 'Status',
      value: (d) => `${statusLabel[d.status]}${d.betalingOpschorten ? '; betaling opschorten' : ''}`,
      render: (d) => (
        <>
          <StatusBadge status={statusBadge[d.status]}>{statusLabel[d.status]}</StatusBadge>
          {d.betalingOpschorten && (
            <>
              {' '}
              <StatusBadge status="danger">betaling opschorten</StatusBadge>
            </>
          )}
        </>
      ),
    },
  ]
  return (
    <>
      <Heading1>Declaraties</Heading1>
      <Paragraph>
        Elke declaratie (323) is bij ontvangst per prestatie gecontroleerd op de toewijzing, het contract en eerder goedgekeurde prestaties, en beantwoord met een declaratie-antwoord (325). Goedgekeurde prestaties min creditprestaties zijn de realisatie.
      </Paragraph>
      <Failure message={list.error} />
      <DataTable
        key={maand}
        caption={`Declaraties${maand ? ` over ${formatMonth(maand)}` : ''}`}
        columns={columns}
        rows={rows}
        rowKey={(d) => d.id}
        exportName={`declaraties${maand ? `-${maand}` : ''}`}
        empty="Nog geen declaraties."
        tools={<ChoiceField id="maand" label="Declaratiemaand" empty="Alle maanden" value={maand} onChange={(e) => setMaand(e.target.value)} options={Object.fromEntries(months.map((m) => [m, formatMonth(m)]))} />}
      />
      {/* Payments are recorded for the user's own gemeente. */}
      {may(me, 'taakgericht.write') && me.gemeenteId !== null && <TaakgerichtSection />}
    </>
  )
}

interface Payment {
  id: number
  gemeente: string
  aanbieder: string
  segment: string
  maand: string
  bedragCents: number
  omschrijving: string
}

const paymentColumns: DataColumn<Payment>[] = [
  { key: 'maand', header: 'Maand', value: (b) => b.maand, render: (b) => formatMonth(b.maand) },
  { key: 'aanbieder', header: 'Aanbieder', value: (b) => b.aanbieder },
  { key: 'segment', header: 'Segment', value: (b) => b.segment },
  { key: 'bedrag', header: 'Bedrag', kind: 'euro', total: true, value: (b) => b.bedragCents },
  { key: 'omschrijving', header: 'Omschrijving', value: (b) => b.omschrijving },
]

/** Taakgericht payments: what a taakgericht contract pays per month, entered or imported. */
function TaakgerichtSection() {
  const list = useApi<Payment[]>('/declaraties/taakgericht-payments')
  const providers = useApi<Option[]>('/providers')
  const segments = useApi<Option[]>('/segments')
  const [form, setForm] = useState({ providerId: '', segmentId: '', maand: '', bedrag: '', omschrijving: '' })
  const [csv, setCsv] = useState('')
  const action = useAction({ providerId: 'tg-aanbieder', segmentId: 'tg-segment', maand: 'tg-maand', bedragCents: 'tg-bedrag', omschrijving: 'tg-omschrijving' })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const cents = euroToCents(form.bedrag)
    void action.send(
      taakgerichtBetalingSchema,
      { providerId: Number(form.providerId), segmentId: Number(form.segmentId), maand: form.maand, bedragCents: cents ?? Number.NaN, omschrijving: form.omschrijving },
      post('/declaraties/taakgericht-payments'),
      () => {
        list.reload()
        return 'Betaling vastgelegd.'
      },
      () => ({
        ...(form.providerId === '' ? { providerId: 'Kies een aanbieder.' } : {}),
        ...(form.segmentId === '' ? { segmentId: 'Kies een segment.' } : {}),
        ...verplicht({ maand: ['de maand', form.maand], bedragCents: ['het bedrag', form.bedrag] }),
        ...maandFouten({ maand: ['Maand', form.maand] }),
        ...(form.bedrag.trim() !== '' && cents === null ? { bedragCents: `'${form.bedrag}' is geen bedrag in euro's (bijvoorbeeld 1.250,50).` } : {}),
      }),
    )
  }
  // The pasted CSV is an action of its own: a refused row is said at the CSV, not at the form's fields.
  const csvAction = useAction({ csv: 'tg-csv' }, { field: 'csv' })
  const csvState = fieldState(csvAction, 'csv', 'tg-csv')
  const importCsv = () =>
    void csvAction.send(taakgerichtImportSchema, { csv }, post<{ rows: number }>('/declaraties/taakgericht-payments/import'), (r) => {
      setCsv('')
      list.reload()
      return `${r.rows} betalingen ingelezen.`
    })
  return (
    <section aria-labelledby="taakgericht">
      <Heading2 id="taakgericht">Taakgerichte betalingen</Heading2>
      <Paragraph>Taakgericht wordt niet per cliënt gedeclareerd: de periodieke betalingen per aanbieder zijn de realisatie.</Paragraph>
      <ActionResult action={action} />
      <form onSubmit={submit} className="koers-form-row" noValidate>
        <ChoiceField id="tg-aanbieder" label="Aanbieder" required action={action} path="providerId" empty="Kies…" value={form.providerId} onChange={(e) => setForm({ ...form, providerId: e.target.value })} options={byId(providers.data)} />
        <ChoiceField id="tg-segment" label="Segment" required action={action} path="segmentId" empty="Kies…" value={form.segmentId} onChange={(e) => setForm({ ...form, segmentId: e.target.value })} options={byId(segments.data)} />
        <MonthField action={action} path="maand" id="tg-maand" label="Maand" required value={form.maand} onChange={(v) => setForm({ ...form, maand: v })} />
        <TextField action={action} path="bedragCents" label="Bedrag (€)" required inputMode="decimal" value={form.bedrag} onChange={(v) => setForm({ ...form, bedrag: v })} />
        <TextField action={action} path="omschrijving" label="Omschrijving" value={form.omschrijving} onChange={(v) => setForm({ ...form, omschrijving: v })} />
        <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
          Betaling vastleggen
        </Button>
      </form>
      <Field id="tg-csv" className="koers-csv" label="Of plak een CSV (AGB-code;segment;maand;bedrag;omschrijving, met kopregel)" error={csvState.error}>
        <Textarea id="tg-csv" rows={4} value={csv} invalid={csvState.error !== undefined} {...csvState.aria} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => (setCsv(e.target.value), csvAction.clearField('csv'))} />
      </Field>
      <Button appearance="secondary-action-button" disabled={csv.trim() === '' || csvAction.busy} onClick={importCsv}>
        CSV inlezen
      </Button>
      <ActionResult action={csvAction} />
      <DataTable caption="Taakgerichte betalingen" columns={paymentColumns} rows={list.data} rowKey={(b) => b.id} exportName="taakgerichte-betalingen" empty="Nog geen betalingen." />
    </section>
  )
}
