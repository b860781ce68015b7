import { Heading1, Heading2, Paragraph, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react'
import type { Provider } from '../../../src/providers/provider.queries.ts'
import type { Segment } from '../../../src/segments/segment.queries.ts'
import type { TargetWithProgress } from '../../../src/targets/target.queries.ts'
import type { Target } from '../../../src/targets/target.rules.ts'
import { type Me } from '../lib/api.ts'
import { useApi } from '../hooks/useApi.ts'
import { wetLabel } from '../lib/instruments.ts'
import { Table } from '../components/Table.tsx'

/** Every segment, with a link to its page. */
export function SegmentsPage({ me }: { me: Me }) {
  const { data: segments, error } = useApi<Segment[]>('/segments')
  const { data: doelen } = useApi<(Target & Partial<TargetWithProgress>)[]>('/targets')
  if (error) return <Paragraph>{error}</Paragraph>
  if (!segments) return <Paragraph>Laden…</Paragraph>
  const name = new Map(segments.map((s) => [s.id, s.name]))
  return (
    <>
      <Heading1>Segmenten en doelen</Heading1>
      <Paragraph>Per segment de vier inkoopinstrumenten, de doelen van de strategie met hun voortgang, en de KPI&apos;s per aanbieder.</Paragraph>
      <Table>
        <TableCaption>Segmenten</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Segment</TableHeaderCell>
            <TableHeaderCell scope="col">Wet</TableHeaderCell>
            <TableHeaderCell scope="col">Doelen</TableHeaderCell>
            <TableHeaderCell scope="col">Niet op koers</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {segments.map((s) => {
            const own = (doelen ?? []).filter((d) => d.segmentId === s.id)
            return (
              <TableRow key={s.id}>
                <TableCell>
                  <a href={`#/segmenten/${s.id}`}>{s.name}</a>
                  {s.parentId !== null && <span className="koers-muted"> (onder {name.get(s.parentId)})</span>}
                </TableCell>
                <TableCell>{wetLabel[s.wet]}</TableCell>
                <TableCell>{own.length}</TableCell>
                <TableCell>{me.role === 'aanbieder' ? '–' : own.filter((d) => d.voortgang && (d.voortgang.status === 'niet_op_koers' || d.voortgang.status === 'niet_behaald')).length}</TableCell>
              </TableRow>
            )
          })}
        </TableBody>
      </Table>
      {me.role !== 'aanbieder' && <ProviderList />}
    </>
  )
}

function ProviderList() {
  const { data: providers } = useApi<Provider[]>('/providers')
  if (!providers) return null
  return (
    <section aria-labelledby="scorekaarten">
      <Heading2 id="scorekaarten">Scorekaarten van aanbieders</Heading2>
      <ul className="koers-columns">
        {providers.map((p) => (
          <li key={p.id}>
            <a href={`#/aanbieders/${p.id}/scorekaart`}>{p.name}</a>
          </li>
        ))}
      </ul>
    </section>
  )
}
