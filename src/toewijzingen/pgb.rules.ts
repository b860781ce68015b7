/**
 * OP043: "Indien aan een client een PGB is toegekend, mag op hetzelfde moment voor hetzelfde
 * product geen toewijzing zijn afgegeven." Toelichting: "Een toewijzing eindigt (uiterlijk) op
 * de dag voorafgaand aan de ingangsdatum van het PGB." A pgb is granted for a productcategorie
 * (all its codes) or for one productcode; a generic toewijzing (no Product, IV075) is for no
 * product and so never clashes.
 */
import { addDays, type CalendarDate } from '../shared/dates.ts'
import { formatDate } from '../shared/format-nl.ts'
import type { Finding } from './toewijzing.rules.ts'

export interface PgbPeriod {
  productcategorie: string
  /** Null: the whole categorie. */
  productcode: string | null
  ingangsdatum: CalendarDate
  einddatum: CalendarDate
}

export interface PgbProduct {
  productcategorie: string
  productcode: string | null
  generiek: boolean
}

/** The pgb is for this product: its categorie with no code, or this very code. */
export const pgbCovers = (pgb: Pick<PgbPeriod, 'productcategorie' | 'productcode'>, product: PgbProduct): boolean =>
  !product.generiek && pgb.productcategorie === product.productcategorie && (pgb.productcode === null || pgb.productcode === product.productcode)

/** The first pgb for this product that overlaps the period, if any. */
export function pgbClash(pgbs: readonly PgbPeriod[], product: PgbProduct, from: CalendarDate, to: CalendarDate): PgbPeriod | undefined {
  return pgbs.find((p) => pgbCovers(p, product) && p.ingangsdatum <= to && from <= p.einddatum)
}

/** OP043 as a toegang finding: a toewijzing (or its extension) in the period of a pgb for its product. */
export function pgbFinding(pgbs: readonly PgbPeriod[], product: PgbProduct & { name: string }, from: CalendarDate, to: CalendarDate): Finding | undefined {
  const pgb = pgbClash(pgbs, product, from, to)
  if (!pgb) return undefined
  const latest = addDays(pgb.ingangsdatum, -1)
  return {
    rule: 'OP043',
    severity: 'refusal',
    path: from >= pgb.ingangsdatum ? 'ingangsdatum' : 'einddatum',
    message: `De cliënt heeft van ${formatDate(pgb.ingangsdatum)} tot en met ${formatDate(pgb.einddatum)} een pgb voor ${product.name}: in die periode geen toewijzing voor hetzelfde product.${from < pgb.ingangsdatum ? ` Laat de toewijzing uiterlijk op ${formatDate(latest)} eindigen.` : ''}`,
  }
}

/**
 * What granting this pgb means for a toewijzing of the client: nothing (another product, or no
 * overlap), an end on the day before the pgb starts, or — for a toewijzing that starts on or
 * after that day and so cannot end before it — a refusal of the pgb until it is withdrawn.
 */
export type PgbEffect = { kind: 'geen' } | { kind: 'beeindigen'; einddatum: CalendarDate } | { kind: 'weigeren'; message: string }

export function pgbEffect(pgb: PgbPeriod, t: { toewijzingNummer: number; ingangsdatum: CalendarDate; einddatum: CalendarDate; product: PgbProduct }): PgbEffect {
  if (!pgbCovers(pgb, t.product) || t.einddatum < pgb.ingangsdatum || pgb.einddatum < t.ingangsdatum) return { kind: 'geen' }
  if (t.ingangsdatum >= pgb.ingangsdatum) {
    return { kind: 'weigeren', message: `Toewijzing ${t.toewijzingNummer} begint op ${formatDate(t.ingangsdatum)}, in de periode van het pgb: trek haar eerst in (RedenWijziging 13 of 08) of laat het pgb later ingaan (OP043).` }
  }
  return { kind: 'beeindigen', einddatum: addDays(pgb.ingangsdatum, -1) }
}
