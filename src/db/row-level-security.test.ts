import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerClient } from '../clients/client.queries.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type TestRegion, newRegion } from '../test/factory.ts'
import { withActor } from './scope.ts'

describe.each(engines)('row-level security on %s', (engine) => {
  let database: TestDatabase
  let region: TestRegion
  let other: TestRegion
  beforeAll(async () => {
    database = await freshDatabase(engine)
    region = await newRegion(database.db)
    other = await newRegion(database.db, [['0321', 'Houten']])
    const [zeist, bunnik] = region.gemeenten
    await withActor(database.db, region.actor('lokaal_team', { gemeenteId: zeist!.id }), (trx) =>
      registerClient(trx, region.actor('lokaal_team', { gemeenteId: zeist!.id }), { bsn: '111111110', birthDate: '2012-05-01', familyName: 'Jansen' }),
    )
    await withActor(database.db, region.actor('lokaal_team', { gemeenteId: bunnik!.id }), (trx) =>
      registerClient(trx, region.actor('lokaal_team', { gemeenteId: bunnik!.id }), { bsn: '999999990', birthDate: '1950-01-01', familyName: 'Pietersen' }),
    )
  })
  afterAll(() => database.dispose())

  it("stops a gemeente user from reading another gemeente's clients through a query that forgets its scope", async () => {
    const zeist = region.gemeenten[0]!
    for (const role of ['gemeente', 'lokaal_team'] as const) {
      const rows = await withActor(database.db, region.actor(role, { gemeenteId: zeist.id }), (trx) =>
        // Deliberately unscoped: no where clause on gemeente_id.
        trx.selectFrom('client').select(['gemeente_id', 'bsn']).execute(),
      )
      expect(rows).toEqual([{ gemeente_id: zeist.id, bsn: '111111110' }])
    }
  })

  it('hides client rows from the regional team and from providers, but gives counts', async () => {
    for (const role of ['regio', 'aanbieder'] as const) {
      const rows = await withActor(database.db, region.actor(role, role === 'aanbieder' ? { providerId: 1 } : {}), (trx) => trx.selectFrom('client').selectAll().execute())
      expect(rows).toEqual([])
    }
    const counts = await withActor(database.db, region.actor('regio'), async (trx) => (await sql<{ clients: number }>`select * from koers_client_counts() order by gemeente_id`.execute(trx)).rows)
    expect(counts.map((c) => c.clients)).toEqual([1, 1])
  })

  it("keeps each region's rows to itself, even for raw SQL", async () => {
    const rows = await withActor(database.db, other.actor('regio'), async (trx) => (await sql<{ name: string }>`select name from gemeente order by name`.execute(trx)).rows)
    expect(rows.map((r) => r.name)).toEqual(['Houten'])
    const clients = await withActor(database.db, other.actor('toezichthouder'), (trx) => trx.selectFrom('client').selectAll().execute())
    expect(clients).toEqual([])
  })

  it('refuses to write a row into another region or another gemeente', async () => {
    const zeist = region.gemeenten[0]!
    const bunnik = region.gemeenten[1]!
    await expect(
      withActor(database.db, other.actor('regio'), (trx) =>
        trx.insertInto('provider').values({ region_id: region.regionId, agb_code: '41000001', kvk_number: '12345678', name: 'Indringer', legal_form: 'bv' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/)
    await expect(
      withActor(database.db, region.actor('lokaal_team', { gemeenteId: zeist.id }), (trx) =>
        trx.insertInto('client').values({ region_id: region.regionId, gemeente_id: bunnik.id, bsn: '123456782', birth_date: '2010-01-01', pseudonym: 'abcdefabcdef' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/)
  })

  it('lets the toezichthouder read but never write', async () => {
    await expect(
      withActor(database.db, region.actor('toezichthouder'), (trx) =>
        trx.insertInto('provider').values({ region_id: region.regionId, agb_code: '41000002', kvk_number: '12345678', name: 'X', legal_form: 'bv' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/)
    const rows = await withActor(database.db, region.actor('toezichthouder'), (trx) => trx.selectFrom('client').select('gemeente_id').execute())
    expect(rows).toHaveLength(2)
  })

  it('runs request work as a role that is not a superuser', async () => {
    const row = await withActor(database.db, region.actor('regio'), async (trx) => (await sql<{ current_user: string; rolsuper: boolean }>`select current_user, rolsuper from pg_roles where rolname = current_user`.execute(trx)).rows[0])
    expect(row).toEqual({ current_user: 'koers_app', rolsuper: false })
  })
})
