/** The budget figures the dashboard and the budget page share: the figures table, the links into the budget page, the amount labels of the charts, and the budget signals' status labels. */
import { TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react'
import { type ReactNode } from 'react'
import { formatEuro, formatNumber, formatPercent } from '../lib/format.ts'
import { Table } from './Table.tsx'

export const pct = (p: number | null) => (p === null ? '–' : formatPercent(p))

export const mln = (cents: number) => `€ ${formatNumber(cents / 100_000_000, 1, true)} mln`

export const euroTick = (cents: number) => (Math.abs(cents) >= 100_000_000 ? mln(cents) : `€ ${formatNumber(cents / 100_000)}k`)

/** A link into the budget page for a gemeente, segment and/or provider. */
export function budgetLink(filter: { jaar?: number; gemeente?: number | null; segment?: number | null; aanbieder?: number | null; niveau?: 'gemeente' | 'aanbieder' }): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== null) q.set(k, String(v))
  return `#/budgetten?${q.toString()}`
}

export const signaalStatusLabel: Record<string, string> = { open: 'open', erkend: 'erkend', gesloten: 'gesloten' }

export const signaalStatusBadge: Record<string, string> = { open: 'danger', erkend: 'warning', gesloten: 'success' }

export interface FigureLine {
  budgetCents: number
  realisedCents: number
  openCents: number
  forecastCents: number
  exhaustionPct: number | null
  forecastPct: number | null
}

export function FiguresTable({ caption, rows }: { caption: string; rows: { key: string; label: ReactNode; href: string; f: FigureLine; extra?: string }[] }) {
  return (
    <Table>
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Naam</TableHeaderCell>
          <TableHeaderCell className="koers-num">Budget</TableHeaderCell>
          <TableHeaderCell className="koers-num">Gerealiseerd</TableHeaderCell>
          <TableHeaderCell className="koers-num">Uitputting</TableHeaderCell>
          <TableHeaderCell className="koers-num">Open verplichting</TableHeaderCell>
          <TableHeaderCell className="koers-num">Prognose</TableHeaderCell>
          <TableHeaderCell className="koers-num">Prognose / budget</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key}>
            <TableCell>
              <a href={r.href}>{r.label}</a>
              {r.extra && <span className="koers-muted"> ({r.extra})</span>}
            </TableCell>
            <TableCell className="koers-num">{formatEuro(r.f.budgetCents)}</TableCell>
            <TableCell className="koers-num">
              <a href={r.href}>{formatEuro(r.f.realisedCents)}</a>
            </TableCell>
            <TableCell className="koers-num">{pct(r.f.exhaustionPct)}</TableCell>
            <TableCell className="koers-num">{formatEuro(r.f.openCents)}</TableCell>
            <TableCell className="koers-num">{formatEuro(r.f.forecastCents)}</TableCell>
            <TableCell className={`koers-num${r.f.forecastPct !== null && r.f.forecastPct > 100 ? ' koers-over' : ''}`}>{pct(r.f.forecastPct)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
