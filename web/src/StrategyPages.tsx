/**
 * Is the strategy working? (issue 7) The segment page with its four instruments, its targets
 * and their progress, its KPIs per provider side by side and per quarter; a provider's
 * scorecard; the outcome measurements to record. Every figure says what it means (the KPI's
 * doc line) and small counts show as "< 5".
 */
import { Button, Heading1, Heading2, Heading3, Paragraph, StatusBadge, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea } from '@utrecht/component-library-react'
import { type ChangeEvent, type FormEvent, type ReactNode, useState } from 'react'
import { Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { KpiValues } from '../../src/kpis/kpi.queries.ts'
import type { KpiValue } from '../../src/kpis/kpi.rules.ts'
import type { WorklistRow, WorklistSortKey } from '../../src/outcomes/measurement.queries.ts'
import type { Scorecard } from '../../src/app/scorecard.queries.ts'
import type { Provider } from '../../src/providers/provider.queries.ts'
import type { SegmentOverview } from '../../src/app/segment-overview.queries.ts'
import type { Segment } from '../../src/segments/segment.queries.ts'
import type { TargetWithProgress } from '../../src/targets/target.queries.ts'
import type { Target } from '../../src/targets/target.rules.ts'
import { type Me, api, fileBody, may } from './api.ts'
import { ExportLinks } from './components/ExportLinks.tsx'
import { ChoiceField, Field, fieldState, TextField } from './fields.tsx'
import { ActionResult, useAction } from './useAction.tsx'
import { formatDate, formatInUnit, formatPercent } from './format.ts'
import { useApi } from './useApi.ts'
import { instrumentLines, instrumentNames, wetLabel } from './instruments.ts'
import { chartColor } from './theme/chart.ts'
import { Table } from './Table.tsx'
import { ChartBox } from './ChartBox.tsx'
import { DataTable, type DataColumn } from './components/DataTable.tsx'
import type { SortState } from './components/table-model.ts'

interface WorklistPage {
  total: number
  limit: number
  offset: number
  items: WorklistRow[]
}

type Catalogue = SegmentOverview['kpis']
type KpiCode = keyof KpiValues

const thisYear = new Date().getFullYear()
const years = [thisYear - 2, thisYear - 1, thisYear]
const periodQuery = (year: number) => `from=${year}-01-01&to=${year}-12-31`
const statusLabel: Record<string, string> = { op_koers: 'Op koers', niet_op_koers: 'Niet op koers', behaald: 'Behaald', niet_behaald: 'Niet behaald', onbekend: 'Nog niet te zeggen' }
const statusBadge: Record<string, string> = { op_koers: 'success', behaald: 'success', niet_op_koers: 'danger', niet_behaald: 'danger', onbekend: 'neutral' }

/** A KPI value as a page shows it: "< 5" when it rests on too few clients, "–" when there is nothing to measure. */
export function KpiText({ value, eenheid }: { value: KpiValue | undefined; eenheid: string }) {
  if (!value) return <>–</>
  if (value.onderdrukt) return <abbr title="Minder dan 5 cliënten: niet getoond">&lt; 5</abbr>
  return <>{value.waarde === null ? '–' : formatInUnit(eenheid, value.waarde)}</>
}

function YearChoice({ year, onYear, id }: { year: number; onYear: (y: number) => void; id: string }) {
  return (
    <Paragraph className="koers-inline-select">
      <label htmlFor={id}>Periode </label>
      <select id={id} className="utrecht-select utrecht-select--html-select" value={year} onChange={(e) => onYear(Number(e.target.value))}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y === thisYear ? `${y} tot nu` : y}
          </option>
        ))}
      </select>
    </Paragraph>
  )
}

/** Every segment, with a link to its page. */
export function SegmentsPage({ me }: { me: Me }) {
  const { data: segments, error } = useApi<Segment[]>('/segments')
  const { data: doelen } = useApi<(Target & Partial<TargetWithProgress>)[]>('/targets')
  if (error) return <Paragraph>{error}</Paragraph>
  if (!segments) return <Paragraph>Laden…</Paragraph>
  const name = new Map(segments.map((s) => [s.id, s.name]))
  return (
    <>
      <Heading1>Segmenten en doelen</Heading1>
      <Paragraph>Per segment de vier inkoopinstrumenten, de doelen van de strategie met hun voortgang, en de KPI&apos;s per aanbieder.</Paragraph>
      <Table>
        <TableCaption>Segmenten</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Segment</TableHeaderCell>
            <TableHeaderCell scope="col">Wet</TableHeaderCell>
            <TableHeaderCell scope="col">Doelen</TableHeaderCell>
            <TableHeaderCell scope="col">Niet op koers</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {segments.map((s) => {
            const own = (doelen ?? []).filter((d) => d.segmentId === s.id)
            return (
              <TableRow key={s.id}>
                <TableCell>
                  <a href={`#/segmenten/${s.id}`}>{s.name}</a>
                  {s.parentId !== null && <span className="koers-muted"> (onder {name.get(s.parentId)})</span>}
                </TableCell>
                <TableCell>{wetLabel[s.wet]}</TableCell>
                <TableCell>{own.length}</TableCell>
                <TableCell>{me.role === 'aanbieder' ? '–' : own.filter((d) => d.voortgang && (d.voortgang.status === 'niet_op_koers' || d.voortgang.status === 'niet_behaald')).length}</TableCell>
              </TableRow>
            )
          })}
        </TableBody>
      </Table>
      {me.role !== 'aanbieder' && <ProviderList />}
    </>
  )
}

function ProviderList() {
  const { data: providers } = useApi<Provider[]>('/providers')
  if (!providers) return null
  return (
    <section aria-labelledby="scorekaarten">
      <Heading2 id="scorekaarten">Scorekaarten van aanbieders</Heading2>
      <ul className="koers-columns">
        {providers.map((p) => (
          <li key={p.id}>
            <a href={`#/aanbieders/${p.id}/scorekaart`}>{p.name}</a>
          </li>
        ))}
      </ul>
    </section>
  )
}

export function SegmentPage({ id, me }: { id: number; me: Me }) {
  const [year, setYear] = useState(thisYear)
  const { data: o, error, reload } = useApi<SegmentOverview>(`/segments/${id}/overview?${periodQuery(year)}`)
  if (error) return <Paragraph>{error}</Paragraph>
  if (!o) return <Paragraph>Laden…</Paragraph>
  const s = o.segment
  const byCode = new Map(o.kpis.map((k) => [k.code, k]))
  const scorecard = s.leveranciersmanagement.scorecard as KpiCode[]
  const trend = o.trend.map((t) => ({ kwartaal: `${t.van.slice(0, 4)} K${Math.floor(Number(t.van.slice(5, 7)) / 3) + 1}`, instroom: t.waarden.instroom.waarde, uitstroom: t.waarden.uitstroom.waarde, inZorg: t.waarden.in_zorg_einde.waarde }))
  return (
    <>
      <Heading1>{s.name}</Heading1>
      <Paragraph className="koers-muted">
        {wetLabel[s.wet]}
        {o.bovenliggend && (
          <>
            {' '}
            · onderdeel van <a href={`#/segmenten/${o.bovenliggend.id}`}>{o.bovenliggend.name}</a>
          </>
        )}
        {o.onderdelen.length > 0 && <> · met {o.onderdelen.map((d) => d.name).join(', ')} (de cijfers tellen ze mee)</>}
      </Paragraph>
      {s.description && <Paragraph>{s.description}</Paragraph>}
      <YearChoice year={year} onYear={setYear} id="segment-periode" />

      <section aria-labelledby="instrumenten">
        <Heading2 id="instrumenten">De vier instrumenten</Heading2>
        <div className="koers-tiles koers-tiles--text">
          {Object.entries(instrumentLines(s)).map(([key, line]) => (
            <div key={key} className="koers-tile">
              <span className="koers-tile__label">{instrumentNames[key as keyof typeof instrumentNames]}</span>
              <span>
                {line}
                {key === 'toegang' && `. ${s.toegang.triage}`}
                {key === 'bekostiging' && (
                  <>
                    . <a href={`#/budgetten?segment=${s.id}&jaar=${year}`}>Budget en realisatie</a>
                  </>
                )}
              </span>
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="doelen">
        <Heading2 id="doelen">Doelen van de strategie</Heading2>
        {o.doelen.length === 0 && <Paragraph>Dit segment heeft nog geen doelen.</Paragraph>}
        <div className="koers-grid">
          {o.doelen.map((d) => (
            <TargetCard key={d.id} target={d} eenheid={byCode.get(d.kpi)?.eenheid ?? 'aantal'} kpiNaam={byCode.get(d.kpi)?.naam ?? d.kpi} />
          ))}
        </div>
        {may(me, 'doel.write') && <TargetForm segmentId={s.id} catalogue={o.kpis} onDone={reload} />}
      </section>

      <section aria-labelledby="kpis-aanbieders">
        <Heading2 id="kpis-aanbieders">KPI&apos;s per aanbieder</Heading2>
        <Paragraph className="koers-muted">
          {formatDate(o.periode.from)} t/m {formatDate(o.periode.to)}
          {me.role === 'gemeente' || me.role === 'lokaal_team' ? ', inwoners van uw gemeente' : me.role === 'aanbieder' ? ', uw eigen cliënten' : ''}. Vet: de KPI&apos;s van de scorekaart.
        </Paragraph>
        <KpiColumns caption={`KPI's van ${s.name} per aanbieder`} kpis={o.kpis} scorecard={scorecard} totaal={o.totaal} columns={o.perAanbieder.map((p) => ({ key: p.providerId, label: <a href={`#/aanbieders/${p.providerId}/scorekaart`}>{p.aanbieder}</a>, waarden: p.waarden }))} />
        <ExportLinks path={`/kpis?group=provider&segment=${s.id}&${periodQuery(year)}`} label="De KPI's per aanbieder" />
      </section>

      {o.perGemeente.length > 1 && (
        <section aria-labelledby="kpis-gemeenten">
          <Heading2 id="kpis-gemeenten">KPI&apos;s per gemeente</Heading2>
          <KpiColumns caption={`KPI's van ${s.name} per gemeente`} kpis={o.kpis} scorecard={scorecard} totaal={o.totaal} columns={o.perGemeente.map((g) => ({ key: g.gemeenteId, label: g.gemeente, waarden: g.waarden }))} />
          <ExportLinks path={`/kpis?group=gemeente&segment=${s.id}&${periodQuery(year)}`} label="De KPI's per gemeente" />
        </section>
      )}

      <section aria-labelledby="trend">
        <Heading2 id="trend">In-, uit- en doorstroom per kwartaal</Heading2>
        <ChartBox className="koers-chart--small" kind="series" label={`Instroom, uitstroom en cliënten in zorg per kwartaal: ${trend.map((t) => `${t.kwartaal} ${t.instroom ?? '<5'} in, ${t.uitstroom ?? '<5'} uit`).join('; ')}`}>
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={trend}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="kwartaal" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Bar dataKey="instroom" name="Instroom" fill={chartColor[1]} isAnimationActive={false} />
              <Bar dataKey="uitstroom" name="Uitstroom" fill={chartColor[2]} isAnimationActive={false} />
              <Line dataKey="inZorg" name="In zorg aan het einde" stroke={chartColor[3]} strokeWidth={2} connectNulls isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </ChartBox>
      </section>
    </>
  )
}

/** KPIs as rows, the segment and then each column (provider or gemeente) side by side, every definition beside its name. */
function KpiColumns({ caption, kpis, scorecard, totaal, columns }: { caption: string; kpis: Catalogue; scorecard: KpiCode[]; totaal: KpiValues; columns: { key: number; label: ReactNode; waarden: KpiValues }[] }) {
  return (
    <Table className="koers-kpi-table">
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">KPI</TableHeaderCell>
          <TableHeaderCell scope="col">Segment</TableHeaderCell>
          {columns.map((c) => (
            <TableHeaderCell key={c.key} scope="col">
              {c.label}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {kpis.map((k) => (
          <TableRow key={k.code}>
            <TableHeaderCell scope="row">
              <span className={scorecard.includes(k.code as KpiCode) ? 'koers-strong' : undefined}>{k.naam}</span>
              <span className="koers-kpi-doc">{k.doc}</span>
            </TableHeaderCell>
            <TableCell className="koers-number">
              <KpiText value={totaal[k.code as KpiCode]} eenheid={k.eenheid} />
            </TableCell>
            {columns.map((c) => (
              <TableCell key={c.key} className="koers-number">
                <KpiText value={c.waarden[k.code as KpiCode]} eenheid={k.eenheid} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}

function TargetCard({ target: d, eenheid, kpiNaam }: { target: Target & Partial<TargetWithProgress>; eenheid: string; kpiNaam: string }) {
  const v = d.voortgang
  const show = (x: number) => formatInUnit(eenheid, Math.round(x * 10) / 10)
  const points = (v?.punten ?? []).map((p) => ({ datum: p.datum.slice(0, 7), gemeten: p.waarde, pad: p.pad }))
  if (v) points.push({ datum: d.doelDatum.slice(0, 7), gemeten: null, pad: d.doelWaarde })
  return (
    <article className="koers-card" aria-label={`Doel ${d.naam}`}>
      <Heading3>{d.naam}</Heading3>
      <Paragraph>
        {kpiNaam}: van {show(d.basisWaarde)} ({formatDate(d.basisVan)} t/m {formatDate(d.basisTot)}) {d.richting === 'omlaag' ? 'omlaag' : 'omhoog'} naar {show(d.doelWaarde)}
        {d.doelRelatiefPct !== null && ` (${d.doelRelatiefPct > 0 ? '+' : ''}${formatPercent(d.doelRelatiefPct, 1, true)})`} op {formatDate(d.doelDatum)}.
      </Paragraph>
      {v ? (
        <>
          <Paragraph>
            <StatusBadge status={statusBadge[v.status]}>{statusLabel[v.status]}</StatusBadge>{' '}
            {v.laatste && v.laatste.waarde !== null && v.reden === null && (
              <span>
                Laatst gemeten {show(v.laatste.waarde)} (t/m {formatDate(v.laatste.datum)}), het pad zegt {show(v.laatste.pad)}.
              </span>
            )}
          </Paragraph>
          {v.toelichting && <Paragraph className="koers-muted">{v.toelichting}</Paragraph>}
          <ChartBox className="koers-chart--target" kind="series" label={`Voortgang van ${d.naam}: ${points.map((p) => `${p.datum} gemeten ${p.gemeten ?? 'onbekend'}, pad ${Math.round(p.pad * 10) / 10}`).join('; ')}`}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={points}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="datum" />
                <YAxis tickFormatter={(x: number) => (eenheid === 'cents' ? `€ ${Math.round(x / 100_000)}k` : String(x))} width={70} />
                <Tooltip formatter={(x) => (typeof x === 'number' ? show(x) : String(x))} />
                <Legend />
                <Line dataKey="pad" name="Pad naar het doel" stroke={chartColor.reference} strokeDasharray="5 5" isAnimationActive={false} dot={false} />
                <Line dataKey="gemeten" name="Gemeten" stroke={chartColor[1]} strokeWidth={2} connectNulls isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </ChartBox>
        </>
      ) : (
        <Paragraph className="koers-muted">De voortgang wordt over de hele regio gemeten.</Paragraph>
      )}
      {d.bron && <Paragraph className="koers-muted">Bron: {d.bron}</Paragraph>}
    </article>
  )
}

function TargetForm({ segmentId, catalogue, onDone }: { segmentId: number; catalogue: Catalogue; onDone: () => void }) {
  const [f, setF] = useState({ kpi: 'instroom', naam: '', basisVan: `${thisYear - 1}-01-01`, basisTot: `${thisYear - 1}-12-31`, basisWaarde: '', doelPct: '-20', doelDatum: `${thisYear + 1}-12-31`, richting: 'omlaag', bron: '' })
  const action = useAction({ kpi: 'doel-kpi', naam: 'doel-naam', basisVan: 'doel-basis-van', basisTot: 'doel-basis-tot', basisWaarde: 'doel-basis', doelRelatiefPct: 'doel-pct', doelDatum: 'doel-datum', richting: 'doel-richting', bron: 'doel-bron' })
  const set = (k: keyof typeof f) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setF({ ...f, [k]: e.target.value })
  const value = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v })
  const number = (text: string) => Number(text.trim().replace(',', '.'))
  /** What the form can tell before sending: the server checks the rest (and says so at the field). */
  const check = () => {
    const wrong: Record<string, string> = {}
    if (f.naam.trim() === '') wrong.naam = 'Geef het doel een naam.'
    if (f.basisVan === '') wrong.basisVan = 'Vul de eerste dag van de basisperiode in.'
    if (f.basisTot === '') wrong.basisTot = 'Vul de laatste dag van de basisperiode in.'
    else if (f.basisVan !== '' && f.basisTot < f.basisVan) wrong.basisTot = 'De basisperiode eindigt vóór ze begint.'
    if (f.basisWaarde.trim() !== '' && !Number.isFinite(number(f.basisWaarde))) wrong.basisWaarde = 'Vul een getal in, of laat het veld leeg om de basis te meten.'
    if (f.doelPct.trim() === '' || !Number.isFinite(number(f.doelPct))) wrong.doelRelatiefPct = 'Vul de verandering in procenten in, bijvoorbeeld -20.'
    if (f.doelDatum === '') wrong.doelDatum = 'Vul de datum in waarop het doel bereikt moet zijn.'
    else if (f.basisTot !== '' && f.doelDatum <= f.basisTot) wrong.doelDatum = 'De doeldatum ligt na de basisperiode.'
    return wrong
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.run(async () => {
      const t = await api<Target>('/targets', { method: 'POST', body: { segmentId, kpi: f.kpi, naam: f.naam, basisVan: f.basisVan, basisTot: f.basisTot, ...(f.basisWaarde.trim() === '' ? {} : { basisWaarde: number(f.basisWaarde) }), doelRelatiefPct: number(f.doelPct), doelDatum: f.doelDatum, richting: f.richting, bron: f.bron } })
      onDone()
      const eenheid = catalogue.find((k) => k.code === t.kpi)?.eenheid ?? ''
      return `Doel vastgelegd: basis ${formatInUnit(eenheid, t.basisWaarde)}, doel ${formatInUnit(eenheid, t.doelWaarde)}.`
    }, check)
  }
  const bron = fieldState(action, 'bron', 'doel-bron')
  return (
    <details className="koers-details">
      <summary>Doel toevoegen</summary>
      <form onSubmit={submit} className="koers-form-row" aria-label="Doel toevoegen" noValidate>
        <ChoiceField id="doel-kpi" label="KPI" value={f.kpi} onChange={set('kpi')} options={Object.fromEntries(catalogue.map((k) => [k.code, k.naam]))} action={action} path="kpi" required />
        <TextField action={action} path="naam" label="Naam" value={f.naam} onChange={value('naam')} required />
        <TextField action={action} path="basisVan" label="Basisperiode van" type="date" value={f.basisVan} onChange={value('basisVan')} required />
        <TextField action={action} path="basisTot" label="t/m" type="date" value={f.basisTot} onChange={value('basisTot')} required />
        <TextField action={action} path="basisWaarde" label="Basiswaarde (leeg: gemeten)" inputMode="decimal" value={f.basisWaarde} onChange={value('basisWaarde')} />
        <TextField action={action} path="doelRelatiefPct" label="Verandering (%)" inputMode="decimal" value={f.doelPct} onChange={value('doelPct')} required />
        <TextField action={action} path="doelDatum" label="Doeldatum" type="date" value={f.doelDatum} onChange={value('doelDatum')} required />
        <ChoiceField id="doel-richting" label="Richting" value={f.richting} onChange={set('richting')} options={{ omlaag: 'omlaag', omhoog: 'omhoog' }} action={action} path="richting" required />
        <Field id="doel-bron" label="Bron (de strategie)" error={bron.error}>
          <Textarea
            id="doel-bron"
            value={f.bron}
            invalid={bron.error !== undefined}
            {...bron.aria}
            onChange={(e: ChangeEvent<HTMLTextAreaElement>) => {
              set('bron')(e)
              action.clearField('bron')
            }}
            rows={2}
          />
        </Field>
        <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
          Doel vastleggen
        </Button>
      </form>
      <ActionResult action={action} />
    </details>
  )
}

/** Which way a provider differs from its segment, judged by the KPI's better direction. */
function comparison(beter: string | null, own: KpiValue, segment: KpiValue | undefined): string {
  if (!segment || beter === null || own.waarde === null || segment.waarde === null || own.waarde === segment.waarde) return ''
  const higher = own.waarde > segment.waarde
  return (beter === 'hoger') === higher ? 'beter dan het segment' : 'minder dan het segment'
}

export function ScorecardPage({ id }: { id: number }) {
  const [year, setYear] = useState(thisYear)
  const { data: card, error } = useApi<Scorecard>(`/providers/${id}/scorecard?${periodQuery(year)}`)
  if (error) return <Paragraph>{error}</Paragraph>
  if (!card) return <Paragraph>Laden…</Paragraph>
  return (
    <>
      <Heading1>Scorekaart {card.aanbieder.name}</Heading1>
      <Paragraph className="koers-muted">
        AGB {card.aanbieder.agbCode} · {formatDate(card.periode.from)} t/m {formatDate(card.periode.to)}
      </Paragraph>
      <YearChoice year={year} onYear={setYear} id="scorekaart-periode" />
      {card.segmenten.length === 0 && <Paragraph>Geen trajecten in deze periode.</Paragraph>}
      {card.segmenten.map((s) => {
        const codes = [...s.scorecard, ...card.kpis.map((k) => k.code).filter((c) => !s.scorecard.includes(c as never))] as KpiCode[]
        return (
          <section key={s.segmentId} aria-labelledby={`scorekaart-${s.segmentId}`}>
            <Heading2 id={`scorekaart-${s.segmentId}`}>
              <a href={`#/segmenten/${s.segmentId}`}>{s.segment}</a>
            </Heading2>
            <Table>
              <TableCaption>
                {card.aanbieder.name} in {s.segment}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">KPI</TableHeaderCell>
                  <TableHeaderCell scope="col">Aanbieder</TableHeaderCell>
                  {s.segmentWaarden && <TableHeaderCell scope="col">Segment</TableHeaderCell>}
                  {s.segmentWaarden && <TableHeaderCell scope="col">Vergeleken</TableHeaderCell>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {codes.map((code) => {
                  const k = card.kpis.find((x) => x.code === code)!
                  const onCard = s.scorecard.includes(code as never)
                  return (
                    <TableRow key={code} className={onCard ? undefined : 'koers-row--secondary'}>
                      <TableHeaderCell scope="row">
                        <span className={onCard ? 'koers-strong' : undefined}>{k.naam}</span>
                        <span className="koers-kpi-doc">{k.doc}</span>
                      </TableHeaderCell>
                      <TableCell className="koers-number">
                        <KpiText value={s.aanbieder[code]} eenheid={k.eenheid} />
                      </TableCell>
                      {s.segmentWaarden && (
                        <TableCell className="koers-number">
                          <KpiText value={s.segmentWaarden[code]} eenheid={k.eenheid} />
                        </TableCell>
                      )}
                      {s.segmentWaarden && <TableCell>{comparison(k.beter, s.aanbieder[code], s.segmentWaarden[code])}</TableCell>}
                    </TableRow>
                  )
                })}
              </TableBody>
            </Table>
            {s.doelen.length > 0 && (
              <Paragraph>
                Doelen van het segment: {s.doelen.map((d) => `${d.naam} (${d.richting} naar ${formatInUnit(card.kpis.find((k) => k.code === d.kpi)?.eenheid ?? '', d.doelWaarde)} op ${formatDate(d.doelDatum)})`).join('; ')}.
              </Paragraph>
            )}
          </section>
        )
      })}
      <ExportLinks path={`/kpis?group=segment,provider&provider=${id}&${periodQuery(year)}`} label="Deze scorekaart" />
    </>
  )
}

const momentLabel: Record<string, string> = { T1: 'T1 – start', T2: 'T2 – einde', T3: 'T3 – na afloop' }
const resultaatLabel = { behaald: 'behaald', deels: 'deels behaald', niet: 'niet behaald' }
const domainLabel: Record<string, string> = { ontwikkeling: 'ontwikkeling', participatie: 'participatie', sociaal_netwerk: 'sociaal netwerk', opvoeden: 'opvoeden', dagbesteding: 'dagbesteding', huisvesting: 'huisvesting', financien: 'financiën', adl: 'ADL', huiselijke_relaties: 'huiselijke relaties', geestelijke_gezondheid: 'geestelijke gezondheid', lichamelijke_gezondheid: 'lichamelijke gezondheid', verslaving: 'verslaving', justitie: 'justitie' }

const WORKLIST_PAGE = 50

/** The outcome measurements to record: the lokaal team for its residents, a provider for its own clients. All trajecten, a page at a time from the server. */
export function OutcomesPage({ me }: { me: Me }) {
  const [toon, setToon] = useState<'te_doen' | 'alle'>('te_doen')
  const [segment, setSegment] = useState('')
  const [sort, setSort] = useState<SortState | null>({ key: 'eind', direction: 'desc' })
  const [offset, setOffset] = useState(0)
  const query = `show=${toon}${segment ? `&segment=${segment}` : ''}${sort ? `&sort=${sort.key}&dir=${sort.direction}` : ''}`
  const { data, error, reload } = useApi<WorklistPage>(`/outcomes/worklist?${query}&limit=${WORKLIST_PAGE}&offset=${offset}`)
  const segments = useApi<Segment[]>('/segments')
  const [open, setOpen] = useState<WorklistRow | null>(null)
  const provider = me.providerId !== null
  // A column's key is the server's sort key where the server sorts by it (WorklistSortKey).
  const columns: DataColumn<WorklistRow>[] = [
    { key: 'client', header: 'Cliënt', sortable: false, value: (r) => r.client },
    { key: 'toewijzing', header: 'Toewijzing', sortable: false, value: (r) => `${r.toewijzingNummer} · ${r.product}` },
    provider ? { key: 'gemeente' satisfies WorklistSortKey, header: 'Gemeente', value: (r) => r.gemeente } : { key: 'aanbieder' satisfies WorklistSortKey, header: 'Aanbieder', value: (r) => r.aanbieder },
    { key: 'segment' satisfies WorklistSortKey, header: 'Segment', value: (r) => r.segment },
    { key: 'begin' satisfies WorklistSortKey, header: 'Begin zorg', value: (r) => r.begin, render: (r) => formatDate(r.begin) },
    {
      key: 'eind' satisfies WorklistSortKey,
      header: 'Einde zorg',
      value: (r) => r.eind,
      render: (r) => (
        <>
          {formatDate(r.eind)}
          {r.reden && <span className="koers-muted"> (reden {r.reden})</span>}
        </>
      ),
    },
    { key: 'gemeten', header: 'Gemeten', sortable: false, value: (r) => r.recorded.map((m) => m.moment).join(', ') },
    { key: 'te_doen' satisfies WorklistSortKey, header: 'Te doen', value: (r) => r.due.join(', ') },
    {
      key: 'actie',
      header: 'Actie',
      sortable: false,
      value: () => null,
      render: (r) => (
        <Button appearance="secondary-action-button" onClick={() => setOpen(r)} aria-label={`Meting vastleggen voor toewijzing ${r.toewijzingNummer} in ${r.gemeente}`}>
          Vastleggen
        </Button>
      ),
    },
  ]
  return (
    <>
      <Heading1>Uitkomsten meten</Heading1>
      <Paragraph>
        Per traject de meting bij de start (T1), aan het einde (T2) en {me.role === 'lokaal_team' ? 'na afloop (T3)' : 'door het lokale team na afloop (T3)'}: doelrealisatie per doel, tevredenheid, zelfredzaamheid (1–5) en of de cliënt zonder hulp verder kan.
      </Paragraph>
      {error && (
        <Paragraph role="alert" className="koers-error">
          {error}
        </Paragraph>
      )}
      {/* Names of clients: no download, a file of names would leave the audited dossier (ADR 0025). */}
      <DataTable
        caption="Trajecten"
        columns={columns}
        rows={data?.items ?? null}
        rowKey={(r) => r.toewijzingId}
        empty={toon === 'te_doen' ? 'Geen trajecten met een meting te doen.' : 'Geen trajecten.'}
        server={{
          total: data?.total ?? 0,
          offset,
          limit: WORKLIST_PAGE,
          sort,
          onSort: (next) => {
            setSort(next)
            setOffset(0)
          },
          onOffset: setOffset,
        }}
        tools={
          <div className="koers-form-row">
            <ChoiceField
              id="uitkomsten-toon"
              label="Toon"
              value={toon}
              onChange={(e) => {
                setToon(e.target.value as 'te_doen')
                setOffset(0)
              }}
              options={{ te_doen: 'Trajecten met een meting te doen', alle: 'Alle trajecten' }}
            />
            <ChoiceField
              id="uitkomsten-segment"
              label="Segment"
              empty="Alle segmenten"
              value={segment}
              onChange={(e) => {
                setSegment(e.target.value)
                setOffset(0)
              }}
              options={Object.fromEntries((segments.data ?? []).map((x) => [String(x.id), x.name]))}
            />
          </div>
        }
      />
      {open && (
        <MeasurementForm
          key={open.toewijzingId}
          row={open}
          me={me}
          onDone={() => {
            setOpen(null)
            reload()
          }}
        />
      )}
      <MeasurementImport onDone={reload} />
    </>
  )
}

function MeasurementForm({ row, me, onDone }: { row: WorklistRow; me: Me; onDone: () => void }) {
  const allowed = me.role === 'aanbieder' ? ['T1', 'T2'] : ['T1', 'T2', 'T3']
  const [moment, setMoment] = useState(row.due.find((d) => allowed.includes(d)) ?? 'T2')
  const [datum, setDatum] = useState(new Date().toISOString().slice(0, 10))
  const [doelen, setDoelen] = useState<string[]>(row.goals.map(() => ''))
  const [scores, setScores] = useState<Record<string, string>>({})
  const [tevredenheid, setTevredenheid] = useState('')
  const [zonderHulp, setZonderHulp] = useState('')
  const [vervolg, setVervolg] = useState('')
  const [toelichting, setToelichting] = useState('')
  // The server names the goals as one field (doelen): its melding shows at the first goal.
  const action = useAction({ moment: 'meting-moment', gemetenOp: 'meting-datum', doelen: 'meting-doel-0', toelichting: 'meting-toelichting', tevredenheid: 'meting-tevredenheid', zonderHulp: 'meting-zonder-hulp', vervolg: 'meting-vervolg' })
  const domains = [...new Set([...row.goals.map((g) => g.domain), 'sociaal_netwerk'])]
  const results = moment !== 'T1'
  /** What the form can tell before sending; the server checks the dates against the traject. */
  const check = () => {
    const wrong: Record<string, string> = {}
    if (datum === '') wrong.gemetenOp = 'Vul de datum van de meting in.'
    const open = results ? doelen.flatMap((d, i) => (d === '' ? [i + 1] : [])) : []
    if (open.length > 0) wrong.doelen = open.length === 1 ? `Geef het resultaat van doel ${open[0]}.` : `Geef het resultaat van elk doel (nog open: ${open.join(', ')}).`
    return wrong
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.run(async () => {
      await api('/outcomes', {
        method: 'POST',
        body: {
          toewijzingId: row.toewijzingId,
          moment,
          gemetenOp: datum,
          doelen: results ? doelen.map((resultaat, doel) => ({ doel, resultaat })) : [],
          zelfredzaamheid: Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== '').map(([k, v]) => [k, Number(v)])),
          tevredenheid: results && tevredenheid !== '' ? Number(tevredenheid) : null,
          zonderHulp: results && zonderHulp !== '' ? zonderHulp : null,
          vervolg: results && vervolg !== '' ? vervolg : null,
          toelichting,
        },
      })
      onDone()
      return null
    }, check)
  }
  const toelichtingState = fieldState(action, 'toelichting', 'meting-toelichting')
  const scale = { '1': '1 – niet', '2': '2', '3': '3', '4': '4', '5': '5 – volledig' }
  return (
    <section aria-labelledby="meting">
      <Heading2 id="meting">
        Meting voor {row.client}, toewijzing {row.toewijzingNummer}
      </Heading2>
      <form onSubmit={submit} aria-label="Meting vastleggen" noValidate>
        <div className="koers-form-row">
          <ChoiceField id="meting-moment" label="Moment" value={moment} onChange={(e) => setMoment(e.target.value as typeof moment)} options={Object.fromEntries(allowed.map((m) => [m, momentLabel[m]!]))} action={action} path="moment" required />
          <TextField action={action} path="gemetenOp" label="Gemeten op" type="date" value={datum} onChange={setDatum} required />
        </div>
        {results &&
          row.goals.map((g, i) => (
            <ChoiceField key={i} id={`meting-doel-${i}`} label={`Doel ${i + 1}: ${g.description}`} value={doelen[i]!} onChange={(e) => setDoelen(doelen.map((d, j) => (j === i ? e.target.value : d)))} options={resultaatLabel} empty="Kies" required {...(i === 0 ? { action, path: 'doelen' } : {})} />
          ))}
        <div className="koers-form-row">
          {domains.map((d) => (
            <ChoiceField key={d} id={`meting-zr-${d}`} label={`Zelfredzaamheid ${domainLabel[d] ?? d}`} value={scores[d] ?? ''} onChange={(e) => setScores({ ...scores, [d]: e.target.value })} options={scale} empty="Niet gemeten" />
          ))}
        </div>
        {results && (
          <div className="koers-form-row">
            <ChoiceField id="meting-tevredenheid" label="Tevredenheid" value={tevredenheid} onChange={(e) => setTevredenheid(e.target.value)} options={{ '1': '1 – zeer ontevreden', '2': '2', '3': '3', '4': '4', '5': '5 – zeer tevreden' }} empty="Niet gevraagd" action={action} path="tevredenheid" />
            <ChoiceField id="meting-zonder-hulp" label="Kan zonder hulp verder" value={zonderHulp} onChange={(e) => setZonderHulp(e.target.value)} options={{ ja: 'ja', deels: 'deels', nee: 'nee' }} empty="Onbekend" action={action} path="zonderHulp" />
            <ChoiceField id="meting-vervolg" label="Vervolg" value={vervolg} onChange={(e) => setVervolg(e.target.value)} options={{ geen: 'geen hulp nodig', voorliggend: 'voorliggende voorziening', aanvullend: 'verdere aanvullende zorg' }} empty="Onbekend" action={action} path="vervolg" />
          </div>
        )}
        <Field id="meting-toelichting" label="Toelichting" error={toelichtingState.error}>
          <Textarea
            id="meting-toelichting"
            value={toelichting}
            invalid={toelichtingState.error !== undefined}
            {...toelichtingState.aria}
            onChange={(e: ChangeEvent<HTMLTextAreaElement>) => {
              setToelichting(e.target.value)
              action.clearField('toelichting')
            }}
            rows={2}
          />
        </Field>
        <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
          Meting opslaan
        </Button>
      </form>
      <ActionResult action={action} />
    </section>
  )
}

function MeasurementImport({ onDone }: { onDone: () => void }) {
  const action = useAction()
  const upload = (file: File) =>
    void action.run(async () => {
      const r = await api<{ rows: number; created: number; corrected: number }>('/outcomes/import', { method: 'POST', body: await fileBody(file) })
      onDone()
      return `${r.rows} meting(en) ingelezen: ${r.created} nieuw, ${r.corrected} gecorrigeerd.`
    })
  return (
    <section aria-labelledby="uitkomsten-import">
      <Heading2 id="uitkomsten-import">Metingen inlezen</Heading2>
      <Paragraph>
        Een CSV- of Excel-bestand met de kolommen <code>gemeente; wet; toewijzingnummer; moment; datum</code> en desgewenst <code>doelen</code> (per doel, bijv. <code>behaald|deels</code>), <code>tevredenheid</code>, <code>zonder_hulp</code>, <code>vervolg</code>, <code>zelfredzaamheid</code> (bijv. <code>participatie=4</code>) en <code>toelichting</code>. Geen BSN. Alle regels of geen: een fout noemt de regel.
      </Paragraph>
      <input aria-label="Bestand met metingen" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => e.target.files?.[0] && upload(e.target.files[0])} />
      <ActionResult action={action} />
    </section>
  )
}
