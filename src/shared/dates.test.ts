import { describe, expect, it } from 'vitest'
import { addDays, addMonths, dateOfDayNumber, dayNumber, daysInMonth } from './dates.ts'

// The Date-based formulas these functions replaced (issue 19 §5): the reference they must equal.
const dayNumberByDate = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000
const addDaysByDate = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}
const addMonthsBySplit = (date: string, n: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + n
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const day = Math.min(d, new Date(Date.UTC(year, month, 0)).getUTCDate())
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Every day from 1899-12-25 to 2201-01-07: the centuries' leap-year rules (1900, 2000, 2100, 2200) and every month end in between. */
const everyDay: string[] = []
for (let n = dayNumberByDate('1899-12-25'); n <= dayNumberByDate('2201-01-07'); n++) everyDay.push(new Date(n * 86_400_000).toISOString().slice(0, 10))

describe('calendar arithmetic on day numbers', () => {
  it('numbers every day as the Date-based formula did, and turns the number back into the day', () => {
    for (const d of everyDay) {
      const n = dayNumber(d)
      if (n !== dayNumberByDate(d) || dateOfDayNumber(n) !== d) expect({ d, n, back: dateOfDayNumber(n) }).toEqual({ d, n: dayNumberByDate(d), back: d })
    }
  })

  it('adds days, forward and back, as the Date-based formula did', () => {
    const steps = [-400, -366, -365, -31, -29, -1, 0, 1, 28, 29, 31, 365, 366, 1000]
    for (let i = 0; i < everyDay.length; i += 7) {
      for (const n of steps) {
        const d = everyDay[i]!
        if (addDays(d, n) !== addDaysByDate(d, n)) expect(addDays(d, n)).toBe(addDaysByDate(d, n))
      }
    }
  })

  it('adds months, clamped to the month end, as before', () => {
    for (let i = 0; i < everyDay.length; i += 3) {
      for (const n of [-13, -12, -1, 1, 11, 12, 24]) {
        const d = everyDay[i]!
        if (addMonths(d, n) !== addMonthsBySplit(d, n)) expect(addMonths(d, n)).toBe(addMonthsBySplit(d, n))
      }
    }
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28')
    expect(addMonths('2023-02-28', 12)).toBe('2024-02-28')
  })

  it('knows the length of every month of four centuries', () => {
    for (let year = 1900; year <= 2300; year++) for (let month = 1; month <= 12; month++) expect(daysInMonth(year, month)).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate())
  })
})
