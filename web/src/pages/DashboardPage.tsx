/** The regional dashboard (issue 6): every figure links to what makes it up; every list exports to CSV and XLSX. */
import { Heading1, Heading2, Paragraph, StatusBadge, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react'
import { useState } from 'react'
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Dashboard } from '../../../src/budgets/dashboard.queries.ts'
import { type Me } from '../lib/api.ts'
import { ExportLinks } from '../components/ExportLinks.tsx'
import { formatCount, formatDate, formatEuro, formatMonth, formatNumber } from '../lib/format.ts'
import { useApi } from '../hooks/useApi.ts'
import { chartColor } from '../theme/chart.ts'
import { Table } from '../components/Table.tsx'
import { ChartBox } from '../components/ChartBox.tsx'
import { thisYear, YearSelect } from '../components/YearSelect.tsx'
import { pct, euroTick, budgetLink, signaalStatusLabel, signaalStatusBadge, FiguresTable } from '../components/BudgetFigures.tsx'

function Tile({ label, value, note, href }: { label: string; value: string; note?: string; href: string }) {
  return (
    <a className="koers-tile" href={href}>
      <span className="koers-tile__label">{label}</span>
      <span className="koers-tile__value">{value}</span>
      {note && <span className="koers-tile__note">{note}</span>}
    </a>
  )
}

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
                      <a href={`#/budgetsignalen?signaal=${s.id}`}>{s.titel}</a> <StatusBadge status={signaalStatusBadge[s.status]}>{signaalStatusLabel[s.status]}</StatusBadge>
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
