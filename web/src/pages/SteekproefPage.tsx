import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react'
import { type FormEvent, useState } from 'react'
import type { z } from 'zod'
import { sampleFindingSchema } from '../../../src/declaraties/rechtmatigheid.schema.ts'
import { type Me, may, post } from '../lib/api.ts'
import { euroToCents } from '../../../src/shared/money.ts'
import { formatDate, formatEuroCents, formatEuroPlain } from '../lib/format.ts'
import { ChoiceField, TextField } from '../components/fields.tsx'
import { ActionResult, useAction } from '../hooks/useAction.tsx'
import { useApi } from '../hooks/useApi.ts'
import { ExportLinks } from '../components/ExportLinks.tsx'
import { Failure } from '../components/Failure.tsx'

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
    void action.send(
      sampleFindingSchema,
      { uitkomst: uitkomst as z.input<typeof sampleFindingSchema>['uitkomst'], foutCents: foutCents ?? Number.NaN, toelichting },
      post(`/declaraties/sample-lines/${line.id}/finding`),
      () => {
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
