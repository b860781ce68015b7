import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { parseMessage } from '../istandaarden/messages/read-message.ts'
import { createProduct } from '../products/product.queries.ts'
import { approveChangeRequest, approveRequest, listRequests } from '../requests/request.queries.ts'
import type { Moment } from '../shared/moment.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newSegment } from '../test/factory.ts'
import { type ToegangScenario, assessment, providerMessage, request315, toegangScenario } from '../test/toegang-scenario.ts'
import { approveException, changeToewijzing, checkToewijzingInput, issueToewijzing, refuseException, toewijzingTotals } from './toewijzing.queries.ts'

const nov: Moment = { date: '2026-11-20', time: '09:00:00' }

describe.each(engines)('toewijzingen on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  const as = <T>(actor: ToegangScenario['team'], work: Parameters<typeof withActor<T>>[2]) => withActor(database.db, actor, work)
  const issue = (over: Record<string, unknown> = {}, at = nov) =>
    as(s.team, (trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-02-28', omvang: { volume: 2, eenheid: '04', frequentie: '4' }, ...over }, { at }))
  const message = (id: number) => as(s.team, (trx) => trx.selectFrom('message').selectAll().where('id', '=', id).executeTakeFirstOrThrow())

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
  })
  afterAll(() => database.dispose())

  it('holds care outside the contracts until a second person approves it ("nee, tenzij")', async () => {
    // Provider 3 is not contracted in the segment.
    await expect(issue({ providerId: s.providers[2]!.id })).rejects.toMatchObject({ reason: 'toegang.exception_required', details: expect.arrayContaining([expect.objectContaining({ rule: 'TG-GEGUND' })]) })
    const held = await issue({ providerId: s.providers[2]!.id, exceptionReason: 'Alleen deze aanbieder biedt dit in de buurt' })
    expect(held).toMatchObject({ status: 'wacht_op_akkoord', messageId: null })
    await expect(as(s.team, (trx) => approveException(trx, s.team, held.id, nov))).rejects.toMatchObject({ reason: 'toewijzing.approver_is_requester' })
    const { messageId } = await as(s.colleague, (trx) => approveException(trx, s.colleague, held.id, nov))
    expect((await message(messageId!)).code).toBe('301')
    await expect(as(s.colleague, (trx) => refuseException(trx, s.colleague, held.id, 'te laat', nov))).rejects.toMatchObject({ reason: 'toewijzing.not_awaiting_approval' })
  })

  it('keeps the number for a verlenging, makes each version later (IV013), and refuses a withdrawal after a start', async () => {
    const t = await issue({ productId: s.dayProductId, omvang: { volume: 2, eenheid: '16', frequentie: '2' } })
    const { messageId } = await as(s.team, (trx) => changeToewijzing(trx, s.team, t.id, { redenWijziging: '04', einddatum: '2027-04-30' }, { at: nov }))
    const versions = await as(s.team, (trx) => trx.selectFrom('toewijzing_version').select(['version', 'toewijzing_datum', 'toewijzing_tijd', 'einddatum', 'verplichting_cents']).where('toewijzing_id', '=', t.id).orderBy('version').execute())
    expect(versions.map((v) => [v.version, v.toewijzing_tijd, v.einddatum])).toEqual([[1, '09:00:00', '2027-02-28'], [2, '09:00:01', '2027-04-30']])
    expect(versions[1]!.verplichting_cents).toBeGreaterThan(versions[0]!.verplichting_cents)
    const body = JSON.stringify(parseMessage((await message(messageId!)).content).body)
    expect(body).toContain(`"ToewijzingNummer":${t.toewijzingNummer},`)
    expect(body).toContain('"RedenWijziging":"04"')
    await expect(as(s.team, (trx) => changeToewijzing(trx, s.team, t.id, { redenWijziging: '05', einddatum: '2027-05-31' }, { at: nov }))).rejects.toMatchObject({ reason: 'toewijzing.verkorting_not_earlier' })
    const start = providerMessage('305', s.providers[0]!.agb, s.zeist.cbsCode, { Bsn: s.bsn, Geboortedatum: { Datum: '2012-02-14' }, Geslacht: '1', Naam: { Geslachtsnaam: { Achternaam: 'Wit' } }, StartProducten: { StartProduct: [{ ToewijzingNummer: String(t.toewijzingNummer), Product: { Categorie: '45', Code: '45A53' }, ToewijzingIngangsdatum: '2026-12-01', Begindatum: '2026-12-02', StatusAanlevering: '1' }] } }, '2026-12-03')
    expect(await receiveMessage(database.db, s.region.regionId, start, { at: { date: '2026-12-03', time: '10:00:00' } })).toMatchObject({ outcome: 'verwerkt', retourCodes: [] })
    await expect(as(s.team, (trx) => changeToewijzing(trx, s.team, t.id, { redenWijziging: '13' }, { at: nov }))).rejects.toMatchObject({ reason: 'toewijzing.delete_after_start' })
  })

  it('answers a 317 that changes the omvang with a new toewijzing and one 301 (IV066)', async () => {
    const t = await issue({ ingangsdatum: '2027-03-01', einddatum: '2027-05-31' })
    const current = await as(s.team, (trx) => trx.selectFrom('toewijzing').select('toewijzing_nummer').where('client_id', '=', s.clientId).where('provider_id', '=', s.providers[0]!.id).where('status', '=', 'actief').where('einddatum', '>=', '2026-12-14').execute())
    const others = current.map((c) => c.toewijzing_nummer).filter((n) => n !== t.toewijzingNummer)
    const verzoek = providerMessage('317', s.providers[0]!.agb, s.zeist.cbsCode, {
      Bsn: s.bsn,
      Verzoek: {
        ReferentieAanbieder: 'W-1',
        RedenVerzoek: '1',
        OngewijzigdeProducten: { OngewijzigdProduct: others.map((n) => ({ ToewijzingNummer: String(n) })) },
        TeWijzigenProducten: { TeWijzigenProduct: [{ ToewijzingNummer: String(t.toewijzingNummer), GewensteIngangsdatum: '2027-04-01', Einddatum: '2027-05-31', Omvang: { Volume: '4', Eenheid: '04', Frequentie: '4' } }] },
      },
    }, '2026-12-14')
    expect(await receiveMessage(database.db, s.region.regionId, verzoek, { at: { date: '2026-12-14', time: '10:00:00' } })).toMatchObject({ outcome: 'verwerkt', retourCodes: [] })
    const item = (await as(s.team, (trx) => listRequests(trx, s.team, { status: 'open' }))).find((r) => r.referentieAanbieder === 'W-1')!
    const { messageId } = await as(s.team, (trx) => approveChangeRequest(trx, s.team, item.id, { date: '2026-12-15', time: '11:00:00' }))
    const rows = await as(s.team, (trx) => trx.selectFrom('toewijzing').select(['toewijzing_nummer', 'ingangsdatum', 'einddatum', 'volume', 'reden_wijziging', 'referentie_aanbieder']).where('product_id', '=', s.productId).where('ingangsdatum', '>=', '2027-03-01').orderBy('ingangsdatum').execute())
    expect(rows).toEqual([
      { toewijzing_nummer: t.toewijzingNummer, ingangsdatum: '2027-03-01', einddatum: '2027-03-31', volume: 2, reden_wijziging: '12', referentie_aanbieder: null },
      { toewijzing_nummer: expect.any(Number), ingangsdatum: '2027-04-01', einddatum: '2027-05-31', volume: 4, reden_wijziging: null, referentie_aanbieder: 'W-1' },
    ])
    const body = JSON.stringify(parseMessage((await message(messageId!)).content).body)
    for (const r of rows) expect(body).toContain(`"ToewijzingNummer":${r.toewijzing_nummer},`)
  })

  it("refuses a product of the other law under a Jeugdwet beschikking or a JW315 (TG-PRODUCT), instead of giving it a Wmo beschikking", async () => {
    const wmoSegment = await newSegment(database.db, s.region, { wet: 'wmo' })
    const wmoProduct = await as(s.region.actor('regio'), (trx) => createProduct(trx, s.region.regionId, { segmentId: wmoSegment, productcategorie: '07', productcode: '07A04', name: 'Begeleiding individueel', eenheid: '04', variant: 'inspanningsgericht' }))
    const jeugd = await issue({ ingangsdatum: '2027-06-01', einddatum: '2027-06-30' })
    const beschikkingId = (await as(s.team, (trx) => trx.selectFrom('toewijzing').select('beschikking_id').where('id', '=', jeugd.id).executeTakeFirstOrThrow())).beschikking_id
    const underBeschikking = { clientId: s.clientId, beschikkingId, providerId: s.providers[0]!.id, productId: wmoProduct, ingangsdatum: '2027-06-01', einddatum: '2027-06-30', omvang: { volume: 2, eenheid: '04' as const, frequentie: '4' as const } }
    const check = await as(s.team, (trx) => checkToewijzingInput(trx, s.team, underBeschikking))
    expect(check.findings).toContainEqual(expect.objectContaining({ rule: 'TG-PRODUCT', severity: 'refusal', message: 'Product Begeleiding individueel valt niet onder de Jeugdwet.' }))
    const before = await as(s.team, (trx) => trx.selectFrom('toewijzing').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow())
    await expect(as(s.team, (trx) => issueToewijzing(trx, s.team, underBeschikking, { at: nov }))).rejects.toMatchObject({ reason: 'toegang.refused', details: [expect.objectContaining({ rule: 'TG-PRODUCT' })] })

    expect(await receiveMessage(database.db, s.region.regionId, request315(s, 'WET-1', { ingangsdatum: '2027-07-01', einddatum: '2027-07-31' }), { at: { date: '2026-11-03', time: '09:00:00' } })).toMatchObject({ outcome: 'verwerkt' })
    const item = (await as(s.team, (trx) => listRequests(trx, s.team, { status: 'open' }))).find((r) => r.referentieAanbieder === 'WET-1')!
    const approve = (productId: number) => as(s.team, (trx) => approveRequest(trx, s.team, item.id, { assessment, productId, ingangsdatum: '2027-07-01', einddatum: '2027-07-31', omvang: { volume: 2, eenheid: '04', frequentie: '4' }, budgetCents: null, justification: 'Passend' }, nov))
    await expect(approve(wmoProduct)).rejects.toMatchObject({ reason: 'toegang.refused', details: [expect.objectContaining({ rule: 'TG-PRODUCT' })] })
    expect(await as(s.team, (trx) => trx.selectFrom('toewijzing').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow())).toEqual(before)
    expect(await approve(s.productId)).toMatchObject({ messageId: expect.any(Number) })
  })

  it('gives the regional team totals, never rows, and suppresses small counts', async () => {
    const regio = s.region.actor('regio')
    expect(await as(regio, (trx) => trx.selectFrom('toewijzing').selectAll().execute())).toEqual([])
    const totals = await as(regio, (trx) => toewijzingTotals(trx, '2027-04-15'))
    expect(totals.length).toBeGreaterThan(0)
    expect(totals.every((t) => t.active === null && t.clients === null)).toBe(true)
    expect(totals.reduce((sum, t) => sum + t.verplichtingCents, 0)).toBeGreaterThan(0)
  })
})
