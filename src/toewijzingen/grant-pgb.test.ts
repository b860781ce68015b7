import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientFile } from '../clients/client-file.queries.ts'
import { withActor } from '../db/scope.ts'
import { type MessageObject, parseMessage } from '../istandaarden/messages/read-message.ts'
import type { Moment } from '../shared/moment.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { grantPgb } from './grant-pgb.ts'
import { issueToewijzing } from './toewijzing.queries.ts'

const nov: Moment = { date: '2026-11-20', time: '09:00:00' }

/** OP043: no toewijzing beside a pgb for the same product; the toewijzing ends the day before the pgb. */
describe.each(engines)('recording a pgb on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  const as = <T>(work: Parameters<typeof withActor<T>>[2]) => withActor(database.db, s.team, work)
  const issue = (productId: number, ingangsdatum: string, einddatum: string) =>
    as((trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId, ingangsdatum, einddatum, omvang: productId === s.productId ? { volume: 2, eenheid: '04', frequentie: '2' } : { volume: 1, eenheid: '16', frequentie: '2' } }, { at: nov }))
  const pgbCount = () => as(async (trx) => (await trx.selectFrom('pgb_toekenning').select('id').execute()).length)

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
  })
  afterAll(() => database.dispose())

  it('ends a toewijzing for the product on the day before the pgb, with RedenWijziging 08 in a 301 to its provider', async () => {
    const t = await issue(s.productId, '2026-12-01', '2027-05-31')
    const granted = await as((trx) => grantPgb(trx, s.team, s.clientId, { wet: 'jeugdwet', productcategorie: '45', productcode: '45A48', ingangsdatum: '2027-03-01', einddatum: '2027-12-31', budgetCents: 1_200_000 }, { date: '2026-11-25', time: '09:00:00' }))
    expect(granted.beeindigd).toEqual([{ toewijzingNummer: t.toewijzingNummer, einddatum: '2027-02-28', messageId: expect.any(Number) }])
    const row = await as((trx) => trx.selectFrom('toewijzing').select(['einddatum', 'reden_wijziging', 'version']).where('id', '=', t.id).executeTakeFirstOrThrow())
    expect(row).toEqual({ einddatum: '2027-02-28', reden_wijziging: '08', version: 2 })
    const sent = await as((trx) => trx.selectFrom('message').select('content').where('id', '=', granted.beeindigd[0]!.messageId!).executeTakeFirstOrThrow())
    const products = ((parseMessage(sent.content).body!.Client as MessageObject).ToegewezenProducten as MessageObject).ToegewezenProduct
    expect(products).toEqual([expect.objectContaining({ ToewijzingNummer: t.toewijzingNummer, Einddatum: '2027-02-28', RedenWijziging: '08' })])
  })

  it('refuses a new toewijzing for the product within the pgb (OP043), but not one for another product', async () => {
    // The rule is data; the melding the person reads at the field is the rule's Dutch sentence without its code.
    await expect(issue(s.productId, '2027-04-01', '2027-06-30')).rejects.toMatchObject({ reason: 'toegang.refused', details: expect.arrayContaining([expect.objectContaining({ rule: 'OP043', melding: expect.stringMatching(/^(?!.*(OP043|TG-))[A-Z].+\.$/) })]) })
    await expect(issue(s.productId, '2026-12-01', '2027-03-15')).rejects.toMatchObject({ reason: 'toegang.refused', message: expect.stringContaining('uiterlijk op 28-2-2027') })
    await expect(issue(s.dayProductId, '2027-04-01', '2027-06-30')).resolves.toMatchObject({ status: 'actief' })
  })

  it('refuses a pgb for a categorie while a toewijzing for one of its products starts within it, storing nothing', async () => {
    const before = await pgbCount()
    const toewijzingen = await as((trx) => trx.selectFrom('toewijzing').select(['id', 'einddatum', 'version']).orderBy('id').execute())
    await expect(as((trx) => grantPgb(trx, s.team, s.clientId, { wet: 'jeugdwet', productcategorie: '45', ingangsdatum: '2027-03-15', einddatum: '2027-12-31' }, nov))).rejects.toMatchObject({ reason: 'pgb.refused', details: expect.arrayContaining([expect.objectContaining({ rule: 'OP043' })]), message: expect.stringMatching(/^OP043: Toewijzing \d+ begint op 1-4-2027/) })
    expect(await pgbCount()).toBe(before)
    expect(await as((trx) => trx.selectFrom('toewijzing').select(['id', 'einddatum', 'version']).orderBy('id').execute())).toEqual(toewijzingen)
  })

  it('refuses a pgb for a product not in the region\'s list, in Dutch', async () => {
    await expect(as((trx) => grantPgb(trx, s.team, s.clientId, { wet: 'jeugdwet', productcategorie: '45', productcode: '45Z99', ingangsdatum: '2028-01-01', einddatum: '2028-12-31' }, nov))).rejects.toMatchObject({ reason: 'product.not_in_catalogue', message: expect.stringContaining('staat niet in de productlijst') })
  })

  it('shows the pgb in the client file and its timeline (audited), and to no provider', async () => {
    const file = await as((trx) => clientFile(trx, s.team, s.clientId))
    expect(file.pgbs).toEqual([{ id: expect.any(Number), wet: 'jeugdwet', productcategorie: '45', productcode: '45A48', ingangsdatum: '2027-03-01', einddatum: '2027-12-31', budgetCents: 1_200_000, toelichting: '' }])
    expect(file.timeline.some((e) => e.kind === 'pgb' && e.date === '2027-03-01')).toBe(true)
    const provider = { ...s.region.actor('aanbieder', { providerId: s.providers[0]!.id }), userId: 9100 }
    expect(await withActor(database.db, provider, (trx) => trx.selectFrom('pgb_toekenning').select('id').execute())).toEqual([])
  })
})
