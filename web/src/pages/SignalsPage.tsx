import { Alert, Heading1, Paragraph } from '@utrecht/component-library-react'
import type { ToegangSignal } from '../../../src/toewijzingen/toegang-signals.ts'
import { type Me, may } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import { TermijnenSection } from '../components/TermijnenSection.tsx'
import { useApi } from '../hooks/useApi.ts'

const signalTitle: Record<string, string> = {
  eindigt_zonder_vervolg: 'Eindigt zonder vervolg',
  beeindigd_zonder_stop: 'Beëindigd zonder stopbericht',
  geen_start: 'Geen startbericht',
  andere_aanbieder: 'Bericht van verkeerde aanbieder',
}

export function SignalsPage({ me }: { me: Me }) {
  const signals = useApi<ToegangSignal[]>('/toewijzingen/signals')
  if (signals.error) return <Alert type="error">{signals.error}</Alert>
  if (!signals.data) return <Paragraph>Signalen laden…</Paragraph>
  const counts = Object.entries(signalTitle).map(([k, v]) => `${v}: ${signals.data!.filter((s) => s.kind === k).length}`)
  const rows = signals.data.map((s, key) => ({ ...s, key }))
  const signalColumns: DataColumn<(typeof rows)[number]>[] = [
    { key: 'soort', header: 'Signaal', value: (s) => signalTitle[s.kind] ?? s.kind },
    { key: 'datum', header: 'Datum', value: (s) => s.date, render: (s) => formatDate(s.date) },
    { key: 'aanbieder', header: 'Aanbieder', value: (s) => s.providerName },
    { key: 'toelichting', header: 'Toelichting', value: (s) => s.text },
    // A link to the file only for who may open it (issue 18 §6); the others see the pseudonym.
    { key: 'dossier', header: 'Dossier', value: (s) => s.pseudonym, render: (s) => (s.clientId !== null && may(me, 'client.read') ? <a href={`#/client/${s.clientId}`}>{s.pseudonym}</a> : (s.pseudonym ?? '–')) },
  ]
  return (
    <>
      <Heading1>Signalen toegang</Heading1>
      <Paragraph>{counts.join(' · ')}</Paragraph>
      <DataTable caption="Signalen uit de toewijzingen en berichten" columns={signalColumns} rows={rows} rowKey={(s) => s.key} exportName="signalen-toegang" empty="Geen signalen." />
      <TermijnenSection />
    </>
  )
}
