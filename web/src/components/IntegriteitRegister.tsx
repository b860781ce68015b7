/**
 * A provider's integrity and financial-health section (issue 21): the register with its entry
 * forms, the annual accounts with their ratios, the trend over the years (Recharts) and the
 * same-segment comparison, the signals about it, and the export for the account dossier.
 * Shown on the provider's own "Integriteit" page and on the region's page of one provider.
 */
import { Button, Heading2, Paragraph, StatusBadge, Textarea } from '@utrecht/component-library-react'
import { type ChangeEvent, type FormEvent, useState } from 'react'
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { type Ratios, RVT_GRENS_MET_VERBLIJF, RVT_GRENS_ZONDER_VERBLIJF, rvtVereist, toelatingsToetsen } from '../../../src/integriteit/integriteit.rules.ts'
import type { Registratie, Vergelijking } from '../../../src/integriteit/register.queries.ts'
import type { SectieJaarrekening as Jaarrekening } from '../../../src/integriteit/sectie.queries.ts'
import type { IntegriteitSignaal } from '../../../src/integriteit/signaal.queries.ts'
import { type RegistratieInput, registratieSchema } from '../../../src/integriteit/integriteit.schema.ts'
import { type Me, may, post } from '../lib/api.ts'
import { formatDate, formatEuro } from '../lib/format.ts'
import { useApi } from '../hooks/useApi.ts'
import { ActionResult, useAction, verplicht } from '../hooks/useAction.tsx'
import { chartColor } from '../theme/chart.ts'
import { ChartBox } from './ChartBox.tsx'
import { DataTable, type DataColumn } from './DataTable.tsx'
import { DateField } from './DateField.tsx'
import { ChoiceField, Field, TextField, fieldState } from './fields.tsx'
import { Failure } from './Failure.tsx'
import { ratioLabels, showRatio, signaalSoortLabels } from './IntegriteitFormats.tsx'
import { signaalStatusBadge, signaalStatusLabel } from './BudgetFigures.tsx'
import { today } from '../../../src/shared/dates.ts'

type ToezichtGegevens = Extract<RegistratieInput, { soort: 'toezicht' }>['gegevens']
type BibobGegevens = Extract<RegistratieInput, { soort: 'bibob' }>['gegevens']
type ToelatingGegevens = Extract<RegistratieInput, { soort: 'toelating' }>['gegevens']
const JA_NEE = { ja: 'ja', nee: 'nee' }
/** "Kies …." for each choice left empty, by API path (as `verplicht` for text). */
const kies = (fields: Record<string, [label: string, value: string]>): Record<string, string> => Object.fromEntries(Object.entries(fields).filter(([, [, v]]) => v === '').map(([path, [label]]) => [path, `Kies ${label}.`]))
/** A document reference, sent only when filled in. */
const documentVeld = (document: string) => (document.trim() ? { document } : {})

interface Sectie {
  provider: { id: number; name: string; kvkNumber: string }
  registraties: Registratie[]
  jaarrekeningen: Jaarrekening[]
  vergelijking: Vergelijking[]
  signalen: IntegriteitSignaal[]
  betalingOpschorten: boolean
}

const soortLabels: Record<Registratie['soort'], string> = { ubo: 'UBO-melding', bibob: 'Bibob', vog: 'VOG', toezicht: 'Bevinding toezichthouder', keurmerk: 'Keurmerk', rvt: 'Intern toezicht', toelating: 'Toelatingstoets' }
const janee = (b: unknown) => (b ? 'ja' : 'nee')

function inhoud(r: Registratie): string {
  const g = r.gegevens as Record<string, unknown>
  switch (r.soort) {
    case 'ubo':
      return `Identiteit vastgesteld: ${janee(g.identiteitVastgesteld)}; ${(g.personen as { naam: string }[]).map((p) => p.naam).join(', ') || 'geen UBO genoemd'}`
    case 'bibob':
      return `Advies LBB: ${String(g.lbbAdvies).replace('_', ' ')}; uitkomst: ${String(g.uitkomst)}${g.zienswijze ? `; zienswijze: ${String(g.zienswijze)}` : ''}`
    case 'vog':
      return `VOG aanwezig: ${janee(g.aanwezig)}${g.toelichting ? `; ${String(g.toelichting)}` : ''}`
    case 'toezicht':
      return `${String(g.bron)}: maatregel van ${formatDate(String(g.maatregelDatum))}, gemeld ${g.gemeldOp ? `op ${formatDate(String(g.gemeldOp))}` : 'niet'}; ${String(g.bevinding)}`
    case 'keurmerk':
      return `${String(g.naam)}${g.geldigTot ? `, geldig tot ${formatDate(String(g.geldigTot))}` : ''}`
    case 'rvt':
      return `Vereist: ${janee(g.vereist)}${typeof g.jeugdhulpverleners === 'number' ? ` (${g.jeugdhulpverleners} jeugdhulpverleners, ${g.verblijf ? 'met' : 'zonder'} verblijf)` : ''}; aanwezig: ${janee(g.aanwezig)}`
    case 'toelating':
      return `${String(g.toets)}: ${String(g.resultaat).replace('_', ' ')}`
  }
}

const registerColumns: DataColumn<Registratie>[] = [
  { key: 'datum', header: 'Datum', value: (r) => r.datum, render: (r) => formatDate(r.datum) },
  { key: 'soort', header: 'Soort', value: (r) => soortLabels[r.soort] },
  { key: 'wie', header: 'Betreft', value: (r) => r.onderaannemer ?? 'de aanbieder zelf' },
  { key: 'inhoud', header: 'Inhoud', value: (r) => inhoud(r) },
  { key: 'document', header: 'Document', value: (r) => r.document ?? '' },
  { key: 'door', header: 'Vastgelegd door', value: (r) => `${r.vastgelegdDoor}, ${formatDate(today(new Date(r.vastgelegdOp)))}` },
]

const ratioKeys = Object.keys(ratioLabels) as (keyof Ratios)[]
const accountColumns: DataColumn<Jaarrekening>[] = [
  { key: 'jaar', header: 'Jaar', kind: 'number', value: (j) => j.jaar, render: (j) => String(j.jaar) },
  { key: 'omzet', header: 'Omzet', kind: 'euro', value: (j) => j.omzetCents },
  { key: 'regio', header: 'Omzet regio', kind: 'euro', value: (j) => j.omzetRegioCents },
  { key: 'resultaat', header: 'Resultaat', kind: 'euro', value: (j) => j.resultaatCents },
  { key: 'dividend', header: 'Dividend', kind: 'euro', value: (j) => j.dividendCents },
  ...ratioKeys.map((k) => ({ key: k, header: ratioLabels[k], value: (j: Jaarrekening) => showRatio(k, j.ratios[k]) })),
  {
    key: 'maxWinst',
    header: 'Maximale winst',
    value: (j) => `${j.maxWinst.tekst}${j.maxWinst.boven ? ', overschreden' : ''}`,
    render: (j) => (
      <>
        {j.maxWinst.tekst}
        {j.maxWinst.boven && (
          <>
            {' '}
            <StatusBadge status="danger">overschreden</StatusBadge>
          </>
        )}
      </>
    ),
  },
]
const comparisonColumns: DataColumn<Vergelijking>[] = [
  { key: 'jaar', header: 'Jaar', kind: 'number', value: (v) => v.jaar, render: (v) => String(v.jaar) },
  { key: 'segment', header: 'Segment', value: (v) => v.segment },
  { key: 'aanbieders', header: 'Aanbieders', kind: 'number', value: (v) => v.aanbieders },
  ...ratioKeys.map((k) => ({ key: k, header: `Gemiddelde ${ratioLabels[k].toLowerCase()}`, value: (v: Vergelijking) => showRatio(k, v.gemiddeld[k]) })),
]

export function IntegriteitRegister({ providerId, me }: { providerId: number; me: Me }) {
  const { data, error, reload } = useApi<Sectie>(`/integriteit/providers/${providerId}`)
  if (error) return <Failure message={error} />
  if (!data) return <Paragraph>Laden…</Paragraph>
  const mayWrite = may(me, 'integriteit.write')
  const points = data.jaarrekeningen.map((j) => ({ jaar: String(j.jaar), marge: j.ratios.marge === null ? null : Math.round(j.ratios.marge * 1000) / 10, solvabiliteit: j.ratios.solvabiliteit === null ? null : Math.round(j.ratios.solvabiliteit * 1000) / 10 }))
  return (
    <>
      {data.betalingOpschorten && (
        <Paragraph>
          <StatusBadge status="danger">Betaling opschorten</StatusBadge> De UBO ontbreekt of staat op de sanctielijst (art. 3.15): betalingen aan deze aanbieder worden opgeschort.
        </Paragraph>
      )}
      <Paragraph>
        <a href={`/api/integriteit/providers/${providerId}/export?format=xlsx`}>Integriteit en financiële gezondheid als Excel</a> · <a href={`/api/integriteit/providers/${providerId}/export?format=csv`}>als CSV</a> (voor het accountdossier)
      </Paragraph>
      <section aria-labelledby="register-kop">
        <Heading2 id="register-kop">Register</Heading2>
        <DataTable caption={`Integriteitsregister ${data.provider.name}`} columns={registerColumns} rows={data.registraties} rowKey={(r) => r.id} exportName={`integriteitsregister-${providerId}`} empty="Nog niets vastgelegd." />
        {mayWrite && <UboForm providerId={providerId} onDone={reload} />}
        {mayWrite && <ToezichtForm providerId={providerId} onDone={reload} />}
        {may(me, 'integriteit.beheer') && <BibobForm providerId={providerId} onDone={reload} />}
        {mayWrite && <VogForm providerId={providerId} onDone={reload} />}
        {mayWrite && <KeurmerkForm providerId={providerId} onDone={reload} />}
        {mayWrite && <RvtForm providerId={providerId} onDone={reload} />}
        {may(me, 'integriteit.beheer') && <ToelatingForm providerId={providerId} onDone={reload} />}
      </section>
      <section aria-labelledby="jaarrekening-kop">
        <Heading2 id="jaarrekening-kop">Jaarverantwoording en kengetallen</Heading2>
        <Paragraph className="koers-muted">De winst (marge) wordt gehouden tegen het laagste maximum van de contracten die in dat jaar liepen; een contract zonder eigen maximum, of geen contract, telt met de regio-instelling.</Paragraph>
        <DataTable caption="Jaarverantwoordingen met kengetallen" columns={accountColumns} rows={data.jaarrekeningen} rowKey={(j) => j.jaar} exportName={`jaarrekeningen-${providerId}`} empty="Geen jaarverantwoording ingelezen." />
        {points.length > 0 && (
          <ChartBox kind="categories" label={`Marge en solvabiliteit per jaar: ${points.map((p) => `${p.jaar} marge ${p.marge ?? '–'} %, solvabiliteit ${p.solvabiliteit ?? '–'} %`).join('; ')}`}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={points}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="jaar" />
                <YAxis unit=" %" width={60} />
                <Tooltip />
                <Legend />
                <Line dataKey="marge" name="Marge (%)" stroke={chartColor[1]} strokeWidth={2} isAnimationActive={false} />
                <Line dataKey="solvabiliteit" name="Solvabiliteit (%)" stroke={chartColor[2]} strokeWidth={2} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </ChartBox>
        )}
        {data.vergelijking.length > 0 && <DataTable caption="Vergelijking met de aanbieders van hetzelfde segment" columns={comparisonColumns} rows={data.vergelijking} rowKey={(v) => `${v.jaar}-${v.segmentId}`} exportName={`vergelijking-${providerId}`} />}
        {data.jaarrekeningen.length > 0 && <Paragraph className="koers-muted">Laatste omzet: {formatEuro(data.jaarrekeningen.at(-1)!.omzetCents)}.</Paragraph>}
      </section>
      {may(me, 'integriteitsignaal.read') && (
        <section aria-labelledby="signalen-kop">
          <Heading2 id="signalen-kop">Signalen</Heading2>
          <DataTable
            caption={`Integriteitssignalen ${data.provider.name}`}
            columns={[
              { key: 'soort', header: 'Soort', value: (s: IntegriteitSignaal) => signaalSoortLabels[s.soort] },
              { key: 'titel', header: 'Signaal', value: (s: IntegriteitSignaal) => s.titel, render: (s: IntegriteitSignaal) => <a href={`#/integriteitssignalen?signaal=${s.id}`}>{s.titel}</a> },
              { key: 'status', header: 'Status', value: (s: IntegriteitSignaal) => signaalStatusLabel[s.status] ?? s.status, render: (s: IntegriteitSignaal) => <StatusBadge status={signaalStatusBadge[s.status]}>{signaalStatusLabel[s.status]}</StatusBadge> },
            ]}
            rows={data.signalen}
            rowKey={(s) => s.id}
            exportName={`integriteitssignalen-${providerId}`}
            empty="Geen signalen."
          />
        </section>
      )}
    </>
  )
}

/** The UBO report (art. 3.15): date, whether the identity is established, the UBO's name and date of birth, the document. */
function UboForm({ providerId, onDone }: { providerId: number; onDone: () => void }) {
  const [datum, setDatum] = useState('')
  const [naam, setNaam] = useState('')
  const [geboortedatum, setGeboortedatum] = useState('')
  const [document, setDocument] = useState('')
  const action = useAction({ datum: 'ubo-datum', 'gegevens.personen.0.naam': 'ubo-naam', 'gegevens.personen.0.geboortedatum': 'ubo-geboortedatum', document: 'ubo-document' })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      registratieSchema,
      { providerId, soort: 'ubo', datum, ...(document.trim() ? { document } : {}), gegevens: { identiteitVastgesteld: true, personen: [{ naam, geboortedatum }] } },
      post('/integriteit/entries'),
      () => {
        setNaam('')
        setGeboortedatum('')
        setDocument('')
        onDone()
        return 'De UBO-melding is vastgelegd.'
      },
      () => verplicht({ datum: ['de datum van de melding', datum], 'gegevens.personen.0.naam': ['de naam van de UBO', naam], 'gegevens.personen.0.geboortedatum': ['de geboortedatum van de UBO', geboortedatum] }),
    )
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="ubo-kop" className="koers-card">
      <Heading2 id="ubo-kop">UBO melden</Heading2>
      <div className="koers-form-row">
        <DateField action={action} path="datum" id="ubo-datum" label="Datum van de melding" value={datum} onChange={setDatum} required />
        <TextField action={action} path="gegevens.personen.0.naam" id="ubo-naam" label="Naam van de UBO" value={naam} onChange={setNaam} required />
        <DateField action={action} path="gegevens.personen.0.geboortedatum" id="ubo-geboortedatum" label="Geboortedatum van de UBO" value={geboortedatum} onChange={setGeboortedatum} required />
        <TextField action={action} path="document" id="ubo-document" label="Document (naam, kenmerk of URL)" value={document} onChange={setDocument} />
      </div>
      <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
        UBO-melding vastleggen
      </Button>
      <ActionResult action={action} />
    </form>
  )
}

/** A supervisor's measure as the provider reports it (art. 3.10.3 a): the 7-day term runs from the measure's date. */
function ToezichtForm({ providerId, onDone }: { providerId: number; onDone: () => void }) {
  const [bron, setBron] = useState('')
  const [maatregelDatum, setMaatregelDatum] = useState('')
  const [gemeldOp, setGemeldOp] = useState('')
  const [bevinding, setBevinding] = useState('')
  const action = useAction({ 'gegevens.bron': 'tz-bron', 'gegevens.maatregelDatum': 'tz-maatregel', 'gegevens.gemeldOp': 'tz-gemeld', 'gegevens.bevinding': 'tz-bevinding' })
  const fout = fieldState(action, 'gegevens.bevinding', 'tz-bevinding')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      registratieSchema,
      { providerId, soort: 'toezicht', datum: gemeldOp, gegevens: { bron: bron as ToezichtGegevens['bron'], maatregelDatum, gemeldOp, bevinding, maatregel: '' } },
      post('/integriteit/entries'),
      () => {
        setBevinding('')
        onDone()
        return 'De maatregel is vastgelegd.'
      },
      () => verplicht({ 'gegevens.bron': ['de toezichthouder', bron], 'gegevens.maatregelDatum': ['de datum van de maatregel', maatregelDatum], 'gegevens.gemeldOp': ['de datum van de melding', gemeldOp], 'gegevens.bevinding': ['de bevinding', bevinding] }),
    )
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="tz-kop" className="koers-card">
      <Heading2 id="tz-kop">Maatregel van een toezichthouder melden</Heading2>
      <Paragraph className="koers-muted">Binnen 7 kalenderdagen bij de GGD of de IGJ, direct bij andere toezichthouders (art. 3.10.3 a).</Paragraph>
      <div className="koers-form-row">
        <ChoiceField action={action} path="gegevens.bron" id="tz-bron" label="Toezichthouder" value={bron} onChange={(e) => setBron(e.target.value)} options={{ GGD: 'GGD (Wmo-toezicht)', IGJ: 'IGJ', NZa: 'NZa', anders: 'andere toezichthouder' }} empty="Kies" required />
        <DateField action={action} path="gegevens.maatregelDatum" id="tz-maatregel" label="Datum van de maatregel" value={maatregelDatum} onChange={setMaatregelDatum} required />
        <DateField action={action} path="gegevens.gemeldOp" id="tz-gemeld" label="Gemeld op" value={gemeldOp} onChange={setGemeldOp} required />
      </div>
      <Field id="tz-bevinding" label="Bevinding en maatregel" required error={fout.error}>
        <Textarea id="tz-bevinding" value={bevinding} invalid={fout.error !== undefined} {...fout.aria} aria-required onChange={(e: ChangeEvent<HTMLTextAreaElement>) => (setBevinding(e.target.value), action.clearField('gegevens.bevinding'))} rows={2} />
      </Field>
      <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
        Maatregel vastleggen
      </Button>
      <ActionResult action={action} />
    </form>
  )
}

/** A Bibob request and its outcome: the region's and the toezichthouder's. */
function BibobForm({ providerId, onDone }: { providerId: number; onDone: () => void }) {
  const [datum, setDatum] = useState('')
  const [advies, setAdvies] = useState('')
  const [uitkomst, setUitkomst] = useState('')
  const action = useAction({ datum: 'bibob-datum', 'gegevens.lbbAdvies': 'bibob-advies', 'gegevens.uitkomst': 'bibob-uitkomst' })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      registratieSchema,
      { providerId, soort: 'bibob', datum, gegevens: { lbbAdvies: advies as BibobGegevens['lbbAdvies'], uitkomst: uitkomst as BibobGegevens['uitkomst'] } },
      post('/integriteit/entries'),
      () => {
        onDone()
        return 'Het Bibob-onderzoek is vastgelegd.'
      },
      () => verplicht({ datum: ['de datum', datum], 'gegevens.lbbAdvies': ['het advies van het LBB', advies], 'gegevens.uitkomst': ['de uitkomst', uitkomst] }),
    )
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="bibob-kop" className="koers-card">
      <Heading2 id="bibob-kop">Bibob-onderzoek vastleggen</Heading2>
      <div className="koers-form-row">
        <DateField action={action} path="datum" id="bibob-datum" label="Datum" value={datum} onChange={setDatum} required />
        <ChoiceField action={action} path="gegevens.lbbAdvies" id="bibob-advies" label="Advies LBB" value={advies} onChange={(e) => setAdvies(e.target.value)} options={{ niet_gevraagd: 'niet gevraagd', geen_gevaar: 'geen gevaar', mindere_mate: 'mindere mate van gevaar', ernstige_mate: 'ernstig gevaar' }} empty="Kies" required />
        <ChoiceField action={action} path="gegevens.uitkomst" id="bibob-uitkomst" label="Uitkomst" value={uitkomst} onChange={(e) => setUitkomst(e.target.value)} options={{ lopend: 'lopend', positief: 'positief', negatief: 'negatief' }} empty="Kies" required />
      </div>
      <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
        Bibob vastleggen
      </Button>
      <ActionResult action={action} />
    </form>
  )
}

/** A VOG statement (verklaring omtrent het gedrag): the provider's own, or recorded by the region. */
function VogForm({ providerId, onDone }: { providerId: number; onDone: () => void }) {
  const [datum, setDatum] = useState('')
  const [aanwezig, setAanwezig] = useState('')
  const [toelichting, setToelichting] = useState('')
  const [document, setDocument] = useState('')
  const action = useAction({ datum: 'vog-datum', 'gegevens.aanwezig': 'vog-aanwezig', 'gegevens.toelichting': 'vog-toelichting', document: 'vog-document' })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      registratieSchema,
      { providerId, soort: 'vog', datum, ...documentVeld(document), gegevens: { aanwezig: aanwezig === 'ja', toelichting } },
      post('/integriteit/entries'),
      () => {
        setAanwezig('')
        setToelichting('')
        setDocument('')
        onDone()
        return 'De VOG-verklaring is vastgelegd.'
      },
      () => ({ ...verplicht({ datum: ['de datum van de verklaring', datum] }), ...kies({ 'gegevens.aanwezig': ['of de VOG aanwezig is', aanwezig] }) }),
    )
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="vog-kop" className="koers-card">
      <Heading2 id="vog-kop">VOG-verklaring vastleggen</Heading2>
      <div className="koers-form-row">
        <DateField action={action} path="datum" id="vog-datum" label="Datum van de verklaring" value={datum} onChange={setDatum} required />
        <ChoiceField action={action} path="gegevens.aanwezig" id="vog-aanwezig" label="VOG aanwezig" value={aanwezig} onChange={(e) => setAanwezig(e.target.value)} options={JA_NEE} empty="Kies" required />
        <TextField action={action} path="gegevens.toelichting" id="vog-toelichting" label="Toelichting (voor wie, welke functies)" value={toelichting} onChange={setToelichting} />
        <TextField action={action} path="document" id="vog-document" label="Document (naam, kenmerk of URL)" value={document} onChange={setDocument} />
      </div>
      <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
        VOG vastleggen
      </Button>
      <ActionResult action={action} />
    </form>
  )
}

/** A quality mark (keurmerk) with the date it is valid until, if any. */
function KeurmerkForm({ providerId, onDone }: { providerId: number; onDone: () => void }) {
  const [datum, setDatum] = useState('')
  const [naam, setNaam] = useState('')
  const [geldigTot, setGeldigTot] = useState('')
  const [document, setDocument] = useState('')
  const action = useAction({ datum: 'km-datum', 'gegevens.naam': 'km-naam', 'gegevens.geldigTot': 'km-geldig', document: 'km-document' })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      registratieSchema,
      { providerId, soort: 'keurmerk', datum, ...documentVeld(document), gegevens: { naam, geldigTot: geldigTot === '' ? null : geldigTot } },
      post('/integriteit/entries'),
      () => {
        setNaam('')
        setGeldigTot('')
        setDocument('')
        onDone()
        return 'Het keurmerk is vastgelegd.'
      },
      () => ({
        ...verplicht({ datum: ['de datum van het certificaat', datum], 'gegevens.naam': ['de naam van het keurmerk', naam] }),
        ...(geldigTot !== '' && datum !== '' && geldigTot < datum ? { 'gegevens.geldigTot': 'Geldig tot mag niet voor de datum van het certificaat liggen.' } : {}),
      }),
    )
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="km-kop" className="koers-card">
      <Heading2 id="km-kop">Keurmerk vastleggen</Heading2>
      <div className="koers-form-row">
        <DateField action={action} path="datum" id="km-datum" label="Datum van het certificaat" value={datum} onChange={setDatum} required />
        <TextField action={action} path="gegevens.naam" id="km-naam" label="Keurmerk (bijvoorbeeld ISO 9001, HKZ)" value={naam} onChange={setNaam} required />
        <DateField action={action} path="gegevens.geldigTot" id="km-geldig" label="Geldig tot" value={geldigTot} onChange={setGeldigTot} />
        <TextField action={action} path="document" id="km-document" label="Document (naam, kenmerk of URL)" value={document} onChange={setDocument} />
      </div>
      <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
        Keurmerk vastleggen
      </Button>
      <ActionResult action={action} />
    </form>
  )
}

const verblijfKeuzes = { met: 'jeugdhulp met verblijf', zonder: 'jeugdhulp zonder verblijf', geen: 'geen jeugdhulp (alleen Wmo)' }

/**
 * The internal supervisory body (raad van toezicht): required for youth care above the threshold
 * of the Wet verbetering beschikbaarheid jeugdzorg, and present or not. The form says whether it
 * is required from the kind of care and the number of jeugdhulpverleners, as the API checks.
 */
function RvtForm({ providerId, onDone }: { providerId: number; onDone: () => void }) {
  const [datum, setDatum] = useState('')
  const [verblijf, setVerblijf] = useState('')
  const [aantal, setAantal] = useState('')
  const [aanwezig, setAanwezig] = useState('')
  const [document, setDocument] = useState('')
  const action = useAction({ datum: 'rvt-datum', 'gegevens.verblijf': 'rvt-verblijf', 'gegevens.jeugdhulpverleners': 'rvt-aantal', 'gegevens.aanwezig': 'rvt-aanwezig', 'gegevens.vereist': 'rvt-aantal', document: 'rvt-document' })
  const jeugdhulp = verblijf === 'met' || verblijf === 'zonder'
  const n = aantal.trim() === '' ? NaN : Number(aantal.trim())
  const vereist = jeugdhulp && Number.isInteger(n) && n >= 0 ? rvtVereist(verblijf === 'met', n) : null
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      registratieSchema,
      { providerId, soort: 'rvt', datum, ...documentVeld(document), gegevens: { vereist: vereist ?? false, aanwezig: aanwezig === 'ja', ...(jeugdhulp ? { verblijf: verblijf === 'met', jeugdhulpverleners: n } : {}) } },
      post('/integriteit/entries'),
      () => {
        setDocument('')
        onDone()
        return 'Het intern toezicht is vastgelegd.'
      },
      () => ({
        ...verplicht({ datum: ['de datum', datum], ...(jeugdhulp ? { 'gegevens.jeugdhulpverleners': ['het aantal jeugdhulpverleners', aantal] } : {}) }),
        ...kies({ 'gegevens.verblijf': ['welke zorg de aanbieder biedt', verblijf], 'gegevens.aanwezig': ['of er een intern toezichtsorgaan is', aanwezig] }),
      }),
    )
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="rvt-kop" className="koers-card">
      <Heading2 id="rvt-kop">Intern toezicht vastleggen</Heading2>
      <Paragraph className="koers-muted">
        Wet verbetering beschikbaarheid jeugdzorg: een raad van toezicht of ander intern toezichtsorgaan is vereist bij meer dan {RVT_GRENS_MET_VERBLIJF} jeugdhulpverleners met verblijf, of meer dan {RVT_GRENS_ZONDER_VERBLIJF} zonder verblijf.
      </Paragraph>
      <div className="koers-form-row">
        <DateField action={action} path="datum" id="rvt-datum" label="Datum" value={datum} onChange={setDatum} required />
        <ChoiceField action={action} path="gegevens.verblijf" id="rvt-verblijf" label="Zorg" value={verblijf} onChange={(e) => setVerblijf(e.target.value)} options={verblijfKeuzes} empty="Kies" required />
        {jeugdhulp && <TextField action={action} path="gegevens.jeugdhulpverleners" id="rvt-aantal" label="Aantal jeugdhulpverleners" inputMode="numeric" value={aantal} onChange={setAantal} required />}
        <ChoiceField action={action} path="gegevens.aanwezig" id="rvt-aanwezig" label="Intern toezichtsorgaan aanwezig" value={aanwezig} onChange={(e) => setAanwezig(e.target.value)} options={JA_NEE} empty="Kies" required />
        <TextField action={action} path="document" id="rvt-document" label="Document (naam, kenmerk of URL)" value={document} onChange={setDocument} />
      </div>
      <Paragraph aria-live="polite">{verblijf === 'geen' ? 'Intern toezicht is niet vereist: de wet geldt voor jeugdhulp.' : vereist === null ? '' : vereist ? 'Intern toezicht is vereist.' : 'Intern toezicht is niet vereist.'}</Paragraph>
      <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
        Intern toezicht vastleggen
      </Button>
      <ActionResult action={action} />
    </form>
  )
}

/** A check of the admission procedure (toelatingsprocedure) and its result: the region's and the toezichthouder's. */
function ToelatingForm({ providerId, onDone }: { providerId: number; onDone: () => void }) {
  const [datum, setDatum] = useState('')
  const [toets, setToets] = useState('')
  const [resultaat, setResultaat] = useState('')
  const [document, setDocument] = useState('')
  const action = useAction({ datum: 'tl-datum', 'gegevens.toets': 'tl-toets', 'gegevens.resultaat': 'tl-resultaat', document: 'tl-document' })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      registratieSchema,
      { providerId, soort: 'toelating', datum, ...documentVeld(document), gegevens: { toets, resultaat: resultaat as ToelatingGegevens['resultaat'] } },
      post('/integriteit/entries'),
      () => {
        setToets('')
        setResultaat('')
        setDocument('')
        onDone()
        return 'De toelatingstoets is vastgelegd.'
      },
      () => ({ ...verplicht({ datum: ['de datum van de toets', datum] }), ...kies({ 'gegevens.toets': ['de toets', toets], 'gegevens.resultaat': ['het resultaat', resultaat] }) }),
    )
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="tl-kop" className="koers-card">
      <Heading2 id="tl-kop">Toelatingstoets vastleggen</Heading2>
      <div className="koers-form-row">
        <DateField action={action} path="datum" id="tl-datum" label="Datum van de toets" value={datum} onChange={setDatum} required />
        <ChoiceField action={action} path="gegevens.toets" id="tl-toets" label="Toets" value={toets} onChange={(e) => setToets(e.target.value)} options={Object.fromEntries(toelatingsToetsen.map((t) => [t, t]))} empty="Kies" required />
        <ChoiceField action={action} path="gegevens.resultaat" id="tl-resultaat" label="Resultaat" value={resultaat} onChange={(e) => setResultaat(e.target.value)} options={{ voldaan: 'voldaan', niet_voldaan: 'niet voldaan', nvt: 'niet van toepassing' }} empty="Kies" required />
        <TextField action={action} path="document" id="tl-document" label="Document (naam, kenmerk of URL)" value={document} onChange={setDocument} />
      </div>
      <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
        Toelatingstoets vastleggen
      </Button>
      <ActionResult action={action} />
    </form>
  )
}
