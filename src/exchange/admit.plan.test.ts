import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { messageByIdentification } from './admit.ts'
import { request315, type ToegangScenario, toegangScenario } from '../test/toegang-scenario.ts'

/** A parameter as an SQL literal, to explain the compiled lookup as a prepared statement. */
const literal = (value: unknown) => (typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`)

/**
 * Issue 19: each incoming message is first looked up by its identification (9056), in a table
 * that grows by every message. The lookup must take the unique key (region_id, wet, code,
 * sender_code, identificatie) whatever the planner's statistics say. When it also asked for the
 * direction, the planner's default guesses for a table without current statistics made that
 * condition's index, message_box_idx (region_id, direction, …), cost the same as the unique key,
 * and the plan a prepared statement kept read every incoming message of the region for each new
 * one: 0.07 ms became 2.3 ms in the demo's first start. Here the table has never been analyzed
 * (as a new installation's, until its first ANALYZE), and the generic plan is the one a prepared
 * statement keeps.
 */
describe.each(engines)("an incoming message's duplicate check on %s", (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  beforeAll(async () => {
    database = await freshDatabase(engine)
    // No statistics of the table while the test runs: PostgreSQL's autovacuum must not analyze it meanwhile.
    await sql`alter table message set (autovacuum_enabled = off)`.execute(database.db)
    s = await toegangScenario(database.db)
  })
  afterAll(() => database.dispose())

  it('finds an earlier message through the unique key, also in the generic plan of a table without statistics', async () => {
    // A region's history of incoming messages, with no statistics of them.
    await sql`
      insert into message (region_id, direction, wet, code, sender_code, receiver_code, gemeente_id, provider_id, identificatie, dagtekening, state, content, content_sha256)
      select ${s.region.regionId}::int, 'in', 'jeugdwet', '305', ${s.providers[0]!.agb}::text, ${s.zeist.cbsCode}::text, ${s.zeist.id}::int, ${s.providers[0]!.id}::int, 'H' || g, date '2026-01-01', 'verwerkt', '\\x00'::bytea, repeat('0', 64)
      from generate_series(1, 3000) g`.execute(database.db)
    const received = await receiveMessage(database.db, s.region.regionId, request315(s, 'PLAN-1', { ident: 'PLAN-315-1' }), { at: { date: '2026-11-20', time: '09:00:00' } })
    expect(received.outcome).toBe('verwerkt')
    const plan = await withActor(database.db, s.team, async (trx) => {
      const key = { regionId: s.region.regionId, wet: 'jeugdwet' as const, code: '315', senderCode: s.providers[0]!.agb, identificatie: 'PLAN-315-1' }
      const lookup = messageByIdentification(trx, key).select(['id', 'content_sha256', 'state', 'retour_codes'])
      expect(await lookup.executeTakeFirst()).toMatchObject({ id: received.messageId, state: 'verwerkt' })
      const { sql: text, parameters } = lookup.compile()
      const { rows: statistics } = await sql<{ reltuples: number }>`select reltuples::float8 as reltuples from pg_class where oid = 'message'::regclass`.execute(trx)
      expect(statistics[0]!.reltuples).toBe(-1)
      await sql.raw(`prepare koers_duplicate_check as ${text}`).execute(trx)
      try {
        await sql`set local plan_cache_mode = force_generic_plan`.execute(trx)
        const { rows } = await sql.raw<{ 'QUERY PLAN': string }>(`explain execute koers_duplicate_check(${parameters.map(literal).join(', ')})`).execute(trx)
        return rows.map((r) => r['QUERY PLAN']).join('\n')
      } finally {
        // A prepared statement outlives its transaction.
        await sql`deallocate koers_duplicate_check`.execute(trx)
      }
    })
    const onMessage = plan.split('\n').filter((line) => / on message\b/.test(line))
    expect(onMessage).toHaveLength(1)
    expect(onMessage[0]).toMatch(/Index Scan using message_region_id_wet_code_sender_code_identificatie_key on message/)
    expect(plan).toMatch(/Index Cond: \(\(region_id = \$1\) AND \(wet = \$2\) AND \(code = \$3\) AND \(sender_code = \$4\) AND \(identificatie = \$5\)\)/)
  })
})
