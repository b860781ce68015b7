import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientFile } from '../clients/client-file.queries.ts'
import { withActor } from '../db/scope.ts'
import { parseMessage } from '../istandaarden/messages/read-message.ts'
import { xsdVerdict } from '../istandaarden/testing/xsd-oracle.ts'
import { approveRequest, listRequests, refuseRequest } from '../requests/request.queries.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type ToegangScenario, request315, startStop, toegangScenario } from '../test/toegang-scenario.ts'
import { receiveMessage } from './receive.ts'
import type { Moment } from '../shared/moment.ts'

const nov: Moment = { date: '2026-11-03', time: '09:00:00' }
const dec: Moment = { date: '2026-12-15', time: '10:00:00' }
const assessment = { perspective: 'ontwikkeling' as const, complexity: 'enkelvoudig' as const, intensity: 'middel' as const, goals: [{ description: 'Naar school', domain: 'ontwikkeling' as const, t1: 2 }] }

describe.each(engines)('the provider message lifecycle on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
  })
  afterAll(() => database.dispose())

  const outgoing = (id: number) => withActor(database.db, s.team, (trx) => trx.selectFrom('message').selectAll().where('id', '=', id).executeTakeFirstOrThrow())

  it('turns a 315 into a work item, answers 316, approves it with a 301 the XSD accepts, and takes a 305 and a 307', async () => {
    const received = await receiveMessage(database.db, s.region.regionId, request315(s, 'REF-1'), { at: nov })
    expect(received).toMatchObject({ outcome: 'verwerkt', retourCodes: [] })
    const retour = await outgoing(received.retourId!)
    expect(retour.code).toBe('316')
    expect(xsdVerdict('ijw', '316', retour.content).valid).toBe(true)

    const [item] = await withActor(database.db, s.team, (trx) => listRequests(trx, s.team, { status: 'open' }))
    expect(item).toMatchObject({ kind: '315', referentieAanbieder: 'REF-1', clientName: 'T de Wit', answerDue: '2026-11-10' })
    expect(JSON.stringify(item)).not.toContain(s.bsn)

    const issued = await withActor(database.db, s.team, (trx) =>
      approveRequest(trx, s.team, item!.id, { assessment, productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-05-31', omvang: { volume: 3, eenheid: '04', frequentie: '2' } }, nov),
    )
    expect(issued.status).toBe('actief')
    // 27 weeks touched (Mon 30 Nov 2026 … Sun 6 Jun 2027): 5 in 2026 at €90, 22 in 2027 at €92.70, 3 hours each.
    expect(issued.decision.verplichtingCents).toBe(5 * 3 * 9000 + 22 * 3 * 9270)
    const m301 = await outgoing(issued.messageId!)
    expect(xsdVerdict('ijw', '301', m301.content)).toMatchObject({ valid: true })
    const read = parseMessage(m301.content)
    expect(read.violations).toEqual([])
    expect(JSON.stringify(read.body)).toContain('"ReferentieAanbieder":"REF-1"')

    const start = await receiveMessage(database.db, s.region.regionId, startStop(s, '305', issued.toewijzingNummer, { Begindatum: '2026-12-03' }), { at: dec })
    expect(start).toMatchObject({ outcome: 'verwerkt', retourCodes: [] })
    expect(xsdVerdict('ijw', '306', (await outgoing(start.retourId!)).content).valid).toBe(true)

    const stop = await receiveMessage(database.db, s.region.regionId, startStop(s, '307', issued.toewijzingNummer, { Begindatum: '2026-12-03', RedenBeeindiging: '31', Einddatum: '2026-12-09' }), { at: dec })
    expect(stop).toMatchObject({ outcome: 'verwerkt', retourCodes: [] })
    expect(xsdVerdict('ijw', '308', (await outgoing(stop.retourId!)).content).valid).toBe(true)

    const file = await withActor(database.db, s.team, (trx) => clientFile(trx, s.team, s.clientId))
    expect(file.timeline.map((e) => e.kind)).toEqual(['verzoek', 'beschikking', 'toewijzing', 'start', 'stop'])
    expect(file.toewijzingen[0]).toMatchObject({ started: true, stopped: true, referentieAanbieder: 'REF-1' })
    // The toewijzing's period has passed by July 2027: the file says so, not "actief"; its timeline writes Dutch dates.
    const later = await withActor(database.db, s.team, (trx) => clientFile(trx, s.team, s.clientId, '2027-07-01'))
    expect(later.toewijzingen[0]).toMatchObject({ status: 'actief', weergave: 'beeindigd' })
    expect(later.timeline.find((e) => e.kind === 'toewijzing')!.text).toMatch(/^Toewijzing \d+ \d{1,2}-\d{1,2}-2026 t\/m \d{1,2}-\d{1,2}-2027/)
    expect(JSON.stringify(file)).not.toContain(s.bsn)
  })

  it('changes nothing the second time the same message arrives, and says so', async () => {
    const bytes = request315(s, 'REF-2', { ingangsdatum: '2027-06-01', einddatum: '2027-08-31', ident: 'DUP1' })
    const first = await receiveMessage(database.db, s.region.regionId, bytes, { at: nov })
    const second = await receiveMessage(database.db, s.region.regionId, bytes, { at: nov })
    expect(first.outcome).toBe('verwerkt')
    expect(second).toMatchObject({ outcome: 'al_ontvangen', messageId: first.messageId, retourId: first.retourId, retourCodes: first.retourCodes })
    const other = await receiveMessage(database.db, s.region.regionId, request315(s, 'REF-3', { ident: 'DUP1' }), { at: nov })
    expect(other).toMatchObject({ outcome: 'afgekeurd', retourCodes: ['9056'] })
    const items = await withActor(database.db, s.team, (trx) => listRequests(trx, s.team))
    expect(items.filter((i) => i.referentieAanbieder.startsWith('REF-')).map((i) => i.referentieAanbieder).sort()).toEqual(['REF-1', 'REF-2'])
  })

  it('refuses a request with a 319 carrying the reason', async () => {
    const [item] = await withActor(database.db, s.team, (trx) => listRequests(trx, s.team, { status: 'open' }))
    const { messageId } = await withActor(database.db, s.team, (trx) => refuseRequest(trx, s.team, item!.id, { reden: '7', note: 'zorginhoudelijk' }, nov))
    const m = await outgoing(messageId)
    expect(xsdVerdict('ijw', '319', m.content).valid).toBe(true)
    expect(new TextDecoder().decode(m.content)).toContain('<jw319:RedenAfwijzingVerzoek>7</jw319:RedenAfwijzingVerzoek>')
  })

  it('keeps a level-1 broken file out of the database and names the problem', async () => {
    const result = await receiveMessage(database.db, s.region.regionId, new TextEncoder().encode('<not-a-message/>'), { at: nov })
    expect(result).toMatchObject({ outcome: 'onleesbaar', messageId: null, retourId: null, retourCodes: ['0001'] })
    expect(result.problems[0]!.rule).toMatch(/^(XML|XSD-)/)
    const stored = await withActor(database.db, s.team, (trx) => trx.selectFrom('message').select('id').where('direction', '=', 'in').execute())
    // REF-1's 315, 305 and 307, and REF-2's 315 once: not its repeat, not the 9056 clash, not the broken file.
    expect(stored.length).toBe(4)
  })
})
