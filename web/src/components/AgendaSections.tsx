/**
 * The agenda of an account conversation as the server assembles it (src/app/account-agenda.ts):
 * per section its summary, its tables and its bar chart. The figures come formatted, the same
 * text as in the dossier PDF.
 */
import { Heading2, Paragraph, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Agenda, AgendaChart, AgendaSection } from '../../../src/app/account-agenda.ts'
import { formatEuro, formatNumber, formatPercent } from '../lib/format.ts'
import { chartColor } from '../theme/chart.ts'
import { ChartBox } from './ChartBox.tsx'
import { Table } from './Table.tsx'

const shown = (unit: AgendaChart['unit'], v: number) => (unit === 'cents' ? formatEuro(v) : unit === 'procent' ? formatPercent(v) : formatNumber(v, 1, true))

function SectionChart({ chart }: { chart: AgendaChart }) {
  return (
    <ChartBox kind="categories" label={`Staafdiagram: ${chart.title}`}>
      <ResponsiveContainer>
        <BarChart data={chart.bars.map((b) => ({ label: b.label, waarde: b.value, vergelijk: b.compare }))} margin={{ left: 30, right: 10, top: 10, bottom: 60 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" angle={-15} textAnchor="end" interval={0} height={80} tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={(v: number) => shown(chart.unit, v)} width={90} />
          <Tooltip formatter={(v) => shown(chart.unit, Number(v))} />
          <Legend verticalAlign="top" />
          <Bar isAnimationActive={false} dataKey="waarde" name={chart.valueLabel} fill={chartColor[1]} />
          {chart.compareLabel && <Bar isAnimationActive={false} dataKey="vergelijk" name={chart.compareLabel} fill={chartColor[4]} />}
        </BarChart>
      </ResponsiveContainer>
    </ChartBox>
  )
}

function Section({ section }: { section: AgendaSection }) {
  const id = `agenda-${section.key}`
  return (
    <section aria-labelledby={id}>
      <Heading2 id={id}>{section.title}</Heading2>
      {section.summary.map((line, i) => (
        <Paragraph key={i}>{line}</Paragraph>
      ))}
      {section.chart && section.chart.bars.length > 0 && <SectionChart chart={section.chart} />}
      {section.tables.map((t, i) =>
        t.rows.length === 0 ? (
          <Paragraph key={i}>
            {t.title}: geen gegevens.
          </Paragraph>
        ) : (
          <Table key={i}>
            <TableCaption>{t.title}</TableCaption>
            <TableHeader>
              <TableRow>
                {t.columns.map((c) => (
                  <TableHeaderCell key={c} scope="col">
                    {c}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {t.rows.map((r, j) => (
                <TableRow key={j}>
                  {r.map((cell, k) =>
                    k === 0 ? (
                      <TableHeaderCell key={k} scope="row">
                        {cell}
                      </TableHeaderCell>
                    ) : (
                      <TableCell key={k}>{cell}</TableCell>
                    ),
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ),
      )}
    </section>
  )
}

export function AgendaSections({ agenda }: { agenda: Agenda }) {
  return (
    <>
      {agenda.sections.map((s) => (
        <Section key={s.key} section={s} />
      ))}
    </>
  )
}
