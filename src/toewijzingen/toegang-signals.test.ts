import { describe, expect, it } from 'vitest'
import { addWorkingDays, easterSunday, isWorkingDay, publicHolidays } from '../shared/working-days.ts'
import { type LedgerRow, ledgerSignals } from './toegang-signals.ts'

const row = (over: Partial<LedgerRow>): LedgerRow => ({
  id: 1,
  toewijzingNummer: 101,
  clientId: 7,
  pseudonym: 'abc123def456',
  providerName: 'Aanbieder',
  productId: 10,
  segmentId: 5,
  toewijzingDatum: '2026-10-01',
  ingangsdatum: '2026-10-05',
  einddatum: '2026-12-31',
  withdrawn: false,
  starts: [{ begindatum: '2026-10-06', stopped: false }],
  ...over,
})
const kinds = (rows: LedgerRow[], today: string) => ledgerSignals(rows, today).map((s) => s.kind)

describe('toegang signals', () => {
  it('signals a toewijzing ending within 6 weeks without a follow-up, not with one', () => {
    expect(kinds([row({})], '2026-11-22')).toEqual(['eindigt_zonder_vervolg'])
    expect(kinds([row({}), row({ id: 2, toewijzingNummer: 102, ingangsdatum: '2027-01-01', einddatum: '2027-06-30', starts: [] })], '2026-11-22')).toEqual([])
    expect(kinds([row({})], '2026-11-01')).toEqual([])
  })
  it('signals a toewijzing that ended more than 5 working days ago while the start has no 307', () => {
    expect(kinds([row({ einddatum: '2026-11-10' })], '2026-11-22')).toEqual(['beeindigd_zonder_stop'])
    expect(kinds([row({ einddatum: '2026-11-10', starts: [{ begindatum: '2026-10-06', stopped: true }] })], '2026-11-22')).toEqual([])
  })
  it('signals no start within 5 working days of the later of toewijzingsdatum and ingangsdatum', () => {
    // Ingangsdatum Mon 5 Oct 2026: due Mon 12 Oct.
    expect(kinds([row({ starts: [], einddatum: '2027-06-30' })], '2026-10-12')).toEqual([])
    expect(kinds([row({ starts: [], einddatum: '2027-06-30' })], '2026-10-13')).toEqual(['geen_start'])
  })
  it('ignores a withdrawn toewijzing', () => expect(kinds([row({ withdrawn: true, starts: [] })], '2026-12-20')).toEqual([]))
})

describe('working days', () => {
  it('skips weekends and the Dutch public holidays', () => {
    expect(easterSunday(2027)).toBe('2027-03-28')
    expect(isWorkingDay('2027-03-29')).toBe(false) // Tweede Paasdag
    expect(isWorkingDay('2027-04-27')).toBe(false) // Koningsdag
    expect(publicHolidays(2025).has('2025-04-26')).toBe(true) // Koningsdag moves to the 26th when the 27th is a Sunday
    expect(isWorkingDay('2025-05-05')).toBe(false) // Bevrijdingsdag in a lustrum year (a Monday)
    expect(isWorkingDay('2026-05-05')).toBe(true) // and not in other years (a Tuesday)
    expect(addWorkingDays('2026-12-23', 3)).toBe('2026-12-29') // over Christmas
  })
})
