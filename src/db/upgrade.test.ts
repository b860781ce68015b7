import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newRegion } from '../test/factory.ts'
import { engines } from '../test/databases.ts'
import { type OpenDatabase, openDatabase } from './database.ts'
import { migrateToLatest } from './migrate.ts'
import { migrations } from './migrations/index.ts'
import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The last migration of the release before this one: an installation made by it is upgraded. */
const PREVIOUS_RELEASE = '0013-verstuurde-versies'

/** Issue 24 §7: an installation with data, made by the previous release, upgrades in place. */
describe.each(engines)('upgrading a database of the previous release on %s', (engine) => {
  let database: OpenDatabase
  let drop = async () => {}
  beforeAll(async () => {
    if (engine === 'pglite') {
      database = await openDatabase({ memory: true })
      return
    }
    const admin = process.env.TEST_DATABASE_URL!
    const name = `koers_upgrade_${randomBytes(5).toString('hex')}`
    const client = new pg.Client({ connectionString: admin })
    await client.connect()
    await client.query(`create database ${name}`)
    await client.end()
    const url = new URL(admin)
    url.pathname = `/${name}`
    database = await openDatabase({ url: url.toString() })
    drop = async () => {
      const c = new pg.Client({ connectionString: admin })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    }
  })
  afterAll(async () => {
    await database.close()
    await drop()
  })

  it('applies only the new migrations and keeps the data', async () => {
    const earlier = await migrateToLatest(database.db, { upTo: PREVIOUS_RELEASE })
    expect(earlier.applied.at(-1)).toBe(PREVIOUS_RELEASE)
    const region = await newRegion(database.db)
    // An earlier release linked a provider's 302 to a 301 sent to another provider (issue 17 §3): the upgrade drops that link, not the messages.
    const zeist = region.gemeenten.find((g) => g.cbsCode === '0355')!
    const providers = await database.db.insertInto('provider').values(['41000001', '41000002'].map((agb) => ({ region_id: region.regionId, agb_code: agb, kvk_number: '12345678', name: `Aanbieder ${agb}`, legal_form: 'bv' }))).returning('id').execute()
    const message = (providerId: number, fields: { direction: 'in' | 'out'; code: string; answers_message_id?: number }) =>
      database.db.insertInto('message').values({ region_id: region.regionId, wet: 'jeugdwet', sender_code: '0355', receiver_code: '41000001', gemeente_id: zeist.id, provider_id: providerId, identificatie: `M${fields.code}`, dagtekening: '2026-01-05', state: 'verwerkt', content: new Uint8Array([60]), content_sha256: '0'.repeat(64), ...fields }).returning('id').executeTakeFirstOrThrow()
    const sent301 = await message(providers[0]!.id, { direction: 'out', code: '301' })
    const crossed302 = await message(providers[1]!.id, { direction: 'in', code: '302', answers_message_id: sent301.id })
    const upgraded = await migrateToLatest(database.db)
    const later = migrations.map((m) => m.name).slice(migrations.findIndex((m) => m.name === PREVIOUS_RELEASE) + 1)
    expect(upgraded.applied).toEqual(later)
    expect(later.length).toBeGreaterThan(0)
    const kept = await database.db.selectFrom('gemeente').select('cbs_code').where('region_id', '=', region.regionId).orderBy('cbs_code').execute()
    expect(kept.map((g) => g.cbs_code)).toEqual(['0312', '0355'])
    expect(await database.db.selectFrom('message').select(['id', 'answers_message_id']).where('region_id', '=', region.regionId).orderBy('id').execute()).toEqual([
      { id: sent301.id, answers_message_id: null },
      { id: crossed302.id, answers_message_id: null },
    ])
    expect((await migrateToLatest(database.db)).applied).toEqual([])
  })
})
