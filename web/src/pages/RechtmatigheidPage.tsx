import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react'
import { type FormEvent, useState } from 'react'
import type { RechtmatigheidSignaal } from '../../../src/declaraties/rechtmatigheid.queries.ts'
import { steekproefInputSchema } from '../../../src/declaraties/rechtmatigheid.schema.ts'
import { type Me, may, post } from '../lib/api.ts'
import { formatCount, formatMonth } from '../lib/format.ts'
import { ChoiceField, TextField } from '../components/fields.tsx'
import { MonthField } from '../components/MonthField.tsx'
import { maandFouten } from '../lib/date-nl.ts'
import { ActionResult, useAction, verplicht } from '../hooks/useAction.tsx'
import { useApi } from '../hooks/useApi.ts'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import { Failure } from '../components/Failure.tsx'
import { type Option, byId } from '../lib/options.ts'

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
    void action.send(
      steekproefInputSchema,
      { maandVan: form.maandVan, maandTot: form.maandTot, omvang: Number(form.omvang), ...(form.seed ? { seed: form.seed } : {}), ...(form.providerId ? { providerId: Number(form.providerId) } : {}), ...(form.gemeenteId ? { gemeenteId: Number(form.gemeenteId) } : {}) },
      post<{ id: number; getrokken: number; populatieRegels: number }>('/declaraties/samples'),
      (r) => {
        samples.reload()
        return `Steekproef ${r.id}: ${r.getrokken} prestaties getrokken uit ${formatCount(r.populatieRegels)}.`
      },
      () => ({
        ...(regional && form.gemeenteId === '' ? { gemeenteId: 'Kies de gemeente.' } : {}),
        ...verplicht({ maandVan: ['de eerste maand', form.maandVan], maandTot: ['de laatste maand', form.maandTot], omvang: ['het aantal trekkingen', form.omvang] }),
        ...maandFouten({ maandVan: ['Van maand', form.maandVan], maandTot: ['Tot en met maand', form.maandTot] }),
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
            <MonthField action={action} path="maandVan" id="sp-van" label="Van maand" required value={form.maandVan} onChange={(v) => setForm({ ...form, maandVan: v })} />
            <MonthField action={action} path="maandTot" id="sp-tot" label="Tot en met maand" required value={form.maandTot} onChange={(v) => setForm({ ...form, maandTot: v })} />
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
