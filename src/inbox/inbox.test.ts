import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { providerMessage as writeProviderMessage } from '../exchange/provider-message.ts'
import { parseMessage, type MessageObject } from '../istandaarden/messages/read-message.ts'
import { buildRetour, headerRetour } from '../istandaarden/messages/retour.ts'
import { writeMessage } from '../istandaarden/messages/write-message.ts'
import { xsdVerdict } from '../istandaarden/testing/xsd-oracle.ts'
import type { Moment } from '../shared/moment.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { refuseRequest } from '../requests/request.queries.ts'
import { type ToegangScenario, assessment, request315, startStop, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { receiveMessage } from './receive.ts'

const dec: Moment = { date: '2026-12-15', time: '10:00:00' }

/** The inbox protocol itself: the header checks and the forms of the retour (IV028, OP065). */
describe.each(engines)('the inbox on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let nummer: number
  const as = <T>(work: Parameters<typeof withActor<T>>[2]) => withActor(database.db, s.team, work)
  const retourOf = async (id: number | null) => {
    const m = await as((trx) => trx.selectFrom('message').select(['code', 'content']).where('id', '=', id!).executeTakeFirstOrThrow())
    expect(xsdVerdict('ijw', m.code as '306', m.content)).toMatchObject({ valid: true })
    return parseMessage(m.content).body!
  }
  const incoming = () => as(async (trx) => (await trx.selectFrom('message').select('id').where('direction', '=', 'in').execute()).length)

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    const issued = await as((trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-05-31', omvang: { volume: 3, eenheid: '04', frequentie: '2' } }, { at: { date: '2026-11-20', time: '09:00:00' } }))
    nummer = issued.toewijzingNummer
  })
  afterAll(() => database.dispose())

  it('answers an approved message with the retour Header alone, without retourcodes (IV028)', async () => {
    const r = await receiveMessage(database.db, s.region.regionId, startStop(s, '305', nummer, { Begindatum: '2026-12-03' }), { at: dec })
    expect(r).toMatchObject({ outcome: 'verwerkt', retourCodes: [], problems: [] })
    const retour = await retourOf(r.retourId)
    expect(Object.keys(retour)).toEqual(['Header'])
    expect((retour.Header as MessageObject).RetourCodes).toBeUndefined()
  })

  it('answers a rejected class with Header 0200, the client 0200 and the class its code (IV028, OP065)', async () => {
    const r = await receiveMessage(database.db, s.region.regionId, startStop(s, '305', 999_999, { Begindatum: '2026-12-03' }), { at: dec })
    expect(r).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['9019'] })
    const retour = await retourOf(r.retourId)
    expect((retour.Header as MessageObject).RetourCodes).toEqual({ RetourCode: ['0200'] })
    const client = retour.Client as MessageObject
    expect(client.RetourCodes).toEqual({ RetourCode: ['0200'] })
    const product = (client.StartProducten as MessageObject).StartProduct as MessageObject | MessageObject[]
    expect((Array.isArray(product) ? product[0]! : product).RetourCodes).toEqual({ RetourCode: ['9019'] })
  })

  it('answers a level-2 fault (CS002: a BSN failing the elfproef) with the Header alone and 0001 (IV028)', async () => {
    const bytes = new TextEncoder().encode(new TextDecoder().decode(startStop(s, '305', nummer, { Begindatum: '2026-12-04' })).replace(`>${s.bsn}<`, '>123456789<'))
    const r = await receiveMessage(database.db, s.region.regionId, bytes, { at: dec })
    expect(r.outcome).toBe('afgekeurd')
    expect(r.retourCodes).toEqual(['0001'])
    expect(r.problems.some((p) => p.rule === 'CS002')).toBe(true)
    const retour = await retourOf(r.retourId)
    expect(Object.keys(retour)).toEqual(['Header'])
    expect((retour.Header as MessageObject).RetourCodes).toEqual({ RetourCode: ['0001'] })
  })

  it('answers a Dagtekening after today with the Header alone and 8848 (TR135), changing no ledger row', async () => {
    const starts = () => as(async (trx) => (await trx.selectFrom('care_start').select('id').execute()).length)
    const before = await starts()
    const r = await receiveMessage(database.db, s.region.regionId, startStop(s, '305', nummer, { Begindatum: '2026-12-07' }), { at: { date: '2026-12-08', time: '08:00:00' } })
    expect(r).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['8848'] })
    expect(r.problems[0]).toMatchObject({ rule: 'TR135', retourcode: '8848' })
    const retour = await retourOf(r.retourId)
    expect(Object.keys(retour)).toEqual(['Header'])
    expect((retour.Header as MessageObject).RetourCodes).toEqual({ RetourCode: ['8848'] })
    expect(await starts()).toBe(before)
  })

  it('answers a message for a gemeente outside the region with a retour carrying S300 (TR378) and stores nothing', async () => {
    const counters = () => as(async (trx) => (await trx.selectFrom('number_sequence').selectAll().execute()).map((r) => JSON.stringify(r)).sort())
    const [before, countersBefore] = [await incoming(), await counters()]
    const provider = s.providers[0]!
    const bytes = writeProviderMessage('ijw', '305', provider.agb, '0363', 'S300-1', '2026-12-10', {
      Bsn: s.bsn,
      Geboortedatum: { Datum: '2012-02-14' },
      Geslacht: '1',
      Naam: { Geslachtsnaam: { Achternaam: 'Wit' }, Voorletters: 'T' },
      StartProducten: { StartProduct: [{ ToewijzingNummer: String(nummer), Product: { Categorie: '45', Code: '45A48' }, ToewijzingIngangsdatum: '2026-12-01', Begindatum: '2026-12-05', StatusAanlevering: '1' }] },
    })
    const r = await receiveMessage(database.db, s.region.regionId, bytes, { at: dec })
    expect(r).toMatchObject({ outcome: 'afgekeurd', messageId: null, retourId: null, retourCodes: ['S300'] })
    expect(r.problems[0]).toMatchObject({ rule: 'TR378', retourcode: 'S300' })
    expect(xsdVerdict('ijw', '306', r.retourXml!)).toMatchObject({ valid: true })
    expect(parseMessage(r.retourXml!).body!.Header).toMatchObject({ Afzender: provider.agb, Ontvanger: '0363', RetourCodes: { RetourCode: ['S300'] } })
    expect(await incoming()).toBe(before)
    // Not even a counter moved: the retour's identification comes from the message it answers.
    expect(await counters()).toEqual(countersBefore)
  })

  it('refuses a message from a sender that is no provider of the region, in Dutch, storing nothing', async () => {
    const before = await incoming()
    const bytes = new TextEncoder().encode(new TextDecoder().decode(startStop(s, '305', nummer, { Begindatum: '2026-12-06' })).replace(`>${s.providers[0]!.agb}<`, '>41999999<'))
    await expect(receiveMessage(database.db, s.region.regionId, bytes, { at: dec })).rejects.toMatchObject({ reason: 'message.sender_unknown', message: expect.stringContaining('geen aanbieder in deze regio') })
    expect(await incoming()).toBe(before)
  })

  it('links a 302 only to a 301 sent to the same provider', async () => {
    const sent = await as((trx) => trx.selectFrom('message').select(['content']).where('direction', '=', 'out').where('code', '=', '301').orderBy('id', 'desc').executeTakeFirstOrThrow())
    const heen = parseMessage(sent.content).body!
    const header = heen.Header as MessageObject
    // A provider's system approves the 301 whole: its 302 is the Header alone (IV028).
    const retour302 = (agb: string, ident: string) => {
      const { kind, body } = buildRetour({ law: 'ijw', code: '301', heen: { Header: { ...header, Ontvanger: agb } }, identificatie: ident, dagtekening: '2026-12-15', classCodes: new Map() })
      return new TextEncoder().encode(writeMessage(kind, body))
    }
    const other = await receiveMessage(database.db, s.region.regionId, retour302(s.providers[1]!.agb, 'RET-OTHER'), { at: dec })
    expect(other).toMatchObject({ outcome: 'afgekeurd' })
    expect(other.problems[0]).toMatchObject({ retourcode: '9063' })
    const own = await receiveMessage(database.db, s.region.regionId, retour302(String(header.Ontvanger), 'RET-OWN'), { at: dec })
    expect(own).toMatchObject({ outcome: 'verwerkt', problems: [] })
  })

  it('counts a 301 the provider refuses whole (a code in its 302\'s Header) as not sent: its toewijzingen go back to the version sent before (OP286)', async () => {
    const sentVersion = () => as(async (trx) => (await trx.selectFrom('toewijzing').select(['sent_version', 'version']).where('toewijzing_nummer', '=', nummer).executeTakeFirstOrThrow()))
    expect(await sentVersion()).toEqual({ sent_version: 1, version: 1 })
    const sent = await as((trx) => trx.selectFrom('message').select(['content']).where('direction', '=', 'out').where('code', '=', '301').orderBy('id', 'desc').executeTakeFirstOrThrow())
    const header = parseMessage(sent.content).body!.Header as MessageObject
    const { kind, body } = headerRetour({ kind: { law: 'ijw', code: '301' }, header, identificatie: 'RET-0001', dagtekening: '2026-12-15', codes: ['0001'] })
    const r = await receiveMessage(database.db, s.region.regionId, new TextEncoder().encode(writeMessage(kind, body)), { at: dec })
    expect(r).toMatchObject({ outcome: 'verwerkt', summary: expect.stringContaining('geldt als niet verstuurd') })
    // The first 301 was refused: the toewijzing counts as never sent, and goes again with the next 301.
    expect(await sentVersion()).toEqual({ sent_version: null, version: 1 })
  })
  it('links a 320 only to a 319 sent to the same provider: another provider’s 320 leaves the gemeente’s 319 as it was', async () => {
    const received = await receiveMessage(database.db, s.region.regionId, request315(s, 'R-320', { ident: 'R315-320', ingangsdatum: '2027-06-01', einddatum: '2027-08-31' }), { at: dec })
    expect(received.outcome, JSON.stringify(received.problems)).toBe('verwerkt')
    const request = await as((trx) => trx.selectFrom('care_request').select('id').where('referentie_aanbieder', '=', 'R-320').executeTakeFirstOrThrow())
    const { messageId: ours } = await as((trx) => refuseRequest(trx, s.team, request.id, { reden: '7' }, dec))
    const sent = await as((trx) => trx.selectFrom('message').select('content').where('id', '=', ours).executeTakeFirstOrThrow())
    const header = parseMessage(sent.content).body!.Header as MessageObject
    const retour320 = (agb: string, ident: string, codes: string[]) => {
      const { kind, body } = headerRetour({ kind: { law: 'ijw', code: '319' }, header: { ...header, Ontvanger: agb }, identificatie: ident, dagtekening: '2026-12-15', codes })
      return new TextEncoder().encode(writeMessage(kind, body))
    }
    const record = () => as(async (trx) => ({
      codes: (await trx.selectFrom('message').select('retour_codes').where('id', '=', ours).executeTakeFirstOrThrow()).retour_codes,
      answers: (await trx.selectFrom('message').select('id').where('answers_message_id', '=', ours).execute()).length,
    }))
    // The other provider refuses "our" 319 whole: refused with 9063, and the 319 keeps its record.
    const other = await receiveMessage(database.db, s.region.regionId, retour320(s.providers[1]!.agb, 'RET320-OTHER', ['0001']), { at: dec })
    expect(other).toMatchObject({ outcome: 'afgekeurd', problems: [{ rule: 'TR063', retourcode: '9063' }] })
    expect(await record()).toEqual({ codes: [], answers: 0 })
    const own = await receiveMessage(database.db, s.region.regionId, retour320(s.providers[0]!.agb, 'RET320-OWN', []), { at: dec })
    expect(own).toMatchObject({ outcome: 'verwerkt', problems: [] })
    expect(await record()).toEqual({ codes: [], answers: 1 })

    // The database holds the same line: a message answers only a message between the same gemeente and provider.
    await expect(as((trx) => trx.updateTable('message').set({ answers_message_id: ours }).where('id', '=', other.messageId!).execute())).rejects.toMatchObject({ code: '23503' })
  })
})
