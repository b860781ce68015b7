import { describe, expect, it } from 'vitest'
import { clientInputSchema, datumGebruikProblem } from './client.queries.ts'

describe('a client as the 301 describes it', () => {
  it('takes a partly unknown birth date only in the form IV009 gives it (OP252)', () => {
    expect(datumGebruikProblem('2013-05-01', '1')).toBeNull()
    expect(datumGebruikProblem('2013-05-14', '1')).toMatch(/IV009/)
    expect(datumGebruikProblem('1953-01-01', '2')).toBeNull()
    expect(datumGebruikProblem('1953-09-01', '2')).toMatch(/IV009/)
    expect(datumGebruikProblem('1900-01-01', '3')).toBeNull()
    expect(datumGebruikProblem('1953-01-01', '3')).toMatch(/IV009/)
    expect(datumGebruikProblem('1953-09-17', null)).toBeNull()
  })

  it('refuses a registration whose birth date and DatumGebruik disagree, on the birth date, in Dutch', () => {
    const base = { bsn: '999900006', familyName: 'Wit' }
    expect(clientInputSchema.safeParse({ ...base, birthDate: '1949-09-01', datumGebruik: '1' }).success).toBe(true)
    const wrong = clientInputSchema.safeParse({ ...base, birthDate: '1949-09-12', datumGebruik: '1' })
    expect(wrong.success).toBe(false)
    expect(wrong.error!.issues[0]).toMatchObject({ path: ['birthDate'], message: expect.stringMatching(/geboortedag/) })
  })

  it('sends the BRP address unless the BRP holds only a briefadres (IV047)', () => {
    expect(clientInputSchema.parse({ bsn: '999900006', familyName: 'Wit', birthDate: '2012-02-14' }).adresSoort).toBe('01')
    expect(clientInputSchema.parse({ bsn: '999900006', familyName: 'Wit', birthDate: '2012-02-14', adresSoort: '02' }).adresSoort).toBe('02')
  })
})
