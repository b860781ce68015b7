/**
 * Declaraties: per provider and month with their status, a declaration's rejected lines with
 * the reason in plain Dutch next to the retourcode, taakgericht payments, and the lawfulness
 * page with its signals and samples. Every list exports to CSV and XLSX.
 */
import { Alert, Button, FormField, FormLabel, Heading1, Heading2, Paragraph, StatusBadge } from '@utrecht/component-library-react'
import { type FormEvent, useState } from 'react'
import type { DeclaratieRow, DeclaratieLineRow } from '../../src/declaraties/declaratie.queries.ts'
import type { RechtmatigheidSignaal } from '../../src/declaraties/rechtmatigheid.queries.ts'
import { type Me, api, may } from './api.ts'
import { eenheden } from '../../src/istandaarden/codelists.ts'
import { euroToCents } from '../../src/shared/money.ts'
import { formatCount, formatDate, formatEuroCents, formatEuroPlain, formatMonth } from './format.ts'
import { ChoiceField, TextField } from './fields.tsx'
import { ActionResult, useAction, verplicht } from './useAction.tsx'
import { useApi } from './useApi.ts'
import { DataTable, type DataColumn } from './components/DataTable.tsx'
import { ExportLinks } from './components/ExportLinks.tsx'

const statusLabel: Record<DeclaratieRow['status'], string> = { toegekend: 'Volledig toegekend', deels_toegekend: 'Deels toegekend', afgewezen: 'Afgewezen' }
const statusBadge: Record<DeclaratieRow['status'], string> = { toegekend: 'success', deels_toegekend: 'warning', afgewezen: 'danger' }

function Failure({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <Alert type="error" role="alert">
      <Paragraph>{message}</Paragraph>
    </Alert>
  )
}

const eenheidLabel = (code: string) => ((eenheden as Record<string, string>)[code] ?? code).toLowerCase()


/** Declarations per provider and month, with status and totals. */
export function DeclaratiesPage({ me }: { me: Me }) {
  const list = useApi<DeclaratieRow[]>('/declaraties')
  const months = [...new Set((list.data ?? []).map((d) => d.maand))]
  // The latest month first; "alle maanden" on request.
  const [chosen, setMaand] = useState<string | null>(null)
  const maand = chosen ?? months[0] ?? ''
  const rows = list.data === null ? null : list.data.filter((d) => maand === '' || d.maand === maand)
  const provider = me.providerId !== null
  const columns: DataColumn<DeclaratieRow>[] = [
    { key: 'maand', header: 'Maand', value: (d) => d.maand, render: (d) => formatMonth(d.maand) },
    provider ? { key: 'gemeente', header: 'Gemeente', value: (d) => d.gemeente } : { key: 'aanbieder', header: 'Aanbieder', value: (d) => d.aanbieder },
    { key: 'nummer', header: 'Declaratienummer', value: (d) => d.declaratieNummer, render: (d) => <a href={`#/declaraties/${d.id}`}>{d.declaratieNummer}</a> },
    { key: 'ingediendOp', header: 'Ingediend op', value: (d) => d.ingediendOp, render: (d) => formatDate(d.ingediendOp) },
    { key: 'regels', header: 'Prestaties', kind: 'number', total: true, value: (d) => d.regels },
    { key: 'afgewezen', header: 'Afgewezen', kind: 'number', total: true, value: (d) => d.afgewezen },
    { key: 'ingediend', header: 'Ingediend', kind: 'euro', total: true, value: (d) => d.ingediendCents },
    { key: 'toegekend', header: 'Toegekend', kind: 'euro', total: true, value: (d) => d.toegekendCents },
    { key: 'status', header: 'Status', value: (d) => statusLabel[d.status], render: (d) => <StatusBadge status={statusBadge[d.status]}>{statusLabel[d.status]}</StatusBadge> },
  ]
  return (
    <>
      <Heading1>Declaraties</Heading1>
      <Paragraph>
        Elke declaratie (323) is bij ontvangst per prestatie gecontroleerd op de toewijzing, het contract en eerder goedgekeurde prestaties, en beantwoord met een declaratie-antwoord (325). Goedgekeurde prestaties min creditprestaties zijn de realisatie.
      </Paragraph>
      <Failure message={list.error} />
      <DataTable
        key={maand}
        caption={`Declaraties${maand ? ` over ${formatMonth(maand)}` : ''}`}
        columns={columns}
        rows={rows}
        rowKey={(d) => d.id}
        exportName={`declaraties${maand ? `-${maand}` : ''}`}
        empty="Nog geen declaraties."
        tools={<ChoiceField id="maand" label="Declaratiemaand" empty="Alle maanden" value={maand} onChange={(e) => setMaand(e.target.value)} options={Object.fromEntries(months.map((m) => [m, formatMonth(m)]))} />}
      />
      {/* Payments are recorded for the user's own gemeente. */}
      {may(me, 'taakgericht.write') && me.gemeenteId !== null && <TaakgerichtSection />}
    </>
  )
}

const lineColumns: DataColumn<DeclaratieLineRow>[] = [
  { key: 'nr', header: 'Nr', kind: 'number', value: (r) => r.volgnummer },
  { key: 'client', header: 'Cliënt', value: (r) => r.client ?? 'onbekend' },
  { key: 'toewijzing', header: 'Toewijzing', value: (r) => String(r.toewijzingNummer) },
  { key: 'product', header: 'Product', value: (r) => r.product },
  { key: 'begin', header: 'Begindatum', value: (r) => r.begindatum, render: (r) => formatDate(r.begindatum) },
  { key: 'eind', header: 'Einddatum', value: (r) => r.einddatum, render: (r) => formatDate(r.einddatum) },
  { key: 'volume', header: 'Volume', kind: 'number', value: (r) => r.volume },
  { key: 'eenheid', header: 'Eenheid', value: (r) => eenheidLabel(r.eenheid) },
  { key: 'tarief', header: 'Tarief', kind: 'euro', value: (r) => r.tariefCents },
  { key: 'bedrag', header: 'Bedrag', kind: 'euro', total: true, value: (r) => r.bedragCents },
  { key: 'retourcode', header: 'Retourcode', value: (r) => (r.goedgekeurd ? 'goedgekeurd' : r.retourcodes.join(', ')) },
  {
    key: 'reden',
    header: 'Reden',
    value: (r) => r.redenen.map((x) => `${x.code} ${x.tekst}`).join('; '),
    render: (r) =>
      r.redenen.length === 0
        ? '–'
        : r.redenen.map((x) => (
            <div key={x.code}>
              <strong>{x.code}</strong> {x.tekst}
            </div>
          )),
  },
]

/** One declaration: its rejected lines first, with the reason next to the code. */
export function DeclaratiePage({ id }: { id: number }) {
  const [alleen, setAlleen] = useState(true)
  const path = `/declaraties/${id}/lines${alleen ? '?rejected=ja' : ''}`
  const lines = useApi<DeclaratieLineRow[]>(path)
  const d = useApi<DeclaratieRow>(`/declaraties/${id}`).data
  return (
    <>
      <Paragraph>
        <a href="#/declaraties">← Alle declaraties</a>
      </Paragraph>
      <Heading1>Declaratie {d?.declaratieNummer ?? id}</Heading1>
      {d && (
        <Paragraph>
          {d.aanbieder} aan {d.gemeente}, {formatMonth(d.maand)}: {formatCount(d.regels)} {d.regels === 1 ? 'prestatie' : 'prestaties'}, waarvan {formatCount(d.afgewezen)} afgewezen. Ingediend {formatEuroCents(d.ingediendCents)}, toegekend {formatEuroCents(d.toegekendCents)}.
        </Paragraph>
      )}
      <FormField type="checkbox">
        <input id="alleen" type="checkbox" checked={alleen} onChange={(e) => setAlleen(e.target.checked)} /> <FormLabel htmlFor="alleen">Alleen afgewezen prestaties</FormLabel>
      </FormField>
      <Failure message={lines.error} />
      <DataTable
        key={String(alleen)}
        caption={alleen ? 'Afgewezen prestaties' : 'Alle prestaties'}
        columns={lineColumns}
        rows={lines.data}
        rowKey={(r) => r.id}
        exportName={`declaratie-${d?.declaratieNummer ?? id}-${alleen ? 'afgewezen' : 'prestaties'}`}
        empty={alleen ? 'Geen afgewezen prestaties: alles is toegekend.' : 'Geen prestaties.'}
      />
    </>
  )
}

interface Option {
  id: number
  name: string
}

const byId = (items: Option[] | null): Record<string, string> => Object.fromEntries((items ?? []).map((o) => [String(o.id), o.name]))

interface Payment {
  id: number
  gemeente: string
  aanbieder: string
  segment: string
  maand: string
  bedragCents: number
  omschrijving: string
}

const paymentColumns: DataColumn<Payment>[] = [
  { key: 'maand', header: 'Maand', value: (b) => b.maand, render: (b) => formatMonth(b.maand) },
  { key: 'aanbieder', header: 'Aanbieder', value: (b) => b.aanbieder },
  { key: 'segment', header: 'Segment', value: (b) => b.segment },
  { key: 'bedrag', header: 'Bedrag', kind: 'euro', total: true, value: (b) => b.bedragCents },
  { key: 'omschrijving', header: 'Omschrijving', value: (b) => b.omschrijving },
]

/** Taakgericht payments: what a taakgericht contract pays per month, entered or imported. */
function TaakgerichtSection() {
  const list = useApi<Payment[]>('/declaraties/taakgericht-payments')
  const providers = useApi<Option[]>('/providers')
  const segments = useApi<Option[]>('/segments')
  const [form, setForm] = useState({ providerId: '', segmentId: '', maand: '', bedrag: '', omschrijving: '' })
  const [csv, setCsv] = useState('')
  const action = useAction({ providerId: 'tg-aanbieder', segmentId: 'tg-segment', maand: 'tg-maand', bedragCents: 'tg-bedrag', omschrijving: 'tg-omschrijving', csv: 'tg-csv' })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const cents = euroToCents(form.bedrag)
    void action.run(
      async () => {
        await api('/declaraties/taakgericht-payments', { method: 'POST', body: { providerId: Number(form.providerId), segmentId: Number(form.segmentId), maand: form.maand, bedragCents: cents, omschrijving: form.omschrijving } })
        list.reload()
        return 'Betaling vastgelegd.'
      },
      () => ({
        ...(form.providerId === '' ? { providerId: 'Kies een aanbieder.' } : {}),
        ...(form.segmentId === '' ? { segmentId: 'Kies een segment.' } : {}),
        ...verplicht({ maand: ['de maand', form.maand], bedragCents: ['het bedrag', form.bedrag] }),
        ...(form.bedrag.trim() !== '' && cents === null ? { bedragCents: `'${form.bedrag}' is geen bedrag in euro's (bijvoorbeeld 1.250,50).` } : {}),
      }),
    )
  }
  const importCsv = () =>
    void action.run(async () => {
      const r = await api<{ rows: number }>('/declaraties/taakgericht-payments/import', { method: 'POST', body: { csv } })
      setCsv('')
      list.reload()
      return `${r.rows} betalingen ingelezen.`
    })
  return (
    <section aria-labelledby="taakgericht">
      <Heading2 id="taakgericht">Taakgerichte betalingen</Heading2>
      <Paragraph>Taakgericht wordt niet per cliënt gedeclareerd: de periodieke betalingen per aanbieder zijn de realisatie.</Paragraph>
      <ActionResult action={action} />
      <form onSubmit={submit} className="koers-form-row" noValidate>
        <ChoiceField id="tg-aanbieder" label="Aanbieder" required action={action} path="providerId" empty="Kies…" value={form.providerId} onChange={(e) => setForm({ ...form, providerId: e.target.value })} options={byId(providers.data)} />
        <ChoiceField id="tg-segment" label="Segment" required action={action} path="segmentId" empty="Kies…" value={form.segmentId} onChange={(e) => setForm({ ...form, segmentId: e.target.value })} options={byId(segments.data)} />
        <TextField action={action} path="maand" label="Maand" type="month" required value={form.maand} onChange={(v) => setForm({ ...form, maand: v })} />
        <TextField action={action} path="bedragCents" label="Bedrag (€)" required inputMode="decimal" value={form.bedrag} onChange={(v) => setForm({ ...form, bedrag: v })} />
        <TextField action={action} path="omschrijving" label="Omschrijving" value={form.omschrijving} onChange={(v) => setForm({ ...form, omschrijving: v })} />
        <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
          Betaling vastleggen
        </Button>
      </form>
      <FormField className="koers-csv">
        <FormLabel htmlFor="tg-csv">Of plak een CSV (AGB-code;segment;maand;bedrag;omschrijving, met kopregel)</FormLabel>
        <textarea id="tg-csv" className="utrecht-textarea" rows={4} value={csv} onChange={(e) => setCsv(e.target.value)} />
      </FormField>
      <Button appearance="secondary-action-button" disabled={csv.trim() === '' || action.busy} onClick={importCsv}>
        CSV inlezen
      </Button>
      <DataTable caption="Taakgerichte betalingen" columns={paymentColumns} rows={list.data} rowKey={(b) => b.id} exportName="taakgerichte-betalingen" empty="Nog geen betalingen." />
    </section>
  )
}

const signaalLabel: Record<RechtmatigheidSignaal['soort'], string> = {
  boven_toewijzing: 'Gedeclareerd boven de toewijzing',
  zonder_start: 'Gedeclareerd zonder startbericht',
  aan_volumegrens: 'Declaraties stapelen zich op bij de volumegrens',
  tariefafwijking: 'Tariefafwijkingen',
  gemiddelde_per_client: 'Gemiddelde per cliënt ver boven het segment',
}

interface Steekproef {
  id: number
  gemeente: string
  aanbieder: string
  maandVan: string
  maandTot: string
  methode: string
  seed: string
  omvang: number
  populatieRegels: number
  populatieCents: number
  intervalCents: number
  getrokken: number
  beoordeeld: number
  foutCents: number
  aangemaakt: string
}

// The signals overlap (one prestatie can be over its toewijzing and off tariff): their amounts and counts are not summed.
const lawfulnessColumns: DataColumn<RechtmatigheidSignaal>[] = [
  { key: 'soort', header: 'Signaal', value: (x) => signaalLabel[x.soort] },
  { key: 'aanbieder', header: 'Aanbieder', value: (x) => x.aanbieder },
  { key: 'segment', header: 'Segment', value: (x) => x.segment },
  { key: 'regels', header: 'Aantal', kind: 'number', value: (x) => x.regels },
  { key: 'bedrag', header: 'Bedrag', kind: 'euro', value: (x) => x.bedragCents },
  { key: 'toelichting', header: 'Toelichting', value: (x) => x.toelichting },
]

const sampleColumns: DataColumn<Steekproef>[] = [
  { key: 'nr', header: 'Nr', kind: 'number', value: (x) => x.id, render: (x) => <a href={`#/steekproef/${x.id}`}>{x.id}</a> },
  { key: 'van', header: 'Van maand', value: (x) => x.maandVan, render: (x) => formatMonth(x.maandVan) },
  { key: 'tot', header: 'Tot en met maand', value: (x) => x.maandTot, render: (x) => formatMonth(x.maandTot) },
  { key: 'gemeente', header: 'Gemeente', value: (x) => x.gemeente },
  { key: 'aanbieder', header: 'Aanbieder', value: (x) => x.aanbieder },
  { key: 'populatieRegels', header: 'Populatie (prestaties)', kind: 'number', value: (x) => x.populatieRegels },
  { key: 'populatie', header: 'Populatie (bedrag)', kind: 'euro', value: (x) => x.populatieCents },
  { key: 'interval', header: 'Interval', kind: 'euro', value: (x) => x.intervalCents },
  { key: 'getrokken', header: 'Getrokken', kind: 'number', total: true, value: (x) => x.getrokken },
  { key: 'beoordeeld', header: 'Beoordeeld', kind: 'number', total: true, value: (x) => x.beoordeeld },
  { key: 'fout', header: 'Fout', kind: 'euro', total: true, value: (x) => x.foutCents },
  { key: 'seed', header: 'Seed', value: (x) => x.seed, render: (x) => <code>{x.seed}</code> },
]

/** Lawfulness (seed 004 ch. 9): the signals and the samples. */
export function RechtmatigheidPage({ me }: { me: Me }) {
  const signals = useApi<RechtmatigheidSignaal[]>('/declaraties/lawfulness-signals')
  const samples = useApi<Steekproef[]>('/declaraties/samples')
  const providers = useApi<Option[]>('/providers')
  // The toezichthouder names the gemeente whose declarations it samples; a gemeente samples its own.
  const regional = me.gemeenteId === null
  const gemeenten = useApi<Option[]>(regional && may(me, 'steekproef.draw') ? '/gemeenten' : null)
  const [form, setForm] = useState({ maandVan: '', maandTot: '', omvang: '25', seed: '', providerId: '', gemeenteId: '' })
  const action = useAction({ maandVan: 'sp-van', maandTot: 'sp-tot', omvang: 'sp-omvang', seed: 'sp-seed', providerId: 'sp-aanbieder', gemeenteId: 'sp-gemeente' })
  const draw = (e: FormEvent) => {
    e.preventDefault()
    void action.run(
      async () => {
        const r = await api<{ id: number; getrokken: number; populatieRegels: number }>('/declaraties/samples', {
          method: 'POST',
          body: { maandVan: form.maandVan, maandTot: form.maandTot, omvang: Number(form.omvang), ...(form.seed ? { seed: form.seed } : {}), ...(form.providerId ? { providerId: Number(form.providerId) } : {}), ...(form.gemeenteId ? { gemeenteId: Number(form.gemeenteId) } : {}) },
        })
        samples.reload()
        return `Steekproef ${r.id}: ${r.getrokken} prestaties getrokken uit ${formatCount(r.populatieRegels)}.`
      },
      () => ({
        ...(regional && form.gemeenteId === '' ? { gemeenteId: 'Kies de gemeente.' } : {}),
        ...verplicht({ maandVan: ['de eerste maand', form.maandVan], maandTot: ['de laatste maand', form.maandTot], omvang: ['het aantal trekkingen', form.omvang] }),
      }),
    )
  }
  return (
    <>
      <Heading1>Rechtmatigheid</Heading1>
      <Paragraph>Signalen over de gedeclareerde zorg per aanbieder, en steekproeven voor de controle (monetary-unit sampling: elke euro heeft dezelfde kans; seed en populatie worden vastgelegd, zodat de trekking te herhalen is).</Paragraph>
      <Heading2>Signalen</Heading2>
      <Failure message={signals.error} />
      <DataTable caption="Signalen per aanbieder" columns={lawfulnessColumns} rows={signals.data} rowKey={(x) => `${x.soort}-${x.providerId}-${x.segment ?? ''}`} exportName="rechtmatigheid-signalen" empty="Geen signalen." />
      <Heading2>Steekproeven</Heading2>
      {may(me, 'steekproef.draw') && (
        <>
          <ActionResult action={action} />
          <form onSubmit={draw} className="koers-form-row" noValidate>
            {regional && <ChoiceField id="sp-gemeente" label="Gemeente" required action={action} path="gemeenteId" empty="Kies een gemeente" value={form.gemeenteId} onChange={(e) => setForm({ ...form, gemeenteId: e.target.value })} options={byId(gemeenten.data)} />}
            <TextField action={action} path="maandVan" id="sp-van" label="Van maand" type="month" required value={form.maandVan} onChange={(v) => setForm({ ...form, maandVan: v })} />
            <TextField action={action} path="maandTot" id="sp-tot" label="Tot en met maand" type="month" required value={form.maandTot} onChange={(v) => setForm({ ...form, maandTot: v })} />
            <ChoiceField id="sp-aanbieder" label="Aanbieder" action={action} path="providerId" empty="Alle aanbieders" value={form.providerId} onChange={(e) => setForm({ ...form, providerId: e.target.value })} options={byId(providers.data)} />
            <TextField action={action} path="omvang" id="sp-omvang" label="Aantal trekkingen" type="number" min={1} max={1000} required value={form.omvang} onChange={(v) => setForm({ ...form, omvang: v })} />
            <TextField action={action} path="seed" id="sp-seed" label="Seed (leeg: willekeurig)" value={form.seed} onChange={(v) => setForm({ ...form, seed: v })} />
            <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
              Steekproef trekken
            </Button>
          </form>
        </>
      )}
      <DataTable caption="Steekproeven" columns={sampleColumns} rows={samples.data} rowKey={(x) => x.id} exportName="steekproeven" initialSort={{ key: 'nr', direction: 'desc' }} empty="Nog geen steekproeven." />
    </>
  )
}

interface Getrokken {
  id: number
  aanbieder: string
  trekking: number
  client: string | null
  declaratieNummer: string
  referentieNummer: string
  toewijzingNummer: number
  product: string
  begindatum: string
  einddatum: string
  bedragCents: number
  uitkomst: string | null
  foutCents: number | null
  toelichting: string
}

/** One sample: the drawn lines per provider, and what the controller found. */
export function SteekproefPage({ id, me }: { id: number; me: Me }) {
  const lines = useApi<Getrokken[]>(`/declaraties/samples/${id}/lines`)
  return (
    <>
      <Paragraph>
        <a href="#/rechtmatigheid">← Rechtmatigheid</a>
      </Paragraph>
      <Heading1>Steekproef {id}</Heading1>
      <Failure message={lines.error} />
      {lines.data === null ? (
        <Paragraph>Laden…</Paragraph>
      ) : (
        [...new Set(lines.data.map((l) => l.aanbieder))].map((aanbieder) => (
          <section key={aanbieder}>
            <Heading2>{aanbieder}</Heading2>
            {lines.data!
              .filter((l) => l.aanbieder === aanbieder)
              .map((l) => (
                <Beoordeling key={l.id} line={l} canEdit={may(me, 'rechtmatigheid.write')} onSaved={lines.reload} />
              ))}
          </section>
        ))
      )}
      <ExportLinks path={`/declaraties/samples/${id}/lines`} label="De getrokken prestaties" />
    </>
  )
}

function Beoordeling({ line, canEdit, onSaved }: { line: Getrokken; canEdit: boolean; onSaved: () => void }) {
  const [uitkomst, setUitkomst] = useState(line.uitkomst ?? '')
  const [fout, setFout] = useState(line.foutCents ? formatEuroPlain(line.foutCents) : '')
  const [toelichting, setToelichting] = useState(line.toelichting)
  const prefix = `sr-${line.id}`
  const action = useAction({ uitkomst: `${prefix}-uitkomst`, foutCents: `${prefix}-fout`, toelichting: `${prefix}-toelichting` })
  const save = (e: FormEvent) => {
    e.preventDefault()
    const foutCents = uitkomst === 'rechtmatig' || fout === '' ? 0 : euroToCents(fout)
    void action.run(
      async () => {
        await api(`/declaraties/sample-lines/${line.id}/finding`, { method: 'POST', body: { uitkomst, foutCents, toelichting } })
        onSaved()
        return 'Beoordeling opgeslagen.'
      },
      () => ({ ...(uitkomst === '' ? { uitkomst: 'Kies de uitkomst.' } : {}), ...(foutCents === null ? { foutCents: `'${fout}' is geen bedrag in euro's (bijvoorbeeld 10,00).` } : {}) }),
    )
  }
  return (
    <form onSubmit={save} className="koers-card" aria-label={`Trekking ${line.trekking + 1}`} noValidate>
      <Paragraph>
        <strong>Trekking {line.trekking + 1}</strong>: declaratie {line.declaratieNummer}, prestatie {line.referentieNummer}, cliënt {line.client ?? 'onbekend'}, toewijzing {line.toewijzingNummer}, {line.product}, {formatDate(line.begindatum)} – {formatDate(line.einddatum)}: {formatEuroCents(line.bedragCents)}
      </Paragraph>
      {canEdit ? (
        <div className="koers-form-row">
          <ChoiceField id={`${prefix}-uitkomst`} label="Uitkomst" required action={action} path="uitkomst" empty="Nog niet beoordeeld" value={uitkomst} onChange={(e) => setUitkomst(e.target.value)} options={{ rechtmatig: 'Rechtmatig', onrechtmatig: 'Onrechtmatig', onzeker: 'Onzeker' }} />
          {uitkomst !== 'rechtmatig' && <TextField action={action} path="foutCents" id={`${prefix}-fout`} label="Fout (€)" inputMode="decimal" value={fout} onChange={setFout} />}
          <TextField action={action} path="toelichting" id={`${prefix}-toelichting`} label="Toelichting" value={toelichting} onChange={setToelichting} />
          <Button type="submit" appearance="secondary-action-button" disabled={action.busy}>
            Opslaan
          </Button>
        </div>
      ) : (
        <Paragraph>{line.uitkomst ? `${line.uitkomst}${line.foutCents ? `, fout ${formatEuroCents(line.foutCents)}` : ''}: ${line.toelichting}` : 'Nog niet beoordeeld.'}</Paragraph>
      )}
      <ActionResult action={action} />
    </form>
  )
}
