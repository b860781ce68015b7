import { Alert, Button, Heading1, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react'
import { type FormEvent, useState } from 'react'
import type { z } from 'zod'
import type { Bestedingsruimte, Clientenstop, InzetRegelMetNaam, Melding } from '../../../src/bestedingsruimte/bestedingsruimte.queries.ts'
import { besluitInputSchema, bestedingsruimteInputSchema, clientenstopInputSchema, meldingInputSchema, opheffenInputSchema, overlegInputSchema } from '../../../src/bestedingsruimte/bestedingsruimte.schema.ts'
import { euroToCents } from '../../../src/shared/money.ts'
import { today } from '../../../src/shared/dates.ts'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import { DateField } from '../components/DateField.tsx'
import { Failure } from '../components/Failure.tsx'
import { ChoiceField, TextField } from '../components/fields.tsx'
import { ActionResult, useAction, verplicht } from '../hooks/useAction.tsx'
import { useApi } from '../hooks/useApi.ts'
import { type Me, may, post } from '../lib/api.ts'
import { datumFouten } from '../lib/date-nl.ts'
import { formatDate, formatEuroCents, formatPercent } from '../lib/format.ts'

const signaalTekst = { zeventig_procent: '70 % benut', overschrijding_dreigt: 'Overschrijding dreigt' } as const
const besluitTekst = { ongewijzigd: 'Ruimte blijft gelijk', verhoogd: 'Ruimte verhoogd', clientenstop: 'Cliëntenstop' } as const

/** What the notice's clocks say, in one sentence. */
function klokTekst(m: Melding): string {
  const k = m.klokken
  if (k.fase === 'overleg') return `Overleg uiterlijk ${formatDate(k.overlegUiterlijk)}${k.overlegTeLaat ? ' — termijn verstreken' : ''}${m.overlegGeplandOp ? ` (gepland ${formatDate(m.overlegGeplandOp)})` : ''}`
  if (k.fase === 'besluit') return `Overleg gehouden ${formatDate(m.overlegGehoudenOp)}${k.overlegTeLaat ? ' (te laat)' : ''}; besluit uiterlijk ${formatDate(k.besluitUiterlijk)}${k.besluitTeLaat ? ' — termijn verstreken' : ''}`
  return `Besloten ${formatDate(m.besluitOp)}: ${m.besluit ? besluitTekst[m.besluit] : ''}${k.besluitTeLaat ? ' (te laat)' : ''}`
}

/**
 * Bestedingsruimte per aanbieder (contractstandaard Wmo art. 1.5, ADR 0031): the region sets it,
 * sees usage and the 70 % signal, sends the written notice, records consultation and decision,
 * and sets cliëntenstops; a provider reads its own rooms, notices and stops; art. 1.6 for the region.
 */
export function BestedingsruimtePage({ me }: { me: Me }) {
  const [jaar, setJaar] = useState(Number(today().slice(0, 4)))
  const rooms = useApi<Bestedingsruimte[]>(`/bestedingsruimte?jaar=${jaar}`)
  const stops = useApi<Clientenstop[]>('/bestedingsruimte/clientenstops')
  const schrijven = may(me, 'bestedingsruimte.write')
  const reload = () => {
    rooms.reload()
    stops.reload()
  }
  const jaren = Object.fromEntries([jaar - 1, jaar, jaar + 1].map((j) => [String(j), String(j)]))
  const columns: DataColumn<Bestedingsruimte>[] = [
    { key: 'aanbieder', header: 'Aanbieder', value: (r) => r.aanbieder },
    { key: 'segment', header: 'Segment', value: (r) => r.segment },
    // No totals: a room for one segment and one for the whole agreement of the same provider overlap.
    { key: 'bedrag', header: 'Bestedingsruimte', kind: 'euro', value: (r) => r.bedragCents },
    { key: 'benut', header: 'Benut (gerealiseerd en verplicht)', kind: 'euro', value: (r) => r.status.benutCents },
    { key: 'pct', header: 'Benut %', kind: 'percent', value: (r) => r.status.benutPct },
    { key: 'prognose', header: 'Prognose', kind: 'euro', value: (r) => r.prognoseCents },
    { key: 'signaal', header: 'Signaal', value: (r) => (r.status.signalen.length === 0 ? 'Geen' : r.status.signalen.map((s) => signaalTekst[s]).join(', ')) },
    { key: 'melding', header: 'Melding', value: (r) => (r.melding ? `${formatDate(r.melding.gemeldOp)}: ${klokTekst(r.melding)}` : 'Niet gemeld') },
  ]
  return (
    <>
      <Heading1>Bestedingsruimte</Heading1>
      <Paragraph>
        De bestedingsruimte per aanbieder en jaar volgens artikel 1.5 van de contractstandaard Wmo. Benut is wat gerealiseerd is plus de open verplichtingen. Bij 70 % benut, of als de prognose boven de ruimte komt, meldt de opdrachtgever dat schriftelijk; binnen 2 weken volgt overleg en daarna binnen 2 weken het besluit. Crisishulp valt buiten de ruimte en buiten een cliëntenstop.
      </Paragraph>
      <ChoiceField id="br-jaar" label="Jaar" value={String(jaar)} onChange={(e) => setJaar(Number(e.target.value))} options={jaren} />
      <Failure message={rooms.error ?? stops.error} />
      <DataTable caption={`Bestedingsruimte ${jaar}`} columns={columns} rows={rooms.data} rowKey={(r) => r.id} exportName={`bestedingsruimte-${jaar}`} empty={`Er is voor ${jaar} geen bestedingsruimte vastgesteld.`} />
      {rooms.data?.map((r) => <RuimteKaart key={r.id} ruimte={r} schrijven={schrijven} onSaved={reload} />)}
      {schrijven && <RuimteFormulier jaar={jaar} onSaved={reload} />}
      <Heading2>Cliëntenstops</Heading2>
      <DataTable
        caption="Cliëntenstops"
        columns={[
          { key: 'aanbieder', header: 'Aanbieder', value: (s: Clientenstop) => s.aanbieder },
          { key: 'segment', header: 'Segment', value: (s: Clientenstop) => s.segment },
          { key: 'van', header: 'Van', value: (s: Clientenstop) => s.van, render: (s: Clientenstop) => formatDate(s.van) },
          { key: 'tot', header: 'Tot en met', value: (s: Clientenstop) => s.tot ?? '', render: (s: Clientenstop) => (s.tot ? formatDate(s.tot) : 'Geen einddatum') },
          { key: 'actief', header: 'Nu', value: (s: Clientenstop) => (s.actief ? 'Geldt' : 'Geldt niet') },
          { key: 'reden', header: 'Reden', value: (s: Clientenstop) => s.reden },
          { key: 'opgeheven', header: 'Opgeheven', value: (s: Clientenstop) => s.opheffingNotitie ?? '' },
        ]}
        rows={stops.data}
        rowKey={(s) => s.id}
        empty="Er is geen cliëntenstop."
      />
      <Paragraph>Tijdens een cliëntenstop vervalt de acceptatieplicht (art. 1.5.9) en weigert Koers een nieuwe toewijzing aan de aanbieder in dat segment (regel TG-STOP); crisishulp en wijzigingen van lopende toewijzingen gaan door.</Paragraph>
      {schrijven && <StopFormulier onSaved={reload} />}
      {schrijven && <OpheffenFormulier stops={stops.data ?? []} onSaved={reload} />}
      {may(me, 'bestedingsruimte.inzet.read') && <Inzet />}
    </>
  )
}

function RuimteKaart({ ruimte: r, schrijven, onSaved }: { ruimte: Bestedingsruimte; schrijven: boolean; onSaved: () => void }) {
  const m = r.melding
  // Each step replaces its own form (notice → consultation → decision): what was done is said here, on the card that stays.
  const [gedaan, setGedaan] = useState<string | null>(null)
  const stap = (tekst: string) => {
    setGedaan(tekst)
    onSaved()
  }
  if (!m && r.status.signalen.length === 0 && r.aankondiging.bevindingen.length === 0) return null
  return (
    <section className="koers-card" aria-label={`${r.aanbieder}, ${r.segment}`}>
      <Heading2>
        {r.aanbieder} — {r.segment} {r.jaar}
      </Heading2>
      <Paragraph>
        {formatEuroCents(r.status.benutCents)} van {formatEuroCents(r.bedragCents)} benut ({formatPercent(r.status.benutPct)}); prognose {formatEuroCents(r.prognoseCents)}. Looptijd {formatDate(r.ingangsdatum)} – {formatDate(r.einddatum)}.
      </Paragraph>
      {r.aankondiging.bevindingen.map((b) => (
        <Paragraph key={b}>{b}</Paragraph>
      ))}
      <div role="status">{gedaan && <Alert type="ok"><Paragraph>{gedaan}</Paragraph></Alert>}</div>
      {m ? (
        <>
          <Paragraph>
            <strong>Schriftelijke melding van {formatDate(m.gemeldOp)}</strong> ({signaalTekst[m.soort]}). {klokTekst(m)}.
          </Paragraph>
          {m.overlegNotitie && <Paragraph>Overleg: {m.overlegNotitie}</Paragraph>}
          {m.besluitNotitie && <Paragraph>Besluit: {m.besluitNotitie}{m.nieuwBedragCents !== null ? ` Nieuwe ruimte: ${formatEuroCents(m.nieuwBedragCents)}.` : ''}</Paragraph>}
          <details>
            <summary>De brief</summary>
            <div className="koers-brief">{m.brief}</div>
          </details>
          {schrijven && m.klokken.fase === 'overleg' && <OverlegFormulier melding={m} onSaved={stap} />}
          {schrijven && m.klokken.fase === 'besluit' && <BesluitFormulier melding={m} onSaved={stap} />}
        </>
      ) : (
        schrijven && r.status.signalen.length > 0 && <MeldingFormulier ruimte={r} onSaved={stap} />
      )}
    </section>
  )
}

function MeldingFormulier({ ruimte, onSaved }: { ruimte: Bestedingsruimte; onSaved: (gedaan: string) => void }) {
  const [gemeldOp, setGemeldOp] = useState(today())
  const [gepland, setGepland] = useState('')
  const action = useAction({ gemeldOp: `br-${ruimte.id}-gemeld`, overlegGeplandOp: `br-${ruimte.id}-gepland` })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      meldingInputSchema,
      { gemeldOp, overlegGeplandOp: gepland === '' ? null : gepland },
      post(`/bestedingsruimte/${ruimte.id}/melding`),
      () => {
        onSaved('De schriftelijke melding is verstuurd; de aanbieder ziet haar in zijn portaal.')
        return null
      },
      () => ({ ...verplicht({ gemeldOp: ['de datum van de melding', gemeldOp] }), ...datumFouten({ gemeldOp: ['Datum van de melding', gemeldOp], overlegGeplandOp: ['Overleg gepland op', gepland] }) }),
    )
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Schriftelijke melding versturen">
      <div className="koers-form-row">
        <DateField action={action} path="gemeldOp" label="Datum van de melding" required value={gemeldOp} onChange={setGemeldOp} />
        <DateField action={action} path="overlegGeplandOp" label="Overleg gepland op" value={gepland} onChange={setGepland} />
        <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
          Melding versturen
        </Button>
      </div>
      <ActionResult action={action} />
    </form>
  )
}

function OverlegFormulier({ melding, onSaved }: { melding: Melding; onSaved: (gedaan: string) => void }) {
  const [gehoudenOp, setGehoudenOp] = useState('')
  const [notitie, setNotitie] = useState('')
  const action = useAction({ gehoudenOp: `bm-${melding.id}-gehouden`, notitie: `bm-${melding.id}-notitie` })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      overlegInputSchema,
      { gehoudenOp, notitie },
      post(`/bestedingsruimte/meldingen/${melding.id}/overleg`),
      () => {
        onSaved('Het overleg is vastgelegd.')
        return null
      },
      () => ({ ...verplicht({ gehoudenOp: ['de datum van het overleg', gehoudenOp], notitie: ['wat is afgesproken', notitie] }), ...datumFouten({ gehoudenOp: ['Overleg gehouden op', gehoudenOp] }) }),
    )
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Overleg vastleggen">
      <div className="koers-form-row">
        <DateField action={action} path="gehoudenOp" label="Overleg gehouden op" required value={gehoudenOp} onChange={setGehoudenOp} />
        <TextField action={action} path="notitie" label="Afspraken uit het overleg" required value={notitie} onChange={setNotitie} />
        <Button type="submit" appearance="secondary-action-button" disabled={action.busy}>
          Overleg vastleggen
        </Button>
      </div>
      <ActionResult action={action} />
    </form>
  )
}

function BesluitFormulier({ melding, onSaved }: { melding: Melding; onSaved: (gedaan: string) => void }) {
  const [besluitOp, setBesluitOp] = useState(today())
  const [besluit, setBesluit] = useState('')
  const [notitie, setNotitie] = useState('')
  const [bedrag, setBedrag] = useState('')
  const action = useAction({ besluitOp: `bm-${melding.id}-besluitop`, besluit: `bm-${melding.id}-besluit`, notitie: `bm-${melding.id}-besluitnotitie`, nieuwBedragCents: `bm-${melding.id}-bedrag` })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const cents = besluit === 'verhoogd' ? euroToCents(bedrag) : null
    void action.send(
      besluitInputSchema,
      { besluitOp, besluit: besluit as z.input<typeof besluitInputSchema>['besluit'], notitie, nieuwBedragCents: cents },
      post(`/bestedingsruimte/meldingen/${melding.id}/besluit`),
      () => {
        onSaved('Het besluit is vastgelegd.')
        return null
      },
      () => ({
        ...verplicht({ besluitOp: ['de datum van het besluit', besluitOp], besluit: ['het besluit', besluit], notitie: ['de onderbouwing', notitie], ...(besluit === 'verhoogd' ? { nieuwBedragCents: ['de nieuwe ruimte', bedrag] } : {}) }),
        ...datumFouten({ besluitOp: ['Besluit op', besluitOp] }),
        ...(besluit === 'verhoogd' && bedrag !== '' && cents === null ? { nieuwBedragCents: `'${bedrag}' is geen bedrag in euro's (bijvoorbeeld 80.000,00).` } : {}),
      }),
    )
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Besluit vastleggen">
      <div className="koers-form-row">
        <DateField action={action} path="besluitOp" label="Besluit op" required value={besluitOp} onChange={setBesluitOp} />
        <ChoiceField id={`bm-${melding.id}-besluit`} action={action} path="besluit" label="Besluit" required empty="Kies het besluit" value={besluit} onChange={(e) => setBesluit(e.target.value)} options={besluitTekst} />
        {besluit === 'verhoogd' && <TextField action={action} path="nieuwBedragCents" label="Nieuwe ruimte (€)" inputMode="decimal" required value={bedrag} onChange={setBedrag} />}
        <TextField action={action} path="notitie" label="Onderbouwing" required value={notitie} onChange={setNotitie} />
        <Button type="submit" appearance="secondary-action-button" disabled={action.busy}>
          Besluit vastleggen
        </Button>
      </div>
      <ActionResult action={action} />
    </form>
  )
}

function useKeuzes() {
  const providers = useApi<{ id: number; name: string }[]>('/providers')
  const segments = useApi<{ id: number; name: string; wet: string }[]>('/segments')
  return {
    aanbieders: Object.fromEntries((providers.data ?? []).map((p) => [String(p.id), p.name])),
    segmenten: Object.fromEntries((segments.data ?? []).map((s) => [String(s.id), `${s.name} (${s.wet === 'wmo' ? 'Wmo' : 'Jeugdwet'})`])),
  }
}

function RuimteFormulier({ jaar, onSaved }: { jaar: number; onSaved: () => void }) {
  const keuzes = useKeuzes()
  const [providerId, setProviderId] = useState('')
  const [segmentId, setSegmentId] = useState('')
  const [bedrag, setBedrag] = useState('')
  const [ingangsdatum, setIngangsdatum] = useState(`${jaar}-01-01`)
  const [voornemen, setVoornemen] = useState('')
  const [besluit, setBesluit] = useState('')
  const action = useAction({ providerId: 'br-aanbieder', segmentId: 'br-segment', bedragCents: 'br-bedrag', ingangsdatum: 'br-ingang', voornemenGemeldOp: 'br-voornemen', besluitGemeldOp: 'br-besluit' })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const cents = euroToCents(bedrag)
    void action.send(
      bestedingsruimteInputSchema,
      { providerId: Number(providerId), segmentId: segmentId === '' ? null : Number(segmentId), jaar, ingangsdatum, bedragCents: cents ?? Number.NaN, voornemenGemeldOp: voornemen === '' ? null : voornemen, besluitGemeldOp: besluit === '' ? null : besluit },
      post('/bestedingsruimte'),
      () => {
        onSaved()
        return 'De bestedingsruimte is vastgesteld.'
      },
      () => ({
        ...verplicht({ providerId: ['de aanbieder', providerId], bedragCents: ['het bedrag', bedrag], ingangsdatum: ['de ingangsdatum', ingangsdatum] }),
        ...datumFouten({ ingangsdatum: ['Ingangsdatum', ingangsdatum], voornemenGemeldOp: ['Voornemen aangekondigd op', voornemen], besluitGemeldOp: ['Besluit gemeld op', besluit] }),
        ...(bedrag !== '' && cents === null ? { bedragCents: `'${bedrag}' is geen bedrag in euro's (bijvoorbeeld 80.000,00).` } : {}),
      }),
    )
  }
  return (
    <form onSubmit={submit} noValidate className="koers-card" aria-label="Bestedingsruimte vaststellen">
      <Heading2>Bestedingsruimte vaststellen ({jaar})</Heading2>
      <Paragraph>Het voornemen wordt minimaal 6 kalendermaanden, het besluit over duur en hoogte minimaal 3 kalendermaanden voor de ingangsdatum gemeld (art. 1.5.3).</Paragraph>
      <div className="koers-form-row">
        <ChoiceField id="br-aanbieder" action={action} path="providerId" label="Aanbieder" required empty="Kies een aanbieder" value={providerId} onChange={(e) => setProviderId(e.target.value)} options={keuzes.aanbieders} />
        <ChoiceField id="br-segment" action={action} path="segmentId" label="Segment" empty="Alle segmenten (behalve crisis)" value={segmentId} onChange={(e) => setSegmentId(e.target.value)} options={keuzes.segmenten} />
        <TextField action={action} path="bedragCents" label="Bedrag (€)" inputMode="decimal" required value={bedrag} onChange={setBedrag} />
        <DateField action={action} path="ingangsdatum" label="Ingangsdatum" required value={ingangsdatum} onChange={setIngangsdatum} />
        <DateField action={action} path="voornemenGemeldOp" label="Voornemen aangekondigd op" value={voornemen} onChange={setVoornemen} />
        <DateField action={action} path="besluitGemeldOp" label="Besluit gemeld op" value={besluit} onChange={setBesluit} />
        <Button type="submit" appearance="primary-action-button" disabled={action.busy}>
          Vaststellen
        </Button>
      </div>
      <ActionResult action={action} />
    </form>
  )
}

function StopFormulier({ onSaved }: { onSaved: () => void }) {
  const keuzes = useKeuzes()
  const [providerId, setProviderId] = useState('')
  const [segmentId, setSegmentId] = useState('')
  const [van, setVan] = useState(today())
  const [tot, setTot] = useState('')
  const [reden, setReden] = useState('')
  const action = useAction({ providerId: 'cs-aanbieder', segmentId: 'cs-segment', van: 'cs-van', tot: 'cs-tot', reden: 'cs-reden' })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      clientenstopInputSchema,
      { providerId: Number(providerId), segmentId: segmentId === '' ? null : Number(segmentId), van, tot: tot === '' ? null : tot, reden },
      post('/bestedingsruimte/clientenstops'),
      () => {
        onSaved()
        return 'De cliëntenstop is ingesteld.'
      },
      () => ({ ...verplicht({ providerId: ['de aanbieder', providerId], van: ['de begindatum', van], reden: ['de reden', reden] }), ...datumFouten({ van: ['Van', van], tot: ['Tot en met', tot] }) }),
    )
  }
  return (
    <form onSubmit={submit} noValidate className="koers-card" aria-label="Cliëntenstop instellen">
      <Heading3>Cliëntenstop instellen</Heading3>
      <div className="koers-form-row">
        <ChoiceField id="cs-aanbieder" action={action} path="providerId" label="Aanbieder" required empty="Kies een aanbieder" value={providerId} onChange={(e) => setProviderId(e.target.value)} options={keuzes.aanbieders} />
        <ChoiceField id="cs-segment" action={action} path="segmentId" label="Segment" empty="Alle segmenten" value={segmentId} onChange={(e) => setSegmentId(e.target.value)} options={keuzes.segmenten} />
        <DateField action={action} path="van" label="Van" required value={van} onChange={setVan} />
        <DateField action={action} path="tot" label="Tot en met" value={tot} onChange={setTot} />
        <TextField action={action} path="reden" label="Reden" required value={reden} onChange={setReden} />
        <Button type="submit" appearance="secondary-action-button" disabled={action.busy}>
          Stop instellen
        </Button>
      </div>
      <ActionResult action={action} />
    </form>
  )
}

/** Art. 1.5.10: a stop is lifted when there is room again — its last day and why; a stop already ended cannot be lifted. */
function OpheffenFormulier({ stops, onSaved }: { stops: readonly Clientenstop[]; onSaved: () => void }) {
  const vandaag = today()
  const lopend = stops.filter((s) => s.opheffingNotitie === null && (s.tot === null || s.tot >= vandaag))
  const [stopId, setStopId] = useState('')
  const [tot, setTot] = useState(vandaag)
  const [notitie, setNotitie] = useState('')
  const action = useAction({ stopId: 'co-stop', tot: 'co-tot', notitie: 'co-notitie' })
  if (lopend.length === 0) return null
  const keuzes = Object.fromEntries(lopend.map((s) => [String(s.id), `${s.aanbieder}, ${s.segment}, vanaf ${formatDate(s.van)}`]))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void action.send(
      opheffenInputSchema,
      { tot, notitie },
      post(`/bestedingsruimte/clientenstops/${stopId}/opheffen`),
      () => {
        setStopId('')
        setNotitie('')
        onSaved()
        return 'De cliëntenstop is opgeheven.'
      },
      () => ({ ...(stopId === '' ? { stopId: 'Kies de cliëntenstop die u opheft.' } : {}), ...verplicht({ tot: ['de laatste dag van de stop', tot], notitie: ['de toelichting', notitie] }), ...datumFouten({ tot: ['Laatste dag van de stop', tot] }) }),
    )
  }
  return (
    <form onSubmit={submit} noValidate className="koers-card" aria-label="Cliëntenstop opheffen">
      <Heading3>Cliëntenstop opheffen</Heading3>
      <Paragraph>Is er weer ruimte (art. 1.5.10), dan eindigt de stop op de gekozen dag; vanaf de dag erna neemt de aanbieder weer nieuwe cliënten aan.</Paragraph>
      <div className="koers-form-row">
        <ChoiceField id="co-stop" action={action} path="stopId" label="Cliëntenstop" required empty="Kies een stop" value={stopId} onChange={(e) => setStopId(e.target.value)} options={keuzes} />
        <DateField action={action} path="tot" label="Laatste dag van de stop" required value={tot} onChange={setTot} />
        <TextField action={action} path="notitie" label="Toelichting (waarom er weer ruimte is)" required value={notitie} onChange={setNotitie} />
        <Button type="submit" appearance="secondary-action-button" disabled={action.busy}>
          Stop opheffen
        </Button>
      </div>
      <ActionResult action={action} />
    </form>
  )
}

function Inzet() {
  const rows = useApi<InzetRegelMetNaam[]>('/bestedingsruimte/inzet')
  return (
    <>
      <Heading2>Onvoldoende inzet (art. 1.6)</Heading2>
      <Paragraph>Aanbieders die al 12 kalendermaanden of langer gecontracteerd zijn en in de laatste 12 hele kalendermaanden niets, of minder dan 10 % van het gemiddelde van de gecontracteerde aanbieders, realiseerden. Invoer voor het gesprek: opzeggen kan schriftelijk met een opzegtermijn van 6 maanden, niet bij een aantoonbaar tekort, een uniek aanbod of een klanttevredenheid van 8,5 of hoger (art. 1.6.2).</Paragraph>
      <Failure message={rows.error} />
      <DataTable
        caption="Onvoldoende inzet"
        columns={[
          { key: 'aanbieder', header: 'Aanbieder', value: (r: InzetRegelMetNaam) => r.aanbieder },
          { key: 'start', header: 'Contract vanaf', value: (r: InzetRegelMetNaam) => r.contractStart, render: (r: InzetRegelMetNaam) => formatDate(r.contractStart) },
          { key: 'periode', header: 'Gemeten over', value: (r: InzetRegelMetNaam) => r.periodeVan, render: (r: InzetRegelMetNaam) => `${formatDate(r.periodeVan)} – ${formatDate(r.periodeTot)}` },
          { key: 'gerealiseerd', header: 'Gerealiseerd', kind: 'euro', value: (r: InzetRegelMetNaam) => r.gerealiseerdCents },
          { key: 'gemiddeld', header: 'Gemiddelde aanbieder', kind: 'euro', value: (r: InzetRegelMetNaam) => r.gemiddeldCents },
          { key: 'aandeel', header: 'Aandeel', kind: 'percent', value: (r: InzetRegelMetNaam) => r.aandeelPct },
          { key: 'opzegging', header: 'Einde bij opzegging vandaag', value: (r: InzetRegelMetNaam) => r.opzeggingPer, render: (r: InzetRegelMetNaam) => formatDate(r.opzeggingPer) },
        ]}
        rows={rows.data}
        rowKey={(r) => r.providerId}
        empty="Geen aanbieder met onvoldoende inzet."
      />
    </>
  )
}
