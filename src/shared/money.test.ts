import { describe, expect, it } from 'vitest'
import { euroToCents } from './money.ts'

describe('euros as people write them', () => {
  it('become cents exactly', () => {
    expect(['1.250,50', '1250,5', '1250', '-12,05', '€ 0,07', '1.000.000,01'].map(euroToCents)).toEqual([125_050, 125_050, 125_000, -1205, 7, 100_000_001])
  })

  it('are refused when ambiguous or not an amount', () => {
    expect(['1250.50', '12,345', '1,2,3', 'twaalf', '', '1.25,00'].map(euroToCents)).toEqual([null, null, null, null, null, null])
  })
})
