import { Button, Heading1, Heading2, Paragraph, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react'
import { type FormEvent, useState } from 'react'
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Dashboard } from '../../../src/budgets/dashboard.queries.ts'
import type { NamedChange } from '../../../src/budgets/budget.routes.ts'
import type { FiguresRow } from '../../../src/budgets/budget-figures.queries.ts'
import type { ProposalRow } from '../../../src/budgets/budget-proposal.queries.ts'
import type { TaakveldRow } from '../../../src/budgets/taakveld.queries.ts'
import { euroToCents } from '../../../src/shared/money.ts'
import { adoptSchema, yearBudgetSchema } from '../../../src/budgets/budget.schema.ts'
import { spreadsheetUploadSchema } from '../../../src/shared/request.schema.ts'
import { type Me, fileBody, may, post } from '../lib/api.ts'
import { ExportLinks } from '../components/ExportLinks.tsx'
import { ChoiceField, FileField, SPREADSHEET_FILES, TextField } from '../components/fields.tsx'
import { ActionResult, useAction, verplicht } from '../hooks/useAction.tsx'
import { formatEuro, formatMoment, formatMonth } from '../lib/format.ts'
import { DataTable } from '../components/DataTable.tsx'
import { useApi } from '../hooks/useApi.ts'
import { chartColor } from '../theme/chart.ts'
import { Table } from '../components/Table.tsx'
import { ChartBox } from '../components/ChartBox.tsx'
import { budgetYears, thisYear } from '../components/YearSelect.tsx'
import { euroTick, budgetLink, FiguresTable } from '../components/BudgetFigures.tsx'

/** `#/budgetten?jaar=…&gemeente=…&segment=…&aanbieder=…&niveau=…` */
export function BudgetPage({ me, query }: { me: Me; query: URLSearchParams }) {
  const year = Number(query.get('jaar') ?? thisYear)
  const niveau = (query.get('niveau') ?? (query.get('aanbieder') ? 'aanbieder' : 'gemeente')) as 'gemeente' | 'aanbieder'
  // The page's own address keeps its Dutch words (`aanbieder`); the API's query parameter is `provider`.
  const filter = ['gemeente', 'segment', 'aanbieder'].filter((k) => query.get(k)).map((k) => `&${k === 'aanbieder' ? 'provider' : k}=${query.get(k)}`).join('')
  const { data: rows, reload } = useApi<FiguresRow[]>(`/budgets/figures?year=${year}&level=${niveau}${filter}`)
  const { data: changes, reload: reloadChanges } = useApi<NamedChange[]>(`/budgets/changes?year=${year}${filter}`)
  // The months come with the dashboard, which a provider does not have.
  const { data: d } = useApi<Dashboard>(may(me, 'dashboard.read') ? `/budgets/dashboard?year=${year}${filter}` : null)
  const canEdit = may(me, 'budget.gemeente.write')
  const title = [query.get('segment') && rows?.[0]?.segment, query.get('gemeente') && rows?.[0]?.gemeente, query.get('aanbieder') && rows?.[0]?.aanbieder].filter(Boolean).join(' · ')
  const go = (over: Record<string, string | number | null>) => {
    const q = new URLSearchParams(query)
    for (const [k, v] of Object.entries(over)) {
      if (v === null) q.delete(k)
      else q.set(k, String(v))
    }
    window.location.hash = `#/budgetten?${q.toString()}`
  }
  const refresh = () => (reload(), reloadChanges())
  return (
    <>
      <Heading1>Budgetten {year}{title ? `: ${title}` : ''}</Heading1>
      <Paragraph className="koers-inline-select">
        <label htmlFor="budget-jaar">Jaar </label>
        <select id="budget-jaar" className="utrecht-select utrecht-select--html-select" value={year} onChange={(e) => go({ jaar: e.target.value })}>
          {budgetYears.map((y) => (
            <option key={y}>{y}</option>
          ))}
        </select>{' '}
        <label htmlFor="budget-niveau">Niveau </label>
        <select id="budget-niveau" className="utrecht-select utrecht-select--html-select" value={niveau} onChange={(e) => go({ niveau: e.target.value })}>
          <option value="gemeente">per gemeente en segment</option>
          <option value="aanbieder">per aanbieder, gemeente en segment</option>
        </select>{' '}
        {filter && <a href={`#/budgetten?jaar=${year}&niveau=${niveau}`}>Alle budgetten tonen</a>}
      </Paragraph>
      {d && (
        <ChartBox className="koers-chart koers-chart--small" kind="series" label="Staafdiagram: gerealiseerd en verplichting per maand, met de prognose">
          <ResponsiveContainer>
            <ComposedChart data={d.maanden.map((m) => ({ maand: formatMonth(m.maand).slice(0, 3), gerealiseerd: m.gerealiseerdCents, verplichting: m.verplichtingCents, prognose: m.prognoseCents }))} margin={{ left: 30, right: 10, top: 10, bottom: 10 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="maand" />
              <YAxis tickFormatter={euroTick} width={90} />
              <Tooltip formatter={(v) => formatEuro(Number(v))} />
              <Legend verticalAlign="top" />
              <Bar isAnimationActive={false} dataKey="verplichting" name="Verplichting" fill={chartColor[3]} />
              <Bar isAnimationActive={false} dataKey="gerealiseerd" name="Gerealiseerd" fill={chartColor[1]} />
              <Line isAnimationActive={false} dataKey="prognose" name="Gerealiseerd + verwacht" stroke={chartColor[2]} />
            </ComposedChart>
          </ResponsiveContainer>
        </ChartBox>
      )}
      {!rows ? (
        <Paragraph>Laden…</Paragraph>
      ) : rows.length === 0 ? (
        <Paragraph>Geen budgetten of uitgaven voor deze keuze.</Paragraph>
      ) : (
        <FiguresTable
          caption={niveau === 'gemeente' ? 'Per gemeente en segment' : 'Per aanbieder, gemeente en segment'}
          rows={rows.map((r) => ({
            key: `${r.gemeenteId}-${r.providerId}-${r.segmentId}`,
            label: niveau === 'gemeente' ? `${r.gemeente} · ${r.segment}` : `${r.aanbieder} · ${r.gemeente} · ${r.segment}`,
            href: niveau === 'gemeente' ? budgetLink({ jaar: year, gemeente: r.gemeenteId, segment: r.segmentId, niveau: 'aanbieder' }) : me.role === 'gemeente' || me.role === 'aanbieder' ? `#/declaraties` : budgetLink({ jaar: year, aanbieder: r.providerId, niveau: 'aanbieder' }),
            f: r,
          }))}
        />
      )}
      <ExportLinks path={`/budgets/figures?year=${year}&level=${niveau}${filter}`} label="Deze cijfers" />
      <Paragraph className="koers-muted">
        Gerealiseerd: goedgekeurde prestaties min creditregels, plus taakgerichte betalingen. Open verplichting: per toewijzing de verplichting in dit jaar min wat erop gerealiseerd is. Prognose: gerealiseerd, plus op de lopende toewijzingen verwacht naar het benuttingspercentage van vorig jaar, plus de verwachte instroom.
      </Paragraph>
      {canEdit && <BudgetForm me={me} year={year} query={query} onDone={refresh} />}
      {may(me, 'budget.provider.write') && <Proposals year={year} onDone={refresh} />}
      {canEdit && <BudgetImport onDone={refresh} />}
      <section aria-labelledby="wijzigingen">
        <Heading2 id="wijzigingen">Wijzigingen</Heading2>
        {!changes ? (
          <Paragraph>Laden…</Paragraph>
        ) : changes.length === 0 ? (
          <Paragraph>Geen wijzigingen in {year}.</Paragraph>
        ) : (
          <DataTable
            caption="Elke wijziging van een budget: wie, wanneer, waarom"
            rows={changes}
            rowKey={(c) => c.id}
            pageSize={20}
            exportName={`budgetwijzigingen-${year}`}
            columns={[
              { key: 'op', header: 'Op', value: (c) => c.op, render: (c) => formatMoment(c.op) },
              { key: 'door', header: 'Door', value: (c) => c.door },
              { key: 'budget', header: 'Budget', value: (c) => [c.aanbieder, c.gemeente, c.segment].filter(Boolean).join(' · ') },
              { key: 'oud', header: 'Oud', kind: 'euro', value: (c) => c.oudCents, render: (c) => (c.oudCents === null ? '–' : formatEuro(c.oudCents)) },
              { key: 'nieuw', header: 'Nieuw', kind: 'euro', value: (c) => c.nieuwCents, render: (c) => formatEuro(c.nieuwCents) },
              { key: 'reden', header: 'Reden', value: (c) => c.reden },
            ]}
          />
        )}
      </section>
      {me.role === 'gemeente' && <Taakvelden year={year} />}
    </>
  )
}

function BudgetForm({ me, year, query, onDone }: { me: Me; year: number; query: URLSearchParams; onDone: () => void }) {
  const { data: region } = useApi<{ gemeenten: { id: number; name: string }[]; segments: { id: number; name: string }[]; providers: { id: number; name: string }[] }>('/region')
  const [soort, setSoort] = useState<'gemeente' | 'aanbieder'>(query.get('aanbieder') ? 'aanbieder' : 'gemeente')
  const [gemeente, setGemeente] = useState(query.get('gemeente') ?? (me.gemeenteId ? String(me.gemeenteId) : ''))
  const [segment, setSegment] = useState(query.get('segment') ?? '')
  const [aanbieder, setAanbieder] = useState(query.get('aanbieder') ?? '')
  const [bedrag, setBedrag] = useState('')
  const [reden, setReden] = useState('')
  const action = useAction({ gemeenteId: 'b-gemeente', segmentId: 'b-segment', providerId: 'b-aanbieder', amountCents: 'b-bedrag', reden: 'b-reden' })
  if (!region) return null
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const cents = euroToCents(bedrag)
    void action.send(
      yearBudgetSchema,
      { soort, gemeenteId: Number(gemeente), providerId: soort === 'aanbieder' ? Number(aanbieder) : null, segmentId: Number(segment), jaar: year, amountCents: cents ?? Number.NaN, reden },
      post<{ oudCents: number | null }>('/budgets/year'),
      (r) => {
        setBedrag('')
        setReden('')
        onDone()
        return `Budget ${year} vastgelegd: ${formatEuro(cents!)}${r.oudCents === null ? '' : ` (was ${formatEuro(r.oudCents)})`}.`
      },
      () => ({
        ...(gemeente === '' ? { gemeenteId: 'Kies een gemeente.' } : {}),
        ...(segment === '' ? { segmentId: 'Kies een segment.' } : {}),
        ...(soort === 'aanbieder' && aanbieder === '' ? { providerId: 'Kies een aanbieder.' } : {}),
        ...verplicht({ amountCents: ['het bedrag', bedrag], reden: ['de reden', reden] }),
        ...(bedrag.trim() !== '' && (cents === null || cents < 0) ? { amountCents: `'${bedrag}' is geen bedrag in euro's (bijvoorbeeld 1.250.000 of 1250000,00).` } : {}),
      }),
    )
  }
  const options = (xs: { id: number; name: string }[]) => Object.fromEntries(xs.map((x) => [String(x.id), x.name]))
  return (
    <section aria-labelledby="budget-wijzigen">
      <Heading2 id="budget-wijzigen">Budget {year} vastleggen of wijzigen</Heading2>
      <ActionResult action={action} />
      <form onSubmit={submit} noValidate>
        <div className="koers-form-grid">
          <ChoiceField id="b-soort" label="Soort" value={soort} onChange={(e) => setSoort(e.target.value as 'gemeente' | 'aanbieder')} options={may(me, 'budget.provider.write') ? { gemeente: 'Gemeentebudget per segment', aanbieder: 'Geraamd budget per aanbieder' } : { gemeente: 'Gemeentebudget per segment' }} />
          <ChoiceField id="b-gemeente" label="Gemeente" action={action} path="gemeenteId" value={gemeente} onChange={(e) => setGemeente(e.target.value)} options={options(me.gemeenteId ? region.gemeenten.filter((g) => g.id === me.gemeenteId) : region.gemeenten)} empty="Kies een gemeente" required />
          <ChoiceField id="b-segment" label="Segment" action={action} path="segmentId" value={segment} onChange={(e) => setSegment(e.target.value)} options={options(region.segments)} empty="Kies een segment" required />
          {soort === 'aanbieder' && <ChoiceField id="b-aanbieder" label="Aanbieder" action={action} path="providerId" value={aanbieder} onChange={(e) => setAanbieder(e.target.value)} options={options(region.providers)} empty="Kies een aanbieder" required />}
          <TextField action={action} path="amountCents" label="Bedrag (€)" required inputMode="decimal" value={bedrag} onChange={setBedrag} />
          <TextField action={action} path="reden" label="Reden" required value={reden} onChange={setReden} />
        </div>
        <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
          Vastleggen
        </Button>
      </form>
    </section>
  )
}

function Proposals({ year, onDone }: { year: number; onDone: () => void }) {
  const { data: rows, reload } = useApi<ProposalRow[]>(`/budgets/proposal?year=${year}`)
  const action = useAction()
  const adopt = () =>
    void action.send(adoptSchema, { jaar: year }, post<{ changed: number }>('/budgets/proposal/adopt'), (r) => {
      reload()
      onDone()
      return `${r.changed} aanbiedersbudget(ten) overgenomen uit het voorstel.`
    })
  const differing = rows?.filter((r) => r.huidigCents !== r.voorstelCents) ?? []
  return (
    <section aria-labelledby="voorstel">
      <Heading2 id="voorstel">Voorstel aanbiedersbudgetten {year}</Heading2>
      <Paragraph>
        Elke aanbieder krijgt zijn aandeel in de realisatie van {year - 1} in het segment en de gemeente, toegepast op het gemeentebudget van {year} (seed 004 §5.6: "Op basis van historische gegevens berekenen we hoeveel middelen we per segment en per aanbieder reserveren").
      </Paragraph>
      {!rows ? (
        <Paragraph>Laden…</Paragraph>
      ) : rows.length === 0 ? (
        <Paragraph>Geen realisatie in {year - 1} om een voorstel op te baseren.</Paragraph>
      ) : (
        <>
          <Paragraph>
            {differing.length} van {rows.length} voorstellen wijken af van het huidige budget.{' '}
            {differing.length > 0 && (
              <Button appearance="secondary-action-button" onClick={adopt} disabled={action.busy}>
                Voorstel overnemen
              </Button>
            )}
          </Paragraph>
          <ExportLinks path={`/budgets/proposal?year=${year}`} label="Het voorstel" />
        </>
      )}
      <ActionResult action={action} />
    </section>
  )
}

function BudgetImport({ onDone }: { onDone: () => void }) {
  const action = useAction({ csv: 'budget-bestand' }, { field: 'csv' })
  const upload = (file: File) =>
    void fileBody(file).then((body) => action.send(spreadsheetUploadSchema, body, post<{ rows: number; changed: number }>('/budgets/import'), (r) => {
      onDone()
      return `${r.rows} regel(s) gelezen, ${r.changed} budget(ten) gewijzigd.`
    }))
  return (
    <section aria-labelledby="budget-import">
      <Heading2 id="budget-import">Gemeentebudgetten inlezen</Heading2>
      <Paragraph>
        Een CSV- of Excel-bestand met de kolommen <code>gemeente; segment; jaar; bedrag; reden</code> (gemeente als CBS-code of naam, segment als code of naam). Alle regels of geen: een fout noemt de regel.
      </Paragraph>
      <FileField action={action} path="csv" id="budget-bestand" label="Bestand met budgetten (CSV of Excel)" accept={SPREADSHEET_FILES} onFile={upload} disabled={action.busy} />
      <ActionResult action={action} />
    </section>
  )
}

function Taakvelden({ year }: { year: number }) {
  const { data: rows } = useApi<TaakveldRow[]>(`/budgets/taakvelden?year=${year}`)
  return (
    <section aria-labelledby="taakvelden">
      <Heading2 id="taakvelden">Per Iv3-taakveld</Heading2>
      {rows && (
        <Table>
          <TableCaption>Om af te stemmen met de eigen administratie ({year})</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Taakveld</TableHeaderCell>
              <TableHeaderCell className="koers-num">Budget</TableHeaderCell>
              <TableHeaderCell className="koers-num">Gerealiseerd</TableHeaderCell>
              <TableHeaderCell className="koers-num">Verplichting</TableHeaderCell>
              <TableHeaderCell className="koers-num">Open</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={`${r.gemeenteId}-${r.taakveld}`}>
                <TableCell>{r.taakveldNaam ? `${r.taakveld} ${r.taakveldNaam}` : r.taakveld === 'onbekend' ? 'Geen taakveld (segment zonder taakveld)' : r.taakveld}</TableCell>
                <TableCell className="koers-num">{formatEuro(r.budgetCents)}</TableCell>
                <TableCell className="koers-num">{formatEuro(r.gerealiseerdCents)}</TableCell>
                <TableCell className="koers-num">{formatEuro(r.verplichtingCents)}</TableCell>
                <TableCell className="koers-num">{formatEuro(r.openCents)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ExportLinks path={`/budgets/taakvelden?year=${year}`} label="Totalen per taakveld" />
    </section>
  )
}
