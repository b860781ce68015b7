/** A segment's four instruments in words, as the region page and the segment page show them. */
import { cadenceLabels } from '../../../src/segments/instruments.schema.ts'
import type { Segment } from '../../../src/segments/segment.queries.ts'
import { formatDate, formatEuro } from './format.ts'

export const wetLabel = { jeugdwet: 'Jeugdwet', wmo: 'Wmo' } as const
export const variantLabel = { inspanningsgericht: 'inspanningsgericht', outputgericht: 'outputgericht', taakgericht: 'taakgericht' } as const

export const instrumentNames = { toegang: 'Toegang', bekostiging: 'Bekostiging', contract: 'Contract', leveranciersmanagement: 'Leveranciersmanagement' } as const

/** Toegang, bekostiging, contract and leveranciersmanagement, a line each. */
export function instrumentLines(s: Segment): { toegang: string; bekostiging: string; contract: string; leveranciersmanagement: string } {
  const { toegang, bekostiging, contract, leveranciersmanagement: lm } = s
  return {
    toegang: `Ontwikkeling max. ${toegang.maxMonths.ontwikkeling} mnd${toegang.longerWithJustification ? ' (tenzij onderbouwd)' : ''}, stabiliteit max. ${toegang.maxMonths.stabiliteit} mnd`,
    bekostiging: [
      bekostiging.variants.map((v) => variantLabel[v]).join(', '),
      bekostiging.budgetCeilingCentsPerYear !== null ? `bestedingsruimte ${formatEuro(bekostiging.budgetCeilingCentsPerYear)} per jaar` : null,
      bekostiging.availabilityFundingCentsPerYear !== null ? `beschikbaarheid ${formatEuro(bekostiging.availabilityFundingCentsPerYear)}` : null,
    ].filter(Boolean).join('; '),
    contract: `${[contract.initialYears, ...contract.extensionOptions].join('+')} jaar vanaf ${formatDate(contract.startDate)}; ${contract.openToNewProviders ? 'open' : 'gesloten'} voor nieuwe aanbieders${contract.maxProviders !== null ? `, max. ${contract.maxProviders} aanbieders` : ''}${contract.acceptanceDuty ? ', acceptatieplicht' : ''}`,
    leveranciersmanagement: `Gesprekken ${cadenceLabels[lm.conversationCadence]}; scorekaart met ${lm.scorecard.length} KPI's; T3-meting ${lm.t3Months} mnd na einde`,
  }
}
