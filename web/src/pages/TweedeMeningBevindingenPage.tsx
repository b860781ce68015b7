import { Alert, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react'
import type { Provider } from '../../../src/providers/provider.queries.ts'
import { type CodeUitleg, type RegelBevinding, type RetourBevinding, bevindingSoorten } from '../../../src/archief/tweede-mening.rules.ts'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import { ExportLinks } from '../components/ExportLinks.tsx'
import { useApi } from '../hooks/useApi.ts'
import { formatDate, formatEuro, formatMonth } from '../lib/format.ts'

/** Each code with its meaning, and the rules of the regelrapport that bear on it. */
function Codes({ codes }: { codes: readonly CodeUitleg[] }) {
  return (
    <>
      {codes.map((c) => (
        <span key={c.code} className="koers-code-uitleg">
          <strong>{c.code}</strong> {c.betekenis}
          {c.regels.length > 0 ? ` — ${c.regels.map((r) => `${r.code}: ${r.titel}`).join('; ')}` : ' — geen regel van de standaard geeft deze code'}
          <br />
        </span>
      ))}
    </>
  )
}

/**
 * The drill-down of the second opinion (issue 23 §3, ADR 0028): for one provider and month (or
 * all, without them in the address), each prestatie on which the back office's 325 and the
 * standard differ — with the back office's code, its meaning and the regelrapport rule that shows
 * it does not apply, or the standard's rule and code — and each retour with codes the standard
 * did not give. No BSN: a gemeente and a provider see the client's pseudonym, the region none.
 */
export function TweedeMeningBevindingenPage({ query }: { query: URLSearchParams }) {
  const providerId = Number(query.get('aanbieder') ?? '') || undefined
  const maand = /^\d{4}-\d{2}$/.test(query.get('maand') ?? '') ? query.get('maand')! : undefined
  const filter = new URLSearchParams()
  if (providerId !== undefined) filter.set('providerId', String(providerId))
  if (maand !== undefined) filter.set('maand', maand)
  const qs = filter.size > 0 ? `?${filter.toString()}` : ''
  const regels = useApi<RegelBevinding[]>(`/archief/tweede-mening/regels${qs}`)
  const retours = useApi<RetourBevinding[]>(`/archief/tweede-mening/retours${qs}`)
  const region = useApi<{ providers: Provider[] }>('/region')
  const error = regels.error ?? retours.error ?? region.error
  if (error) return <Alert type="error">{error}</Alert>
  if (!regels.data || !retours.data || !region.data) return <Paragraph>Bevindingen laden…</Paragraph>
  const providerName = new Map(region.data.providers.map((p) => [p.id, p.name]))
  const naam = (id: number) => providerName.get(id) ?? String(id)
  const regelKolommen: DataColumn<RegelBevinding>[] = [
    { key: 'aanbieder', header: 'Aanbieder', value: (r) => naam(r.providerId) },
    { key: 'maand', header: 'Maand', value: (r) => r.maand, render: (r) => formatMonth(r.maand.slice(0, 7)) },
    { key: 'declaratie', header: 'Declaratie', value: (r) => r.declaratieNummer },
    { key: 'prestatie', header: 'Prestatie', value: (r) => r.referentieNummer ?? '' },
    { key: 'client', header: 'Cliënt (pseudoniem)', value: (r) => r.pseudoniem ?? '' },
    { key: 'periode', header: 'Periode', value: (r) => r.begindatum, render: (r) => `${formatDate(r.begindatum)} – ${formatDate(r.einddatum)}` },
    { key: 'bedrag', header: 'Bedrag', kind: 'euro', total: true, value: (r) => r.bedragCents, render: (r) => formatEuro(r.bedragCents) },
    { key: 'soort', header: 'Bevinding', value: (r) => bevindingSoorten[r.soort] },
    { key: 'backoffice', header: 'Codes backoffice', value: (r) => r.retourCodes.join(', ') },
    { key: 'standaard', header: 'Codes standaard', value: (r) => r.koersRetourCodes.join(', ') },
    { key: 'regels', header: 'Betekenis en regel', value: (r) => r.codes.map((c) => c.code).join(', '), render: (r) => <Codes codes={r.codes} /> },
    { key: 'toelichting', header: 'Toelichting', value: (r) => r.toelichting },
  ]
  const retourKolommen: DataColumn<RetourBevinding>[] = [
    { key: 'aanbieder', header: 'Aanbieder', value: (r) => naam(r.providerId) },
    { key: 'maand', header: 'Maand', value: (r) => r.maand, render: (r) => formatMonth(r.maand.slice(0, 7)) },
    { key: 'bericht', header: 'Bericht', value: (r) => `${r.heenCode} ${r.identificatie}` },
    { key: 'retour', header: 'Retour', value: (r) => `${r.retourCode} van ${formatDate(r.beantwoord)}` },
    { key: 'backoffice', header: 'Codes backoffice', value: (r) => r.retourCodes.join(', ') },
    { key: 'standaard', header: 'Codes standaard', value: (r) => r.koersRetourCodes.join(', ') },
    { key: 'regels', header: 'Betekenis en regel', value: (r) => r.codes.map((c) => c.code).join(', '), render: (r) => <Codes codes={r.codes} /> },
    { key: 'toelichting', header: 'Toelichting', value: (r) => r.toelichting },
  ]
  const wat = [providerId !== undefined ? naam(providerId) : 'alle aanbieders', maand !== undefined ? formatMonth(maand) : 'alle maanden'].join(', ')
  return (
    <>
      <Paragraph>
        <a href="#/tweede-mening">← Tweede mening per aanbieder en maand</a>
      </Paragraph>
      <Heading1>Tweede mening: bevindingen</Heading1>
      <Paragraph>
        {wat}. Per prestatie waarover de backoffice en de regels van de standaard verschillen: de code van de backoffice, wat die betekent en de regel uit het regelrapport die laat zien dat de code niet van toepassing is; of, bij een prestatie die de backoffice goedkeurde tegen de standaard in, de regel en de code van de standaard.
      </Paragraph>
      <DataTable caption="Prestaties waarover de backoffice en de standaard verschillen" columns={regelKolommen} rows={regels.data} rowKey={(r) => `${r.declaratieId}:${r.begindatum}:${r.referentieNummer ?? ''}:${r.productcode ?? ''}:${r.bedragCents}:${r.soort}`} initialSort={{ key: 'maand', direction: 'asc' }} empty="Geen prestaties waarover de backoffice en de standaard verschillen." />
      <ExportLinks path={`/archief/tweede-mening/regels${qs}`} label="Deze prestaties" />
      <Heading2>Retourberichten met codes die de standaard niet gaf</Heading2>
      <DataTable caption="Retourberichten (306, 308, 316, 318) met andere codes dan de standaard" columns={retourKolommen} rows={retours.data} rowKey={(r) => `${r.providerId}:${r.heenCode}:${r.identificatie}:${r.retourCode}`} initialSort={{ key: 'maand', direction: 'asc' }} empty="Geen retourberichten met andere codes dan de standaard." />
      <ExportLinks path={`/archief/tweede-mening/retours${qs}`} label="Deze retourberichten" />
    </>
  )
}
