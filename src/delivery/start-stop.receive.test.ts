/**
 * The 305 and 307 as the regelrapport prescribes, through the inbox on every engine: each
 * rule refuses its case with its exact retourcode and accepts the valid neighbour, and a
 * refused class changes nothing. Each test has its own toewijzing (its own months of 2027).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { xsdVerdict } from '../istandaarden/testing/xsd-oracle.ts'
import type { Moment } from '../shared/moment.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type ToegangScenario, assessment, deliveryMessage, scenarioClient, taakgerichtProduct, toegangScenario, uncheckedProviderMessage } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import type { WritableObject } from '../istandaarden/messages/write-message.ts'

const at: Moment = { date: '2027-12-31', time: '10:00:00' }
const dagtekening = '2027-12-20'
const product = { Categorie: '45', Code: '45A48' }

describe.each(engines)('305 and 307 rule by rule on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let taakProductId: number

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    taakProductId = await taakgerichtProduct(database.db, s)
  })
  afterAll(() => database.dispose())

  /** A toewijzing of the scenario's hourly product to provider 1 for one month of 2027. */
  const issue = async (month: string) => {
    const issued = await withActor(database.db, s.team, (trx) =>
      issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: `2027-${month}-01`, einddatum: `2027-${month}-28`, omvang: { volume: 3, eenheid: '04', frequentie: '2' } }, { at: { date: '2026-12-01', time: '09:00:00' } }),
    )
    return { nummer: String(issued.toewijzingNummer), id: issued.id, ingang: `2027-${month}-01` }
  }
  const start = (t: { nummer: string; ingang: string }, begindatum: string, fields: WritableObject = {}): WritableObject => ({ ToewijzingNummer: t.nummer, Product: product, ToewijzingIngangsdatum: t.ingang, Begindatum: begindatum, StatusAanlevering: '1', ...fields })
  const stop = (t: { nummer: string; ingang: string }, begindatum: string, einddatum: string, reden: string, fields: WritableObject = {}): WritableObject => ({ ...start(t, begindatum), RedenBeeindiging: reden, Einddatum: einddatum, ...fields })
  const send305 = (classes: WritableObject[], options: { provider?: number } = {}) => receiveMessage(database.db, s.region.regionId, deliveryMessage(s, '305', classes, { dagtekening, ...options }), { at })
  const send307 = (classes: WritableObject[], options: { provider?: number } = {}) => receiveMessage(database.db, s.region.regionId, deliveryMessage(s, '307', classes, { dagtekening, ...options }), { at })
  const ledger = (toewijzingId: number) =>
    withActor(database.db, s.team, async (trx) => ({
      starts: (await trx.selectFrom('care_start').select(['begindatum']).where('toewijzing_id', '=', toewijzingId).where('removed_by_message_id', 'is', null).orderBy('id').execute()).map((r) => r.begindatum),
      stops: (await trx.selectFrom('care_stop').select(['einddatum', 'reden_beeindiging']).where('toewijzing_id', '=', toewijzingId).where('removed_by_message_id', 'is', null).orderBy('id').execute()).map((r) => `${r.einddatum} ${r.reden_beeindiging}`),
    }))
  const accepted = (r: { outcome: string; problems: unknown[] }) => expect(r).toMatchObject({ outcome: 'verwerkt', problems: [] })
  const refused = (r: { outcome: string; retourCodes: string[]; problems: { rule: string; retourcode: string }[] }, rule: string, code: string) => {
    expect(r.outcome).toBe('afgekeurd')
    expect(r.retourCodes).toContain(code)
    expect(r.problems.map((p) => `${p.rule} ${p.retourcode}`)).toContain(`${rule} ${code}`)
  }

  it('TR019 (9019): an output- or inspanningsgericht start needs the toewijzing of this provider, client and product', async () => {
    const t = await issue('01')
    refused(await send305([start({ ...t, nummer: '999999' }, '2027-01-04')]), 'TR019', '9019')
    const other = await send305([start(t, '2027-01-04')], { provider: 1 })
    refused(other, 'TR019', '9019')
    expect(other.problems[0]!.signal).toBe('andere_aanbieder')
    refused(await send305([start(t, '2027-01-04', { Product: { Categorie: '45', Code: '45A53' } })]), 'TR019', '9019')
    // Without a ToewijzingNummer only a taakgericht product can be started (IV096); this one is inspanningsgericht.
    refused(await send305([{ Product: product, Begindatum: '2027-01-04', StatusAanlevering: '1' }]), 'TR019', '9019')
    expect(await ledger(t.id)).toEqual({ starts: [], stops: [] })
    accepted(await send305([start(t, '2027-01-04')]))
    expect(await ledger(t.id)).toEqual({ starts: ['2027-01-04'], stops: [] })
  })

  it('TR326 (9326) and OP379: no start while one is current, but a start after a temporary or a definitive stop', async () => {
    const t = await issue('02')
    accepted(await send305([start(t, '2027-02-01')]))
    refused(await send305([start(t, '2027-02-08')]), 'TR326', '9326')
    accepted(await send307([stop(t, '2027-02-01', '2027-02-05', '20')]))
    // "Na een (tijdelijke) stop is het toegestaan een start te sturen" (OP379); TR326 counts a stopped start as not current.
    accepted(await send305([start(t, '2027-02-08')]))
    refused(await send305([start(t, '2027-02-15')]), 'TR326', '9326')
    accepted(await send307([stop(t, '2027-02-08', '2027-02-12', '31')]))
    accepted(await send305([start(t, '2027-02-15')]))
    expect(await ledger(t.id)).toEqual({ starts: ['2027-02-01', '2027-02-08', '2027-02-15'], stops: ['2027-02-05 20', '2027-02-12 31'] })
  })

  it('TR074 (9074): a start or a stop with a key already received is refused', async () => {
    const t = await issue('03')
    accepted(await send305([start(t, '2027-03-01')]))
    const again = await send305([start(t, '2027-03-01')])
    refused(again, 'TR074', '9074')
    expect(again.problems.map((p) => p.rule)).toEqual(['TR074'])
    accepted(await send307([stop(t, '2027-03-01', '2027-03-05', '20')]))
    const stopAgain = await send307([stop(t, '2027-03-01', '2027-03-05', '20')])
    refused(stopAgain, 'TR074', '9074')
    // The same key is also a second temporary stop (TR413): both rules are broken.
    expect(stopAgain.problems.map((p) => p.rule)).toEqual(['TR074', 'TR413'])
    expect(await ledger(t.id)).toEqual({ starts: ['2027-03-01'], stops: ['2027-03-05 20'] })
  })

  it('TR063 (9063): removing a start or a stop that was never received is refused; a received one is removed', async () => {
    const t = await issue('04')
    refused(await send305([start(t, '2027-04-05', { StatusAanlevering: '3' })]), 'TR063', '9063')
    refused(await send307([stop(t, '2027-04-05', '2027-04-09', '31', { StatusAanlevering: '3' })]), 'TR063', '9063')
    accepted(await send305([start(t, '2027-04-05')]))
    accepted(await send307([stop(t, '2027-04-05', '2027-04-09', '20')]))
    // The StopProduct key holds Einddatum and RedenBeeindiging: another Einddatum or reden is another stop.
    refused(await send307([stop(t, '2027-04-05', '2027-04-10', '20', { StatusAanlevering: '3' })]), 'TR063', '9063')
    refused(await send307([stop(t, '2027-04-05', '2027-04-09', '31', { StatusAanlevering: '3' })]), 'TR063', '9063')
    // Another client's toewijzing holds no delivery of this client.
    refused(await send305([start({ ...t, nummer: '999999' }, '2027-04-05', { StatusAanlevering: '3' })]), 'TR063', '9063')
    accepted(await send307([stop(t, '2027-04-05', '2027-04-09', '20', { StatusAanlevering: '3' })]))
    expect(await ledger(t.id)).toEqual({ starts: ['2027-04-05'], stops: [] })
    accepted(await send305([start(t, '2027-04-05', { StatusAanlevering: '3' })]))
    expect(await ledger(t.id)).toEqual({ starts: [], stops: [] })
  })

  it('TR071 (9071): a start cannot be removed once a stop was sent for it', async () => {
    const t = await issue('05')
    accepted(await send305([start(t, '2027-05-03')]))
    accepted(await send307([stop(t, '2027-05-03', '2027-05-07', '20')]))
    refused(await send305([start(t, '2027-05-03', { StatusAanlevering: '3' })]), 'TR071', '9071')
    expect(await ledger(t.id)).toEqual({ starts: ['2027-05-03'], stops: ['2027-05-07 20'] })
  })

  it('TR382 (9069): a stop repeats the key of a received start', async () => {
    const t = await issue('06')
    accepted(await send305([start(t, '2027-06-07')]))
    refused(await send307([stop(t, '2027-06-08', '2027-06-10', '31')]), 'TR382', '9069')
    accepted(await send307([stop(t, '2027-06-07', '2027-06-10', '31')]))
  })

  it('TR413, TR414, TR415 (9413, 9414, 9415): one temporary stop, a later definitive one on or after it, then nothing', async () => {
    const t = await issue('07')
    accepted(await send305([start(t, '2027-07-05')]))
    accepted(await send307([stop(t, '2027-07-05', '2027-07-09', '20')]))
    refused(await send307([stop(t, '2027-07-05', '2027-07-12', '20')]), 'TR413', '9413')
    refused(await send307([stop(t, '2027-07-05', '2027-07-08', '31')]), 'TR414', '9414')
    // Mutatieoverzicht 3.2: a definitive stop right after a temporary one may carry the same Einddatum.
    accepted(await send307([stop(t, '2027-07-05', '2027-07-09', '31')]))
    refused(await send307([stop(t, '2027-07-05', '2027-07-16', '32')]), 'TR415', '9415')
    expect(await ledger(t.id)).toEqual({ starts: ['2027-07-05'], stops: ['2027-07-09 20', '2027-07-09 31'] })
  })

  it('IV008: a correction of the Begindatum removes and replaces in one message, whatever the order of the classes', async () => {
    const t = await issue('08')
    accepted(await send305([start(t, '2027-08-02')]))
    accepted(await send305([start(t, '2027-08-03'), start(t, '2027-08-02', { StatusAanlevering: '3' })]))
    expect(await ledger(t.id)).toEqual({ starts: ['2027-08-03'], stops: [] })
  })

  it('TR101 (0001): a correction outside the key in one message is refused whole, not half applied', async () => {
    const t = await issue('09')
    accepted(await send305([start(t, '2027-09-06')]))
    // IV008: ToewijzingIngangsdatum is no part of the key, so its correction needs a message of its own.
    const bytes = uncheckedProviderMessage('305', s.providers[0]!.agb, s.zeist.cbsCode, { ...scenarioClient(s), StartProducten: { StartProduct: [start(t, '2027-09-06', { StatusAanlevering: '3' }), start(t, '2027-09-06', { ToewijzingIngangsdatum: '2027-09-02' })] } }, dagtekening)
    const r = await receiveMessage(database.db, s.region.regionId, bytes, { at })
    expect(r).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['0001'] })
    expect(r.problems.map((p) => p.rule)).toEqual(['TR101'])
    expect(await ledger(t.id)).toEqual({ starts: ['2027-09-06'], stops: [] })
  })

  it('TR134 (0001): a stop whose Einddatum lies after the Dagtekening is refused in the header', async () => {
    const t = await issue('10')
    accepted(await send305([start(t, '2027-10-04')]))
    const bytes = uncheckedProviderMessage('307', s.providers[0]!.agb, s.zeist.cbsCode, { ...scenarioClient(s), StopProducten: { StopProduct: [stop(t, '2027-10-04', '2027-12-21', '31')] } }, dagtekening)
    const r = await receiveMessage(database.db, s.region.regionId, bytes, { at })
    expect(r).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['0001'] })
    expect(r.problems.map((p) => `${p.rule} ${p.retourcode}`)).toEqual(['TR134 0001'])
    expect(await ledger(t.id)).toEqual({ starts: ['2027-10-04'], stops: [] })
  })

  it('TR381 (S329): a ProductCode outside the region’s product list is refused', async () => {
    const t = await issue('11')
    refused(await send305([start(t, '2027-11-01', { Product: { Categorie: '45', Code: '45X99' } })]), 'TR381', 'S329')
    expect(await ledger(t.id)).toEqual({ starts: [], stops: [] })
  })

  it('IV096: a taakgericht start and stop need no toewijzing and are keyed by Product and Begindatum', async () => {
    const taak = { Categorie: '45', Code: '45T01' }
    const taakStart = (begindatum: string, status = '1'): WritableObject => ({ Product: taak, Begindatum: begindatum, StatusAanlevering: status })
    const taakStop = (begindatum: string, einddatum: string, reden: string, status = '1'): WritableObject => ({ ...taakStart(begindatum, status), RedenBeeindiging: reden, Einddatum: einddatum })
    accepted(await send305([taakStart('2027-03-01')]))
    refused(await send305([taakStart('2027-03-01')]), 'TR074', '9074')
    refused(await send305([taakStart('2027-03-08')]), 'TR326', '9326')
    accepted(await send307([taakStop('2027-03-01', '2027-03-05', '20')]))
    accepted(await send305([taakStart('2027-03-08')]))
    refused(await send307([taakStop('2027-03-09', '2027-03-12', '31')]), 'TR382', '9069')
    accepted(await send307([taakStop('2027-03-08', '2027-03-12', '31')]))
    refused(await send305([taakStart('2027-04-01', '3')]), 'TR063', '9063')
    const rows = await withActor(database.db, s.team, (trx) =>
      trx.selectFrom('taakgericht_start as st').leftJoin('taakgericht_stop as x', 'x.start_id', 'st.id').select(['st.begindatum', 'st.client_id', 'st.product_id', 'x.einddatum', 'x.reden_beeindiging']).where('st.removed_by_message_id', 'is', null).orderBy('st.id').execute(),
    )
    expect(rows).toEqual([
      { begindatum: '2027-03-01', client_id: s.clientId, product_id: taakProductId, einddatum: '2027-03-05', reden_beeindiging: '20' },
      { begindatum: '2027-03-08', client_id: s.clientId, product_id: taakProductId, einddatum: '2027-03-12', reden_beeindiging: '31' },
    ])
  })

  it('answers start, temporary stop, restart and definitive stop each with a retour the official XSD accepts', async () => {
    const t = await issue('12')
    const steps = [
      await send305([start(t, '2027-12-01')]),
      await send307([stop(t, '2027-12-01', '2027-12-03', '20')]),
      await send305([start(t, '2027-12-06')]),
      await send307([stop(t, '2027-12-06', '2027-12-10', '31')]),
    ]
    for (const r of steps) accepted(r)
    const retours = await withActor(database.db, s.team, (trx) => trx.selectFrom('message').select(['code', 'content']).where('id', 'in', steps.map((r) => r.retourId!)).orderBy('id').execute())
    expect(retours.map((m) => m.code)).toEqual(['306', '308', '306', '308'])
    for (const m of retours) expect(xsdVerdict('ijw', m.code as '306' | '308', m.content)).toMatchObject({ valid: true })
    expect(await ledger(t.id)).toEqual({ starts: ['2027-12-01', '2027-12-06'], stops: ['2027-12-03 20', '2027-12-10 31'] })
    // A retour with one class accepted and one refused is valid too, with the code on the refused class.
    const refusedRetour = await send305([start(t, '2027-12-13'), start(t, '2027-12-01', { StatusAanlevering: '3' })])
    expect(refusedRetour).toMatchObject({ outcome: 'verwerkt', retourCodes: ['9071'] })
    expect(refusedRetour.problems.map((p) => p.rule)).toEqual(['TR071'])
    const m = await withActor(database.db, s.team, (trx) => trx.selectFrom('message').select('content').where('id', '=', refusedRetour.retourId!).executeTakeFirstOrThrow())
    expect(xsdVerdict('ijw', '306', m.content)).toMatchObject({ valid: true })
  })
})
