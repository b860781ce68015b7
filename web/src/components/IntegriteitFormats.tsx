/** What the integrity pages share: the labels of the signal kinds and the ratios as Dutch text. */
import type { Ratios } from '../../../src/integriteit/integriteit.rules.ts'
import { formatNumber, formatPercent } from '../lib/format.ts'

export { signaalSoortLabels } from '../../../src/integriteit/integriteit.rules.ts'

export const pct = (x: number | null) => (x === null ? '–' : formatPercent(x * 100, 1, true))
export const ratioText = (x: number | null) => (x === null ? '–' : formatNumber(x, 2))

export const ratioLabels: Record<keyof Ratios, string> = {
  marge: 'Marge (winst %)',
  solvabiliteit: 'Solvabiliteit',
  currentRatio: 'Current ratio',
  aandeelRegio: 'Aandeel omzet regio',
  aandeelInhuur: 'Aandeel inhuur',
}

export const showRatio = (key: keyof Ratios, x: number | null) => (key === 'currentRatio' ? ratioText(x) : pct(x))
