import { Heading1, Heading2, Paragraph, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react'
import { useState } from 'react'
import type { KpiValue } from '../../../src/kpis/kpi.rules.ts'
import type { Scorecard } from '../../../src/app/scorecard.queries.ts'
import { ExportLinks } from '../components/ExportLinks.tsx'
import { formatDate, formatInUnit } from '../lib/format.ts'
import { useApi } from '../hooks/useApi.ts'
import { Table } from '../components/Table.tsx'
import { type KpiCode, KpiText } from '../components/KpiText.tsx'
import { thisYear, periodQuery, YearChoice } from '../components/YearSelect.tsx'

/** Which way a provider differs from its segment, judged by the KPI's better direction. */
function comparison(beter: string | null, own: KpiValue, segment: KpiValue | undefined): string {
  if (!segment || beter === null || own.waarde === null || segment.waarde === null || own.waarde === segment.waarde) return ''
  const higher = own.waarde > segment.waarde
  return (beter === 'hoger') === higher ? 'beter dan het segment' : 'minder dan het segment'
}

export function ScorecardPage({ id }: { id: number }) {
  const [year, setYear] = useState(thisYear)
  const { data: card, error } = useApi<Scorecard>(`/providers/${id}/scorecard?${periodQuery(year)}`)
  if (error) return <Paragraph>{error}</Paragraph>
  if (!card) return <Paragraph>Laden…</Paragraph>
  return (
    <>
      <Heading1>Scorekaart {card.aanbieder.name}</Heading1>
      <Paragraph className="koers-muted">
        AGB {card.aanbieder.agbCode} · {formatDate(card.periode.from)} t/m {formatDate(card.periode.to)}
      </Paragraph>
      <YearChoice year={year} onYear={setYear} id="scorekaart-periode" />
      {card.segmenten.length === 0 && <Paragraph>Geen trajecten in deze periode.</Paragraph>}
      {card.segmenten.map((s) => {
        const codes = [...s.scorecard, ...card.kpis.map((k) => k.code).filter((c) => !s.scorecard.includes(c as never))] as KpiCode[]
        return (
          <section key={s.segmentId} aria-labelledby={`scorekaart-${s.segmentId}`}>
            <Heading2 id={`scorekaart-${s.segmentId}`}>
              <a href={`#/segmenten/${s.segmentId}`}>{s.segment}</a>
            </Heading2>
            <Table>
              <TableCaption>
                {card.aanbieder.name} in {s.segment}
              </TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">KPI</TableHeaderCell>
                  <TableHeaderCell scope="col">Aanbieder</TableHeaderCell>
                  {s.segmentWaarden && <TableHeaderCell scope="col">Segment</TableHeaderCell>}
                  {s.segmentWaarden && <TableHeaderCell scope="col">Vergeleken</TableHeaderCell>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {codes.map((code) => {
                  const k = card.kpis.find((x) => x.code === code)!
                  const onCard = s.scorecard.includes(code as never)
                  return (
                    <TableRow key={code} className={onCard ? undefined : 'koers-row--secondary'}>
                      <TableHeaderCell scope="row">
                        <span className={onCard ? 'koers-strong' : undefined}>{k.naam}</span>
                        <span className="koers-kpi-doc">{k.doc}</span>
                      </TableHeaderCell>
                      <TableCell className="koers-number">
                        <KpiText value={s.aanbieder[code]} eenheid={k.eenheid} />
                      </TableCell>
                      {s.segmentWaarden && (
                        <TableCell className="koers-number">
                          <KpiText value={s.segmentWaarden[code]} eenheid={k.eenheid} />
                        </TableCell>
                      )}
                      {s.segmentWaarden && <TableCell>{comparison(k.beter, s.aanbieder[code], s.segmentWaarden[code])}</TableCell>}
                    </TableRow>
                  )
                })}
              </TableBody>
            </Table>
            {s.doelen.length > 0 && (
              <Paragraph>
                Doelen van het segment: {s.doelen.map((d) => `${d.naam} (${d.richting} naar ${formatInUnit(card.kpis.find((k) => k.code === d.kpi)?.eenheid ?? '', d.doelWaarde)} op ${formatDate(d.doelDatum)})`).join('; ')}.
              </Paragraph>
            )}
          </section>
        )
      })}
      <ExportLinks path={`/kpis?group=segment,provider&provider=${id}&${periodQuery(year)}`} label="Deze scorekaart" />
    </>
  )
}
