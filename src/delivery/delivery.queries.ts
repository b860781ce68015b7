/** What providers reported about delivery: the current starts of toewijzingen and whether each was stopped for good. */
import type { ScopedDb } from '../db/scope.ts'

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
