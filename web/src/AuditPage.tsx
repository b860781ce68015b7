/**
 * Inzage in persoonsgegevens (issue 17 §3): for the privacy officer, who read which client's
 * data, when and why — the region's team all of the region, a gemeente its residents. Filter by
 * period, handeling, gemeente and client (pseudonym); the export holds every line of the filter.
 */
import { Button, Heading1, Paragraph, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow, Textbox } from '@utrecht/component-library-react'
import { type FormEvent, useState } from 'react'
import type { AuditLine } from '../../src/auth/audit.queries.ts'
import type { Me } from './api.ts'
import { ExportLinks } from './DeclaratiesPages.tsx'
import { ChoiceField, Field } from './fields.tsx'
import { formatCount, formatMoment } from './format.ts'
import { useApi } from './useApi.ts'
import { Table } from './Table.tsx'

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
  const query = queryOf(filter)
  const page = useApi<AuditPageAnswer>(`/audit?${query}${query ? '&' : ''}limit=${PAGE}&offset=${offset}`)
  const gemeenten = useApi<Gemeente[]>(me.gemeenteId === null ? '/gemeenten' : null)
  const set = (key: keyof Filter) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value })
  const apply = (e: FormEvent) => {
    e.preventDefault()
    setFilter(draft)
    setOffset(0)
  }
  const data = page.data
  const actions = Object.fromEntries((data?.actions ?? []).map((a) => [a.action, a.reason]))
  return (
    <>
      <Heading1>Inzage in persoonsgegevens</Heading1>
      <Paragraph>
        Wie welke gegevens van een cliënt heeft ingezien, wanneer en bij welke handeling. {me.gemeenteId === null ? 'U ziet de hele regio.' : 'U ziet de inzage in gegevens van inwoners van uw gemeente.'} Cliënten staan hier alleen met hun pseudoniem.
      </Paragraph>
      <form onSubmit={apply} className="koers-form-row" aria-label="Filter">
        <Field id="audit-from" label="Van (datum)">
          <Textbox id="audit-from" type="date" value={draft.from} onChange={set('from')} />
        </Field>
        <Field id="audit-to" label="Tot en met (datum)">
          <Textbox id="audit-to" type="date" value={draft.to} onChange={set('to')} />
        </Field>
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
      {page.error && (
        <Paragraph role="alert" className="koers-error">
          {page.error}
        </Paragraph>
      )}
      {data === null && !page.error && <Paragraph>Laden…</Paragraph>}
      {data && (
        <>
          <Paragraph aria-live="polite">
            {data.total === 0 ? 'Geen inzage gevonden binnen dit filter.' : `${formatCount(data.total)} regels; regel ${formatCount(data.offset + 1)} tot en met ${formatCount(data.offset + data.lines.length)}.`}
          </Paragraph>
          <Table>
            <TableCaption>Inzage, nieuwste eerst</TableCaption>
            <TableHeader>
              <TableRow>
                {['Tijdstip', 'Gebruiker', 'Rol', 'Gemeente', 'Waarom (handeling)', 'Cliënt', 'Onderwerp'].map((h) => (
                  <TableHeaderCell key={h} scope="col">
                    {h}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.lines.map((l) => (
                <TableRow key={l.id}>
                  <TableCell>{formatMoment(l.at, { seconds: true })}</TableCell>
                  <TableCell>{l.userName ?? 'onbekend'}</TableCell>
                  <TableCell>{l.role ? roleLabels[l.role] : '–'}</TableCell>
                  <TableCell>{l.gemeente ?? '–'}</TableCell>
                  <TableCell>{l.reason}</TableCell>
                  <TableCell>{l.clientPseudonym ?? '–'}</TableCell>
                  <TableCell>{l.subject}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <div className="koers-pager">
            <Button appearance="secondary-action-button" disabled={data.offset === 0} onClick={() => setOffset(Math.max(0, data.offset - PAGE))}>
              Vorige
            </Button>
            <Button appearance="secondary-action-button" disabled={data.offset + data.lines.length >= data.total} onClick={() => setOffset(data.offset + PAGE)}>
              Volgende
            </Button>
          </div>
          <ExportLinks path={`/audit${query ? `?${query}` : ''}`} label="Alle regels van dit filter" />
        </>
      )}
    </>
  )
}
