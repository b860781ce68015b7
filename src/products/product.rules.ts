/**
 * Rules for products and tariffs. A product is an iStandaarden productcategorie plus
 * productcode with its unit and uitvoeringsvariant (RULES.md, "Uitvoeringsvarianten").
 */
import { z } from 'zod'
import { eenheden, productcategorieen, type Wet } from '../istandaarden/codelists.ts'
import { AppError, type ErrorDetail } from '../shared/errors.ts'
import { type Period, firstOverlap, formatPeriod } from '../shared/periods.ts'
import type { Variant } from '../segments/instruments.schema.ts'
import { variantSchema } from '../segments/instruments.schema.ts'
import { calendarDate } from '../shared/request.schema.ts'
import { nonNegativeCents } from '../shared/money.ts'

/** Units each variant allows (RULES.md): inspanning 01/04/14/16/84, output 82/83, taak none. */
export const unitsPerVariant: Record<Variant, readonly string[]> = {
  inspanningsgericht: ['01', '04', '14', '16', '84'],
  outputgericht: ['82', '83'],
  taakgericht: [],
}

export const productInputSchema = z.object({
  segmentId: z.number().int().positive(),
  productcategorie: z.string().regex(/^\d{2}$/, 'a productcategorie has 2 digits'),
  productcode: z
    .string()
    .regex(/^[0-9A-Za-z]{1,5}$/, 'a productcode has 1 to 5 letters or digits')
    .nullable(),
  name: z.string().trim().min(1).max(200),
  eenheid: z.enum(Object.keys(eenheden) as [keyof typeof eenheden]).nullable(),
  variant: variantSchema,
  /**
   * A generic toewijzing: a budget for the segment's care, with no Product in the 301 (IV075:
   * "Bij generieke toewijzingen is het product leeg"). The productcategorie only classifies it.
   */
  generiek: z.boolean().default(false),
})
export type ProductInput = z.input<typeof productInputSchema>

/** Checks a product against its segment's law and allowed variants; returns every problem. */
export function checkProduct(input: ProductInput, segment: { wet: Wet; variants: readonly Variant[] }): ErrorDetail[] {
  const problems: ErrorDetail[] = []
  if (input.generiek === true && (input.productcode !== null || input.variant === 'taakgericht')) {
    problems.push({ path: 'generiek', message: 'een generieke toewijzing heeft geen productcode en is niet taakgericht (IV075)' })
  }
  if (!(input.productcategorie in productcategorieen[segment.wet])) {
    problems.push({
      path: 'productcategorie',
      message: `productcategorie ${input.productcategorie} does not exist under the ${segment.wet === 'jeugdwet' ? 'Jeugdwet' : 'Wmo'}`,
    })
  }
  if (!segment.variants.includes(input.variant)) {
    problems.push({
      path: 'variant',
      message: `the segment's bekostiging does not allow ${input.variant} (allowed: ${segment.variants.join(', ')})`,
    })
  }
  const allowed = unitsPerVariant[input.variant]
  if (input.variant === 'taakgericht' && input.eenheid !== null) {
    problems.push({ path: 'eenheid', message: 'a taakgericht product has no unit: it is not declared per client' })
  } else if (input.variant !== 'taakgericht' && (input.eenheid === null || !allowed.includes(input.eenheid))) {
    problems.push({
      path: 'eenheid',
      message: `a ${input.variant} product needs a unit of ${allowed.join(', ')}`,
    })
  }
  return problems
}

export function assertProduct(input: ProductInput, segment: { wet: Wet; variants: readonly Variant[] }): void {
  const problems = checkProduct(input, segment)
  if (problems.length > 0) throw new AppError('product.invalid', problems[0]!.message, problems)
}

export const tariffInputSchema = z
  .object({
    productId: z.number().int().positive(),
    contractId: z.number().int().positive(),
    validFrom: calendarDate,
    validTo: calendarDate,
    amountCents: nonNegativeCents,
    indexationBasisPoints: z.number().int().min(-10_000).max(10_000).default(0),
  })
  .refine((t) => t.validTo >= t.validFrom, { message: 'validTo may not lie before validFrom', path: ['validTo'] })
export type TariffInput = z.input<typeof tariffInputSchema>

/** A product has one tariff on any day: refuses a new period that overlaps an existing one. */
export function assertNoTariffOverlap(existing: readonly Period[], proposed: Period): void {
  const pair = firstOverlap([...existing, proposed])
  if (pair) {
    throw new AppError(
      'tariff.overlap',
      `tariff period ${formatPeriod(proposed)} overlaps the existing tariff ${formatPeriod(pair[0] === proposed ? pair[1] : pair[0])}`,
      [{ path: 'validFrom', message: 'overlapping tariff period' }],
    )
  }
}
