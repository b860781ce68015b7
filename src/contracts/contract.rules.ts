/**
 * Rules of the framework agreement (raamovereenkomst): its period follows from the start,
 * the initial years and the extension options that were taken, in order. Seed 004 §5.1:
 * "de overeenkomsten voor vier jaar afsluiten met de mogelijkheid van twee keer een jaar
 * verlenging" (4+1+1).
 */
import { addDays, addYears, type CalendarDate } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'

export interface ContractShape {
  startDate: CalendarDate
  initialYears: number
  extensionOptions: readonly number[]
}
export interface ExtensionDecision {
  optionNumber: number
  decision: 'verlengd' | 'niet_verlengd'
}

/** Last day of the contract given the extension decisions (taken options count in order). */
export function contractEndDate(contract: ContractShape, decisions: readonly ExtensionDecision[]): CalendarDate {
  let years = contract.initialYears
  const sorted = [...decisions].sort((a, b) => a.optionNumber - b.optionNumber)
  for (const d of sorted) {
    if (d.decision !== 'verlengd') break
    years += contract.extensionOptions[d.optionNumber - 1] ?? 0
  }
  return addDays(addYears(contract.startDate, years), -1)
}

/** The latest possible end if every option is taken. */
export function contractMaxEndDate(contract: ContractShape): CalendarDate {
  const years = contract.initialYears + contract.extensionOptions.reduce((a, b) => a + b, 0)
  return addDays(addYears(contract.startDate, years), -1)
}

/** `4+1+1` */
export function formatDuration(contract: Pick<ContractShape, 'initialYears' | 'extensionOptions'>): string {
  return [contract.initialYears, ...contract.extensionOptions].join('+')
}

/**
 * Refuses an extension decision out of order: option n can only be decided after option
 * n−1 was taken, once, and only while the contract has not ended.
 */
export function assertExtensionAllowed(
  contract: ContractShape,
  decisions: readonly ExtensionDecision[],
  next: ExtensionDecision & { decidedOn: CalendarDate },
): void {
  if (next.optionNumber < 1 || next.optionNumber > contract.extensionOptions.length) {
    throw new AppError('contract.extension_unknown', `the contract has ${contract.extensionOptions.length} extension option(s); option ${next.optionNumber} does not exist`)
  }
  if (decisions.some((d) => d.optionNumber === next.optionNumber)) {
    throw new AppError('contract.extension_decided', `extension option ${next.optionNumber} has already been decided`)
  }
  for (let n = 1; n < next.optionNumber; n++) {
    const earlier = decisions.find((d) => d.optionNumber === n)
    if (!earlier || earlier.decision !== 'verlengd') {
      throw new AppError('contract.extension_out_of_order', `extension option ${next.optionNumber} requires option ${n} to have been taken first`)
    }
  }
  const end = contractEndDate(contract, decisions)
  if (next.decidedOn > end) {
    throw new AppError('contract.ended', `the contract ended on ${end}; it can no longer be extended`)
  }
}
