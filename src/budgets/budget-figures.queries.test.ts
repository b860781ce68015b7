import { CompiledQuery, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../auth/actor.ts'
import { withActor } from '../db/scope.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { recording } from '../test/recording.ts'
import { type FiguresDim, figuresBy } from './budget-figures.queries.ts'

describe.each(engines)('the stored figures on %s', (engine) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await freshDatabase(engine)
  })
  afterAll(() => database.dispose())

  const regio: Actor = { userId: null, name: 'test', role: 'regio', regionId: 1, gemeenteId: null, providerId: null }
  const gemeente: Actor = { ...regio, role: 'gemeente', gemeenteId: 1 }
  const cases: [string, Actor, FiguresDim[]][] = [
    ["the region's dashboard, per gemeente and segment", regio, ['gemeente', 'segment']],
    ["the region's dashboard, per provider", regio, ['provider']],
    ["a gemeente's dashboard, per provider", gemeente, ['provider']],
    ['a total', regio, []],
  ]
  // Issue 19 §5 (migration 0036): the rows of a region and year lie scattered over the table, a
  // heap page each; the sums must come from the primary key's leaf pages alone. With sequential
  // and bitmap scans off, the planner can choose an index-only scan only if the key holds every
  // column the sum reads: a summed column left out of the key turns it into an index scan.
  it.each(cases)('sums budget_prognose from its primary key alone: %s', async (_, actor, dims) => {
    const plans = await withActor(database.db, actor, async (trx) => {
      await sql`select set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true)`.execute(trx)
      const seen: CompiledQuery[] = []
      await figuresBy(recording(trx, seen), actor, 2026, dims)
      expect(seen).toHaveLength(1)
      const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${seen[0]!.sql}`, [...seen[0]!.parameters]))
      return rows.map((r) => r['QUERY PLAN']).join('\n')
    })
    const onPrognose = plans.split('\n').filter((line) => / on budget_prognose\b/.test(line))
    expect(onPrognose).toHaveLength(1)
    expect(onPrognose[0]).toMatch(/Index Only Scan using budget_prognose_pkey on budget_prognose/)
  })
})
