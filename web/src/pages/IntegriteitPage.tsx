import { Button, Heading1, Heading2, Paragraph, StatusBadge } from '@utrecht/component-library-react'
import { type FormEvent, useState } from 'react'
import { instellingSchema } from '../../../src/integriteit/integriteit.schema.ts'
import { spreadsheetUploadSchema } from '../../../src/shared/request.schema.ts'
import { type Me, fileBody, may, post } from '../lib/api.ts'
import { useApi } from '../hooks/useApi.ts'
import { ActionResult, useAction, verplicht } from '../hooks/useAction.tsx'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import { FileField, SPREADSHEET_FILES, TextField } from '../components/fields.tsx'
import { Failure } from '../components/Failure.tsx'
import { IntegriteitRegister } from '../components/IntegriteitRegister.tsx'
import { pct, ratioText } from '../components/IntegriteitFormats.tsx'
import { formatMomentDate } from '../lib/format.ts'

/** A number as typed, with a decimal comma. */
const getal = (x: string) => Number(x.replace(',', '.'))

interface Overzicht {
  id: number
  naam: string
  agbCode: string
  registraties: number
  laatsteJaar: number | null
  ratios: { marge: number | null; solvabiliteit: number | null; currentRatio: number | null; aandeelRegio: number | null; aandeelInhuur: number | null } | null
  lopendeSignalen: number | null
  betalingOpschorten: boolean
}

/** `#/integriteit`: a provider completes its own register; the region, the toezichthouder and a gemeente see every provider's. */
export function IntegriteitPage({ me }: { me: Me }) {
  if (me.providerId !== null) {
    return (
      <>
        <Heading1>Integriteit</Heading1>
        <Paragraph>Uw integriteitsregister en jaarverantwoording voor de regio: meld uw UBO (art. 3.15) en maatregelen van toezichthouders (art. 3.10.3), leg uw VOG-verklaring, keurmerk en intern toezicht vast en lees uw jaarverantwoording in.</Paragraph>
        <IntegriteitRegister providerId={me.providerId} me={me} />
        <JaarrekeningImport />
      </>
    )
  }
  return <Overview me={me} />
}

function Overview({ me }: { me: Me }) {
  const { data, error, reload } = useApi<Overzicht[]>('/integriteit/providers')
  const columns: DataColumn<Overzicht>[] = [
    { key: 'naam', header: 'Aanbieder', value: (p) => p.naam, render: (p) => <a href={`#/integriteit/${p.id}`}>{p.naam}</a> },
    { key: 'agb', header: 'AGB-code', value: (p) => p.agbCode },
    { key: 'registraties', header: 'Registraties', kind: 'number', value: (p) => p.registraties },
    { key: 'jaar', header: 'Laatste jaar', value: (p) => (p.laatsteJaar === null ? '–' : String(p.laatsteJaar)) },
    { key: 'marge', header: 'Marge', value: (p) => pct(p.ratios?.marge ?? null) },
    { key: 'solvabiliteit', header: 'Solvabiliteit', value: (p) => pct(p.ratios?.solvabiliteit ?? null) },
    { key: 'current', header: 'Current ratio', value: (p) => ratioText(p.ratios?.currentRatio ?? null) },
    { key: 'signalen', header: 'Lopende signalen', kind: 'number', value: (p) => p.lopendeSignalen ?? 0 },
    { key: 'betaling', header: 'Betaling', value: (p) => (p.betalingOpschorten ? 'opschorten' : 'normaal'), render: (p) => (p.betalingOpschorten ? <StatusBadge status="danger">opschorten</StatusBadge> : 'normaal') },
  ]
  return (
    <>
      <Heading1>Integriteit en financiële gezondheid</Heading1>
      <Paragraph>Per aanbieder het integriteitsregister (UBO, Bibob, VOG, toezicht, keurmerk, intern toezicht, toelating) en de jaarverantwoording met kengetallen. Zie ook de <a href="#/integriteitssignalen">integriteitssignalen</a>.</Paragraph>
      <Failure message={error} />
      <DataTable caption="Aanbieders" columns={columns} rows={data} rowKey={(p) => p.id} exportName="integriteit-aanbieders" />
      {may(me, 'integriteit.write') && <JaarrekeningImport onDone={reload} />}
      {may(me, 'integriteit.beheer') && <SanctielijstImport onDone={reload} />}
      {may(me, 'integriteit.beheer') && <Instellingen />}
    </>
  )
}

function JaarrekeningImport({ onDone }: { onDone?: () => void }) {
  const action = useAction({ csv: 'jaarrekening-bestand' }, { field: 'csv' })
  const upload = (file: File) =>
    void fileBody(file).then((body) =>
      action.send(spreadsheetUploadSchema, body, post<{ rows: number }>('/integriteit/jaarrekeningen/import'), (r) => {
        onDone?.()
        return `${r.rows} jaarverantwoording(en) ingelezen; de kengetallen en signalen zijn bijgewerkt.`
      }),
    )
  return (
    <section aria-labelledby="jaarrekening-import">
      <Heading2 id="jaarrekening-import">Jaarverantwoording inlezen</Heading2>
      <Paragraph>
        Een CSV- of Excel-bestand zoals DigiMV, bedragen in euro's: <code>agb-code; boekjaar; opbrengsten; opbrengsten regio; personeelskosten; personeel niet in loondienst; resultaat; eigen vermogen; balanstotaal; vlottende activa; kortlopende schulden; dividend; betalingen verbonden partijen; ingediend op</code>. Alle regels of geen: een fout noemt de regel.
      </Paragraph>
      <FileField action={action} path="csv" id="jaarrekening-bestand" label="Bestand met jaarverantwoordingen (CSV of Excel)" accept={SPREADSHEET_FILES} onFile={upload} disabled={action.busy} />
      <ActionResult action={action} />
    </section>
  )
}

function SanctielijstImport({ onDone }: { onDone: () => void }) {
  const { data, reload } = useApi<{ sanctielijst: { regels: number; bron: string | null; geimporteerdOp: string | null } }>('/integriteit/settings')
  const action = useAction({ csv: 'sanctielijst-bestand' }, { field: 'csv' })
  const upload = (file: File) =>
    void fileBody(file).then((body) =>
      action.send(spreadsheetUploadSchema, body, post<{ regels: number }>('/integriteit/sanctielijst/import'), (r) => {
        reload()
        onDone()
        return `De sanctielijst is vervangen: ${r.regels} regel(s).`
      }),
    )
  const s = data?.sanctielijst
  return (
    <section aria-labelledby="sanctielijst-import">
      <Heading2 id="sanctielijst-import">Sanctielijst</Heading2>
      <Paragraph>
        {s && s.regels > 0 ? `${s.regels} regel(s) uit ${s.bron}, ingelezen ${formatMomentDate(s.geimporteerdOp!)}.` : 'Nog geen sanctielijst ingelezen.'} Kolommen <code>naam; geboortedatum; kvk-nummer</code>: een persoon wordt getoetst op naam en geboortedatum, een organisatie op naam en KvK-nummer, nooit op naam alleen.
      </Paragraph>
      <FileField action={action} path="csv" id="sanctielijst-bestand" label="Sanctielijst (CSV of Excel)" accept={SPREADSHEET_FILES} onFile={upload} disabled={action.busy} />
      <ActionResult action={action} />
    </section>
  )
}

interface Instelling {
  maxWinstPct: number
  minSolvabiliteitPct: number
  minCurrentRatio: number
  maxInhuurPct: number
}

function Instellingen() {
  const { data } = useApi<Instelling>('/integriteit/settings')
  const [values, setValues] = useState<Record<keyof Instelling, string> | null>(null)
  const action = useAction({ maxWinstPct: 'inst-winst', minSolvabiliteitPct: 'inst-solv', minCurrentRatio: 'inst-cr', maxInhuurPct: 'inst-inhuur' })
  if (!data) return null
  const v = values ?? { maxWinstPct: String(data.maxWinstPct), minSolvabiliteitPct: String(data.minSolvabiliteitPct), minCurrentRatio: String(data.minCurrentRatio), maxInhuurPct: String(data.maxInhuurPct) }
  const set = (key: keyof Instelling) => (x: string) => setValues({ ...v, [key]: x })
  const save = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      instellingSchema,
      { maxWinstPct: getal(v.maxWinstPct), minSolvabiliteitPct: getal(v.minSolvabiliteitPct), minCurrentRatio: getal(v.minCurrentRatio), maxInhuurPct: getal(v.maxInhuurPct) },
      post('/integriteit/settings'),
      () => {
        return 'De grenzen zijn vastgelegd; de signalen worden bijgewerkt.'
      },
      () => verplicht({ maxWinstPct: ['het maximale winstpercentage', v.maxWinstPct], minSolvabiliteitPct: ['de ondergrens solvabiliteit', v.minSolvabiliteitPct], minCurrentRatio: ['de ondergrens current ratio', v.minCurrentRatio], maxInhuurPct: ['de grens voor inhuur', v.maxInhuurPct] }),
    )
  }
  return (
    <form onSubmit={save} noValidate aria-labelledby="instellingen-kop">
      <Heading2 id="instellingen-kop">Grenzen van de signalen</Heading2>
      <div className="koers-form-row">
        <TextField action={action} path="maxWinstPct" id="inst-winst" label="Maximale winst (% van de omzet), tenzij het contract een eigen maximum heeft" inputMode="decimal" required value={v.maxWinstPct} onChange={set('maxWinstPct')} />
        <TextField action={action} path="minSolvabiliteitPct" id="inst-solv" label="Ondergrens solvabiliteit (%)" inputMode="decimal" required value={v.minSolvabiliteitPct} onChange={set('minSolvabiliteitPct')} />
        <TextField action={action} path="minCurrentRatio" id="inst-cr" label="Ondergrens current ratio" inputMode="decimal" required value={v.minCurrentRatio} onChange={set('minCurrentRatio')} />
        <TextField action={action} path="maxInhuurPct" id="inst-inhuur" label="Grens aandeel inhuur (%)" inputMode="decimal" required value={v.maxInhuurPct} onChange={set('maxInhuurPct')} />
      </div>
      <Button type="submit" appearance="secondary-action-button" disabled={action.busy}>
        Grenzen vastleggen
      </Button>
      <ActionResult action={action} />
    </form>
  )
}
