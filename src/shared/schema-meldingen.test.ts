import { describe, expect, it } from 'vitest'
import { fromZod } from '../http/errors.ts'
import { approveRequestSchema } from '../requests/request.schema.ts'
import { steekproefInputSchema } from '../declaraties/rechtmatigheid.schema.ts'
import { yearBudgetSchema } from '../budgets/budget.schema.ts'
import { schemaMeldingen } from './schema-meldingen.ts'

const issuesOf = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, body: unknown) => {
  const result = schema.safeParse(body)
  if (result.success) throw new Error('the body passed')
  return result.error as Parameters<typeof schemaMeldingen>[0]
}

describe('the one Dutch translation of schema issues (ADR 0032)', () => {
  it('names each refused field as the user knows it, at its API path', () => {
    const error = issuesOf(yearBudgetSchema, { soort: 'gemeente', gemeenteId: 1, segmentId: 2, jaar: 2026, amountCents: 100, reden: 'x'.repeat(501) })
    expect(schemaMeldingen(error)).toEqual([{ path: 'reden', veld: 'reden', melding: 'Reden mag hoogstens 500 tekens hebben.', message: expect.any(String) }])
  })

  it("says a refinement's own Dutch sentence and the forms' field names (onderbouwing, postcode with an example)", () => {
    expect(schemaMeldingen(issuesOf(steekproefInputSchema, { maandVan: '2026-05', maandTot: '2026-03', omvang: 10 })).map((m) => [m.path, m.melding])).toEqual([['maandTot', 'De periode van de steekproef eindigt voor zij begint: kies een latere maand tot.']])
    const approval = { productId: 1, ingangsdatum: '2026-01-01', einddatum: '2026-06-30', justification: 'x'.repeat(2001), postcode: '37AB', huisnummer: 1, assessment: { perspective: 'ontwikkeling', complexity: 'enkelvoudig', intensity: 'licht', goals: [{ description: 'Naar school', domain: 'ontwikkeling', t1: 2 }] } }
    expect(schemaMeldingen(issuesOf(approveRequestSchema, approval)).map((m) => [m.path, m.melding])).toEqual([
      ['justification', 'Onderbouwing mag hoogstens 2000 tekens hebben.'],
      ['postcode', 'Postcode heeft niet de goede vorm (vier cijfers en twee hoofdletters, bijvoorbeeld 3701AB).'],
    ])
  })

  it('gives the server the same meldingen as the browser: the HTTP error details are these', () => {
    const error = issuesOf(steekproefInputSchema, { maandVan: 'maart', maandTot: '2026-03', omvang: 0 })
    expect(fromZod(error).details.map((d) => ({ path: d.path, veld: d.veld, melding: d.melding }))).toEqual(schemaMeldingen(error).map(({ path, veld, melding }) => ({ path, veld, melding })))
  })
})
