/** A KPI value as the segment page and the scorecard show it. */
import type { KpiValues } from '../../../src/kpis/kpi.queries.ts'
import type { KpiValue } from '../../../src/kpis/kpi.rules.ts'
import { formatInUnit } from '../lib/format.ts'

export type KpiCode = keyof KpiValues

/** A KPI value as a page shows it: "< 5" when it rests on too few clients, "–" when there is nothing to measure. */
export function KpiText({ value, eenheid }: { value: KpiValue | undefined; eenheid: string }) {
  if (!value) return <>–</>
  if (value.onderdrukt) return <abbr title="Minder dan 5 cliënten: niet getoond">&lt; 5</abbr>
  return <>{value.waarde === null ? '–' : formatInUnit(eenheid, value.waarde)}</>
}
