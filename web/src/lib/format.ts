/** Dutch formatting of money (integer cents), counts, percentages and dates: the one formatter, src/shared/format-nl.ts (ADR 0023). */
export { formatCount, formatDate, formatDateLong, formatEuro, formatEuroCents, formatEuroPlain, formatInUnit, formatMoment, formatMomentDate, formatMonth, formatNumber, formatPercent } from '../../../src/shared/format-nl.ts'
