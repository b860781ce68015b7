/**
 * The chain deadlines (docs/termijnen.md) on the signals pages: the running and passed
 * deadlines of the iJw/iWmo exchange in the user's scope, and per provider and per gemeente
 * the share met over a period. No client data: a deadline names a toewijzing, a request or a
 * message, and for the region not even that.
 */
import { Heading2, Heading3, Paragraph, StatusBadge, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow, Textbox } from '@utrecht/component-library-react'
import { type ChangeEvent, useState } from 'react'
import type { TermijnRij, TermijnScoreRij } from '../../../src/termijnen/termijn.queries.ts'
import type { TermijnRegel, TermijnSoort, TermijnStatus } from '../../../src/termijnen/termijn.rules.ts'
import { ChoiceField, Field } from './fields.tsx'
import { formatCount, formatDate } from '../lib/format.ts'
import { useApi } from '../hooks/useApi.ts'
import { Table } from './Table.tsx'
import { DataTable } from './DataTable.tsx'

const statusLabel: Record<TermijnStatus, string> = { loopt: 'loopt', bijna: 'bijna verlopen', verlopen: 'verlopen', op_tijd: 'op tijd', te_laat: 'te laat' }
/** The colours of koers.css' existing states: green met, yellow nearly due, red passed or late. */
const statusBadge: Record<TermijnStatus, string> = { loopt: 'neutral', bijna: 'warning', verlopen: 'danger', op_tijd: 'success', te_laat: 'danger' }
const partijLabel = { gemeente: 'gemeente', aanbieder: 'aanbieder' } as const

interface OpenTermijnen {
  peildatum: string
  aantallen: { soort: TermijnSoort; status: TermijnStatus; aantal: number }[]
  termijnen: TermijnRij[]
}
interface Scores {
  van: string
  tot: string
  aanbieders: TermijnScoreRij[]
  gemeenten: TermijnScoreRij[]
}

/** The server answers the most urgent deadlines first, up to a limit; the caption says when the counts above hold more. */
const cut = (open: OpenTermijnen): string => {
  const total = open.aantallen.reduce((sum, a) => sum + a.aantal, 0)
  return total > open.termijnen.length ? ` (de ${formatCount(open.termijnen.length)} die het eerst aflopen, van ${formatCount(total)})` : ''
}

const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Amsterdam' })

export function TermijnenSection() {
  const { data: regels } = useApi<TermijnRegel[]>('/termijnen/rules')
  const [status, setStatus] = useState('')
  const [soort, setSoort] = useState('')
  const query = new URLSearchParams({ ...(status && { status }), ...(soort && { kind: soort }) }).toString()
  const open = useApi<OpenTermijnen>(`/termijnen${query ? `?${query}` : ''}`)
  const naam = (s: TermijnSoort | 'alle') => (s === 'alle' ? 'Alle termijnen' : (regels?.find((r) => r.soort === s)?.naam ?? s))
  return (
    <section aria-labelledby="termijnen">
      <Heading2 id="termijnen">Termijnen</Heading2>
      <Paragraph>
        De ketentermijnen van de iStandaarden, in werkdagen (weekend en feestdagen tellen niet mee): de aanbieder stuurt de start (305) en stop (307) binnen 5 werkdagen (OP271, OP272); de gemeente antwoordt op een verzoek binnen 5 werkdagen (OP274, OP346), na "in onderzoek" binnen 8 weken na de dagtekening van het verzoek, bij het woonplaatsbeginsel binnen 2 weken (OP359); een retourbericht binnen 3 werkdagen (OP090) en een declaratie-antwoord binnen 10 werkdagen (OP090x4).
      </Paragraph>
      <div className="koers-form-row">
        <ChoiceField id="termijn-status" label="Status van de termijn" value={status} onChange={(e) => setStatus(e.target.value)} options={{ '': 'lopend en verlopen', loopt: statusLabel.loopt, bijna: statusLabel.bijna, verlopen: statusLabel.verlopen }} />
        <ChoiceField id="termijn-soort" label="Soort termijn" value={soort} onChange={(e) => setSoort(e.target.value)} options={{ '': 'alle', ...Object.fromEntries((regels ?? []).map((r) => [r.soort, `${r.naam} — ${r.regel}`])) }} />
      </div>
      {open.error ? (
        <Paragraph>{open.error}</Paragraph>
      ) : !open.data ? (
        <Paragraph>Termijnen laden…</Paragraph>
      ) : open.data.termijnen.length === 0 ? (
        <Paragraph>Geen lopende of verlopen termijnen.</Paragraph>
      ) : (
        <>
          <Paragraph className="koers-muted">
            {open.data.aantallen
              .sort((a, b) => naam(a.soort).localeCompare(naam(b.soort)) || a.status.localeCompare(b.status))
              .map((a) => `${naam(a.soort)}: ${a.aantal} ${statusLabel[a.status]}`)
              .join(' · ')}
          </Paragraph>
          <DataTable
            caption={`Lopende termijnen en termijnen die in de laatste 120 dagen verliepen, op ${formatDate(open.data.peildatum)}${cut(open.data)}`}
            // The region sees deadlines without a kenmerk: a row is known by its place in the answer.
            rows={open.data.termijnen.map((t, plaats) => ({ ...t, plaats }))}
            rowKey={(t) => t.plaats}
            exportName="termijnen"
            initialSort={{ key: 'uiterlijk', direction: 'asc' }}
            columns={[
              { key: 'termijn', header: 'Termijn', value: (t) => `${t.naam} (${t.regel})`, render: (t) => <>{t.naam} <span className="koers-muted">({t.regel})</span></> },
              { key: 'van', header: 'Van', value: (t) => partijLabel[t.partij] },
              { key: 'gemeente', header: 'Gemeente', value: (t) => t.gemeente },
              { key: 'aanbieder', header: 'Aanbieder', value: (t) => t.aanbieder },
              { key: 'kenmerk', header: 'Kenmerk', value: (t) => t.referentie ?? null },
              { key: 'gebeurtenis', header: 'Gebeurtenis', value: (t) => t.gebeurtenis, render: (t) => formatDate(t.gebeurtenis) },
              { key: 'uiterlijk', header: 'Uiterlijk', value: (t) => t.deadline, render: (t) => formatDate(t.deadline) },
              { key: 'status', header: 'Status', value: (t) => statusLabel[t.status], render: (t) => <StatusBadge status={statusBadge[t.status]}>{statusLabel[t.status]}</StatusBadge> },
            ]}
          />
        </>
      )}
      <ScoreTables naam={naam} />
    </section>
  )
}

function ScoreTables({ naam }: { naam: (s: TermijnSoort | 'alle') => string }) {
  const [van, setVan] = useState(`${today().slice(0, 4)}-01-01`)
  const [tot, setTot] = useState(today)
  const { data, error } = useApi<Scores>(van && tot && van <= tot ? `/termijnen/score?from=${van}&to=${tot}` : null)
  return (
    <>
      <Heading3>Termijnen gehaald</Heading3>
      <div className="koers-form-row">
        <Field id="termijn-van" label="Uiterlijk vanaf">
          <Textbox id="termijn-van" type="date" value={van} onChange={(e: ChangeEvent<HTMLInputElement>) => setVan(e.target.value)} />
        </Field>
        <Field id="termijn-tot" label="tot en met">
          <Textbox id="termijn-tot" type="date" value={tot} onChange={(e: ChangeEvent<HTMLInputElement>) => setTot(e.target.value)} />
        </Field>
      </div>
      {error && <Paragraph>{error}</Paragraph>}
      {data && (
        <>
          <ScoreTable caption={`Per aanbieder: de eigen termijnen die tussen ${formatDate(data.van)} en ${formatDate(data.tot)} afliepen`} who="Aanbieder" rows={data.aanbieders} naam={naam} />
          <ScoreTable caption={`Per gemeente: de eigen termijnen die tussen ${formatDate(data.van)} en ${formatDate(data.tot)} afliepen`} who="Gemeente" rows={data.gemeenten} naam={naam} />
          <Paragraph className="koers-muted">Minder dan 5 termijnen tonen we als "&lt; 5", zonder percentage.</Paragraph>
        </>
      )}
    </>
  )
}

function ScoreTable({ caption, who, rows, naam }: { caption: string; who: string; rows: TermijnScoreRij[]; naam: (s: TermijnSoort | 'alle') => string }) {
  if (rows.length === 0) return <Paragraph>{caption}: geen.</Paragraph>
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{who}</TableHeaderCell>
          <TableHeaderCell>Termijn</TableHeaderCell>
          <TableHeaderCell>Afgelopen</TableHeaderCell>
          <TableHeaderCell>Gehaald</TableHeaderCell>
          <TableHeaderCell>Percentage gehaald</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={`${r.partijId}-${r.soort}`}>
            <TableCell>{r.soort === 'alle' ? <strong>{r.naam}</strong> : ''}</TableCell>
            <TableCell>{r.soort === 'alle' ? <strong>{naam(r.soort)}</strong> : naam(r.soort)}</TableCell>
            <TableCell>{formatCount(r.termijnen)}</TableCell>
            <TableCell>{formatCount(r.gehaald)}</TableCell>
            <TableCell>{r.percentage === null ? '–' : `${r.percentage} %`}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
