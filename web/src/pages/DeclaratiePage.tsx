import { FormField, FormLabel, Heading1, Paragraph, StatusBadge } from '@utrecht/component-library-react'
import { useState } from 'react'
import type { DeclaratieRow, DeclaratieLineRow } from '../../../src/declaraties/declaratie.queries.ts'
import { eenheden } from '../../../src/istandaarden/codelists.ts'
import { formatCount, formatDate, formatEuroCents, formatMonth } from '../lib/format.ts'
import { useApi } from '../hooks/useApi.ts'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import { Failure } from '../components/Failure.tsx'

const eenheidLabel = (code: string) => ((eenheden as Record<string, string>)[code] ?? code).toLowerCase()

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
      {d?.betalingOpschorten && (
        <Paragraph>
          <StatusBadge status="danger">Betaling opschorten</StatusBadge> De UBO van {d.aanbieder} ontbreekt of staat op de sanctielijst (art. 3.15): niet betalen tot dit is opgelost. Het retourbericht (325) blijft zoals de standaard het voorschrijft.
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
