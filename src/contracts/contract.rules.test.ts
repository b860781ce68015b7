import { describe, expect, it } from 'vitest'
import { assertExtensionAllowed, contractEndDate, contractMaxEndDate, formatDuration } from './contract.rules.ts'

const fourPlusOnePlusOne = { startDate: '2027-01-01', initialYears: 4, extensionOptions: [1, 1] }

describe('framework agreement period (4+1+1, seed 004 §5.1)', () => {
  it('ends after the initial years when no option is taken', () => {
    expect(contractEndDate(fourPlusOnePlusOne, [])).toBe('2030-12-31')
    expect(formatDuration(fourPlusOnePlusOne)).toBe('4+1+1')
  })
  it('adds the taken options in order, and stops at the first one not taken', () => {
    expect(contractEndDate(fourPlusOnePlusOne, [{ optionNumber: 1, decision: 'verlengd' }])).toBe('2031-12-31')
    expect(contractEndDate(fourPlusOnePlusOne, [{ optionNumber: 1, decision: 'niet_verlengd' }, { optionNumber: 2, decision: 'verlengd' }])).toBe('2030-12-31')
    expect(contractMaxEndDate(fourPlusOnePlusOne)).toBe('2032-12-31')
  })
  it('refuses option 2 before option 1 was taken', () => {
    expect(() => assertExtensionAllowed(fourPlusOnePlusOne, [], { optionNumber: 2, decision: 'verlengd', decidedOn: '2030-06-01' })).toThrow(expect.objectContaining({ reason: 'contract.extension_out_of_order' }))
  })
  it('refuses an option that does not exist, one decided twice, and one after the end', () => {
    expect(() => assertExtensionAllowed(fourPlusOnePlusOne, [], { optionNumber: 3, decision: 'verlengd', decidedOn: '2030-06-01' })).toThrow(expect.objectContaining({ reason: 'contract.extension_unknown' }))
    expect(() => assertExtensionAllowed(fourPlusOnePlusOne, [{ optionNumber: 1, decision: 'verlengd' }], { optionNumber: 1, decision: 'verlengd', decidedOn: '2030-06-01' })).toThrow(expect.objectContaining({ reason: 'contract.extension_decided' }))
    expect(() => assertExtensionAllowed(fourPlusOnePlusOne, [], { optionNumber: 1, decision: 'verlengd', decidedOn: '2031-01-01' })).toThrow(expect.objectContaining({ reason: 'contract.ended', message: expect.stringContaining('2030-12-31') }))
  })
})
