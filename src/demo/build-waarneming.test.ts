/** The demo's observing region (issue 23): its ledger is its back office's archive, and the second opinion finds what the build made differ. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemActor } from '../auth/actor.ts'
import { berichtenModus } from '../archief/berichtenrol.queries.ts'
import { antwoordFeiten, regelFeiten, retourFeiten, termijnAntwoordFeiten } from '../archief/tweede-mening.queries.ts'
import { regelBevindingen, retourBevindingen, tweedeMening } from '../archief/tweede-mening.rules.ts'
import type { Database } from '../db/database.ts'
import { withActor } from '../db/scope.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type WaarnemerResult, buildWaarnemerDemoRegion, maakWaarnemerVerkeer, waarnemerVerkeerErnaast } from './build-waarneming.ts'

// Engine-independent: the traffic is made in a scratch PGlite either way.
describe('the observing region\'s traffic made on another core (koers start, issue 19 §4)', () => {
  it('is the traffic made here, message for message, with the options it was given', async () => {
    const beside = waarnemerVerkeerErnaast({ today: '2026-12-06', seed: 11, clientScale: 0.005, historyClientsPerGemeente: 4 })
    try {
      expect(beside.opties).toEqual({ today: '2026-12-06', seed: 11, clientScale: 0.005, historyClientsPerGemeente: 4 })
      const [there, here] = await Promise.all([beside.berichten, maakWaarnemerVerkeer(beside.opties)])
      expect(there.length).toBeGreaterThan(20)
      expect(new Set(there.map((b) => b.code))).toEqual(new Set(here.map((b) => b.code)))
      expect(there).toEqual(here)
      // The region is built with the options the traffic was made with, not others.
      await expect(buildWaarnemerDemoRegion(null as unknown as Database, { seed: 12 }, beside)).rejects.toThrow('seed is 12 here, but the traffic was made with 11')
    } finally {
      await beside.stop()
    }
  }, 10 * 60_000)
})

describe.each(engines)('the demo region in observer mode on %s', (engine) => {
  let database: TestDatabase
  let result: WaarnemerResult

  beforeAll(async () => {
    database = await freshDatabase(engine)
    result = await buildWaarnemerDemoRegion(database.db, { today: '2026-12-06' })
  }, 15 * 60_000)
  afterAll(() => database?.dispose())

  it('is in observer mode, with every message taken in as observed, nothing left unread, and a user per role', async () => {
    const regio = systemActor(result.regionId, 'test')
    expect(await withActor(database.db, regio, (trx) => berichtenModus(trx, result.regionId))).toBe('waarnemend')
    const modi = await database.db.selectFrom('message').where('region_id', '=', result.regionId).select('modus').distinct().execute()
    expect(modi).toEqual([{ modus: 'waarnemend' }])
    expect(result.counts.messages).toBeGreaterThan(50)
    expect(result.perUitkomst).toMatchObject({ niet_gekoppeld: 0, onleesbaar: 0 })
    expect(result.users.map((u) => u.role)).toEqual(expect.arrayContaining(['regio', 'toezichthouder', 'gemeente', 'lokaal_team', 'aanbieder']))
    expect(result.afwijkingen.length).toBeGreaterThanOrEqual(3)
  })

  it('has a second opinion with findings: a prestatie rejected against OP364, a 325 too late, a retour with a code the standard did not give', async () => {
    const regio = systemActor(result.regionId, 'test')
    const { rows, regels, retours } = await withActor(database.db, regio, async (trx) => {
      const regels = regelBevindingen(await regelFeiten(trx))
      const retours = retourBevindingen(await retourFeiten(trx))
      return { rows: tweedeMening(await antwoordFeiten(trx), await termijnAntwoordFeiten(trx), regels, retours), regels, retours }
    })
    expect(regels.filter((r) => r.soort === 'ten_onrechte_afgewezen').flatMap((r) => r.codes.flatMap((c) => c.regels.map((x) => x.code)))).toContain('OP364')
    expect(retours.flatMap((r) => r.retourCodes)).toContain('9074')
    expect(rows.reduce((n, r) => n + r.teLaat, 0)).toBeGreaterThanOrEqual(1)
    expect(rows.reduce((n, r) => n + r.tenOnrechteAfgewezenRegels, 0)).toBeGreaterThanOrEqual(1)
  })
})
