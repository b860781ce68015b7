import { Alert, Heading1, Paragraph } from '@utrecht/component-library-react'
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Gemeente } from '../../../src/regions/region.queries.ts'
import type { Provider } from '../../../src/providers/provider.queries.ts'
import type { Segment } from '../../../src/segments/segment.queries.ts'
import type { ToewijzingTotal } from '../../../src/toewijzingen/toewijzing.queries.ts'
import { formatCount, formatEuro, formatNumber } from '../lib/format.ts'
import { useApi } from '../hooks/useApi.ts'
import { DataTable, type DataColumn } from '../components/DataTable.tsx'
import { chartColor } from '../theme/chart.ts'
import { ChartBox } from '../components/ChartBox.tsx'

/** Active toewijzingen per segment and provider today, from aggregates (counts under 5 suppressed). */
export function AllocationsPage() {
  const totals = useApi<ToewijzingTotal[]>('/toewijzingen/totals')
  const region = useApi<{ segments: Segment[]; providers: Provider[]; gemeenten: Gemeente[] }>('/region')
  if (totals.error || region.error) return <Alert type="error">{totals.error ?? region.error}</Alert>
  if (!totals.data || !region.data) return <Paragraph>Toewijzingen laden…</Paragraph>
  const segmentName = new Map(region.data.segments.map((s) => [s.id, s.name]))
  const providerName = new Map(region.data.providers.map((p) => [p.id, p.name]))
  const bySegmentProvider = new Map<string, { segmentId: number; providerId: number; active: number; suppressed: boolean; verplichting: number }>()
  for (const t of totals.data) {
    const key = `${t.segmentId}:${t.providerId}`
    const r = bySegmentProvider.get(key) ?? { segmentId: t.segmentId, providerId: t.providerId, active: 0, suppressed: false, verplichting: 0 }
    r.active += t.active ?? 0
    r.suppressed ||= t.active === null
    r.verplichting += t.verplichtingCents
    bySegmentProvider.set(key, r)
  }
  const rows = [...bySegmentProvider.values()].sort((a, b) => b.verplichting - a.verplichting)
  type Row = (typeof rows)[number]
  // The count has no total: a sum would give away the suppressed counts under 5.
  const columns: DataColumn<Row>[] = [
    { key: 'segment', header: 'Segment', value: (r) => segmentName.get(r.segmentId) ?? String(r.segmentId) },
    { key: 'aanbieder', header: 'Aanbieder', value: (r) => providerName.get(r.providerId) ?? null },
    // A row with suppressed parts (1–4 each, per gemeente) holds at least one more than the parts shown: said as a lower bound, on screen and in the file alike.
    { key: 'lopend', header: 'Lopende toewijzingen', value: (r) => (r.suppressed ? `${formatCount(r.active + 1)} of meer` : r.active), render: (r) => (r.suppressed ? `${formatCount(r.active + 1)} of meer` : formatCount(r.active)) },
    { key: 'verplichting', header: 'Verplichting', kind: 'euro', total: true, value: (r) => r.verplichting, render: (r) => formatEuro(r.verplichting) },
  ]
  const perSegment = new Map<number, number>()
  for (const r of rows) perSegment.set(r.segmentId, (perSegment.get(r.segmentId) ?? 0) + r.verplichting)
  const chart = [...perSegment.entries()].map(([id, cents]) => ({ segment: segmentName.get(id) ?? String(id), verplichting: Math.round(cents / 100) }))
  return (
    <>
      <Heading1>Toewijzingen per segment en aanbieder</Heading1>
      <Paragraph>Lopende toewijzingen vandaag en hun verplichting (maximale kosten). Aantallen onder 5 worden niet getoond: waar een deel van een rij onder 5 blijft, staat hoeveel het er ten minste zijn.</Paragraph>
      <ChartBox className="koers-chart" kind="categories" label="Verplichting per segment">
        <ResponsiveContainer>
          <BarChart data={chart} margin={{ left: 40 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="segment" />
            <YAxis tickFormatter={(v: number) => `€ ${formatNumber(v / 1000)}k`} />
            <Tooltip formatter={(v) => formatEuro(Number(v) * 100)} />
            <Bar dataKey="verplichting" name="Verplichting" fill={chartColor[1]} />
          </BarChart>
        </ResponsiveContainer>
      </ChartBox>
      <DataTable caption="Per segment en aanbieder" columns={columns} rows={rows} rowKey={(r) => `${r.segmentId}:${r.providerId}`} exportName="toewijzingen-per-segment-en-aanbieder" initialSort={{ key: 'verplichting', direction: 'desc' }} />
    </>
  )
}
