import { afterAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { withPaymentFlag, listDeclaraties } from '../declaraties/declaratie.queries.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { declaratie323 } from '../test/declaratie-scenario.ts'
import { assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { betalingOpgeschort, refreshIntegriteitSignalen } from './signaal.queries.ts'

/**
 * Issue 21 §3: a provider whose UBO is missing is flagged "payments to be suspended" beside its
 * declarations, for the finance team; the 325 answers the 323 exactly as it would without the
 * flag (the standard's answer is about the declaration, not about payment). Two identical
 * databases, one with the UBO signal raised before the 323 arrives: the same 325, byte for byte.
 */
describe.each(engines)('the payment-suspension flag on %s', (engine) => {
  const databases: TestDatabase[] = []
  afterAll(async () => {
    for (const d of databases) await d.dispose()
  })

  const run = async (suspend: boolean) => {
    const database = await freshDatabase(engine)
    databases.push(database)
    const s = await toegangScenario(database.db)
    const t = await withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-02-28', omvang: { volume: 2, eenheid: '04', frequentie: '4' } }, { at: { date: '2026-11-20', time: '09:00:00' } }))
    if (suspend) await refreshIntegriteitSignalen(database.db, s.region.regionId, '2027-01-05')
    const regels = [{ ref: 'UBO-1', nummer: t.toewijzingNummer, bsn: s.bsn, begin: '2026-12-01', eind: '2026-12-31', volume: 2, tarief: 9000 }]
    const bytes = declaratie323({ agb: s.providers[0]!.agb, cbs: s.zeist.cbsCode, ident: 'UBO', nummer: 'UBO', maand: '2026-12', dagtekening: '2027-01-05', regels })
    expect(await receiveMessage(database.db, s.region.regionId, bytes, { at: { date: '2027-01-06', time: '10:00:00' } })).toMatchObject({ outcome: 'verwerkt' })
    const answer = await database.db.selectFrom('message').select('content').where('code', '=', '325').where('direction', '=', 'out').executeTakeFirstOrThrow()
    const gemeente = s.region.actor('gemeente', { gemeenteId: s.zeist.id })
    const rows = await withActor(database.db, gemeente, async (trx) => withPaymentFlag(trx, gemeente, await listDeclaraties(trx)))
    const own = s.region.actor('aanbieder', { providerId: s.providers[0]!.id })
    const providerView = await withActor(database.db, own, async (trx) => withPaymentFlag(trx, own, await listDeclaraties(trx)))
    const suspended = await withActor(database.db, gemeente, (trx) => betalingOpgeschort(trx, gemeente))
    return { xml: Buffer.from(answer.content).toString('utf8'), flags: rows.map((r) => r.betalingOpschorten), providerFlags: providerView.map((r) => r.betalingOpschorten), suspended: suspended.has(s.providers[0]!.id) }
  }

  it('flags the declaration for the finance team and leaves the 325 as the standard says', async () => {
    const plain = await run(false)
    const flagged = await run(true)
    expect(plain).toMatchObject({ flags: [false], suspended: false })
    expect(flagged).toMatchObject({ flags: [true], suspended: true })
    // The provider's own view carries no flag (the signals are internal).
    expect(flagged.providerFlags).toEqual([false])
    expect(plain.xml).toMatch(/<\?xml[\s\S]*DeclaratieNummer/)
    expect(flagged.xml).toBe(plain.xml)
  })
})
