/** Dutch formatting of money (integer cents), counts and dates. */
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })
const euroCents = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' })
const count = new Intl.NumberFormat('nl-NL')

export const formatEuro = (cents: number) => euro.format(Math.round(cents / 100))
export const formatEuroCents = (cents: number) => euroCents.format(cents / 100)
export const formatCount = (n: number | null) => (n === null ? '< 5' : count.format(n))
export function formatDate(iso: string | null): string {
  if (iso === null) return 'onbepaald'
  const [y, m, d] = iso.split('-')
  return `${Number(d)}-${Number(m)}-${y}`
}

const month = new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' })
/** `2026-10` (or a date in it) as `oktober 2026`. */
export const formatMonth = (yearMonth: string) => month.format(new Date(`${yearMonth.slice(0, 7)}-01T12:00:00Z`))
