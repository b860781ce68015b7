import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { addDays, addMonths, monthEnd } from '../shared/dates.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { declaratie323 } from '../test/declaratie-scenario.ts'
import { type ToegangScenario, assessment, startStop, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'

/**
 * TR318 (8214) with OP284: "Indien iedere DeclaratiePeriode zorg is geleverd, moet
 * DeclaratiePeriode de kalendermaand volgend op voorgaande DeclaratiePeriode zijn." Whether care
 * was delivered in a month Koers reads from the provider's own 305s and 307s.
 */
describe.each(engines)('consecutive declaration periods (TR318) on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let nummer: number
  let n = 0
  const as = <T>(work: Parameters<typeof withActor<T>>[2]) => withActor(database.db, s.team, work)
  const tarief = (maand: string) => (maand < '2027' ? 9000 : 9270)
  /** A 323 for one month, dated the 3rd of the next. */
  const declare = (maand: string) => {
    const begin = `${maand}-01`
    const dagtekening = `${addMonths(begin, 1).slice(0, 8)}03`
    const regels = [{ ref: `P-${++n}`, nummer, bsn: s.bsn, begin, eind: monthEnd(begin), volume: 1, tarief: tarief(maand) }]
    return receiveMessage(database.db, s.region.regionId, declaratie323({ agb: s.providers[0]!.agb, cbs: s.zeist.cbsCode, ident: `TP${n}`, nummer: `TPN${n}`, maand, dagtekening, regels }), { at: { date: addDays(dagtekening, 1), time: '10:00:00' } })
  }

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    const t = await as((trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-05-31', omvang: { volume: 4, eenheid: '04', frequentie: '4' } }, { at: { date: '2026-11-20', time: '09:00:00' } }))
    nummer = t.toewijzingNummer
    const start = await receiveMessage(database.db, s.region.regionId, startStop(s, '305', nummer, { Begindatum: '2026-12-01' }, { dagtekening: '2026-12-02' }), { at: { date: '2026-12-02', time: '10:00:00' } })
    expect(start.outcome).toBe('verwerkt')
  })
  afterAll(() => database.dispose())

  it('refuses a period that skips a month in which care ran (8214), and takes the month it skipped', async () => {
    expect(await declare('2026-12')).toMatchObject({ outcome: 'verwerkt', retourCodes: ['8001'] })
    const skipped = await declare('2027-02')
    expect(skipped).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['8214'], declaratie: null })
    expect(skipped.problems[0]).toMatchObject({ rule: 'TR318', retourcode: '8214', message: expect.stringContaining('in 2027-01 zorg werd geleverd') })
    expect(await declare('2027-01')).toMatchObject({ outcome: 'verwerkt', retourCodes: ['8001'] })
  })

  it('accepts a period that skips a month without care: the provider stopped, and started again later', async () => {
    const stop = await receiveMessage(database.db, s.region.regionId, startStop(s, '307', nummer, { Begindatum: '2026-12-01', Einddatum: '2027-01-31', RedenBeeindiging: '20' }, { dagtekening: '2027-02-01' }), { at: { date: '2027-02-01', time: '10:00:00' } })
    expect(stop.outcome).toBe('verwerkt')
    const restart = await receiveMessage(database.db, s.region.regionId, startStop(s, '305', nummer, { Begindatum: '2027-03-01' }, { dagtekening: '2027-03-02' }), { at: { date: '2027-03-02', time: '10:00:00' } })
    expect(restart.outcome).toBe('verwerkt')
    expect(await declare('2027-03')).toMatchObject({ outcome: 'verwerkt', retourCodes: ['8001'] })
  })
})
