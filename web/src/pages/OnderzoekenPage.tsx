import { Button, Heading1, Heading2, Paragraph, StatusBadge, Textarea } from '@utrecht/component-library-react'
import { type ChangeEvent, type FormEvent, useState } from 'react'
import type { z } from 'zod'
import type { Onderzoek, OnderzoekDetail, OnderzoekVoorAanbieder } from '../../../src/integriteit/onderzoek.queries.ts'
import { stapInputSchema } from '../../../src/integriteit/integriteit.schema.ts'
import { type Me, may, post } from '../lib/api.ts'
import { useApi } from '../hooks/useApi.ts'
import { ActionResult, useAction } from '../hooks/useAction.tsx'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import { ChoiceField, Field, TextField, fieldState } from '../components/fields.tsx'
import { Failure } from '../components/Failure.tsx'
import { formatEuroCents, formatMomentDate } from '../lib/format.ts'
import { euroToCents } from '../../../src/shared/money.ts'

const stapLabel = { stap: 'Stap', bevinding: 'Bevinding', maatregel: 'Maatregel' } as const

/** `#/onderzoeken[?onderzoek=ID]`: lawfulness investigations; a provider sees what it must answer. */
export function OnderzoekenPage({ me, query }: { me: Me; query: URLSearchParams }) {
  const { data, error, reload } = useApi<(Onderzoek | OnderzoekVoorAanbieder)[]>('/integriteit/onderzoeken')
  const focus = Number(query.get('onderzoek') ?? 0)
  if (me.providerId !== null) {
    const columns: DataColumn<OnderzoekVoorAanbieder>[] = [
      { key: 'geopend', header: 'Geopend', value: (o) => o.geopendOp, render: (o) => formatMomentDate(o.geopendOp) },
      { key: 'vraag', header: 'Wat u moet beantwoorden', value: (o) => o.vraagAanAanbieder },
      { key: 'status', header: 'Status', value: (o) => o.status },
    ]
    return (
      <>
        <Heading1>Onderzoeken</Heading1>
        <Paragraph>Rechtmatigheidsonderzoeken van de regio en de toezichthouder naar uw organisatie: wat u moet beantwoorden.</Paragraph>
        <Failure message={error} />
        <DataTable caption="Vragen aan u" columns={columns} rows={data} rowKey={(o) => o.id} exportName="onderzoeken" empty="Er loopt geen onderzoek." />
      </>
    )
  }
  const rows = (data ?? []) as Onderzoek[]
  const columns: DataColumn<Onderzoek>[] = [
    { key: 'id', header: 'Nr', kind: 'number', value: (o) => o.id, render: (o) => String(o.id) },
    { key: 'titel', header: 'Onderzoek', value: (o) => o.titel, render: (o) => <a href={`#/onderzoeken?onderzoek=${o.id}`}>{o.titel}</a> },
    { key: 'aanbieder', header: 'Aanbieder', value: (o) => o.aanbieder },
    { key: 'aanleiding', header: 'Aanleiding', value: (o) => (o.aanleiding === 'signaal' ? `signaal ${o.signaalId}` : `steekproefregel ${o.steekproefRegelId}`) },
    { key: 'status', header: 'Status', value: (o) => o.status },
    { key: 'terug', header: 'Terugvordering', kind: 'euro', value: (o) => o.terugvorderingCents },
    { key: 'geopend', header: 'Geopend', value: (o) => o.geopendOp, render: (o) => formatMomentDate(o.geopendOp) },
  ]
  return (
    <>
      <Heading1>Onderzoeken</Heading1>
      <Paragraph>Rechtmatigheidsonderzoeken, geopend vanuit een integriteitssignaal of een steekproefbevinding: het contractmanagement en de toezichthouder werken er samen aan.</Paragraph>
      <Failure message={error} />
      {focus > 0 && <Detail id={focus} me={me} onDone={reload} />}
      <DataTable caption="Onderzoeken" columns={columns} rows={data === null ? null : rows} rowKey={(o) => o.id} exportName="onderzoeken" empty="Geen onderzoeken." />
    </>
  )
}

function Detail({ id, me, onDone }: { id: number; me: Me; onDone: () => void }) {
  const { data, error, reload } = useApi<OnderzoekDetail>(`/integriteit/onderzoeken/${id}`)
  const [soort, setSoort] = useState('stap')
  const [tekst, setTekst] = useState('')
  const [bedrag, setBedrag] = useState('')
  const action = useAction({ soort: 'stap-soort', tekst: 'stap-tekst', terugvorderingCents: 'stap-bedrag' })
  const tekstState = fieldState(action, 'tekst', 'stap-tekst')
  if (error) return <Failure message={error} />
  if (!data) return null
  const add = (e: FormEvent) => {
    e.preventDefault()
    const cents = bedrag.trim() === '' ? undefined : euroToCents(bedrag.trim())
    void action.send(
      stapInputSchema,
      { soort: soort as z.input<typeof stapInputSchema>['soort'], tekst, ...(cents ? { terugvorderingCents: cents } : {}) },
      post(`/integriteit/onderzoeken/${id}/stappen`),
      () => {
        setTekst('')
        setBedrag('')
        reload()
        onDone()
        return 'Vastgelegd.'
      },
      () => ({ ...(tekst.trim() === '' ? { tekst: 'Beschrijf de stap, bevinding of maatregel.' } : {}), ...(cents === null ? { terugvorderingCents: 'Vul een bedrag in euro’s in, bijvoorbeeld 1.234,56.' } : {}) }),
    )
  }
  return (
    <article className="koers-card koers-card--focus" aria-labelledby="onderzoek-kop">
      <Heading2 id="onderzoek-kop">{data.titel}</Heading2>
      <Paragraph>
        {data.aanbieder} — <StatusBadge status={data.status === 'lopend' ? 'warning' : 'success'}>{data.status}</StatusBadge> — geopend {formatMomentDate(data.geopendOp)} door {data.geopendDoor}
      </Paragraph>
      <Paragraph>Vraag aan de aanbieder: {data.vraagAanAanbieder}</Paragraph>
      <ul>
        {data.stappen.map((s) => (
          <li key={s.id}>
            <strong>{stapLabel[s.soort]}</strong> ({formatMomentDate(s.vastgelegdOp)}, {s.vastgelegdDoor}): {s.tekst}
            {s.terugvorderingCents !== null && ` — terugvordering ${formatEuroCents(s.terugvorderingCents)}`}
          </li>
        ))}
      </ul>
      {data.declaraties.length > 0 && <Paragraph>Declaraties: {data.declaraties.map((d) => d.declaratieNummer).join(', ')}</Paragraph>}
      {may(me, 'onderzoek.write') && data.status === 'lopend' && (
        <form onSubmit={add} noValidate aria-label="Stap toevoegen">
          <div className="koers-form-row">
            <ChoiceField action={action} path="soort" id="stap-soort" label="Soort" value={soort} onChange={(e) => setSoort(e.target.value)} options={stapLabel} />
            {soort === 'maatregel' && <TextField action={action} path="terugvorderingCents" id="stap-bedrag" label="Terugvordering (€)" inputMode="decimal" value={bedrag} onChange={setBedrag} />}
          </div>
          <Field id="stap-tekst" label="Beschrijving" required error={tekstState.error}>
            <Textarea id="stap-tekst" value={tekst} invalid={tekstState.error !== undefined} {...tekstState.aria} aria-required onChange={(e: ChangeEvent<HTMLTextAreaElement>) => (setTekst(e.target.value), action.clearField('tekst'))} rows={2} />
          </Field>
          <Button type="submit" appearance="secondary-action-button" disabled={action.busy}>
            Vastleggen
          </Button>
          <ActionResult action={action} />
        </form>
      )}
    </article>
  )
}
