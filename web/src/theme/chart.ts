/**
 * The chart colours of the Koers theme (koers-theme.css, ADR 0026), for Recharts' fill and
 * stroke props: the tokens themselves, so a chart follows the theme and no colour is written
 * twice. Each has 4.5:1 or more against the background (src/shared/contrast.test.ts), since
 * Recharts draws the legend text in the series colour.
 */
export const chartColor = {
  1: 'var(--koers-chart-1)',
  2: 'var(--koers-chart-2)',
  3: 'var(--koers-chart-3)',
  4: 'var(--koers-chart-4)',
  /** A line to compare with (a path to a target), not a measured series. */
  reference: 'var(--koers-chart-reference)',
} as const
