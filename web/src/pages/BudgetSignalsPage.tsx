import { Button, Heading1, Heading2, Paragraph, StatusBadge, Textarea } from '@utrecht/component-library-react'
import { type ChangeEvent, type FormEvent, useEffect, useState } from 'react'
import type { BudgetSignal } from '../../../src/budgets/signal.queries.ts'
import { evidenceLines } from '../../../src/budgets/signal-evidence.rules.ts'
import { kpiByCode } from '../../../src/kpis/kpi.rules.ts'
import { acknowledgeSchema, bulkAcknowledgeSchema, closeSchema, refreshSignalsSchema, signalSettingsSchema } from '../../../src/budgets/budget.schema.ts'
import { type Me, api, may, post } from '../lib/api.ts'
import { ChoiceField, Field, TextField, fieldState } from '../components/fields.tsx'
import { ActionResult, useAction, verplicht } from '../hooks/useAction.tsx'
import { formatMomentDate } from '../lib/format.ts'
import { TermijnenSection } from '../components/TermijnenSection.tsx'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import { useApi } from '../hooks/useApi.ts'
import { thisYear, YearSelect } from '../components/YearSelect.tsx'
import { budgetLink, signaalStatusLabel, signaalStatusBadge } from '../components/BudgetFigures.tsx'

const soortLabel: Record<string, string> = { voor_op_budget: 'Aanbieder voor op budget', prognose_boven_budget: 'Prognose boven budget', plafond_bereikt: 'Bestedingsruimte bereikt', doel_niet_op_koers: 'Doel niet op koers' }

/** `#/budgetsignalen[?signaal=ID]` */
export function BudgetSignalsPage({ me, query }: { me: Me; query: URLSearchParams }) {
  const [status, setStatus] = useState('lopend')
  const [year, setYear] = useState(thisYear)
  const { data: signals, reload } = useApi<BudgetSignal[]>(`/budgets/signals?year=${year}${status ? `&status=${status}` : ''}`)
  const action = useAction()
  const focus = Number(query.get('signaal') ?? 0)
  const focused = signals?.find((x) => x.id === focus)
  const recompute = () =>
    void action.send(refreshSignalsSchema, { jaar: year }, post<{ raised: number; current: number }>('/budgets/signals/refresh'), (r) => {
      reload()
      return `Cijfers herberekend: ${r.current} signaal(en) van toepassing, ${r.raised} nieuw.`
    })
  return (
    <>
      <Heading1>Budgetsignalen</Heading1>
      <Paragraph>
        Seed 004 §5.6: "Als bijvoorbeeld een aanbieder binnen de eerste helft van het jaar al ruim over de benutting van het geschatte (half jaar) budget gedeclareerd heeft, komt er een signaal waarop gestuurd kan worden, zodat we tijdig het gesprek hierover aan kunnen gaan." Ook een doel van de strategie dat achterloopt op zijn pad komt hier als signaal.
      </Paragraph>
      <div className="koers-form-row">
        <YearSelect year={year} onYear={setYear} />
        <ChoiceField id="signaal-status" label="Status" value={status} onChange={(e) => setStatus(e.target.value)} options={{ lopend: 'open en erkend', open: 'open', erkend: 'erkend', gesloten: 'gesloten', '': 'alle' }} />
        {may(me, 'signaalinstelling.write') && (
          <Button appearance="secondary-action-button" onClick={recompute} disabled={action.busy}>
            Cijfers en signalen bijwerken
          </Button>
        )}
      </div>
      <ActionResult action={action} />
      {may(me, 'signaalinstelling.write') && <MarginSetting />}
      {focused && <SignalCard signal={focused} me={me} focus onDone={reload} />}
      <SignalTable signals={signals} me={me} onDone={reload} />
      <TermijnenSection />
    </>
  )
}

type Named = { id: number; name: string }

const groupings = { '': 'geen', soort: 'soort', gemeente: 'gemeente', aanbieder: 'aanbieder', segment: 'segment' } as const

/**
 * The signals as one table (issue 18 §2): narrowed by kind, gemeente, provider and segment,
 * grouped if asked, and open signals selected and acknowledged together (all or none, the server
 * checks every one). One signal's evidence and its own acknowledge or close: `?signaal=ID`. Each table
 * downloads what it shows (one way: DataTable's), not a second link to the server's export.
 */
function SignalTable({ signals, me, onDone }: { signals: BudgetSignal[] | null; me: Me; onDone: () => void }) {
  const { data: region } = useApi<{ gemeenten: Named[]; segments: Named[]; providers: Named[] }>('/region')
  const [filter, setFilter] = useState({ soort: '', gemeente: '', aanbieder: '', segment: '' })
  const [group, setGroup] = useState<keyof typeof groupings>('')
  const [selected, setSelected] = useState<Set<string | number>>(new Set())
  const [note, setNote] = useState('')
  const [owner, setOwner] = useState('')
  const action = useAction({ eigenaarId: 'bulk-eigenaar', notitie: 'bulk-notitie' })
  // Who may own the chosen signals together: those who may own one of each gemeente's (the server checks every one again).
  const [owners, setOwners] = useState<Named[] | null>(null)
  const representatives = [...new Map((signals ?? []).filter((s) => selected.has(s.id)).map((s) => [s.gemeenteId, s.id])).values()].join(',')
  useEffect(() => {
    if (representatives === '') return setOwners(null)
    let current = true
    Promise.all(representatives.split(',').map((id) => api<Named[]>(`/budgets/signals/${id}/owners`)))
      .then((lists) => current && setOwners(lists.reduce((common, list) => common.filter((o) => list.some((x) => x.id === o.id)))))
      .catch(() => current && setOwners(null))
    return () => {
      current = false
    }
  }, [representatives])
  // A choice made under other filters is not acknowledged unseen: changing the list empties it.
  useEffect(() => setSelected(new Set()), [filter, group, signals])
  const nameOf = (list: Named[] | undefined, id: number | null) => (id === null ? 'regionaal' : (list?.find((x) => x.id === id)?.name ?? String(id)))
  // The region's team follows up every signal, a gemeente its own (the server checks it again).
  const canAct = (s: BudgetSignal) => s.status === 'open' && may(me, 'budgetsignaal.write') && (me.gemeenteId === null || s.gemeenteId === me.gemeenteId)
  const rows = (signals ?? []).filter(
    (s) =>
      (!filter.soort || s.soort === filter.soort) &&
      (!filter.gemeente || String(s.gemeenteId ?? 'regionaal') === filter.gemeente) &&
      (!filter.aanbieder || String(s.providerId ?? 'geen') === filter.aanbieder) &&
      (!filter.segment || String(s.segmentId) === filter.segment),
  )
  const columns: DataColumn<BudgetSignal>[] = [
    { key: 'id', header: 'Nr', kind: 'number', value: (s) => s.id, render: (s) => String(s.id) },
    { key: 'soort', header: 'Soort', value: (s) => soortLabel[s.soort] ?? s.soort },
    { key: 'titel', header: 'Signaal', value: (s) => s.titel, render: (s) => <a href={`#/budgetsignalen?signaal=${s.id}`}>{s.titel}</a> },
    { key: 'gemeente', header: 'Gemeente', value: (s) => nameOf(region?.gemeenten, s.gemeenteId) },
    { key: 'aanbieder', header: 'Aanbieder', value: (s) => (s.providerId === null ? '' : nameOf(region?.providers, s.providerId)) },
    { key: 'segment', header: 'Segment', value: (s) => nameOf(region?.segments, s.segmentId) },
    { key: 'status', header: 'Status', value: (s) => signaalStatusLabel[s.status] ?? s.status, render: (s) => <StatusBadge status={signaalStatusBadge[s.status]}>{signaalStatusLabel[s.status]}</StatusBadge> },
    { key: 'geopend', header: 'Geopend', value: (s) => s.geopendOp, render: (s) => formatMomentDate(s.geopendOp) },
    { key: 'eigenaar', header: 'Eigenaar', value: (s) => s.eigenaar },
  ]
  const groupOf = (s: BudgetSignal): string => (group === '' ? '' : (columns.find((c) => c.key === group)?.value(s) as string | null) || 'geen')
  const groups = [...new Set(rows.map(groupOf))].sort((a, b) => a.localeCompare(b, 'nl', { numeric: true }))
  const set = (key: keyof typeof filter) => (e: ChangeEvent<HTMLSelectElement>) => setFilter({ ...filter, [key]: e.target.value })
  const options = (list: Named[] | undefined) => Object.fromEntries((list ?? []).map((x) => [String(x.id), x.name]))
  const acknowledge = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      bulkAcknowledgeSchema,
      { ids: [...selected].map(Number), notitie: note, eigenaarId: Number(owner) },
      post<{ acknowledged: number }>('/budgets/signals/acknowledge'),
      (r) => {
        setSelected(new Set())
        setNote('')
        onDone()
        return `${r.acknowledged} ${r.acknowledged === 1 ? 'signaal' : 'signalen'} erkend.`
      },
      () => ({ ...(owner === '' ? { eigenaarId: 'Kies een eigenaar.' } : {}), ...(note.trim() === '' ? { notitie: 'Schrijf op wat u gaat doen.' } : {}) }),
    )
  }
  const notitie = fieldState(action, 'notitie', 'bulk-notitie')
  const selection = { selected, onChange: setSelected, selectable: canAct, label: (s: BudgetSignal) => `signaal ${s.id}, ${s.titel}` }
  return (
    <section aria-labelledby="signalenlijst">
      <Heading2 id="signalenlijst">Signalen</Heading2>
      <div className="koers-form-row">
        <ChoiceField id="filter-soort" label="Soort" value={filter.soort} onChange={set('soort')} options={soortLabel} empty="alle" />
        <ChoiceField id="filter-gemeente" label="Gemeente" value={filter.gemeente} onChange={set('gemeente')} options={{ ...options(region?.gemeenten), regionaal: 'regionaal' }} empty="alle" />
        <ChoiceField id="filter-aanbieder" label="Aanbieder" value={filter.aanbieder} onChange={set('aanbieder')} options={options(region?.providers)} empty="alle" />
        <ChoiceField id="filter-segment" label="Segment" value={filter.segment} onChange={set('segment')} options={options(region?.segments)} empty="alle" />
        <ChoiceField id="groepering" label="Groeperen op" value={group} onChange={(e) => setGroup(e.target.value as keyof typeof groupings)} options={groupings} />
      </div>
      {may(me, 'budgetsignaal.write') && (
        <form onSubmit={acknowledge} className="koers-form-row" noValidate aria-label="Gekozen signalen erkennen">
          <Paragraph role="status">{selected.size === 0 ? 'Kies open signalen in de tabel om ze samen te erkennen.' : `${selected.size} ${selected.size === 1 ? 'signaal' : 'signalen'} gekozen.`}</Paragraph>
          {selected.size > 0 && owners && <ChoiceField id="bulk-eigenaar" label="Eigenaar" action={action} path="eigenaarId" value={owner} onChange={(e) => setOwner(e.target.value)} options={options(owners)} empty="Kies een eigenaar" required />}
          {selected.size > 0 && (
            <Field id="bulk-notitie" label="Wat gaan we doen?" required error={notitie.error}>
              <Textarea id="bulk-notitie" value={note} invalid={notitie.error !== undefined} {...notitie.aria} aria-required onChange={(e: ChangeEvent<HTMLTextAreaElement>) => (setNote(e.target.value), action.clearField('notitie'))} rows={2} />
            </Field>
          )}
          <Button type="submit" appearance="primary-action-button" disabled={action.busy || selected.size === 0}>
            Erkennen
          </Button>
        </form>
      )}
      <ActionResult action={action} />
      {groups.length === 0 && <DataTable caption="Budgetsignalen" columns={columns} rows={signals === null ? null : []} rowKey={(s) => s.id} selection={selection} exportName="budgetsignalen" empty="Geen signalen met deze filters." />}
      {groups.map((g) => (
        <DataTable key={g || 'alle'} caption={g ? `Budgetsignalen — ${g}` : 'Budgetsignalen'} columns={columns} rows={rows.filter((s) => groupOf(s) === g)} rowKey={(s) => s.id} selection={selection} exportName="budgetsignalen" empty="Geen signalen met deze filters." />
      ))}
    </section>
  )
}

function MarginSetting() {
  const { data } = useApi<{ margePct: number }>('/budgets/signal-settings')
  const [value, setValue] = useState<string | null>(null)
  const action = useAction({ margePct: 'marge' })
  if (!data) return null
  const save = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      signalSettingsSchema,
      { margePct: Number(value ?? data.margePct) },
      post<{ margePct: number }>('/budgets/signal-settings'),
      (r) => {
        return `Marge vastgelegd: ${r.margePct} % boven pro rata.`
      },
      () => verplicht({ margePct: ['de marge', value ?? String(data.margePct)] }),
    )
  }
  return (
    <form onSubmit={save} className="koers-form-row" noValidate>
      <TextField action={action} path="margePct" id="marge" label="Signaal wanneer een aanbieder meer dan … % boven pro rata gedeclareerd heeft" type="number" min={0} max={100} required value={value ?? String(data.margePct)} onChange={setValue} />
      <Button type="submit" appearance="secondary-action-button" disabled={action.busy}>
        Marge vastleggen
      </Button>
      <ActionResult action={action} />
    </form>
  )
}

function SignalCard({ signal: s, me, focus, onDone }: { signal: BudgetSignal; me: Me; focus: boolean; onDone: () => void }) {
  const canAct = may(me, 'budgetsignaal.write') && (me.gemeenteId === null || s.gemeenteId === me.gemeenteId)
  const { data: owners } = useApi<{ id: number; name: string }[]>(canAct && s.status === 'open' ? `/budgets/signals/${s.id}/owners` : null)
  const [note, setNote] = useState('')
  const [owner, setOwner] = useState('')
  const action = useAction({ eigenaarId: `eigenaar-${s.id}`, notitie: `notitie-${s.id}` })
  const act = (e: FormEvent) => {
    e.preventDefault()
    const done = () => {
      setNote('')
      onDone()
      return null
    }
    const check = () => ({ ...(s.status === 'open' && owner === '' ? { eigenaarId: 'Kies een eigenaar.' } : {}), ...(note.trim() === '' ? { notitie: s.status === 'open' ? 'Schrijf op wat u gaat doen.' : 'Schrijf op hoe het is afgehandeld.' } : {}) })
    if (s.status === 'open') void action.send(acknowledgeSchema, { notitie: note, eigenaarId: Number(owner) }, post(`/budgets/signals/${s.id}/acknowledge`), done, check)
    else void action.send(closeSchema, { notitie: note }, post(`/budgets/signals/${s.id}/close`), done, check)
  }
  const notitie = fieldState(action, 'notitie', `notitie-${s.id}`)
  const evidence = s.doelId !== null ? `#/segmenten/${s.segmentId}` : budgetLink({ jaar: s.jaar, gemeente: s.gemeenteId, segment: s.segmentId, aanbieder: s.providerId, niveau: s.providerId === null ? 'gemeente' : 'aanbieder' })
  return (
    <article className={`koers-card${focus ? ' koers-card--focus' : ''}`} aria-label={`Signaal ${s.id}`}>
      <Paragraph>
        <strong>{soortLabel[s.soort]}</strong> <StatusBadge status={signaalStatusBadge[s.status]}>{signaalStatusLabel[s.status]}</StatusBadge>
        {!s.actueel && s.status !== 'gesloten' && <span className="koers-muted"> — de conditie geldt niet meer</span>}
      </Paragraph>
      <Paragraph>{s.titel}</Paragraph>
      <Paragraph className="koers-muted">
        {evidenceLines(s.bewijs, (kpi) => kpiByCode.get(kpi)?.eenheid)
          .map((l) => `${l.label}: ${l.tekst}`)
          .join(' · ')}{' '}
        — <a href={evidence}>Bekijk de cijfers</a>
      </Paragraph>
      <Paragraph className="koers-muted">
        Geopend {formatMomentDate(s.geopendOp)}
        {s.erkendOp && `; erkend ${formatMomentDate(s.erkendOp)} door ${s.erkendDoor ?? 'onbekend'}, eigenaar ${s.eigenaar}: ${s.erkendNotitie}`}
        {s.geslotenOp && `; gesloten ${formatMomentDate(s.geslotenOp)} door ${s.geslotenDoor ?? 'onbekend'}: ${s.geslotenNotitie}`}
      </Paragraph>
      {canAct && s.status !== 'gesloten' && (
        <form onSubmit={act} className="koers-form-row" noValidate>
          {s.status === 'open' && owners && <ChoiceField id={`eigenaar-${s.id}`} label="Eigenaar" action={action} path="eigenaarId" value={owner} onChange={(e) => setOwner(e.target.value)} options={Object.fromEntries(owners.map((o) => [String(o.id), o.name]))} empty="Kies een eigenaar" required />}
          <Field id={`notitie-${s.id}`} label={s.status === 'open' ? 'Wat gaan we doen?' : 'Hoe is het afgehandeld?'} required error={notitie.error}>
            <Textarea id={`notitie-${s.id}`} value={note} invalid={notitie.error !== undefined} {...notitie.aria} aria-required onChange={(e: ChangeEvent<HTMLTextAreaElement>) => (setNote(e.target.value), action.clearField('notitie'))} rows={2} />
          </Field>
          <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
            {s.status === 'open' ? 'Erkennen' : 'Sluiten'}
          </Button>
        </form>
      )}
      <ActionResult action={action} />
    </article>
  )
}
