/** Reading and setting a region's huisstijl (migration 0021); the rules are in huisstijl.ts. */
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import { type Huisstijl, checkHuisstijl } from './huisstijl.rules.ts'
import type { HuisstijlInput } from './huisstijl.schema.ts'

/** The region's huisstijl; colours and logo null where the region has set none. */
export async function getHuisstijl(trx: ScopedDb, regionId: number): Promise<Huisstijl> {
  const row = await trx
    .selectFrom('region')
    .leftJoin('region_huisstijl', 'region_huisstijl.region_id', 'region.id')
    .select(['region.name', 'region_huisstijl.logo', 'region_huisstijl.primary_colour', 'region_huisstijl.band_colour'])
    .where('region.id', '=', regionId)
    .executeTakeFirstOrThrow()
  return { regionName: row.name, logo: row.logo, primaryColour: row.primary_colour, bandColour: row.band_colour }
}

/** Sets the region's huisstijl, after checking its contrast and the logo's size. */
export async function setHuisstijl(trx: ScopedDb, actor: Actor, input: HuisstijlInput): Promise<Huisstijl> {
  checkHuisstijl(input)
  const values = { logo: input.logo, primary_colour: input.primaryColour, band_colour: input.bandColour, changed_by: actor.userId }
  await trx
    .insertInto('region_huisstijl')
    .values({ region_id: actor.regionId, ...values })
    .onConflict((oc) => oc.column('region_id').doUpdateSet({ ...values, changed_at: new Date() }))
    .execute()
  return getHuisstijl(trx, actor.regionId)
}
