/**
 * The model's explanation beside a scenario (issue 22 §2): how the durations were fitted per
 * perspective and what a traject-month of each product cost, over the gemeenten of the scope.
 * Counts of 1–4 are not shown, nor the cost of a product that rests on 1–4 traject-months.
 */
import type { FittedModel, PerspectiveKey } from './flow-model.rules.ts'
import { shownCount } from './scenario.rules.ts'

/** A product of the segment as the explanation names it. */
export interface ProductNaam {
  productId: number
  naam: string
  /** The productcode, or the productcategorie where the product has no code. */
  code: string
  variant: 'inspanningsgericht' | 'outputgericht' | 'taakgericht'
}

export interface PerspectiefUitleg {
  perspectief: PerspectiveKey
  /** Episodes of care in the fitted months. */
  trajecten: number | null
  /** The gemeenten where the perspective has a duration curve of its own (the others use the segment's). */
  gemeentenEigenCurve: number
  gemeenten: number
  /** The month of care by whose end half of the episodes have ended (Kaplan–Meier over the scope); null: not within the observed months. */
  mediaanMaanden: number | null
  /** Its share of the inflow, in %. */
  aandeelInstroomPct: number
}

export interface ProductUitleg extends ProductNaam {
  trajectmaanden: number | null
  kostenPerTrajectmaandCents: number | null
  /** Its share of the traject-months, in %. */
  aandeelPct: number | null
}

export interface ModelUitleg {
  perspectieven: PerspectiefUitleg[]
  /** Empty: the products are not known (the costs are one per client-month). */
  producten: ProductUitleg[]
  kostenPerClientmaandCents: number
  /** Per client-month, what no product's traject-months carry (taakgericht payments and the like); null without products. */
  overigPerClientmaandCents: number | null
}

const round1 = (x: number) => Math.round(x * 10) / 10

/** The month of care (1, 2, …) by whose end the survival is at most one half; null when it stays above. */
export function medianMonths(atRisk: readonly number[], ended: readonly number[]): number | null {
  let survival = 1
  for (let k = 0; k < atRisk.length; k++) {
    if ((atRisk[k] ?? 0) > 0) survival *= 1 - (ended[k] ?? 0) / atRisk[k]!
    if (survival <= 0.5) return k + 1
  }
  return null
}

/** The explanation of the fitted models of the gemeenten of a scope. */
export function explainModel(models: readonly FittedModel[], producten: readonly ProductNaam[]): ModelUitleg {
  const keys = (['ontwikkeling', 'stabiliteit', 'onbekend'] as const).filter((k) => models.some((m) => m.perspectives.some((p) => p.perspective === k && (p.episodes > 0 || p.stock.some((x) => x > 0)))))
  const inflow = models.reduce((s, m) => s + m.inflowLevel, 0)
  const perspectieven = keys.map((perspectief): PerspectiefUitleg => {
    const curves = models.flatMap((m) => m.perspectives.filter((p) => p.perspective === perspectief).map((p) => ({ m, p })))
    const atRisk: number[] = []
    const ended: number[] = []
    for (const { p } of curves) {
      p.atRisk.forEach((n, k) => (atRisk[k] = (atRisk[k] ?? 0) + n))
      p.ended.forEach((n, k) => (ended[k] = (ended[k] ?? 0) + n))
    }
    const share = inflow > 0 ? curves.reduce((s, { m, p }) => s + m.inflowLevel * p.inflowShare, 0) / inflow : curves.reduce((s, { p }) => s + p.inflowShare, 0) / Math.max(1, models.length)
    return {
      perspectief,
      trajecten: shownCount(curves.reduce((s, { p }) => s + p.episodes, 0)),
      gemeentenEigenCurve: curves.filter(({ p }) => p.ownCurve).length,
      gemeenten: models.length,
      mediaanMaanden: medianMonths(atRisk, ended),
      aandeelInstroomPct: round1(share * 100),
    }
  })
  const known = models.length > 0 && models.every((m) => m.products.length > 0 || m.costClientMonths === 0)
  const months = new Map<number, { n: number; cents: number }>()
  for (const m of models) for (const p of m.products) {
    const x = months.get(p.productId) ?? { n: 0, cents: 0 }
    x.n += p.trajectMonths
    x.cents += p.realisedCents
    months.set(p.productId, x)
  }
  const total = [...months.values()].reduce((s, x) => s + x.n, 0)
  const naam = new Map(producten.map((p) => [p.productId, p]))
  const clientMonths = models.reduce((s, m) => s + m.costClientMonths, 0)
  const perClientMonth = (f: (m: FittedModel) => number) => (clientMonths === 0 ? 0 : Math.round(models.reduce((s, m) => s + f(m) * m.costClientMonths, 0) / clientMonths))
  return {
    perspectieven,
    producten: known
      ? [...months].sort((a, b) => a[0] - b[0]).map(([productId, x]) => {
          const shown = shownCount(x.n)
          return { ...(naam.get(productId) ?? { productId, naam: `product ${productId}`, code: '', variant: 'inspanningsgericht' as const }), trajectmaanden: shown, kostenPerTrajectmaandCents: shown === null ? null : Math.round(x.cents / x.n), aandeelPct: shown === null ? null : round1((x.n / total) * 100) }
        })
      : [],
    kostenPerClientmaandCents: perClientMonth((m) => m.costPerClientMonthCents),
    overigPerClientmaandCents: known ? perClientMonth((m) => m.otherPerClientMonthCents) : null,
  }
}
