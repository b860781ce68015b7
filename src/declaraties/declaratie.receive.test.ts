import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchMessage } from '../exchange/mailbox.queries.ts'
import { registerClient } from '../clients/client.queries.ts'
import { withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { parseMessage } from '../istandaarden/messages/read-message.ts'
import { xsdVerdict } from '../istandaarden/testing/xsd-oracle.ts'
import { addDays, addMonths, laterDate } from '../shared/dates.ts'
import type { Moment } from '../shared/moment.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type Regel, declaratie323 } from '../test/declaratie-scenario.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { changeToewijzing, issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { receiveDeclaration } from './declaratie.receive.ts'
import { ToewijzingStore } from './toewijzing-store.ts'

const nov: Moment = { date: '2026-11-20', time: '09:00:00' }
const jan: Moment = { date: '2027-01-06', time: '10:00:00' }

describe.each(engines)('declarations (323 → 325) on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let nummer: number
  let other: { nummer: number; bsn: string }
  let ident = 0
  let dn = 0
  const as = <T>(work: Parameters<typeof withActor<T>>[2]) => withActor(database.db, s.team, work)
  const regel = (over: Partial<Regel> = {}): Regel => ({ ref: `R${++ident}`, nummer, bsn: s.bsn, begin: '2026-12-01', eind: '2026-12-31', volume: 2, tarief: 9000, ...over })
  /** Sent early in the month after the declaratieperiode, and no earlier than 5 January 2027 (TR137: not before the period). */
  const send = (regels: Regel[], over: { nummer?: string; totaal?: number; provider?: number; ident?: string; maand?: string } = {}) => {
    const maand = over.maand ?? '2026-12'
    const dagtekening = laterDate('2027-01-05', `${addMonths(`${maand}-01`, 1).slice(0, 8)}03`)
    return receiveMessage(database.db, s.region.regionId, declaratie323({ agb: s.providers[over.provider ?? 0]!.agb, cbs: s.zeist.cbsCode, ident: over.ident ?? `D${++ident}`, nummer: over.nummer ?? `DN${++dn}`, maand, dagtekening, regels, totaal: over.totaal }), { at: { date: addDays(dagtekening, 1), time: '10:00:00' } })
  }
  const answer = async (retourId: number | null) => {
    const m = await as((trx) => trx.selectFrom('message').select(['code', 'content', 'retour_codes']).where('id', '=', retourId!).executeTakeFirstOrThrow())
    expect(m.code).toBe('325')
    expect(xsdVerdict('ijw', '325', m.content)).toMatchObject({ valid: true })
    return parseMessage(m.content).body!
  }
  const counts = () => as(async (trx) => ({
    declaraties: Number((await trx.selectFrom('declaratie').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    regels: Number((await trx.selectFrom('declaratie_regel').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    realisatie: (await trx.selectFrom('realisatie_maand').select(['debet_cents', 'credit_cents', 'regels']).execute()),
  }))

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    const t = await as((trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-02-28', omvang: { volume: 2, eenheid: '04', frequentie: '4' } }, { at: nov }))
    nummer = t.toewijzingNummer
    const bsn = '999900018'
    const c = await as((trx) => registerClient(trx, s.team, { bsn, birthDate: '2013-03-01', familyName: 'Berg', gender: '2', postcode: '3701AC', huisnummer: 3 }))
    const t2 = await as((trx) => issueToewijzing(trx, s.team, { clientId: c.id, assessment, providerId: s.providers[1]!.id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-02-28', omvang: { volume: 2, eenheid: '04', frequentie: '4' } }, { at: nov }))
    other = { nummer: t2.toewijzingNummer, bsn }
  })
  afterAll(() => database.dispose())

  it('grants a declaration that matches its toewijzing: 325 with Header 0200, DeclaratieAntwoord 8001 and the total (IV087), lines and realisation kept', async () => {
    const r = await send([regel({ ref: 'OK-1' })])
    expect(r).toMatchObject({ outcome: 'verwerkt', retourCodes: ['8001'], declaratie: { regels: 1, goedgekeurd: 1, afgewezen: 0, toegekendCents: 18_000 } })
    const body = await answer(r.retourId)
    expect(body.Header).toMatchObject({ RetourCodes: { RetourCode: ['0200'] } })
    expect(body.DeclaratieAntwoord).toMatchObject({ RetourCodes: { RetourCode: ['8001'] }, TotaalToegekendBedrag: { TotaalBedrag: 18_000, DebetCredit: 'D' } })
    expect((body.DeclaratieAntwoord as Record<string, unknown>).Clienten).toBeUndefined()
    expect((await counts()).realisatie).toEqual([{ debet_cents: 18_000, credit_cents: 0, regels: 1 }])
  })

  it('answers only the rejected prestaties with their retourcodes (TR342), grants the rest', async () => {
    const r = await send([
      regel({ ref: 'OK-1' }), // 8021 + 9389 + 9322: already approved above
      regel({ nummer: 424242 }), // 9338
      regel({ nummer: other.nummer }), // 8187: another client's — and another provider's
      regel({ nummer: other.nummer, bsn: other.bsn, begin: '2027-01-01', eind: '2027-01-31', tarief: 9270 }), // 9338: the toewijzing is provider 2's (another period: one debit per period, TR416)
    ])
    expect(r).toMatchObject({ outcome: 'afgekeurd', declaratie: { regels: 4, goedgekeurd: 0, afgewezen: 4, toegekendCents: 0 } })
    const body = await answer(r.retourId)
    const clients = ((body.DeclaratieAntwoord as Record<string, unknown>).Clienten as { Client: { Prestaties: { Prestatie: { RetourCodes: { RetourCode: string[] } }[] } }[] }).Client
    const codes = clients.flatMap((c) => c.Prestaties.Prestatie.map((p) => p.RetourCodes.RetourCode))
    expect(codes).toEqual([['8021', '9389', '9322'], ['9338'], ['9338'], ['9338']])
    expect(r.problems[0]!.message).toContain('Referentienummer prestatie is reeds aangeleverd')
    expect(JSON.stringify(r.problems)).not.toContain(s.bsn)
  })

  it('reverses an approved line with a credit, and counts it in the realisation; a second credit is refused (9390)', async () => {
    const credit = regel({ ref: 'CR-1', vorig: 'OK-1', credit: true })
    const r = await send([credit])
    expect(r).toMatchObject({ outcome: 'verwerkt', retourCodes: ['8001'], declaratie: { toegekendCents: -18_000 } })
    expect((await answer(r.retourId)).DeclaratieAntwoord).toMatchObject({ TotaalToegekendBedrag: { TotaalBedrag: 18_000, DebetCredit: 'C' } })
    expect((await counts()).realisatie).toEqual([{ debet_cents: 18_000, credit_cents: 18_000, regels: 2 }])
    const again = await send([regel({ ref: 'CR-2', vorig: 'OK-1', credit: true })])
    expect(again.retourCodes).toEqual(['9390'])
    // The period is free again: a corrected debit is granted.
    expect((await send([regel({ ref: 'OK-2', volume: 1 })])).declaratie).toMatchObject({ goedgekeurd: 1, toegekendCents: 9000 })
  })

  it('refuses a DeclaratieNummer used before (TR333, 9333) and grants nothing', async () => {
    const before = await counts()
    const r = await send([regel()], { nummer: 'DN1' })
    expect(r).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['9333'], declaratie: null })
    expect((await answer(r.retourId)).DeclaratieAntwoord).toMatchObject({ RetourCodes: { RetourCode: ['9333'] }, TotaalToegekendBedrag: { TotaalBedrag: 0 } })
    expect(await counts()).toEqual(before)
  })

  it('rejects the whole message when TotaalIngediendBedrag is not the sum of its prestaties, keeping no line', async () => {
    const before = await counts()
    const r = await send([regel({ begin: '2027-01-01', eind: '2027-01-31', tarief: 9270 })], { totaal: 1 })
    expect(r).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['0001'] })
    expect(r.problems[0]).toMatchObject({ rule: 'TR358', retourcode: '0001' })
    expect((await answer(r.retourId)).DeclaratieAntwoord).toBeUndefined()
    expect(await counts()).toEqual(before)
  })

  it('takes a debit, its credit and the corrected debit in three messages, each answered with a 325 the XSD accepts (OP366, IV085)', async () => {
    const theirs = (over: Partial<Regel>) => regel({ nummer: other.nummer, bsn: other.bsn, ...over })
    const debit = await send([theirs({ ref: 'SEQ-D1', volume: 2 })], { provider: 1 })
    expect(debit).toMatchObject({ outcome: 'verwerkt', retourCodes: ['8001'], declaratie: { toegekendCents: 18_000 } })
    expect((await answer(debit.retourId)).DeclaratieAntwoord).toMatchObject({ RetourCodes: { RetourCode: ['8001'] } })
    // Correcting an approved line without crediting it first is refused (TR389).
    const early = await send([theirs({ ref: 'SEQ-D2', volume: 1 })], { provider: 1 })
    expect(early).toMatchObject({ outcome: 'afgekeurd', declaratie: { goedgekeurd: 0 } })
    expect(early.retourCodes).toContain('9389')
    const credit = await send([theirs({ ref: 'SEQ-C1', vorig: 'SEQ-D1', volume: 2, credit: true })], { provider: 1 })
    expect(credit).toMatchObject({ outcome: 'verwerkt', declaratie: { toegekendCents: -18_000 } })
    expect((await answer(credit.retourId)).DeclaratieAntwoord).toMatchObject({ TotaalToegekendBedrag: { TotaalBedrag: 18_000, DebetCredit: 'C' } })
    const corrected = await send([theirs({ ref: 'SEQ-D3', volume: 1 })], { provider: 1 })
    expect(corrected).toMatchObject({ outcome: 'verwerkt', retourCodes: ['8001'], declaratie: { toegekendCents: 9_000 } })
    await answer(corrected.retourId)
    const net = await as((trx) => trx.selectFrom('declaratie_regel').select((eb) => eb.fn.sum<string>('bedrag_cents').as('net')).where('toewijzing_id', 'is not', null).where('goedgekeurd', '=', true).where('referentie_nummer', 'like', 'SEQ-%').executeTakeFirstOrThrow())
    expect(Number(net.net)).toBe(9_000)
  })

  it('OP366: processes a client\'s credits before its debits, so a corrected debit listed before its credit is granted', async () => {
    const jan27 = { nummer: other.nummer, bsn: other.bsn, begin: '2027-01-01', eind: '2027-01-31', tarief: 9270 }
    const first = await send([regel({ ref: 'OP366-D1', volume: 2, ...jan27 })], { provider: 1, maand: '2027-01' })
    expect(first.declaratie).toMatchObject({ goedgekeurd: 1 })
    const r = await send([regel({ ref: 'OP366-D2', volume: 1, ...jan27 }), regel({ ref: 'OP366-C1', vorig: 'OP366-D1', volume: 2, credit: true, ...jan27 })], { provider: 1, maand: '2027-01' })
    expect(r).toMatchObject({ outcome: 'verwerkt', retourCodes: ['8001'], declaratie: { goedgekeurd: 2, afgewezen: 0, toegekendCents: 9270 - 2 * 9270 } })
  })

  it('knows a message it has seen (same bytes: nothing changes; other bytes: 9056)', async () => {
    const bytes = declaratie323({ agb: s.providers[0]!.agb, cbs: s.zeist.cbsCode, ident: 'SAME1', nummer: 'DNSAME', maand: '2026-12', dagtekening: '2027-01-05', regels: [regel({ ref: 'S1', volume: 1 })] })
    const first = await receiveMessage(database.db, s.region.regionId, bytes, { at: jan })
    const before = await counts()
    expect(await receiveMessage(database.db, s.region.regionId, bytes, { at: jan })).toMatchObject({ outcome: 'al_ontvangen', messageId: first.messageId, retourId: first.retourId })
    const changed = await send([regel({ ref: 'S2', volume: 1 })], { ident: 'SAME1' })
    expect(changed).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['9056'] })
    expect((await answer(changed.retourId)).Header).toMatchObject({ RetourCodes: { RetourCode: ['9056'] } })
    expect(await counts()).toEqual(before)
  })

  it('stores and answers nothing for a truncated re-send of a received 323: unreadable comes before 9056', async () => {
    const bytes = declaratie323({ agb: s.providers[0]!.agb, cbs: s.zeist.cbsCode, ident: 'CUT1', nummer: 'DNCUT', maand: '2026-12', dagtekening: '2027-01-05', regels: [regel({ ref: 'C1', volume: 1 }), regel({ ref: 'C2', volume: 1 })] })
    await receiveMessage(database.db, s.region.regionId, bytes, { at: jan })
    const outgoing = () => as((trx) => trx.selectFrom('message').select('id').where('direction', '=', 'out').execute())
    const [before, out] = [await counts(), (await outgoing()).length]
    const r = await receiveMessage(database.db, s.region.regionId, bytes.subarray(0, bytes.length - 100), { at: jan })
    expect(r).toMatchObject({ outcome: 'onleesbaar', messageId: null, retourId: null })
    expect(await counts()).toEqual(before)
    expect((await outgoing()).length).toBe(out)
  })

  it('answers a 323 for a gemeente outside the region with a 325 Header carrying S300 (TR378), storing nothing', async () => {
    const before = await counts()
    const r = await receiveMessage(database.db, s.region.regionId, declaratie323({ agb: s.providers[0]!.agb, cbs: '0363', ident: 'ELSE1', nummer: 'DNELSE', maand: '2026-12', dagtekening: '2027-01-05', regels: [regel({ ref: 'E1' })] }), { at: jan })
    expect(r).toMatchObject({ outcome: 'afgekeurd', messageId: null, retourId: null, retourCodes: ['S300'] })
    expect(r.problems[0]).toMatchObject({ rule: 'TR378', retourcode: 'S300' })
    expect(xsdVerdict('ijw', '325', r.retourXml!)).toMatchObject({ valid: true })
    const header = parseMessage(r.retourXml!).body!
    expect(Object.keys(header)).toEqual(['Header'])
    expect(header.Header).toMatchObject({ Afzender: '0363', Ontvanger: s.providers[0]!.agb, RetourCodes: { RetourCode: ['S300'] } })
    expect(await counts()).toEqual(before)
  })

  it('answers a 323 dated after today with the 325 Header alone and 8848 (TR135), keeping no line', async () => {
    const before = await counts()
    const r = await receiveMessage(database.db, s.region.regionId, declaratie323({ agb: s.providers[0]!.agb, cbs: s.zeist.cbsCode, ident: 'LATE1', nummer: 'DNLATE', maand: '2026-12', dagtekening: '2027-01-07', regels: [regel({ ref: 'L1' })] }), { at: jan })
    expect(r).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['8848'], declaratie: null })
    expect(r.problems[0]).toMatchObject({ rule: 'TR135', retourcode: '8848' })
    const body = await answer(r.retourId)
    expect(Object.keys(body)).toEqual(['Header'])
    expect(body.Header).toMatchObject({ RetourCodes: { RetourCode: ['8848'] } })
    expect((await counts()).regels).toBe(before.regels)
  })

  it('stores nothing for a file that breaks off (level 1), even after thousands of lines were read', async () => {
    const before = await counts()
    const many = Array.from({ length: 3000 }, (_, i) => regel({ ref: `BIG-${i}`, begin: '2026-12-01', eind: '2026-12-31' }))
    const bytes = declaratie323({ agb: s.providers[0]!.agb, cbs: s.zeist.cbsCode, ident: 'BROKEN', nummer: 'DNBROKEN', maand: '2026-12', dagtekening: '2027-01-05', regels: many })
    const r = await receiveDeclaration(database.db, s.region.regionId, bytes.subarray(0, bytes.length - 200), { at: jan, chunkRows: 500 })
    expect(r.outcome).toBe('onleesbaar')
    expect(await counts()).toEqual(before)
    const messages = await as((trx) => trx.selectFrom('message').select('id').where('identificatie', '=', 'BROKEN').execute())
    expect(messages).toEqual([])
  })

  it('writes every line with COPY in chunks, forgetting and reloading what it holds, and answers a large declaration', async () => {
    // Every period [d1, d2] within January, the whole month first: one debit per period (TR416).
    const periods = Array.from({ length: 31 }, (_, a) => Array.from({ length: 31 - a }, (_, b) => [a + 1, a + 1 + b] as const)).flat()
    periods.sort(([a1, b1], [a2, b2]) => b2 - a2 - (b1 - a1))
    const day = (d: number) => `2027-01-${String(d).padStart(2, '0')}`
    const many = periods.map(([from, to], i) => regel({ ref: `M-${i}`, volume: 1, begin: day(from), eind: day(to), tarief: 9270 }))
    const bytes = declaratie323({ agb: s.providers[0]!.agb, cbs: s.zeist.cbsCode, ident: 'MANY', nummer: 'DNMANY', maand: '2027-01', dagtekening: '2027-02-03', regels: many })
    // The ledger forgets after every chunk: what this message approved is loaded back from the lines it wrote.
    const r = await receiveDeclaration(database.db, s.region.regionId, bytes, { at: { date: '2027-02-03', time: '08:00:00' }, chunkRows: 100, heldToewijzingen: 0, keepContentUpTo: 1000 })
    // The first hour of January is granted; every other line claims a part of it again (9389).
    expect(r.declaratie).toMatchObject({ regels: 496, goedgekeurd: 1, afgewezen: 495 })
    const lines = await as((trx) => trx.selectFrom('declaratie_regel').select(['volgnummer', 'goedgekeurd', 'client_id']).where('declaratie_id', '=', r.declaratie!.id).orderBy('volgnummer').execute())
    expect(lines.map((l) => l.volgnummer)).toEqual(Array.from({ length: 496 }, (_, i) => i + 1))
    expect(lines.every((l) => l.client_id === s.clientId)).toBe(true)
    // Larger than the archive keeps: the lines and the digest stand for the bytes.
    const archived = await as((trx) => trx.selectFrom('message').select(['content_kept', 'content_size', 'content_sha256']).where('id', '=', r.messageId!).executeTakeFirstOrThrow())
    expect(archived).toMatchObject({ content_kept: false, content_size: bytes.length, content_sha256: createHash('sha256').update(bytes).digest('hex') })
    await expect(as((trx) => fetchMessage(trx, s.team, r.messageId!))).rejects.toMatchObject({ reason: 'message.archived' })
  })

  it('refuses to delete a toewijzing with approved lines (TR385, 9385)', async () => {
    const t = await as((trx) => trx.selectFrom('toewijzing').select('id').where('toewijzing_nummer', '=', nummer).executeTakeFirstOrThrow())
    await expect(as((trx) => changeToewijzing(trx, s.team, t.id, { redenWijziging: '13' }, { at: nov }))).rejects.toMatchObject({ reason: 'toewijzing.delete_after_declaratie', details: expect.arrayContaining([expect.objectContaining({ rule: 'TR385' })]) })
  })
  describe('prestaties compared within one message (level 2: the 325 is its Header with 0001, nothing kept)', () => {
    // February 2027, after every period declared above: a period before the last one is refused as a whole (TR318).
    const feb = { begin: '2027-02-01', eind: '2027-02-28', tarief: 9270 }
    const refused = async (regels: Regel[], rule: string) => {
      const before = await counts()
      const r = await send(regels, { maand: '2027-02' })
      expect(r).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['0001'], declaratie: null })
      expect(r.problems.map((p) => p.rule)).toEqual([rule])
      const body = await answer(r.retourId)
      expect(Object.keys(body)).toEqual(['Header'])
      expect(await counts()).toEqual(before)
    }
    it('TR101: a ReferentieNummer twice in the message', () => refused([regel({ ref: 'DUP-1', volume: 1, ...feb }), regel({ ref: 'DUP-1', volume: 1, begin: '2027-01-01', eind: '2027-01-31', tarief: 9270 })], 'TR101'))
    it('TR416: two debits for the same toewijzing, period and product', () => refused([regel({ ref: 'TWICE-1', volume: 1, ...feb }), regel({ ref: 'TWICE-2', volume: 1, ...feb })], 'TR416'))
    it('TR316: a debit credited in the message that declares it', () => refused([regel({ ref: 'SELF-D', volume: 1, ...feb }), regel({ ref: 'SELF-C', vorig: 'SELF-D', volume: 1, ...feb, credit: true })], 'TR316'))
    it('TR315: one VorigReferentieNummer credited twice in the message; the valid case, a credit and its corrected debit, is accepted', async () => {
      const first = await send([regel({ ref: 'ONCE-D', volume: 2, ...feb })], { maand: '2027-02' })
      expect(first.declaratie).toMatchObject({ goedgekeurd: 1 })
      await refused([regel({ ref: 'ONCE-C1', vorig: 'ONCE-D', volume: 2, ...feb, credit: true }), regel({ ref: 'ONCE-C2', vorig: 'ONCE-D', volume: 2, ...feb, credit: true })], 'TR315')
      const fixed = await send([regel({ ref: 'ONCE-C', vorig: 'ONCE-D', volume: 2, ...feb, credit: true }), regel({ ref: 'ONCE-D2', volume: 1, ...feb })], { maand: '2027-02' })
      expect(fixed).toMatchObject({ outcome: 'verwerkt', declaratie: { goedgekeurd: 2, afgewezen: 0 } })
    })
  })


  it('TR318 (8214): refuses a declaration for a period before the last one declared — Header 0200, DeclaratieAntwoord 8214, nothing granted; the last period itself may come again (OP284)', async () => {
    const before = await counts()
    const r = await send([regel({ ref: 'BACK-1', volume: 1 })], { maand: '2026-12' })
    expect(r).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['8214'], declaratie: null })
    expect(r.problems[0]).toMatchObject({ rule: 'TR318', retourcode: '8214' })
    const body = await answer(r.retourId)
    expect(body.Header).toMatchObject({ RetourCodes: { RetourCode: ['0200'] } })
    expect(body.DeclaratieAntwoord).toMatchObject({ RetourCodes: { RetourCode: ['8214'] }, TotaalToegekendBedrag: { TotaalBedrag: 0 } })
    expect(await counts()).toEqual(before)
  })

  it("refuses a line whose BSN is not its toewijzing's client (TR304, 8187): another client of the same provider, and a resident without a toewijzing", async () => {
    const third = await as((trx) => registerClient(trx, s.team, { bsn: '999900043', birthDate: '2012-05-01', familyName: 'Dijk', gender: '1', postcode: '3701AC', huisnummer: 5 }))
    await as((trx) => issueToewijzing(trx, s.team, { clientId: third.id, assessment, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-02-28', omvang: { volume: 2, eenheid: '04', frequentie: '4' } }, { at: nov }))
    await as((trx) => registerClient(trx, s.team, { bsn: '999900055', birthDate: '2011-07-01', familyName: 'Smit', gender: '2', postcode: '3701AC', huisnummer: 7 }))
    const feb = { begin: '2027-02-01', eind: '2027-02-28', volume: 1 }
    for (const bsn of ['999900043', '999900055']) {
      const r = await send([regel({ bsn, ...feb })], { maand: '2027-02' })
      expect(r).toMatchObject({ outcome: 'afgekeurd', declaratie: { regels: 1, goedgekeurd: 0, afgewezen: 1 } })
      const clients = ((await answer(r.retourId)).DeclaratieAntwoord as { Clienten: { Client: { Prestaties: { Prestatie: { RetourCodes: { RetourCode: string[] } }[] } }[] } }).Clienten.Client
      expect(clients.flatMap((c) => c.Prestaties.Prestatie.map((p) => p.RetourCodes.RetourCode))).toEqual([['8187']])
    }
    // The store reads only the clients of a provider with few toewijzingen, every resident for one with many: the same answers.
    const party = { gemeenteId: s.zeist.id, cbsCode: s.zeist.cbsCode, providerId: s.providers[0]!.id, agbCode: s.providers[0]!.agb }
    const [few, many] = await as(async (trx) => [await ToewijzingStore.load(trx, s.region.regionId, party, 'jeugdwet'), await ToewijzingStore.load(trx, s.region.regionId, party, 'jeugdwet', { fewToewijzingen: 0 })])
    for (const store of [few!, many!]) {
      expect(store.clientOf(s.bsn)).toBe(s.clientId)
      expect(store.clientOf('999900043')).toBe(third.id)
      expect(store.get(nummer)!.clientId).toBe(s.clientId)
    }
    expect(few!.clientOf('999900055')).toBeUndefined()
    expect(many!.clientOf('999900055')).not.toBe(third.id)
    expect(many!.clientOf('999900055')).toBeGreaterThan(0)
  })
})
