import {
  Alert,
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Heading3,
  Link,
  Paragraph,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react'
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { BudgetOverview } from '../../../src/budgets/budget.queries.ts'
import type { ClientCount } from '../../../src/clients/client.queries.ts'
import type { Contract } from '../../../src/contracts/contract.queries.ts'
import type { Product } from '../../../src/products/product.queries.ts'
import type { Combination, Provider } from '../../../src/providers/provider.queries.ts'
import type { Gemeente, Region } from '../../../src/regions/region.queries.ts'
import type { Segment } from '../../../src/segments/segment.queries.ts'
import { contractMaxWinstSchema } from '../../../src/contracts/contract.schema.ts'
import { type Me, api, foutTekst, may, post } from '../lib/api.ts'
import { ActionResult, useAction } from '../hooks/useAction.tsx'
import { TextField } from '../components/fields.tsx'
import { HuisstijlForm } from '../components/Huisstijl.tsx'
import { instrumentLines, instrumentNames, wetLabel } from '../lib/instruments.ts'
import { formatCount, formatDate, formatEuro, formatEuroCents, formatNumber, formatPercent } from '../lib/format.ts'
import { DataTable } from '../components/DataTable.tsx'
import { chartColor } from '../theme/chart.ts'
import { Table } from '../components/Table.tsx'
import { ChartBox } from '../components/ChartBox.tsx'

type GemeenteBudgetRow = BudgetOverview['gemeenteBudgets'][number]

interface Overview {
  region: Region
  year: number
  gemeenten: Gemeente[]
  clientCounts: ClientCount[]
  segments: Segment[]
  products: Product[]
  providers: Provider[]
  combinations: Combination[]
  contracts: Contract[]
  budgets: BudgetOverview | null
}

const eenheidLabel: Record<string, string> = { '01': 'minuut', '04': 'uur', '14': 'etmaal', '16': 'dagdeel', '82': 'stuk (output)', '83': 'euro', '84': 'stuk' }

export function RegionPage({ me }: { me: Me }) {
  const [overview, setOverview] = useState<Overview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [year, setYear] = useState(2027)

  const load = useCallback(() => {
    api<Overview>(`/region?year=${year}`).then(setOverview, (e: unknown) => setError(foutTekst(e)))
  }, [year])
  useEffect(load, [load])

  if (error) {
    return (
      <Alert type="error" role="alert">
        <Paragraph>{error}</Paragraph>
      </Alert>
    )
  }
  if (!overview) return <Paragraph>Regio laden…</Paragraph>
  return <RegionView overview={overview} me={me} year={year} onYear={setYear} onChanged={load} />
}

function RegionView({ overview, me, year, onYear, onChanged }: { overview: Overview; me: Me; year: number; onYear: (y: number) => void; onChanged: () => void }) {
  const segmentName = useMemo(() => new Map(overview.segments.map((s) => [s.id, s.name])), [overview])
  const gemeenteName = useMemo(() => new Map(overview.gemeenten.map((g) => [g.id, g.name])), [overview])
  const providerName = useMemo(() => new Map(overview.providers.map((p) => [p.id, p.name])), [overview])
  const clients = new Map(overview.clientCounts.map((c) => [c.gemeenteId, c.clients]))

  return (
    <>
      <Heading1>Regio {overview.region.name}</Heading1>
      <Paragraph>
        {overview.gemeenten.length} gemeenten · {overview.segments.length} segmenten · {overview.contracts.length} contracten
        {me.providerId === null ? ` · ${overview.providers.length} aanbieders` : ''}
      </Paragraph>

      <HuisstijlForm me={me} />

      <section aria-labelledby="gemeenten">
        <Heading2 id="gemeenten">Gemeenten</Heading2>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Gemeente</TableHeaderCell>
              <TableHeaderCell>CBS-code</TableHeaderCell>
              <TableHeaderCell className="koers-num">Inwoners</TableHeaderCell>
              {overview.clientCounts.length > 0 && <TableHeaderCell className="koers-num">Cliënten</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {overview.gemeenten.map((g) => (
              <TableRow key={g.id}>
                <TableCell>{g.name}</TableCell>
                <TableCell>{g.cbsCode}</TableCell>
                <TableCell className="koers-num">{formatCount(g.population)}</TableCell>
                {overview.clientCounts.length > 0 && <TableCell className="koers-num">{clients.has(g.id) ? formatCount(clients.get(g.id)!) : '–'}</TableCell>}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>

      {overview.budgets && <Budgets budgets={overview.budgets} year={year} onYear={onYear} segmentName={segmentName} gemeenteName={gemeenteName} providerName={providerName} />}

      <section aria-labelledby="segmenten">
        <Heading2 id="segmenten">Segmenten en hun instrumenten</Heading2>
        <div className="koers-grid">
          {overview.segments.map((s) => (
            <article key={s.id} className="koers-card" aria-labelledby={`segment-${s.id}`}>
              <Heading3 id={`segment-${s.id}`}>
                <Link href={`#/segmenten/${s.id}`}>{s.name}</Link> <span className="koers-muted">· {wetLabel[s.wet]}</span>
              </Heading3>
              {s.parentId !== null && <Paragraph className="koers-muted">Subsegment van {segmentName.get(s.parentId)}</Paragraph>}
              <Paragraph>{s.description}</Paragraph>
              <DataList>
                {Object.entries(instrumentLines(s)).map(([key, line]) => (
                  <DataListItem key={key}>
                    <DataListKey>{instrumentNames[key as keyof typeof instrumentNames]}</DataListKey>
                    <DataListValue>{line}</DataListValue>
                  </DataListItem>
                ))}
              </DataList>
              <ProductList products={overview.products.filter((p) => p.segmentId === s.id)} year={year} />
            </article>
          ))}
        </div>
      </section>

      <section aria-labelledby="contracten">
        <Heading2 id="contracten">Contracten en aanbieders</Heading2>
        {overview.contracts.map((c) => (
          <div key={c.id}>
            <Heading3>
              {c.name} ({c.reference})
            </Heading3>
            <Paragraph>
              Looptijd {[c.initialYears, ...c.extensionOptions].join('+')} jaar: {formatDate(c.startDate)} tot en met {formatDate(c.endDate)}
              {c.endDate !== c.maxEndDate && ` (uiterlijk ${formatDate(c.maxEndDate)} met verlengingen)`}.
              {c.extensions.length > 0 && ` Verlengingsbesluiten: ${c.extensions.map((e) => `optie ${e.optionNumber} ${e.decision === 'verlengd' ? 'verlengd' : 'niet verlengd'} op ${formatDate(e.decidedOn)}`).join('; ')}.`}
              {` Maximale winst: ${c.maxWinstPct === null ? 'geen eigen maximum, de regio-instelling geldt' : formatPercent(c.maxWinstPct, 1, true)}.`}
            </Paragraph>
            {may(me, 'strategy.write') && <ContractMaxWinstForm contract={c} onDone={onChanged} />}
            <Table>
              <TableCaption>Percelen van {c.reference}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Segment (perceel)</TableHeaderCell>
                  <TableHeaderCell>Gecontracteerde aanbieders</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {c.lots.map((l) => (
                  <TableRow key={l.id}>
                    <TableCell>{segmentName.get(l.segmentId)}</TableCell>
                    <TableCell>{l.awards.length === 0 ? '–' : l.awards.map((a) => providerName.get(a.providerId) ?? `aanbieder ${a.providerId}`).join(', ')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        ))}
        {overview.combinations.length > 0 && (
          <>
            <Heading3>Combinaties</Heading3>
            <ul>
              {overview.combinations.map((c) => (
                <li key={c.id}>
                  {c.name}: hoofdaannemer {providerName.get(c.leadProviderId)}, onderaannemers {c.memberProviderIds.map((id) => providerName.get(id)).join(', ')}
                </li>
              ))}
            </ul>
          </>
        )}
        <DataTable
          caption="Aanbieders"
          rows={overview.providers}
          rowKey={(p) => p.id}
          exportName="aanbieders"
          columns={[
            { key: 'naam', header: 'Naam', value: (p) => p.name },
            { key: 'agb', header: 'AGB-code', value: (p) => p.agbCode },
            { key: 'kvk', header: 'KvK-nummer', value: (p) => p.kvkNumber },
          ]}
        />
      </section>
    </>
  )
}

function ProductList({ products, year }: { products: Product[]; year: number }) {
  if (products.length === 0) return null
  return (
    <Table>
      <TableCaption>Producten en tarief {year}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Product</TableHeaderCell>
          <TableHeaderCell>Code</TableHeaderCell>
          <TableHeaderCell className="koers-num">Tarief</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {products.map((p) => {
          const tariff = p.tariffs.find((t) => t.validFrom <= `${year}-12-31` && t.validTo >= `${year}-01-01`)
          return (
            <TableRow key={p.id}>
              <TableCell>{p.name}</TableCell>
              <TableCell>
                {p.productcategorie}
                {p.productcode ?? ''}
              </TableCell>
              <TableCell className="koers-num">
                {p.variant === 'taakgericht' ? 'taakgericht' : tariff ? `${formatEuroCents(tariff.amountCents)} / ${eenheidLabel[p.eenheid ?? ''] ?? ''}` : '–'}
              </TableCell>
            </TableRow>
          )
        })}
      </TableBody>
    </Table>
  )
}

function Budgets({
  budgets,
  year,
  onYear,
  segmentName,
  gemeenteName,
  providerName,
}: {
  budgets: BudgetOverview
  year: number
  onYear: (y: number) => void
  segmentName: Map<number, string>
  gemeenteName: Map<number, string>
  providerName: Map<number, string>
}) {
  const chartData = budgets.regionalTotals.map((t) => ({ segment: segmentName.get(t.segmentId) ?? String(t.segmentId), euro: Math.round(t.amountCents / 100) }))
  const regionalTotal = budgets.regionalTotals.reduce((s, t) => s + t.amountCents, 0)
  const providerTotals = new Map<number, number>()
  for (const b of budgets.providerBudgets) providerTotals.set(b.providerId, (providerTotals.get(b.providerId) ?? 0) + b.amountCents)
  const providerRows = [...providerTotals.entries()].map(([id, amount]) => ({ id, amount }))

  return (
    <section aria-labelledby="budgetten">
      <Heading2 id="budgetten">Budgetten {year}</Heading2>
      <Paragraph>
        <label htmlFor="budget-year">Jaar </label>
        <select id="budget-year" className="utrecht-select utrecht-select--html-select" value={year} onChange={(e) => onYear(Number(e.target.value))}>
          {[2026, 2027].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </Paragraph>
      {budgets.regionalTotals.length === 0 ? (
        <Paragraph>Voor {year} zijn nog geen budgetten vastgelegd.</Paragraph>
      ) : (
        <>
          <Paragraph>Regionaal budget {year}: {formatEuro(regionalTotal)}, verdeeld over de segmenten.</Paragraph>
          <ChartBox className="koers-chart" kind="categories" label={`Staafdiagram van het regionale budget per segment in ${year}`}>
            <ResponsiveContainer>
              <BarChart data={chartData} margin={{ left: 30, right: 10, top: 10, bottom: 70 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="segment" angle={-25} textAnchor="end" interval={0} height={80} tick={{ fontSize: 12 }} />
                <YAxis tickFormatter={(v: number) => `€ ${formatNumber(v / 1_000_000, 1, true)} mln`} />
                <Tooltip formatter={(v) => formatEuro(Number(v) * 100)} />
                <Legend />
                <Bar dataKey="euro" name="Budget" fill={chartColor[1]} />
              </BarChart>
            </ResponsiveContainer>
          </ChartBox>
        </>
      )}
      {budgets.gemeenteBudgets.length > 0 && (
        <DataTable
          key={`gemeente-${year}`}
          caption={`Budget per gemeente en segment (${year})`}
          columns={[
            { key: 'gemeente', header: 'Gemeente', value: (b: GemeenteBudgetRow) => gemeenteName.get(b.gemeenteId) ?? String(b.gemeenteId) },
            { key: 'segment', header: 'Segment', value: (b: GemeenteBudgetRow) => segmentName.get(b.segmentId) ?? String(b.segmentId) },
            { key: 'budget', header: 'Budget', kind: 'euro', total: true, value: (b: GemeenteBudgetRow) => b.amountCents, render: (b: GemeenteBudgetRow) => formatEuro(b.amountCents) },
          ]}
          rows={budgets.gemeenteBudgets}
          rowKey={(b) => `${b.gemeenteId}-${b.segmentId}-${b.validFrom}`}
          exportName={`budget-per-gemeente-en-segment-${year}`}
        />
      )}
      {providerRows.length > 0 && (
        <DataTable
          key={`aanbieder-${year}`}
          caption={`Geraamd budget per aanbieder (${year})`}
          columns={[
            { key: 'aanbieder', header: 'Aanbieder', value: (r: { id: number; amount: number }) => providerName.get(r.id) ?? `aanbieder ${r.id}` },
            { key: 'budget', header: `Budget ${year}`, kind: 'euro', total: true, value: (r: { id: number; amount: number }) => r.amount, render: (r: { id: number; amount: number }) => formatEuro(r.amount) },
          ]}
          rows={providerRows}
          rowKey={(r) => r.id}
          initialSort={{ key: 'budget', direction: 'desc' }}
          exportName={`geraamd-budget-per-aanbieder-${year}`}
        />
      )}
    </section>
  )
}

/** A contract's own profit maximum (issue 21, ADR 0037); empty: the region's setting applies. */
function ContractMaxWinstForm({ contract, onDone }: { contract: Contract; onDone: () => void }) {
  const [value, setValue] = useState(contract.maxWinstPct === null ? '' : String(contract.maxWinstPct).replace('.', ','))
  const id = `contract-winst-${contract.id}`
  const action = useAction({ maxWinstPct: id })
  const save = (e: FormEvent) => {
    e.preventDefault()
    const typed = value.trim()
    const pct = typed === '' ? null : Number(typed.replace(',', '.'))
    void action.send(
      contractMaxWinstSchema,
      { contractId: contract.id, maxWinstPct: pct },
      post('/contracts/max-winst'),
      () => {
        onDone()
        return pct === null ? `${contract.reference} heeft geen eigen maximum meer: de regio-instelling geldt.` : `De maximale winst van ${contract.reference} is ${formatPercent(pct, 1, true)}; de integriteitssignalen worden bijgewerkt.`
      },
      (): Record<string, string> => (pct !== null && Number.isNaN(pct) ? { maxWinstPct: `'${typed}' is geen percentage; vul een getal in, bijvoorbeeld 5 of 7,5.` } : {}),
    )
  }
  return (
    <form onSubmit={save} noValidate aria-label={`Maximale winst ${contract.reference}`} className="koers-form-row">
      <TextField action={action} path="maxWinstPct" id={id} label={`Maximale winst ${contract.reference} (% van de omzet; leeg: regio-instelling)`} inputMode="decimal" value={value} onChange={setValue} />
      <Button type="submit" appearance="secondary-action-button" disabled={action.busy}>
        Maximum vastleggen
      </Button>
      <ActionResult action={action} />
    </form>
  )
}
