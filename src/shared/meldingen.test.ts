import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { bsnSchema } from './request.schema.ts'
import { AppError, reasons, type Reason } from './errors.ts'
import { detailMelding, melding, rowMelding } from './meldingen.ts'
import { veldNaam, zodMelding } from './schema-meldingen.ts'

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
    expect(veldNaam('assessment.goals.0.description')).toBe('het doel')
  })

  it('say in Dutch what is wrong with a field, never in the schema’s English', () => {
    expect(zodMelding(issueOf(z.object({ bsn: bsnSchema }), { bsn: '123456789' }))).toMatch(/elfproef/)
    expect(zodMelding(issueOf(z.object({ eigenaarId: z.number().int().positive() }), { eigenaarId: 0 }))).toBe('Eigenaar moet groter dan 0 zijn.')
    expect(zodMelding(issueOf(z.object({ omvang: z.object({ volume: z.number() }) }), { omvang: { volume: null } }))).toBe('Vul volume in.')
    expect(zodMelding(issueOf(z.object({ maandVan: z.string().regex(/^\d{4}-\d{2}$/, 'a month is YYYY-MM') }), { maandVan: 'maart' }))).toBe('Maand van heeft niet de goede vorm (een maand, bijvoorbeeld 2026-03).')
  })

  it('name the row and column of a refused import line', () => {
    expect(detailMelding('import.row_invalid', { path: 'row 2/bedrag', message: "'twee ton' is not an amount in euros" })).toBe("Regel 2, kolom bedrag: 'twee ton' is geen bedrag in euro's (bijvoorbeeld 1.234,56).")
    expect(detailMelding('import.row_invalid', { path: 'row 3/agb', message: "no provider with AGB code '99999999' in this region" })).toBe("Regel 3, kolom agb: '99999999' is geen AGB-code van een aanbieder in deze regio.")
    // A row refused as a whole is never "kolom row".
    expect(detailMelding('import.row_invalid', { path: 'row 4/row', message: 'a gemeente sets its own budget only' })).toBe('Regel 4: deze regel kan zo niet worden ingelezen.')
  })

  it('say why a row was refused in the words of the check that refused it', () => {
    expect(rowMelding(new AppError('budget.other_gemeente', 'a gemeente sets its own budget only'))).toBe(melding('budget.other_gemeente'))
    expect(rowMelding(new AppError('outcome.invalid', 'in the future', [{ path: 'gemetenOp', message: 'in the future', melding: 'Een meting kan niet in de toekomst liggen.' }]))).toBe('Een meting kan niet in de toekomst liggen.')
    expect(rowMelding(z.object({ maand: z.string().regex(/^\d{4}-\d{2}$/) }).safeParse({ maand: 'maart' }).error)).toBe('Maand heeft niet de goede vorm (een maand, bijvoorbeeld 2026-03).')
    expect(rowMelding(new Error('boom'))).toBeUndefined()
  })

  it('use the Dutch melding a refinement carries, and name amounts in cents as euros', () => {
    const schema = z.object({ toelichting: z.string() }).refine((x) => x.toelichting !== '', { path: ['toelichting'], params: { melding: 'Schrijf in de toelichting wat u gevonden hebt.' } })
    expect(zodMelding(issueOf(schema, { toelichting: '' }))).toBe('Schrijf in de toelichting wat u gevonden hebt.')
    expect(zodMelding(issueOf(z.object({ budgetCents: z.number() }), { budgetCents: null }))).toBe('Vul budget in.')
    expect(zodMelding(issueOf(z.object({ amountCents: z.number().min(0) }), { amountCents: -1 }))).toBe('Bedrag moet minstens 0 zijn.')
  })
})
