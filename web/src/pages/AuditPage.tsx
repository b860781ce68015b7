/**
 * Inzage in persoonsgegevens (issue 17 §3): for the privacy officer, who read which client's
 * data, when and why — the region's team all of the region, a gemeente its residents. Filter by
 * period, handeling, gemeente and client (pseudonym); the export holds every line of the filter.
 */
import { Button, Heading1, Paragraph, Textbox } from '@utrecht/component-library-react'
import { type FormEvent, useState } from 'react'
import type { AuditLine, AuditSortKey } from '../../../src/auth/audit.queries.ts'
import type { Me } from '../lib/api.ts'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import type { SortState } from '../components/table-model.ts'
import { ChoiceField, Field } from '../components/fields.tsx'
import { DateField } from '../components/DateField.tsx'
import { ActionResult, useAction } from '../hooks/useAction.tsx'
import { datumFouten } from '../lib/date-nl.ts'
import { formatMoment } from '../lib/format.ts'
import { useApi } from '../hooks/useApi.ts'

interface AuditPageAnswer {
  total: number
  limit: number
  offset: number
  lines: AuditLine[]
  actions: { action: string; reason: string }[]
}

interface Gemeente {
  id: number
  name: string
}

const PAGE = 50
const roleLabels: Record<string, string> = { regio: 'Regio', gemeente: 'Gemeente', lokaal_team: 'Lokaal team', aanbieder: 'Aanbieder', toezichthouder: 'Toezichthouder' }

interface Filter {
  from: string
  to: string
  action: string
  gemeente: string
  client: string
}

/** The columns; a column's key is the server's sort key where the server sorts by it (AuditSortKey). */
const columns: DataColumn<AuditLine>[] = [
  { key: 'at' satisfies AuditSortKey, header: 'Tijdstip', value: (l) => l.at, render: (l) => formatMoment(l.at, { seconds: true }) },
  { key: 'user' satisfies AuditSortKey, header: 'Gebruiker', value: (l) => l.userName ?? 'onbekend' },
  { key: 'role' satisfies AuditSortKey, header: 'Rol', value: (l) => (l.role ? roleLabels[l.role] : null) },
  { key: 'gemeente' satisfies AuditSortKey, header: 'Gemeente', value: (l) => l.gemeente },
  { key: 'reason', header: 'Waarom (handeling)', sortable: false, value: (l) => l.reason },
  { key: 'client' satisfies AuditSortKey, header: 'Cliënt', value: (l) => l.clientPseudonym },
  { key: 'subject', header: 'Onderwerp', sortable: false, value: (l) => l.subject },
]

const queryOf = (f: Filter) => {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(f)) if (v.trim() !== '') q.set(k, v.trim())
  return q.toString()
}

export function AuditPage({ me }: { me: Me }) {
  const empty: Filter = { from: '', to: '', action: '', gemeente: '', client: '' }
  const [draft, setDraft] = useState<Filter>(empty)
  const [filter, setFilter] = useState<Filter>(empty)
  const [offset, setOffset] = useState(0)
  // Newest first until a header says otherwise; the server sorts and pages, the export follows the same order.
  const [sort, setSort] = useState<SortState | null>({ key: 'at', direction: 'desc' })
  const sortedQuery = [queryOf(filter), sort ? `sort=${sort.key}&dir=${sort.direction}` : ''].filter(Boolean).join('&')
  const page = useApi<AuditPageAnswer>(`/audit?${sortedQuery}${sortedQuery ? '&' : ''}limit=${PAGE}&offset=${offset}`)
  const gemeenten = useApi<Gemeente[]>(me.gemeenteId === null ? '/gemeenten' : null)
  const set = (key: keyof Filter) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value })
  // The filter applies once its dates are dates; otherwise each date field says what is wrong.
  const action = useAction({ from: 'audit-from', to: 'audit-to' })
  const apply = (e: FormEvent) => {
    e.preventDefault()
    void action.run(
      async () => {
        setFilter(draft)
        setOffset(0)
        return null
      },
      () => ({ ...datumFouten({ from: ['Van (datum)', draft.from], to: ['Tot en met (datum)', draft.to] }), ...(draft.from !== '' && draft.to !== '' && draft.to < draft.from ? { to: 'De einddatum mag niet voor de begindatum liggen.' } : {}) }),
    )
  }
  const data = page.data
  const actions = Object.fromEntries((data?.actions ?? []).map((a) => [a.action, a.reason]))
  return (
    <>
      <Heading1>Inzage in persoonsgegevens</Heading1>
      <Paragraph>
        Wie welke gegevens van een cliënt heeft ingezien, wanneer en bij welke handeling. {me.gemeenteId === null ? 'U ziet de hele regio.' : 'U ziet de inzage in gegevens van inwoners van uw gemeente.'} Cliënten staan hier alleen met hun pseudoniem.
      </Paragraph>
      <ActionResult action={action} />
      <form onSubmit={apply} className="koers-form-row" aria-label="Filter" noValidate>
        <DateField action={action} path="from" label="Van (datum)" value={draft.from} onChange={(from) => setDraft({ ...draft, from })} />
        <DateField action={action} path="to" label="Tot en met (datum)" value={draft.to} onChange={(to) => setDraft({ ...draft, to })} />
        <ChoiceField id="audit-action" label="Handeling" value={draft.action} onChange={set('action')} options={actions} empty="Alle handelingen" />
        {me.gemeenteId === null && (
          <ChoiceField id="audit-gemeente" label="Gemeente" value={draft.gemeente} onChange={set('gemeente')} options={Object.fromEntries((gemeenten.data ?? []).map((g) => [String(g.id), g.name]))} empty="Alle gemeenten" />
        )}
        <Field id="audit-client" label="Cliënt (pseudoniem)">
          <Textbox id="audit-client" value={draft.client} onChange={set('client')} autoComplete="off" />
        </Field>
        <Button type="submit" appearance="primary-action-button">
          Toon
        </Button>
      </form>
      <ActionResult action={action} />
      {page.error && (
        <Paragraph role="alert" className="koers-error">
          {page.error}
        </Paragraph>
      )}
      <DataTable
        caption="Inzage"
        columns={columns}
        rows={data?.lines ?? null}
        rowKey={(l) => l.id}
        empty="Geen inzage gevonden binnen dit filter."
        server={{
          total: data?.total ?? 0,
          offset,
          limit: PAGE,
          sort,
          onSort: (next) => {
            setSort(next)
            setOffset(0)
          },
          onOffset: setOffset,
          downloadHref: (format) => `/api/audit?${sortedQuery}${sortedQuery ? '&' : ''}format=${format}`,
        }}
      />
    </>
  )
}
