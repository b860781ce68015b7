/**
 * Names by id for tables and exports: the region's gemeenten, providers and segments in one
 * query, with each segment's law and budget ceiling (for the budget signals).
 */
import { sql } from 'kysely'
import type { ScopedDb } from '../db/scope.ts'

export interface SegmentMeta {
  id: number
  wet: string
  /** The segment's bestedingsruimte per year (its bekostiging), null when it has none. */
  ceilingCents: number | null
}

/** The names of the region's gemeenten, providers and segments, and the segments' law and ceiling (one query). */
export async function nameLookup(trx: ScopedDb, regionId: number) {
  const { rows } = await sql<{ kind: 'g' | 'p' | 's'; id: number; name: string; wet: string | null; ceiling: string | null }>`
    select 'g' as kind, id, name, null as wet, null as ceiling from gemeente where region_id = ${regionId}
    union all select 'p', id, name, null, null from provider where region_id = ${regionId}
    union all select 's', id, name, wet, bekostiging ->> 'budgetCeilingCentsPerYear' from segment where region_id = ${regionId}`.execute(trx)
  const maps = { g: new Map<number, string>(), p: new Map<number, string>(), s: new Map<number, string>() }
  const segments: SegmentMeta[] = []
  for (const r of rows) {
    maps[r.kind].set(r.id, r.name)
    if (r.kind === 's') segments.push({ id: r.id, wet: r.wet!, ceilingCents: r.ceiling === null ? null : Number(r.ceiling) })
  }
  return {
    gemeente: (id: number) => maps.g.get(id) ?? `gemeente ${id}`,
    provider: (id: number) => maps.p.get(id) ?? `aanbieder ${id}`,
    segment: (id: number) => maps.s.get(id) ?? `segment ${id}`,
    segments,
  }
}
