import { Button, Heading1, Heading2, Paragraph, StatusBadge, Textarea } from '@utrecht/component-library-react'
import { type ChangeEvent, type FormEvent, useState } from 'react'
import type { IntegriteitSignaal } from '../../../src/integriteit/signaal.queries.ts'
import { acknowledgeSchema, closeSchema, onderzoekInputSchema } from '../../../src/integriteit/integriteit.schema.ts'
import { emptyBody } from '../../../src/shared/request.schema.ts'
import { type Me, may, post } from '../lib/api.ts'
import { useApi } from '../hooks/useApi.ts'
import { ActionResult, useAction } from '../hooks/useAction.tsx'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import { ChoiceField, Field, TextField, fieldState } from '../components/fields.tsx'
import { Failure } from '../components/Failure.tsx'
import { signaalSoortLabels } from '../components/IntegriteitFormats.tsx'
import { signaalStatusBadge, signaalStatusLabel } from '../components/BudgetFigures.tsx'
import { formatMomentDate } from '../lib/format.ts'

/** `#/integriteitssignalen[?signaal=ID]`: the integrity signals with filters, and one signal's follow-up. */
export function IntegriteitSignalenPage({ me, query }: { me: Me; query: URLSearchParams }) {
  const [status, setStatus] = useState('lopend')
  const [soort, setSoort] = useState('')
  const { data, error, reload } = useApi<IntegriteitSignaal[]>(`/integriteit/signals?${status ? `status=${status}` : ''}${soort ? `&soort=${soort}` : ''}`)
  const focus = Number(query.get('signaal') ?? 0)
  const { data: focused } = useApi<IntegriteitSignaal[]>(focus ? `/integriteit/signals` : null)
  const signal = focused?.find((s) => s.id === focus)
  const action = useAction()
  const refresh = () =>
    void action.send(emptyBody, {}, post<{ raised: number; current: number }>('/integriteit/signals/refresh'), (r) => {
      reload()
      return `Signalen bijgewerkt: ${r.current} van toepassing, ${r.raised} nieuw.`
    })
  const columns: DataColumn<IntegriteitSignaal>[] = [
    { key: 'id', header: 'Nr', kind: 'number', value: (s) => s.id, render: (s) => String(s.id) },
    { key: 'soort', header: 'Soort', value: (s) => signaalSoortLabels[s.soort] },
    { key: 'aanbieder', header: 'Aanbieder', value: (s) => s.aanbieder, render: (s) => <a href={`#/integriteit/${s.providerId}`}>{s.aanbieder}</a> },
    { key: 'titel', header: 'Signaal', value: (s) => s.titel, render: (s) => <a href={`#/integriteitssignalen?signaal=${s.id}`}>{s.titel}</a> },
    { key: 'status', header: 'Status', value: (s) => signaalStatusLabel[s.status] ?? s.status, render: (s) => <StatusBadge status={signaalStatusBadge[s.status]}>{signaalStatusLabel[s.status]}</StatusBadge> },
    { key: 'geldt', header: 'Geldt nog', value: (s) => (s.actueel ? 'ja' : 'nee') },
    { key: 'betaling', header: 'Betaling', value: (s) => (s.betalingOpschorten ? 'opschorten' : '') },
    { key: 'geopend', header: 'Geopend', value: (s) => s.geopendOp, render: (s) => formatMomentDate(s.geopendOp) },
    { key: 'eigenaar', header: 'Eigenaar', value: (s) => s.eigenaar },
  ]
  return (
    <>
      <Heading1>Integriteitssignalen</Heading1>
      <Paragraph>Signalen uit het integriteitsregister, de jaarverantwoordingen, de sanctielijst en de declaraties. Een UBO-signaal dat nog geldt betekent: betalingen opschorten (art. 3.15); het 325-retourbericht blijft zoals de standaard het voorschrijft.</Paragraph>
      <div className="koers-form-row">
        <ChoiceField id="isignaal-status" label="Status" value={status} onChange={(e) => setStatus(e.target.value)} options={{ lopend: 'open en erkend', open: 'open', erkend: 'erkend', gesloten: 'gesloten', '': 'alle' }} />
        <ChoiceField id="isignaal-soort" label="Soort" value={soort} onChange={(e) => setSoort(e.target.value)} options={signaalSoortLabels} empty="alle" />
        {may(me, 'integriteit.beheer') && (
          <Button appearance="secondary-action-button" onClick={refresh} disabled={action.busy}>
            Signalen bijwerken
          </Button>
        )}
      </div>
      <ActionResult action={action} />
      {signal && <SignalCard signal={signal} me={me} onDone={reload} />}
      <Failure message={error} />
      <DataTable caption="Integriteitssignalen" columns={columns} rows={data} rowKey={(s) => s.id} exportName="integriteitssignalen" empty="Geen signalen met deze filters." />
    </>
  )
}

function SignalCard({ signal: s, me, onDone }: { signal: IntegriteitSignaal; me: Me; onDone: () => void }) {
  const canAct = may(me, 'integriteit.beheer')
  const { data: owners } = useApi<{ id: number; name: string }[]>(canAct && s.status === 'open' ? '/integriteit/owners' : null)
  const [note, setNote] = useState('')
  const [owner, setOwner] = useState('')
  const [done, setDone] = useState(false)
  const action = useAction({ eigenaarId: `ieigenaar-${s.id}`, notitie: `inotitie-${s.id}` })
  const act = (e: FormEvent) => {
    e.preventDefault()
    const after = () => {
      setNote('')
      setDone(true)
      onDone()
      return s.status === 'open' ? 'Het signaal is erkend.' : 'Het signaal is gesloten.'
    }
    const check = () => ({ ...(s.status === 'open' && owner === '' ? { eigenaarId: 'Kies een eigenaar.' } : {}), ...(note.trim() === '' ? { notitie: s.status === 'open' ? 'Schrijf op wat u gaat doen.' : 'Schrijf op hoe het is afgehandeld.' } : {}) })
    if (s.status === 'open') void action.send(acknowledgeSchema, { notitie: note, eigenaarId: Number(owner) }, post(`/integriteit/signals/${s.id}/acknowledge`), after, check)
    else void action.send(closeSchema, { notitie: note }, post(`/integriteit/signals/${s.id}/close`), after, check)
  }
  const notitie = fieldState(action, 'notitie', `inotitie-${s.id}`)
  return (
    <article className="koers-card koers-card--focus" aria-label={`Signaal ${s.id}`}>
      <Paragraph>
        <strong>{signaalSoortLabels[s.soort]}</strong> <StatusBadge status={signaalStatusBadge[s.status]}>{signaalStatusLabel[s.status]}</StatusBadge>
        {!s.actueel && s.status !== 'gesloten' && <span className="koers-muted"> — de conditie geldt niet meer</span>}
      </Paragraph>
      <Paragraph>{s.titel}</Paragraph>
      <Paragraph className="koers-muted">
        {Object.entries(s.bewijs)
          .map(([k, v]) => `${k}: ${v}`)
          .join(' · ')}{' '}
        — <a href={`#/integriteit/${s.providerId}`}>Naar het register</a>
      </Paragraph>
      <Paragraph className="koers-muted">
        Geopend {formatMomentDate(s.geopendOp)}
        {s.erkendOp && `; erkend ${formatMomentDate(s.erkendOp)} door ${s.erkendDoor ?? 'onbekend'}, eigenaar ${s.eigenaar}: ${s.erkendNotitie}`}
        {s.geslotenOp && `; gesloten ${formatMomentDate(s.geslotenOp)} door ${s.geslotenDoor ?? 'onbekend'}: ${s.geslotenNotitie}`}
      </Paragraph>
      {canAct && !done && s.status !== 'gesloten' && (
        <form onSubmit={act} className="koers-form-row" noValidate>
          {s.status === 'open' && owners && <ChoiceField id={`ieigenaar-${s.id}`} label="Eigenaar" action={action} path="eigenaarId" value={owner} onChange={(e) => setOwner(e.target.value)} options={Object.fromEntries(owners.map((o) => [String(o.id), o.name]))} empty="Kies een eigenaar" required />}
          <Field id={`inotitie-${s.id}`} label={s.status === 'open' ? 'Wat gaan we doen?' : 'Hoe is het afgehandeld?'} required error={notitie.error}>
            <Textarea id={`inotitie-${s.id}`} value={note} invalid={notitie.error !== undefined} {...notitie.aria} aria-required onChange={(e: ChangeEvent<HTMLTextAreaElement>) => (setNote(e.target.value), action.clearField('notitie'))} rows={2} />
          </Field>
          <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
            {s.status === 'open' ? 'Erkennen' : 'Sluiten'}
          </Button>
        </form>
      )}
      <ActionResult action={action} />
      {may(me, 'onderzoek.write') && <OpenOnderzoek signal={s} />}
    </article>
  )
}

function OpenOnderzoek({ signal: s }: { signal: IntegriteitSignaal }) {
  const [titel, setTitel] = useState('')
  const [vraag, setVraag] = useState('')
  const action = useAction({ titel: `ond-titel-${s.id}`, vraagAanAanbieder: `ond-vraag-${s.id}` })
  const vraagState = fieldState(action, 'vraagAanAanbieder', `ond-vraag-${s.id}`)
  const open = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      onderzoekInputSchema,
      { providerId: s.providerId, signaalId: s.id, titel, vraagAanAanbieder: vraag },
      post<{ id: number }>('/integriteit/onderzoeken'),
      ({ id }) => {
        return `Onderzoek ${id} is geopend; zie Onderzoeken.`
      },
      () => ({ ...(titel.trim() === '' ? { titel: 'Vul de titel in.' } : {}), ...(vraag.trim() === '' ? { vraagAanAanbieder: 'Schrijf op wat de aanbieder moet beantwoorden.' } : {}) }),
    )
  }
  return (
    <form onSubmit={open} noValidate aria-labelledby={`ond-kop-${s.id}`}>
      <Heading2 id={`ond-kop-${s.id}`}>Rechtmatigheidsonderzoek openen</Heading2>
      <TextField action={action} path="titel" id={`ond-titel-${s.id}`} label="Titel" required value={titel} onChange={setTitel} />
      <Field id={`ond-vraag-${s.id}`} label="Wat moet de aanbieder beantwoorden?" required error={vraagState.error}>
        <Textarea id={`ond-vraag-${s.id}`} value={vraag} invalid={vraagState.error !== undefined} {...vraagState.aria} aria-required onChange={(e: ChangeEvent<HTMLTextAreaElement>) => (setVraag(e.target.value), action.clearField('vraagAanAanbieder'))} rows={2} />
      </Field>
      <Button type="submit" appearance="secondary-action-button" disabled={action.busy}>
        Onderzoek openen
      </Button>
      <ActionResult action={action} />
    </form>
  )
}
