/** Regions and their gemeenten. */
import { sql } from 'kysely'
import type { Database } from '../db/database.ts'
import type { ScopedDb } from '../db/scope.ts'

export interface Gemeente {
  id: number
  cbsCode: string
  name: string
  population: number
}

export interface Region {
  id: number
  code: string
  name: string
}

/** The actor's region (row-level security shows exactly one). */
export async function getOwnRegion(trx: ScopedDb): Promise<Region> {
  return trx.selectFrom('region').select(['id', 'code', 'name']).executeTakeFirstOrThrow()
}

export async function listGemeenten(trx: ScopedDb): Promise<Gemeente[]> {
  const rows = await trx
    .selectFrom('gemeente')
    .select(['id', 'cbs_code', 'name', 'population'])
    .orderBy('name')
    .execute()
  return rows.map((r) => ({ id: r.id, cbsCode: r.cbs_code, name: r.name, population: r.population }))
}

/** A gemeente of the list by its CBS code (leading zeros optional) or its name (any case), as spreadsheets name it. */
export function gemeenteNamed(gemeenten: readonly Gemeente[], codeOrName: string): Gemeente | undefined {
  return gemeenten.find((g) => g.cbsCode === codeOrName.padStart(4, '0') || g.name.toLowerCase() === codeOrName.toLowerCase())
}

/** System use only (demo, admin): regions by code. */
export async function findRegionByCode(db: Database, code: string): Promise<Region | undefined> {
  return db.selectFrom('region').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst()
}

export async function listRegions(db: Database): Promise<Region[]> {
  return db.selectFrom('region').select(['id', 'code', 'name']).orderBy('name').execute()
}

/** Number of regions in the installation (an empty database gets the demo on start). */
export async function countRegions(db: Database): Promise<number> {
  const row = await db.selectFrom('region').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
  return row.n
}
