/** What providers reported about delivery: the current starts of toewijzingen and whether each was stopped for good. */
import type { ScopedDb } from '../db/scope.ts'
import type { LedgerStart } from './start-stop.rules.ts'

export interface CurrentStart {
  id: number
  toewijzingId: number
  begindatum: string
  /** A definitive stop (any reason but 20, tijdelijk) that was not removed. */
  stopped: boolean
}

/** Starts not removed (StatusAanlevering 3) of the given toewijzingen, with their definitive stop if any. */
export async function currentStarts(trx: ScopedDb, toewijzingIds: readonly number[]): Promise<CurrentStart[]> {
  if (toewijzingIds.length === 0) return []
  const rows = await trx
    .selectFrom('care_start as s')
    .leftJoin('care_stop as x', (j) => j.onRef('x.start_id', '=', 's.id').on('x.removed_by_message_id', 'is', null).on('x.reden_beeindiging', '<>', '20'))
    .select(['s.id', 's.toewijzing_id', 's.begindatum', 'x.id as stop_id'])
    .where('s.removed_by_message_id', 'is', null)
    .where('s.toewijzing_id', 'in', toewijzingIds)
    .orderBy('s.id')
    .execute()
  return rows.map((r) => ({ id: r.id, toewijzingId: r.toewijzing_id, begindatum: r.begindatum, stopped: r.stop_id !== null }))
}

type StopRow = { id: number; start_id: number; einddatum: string; reden_beeindiging: string }

/** Starts with their stops, in the order received. */
const withStops = (starts: { id: number; begindatum: string }[], stops: StopRow[]): LedgerStart[] =>
  starts.map((s) => ({ id: s.id, begindatum: s.begindatum, stops: stops.filter((x) => x.start_id === s.id).map((x) => ({ id: x.id, einddatum: x.einddatum, reden: x.reden_beeindiging })) }))

/** The starts of a toewijzing not removed, each with its stops not removed (the ledger the 305/307 rules judge). */
export async function toewijzingLedger(trx: ScopedDb, toewijzingId: number): Promise<LedgerStart[]> {
  const starts = await trx.selectFrom('care_start').select(['id', 'begindatum']).where('toewijzing_id', '=', toewijzingId).where('removed_by_message_id', 'is', null).orderBy('id').execute()
  if (starts.length === 0) return []
  const stops = await trx.selectFrom('care_stop').select(['id', 'start_id', 'einddatum', 'reden_beeindiging']).where('start_id', 'in', starts.map((s) => s.id)).where('removed_by_message_id', 'is', null).orderBy('id').execute()
  return withStops(starts, stops)
}

/** IV096: the taakgericht starts of one client (by BSN) and product at one provider, with their stops. */
export async function taakgerichtLedger(trx: ScopedDb, key: { gemeenteId: number; providerId: number; bsn: string; productId: number }): Promise<LedgerStart[]> {
  const starts = await trx
    .selectFrom('taakgericht_start')
    .select(['id', 'begindatum'])
    .where('gemeente_id', '=', key.gemeenteId)
    .where('provider_id', '=', key.providerId)
    .where('bsn', '=', key.bsn)
    .where('product_id', '=', key.productId)
    .where('removed_by_message_id', 'is', null)
    .orderBy('id')
    .execute()
  if (starts.length === 0) return []
  const stops = await trx.selectFrom('taakgericht_stop').select(['id', 'start_id', 'einddatum', 'reden_beeindiging']).where('start_id', 'in', starts.map((s) => s.id)).where('removed_by_message_id', 'is', null).orderBy('id').execute()
  return withStops(starts, stops)
}
