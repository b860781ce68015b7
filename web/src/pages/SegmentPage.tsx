/**
 * Is the strategy working? (issue 7) The segment page with its four instruments, its targets
 * and their progress, its KPIs per provider side by side and per quarter. Every figure says
 * what it means (the KPI's doc line) and small counts show as "< 5".
 */
import { Button, Heading1, Heading2, Heading3, Paragraph, StatusBadge, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea } from '@utrecht/component-library-react'
import { type ChangeEvent, type FormEvent, type ReactNode, useState } from 'react'
import { Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { KpiValues } from '../../../src/kpis/kpi.queries.ts'
import type { SegmentOverview } from '../../../src/app/segment-overview.queries.ts'
import type { TargetWithProgress } from '../../../src/targets/target.queries.ts'
import type { Target } from '../../../src/targets/target.rules.ts'
import { type TargetInput, targetInputSchema } from '../../../src/targets/target.schema.ts'
import { type Me, may, post } from '../lib/api.ts'
import { ExportLinks } from '../components/ExportLinks.tsx'
import { ChoiceField, Field, fieldState, TextField } from '../components/fields.tsx'
import { DateField } from '../components/DateField.tsx'
import { datumFouten } from '../lib/date-nl.ts'
import { ActionResult, useAction } from '../hooks/useAction.tsx'
import { formatDate, formatInUnit, formatPercent } from '../lib/format.ts'
import { useApi } from '../hooks/useApi.ts'
import { instrumentLines, instrumentNames, wetLabel } from '../lib/instruments.ts'
import { chartColor } from '../theme/chart.ts'
import { Table } from '../components/Table.tsx'
import { ChartBox } from '../components/ChartBox.tsx'
import { type KpiCode, KpiText } from '../components/KpiText.tsx'
import { thisYear, periodQuery, YearChoice } from '../components/YearSelect.tsx'

type Catalogue = SegmentOverview['kpis']

const statusLabel: Record<string, string> = { op_koers: 'Op koers', niet_op_koers: 'Niet op koers', behaald: 'Behaald', niet_behaald: 'Niet behaald', onbekend: 'Nog niet te zeggen' }

const statusBadge: Record<string, string> = { op_koers: 'success', behaald: 'success', niet_op_koers: 'danger', niet_behaald: 'danger', onbekend: 'neutral' }

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
    // A date field holding text that is no date says so; dates are compared only when all three are dates.
    const dates = datumFouten({ basisVan: ['Basisperiode van', f.basisVan], basisTot: ['Basisperiode t/m', f.basisTot], doelDatum: ['Doeldatum', f.doelDatum] })
    const wrong: Record<string, string> = {}
    if (f.naam.trim() === '') wrong.naam = 'Geef het doel een naam.'
    if (f.basisVan === '') wrong.basisVan = 'Vul de eerste dag van de basisperiode in.'
    if (f.basisTot === '') wrong.basisTot = 'Vul de laatste dag van de basisperiode in.'
    else if (f.basisVan !== '' && f.basisTot < f.basisVan) wrong.basisTot = 'De basisperiode eindigt vóór ze begint.'
    if (f.basisWaarde.trim() !== '' && !Number.isFinite(number(f.basisWaarde))) wrong.basisWaarde = 'Vul een getal in, of laat het veld leeg om de basis te meten.'
    if (f.doelPct.trim() === '' || !Number.isFinite(number(f.doelPct))) wrong.doelRelatiefPct = 'Vul de verandering in procenten in, bijvoorbeeld -20.'
    if (f.doelDatum === '') wrong.doelDatum = 'Vul de datum in waarop het doel bereikt moet zijn.'
    else if (f.basisTot !== '' && f.doelDatum <= f.basisTot) wrong.doelDatum = 'De doeldatum ligt na de basisperiode.'
    if (Object.keys(dates).length > 0) {
      delete wrong.basisTot
      delete wrong.doelDatum
    }
    return { ...wrong, ...dates }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const body = { segmentId, kpi: f.kpi as TargetInput['kpi'], naam: f.naam, basisVan: f.basisVan, basisTot: f.basisTot, ...(f.basisWaarde.trim() === '' ? {} : { basisWaarde: number(f.basisWaarde) }), doelRelatiefPct: number(f.doelPct), doelDatum: f.doelDatum, richting: f.richting as TargetInput['richting'], bron: f.bron }
    void action.send(targetInputSchema, body, post<Target>('/targets'), (t) => {
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
        <DateField action={action} path="basisVan" label="Basisperiode van" value={f.basisVan} onChange={value('basisVan')} required />
        <DateField action={action} path="basisTot" label="t/m" value={f.basisTot} onChange={value('basisTot')} required />
        <TextField action={action} path="basisWaarde" label="Basiswaarde (leeg: gemeten)" inputMode="decimal" value={f.basisWaarde} onChange={value('basisWaarde')} />
        <TextField action={action} path="doelRelatiefPct" label="Verandering (%)" inputMode="decimal" value={f.doelPct} onChange={value('doelPct')} required />
        <DateField action={action} path="doelDatum" label="Doeldatum" value={f.doelDatum} onChange={value('doelDatum')} required />
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
