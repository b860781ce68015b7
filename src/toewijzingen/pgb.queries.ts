/**
 * The client's persoonsgebonden budgetten (migration 0014). Koers keeps them only to keep
 * toewijzingen beside them right (OP043, pgb.rules.ts); paying a pgb is the SVB's work.
 */
import type { ScopedDb } from '../db/scope.ts'
import type { Wet } from '../istandaarden/codelists.ts'
import type { PgbPeriod } from './pgb.rules.ts'

export interface Pgb extends PgbPeriod {
  id: number
  wet: Wet
  budgetCents: number | null
  toelichting: string
}

/** The client's pgb's, for one law or both, in order of their start. */
export async function loadPgbs(trx: ScopedDb, clientId: number, wet?: Wet): Promise<Pgb[]> {
  let q = trx.selectFrom('pgb_toekenning').selectAll().where('client_id', '=', clientId)
  if (wet !== undefined) q = q.where('wet', '=', wet)
  const rows = await q.orderBy('ingangsdatum').orderBy('id').execute()
  return rows.map((r) => ({ id: r.id, wet: r.wet, productcategorie: r.productcategorie, productcode: r.productcode, ingangsdatum: r.ingangsdatum, einddatum: r.einddatum, budgetCents: r.budget_cents === null ? null : Number(r.budget_cents), toelichting: r.toelichting }))
}
