import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { monthEnd, addMonths } from '../shared/dates.ts'
import { freshDatabase, type TestDatabase } from '../test/databases.ts'
import { declaratie323 } from '../test/declaratie-scenario.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { receiveMessage } from './receive.ts'

/**
 * Messages of one provider processed at the same time on PostgreSQL (many connections; PGlite
 * has one): the checks against earlier messages see the one still in progress, because admit
 * serialises the messages of a provider and law (exchange/admit.ts, lockProvider).
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('the inbox under concurrency on postgres', () => {
  let database: TestDatabase
  let s: ToegangScenario
  let nummer: number
  let n = 0
  const as = <T>(work: Parameters<typeof withActor<T>>[2]) => withActor(database.db, s.team, work)
  const message = (maand: string, ident = `C${++n}`) => {
    const begin = `${maand}-01`
    const dagtekening = `${addMonths(begin, 1).slice(0, 8)}03`
    const regels = [{ ref: `CR${++n}`, nummer, bsn: s.bsn, begin, eind: monthEnd(begin), volume: 2, tarief: maand < '2027' ? 9000 : 9270 }]
    return { bytes: declaratie323({ agb: s.providers[0]!.agb, cbs: s.zeist.cbsCode, ident, nummer: `CN${n}`, maand, dagtekening, regels }), at: { date: `${addMonths(begin, 1).slice(0, 8)}04`, time: '10:00:00' } }
  }

  beforeAll(async () => {
    database = await freshDatabase('postgres')
    s = await toegangScenario(database.db)
    const t = await as((trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-01-01', einddatum: '2026-09-30', omvang: { volume: 2, eenheid: '04', frequentie: '4' } }, { at: { date: '2025-12-01', time: '09:00:00' } }))
    nummer = t.toewijzingNummer
  })
  afterAll(() => database.dispose())

  it('pays a prestatie declared in two messages at once exactly once, month after month', async () => {
    for (let month = 1; month <= 8; month++) {
      const maand = `2026-${String(month).padStart(2, '0')}`
      const [a, b] = [message(maand), message(maand)]
      const results = await Promise.all([a, b].map((m) => receiveMessage(database.db, s.region.regionId, m.bytes, { at: m.at })))
      const granted = results.reduce((sum, r) => sum + (r.declaratie?.goedgekeurd ?? 0), 0)
      expect(granted, `${maand}: ${results.map((r) => r.summary).join(' | ')}`).toBe(1)
    }
    const paid = await as((trx) => trx.selectFrom('declaratie_regel').select((eb) => eb.fn.countAll<number>().as('n')).where('goedgekeurd', '=', true).executeTakeFirstOrThrow())
    expect(Number(paid.n)).toBe(8)
  })

  it('answers the same message sent twice at once once, and the other "al ontvangen"', async () => {
    const m = message('2026-09', 'TWICE')
    const results = await Promise.all([0, 1].map(() => receiveMessage(database.db, s.region.regionId, m.bytes, { at: m.at })))
    expect(results.map((r) => r.outcome).sort()).toEqual(['al_ontvangen', 'verwerkt'])
  })
})
