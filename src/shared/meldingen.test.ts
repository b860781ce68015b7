import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { bsnSchema } from './bsn.ts'
import { reasons, type Reason } from './errors.ts'
import { detailMelding, melding, veldNaam, zodMelding } from './meldingen.ts'

const issueOf = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues[0]!

describe('meldingen', () => {
  it('give every reason a Dutch sentence that names no field key, rule list or HTTP header', () => {
    for (const reason of Object.keys(reasons) as Reason[]) {
      expect(melding(reason), reason).toMatch(/^[A-Z"].{10,}\.$/)
      expect(melding(reason), reason).not.toMatch(/details|X-CSRF|row-level|API-route|Retry-After/)
      // A setting's name only for the administrator who starts Koers (configuration errors stop it before anyone signs in).
      if (reasons[reason].code !== 'configuration') expect(melding(reason), reason).not.toMatch(/KOERS_/)
    }
  })

  it('name a field as the user knows it', () => {
    expect(veldNaam('omvang.volume')).toBe('volume')
    expect(veldNaam('maandVan')).toBe('maand van')
    expect(veldNaam('eigenaarId')).toBe('eigenaar')
    expect(veldNaam('tariffs.2.validFrom')).toBe('geldig vanaf')
  })

  it('say in Dutch what is wrong with a field, never in the schema’s English', () => {
    expect(zodMelding(issueOf(z.object({ bsn: bsnSchema }), { bsn: '123456789' }))).toMatch(/elfproef/)
    expect(zodMelding(issueOf(z.object({ eigenaarId: z.number().int().positive() }), { eigenaarId: 0 }))).toBe('Eigenaar moet groter dan 0 zijn.')
    expect(zodMelding(issueOf(z.object({ omvang: z.object({ volume: z.number() }) }), { omvang: { volume: null } }))).toBe('Vul volume in.')
    expect(zodMelding(issueOf(z.object({ maandVan: z.string().regex(/^\d{4}-\d{2}$/, 'a month is YYYY-MM') }), { maandVan: 'maart' }))).toBe('Maand van heeft niet de goede vorm (een maand, bijvoorbeeld 2026-03).')
  })

  it('name the row and column of a refused import line', () => {
    expect(detailMelding('import.row_invalid', { path: 'row 2/bedrag', message: "'twee ton' is not an amount in euros" })).toBe("Regel 2, kolom bedrag: 'twee ton' is geen bedrag in euro's (bijvoorbeeld 1.234,56).")
  })
})
