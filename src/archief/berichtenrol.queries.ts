/** A region's observer setting (migration 0022, ADR 0028): Koers answers providers, or watches its back office do it. */
import type { Actor } from '../auth/actor.ts'
import type { BerichtenModus } from '../db/schema.ts'
import type { ScopedDb } from '../db/scope.ts'

/** The region's mode; a region that never chose answers (as before issue 23). */
export async function berichtenModus(trx: ScopedDb, regionId: number): Promise<BerichtenModus> {
  const row = await trx.selectFrom('region_berichtenrol').select('modus').where('region_id', '=', regionId).executeTakeFirst()
  return row?.modus ?? 'antwoordend'
}

/** Sets the region's mode (role regio; row-level security checks it again). Earlier messages keep the mode they were taken in. */
export async function zetBerichtenModus(trx: ScopedDb, actor: Actor, modus: BerichtenModus): Promise<BerichtenModus> {
  await trx
    .insertInto('region_berichtenrol')
    .values({ region_id: actor.regionId, modus, changed_by: actor.userId })
    .onConflict((oc) => oc.column('region_id').doUpdateSet({ modus, changed_by: actor.userId, changed_at: new Date() }))
    .execute()
  return modus
}
