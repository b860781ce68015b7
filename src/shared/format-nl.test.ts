import { describe, expect, it } from 'vitest'
import { formatCount, formatDate, formatDateLong, formatEuro, formatEuroCents, formatEuroPlain, formatInUnit, formatMoment, formatMomentDate, formatMonth, formatNumber, formatPercent } from './format-nl.ts'

/** The tests write a plain space where the formatter writes U+00A0. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ')

describe('format-nl', () => {
  it('writes money in cents as Dutch euros, with and without cents', () => {
    expect([123456, 5, -5, 0, -0.4, 100_000_001, -29_562_272].map(formatEuroCents).map(plain)).toEqual(['€ 1.234,56', '€ 0,05', '€ -0,05', '€ 0,00', '€ 0,00', '€ 1.000.000,01', '€ -295.622,72'])
    expect([123456, 123449, 50, 49, -49, -150, 2_956_227_260].map(formatEuro).map(plain)).toEqual(['€ 1.235', '€ 1.234', '€ 1', '€ 0', '€ 0', '€ -2', '€ 29.562.273'])
    expect([123456, -5, 0].map(formatEuroPlain)).toEqual(['1234,56', '-0,05', '0,00'])
  })

  it('puts a non-breaking space between € and the amount and before %', () => {
    expect(formatEuroCents(100)).toBe('€\u00a01,00')
    expect(formatPercent(64.44)).toBe('64,4\u00a0%')
  })

  it('writes numbers and percentages with a decimal comma, rounding half away from zero', () => {
    expect(formatNumber(1234567)).toBe('1.234.567')
    expect(formatNumber(1.005, 2)).toBe('1,01')
    expect(formatNumber(-0.04, 1)).toBe('0,0')
    expect(formatNumber(12, 1, true)).toBe('12')
    expect(formatNumber(Number.NaN)).toBe('–')
    expect([64.44, 64.45, 100, -10].map((v) => plain(formatPercent(v)))).toEqual(['64,4 %', '64,5 %', '100,0 %', '-10,0 %'])
    expect(plain(formatPercent(-10, 1, true))).toBe('-10 %')
  })

  it("writes a value in a KPI's unit", () => {
    expect([formatInUnit('cents', 30_979_700), formatInUnit('procent', 64.44), formatInUnit('dagen', 120), formatInUnit('schaal', 0.5), formatInUnit('aantal', 1234)].map(plain)).toEqual(['€ 309.797', '64,4 %', '120 dagen', '+0,5', '1.234'])
  })

  it('writes a suppressed count as < 5', () => {
    expect([null, 0, 5, 12345].map(formatCount)).toEqual(['< 5', '0', '5', '12.345'])
  })

  it('writes calendar dates short and long, and a moment as its date in the Netherlands', () => {
    expect(formatDate('2026-12-04')).toBe('4-12-2026')
    expect(formatDate(null)).toBe('onbepaald')
    expect(formatDateLong('2026-12-04')).toBe('4 december 2026')
    expect(formatDateLong('2027-03-01')).toBe('1 maart 2027')
    expect(formatMonth('2026-10')).toBe('oktober 2026')
    expect(formatMonth('2026-01-31')).toBe('januari 2026')
    // 23:30 UTC on 3 December is 00:30 on 4 December in Amsterdam.
    expect(formatMomentDate('2026-12-03T23:30:00Z')).toBe('4-12-2026')
    expect(formatMoment('2026-07-03T22:05:00Z')).toBe('4-7-2026 00:05')
    expect(formatMoment('2026-12-04T13:03:12.345Z', { seconds: true })).toBe('4-12-2026 14:03:12')
  })
})
