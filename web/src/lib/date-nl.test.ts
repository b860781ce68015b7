import { describe, expect, it } from 'vitest'
import { DATE_HINT, MONTH_HINT, dateText, dateValue, datumFouten, isDateOrEmpty, maandFouten, monthText, monthValue, readDate, readMonth } from './date-nl.ts'

describe('a date as a Dutch user types it', () => {
  it('reads dd-mm-jjjj as the ISO calendar date, with or without leading zeros and with -, / or . between', () => {
    expect(readDate('31-12-2026')).toEqual({ kind: 'datum', iso: '2026-12-31' })
    expect(readDate('04-02-2026')).toEqual({ kind: 'datum', iso: '2026-02-04' })
    expect(readDate('4-2-2026')).toEqual({ kind: 'datum', iso: '2026-02-04' })
    expect(readDate(' 4/2/2026 ')).toEqual({ kind: 'datum', iso: '2026-02-04' })
    expect(readDate('4.2.2026')).toEqual({ kind: 'datum', iso: '2026-02-04' })
    expect(readDate('29-02-2028')).toEqual({ kind: 'datum', iso: '2028-02-29' })
  })

  it('takes an ISO date pasted in as it is', () => {
    expect(readDate('2026-12-31')).toEqual({ kind: 'datum', iso: '2026-12-31' })
    expect(readDate('2026-02-30')).toEqual({ kind: 'fout', melding: 'De datum 2026-02-30 bestaat niet: februari 2026 heeft 28 dagen.' })
  })

  it('reads an empty field as nothing', () => {
    expect(readDate('')).toEqual({ kind: 'leeg' })
    expect(readDate('   ')).toEqual({ kind: 'leeg' })
  })

  it('says in Dutch why a date does not exist, naming the field', () => {
    expect(readDate('31-02-2026', 'Ingangsdatum')).toEqual({ kind: 'fout', melding: 'Ingangsdatum 31-02-2026 bestaat niet: februari 2026 heeft 28 dagen.' })
    expect(readDate('29-02-2027')).toEqual({ kind: 'fout', melding: 'De datum 29-02-2027 bestaat niet: februari 2027 heeft 28 dagen.' })
    expect(readDate('31-04-2026')).toEqual({ kind: 'fout', melding: 'De datum 31-04-2026 bestaat niet: april 2026 heeft 30 dagen.' })
    expect(readDate('0-05-2026')).toEqual({ kind: 'fout', melding: 'De datum 0-05-2026 bestaat niet: mei 2026 heeft 31 dagen.' })
    expect(readDate('12-13-2026', 'Einddatum')).toEqual({ kind: 'fout', melding: 'Einddatum 12-13-2026 bestaat niet: een maand is 1 tot en met 12.' })
    expect(readDate('1-0-2026')).toEqual({ kind: 'fout', melding: 'De datum 1-0-2026 bestaat niet: een maand is 1 tot en met 12.' })
  })

  it('asks for dd-mm-jjjj when the text is no date at all, or the American order with a two-digit year', () => {
    const vorm = `Schrijf de datum als ${DATE_HINT}, bijvoorbeeld 31-12-2026.`
    for (const text of ['morgen', '31-12-26', '12/31', '2026-1-5', '31122026', '31--12-2026']) expect(readDate(text)).toEqual({ kind: 'fout', melding: vorm })
    expect(readDate('1 januari 2026', 'Doeldatum')).toEqual({ kind: 'fout', melding: 'Schrijf Doeldatum als dd-mm-jjjj, bijvoorbeeld 31-12-2026.' })
  })

  it('keeps for the form the ISO date, nothing for an empty field, and the text itself when it is no date', () => {
    expect(dateValue('1-2-2026')).toBe('2026-02-01')
    expect(dateValue('  ')).toBe('')
    expect(dateValue(' 31-02-2026 ')).toBe('31-02-2026')
  })

  it("shows the form's ISO date as the Dutch formatter writes it, and reads that back to the same date", () => {
    expect(dateText('2026-12-04')).toBe('4-12-2026')
    expect(dateText('')).toBe('')
    expect(dateText('31-02-2026')).toBe('31-02-2026')
    for (const iso of ['2026-01-01', '2026-12-31', '2028-02-29', '1999-07-15']) expect(readDate(dateText(iso))).toEqual({ kind: 'datum', iso })
  })

  it('lets a filter use a calendar date or nothing, not text that is no date', () => {
    expect(isDateOrEmpty('')).toBe(true)
    expect(isDateOrEmpty('2026-03-01')).toBe(true)
    expect(isDateOrEmpty('2026-02-30')).toBe(false)
    expect(isDateOrEmpty('1-3-2026')).toBe(false)
  })

  it("gives an action's check the melding of each date field that holds no date, by path, and leaves empty fields to verplicht", () => {
    expect(datumFouten({ ingangsdatum: ['Ingangsdatum', '2026-03-01'], einddatum: ['Einddatum', '31-02-2026'], doel: ['Doeldatum', ''], gemeten: ['Gemeten op', 'gisteren'] })).toEqual({
      einddatum: 'Einddatum 31-02-2026 bestaat niet: februari 2026 heeft 28 dagen.',
      gemeten: 'Schrijf Gemeten op als dd-mm-jjjj, bijvoorbeeld 31-12-2026.',
    })
  })
})

describe('a month as a Dutch user types it', () => {
  it('reads mm-jjjj, the month written out or shortened, and a pasted ISO month, as YYYY-MM', () => {
    for (const typed of ['3-2026', '03-2026', '3/2026', '3.2026', 'maart 2026', 'Maart 2026', 'mrt 2026', 'mrt. 2026', 'maa 2026', '2026-03', ' 2026-3 ']) expect(readMonth(typed)).toEqual({ kind: 'maand', iso: '2026-03' })
    expect(readMonth('sept 2026')).toEqual({ kind: 'maand', iso: '2026-09' })
    expect(readMonth('12-2026')).toEqual({ kind: 'maand', iso: '2026-12' })
    expect(readMonth('')).toEqual({ kind: 'leeg' })
  })

  it('says in Dutch what a month is when the text is none, naming the field', () => {
    expect(readMonth('13-2026', 'Van maand')).toEqual({ kind: 'fout', melding: 'Van maand 13-2026 bestaat niet: een maand is 1 tot en met 12.' })
    expect(readMonth('march 2026', 'Maand')).toEqual({ kind: 'fout', melding: `Schrijf maand als ${MONTH_HINT}.` })
    expect(readMonth('ma 2026').kind).toBe('fout')
    expect(readMonth('3-26').kind).toBe('fout')
  })

  it('keeps YYYY-MM for the form, shows it as the formatter writes a month, and reads that back', () => {
    expect(monthValue('maart 2026')).toBe('2026-03')
    expect(monthValue('maart')).toBe('maart')
    expect(monthText('2026-03')).toBe('maart 2026')
    expect(monthText('maart')).toBe('maart')
    for (let m = 1; m <= 12; m++) {
      const iso = `2026-${String(m).padStart(2, '0')}`
      expect(monthValue(monthText(iso))).toBe(iso)
    }
  })

  it("gives an action's check the melding of each month field that holds no month, and leaves empty fields to verplicht", () => {
    expect(maandFouten({ maand: ['Maand', '2026-03'], maandVan: ['Van maand', ''], maandTot: ['Tot en met maand', '13-2026'] })).toEqual({ maandTot: 'Tot en met maand 13-2026 bestaat niet: een maand is 1 tot en met 12.' })
  })
})
