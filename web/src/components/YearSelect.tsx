/** The year choices of the pages: a budget year (last, this and next year) and a KPI period (two years back up to this year so far). */
import { Paragraph } from '@utrecht/component-library-react'

export const thisYear = new Date().getFullYear()

/** The budget years a page offers. */
export const budgetYears = [thisYear - 1, thisYear, thisYear + 1]

const periodYears = [thisYear - 2, thisYear - 1, thisYear]

/** The API query of a KPI period: the calendar year. */
export const periodQuery = (year: number) => `from=${year}-01-01&to=${year}-12-31`

/** The budget year of the dashboard and the budget signals. */
export function YearSelect({ year, onYear }: { year: number; onYear: (y: number) => void }) {
  return (
    <Paragraph className="koers-inline-select">
      <label htmlFor="dashboard-jaar">Jaar </label>
      <select id="dashboard-jaar" className="utrecht-select utrecht-select--html-select" value={year} onChange={(e) => onYear(Number(e.target.value))}>
        {budgetYears.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </Paragraph>
  )
}

/** The KPI period of a segment or scorecard. */
export function YearChoice({ year, onYear, id }: { year: number; onYear: (y: number) => void; id: string }) {
  return (
    <Paragraph className="koers-inline-select">
      <label htmlFor={id}>Periode </label>
      <select id={id} className="utrecht-select utrecht-select--html-select" value={year} onChange={(e) => onYear(Number(e.target.value))}>
        {periodYears.map((y) => (
          <option key={y} value={y}>
            {y === thisYear ? `${y} tot nu` : y}
          </option>
        ))}
      </select>
    </Paragraph>
  )
}
