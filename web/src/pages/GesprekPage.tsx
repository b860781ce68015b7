import { Button, Fieldset, FieldsetLegend, Heading1, Heading2, Paragraph, Textarea } from '@utrecht/component-library-react'
import { type ChangeEvent, type FormEvent, useState } from 'react'
import type { ConversationDetail } from '../../../src/accounts/account.queries.ts'
import { recordInputSchema } from '../../../src/accounts/account.schema.ts'
import type { AgreementParty } from '../../../src/db/schema.ts'
import type { Agenda } from '../../../src/app/account-agenda.ts'
import { kpiByCode } from '../../../src/kpis/kpi.rules.ts'
import { AgendaSections } from '../components/AgendaSections.tsx'
import { Agreements } from '../components/Agreements.tsx'
import { DateField } from '../components/DateField.tsx'
import { ChoiceField, Field, TextField, fieldState } from '../components/fields.tsx'
import { ActionResult, useAction, verplicht } from '../hooks/useAction.tsx'
import { useApi } from '../hooks/useApi.ts'
import { type Me, may, post } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'

interface NewAgreement {
  what: string
  party: string
  person: string
  dueOn: string
  kpi: string
}
const empty: NewAgreement = { what: '', party: '', person: '', dueOn: '', kpi: '' }
const partyOptions = { regio: 'regio', aanbieder: 'aanbieder', samen: 'samen' }

/** `#/gesprekken/:id`: a conversation — the agenda assembled from the data, recording it (present, notes per item, agreements), its agreements. */
export function GesprekPage({ id, me }: { id: number; me: Me }) {
  const { data: conversation, reload } = useApi<ConversationDetail>(`/conversations/${id}`)
  const { data: agenda } = useApi<Agenda>(`/conversations/${id}/agenda`)
  if (!conversation) return <Heading1>Accountgesprek</Heading1>
  const writer = may(me, 'account.write')
  return (
    <>
      <Heading1>Accountgesprek {conversation.provider.name}</Heading1>
      <Paragraph>
        {conversation.status === 'gehouden' ? `Gehouden op ${formatDate(conversation.heldOn)}; aanwezig: ${conversation.present}.` : `Gepland op ${formatDate(conversation.plannedOn)}.`} Cijfers over {formatDate(conversation.periodFrom)} – {formatDate(conversation.periodTo)}.{' '}
        {writer && <a href={`#/accounts/${conversation.provider.id}`}>Naar het account</a>}
      </Paragraph>
      {writer && conversation.status === 'gepland' && agenda && <RecordForm conversation={conversation} agenda={agenda} onDone={reload} />}
      {conversation.notes.length > 0 && (
        <section aria-labelledby="notities">
          <Heading2 id="notities">Notities (intern)</Heading2>
          {conversation.notes.map((n) => (
            <Paragraph key={n.item}>
              <strong>{agenda?.sections.find((s) => s.key === n.item)?.title ?? n.item}:</strong> {n.note}
            </Paragraph>
          ))}
        </section>
      )}
      <Agreements agreements={conversation.agreements} id="gemaakte-afspraken" title="Afspraken uit dit gesprek" act={writer ? 'close' : may(me, 'agreement.provider_done') ? 'provider-done' : null} onDone={reload} />
      <section aria-labelledby="agenda">
        <Heading2 id="agenda">Agenda</Heading2>
        <Paragraph>{agenda ? 'Samengesteld uit de gegevens van de periode.' : 'De agenda wordt samengesteld…'}</Paragraph>
      </section>
      {agenda && <AgendaSections agenda={agenda} />}
    </>
  )
}

function RecordForm({ conversation, agenda, onDone }: { conversation: ConversationDetail; agenda: Agenda; onDone: () => void }) {
  const [heldOn, setHeldOn] = useState(conversation.plannedOn)
  const [present, setPresent] = useState('')
  const [notes, setNotes] = useState<Record<string, string>>({})
  const [agreements, setAgreements] = useState<NewAgreement[]>([])
  const [draft, setDraft] = useState<NewAgreement>(empty)
  const ids: Record<string, string> = { heldOn: 'gehouden-op', present: 'aanwezig', what: 'afspraak-wat', party: 'afspraak-wie', dueOn: 'afspraak-datum' }
  const action = useAction(ids)
  const add = useAction(ids)
  const record = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      recordInputSchema,
      { heldOn, present, notes: Object.entries(notes).filter(([, n]) => n.trim() !== '').map(([item, note]) => ({ item, note })), agreements: agreements.map((a) => ({ what: a.what, party: a.party as AgreementParty, person: a.person, dueOn: a.dueOn, kpi: a.kpi || null })) },
      post(`/conversations/${conversation.id}/record`),
      () => {
        onDone()
        return 'Het gesprek is vastgelegd.'
      },
      () => verplicht({ heldOn: ['de datum van het gesprek', heldOn], present: ['wie er aanwezig waren', present] }),
    )
  }
  const addAgreement = () =>
    void add.run(
      async () => {
        setAgreements([...agreements, draft])
        setDraft(empty)
        return `Afspraak toegevoegd (${agreements.length + 1}); ze worden opgeslagen met het gesprek.`
      },
      () => verplicht({ what: ['wat er is afgesproken', draft.what], party: ['wie het doet', draft.party], dueOn: ['de datum', draft.dueOn] }),
    )
  const kpis = Object.fromEntries([...kpiByCode.values()].map((k) => [k.code, k.naam]))
  return (
    <section aria-labelledby="vastleggen">
      <Heading2 id="vastleggen">Gesprek vastleggen</Heading2>
      <form onSubmit={record} noValidate>
        <div className="koers-form-row">
          <DateField action={action} path="heldOn" id="gehouden-op" label="Gehouden op" value={heldOn} onChange={setHeldOn} required />
          <TextField action={action} path="present" id="aanwezig" label="Aanwezig" value={present} onChange={setPresent} required />
        </div>
        {agenda.sections.map((s) => (
          <NoteField key={s.key} id={`notitie-${s.key}`} label={`Notitie bij ${s.title}`} value={notes[s.key] ?? ''} onChange={(v) => setNotes({ ...notes, [s.key]: v })} />
        ))}
        <Fieldset>
          <FieldsetLegend>Nieuwe afspraak</FieldsetLegend>
          <TextField action={add} path="what" id="afspraak-wat" label="Wat" value={draft.what} onChange={(v) => setDraft({ ...draft, what: v })} required />
          <div className="koers-form-row">
            <ChoiceField action={add} path="party" id="afspraak-wie" label="Wie" value={draft.party} onChange={(e) => setDraft({ ...draft, party: e.target.value })} options={partyOptions} empty="Kies" required />
            <TextField id="afspraak-persoon" label="Naam (optioneel)" value={draft.person} onChange={(v) => setDraft({ ...draft, person: v })} />
            <DateField action={add} path="dueOn" id="afspraak-datum" label="Uiterlijk" value={draft.dueOn} onChange={(v) => setDraft({ ...draft, dueOn: v })} required />
            <ChoiceField id="afspraak-kpi" label="Bij KPI (optioneel)" value={draft.kpi} onChange={(e) => setDraft({ ...draft, kpi: e.target.value })} options={kpis} empty="geen" />
          </div>
          <Button type="button" appearance="secondary-action-button" onClick={addAgreement}>
            Afspraak toevoegen
          </Button>
          <ActionResult action={add} />
          {agreements.length > 0 && (
            <ul aria-label="Toegevoegde afspraken">
              {agreements.map((a, i) => (
                <li key={i}>
                  {a.what} — {a.party}, uiterlijk {formatDate(a.dueOn)}
                </li>
              ))}
            </ul>
          )}
        </Fieldset>
        <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
          Gesprek vastleggen
        </Button>
        <ActionResult action={action} />
      </form>
    </section>
  )
}

function NoteField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  const { aria } = fieldState(undefined, undefined, id)
  return (
    <Field id={id} label={label}>
      <Textarea id={id} rows={2} value={value} {...aria} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => onChange(e.target.value)} />
    </Field>
  )
}
