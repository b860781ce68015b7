import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { declaratie323 } from '../test/declaratie-scenario.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'

/** Issue 24 §8: a received 323 sent again, but cut off, is unreadable and stores nothing — no 9056 answer. */
describe.each(engines)('a received declaration sent again on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let bytes: Uint8Array
  const at = { date: '2027-01-06', time: '10:00:00' }
  const rows = () => withActor(database.db, s.team, async (trx) => (await trx.selectFrom('message').select('id').execute()).length)

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    const t = await withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-02-28', omvang: { volume: 2, eenheid: '04', frequentie: '4' } }, { at: { date: '2026-11-20', time: '09:00:00' } }))
    const regels = [{ ref: 'RS-1', nummer: t.toewijzingNummer, bsn: s.bsn, begin: '2026-12-01', eind: '2026-12-31', volume: 2, tarief: 9000 }]
    bytes = declaratie323({ agb: s.providers[0]!.agb, cbs: s.zeist.cbsCode, ident: 'RESEND', nummer: 'RESEND', maand: '2026-12', dagtekening: '2027-01-05', regels })
    expect(await receiveMessage(database.db, s.region.regionId, bytes, { at })).toMatchObject({ outcome: 'verwerkt' })
  })
  afterAll(() => database.dispose())

  it('answers the whole file again as "al ontvangen"', async () => {
    expect(await receiveMessage(database.db, s.region.regionId, bytes, { at })).toMatchObject({ outcome: 'al_ontvangen' })
  })

  it('stores nothing for the same file cut off halfway, and answers it as unreadable', async () => {
    const before = await rows()
    const cut = bytes.slice(0, Math.floor(bytes.length * 0.7))
    const r = await receiveMessage(database.db, s.region.regionId, cut, { at })
    expect(r).toMatchObject({ outcome: 'onleesbaar', messageId: null, retourId: null })
    expect(await rows()).toBe(before)
    // From a file, as an import reads it: the same.
    const file = join(mkdtempSync(join(tmpdir(), 'koers-resend-')), 'afgebroken.xml')
    writeFileSync(file, cut)
    expect(await receiveMessage(database.db, s.region.regionId, file, { at })).toMatchObject({ outcome: 'onleesbaar', messageId: null, retourId: null })
    expect(await rows()).toBe(before)
  })
})
