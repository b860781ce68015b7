/** Segments with their four instruments. */
import type { ScopedDb } from '../db/scope.ts'
import { refusingConstraints } from '../db/errors.ts'
import type { Wet } from '../istandaarden/codelists.ts'
import { type Instruments, instrumentsSchema } from './instruments.schema.ts'
import { z } from 'zod'

export interface Segment extends Instruments {
  id: number
  wet: Wet
  code: string
  name: string
  description: string
  parentId: number | null
}

export const segmentInputSchema = z.object({
  wet: z.enum(['jeugdwet', 'wmo']),
  code: z.string().regex(/^[a-z0-9-]{1,60}$/, 'a segment code has lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(4000).default(''),
  parentId: z.number().int().positive().nullable().default(null),
  instruments: instrumentsSchema,
})
export type SegmentInput = z.input<typeof segmentInputSchema>

export async function listSegments(trx: ScopedDb): Promise<Segment[]> {
  const rows = await trx.selectFrom('segment').selectAll().orderBy('wet').orderBy('id').execute()
  return rows.map((r) => ({
    id: r.id,
    wet: r.wet,
    code: r.code,
    name: r.name,
    description: r.description,
    parentId: r.parent_id,
    toegang: r.toegang,
    bekostiging: r.bekostiging,
    contract: r.contract_terms,
    leveranciersmanagement: r.leveranciersmanagement,
  }))
}

export async function createSegment(trx: ScopedDb, regionId: number, raw: SegmentInput): Promise<number> {
  const input = segmentInputSchema.parse(raw)
  const { toegang, bekostiging, contract, leveranciersmanagement } = input.instruments
  return refusingConstraints(async () => {
    const row = await trx
      .insertInto('segment')
      .values({
        region_id: regionId,
        wet: input.wet,
        code: input.code,
        name: input.name,
        description: input.description,
        parent_id: input.parentId,
        toegang: JSON.stringify(toegang),
        bekostiging: JSON.stringify(bekostiging),
        contract_terms: JSON.stringify(contract),
        leveranciersmanagement: JSON.stringify(leveranciersmanagement),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  })
}
