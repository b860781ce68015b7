import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../auth/actor.ts'
import { findUserByUsername } from '../auth/session.queries.ts'
import { withActor } from '../db/scope.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type ToegangScenario, toegangScenario } from '../test/toegang-scenario.ts'
import { closeAgreement, getAccount, getConversation, listAccounts, markProviderDone, planConversation, recordConversation, setHolders } from './account.queries.ts'

/** 2026-01-01 the providers were awarded the half-yearly segment: the first conversation is due 2026-07-01. */
const TODAY = '2026-06-20'

describe.each(engines)('accounts, conversations and agreements on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let regio: Actor
  let ours: Actor
  let theirs: Actor
  let holderId: number
  const as = <T>(actor: Actor, work: Parameters<typeof withActor<T>>[2]) => withActor(database.db, actor, work)

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    const user = await newUser(database.db, s.region, 'regio')
    holderId = (await findUserByUsername(database.db, user.username))!.id
    regio = { ...s.region.actor('regio'), userId: holderId }
    ours = s.region.actor('aanbieder', { providerId: s.providers[0]!.id })
    theirs = s.region.actor('aanbieder', { providerId: s.providers[1]!.id })
  })
  afterAll(() => database.dispose())

  it('lists the contracted providers with their first conversation due one cadence after the award', async () => {
    const lines = await as(regio, (trx) => listAccounts(trx, regio, TODAY))
    expect(lines.map((l) => l.providerId).sort()).toEqual(s.providers.slice(0, 2).map((p) => p.id).sort())
    expect(lines[0]!.planning).toMatchObject({ due: '2026-07-01', status: 'binnenkort', lastHeld: null })
    expect(lines[0]!.attention).toBe(true)
  })

  it('sets holders from the region team only', async () => {
    const provider = await newUser(database.db, s.region, 'aanbieder', { providerId: s.providers[0]!.id })
    const providerUser = (await findUserByUsername(database.db, provider.username))!.id
    await expect(as(regio, (trx) => setHolders(trx, regio, s.providers[0]!.id, { userIds: [providerUser] }))).rejects.toMatchObject({ reason: 'account.holder_not_region' })
    const holders = await as(regio, (trx) => setHolders(trx, regio, s.providers[0]!.id, { userIds: [holderId] }))
    expect(holders.map((h) => h.userId)).toEqual([holderId])
  })

  it('plans, records and follows up a conversation; the provider sees its own agreements but not the notes', async () => {
    const p = s.providers[0]!.id
    const planned = await as(regio, (trx) => planConversation(trx, regio, p, { plannedOn: '2026-06-15', periodFrom: '2026-01-01', periodTo: '2026-05-31' }))
    expect(planned.status).toBe('gepland')
    const recorded = await as(regio, (trx) =>
      recordConversation(trx, regio, planned.id, { heldOn: '2026-06-15', present: 'Accounthouder, directeur aanbieder', notes: [{ item: 'kpis', note: 'Uitval hoger dan het segment' }], agreements: [{ what: 'Verbeterplan uitval', party: 'aanbieder', dueOn: '2026-06-10', kpi: 'uitval' }, { what: 'Cijfers delen', party: 'regio', dueOn: '2026-09-01' }] }, TODAY),
    )
    expect(recorded).toMatchObject({ status: 'gehouden', heldOn: '2026-06-15', notes: [{ item: 'kpis', note: 'Uitval hoger dan het segment' }] })
    expect(recorded.agreements.map((a) => a.status)).toEqual(['verlopen', 'open'])
    await expect(as(regio, (trx) => recordConversation(trx, regio, planned.id, { heldOn: '2026-06-15', present: 'x' }, TODAY))).rejects.toMatchObject({ reason: 'conversation.already_held' })

    const account = await as(regio, (trx) => getAccount(trx, regio, p, TODAY))
    // Held on 15 June, half-yearly: due 15 December.
    expect(account.planning).toMatchObject({ due: '2026-12-15', status: 'op_tijd', lastHeld: '2026-06-15' })
    const line = (await as(regio, (trx) => listAccounts(trx, regio, TODAY))).find((l) => l.providerId === p)!
    expect(line.agreements).toEqual({ open: 2, binnenkort: 0, verlopen: 1 })

    const seen = await as(ours, (trx) => getConversation(trx, ours, planned.id, TODAY))
    expect(seen.notes).toEqual([])
    expect(seen.agreements).toHaveLength(2)
    await expect(as(theirs, (trx) => getConversation(trx, theirs, planned.id, TODAY))).rejects.toMatchObject({ reason: 'conversation.not_found' })
    await expect(as(theirs, (trx) => getAccount(trx, theirs, p, TODAY))).rejects.toMatchObject({ reason: 'provider.not_found' })
    // Even unscoped, the database gives the other provider nothing.
    expect(await as(theirs, (trx) => trx.selectFrom('agreement').selectAll().execute())).toEqual([])
    expect(await as(ours, (trx) => trx.selectFrom('account_conversation_note').selectAll().execute())).toEqual([])
    const gemeente = s.region.actor('gemeente', { gemeenteId: s.zeist.id })
    expect(await as(gemeente, (trx) => trx.selectFrom('account_conversation').selectAll().execute())).toEqual([])

    const [plan, share] = recorded.agreements
    await expect(as(ours, (trx) => markProviderDone(trx, ours, share!.id, { note: 'gedaan' }, TODAY))).rejects.toMatchObject({ reason: 'agreement.not_providers_part' })
    const done = await as(ours, (trx) => markProviderDone(trx, ours, plan!.id, { note: 'Plan gestuurd op 18 juni' }, TODAY))
    expect(done).toMatchObject({ providerDoneOn: TODAY, providerNote: 'Plan gestuurd op 18 juni', status: 'verlopen' })
    // A provider changes nothing else of an agreement, even writing SQL of its own.
    await expect(as(ours, (trx) => trx.updateTable('agreement').set({ closed_on: TODAY, closed_note: 'zelf gesloten' }).where('id', '=', plan!.id).execute())).rejects.toMatchObject({ code: '42501' })
    await expect(as(regio, (trx) => closeAgreement(trx, regio, plan!.id, { note: ' ' }, TODAY))).rejects.toMatchObject({ reason: 'agreement.note_required' })
    const closed = await as(regio, (trx) => closeAgreement(trx, regio, plan!.id, { note: 'Plan ontvangen en besproken' }, TODAY))
    expect(closed).toMatchObject({ status: 'gesloten', closedOn: TODAY })
  })

  it('lets neither a provider nor the toezichthouder write an account', async () => {
    const p = s.providers[0]!.id
    for (const actor of [ours, s.region.actor('toezichthouder')]) {
      await expect(as(actor, (trx) => trx.insertInto('account_conversation').values({ region_id: s.region.regionId, provider_id: p, planned_on: TODAY, period_from: TODAY, period_to: TODAY }).execute())).rejects.toThrow(/row-level security/)
    }
  })
})
