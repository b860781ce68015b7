import { Button, Heading1, Heading2, Paragraph, Textarea } from '@utrecht/component-library-react'
import { type ChangeEvent, type FormEvent, useState } from 'react'
import type { WorklistRow, WorklistSortKey } from '../../../src/outcomes/measurement.queries.ts'
import type { Segment } from '../../../src/segments/segment.queries.ts'
import type { z } from 'zod'
import { measurementInputSchema } from '../../../src/outcomes/measurement.schema.ts'
import { spreadsheetUploadSchema } from '../../../src/shared/request.schema.ts'
import { type Me, fileBody, post } from '../lib/api.ts'

type MeasurementBody = z.input<typeof measurementInputSchema>
type Doelresultaat = NonNullable<MeasurementBody['doelen']>[number]['resultaat']
import { ChoiceField, Field, FileField, SPREADSHEET_FILES, fieldState } from '../components/fields.tsx'
import { DateField } from '../components/DateField.tsx'
import { datumFouten } from '../lib/date-nl.ts'
import { ActionResult, useAction } from '../hooks/useAction.tsx'
import { formatDate } from '../lib/format.ts'
import { useApi } from '../hooks/useApi.ts'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import type { SortState } from '../components/table-model.ts'
import { today } from '../../../src/shared/dates.ts'

interface WorklistPage {
  total: number
  limit: number
  offset: number
  items: WorklistRow[]
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
  const [datum, setDatum] = useState(today())
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
    Object.assign(wrong, datumFouten({ gemetenOp: ['Gemeten op', datum] }))
    const open = results ? doelen.flatMap((d, i) => (d === '' ? [i + 1] : [])) : []
    if (open.length > 0) wrong.doelen = open.length === 1 ? `Geef het resultaat van doel ${open[0]}.` : `Geef het resultaat van elk doel (nog open: ${open.join(', ')}).`
    return wrong
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    // The choices' values are the schema's own; it checks them before anything is sent.
    const body: MeasurementBody = {
      toewijzingId: row.toewijzingId,
      moment: moment as MeasurementBody['moment'],
      gemetenOp: datum,
      doelen: results ? doelen.map((resultaat, doel) => ({ doel, resultaat: resultaat as Doelresultaat })) : [],
      zelfredzaamheid: Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== '').map(([k, v]) => [k, Number(v)])),
      tevredenheid: results && tevredenheid !== '' ? Number(tevredenheid) : null,
      zonderHulp: results && zonderHulp !== '' ? (zonderHulp as MeasurementBody['zonderHulp']) : null,
      vervolg: results && vervolg !== '' ? (vervolg as MeasurementBody['vervolg']) : null,
      toelichting,
    }
    void action.send(measurementInputSchema, body, post('/outcomes'), () => {
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
          <DateField action={action} path="gemetenOp" label="Gemeten op" value={datum} onChange={setDatum} required />
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
  const action = useAction({ csv: 'metingen-bestand' }, { field: 'csv' })
  const upload = (file: File) =>
    void fileBody(file).then((body) =>
      action.send(spreadsheetUploadSchema, body, post<{ rows: number; created: number; corrected: number }>('/outcomes/import'), (r) => {
        onDone()
        return `${r.rows} meting(en) ingelezen: ${r.created} nieuw, ${r.corrected} gecorrigeerd.`
      }),
    )
  return (
    <section aria-labelledby="uitkomsten-import">
      <Heading2 id="uitkomsten-import">Metingen inlezen</Heading2>
      <Paragraph>
        Een CSV- of Excel-bestand met de kolommen <code>gemeente; wet; toewijzingnummer; moment; datum</code> en desgewenst <code>doelen</code> (per doel, bijv. <code>behaald|deels</code>), <code>tevredenheid</code>, <code>zonder_hulp</code>, <code>vervolg</code>, <code>zelfredzaamheid</code> (bijv. <code>participatie=4</code>) en <code>toelichting</code>. Geen BSN. Alle regels of geen: een fout noemt de regel.
      </Paragraph>
      <FileField action={action} path="csv" id="metingen-bestand" label="Bestand met metingen (CSV of Excel)" accept={SPREADSHEET_FILES} onFile={upload} disabled={action.busy} />
      <ActionResult action={action} />
    </section>
  )
}
