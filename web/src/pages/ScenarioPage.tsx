import { Button, Heading1, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react'
import { type FormEvent, useEffect, useState } from 'react'
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Comparison, KeptScenario } from '../../../src/scenarios/scenario.queries.ts'
import type { LeverInput } from '../../../src/scenarios/levers.rules.ts'
import type { ModelUitleg } from '../../../src/scenarios/model-uitleg.rules.ts'
import { type KpiCode, kpiByCode } from '../../../src/kpis/kpi.rules.ts'
import { type ScenarioSpecInput, scenarioInputSchema, scenarioSpecSchema } from '../../../src/scenarios/scenario.schema.ts'
import { euroToCents } from '../../../src/shared/money.ts'
import { ChartBox } from '../components/ChartBox.tsx'
import { DataTable } from '../components/DataTable.tsx'
import { DateField } from '../components/DateField.tsx'
import { ChoiceField, TextField } from '../components/fields.tsx'
import { euroTick } from '../components/BudgetFigures.tsx'
import { ActionResult, ask, useAction, verplicht } from '../hooks/useAction.tsx'
import { useApi } from '../hooks/useApi.ts'
import { type Me, foutTekst, may, post } from '../lib/api.ts'
import { formatCount, formatEuro, formatInUnit, formatMoment, formatNumber } from '../lib/format.ts'
import { chartColor } from '../theme/chart.ts'

interface Region {
  gemeenten: { id: number; name: string }[]
  segments: { id: number; name: string; parentId?: number | null }[]
  providers: { id: number; name: string }[]
}

/** The first day of next month: the earliest start of a scenario. */
function nextMonth(): string {
  const d = new Date()
  const m = d.getMonth() + 2
  return m > 12 ? `${d.getFullYear() + 1}-01-01` : `${d.getFullYear()}-${String(m).padStart(2, '0')}-01`
}

/** The levers as the page holds them: text fields, '' for a lever not set. */
interface LeverFields {
  instroom: string
  voorliggend: string
  voorliggendKosten: string
  maxDuur: string
  tariefOva: string
  tariefPpc: string
  bestedingsruimte: string
  taakgericht: string
  trajectprijs: string
  aanbieder: string
}
const noLevers: LeverFields = { instroom: '', voorliggend: '', voorliggendKosten: '', maxDuur: '', tariefOva: '', tariefPpc: '', bestedingsruimte: '', taakgericht: '', trajectprijs: '', aanbieder: '' }
const num = (s: string) => Number(s.replace(',', '.'))
const given = (s: string) => s.trim() !== '' && Number.isFinite(num(s))

/** The levers the fields say, or the first field that is not a number. */
function leversOf(f: LeverFields): LeverInput[] {
  const out: LeverInput[] = []
  if (given(f.instroom)) out.push({ soort: 'instroom', pct: num(f.instroom) })
  if (given(f.voorliggend)) out.push({ soort: 'voorliggend', pct: num(f.voorliggend), kostenPerPersoonCents: euroToCents(f.voorliggendKosten) ?? 0 })
  if (given(f.maxDuur)) out.push({ soort: 'maximale_duur', maanden: Math.round(num(f.maxDuur)) })
  if (given(f.tariefOva) || given(f.tariefPpc)) out.push({ soort: 'tariefindex', ovaPct: given(f.tariefOva) ? num(f.tariefOva) : 0, ppcPct: given(f.tariefPpc) ? num(f.tariefPpc) : 0 })
  if (f.bestedingsruimte.trim() !== '' && euroToCents(f.bestedingsruimte) !== null) out.push({ soort: 'bestedingsruimte', perJaarCents: euroToCents(f.bestedingsruimte)! })
  if (f.taakgericht.trim() !== '' && euroToCents(f.taakgericht) !== null) out.push({ soort: 'naar_taakgericht', lumpsumPerJaarCents: euroToCents(f.taakgericht)! })
  else if (f.trajectprijs.trim() !== '' && euroToCents(f.trajectprijs) !== null) out.push({ soort: 'naar_outputgericht', trajectprijsCents: euroToCents(f.trajectprijs)! })
  if (f.aanbieder !== '') out.push({ soort: 'aanbieder_stopt', providerId: Number(f.aanbieder) })
  return out
}

/** Issue 22: what-if scenarios per segment beside the baseline, kept and exported. */
export function ScenarioPage({ me }: { me: Me }) {
  const { data: region } = useApi<Region>('/region')
  const { data: kept, reload } = useApi<KeptScenario[]>('/scenarios')
  const [segment, setSegment] = useState('')
  const [gemeente, setGemeente] = useState(me.gemeenteId ? String(me.gemeenteId) : '')
  const [startdatum, setStartdatum] = useState(nextMonth())
  const [fields, setFields] = useState<LeverFields>(noLevers)
  const [result, setResult] = useState<Comparison | null>(null)
  const [fout, setFout] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (k: keyof LeverFields) => (v: string) => setFields((f) => ({ ...f, [k]: v }))
  const spec = { segmentId: Number(segment), gemeenteId: gemeente === '' ? null : Number(gemeente), startdatum, jaren: 5, hefbomen: leversOf(fields) }
  const key = JSON.stringify(spec)

  // Recompute as a lever moves: the server keeps the fitted model, so this does not read the database again.
  useEffect(() => {
    if (segment === '' || !/^\d{4}-\d{2}-\d{2}$/.test(startdatum)) return
    let current = true
    const timer = setTimeout(() => {
      setBusy(true)
      ask(scenarioSpecSchema, spec, post<Comparison>('/scenarios/compute'))
        .then((r) => current && r !== null && (setResult(r), setFout(null)))
        .catch((e: unknown) => current && setFout(foutTekst(e)))
        .finally(() => current && setBusy(false))
    }, 250)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [key])

  if (!region) return <Paragraph>Laden…</Paragraph>
  const options = (xs: { id: number; name: string }[]) => Object.fromEntries(xs.map((x) => [String(x.id), x.name]))
  return (
    <>
      <Heading1>Scenario's</Heading1>
      <Paragraph>
        Wat gebeurt er met kosten, cliënten en doelen als u aan een knop draait? Kies een segment en zet maatregelen aan; het scenario staat meteen naast de basislijn. Het huidige jaar van de basislijn is de prognose van de budgetpagina&apos;s; latere jaren volgen uit het stroommodel (instroom, duur en kosten uit de afgelopen 24 maanden).
      </Paragraph>
      <form onSubmit={(e) => e.preventDefault()} noValidate aria-labelledby="keuze">
        <Heading2 id="keuze">Segment en maatregelen</Heading2>
        <div className="koers-form-grid">
          <ChoiceField id="s-segment" label="Segment" value={segment} onChange={(e) => setSegment(e.target.value)} options={options(region.segments)} empty="Kies een segment" required />
          <ChoiceField id="s-gemeente" label="Gemeente" value={gemeente} onChange={(e) => setGemeente(e.target.value)} options={options(me.gemeenteId ? region.gemeenten.filter((g) => g.id === me.gemeenteId) : region.gemeenten)} empty={me.gemeenteId ? undefined : 'Hele regio'} />
          <DateField id="s-start" label="Startdatum maatregelen" value={startdatum} onChange={setStartdatum} required />
          <TextField id="s-instroom" label="Instroom (± %)" inputMode="decimal" value={fields.instroom} onChange={set('instroom')} />
          <TextField id="s-voorliggend" label="Naar voorliggend veld (% van nieuwe aanvragen)" inputMode="decimal" value={fields.voorliggend} onChange={set('voorliggend')} />
          <TextField id="s-voorliggend-kosten" label="Kosten voorliggend veld per persoon (€)" inputMode="decimal" value={fields.voorliggendKosten} onChange={set('voorliggendKosten')} />
          <TextField id="s-maxduur" label="Maximale duur ontwikkelingstrajecten (maanden)" inputMode="numeric" value={fields.maxDuur} onChange={set('maxDuur')} />
          <TextField id="s-ova" label="Tariefindex: OVA (%, 90 % weging)" inputMode="decimal" value={fields.tariefOva} onChange={set('tariefOva')} />
          <TextField id="s-ppc" label="Tariefindex: PPC (%, 10 % weging)" inputMode="decimal" value={fields.tariefPpc} onChange={set('tariefPpc')} />
          <TextField id="s-bestedingsruimte" label="Bestedingsruimte per jaar (€)" inputMode="decimal" value={fields.bestedingsruimte} onChange={set('bestedingsruimte')} />
          <TextField id="s-taakgericht" label="Naar taakgericht: lumpsum per jaar (€)" inputMode="decimal" value={fields.taakgericht} onChange={set('taakgericht')} />
          <TextField id="s-trajectprijs" label="Naar outputgericht: prijs per traject (€)" inputMode="decimal" value={fields.trajectprijs} onChange={set('trajectprijs')} />
          <ChoiceField id="s-aanbieder" label="Aanbieder stopt" value={fields.aanbieder} onChange={(e) => set('aanbieder')(e.target.value)} options={options(region.providers)} empty="Geen" />
        </div>
      </form>
      <div aria-live="polite">
        {fout && <Paragraph className="koers-fout">{fout}</Paragraph>}
        {busy && <Paragraph className="koers-muted">Rekent…</Paragraph>}
      </div>
      {result && segment !== '' && <Comparison result={result} />}
      {result && segment !== '' && may(me, 'scenario.write') && <SaveForm spec={spec} onDone={reload} />}
      <section aria-labelledby="bewaard">
        <Heading2 id="bewaard">Bewaarde scenario&apos;s</Heading2>
        {!kept ? (
          <Paragraph>Laden…</Paragraph>
        ) : kept.length === 0 ? (
          <Paragraph>Nog geen bewaarde scenario&apos;s.</Paragraph>
        ) : (
          <DataTable
            caption="Bewaarde scenario's met hun maatregelen, modelversie en datum"
            rows={kept}
            rowKey={(s) => s.id}
            exportName="scenarios"
            columns={[
              { key: 'naam', header: 'Naam', value: (s) => s.naam },
              { key: 'segment', header: 'Segment', value: (s) => region.segments.find((x) => x.id === s.segmentId)?.name ?? '' },
              { key: 'gemeente', header: 'Gemeente', value: (s) => (s.gemeenteId === null ? 'Hele regio' : region.gemeenten.find((g) => g.id === s.gemeenteId)?.name ?? '') },
              { key: 'hefbomen', header: 'Maatregelen', value: (s) => String(s.hefbomen.length) },
              { key: 'model', header: 'Model', value: (s) => s.modelversie },
              { key: 'op', header: 'Bewaard', value: (s) => s.aangemaaktOp, render: (s) => `${formatMoment(s.aangemaaktOp)} door ${s.aangemaaktDoor}` },
              {
                key: 'download', header: 'Downloaden', sortable: false, value: () => '',
                render: (s) => (
                  <>
                    <a href={`/api/scenarios/${s.id}/export`} download>Excel<span className="koers-visually-hidden"> {s.naam}</span></a>{' '}
                    <a href={`/api/scenarios/${s.id}/pdf`} download>Raadsinformatie (PDF)<span className="koers-visually-hidden"> {s.naam}</span></a>
                  </>
                ),
              },
            ]}
          />
        )}
      </section>
    </>
  )
}

function Comparison({ result }: { result: Comparison }) {
  const rows = result.scenario.jaren.map((r, i) => {
    const b = result.baseline.jaren[i]!
    return { jaar: String(r.jaar), basisKosten: b.kostenCents, scenarioKosten: r.kostenCents, budget: r.budgetCents, basisInZorg: b.inZorgEinde, scenarioInZorg: r.inZorgEinde, r, b }
  })
  return (
    <section aria-labelledby="vergelijking">
      <Heading2 id="vergelijking">Scenario naast de basislijn</Heading2>
      <ChartBox className="koers-chart koers-chart--small" label="Lijndiagram: kosten per jaar van basislijn en scenario, met het budget">
        <ResponsiveContainer>
          <ComposedChart data={rows} margin={{ left: 30, right: 10, top: 10, bottom: 10 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="jaar" />
            <YAxis tickFormatter={euroTick} width={90} />
            <Tooltip formatter={(v) => formatEuro(Number(v))} />
            <Legend verticalAlign="top" />
            <Bar isAnimationActive={false} dataKey="budget" name="Budget" fill={chartColor[3]} />
            <Line isAnimationActive={false} dataKey="basisKosten" name="Kosten basislijn" stroke={chartColor[1]} />
            <Line isAnimationActive={false} dataKey="scenarioKosten" name="Kosten scenario" stroke={chartColor[2]} strokeDasharray="6 3" />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartBox>
      <ChartBox className="koers-chart koers-chart--small" kind="categories" label="Staafdiagram: cliënten in zorg op 31 december, basislijn en scenario">
        <ResponsiveContainer>
          <ComposedChart data={rows} margin={{ left: 10, right: 10, top: 10, bottom: 10 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="jaar" />
            <YAxis />
            <Tooltip />
            <Legend verticalAlign="top" />
            <Bar isAnimationActive={false} dataKey="basisInZorg" name="In zorg basislijn" fill={chartColor[1]} />
            <Bar isAnimationActive={false} dataKey="scenarioInZorg" name="In zorg scenario" fill={chartColor[2]} />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartBox>
      <DataTable
        caption="Per jaar: basislijn en scenario"
        rows={rows}
        rowKey={(x) => x.jaar}
        exportName="scenario-vergelijking"
        columns={[
          { key: 'jaar', header: 'Jaar', value: (x) => x.jaar },
          { key: 'basis', header: 'Kosten basislijn', kind: 'euro', value: (x) => x.basisKosten },
          { key: 'scenario', header: 'Kosten scenario', kind: 'euro', value: (x) => x.scenarioKosten },
          { key: 'budget', header: 'Budget', kind: 'euro', value: (x) => x.budget },
          { key: 'inzorg', header: 'In zorg (scenario)', kind: 'count', value: (x) => x.r.inZorg },
          { key: 'instroom', header: 'Instroom (scenario)', kind: 'count', value: (x) => x.r.instroom },
          { key: 'uitstroom', header: 'Uitstroom (scenario)', kind: 'count', value: (x) => x.r.uitstroom },
          { key: 'voorliggend', header: 'Voorliggend veld (scenario)', kind: 'euro', value: (x) => x.r.voorliggendKostenCents },
          { key: 'berichten', header: 'Berichten aanbieders per maand', value: (x) => String(x.r.berichtenAanbiedersPerMaand), render: (x) => `${formatNumber(x.b.berichtenAanbiedersPerMaand, 1, true)} → ${formatNumber(x.r.berichtenAanbiedersPerMaand, 1, true)}` },
        ]}
      />
      {result.scenario.doelen.length > 0 && (
        <DataTable
          caption="Strategiedoelen: het pad en het scenario per jaar"
          rows={result.scenario.doelen.flatMap((d) => d.jaren.map((j) => ({ ...j, naam: d.naam, eenheid: kpiByCode.get(d.kpi as KpiCode)?.eenheid ?? 'aantal', key: `${d.doelId}-${j.jaar}` })))}
          rowKey={(x) => x.key}
          exportName="scenario-doelen"
          columns={[
            { key: 'doel', header: 'Doel', value: (x) => x.naam },
            { key: 'jaar', header: 'Jaar', value: (x) => String(x.jaar) },
            // Each in its KPI's unit (euros, percent, count), as the targets' own page says them.
            { key: 'pad', header: 'Pad', kind: 'number', value: (x) => x.pad, render: (x) => formatInUnit(x.eenheid, x.pad) },
            { key: 'waarde', header: 'Scenario', kind: 'number', value: (x) => x.waarde, render: (x) => (x.waarde === null ? 'niet gemodelleerd' : formatInUnit(x.eenheid, x.waarde)) },
          ]}
        />
      )}
      {result.uitleg && <ModelExplanation uitleg={result.uitleg} />}
      <Paragraph className="koers-muted">
        Model {result.modelversie}, cijfers tot en met {result.peildatum}. Aantallen onder 5 worden niet getoond ({formatCount(null)}).
      </Paragraph>
    </section>
  )
}

const perspectiefNaam: Record<ModelUitleg['perspectieven'][number]['perspectief'], string> = { ontwikkeling: 'Ontwikkeling', stabiliteit: 'Stabiliteit', onbekend: 'Onbekend (waargenomen beschikking)' }

/** How the model was fitted: the durations per perspective and the cost per traject-month of each product. */
function ModelExplanation({ uitleg }: { uitleg: ModelUitleg }) {
  return (
    <>
      <Heading3>Het model: duur per perspectief en kosten per product</Heading3>
      <Paragraph>
        De duur van de zorg is per perspectief van de beschikking geschat; een perspectief met te weinig trajecten volgt de duur van het hele segment. De kosten per cliëntmaand volgen uit de kosten per trajectmaand van elk product en de productmix.
        Een maximale duur geldt voor de ontwikkelingstrajecten.
      </Paragraph>
      <DataTable
        caption="Duur per perspectief"
        rows={uitleg.perspectieven}
        rowKey={(p) => p.perspectief}
        exportName="scenario-model-duur"
        columns={[
          { key: 'perspectief', header: 'Perspectief', value: (p) => perspectiefNaam[p.perspectief] },
          { key: 'trajecten', header: 'Trajecten', kind: 'count', value: (p) => p.trajecten },
          { key: 'mediaan', header: 'Mediane duur', value: (p) => (p.mediaanMaanden === null ? 'langer dan waargenomen' : `${p.mediaanMaanden} ${p.mediaanMaanden === 1 ? 'maand' : 'maanden'}`) },
          { key: 'instroom', header: 'Aandeel instroom', kind: 'percent', value: (p) => p.aandeelInstroomPct },
          { key: 'curve', header: 'Eigen duurcurve', value: (p) => (p.perspectief === 'onbekend' ? 'nee (segment)' : `in ${p.gemeentenEigenCurve} van ${p.gemeenten} ${p.gemeenten === 1 ? 'gemeente' : 'gemeenten'}`) },
        ]}
      />
      {uitleg.producten.length > 0 ? (
        <DataTable
          caption="Kosten per trajectmaand per product (laatste 12 volledige maanden)"
          rows={uitleg.producten}
          rowKey={(p) => p.productId}
          exportName="scenario-model-producten"
          columns={[
            { key: 'product', header: 'Product', value: (p) => `${p.code} ${p.naam}` },
            { key: 'variant', header: 'Variant', value: (p) => p.variant },
            { key: 'maanden', header: 'Trajectmaanden', kind: 'count', value: (p) => p.trajectmaanden },
            { key: 'kosten', header: 'Kosten per trajectmaand', kind: 'euro', value: (p) => p.kostenPerTrajectmaandCents },
            { key: 'aandeel', header: 'Aandeel trajectmaanden', kind: 'percent', value: (p) => p.aandeelPct },
          ]}
        />
      ) : (
        <Paragraph>De producten van de trajecten zijn niet bekend: het model rekent met één bedrag per cliëntmaand.</Paragraph>
      )}
      <Paragraph className="koers-muted">
        Gemiddeld {formatEuro(uitleg.kostenPerClientmaandCents)} per cliëntmaand
        {uitleg.overigPerClientmaandCents !== null && uitleg.overigPerClientmaandCents !== 0 ? `, waarvan ${formatEuro(uitleg.overigPerClientmaandCents)} zonder product (taakgerichte betalingen en dergelijke)` : ''}.
      </Paragraph>
    </>
  )
}

function SaveForm({ spec, onDone }: { spec: ScenarioSpecInput; onDone: () => void }) {
  const [naam, setNaam] = useState('')
  const action = useAction({ naam: 's-naam' })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      scenarioInputSchema,
      { ...spec, naam },
      post<{ id: number }>('/scenarios'),
      () => {
        onDone()
        return `Scenario "${naam}" bewaard.`
      },
      () => verplicht({ naam: ['de naam', naam] }),
    )
  }
  return (
    <section aria-labelledby="bewaren">
      <Heading2 id="bewaren">Scenario bewaren</Heading2>
      <Paragraph>Een bewaard scenario houdt zijn maatregelen, de modelversie en de datum, zodat het later naast de werkelijkheid kan worden gelegd.</Paragraph>
      <ActionResult action={action} />
      <form onSubmit={submit} noValidate>
        <TextField action={action} path="naam" label="Naam van het scenario" required value={naam} onChange={setNaam} />
        <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
          Bewaren
        </Button>
      </form>
    </section>
  )
}
