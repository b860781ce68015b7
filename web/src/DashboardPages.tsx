/**
 * The regional dashboard, the budgets with their live figures, and the budget signals
 * (issue 6). Every figure links to what makes it up; every list exports to CSV and XLSX.
 */
import { Button, Heading1, Heading2, Paragraph, StatusBadge, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea } from '@utrecht/component-library-react'
import { type ChangeEvent, type FormEvent, type ReactNode, useEffect, useState } from 'react'
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Dashboard } from '../../src/budgets/dashboard.queries.ts'
import type { NamedChange } from '../../src/budgets/budget.routes.ts'
import type { FiguresRow } from '../../src/budgets/budget-figures.queries.ts'
import type { BudgetSignal } from '../../src/budgets/signal.queries.ts'
import type { ProposalRow } from '../../src/budgets/budget-proposal.queries.ts'
import type { TaakveldRow } from '../../src/budgets/taakveld.queries.ts'
import { evidenceLines } from '../../src/budgets/signal-evidence.ts'
import { kpiByCode } from '../../src/kpis/kpi.rules.ts'
import { euroToCents } from '../../src/shared/money.ts'
import { type Me, api, fileBody, may } from './api.ts'
import { ExportLinks } from './components/ExportLinks.tsx'
import { ChoiceField, Field, TextField, fieldState } from './fields.tsx'
import { ActionResult, useAction, verplicht } from './useAction.tsx'
import { formatCount, formatDate, formatEuro, formatMoment, formatMomentDate, formatMonth, formatNumber, formatPercent } from './format.ts'
import { TermijnenSection } from './TermijnenSection.tsx'
import { DataTable, type DataColumn } from './components/DataTable.tsx'
import { useApi } from './useApi.ts'
import { chartColor } from './theme/chart.ts'
import { Table } from './Table.tsx'
import { ChartBox } from './ChartBox.tsx'

const thisYear = new Date().getFullYear()
const years = [thisYear - 1, thisYear, thisYear + 1]
const pct = (p: number | null) => (p === null ? '–' : formatPercent(p))
const mln = (cents: number) => `€ ${formatNumber(cents / 100_000_000, 1, true)} mln`
const euroTick = (cents: number) => (Math.abs(cents) >= 100_000_000 ? mln(cents) : `€ ${formatNumber(cents / 100_000)}k`)

/** A link into the budget page for a gemeente, segment and/or provider. */
export function budgetLink(filter: { jaar?: number; gemeente?: number | null; segment?: number | null; aanbieder?: number | null; niveau?: 'gemeente' | 'aanbieder' }): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== null) q.set(k, String(v))
  return `#/budgetten?${q.toString()}`
}

function YearSelect({ year, onYear }: { year: number; onYear: (y: number) => void }) {
  return (
    <Paragraph className="koers-inline-select">
      <label htmlFor="dashboard-jaar">Jaar </label>
      <select id="dashboard-jaar" className="utrecht-select utrecht-select--html-select" value={year} onChange={(e) => onYear(Number(e.target.value))}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </Paragraph>
  )
}

function Tile({ label, value, note, href }: { label: string; value: string; note?: string; href: string }) {
  return (
    <a className="koers-tile" href={href}>
      <span className="koers-tile__label">{label}</span>
      <span className="koers-tile__value">{value}</span>
      {note && <span className="koers-tile__note">{note}</span>}
    </a>
  )
}

const soortLabel: Record<string, string> = { voor_op_budget: 'Aanbieder voor op budget', prognose_boven_budget: 'Prognose boven budget', plafond_bereikt: 'Bestedingsruimte bereikt', doel_niet_op_koers: 'Doel niet op koers' }
const statusLabel: Record<string, string> = { open: 'open', erkend: 'erkend', gesloten: 'gesloten' }
const statusBadge: Record<string, string> = { open: 'danger', erkend: 'warning', gesloten: 'success' }

export function DashboardPage({ me }: { me: Me }) {
  const [year, setYear] = useState(thisYear)
  const { data: d, error } = useApi<Dashboard>(`/budgets/dashboard?year=${year}`)
  if (error) return <Paragraph className="koers-error">{error}</Paragraph>
  const cumulative = (() => {
    if (!d) return []
    let r = 0
    let p = 0
    return d.maanden.map((m) => {
      r += m.gerealiseerdCents
      p += m.prognoseCents
      return { maand: formatMonth(m.maand).split(' ')[0]!.slice(0, 3), gerealiseerd: r, prognose: p, budget: d.totaal.budgetCents, nieuw: m.nieuw ?? 0, beeindigd: m.beeindigd ?? 0 }
    })
  })()
  return (
    <>
      <Heading1>{d?.bereik === 'gemeente' ? `Dashboard ${d.gemeente}` : 'Regionaal dashboard'}</Heading1>
      <YearSelect year={year} onYear={setYear} />
      {!d ? (
        <Paragraph>Laden…</Paragraph>
      ) : (
        <>
          <Paragraph className="koers-muted">
            Prognose per {d.peildatum ? formatDate(d.peildatum) : '–'}: gerealiseerd plus wat op de lopende toewijzingen nog verwacht wordt, plus de verwachte instroom (seizoensgewogen).
          </Paragraph>
          <div className="koers-tiles" aria-label="Kerncijfers">
            <Tile label={`Budget ${year}`} value={formatEuro(d.totaal.budgetCents)} href={budgetLink({ jaar: year })} />
            <Tile label="Gerealiseerd" value={formatEuro(d.totaal.realisedCents)} note={`uitputting ${pct(d.totaal.exhaustionPct)}`} href={budgetLink({ jaar: year })} />
            <Tile label="Open verplichtingen" value={formatEuro(d.totaal.openCents)} note={`van ${formatEuro(d.totaal.committedCents)} verplicht`} href={budgetLink({ jaar: year, niveau: 'aanbieder' })} />
            <Tile label="Prognose jaareinde" value={formatEuro(d.totaal.forecastCents)} note={`${pct(d.totaal.forecastPct)} van het budget`} href={budgetLink({ jaar: year })} />
            <Tile label="Lopende signalen" value={String(d.signalen.open + d.signalen.erkend)} note={`${d.signalen.open} open, ${d.signalen.erkend} erkend`} href="#/budgetsignalen" />
          </div>

          <section aria-labelledby="per-segment">
            <Heading2 id="per-segment">Besteding tegen budget per segment</Heading2>
            <ChartBox className="koers-chart" kind="categories" label={`Staafdiagram: budget, gerealiseerd en prognose per segment in ${year}`}>
              <ResponsiveContainer>
                <BarChart data={d.segmenten.map((s) => ({ id: s.segmentId, segment: s.segment, budget: s.budgetCents, gerealiseerd: s.realisedCents, prognose: s.forecastCents }))} margin={{ left: 30, right: 10, top: 10, bottom: 70 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="segment" angle={-20} textAnchor="end" interval={0} height={90} tick={{ fontSize: 12 }} />
                  <YAxis tickFormatter={euroTick} width={90} />
                  <Tooltip formatter={(v) => formatEuro(Number(v))} />
                  <Legend verticalAlign="top" />
                  <Bar isAnimationActive={false} dataKey="budget" name="Budget" fill={chartColor[4]} cursor="pointer" onClick={(e: { payload?: { id: number } }) => e.payload && (window.location.hash = budgetLink({ jaar: year, segment: e.payload.id }))} />
                  <Bar isAnimationActive={false} dataKey="gerealiseerd" name="Gerealiseerd" fill={chartColor[1]} cursor="pointer" onClick={(e: { payload?: { id: number } }) => e.payload && (window.location.hash = budgetLink({ jaar: year, segment: e.payload.id }))} />
                  <Bar isAnimationActive={false} dataKey="prognose" name="Prognose" fill={chartColor[2]} cursor="pointer" onClick={(e: { payload?: { id: number } }) => e.payload && (window.location.hash = budgetLink({ jaar: year, segment: e.payload.id }))} />
                </BarChart>
              </ResponsiveContainer>
            </ChartBox>
            <FiguresTable
              caption={`Per segment, ${year}`}
              rows={d.segmenten.map((s) => ({ key: String(s.segmentId), label: s.segment, href: budgetLink({ jaar: year, segment: s.segmentId }), f: s, extra: s.ceilingCents === null ? '' : `plafond ${formatEuro(s.ceilingCents)}` }))}
            />
            <ExportLinks path={`/budgets/figures?year=${year}&level=gemeente`} label="Budgetten per gemeente en segment" />
          </section>

          <section aria-labelledby="verloop">
            <Heading2 id="verloop">Verloop over het jaar</Heading2>
            <ChartBox className="koers-chart" kind="series" label="Lijndiagram: gerealiseerd en prognose cumulatief per maand, tegen het jaarbudget">
              <ResponsiveContainer>
                <ComposedChart data={cumulative} margin={{ left: 30, right: 10, top: 10, bottom: 10 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="maand" />
                  <YAxis tickFormatter={euroTick} width={90} />
                  <Tooltip formatter={(v) => formatEuro(Number(v))} />
                  <Legend verticalAlign="top" />
                  <Line isAnimationActive={false} dataKey="budget" name="Budget" stroke={chartColor[4]} strokeDasharray="6 4" dot={false} />
                  <Line isAnimationActive={false} dataKey="prognose" name="Prognose (cumulatief)" stroke={chartColor[2]} dot={false} />
                  <Line isAnimationActive={false} dataKey="gerealiseerd" name="Gerealiseerd (cumulatief)" stroke={chartColor[1]} strokeWidth={3} />
                </ComposedChart>
              </ResponsiveContainer>
            </ChartBox>
            <ExportLinks path={`/budgets/dashboard/months?year=${year}`} label="Cijfers per maand" />
          </section>

          <div className="koers-grid">
            <section aria-labelledby="signalen" className="koers-card">
              <Heading2 id="signalen">Signalen</Heading2>
              {d.signalen.recent.length === 0 ? (
                <Paragraph>Geen lopende signalen voor {year}.</Paragraph>
              ) : (
                <ul className="koers-signals">
                  {d.signalen.recent.map((s) => (
                    <li key={s.id}>
                      <a href={`#/budgetsignalen?signaal=${s.id}`}>{s.titel}</a> <StatusBadge status={statusBadge[s.status]}>{statusLabel[s.status]}</StatusBadge>
                    </li>
                  ))}
                </ul>
              )}
              <Paragraph>
                <a href="#/budgetsignalen">Alle signalen</a>
              </Paragraph>
            </section>
            <section aria-labelledby="stroom" className="koers-card">
              <Heading2 id="stroom">In- en uitstroom (toewijzingen)</Heading2>
              <ChartBox className="koers-chart koers-chart--small" kind="series" label="Staafdiagram: nieuwe en beëindigde toewijzingen per maand">
                <ResponsiveContainer>
                  <BarChart data={cumulative} margin={{ left: 0, right: 10, top: 10, bottom: 10 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="maand" />
                    <YAxis allowDecimals={false} />
                    <Tooltip />
                    <Legend verticalAlign="top" />
                    <Bar isAnimationActive={false} dataKey="nieuw" name="Instroom" fill={chartColor[1]} />
                    <Bar isAnimationActive={false} dataKey="beeindigd" name="Uitstroom" fill={chartColor[2]} />
                  </BarChart>
                </ResponsiveContainer>
              </ChartBox>
              <Paragraph className="koers-muted">Aantallen onder 5 worden niet getoond.</Paragraph>
            </section>
          </div>

          <section aria-labelledby="aanbieders">
            <Heading2 id="aanbieders">Aanbieders die het meest bepalen</Heading2>
            <FiguresTable
              caption={`De tien aanbieders met de hoogste realisatie in ${year}`}
              rows={d.aanbieders.slice(0, 10).map((a) => ({ key: String(a.providerId), label: a.aanbieder ?? '', href: budgetLink({ jaar: year, aanbieder: a.providerId, niveau: 'aanbieder' }), f: a }))}
            />
            <ExportLinks path={`/budgets/figures?year=${year}&level=aanbieder`} label="Alle aanbieders per gemeente en segment" />
          </section>

          <section aria-labelledby="regiemonitor">
            <Heading2 id="regiemonitor">Indicatoren (Regiemonitor)</Heading2>
            <Table>
              <TableCaption>Zoals BIDN's Regiemonitor ze toont, voor zover de berichten ze dragen</TableCaption>
              <TableBody>
                <Indicator label="Toewijzingen actief in het jaar" value={formatCount(d.indicatoren.toewijzingen)} href={budgetLink({ jaar: year, niveau: 'aanbieder' })} />
                <Indicator label="Gecontracteerde aanbieders" value={String(d.indicatoren.gecontracteerdeAanbieders)} href="#/regio" />
                <Indicator label="Aanbieders met toewijzingen" value={String(d.indicatoren.aanbiedersMetToewijzingen)} href={budgetLink({ jaar: year, niveau: 'aanbieder' })} />
                <Indicator label="Trajecten per aanbieder (gemiddeld)" value={d.indicatoren.trajectenPerAanbieder === null ? '–' : formatNumber(d.indicatoren.trajectenPerAanbieder, 1, true)} href={budgetLink({ jaar: year, niveau: 'aanbieder' })} />
                <Indicator label="Gemiddelde duur van beëindigde toewijzingen" value={d.indicatoren.gemiddeldeDuurDagen === null ? '–' : `${d.indicatoren.gemiddeldeDuurDagen} dagen (${formatCount(d.indicatoren.beeindigd)} beëindigd)`} href="#/toewijzingen" />
                <Indicator label="Verwacht (verplichting) tegen werkelijk gebruik" value={`${formatEuro(d.indicatoren.gerealiseerdOpToewijzingenCents)} van ${formatEuro(d.indicatoren.verplichtingCents)} (${pct(d.indicatoren.benuttingPct)})`} href={budgetLink({ jaar: year, niveau: 'aanbieder' })} />
                {d.indicatoren.varianten.map((v) => (
                  <Indicator key={v.variant} label={`Uitvoeringsvariant ${v.variant}`} value={`${formatCount(v.toewijzingen)} toewijzingen, ${formatEuro(v.verplichtingCents)} verplicht`} href="#/regio" />
                ))}
              </TableBody>
            </Table>
          </section>

          {d.regio && (
            <section aria-labelledby="regio-totaal">
              <Heading2 id="regio-totaal">De regio als geheel</Heading2>
              <Table>
                <TableCaption>Alle gemeenten van de regio samen, per segment ({year})</TableCaption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Segment</TableHeaderCell>
                    <TableHeaderCell className="koers-num">Gerealiseerd</TableHeaderCell>
                    <TableHeaderCell className="koers-num">Open verplichting</TableHeaderCell>
                    <TableHeaderCell className="koers-num">Prognose</TableHeaderCell>
                    <TableHeaderCell className="koers-num">Toewijzingen</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {d.regio.map((r) => (
                    <TableRow key={r.segmentId}>
                      <TableCell>{r.segment}</TableCell>
                      <TableCell className="koers-num">{formatEuro(r.gerealiseerdCents)}</TableCell>
                      <TableCell className="koers-num">{formatEuro(r.openCents)}</TableCell>
                      <TableCell className="koers-num">{formatEuro(r.prognoseCents)}</TableCell>
                      <TableCell className="koers-num">{formatCount(r.toewijzingen)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </section>
          )}
          {me.role === 'gemeente' && <ExportLinks path={`/budgets/taakvelden?year=${year}`} label="Totalen per Iv3-taakveld (om af te stemmen met de eigen administratie)" />}
        </>
      )}
    </>
  )
}

function Indicator({ label, value, href }: { label: string; value: string; href: string }) {
  return (
    <TableRow>
      <TableHeaderCell scope="row">{label}</TableHeaderCell>
      <TableCell className="koers-num">
        <a href={href}>{value}</a>
      </TableCell>
    </TableRow>
  )
}

interface FigureLine {
  budgetCents: number
  realisedCents: number
  openCents: number
  forecastCents: number
  exhaustionPct: number | null
  forecastPct: number | null
}

function FiguresTable({ caption, rows }: { caption: string; rows: { key: string; label: ReactNode; href: string; f: FigureLine; extra?: string }[] }) {
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Naam</TableHeaderCell>
          <TableHeaderCell className="koers-num">Budget</TableHeaderCell>
          <TableHeaderCell className="koers-num">Gerealiseerd</TableHeaderCell>
          <TableHeaderCell className="koers-num">Uitputting</TableHeaderCell>
          <TableHeaderCell className="koers-num">Open verplichting</TableHeaderCell>
          <TableHeaderCell className="koers-num">Prognose</TableHeaderCell>
          <TableHeaderCell className="koers-num">Prognose / budget</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key}>
            <TableCell>
              <a href={r.href}>{r.label}</a>
              {r.extra && <span className="koers-muted"> ({r.extra})</span>}
            </TableCell>
            <TableCell className="koers-num">{formatEuro(r.f.budgetCents)}</TableCell>
            <TableCell className="koers-num">
              <a href={r.href}>{formatEuro(r.f.realisedCents)}</a>
            </TableCell>
            <TableCell className="koers-num">{pct(r.f.exhaustionPct)}</TableCell>
            <TableCell className="koers-num">{formatEuro(r.f.openCents)}</TableCell>
            <TableCell className="koers-num">{formatEuro(r.f.forecastCents)}</TableCell>
            <TableCell className={`koers-num${r.f.forecastPct !== null && r.f.forecastPct > 100 ? ' koers-over' : ''}`}>{pct(r.f.forecastPct)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

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
          {years.map((y) => (
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
    void action.run(
      async () => {
        const r = await api<{ oudCents: number | null }>('/budgets/year', { method: 'POST', body: { soort, gemeenteId: Number(gemeente), providerId: soort === 'aanbieder' ? Number(aanbieder) : null, segmentId: Number(segment), jaar: year, amountCents: cents, reden } })
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
    void action.run(async () => {
      const r = await api<{ changed: number }>('/budgets/proposal/adopt', { method: 'POST', body: { jaar: year } })
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
  const action = useAction()
  const upload = (file: File) =>
    void action.run(async () => {
      const r = await api<{ rows: number; changed: number }>('/budgets/import', { method: 'POST', body: await fileBody(file) })
      onDone()
      return `${r.rows} regel(s) gelezen, ${r.changed} budget(ten) gewijzigd.`
    })
  return (
    <section aria-labelledby="budget-import">
      <Heading2 id="budget-import">Gemeentebudgetten inlezen</Heading2>
      <Paragraph>
        Een CSV- of Excel-bestand met de kolommen <code>gemeente; segment; jaar; bedrag; reden</code> (gemeente als CBS-code of naam, segment als code of naam). Alle regels of geen: een fout noemt de regel.
      </Paragraph>
      <input aria-label="Bestand met budgetten" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => e.target.files?.[0] && upload(e.target.files[0])} />
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

/** `#/budgetsignalen[?signaal=ID]` */
export function BudgetSignalsPage({ me, query }: { me: Me; query: URLSearchParams }) {
  const [status, setStatus] = useState('lopend')
  const [year, setYear] = useState(thisYear)
  const { data: signals, reload } = useApi<BudgetSignal[]>(`/budgets/signals?year=${year}${status ? `&status=${status}` : ''}`)
  const action = useAction()
  const focus = Number(query.get('signaal') ?? 0)
  const focused = signals?.find((x) => x.id === focus)
  const recompute = () =>
    void action.run(async () => {
      const r = await api<{ raised: number; current: number }>('/budgets/signals/refresh', { method: 'POST', body: { jaar: year } })
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
    { key: 'status', header: 'Status', value: (s) => statusLabel[s.status] ?? s.status, render: (s) => <StatusBadge status={statusBadge[s.status]}>{statusLabel[s.status]}</StatusBadge> },
    { key: 'geopend', header: 'Geopend', value: (s) => s.geopendOp, render: (s) => formatMomentDate(s.geopendOp) },
    { key: 'eigenaar', header: 'Eigenaar', value: (s) => s.eigenaar },
  ]
  const groupOf = (s: BudgetSignal): string => (group === '' ? '' : (columns.find((c) => c.key === group)?.value(s) as string | null) || 'geen')
  const groups = [...new Set(rows.map(groupOf))].sort((a, b) => a.localeCompare(b, 'nl', { numeric: true }))
  const set = (key: keyof typeof filter) => (e: ChangeEvent<HTMLSelectElement>) => setFilter({ ...filter, [key]: e.target.value })
  const options = (list: Named[] | undefined) => Object.fromEntries((list ?? []).map((x) => [String(x.id), x.name]))
  const acknowledge = (e: FormEvent) => {
    e.preventDefault()
    void action.run(
      async () => {
        const r = await api<{ acknowledged: number }>('/budgets/signals/acknowledge', { method: 'POST', body: { ids: [...selected], notitie: note, eigenaarId: Number(owner) } })
        setSelected(new Set())
        setNote('')
        onDone()
        return `${r.acknowledged} ${r.acknowledged === 1 ? 'signaal' : 'signalen'} erkend.`
      },
      () => ({ ...(owner === '' ? { eigenaarId: 'Kies een eigenaar.' } : {}), ...verplicht({ notitie: ['wat u gaat doen', note] }) }),
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
    void action.run(
      async () => {
        const r = await api<{ margePct: number }>('/budgets/signal-settings', { method: 'POST', body: { margePct: Number(value ?? data.margePct) } })
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
    void action.run(
      async () => {
        if (s.status === 'open') await api(`/budgets/signals/${s.id}/acknowledge`, { method: 'POST', body: { notitie: note, eigenaarId: Number(owner) } })
        else await api(`/budgets/signals/${s.id}/close`, { method: 'POST', body: { notitie: note } })
        setNote('')
        onDone()
        return null
      },
      () => ({ ...(s.status === 'open' && owner === '' ? { eigenaarId: 'Kies een eigenaar.' } : {}), ...verplicht({ notitie: [s.status === 'open' ? 'wat u gaat doen' : 'hoe het is afgehandeld', note] }) }),
    )
  }
  const notitie = fieldState(action, 'notitie', `notitie-${s.id}`)
  const evidence = s.doelId !== null ? `#/segmenten/${s.segmentId}` : budgetLink({ jaar: s.jaar, gemeente: s.gemeenteId, segment: s.segmentId, aanbieder: s.providerId, niveau: s.providerId === null ? 'gemeente' : 'aanbieder' })
  return (
    <article className={`koers-card${focus ? ' koers-card--focus' : ''}`} aria-label={`Signaal ${s.id}`}>
      <Paragraph>
        <strong>{soortLabel[s.soort]}</strong> <StatusBadge status={statusBadge[s.status]}>{statusLabel[s.status]}</StatusBadge>
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
