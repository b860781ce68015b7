import { Alert, Heading1, Paragraph } from '@utrecht/component-library-react'
import type { Provider } from '../../../src/providers/provider.queries.ts'
import type { TweedeMeningRij } from '../../../src/archief/tweede-mening.rules.ts'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import { ExportLinks } from '../components/ExportLinks.tsx'
import { useApi } from '../hooks/useApi.ts'
import { formatEuro, formatMonth } from '../lib/format.ts'

/**
 * Observer mode's second opinion (issue 23, ADR 0028): per provider and month, what the back
 * office decided against what the regelrapport prescribes, and its answers later than the
 * standard's terms. The server's export (with the same columns) is the download: the table has
 * none of its own, so there is one file of this report.
 */
export function TweedeMeningPage() {
  const rows = useApi<TweedeMeningRij[]>('/archief/tweede-mening')
  const region = useApi<{ providers: Provider[] }>('/region')
  if (rows.error || region.error) return <Alert type="error">{rows.error ?? region.error}</Alert>
  if (!rows.data || !region.data) return <Paragraph>Tweede mening laden…</Paragraph>
  const providerName = new Map(region.data.providers.map((p) => [p.id, p.name]))
  const columns: DataColumn<TweedeMeningRij>[] = [
    { key: 'aanbieder', header: 'Aanbieder', value: (r) => providerName.get(r.providerId) ?? String(r.providerId) },
    { key: 'maand', header: 'Maand', value: (r) => r.maand, render: (r) => <a href={`#/tweede-mening/bevindingen?aanbieder=${r.providerId}&maand=${r.maand.slice(0, 7)}`}>{formatMonth(r.maand.slice(0, 7))}</a> },
    { key: 'declaraties', header: 'Declaraties', kind: 'number', total: true, value: (r) => r.declaraties },
    { key: 'afgewezen', header: 'Ten onrechte afgewezen (prestaties)', kind: 'number', total: true, value: (r) => r.tenOnrechteAfgewezenRegels },
    { key: 'afgewezenCents', header: 'Ten onrechte afgewezen (bedrag)', kind: 'euro', total: true, value: (r) => r.tenOnrechteAfgewezenCents, render: (r) => formatEuro(r.tenOnrechteAfgewezenCents) },
    { key: 'toegekend', header: 'Ten onrechte toegekend (prestaties)', kind: 'number', total: true, value: (r) => r.tenOnrechteToegekendRegels },
    { key: 'toegekendCents', header: 'Ten onrechte toegekend (bedrag)', kind: 'euro', total: true, value: (r) => r.tenOnrechteToegekendCents, render: (r) => formatEuro(r.tenOnrechteToegekendCents) },
    { key: 'teLaat', header: 'Declaratie-antwoorden te laat (OP090x4)', kind: 'number', total: true, value: (r) => r.teLaat },
    { key: 'verzoeken', header: 'Verzoeken beantwoord', kind: 'number', total: true, value: (r) => r.verzoeken },
    { key: 'verzoekenTeLaat', header: 'Verzoeken te laat beantwoord (OP274/OP346)', kind: 'number', total: true, value: (r) => r.verzoekenTeLaat },
    { key: 'retours', header: 'Retourberichten', kind: 'number', total: true, value: (r) => r.retours },
    { key: 'retoursTeLaat', header: 'Retourberichten te laat (OP090)', kind: 'number', total: true, value: (r) => r.retoursTeLaat },
    { key: 'andereCodes', header: 'Afgewezen met een andere code (prestaties)', kind: 'number', total: true, value: (r) => r.andereCodes },
    { key: 'retoursAndereCodes', header: 'Retourberichten met een andere code', kind: 'number', total: true, value: (r) => r.retoursAndereCodes },
  ]
  return (
    <>
      <Heading1>Tweede mening op de backoffice</Heading1>
      <Paragraph>
        Voor elk bericht dat de backoffice beantwoordde, rekent Koers het antwoord uit dat het regelrapport van de iStandaarden voorschrijft. Per aanbieder en maand: prestaties die de backoffice afwees en die de standaard goedkeurt, prestaties die zij goedkeurde en die de standaard afwijst (met de bedragen), en antwoorden die later kwamen dan de termijnen toestaan.
      </Paragraph>
      <DataTable
        caption="Tweede mening per aanbieder en maand"
        columns={columns}
        rows={rows.data}
        rowKey={(r) => `${r.providerId}:${r.maand}`}
        initialSort={{ key: 'maand', direction: 'desc' }}
        empty="Er zijn geen antwoorden van een backoffice: Koers beantwoordt de berichten van deze regio zelf, of er is nog geen archief ingelezen."
      />
      <ExportLinks path="/archief/tweede-mening" label="De tweede mening" />
      <Paragraph>
        Kies een maand voor de prestaties en retourberichten zelf, met de code van de backoffice, wat die betekent en de regel uit het regelrapport; of bekijk <a href="#/tweede-mening/bevindingen">alle bevindingen</a>.
      </Paragraph>
    </>
  )
}
