/**
 * Rules on the 301 and on the numbers the gemeente gives, that hold by how Koers stores and
 * writes a toewijzing (TR006, TR061, TR332/OP275, UP037): shown on a toewijzing issued through
 * the real code, so that docs/conformance.md can point at a test that fails when they stop to hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../../db/scope.ts'
import type { Moment } from '../../shared/moment.ts'
import { engines, freshDatabase, type TestDatabase } from '../../test/databases.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../../test/toegang-scenario.ts'
import { issueToewijzing } from '../../toewijzingen/toewijzing.queries.ts'
import { type MessageObject, parseMessage } from '../messages/read-message.ts'

const nov: Moment = { date: '2026-11-20', time: '09:00:00' }
const list = (v: unknown): MessageObject[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]) as MessageObject[]

describe.each(engines)('the toewijzing Koers sends, on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  const issue = (ingangsdatum: string, einddatum: string) =>
    withActor(database.db, s.team, (trx) =>
      issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum, einddatum, omvang: { volume: 2, eenheid: '04', frequentie: '4' } }, { at: nov }),
    )
  const client301 = async (messageId: number) => {
    const m = await withActor(database.db, s.team, (trx) => trx.selectFrom('message').select('content').where('id', '=', messageId).executeTakeFirstOrThrow())
    return parseMessage(m.content).body!.Client as MessageObject
  }

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
  })
  afterAll(() => database.dispose())

  it('gives the client a BRP, correspondence or residence address, and every Contact a phone or house and postcode (TR061, TR006)', async () => {
    const t = await issue('2026-12-01', '2027-02-28')
    const contacts = list(((await client301(t.messageId!)).Contactgegevens as MessageObject | undefined)?.Contact)
    expect(contacts.some((c) => ['01', '02', '03'].includes(String(c.Soort)) && c.Adres !== undefined)).toBe(true)
    for (const c of contacts) {
      const adres = c.Adres as MessageObject | undefined
      expect(c.Telefoon !== undefined || (adres?.Huis !== undefined && adres?.Postcode !== undefined)).toBe(true)
    }
  })

  it('numbers toewijzingen and beschikkingen uniquely per gemeente and law, and the database refuses a number twice (TR332, OP275, UP037)', async () => {
    const a = await issue('2027-03-01', '2027-04-30')
    const b = await issue('2027-05-01', '2027-06-30')
    expect(a.toewijzingNummer).not.toBe(b.toewijzingNummer)
    const rows = await database.db.selectFrom('toewijzing').select(['id', 'toewijzing_nummer', 'beschikking_id']).where('id', 'in', [a.id, b.id]).orderBy('id').execute()
    await expect(database.db.updateTable('toewijzing').set({ toewijzing_nummer: rows[0]!.toewijzing_nummer }).where('id', '=', rows[1]!.id).execute()).rejects.toThrow()
    const beschikkingen = await database.db.selectFrom('beschikking').select(['id', 'beschikking_nummer']).where('id', 'in', rows.map((r) => r.beschikking_id)).orderBy('id').execute()
    expect(beschikkingen).toHaveLength(2)
    expect(beschikkingen[0]!.beschikking_nummer).not.toBe(beschikkingen[1]!.beschikking_nummer)
    await expect(database.db.updateTable('beschikking').set({ beschikking_nummer: beschikkingen[0]!.beschikking_nummer }).where('id', '=', beschikkingen[1]!.id).execute()).rejects.toThrow()
  })
})
