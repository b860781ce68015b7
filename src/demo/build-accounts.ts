/**
 * The demo's contract management (issue 20): the region's team holds every account; the
 * providers with a login have had an account conversation a few months ago, over the half-year
 * before it, with agreements — one closed, one overdue, one still open — and the first of them
 * has its next conversation planned. Built through the accounts' own functions, the same every run.
 */
import { systemActor } from '../auth/actor.ts'
import { closeAgreement, listAccounts, planConversation, recordConversation, setHolders } from '../accounts/account.queries.ts'
import type { Database } from '../db/database.ts'
import { type ScopedDb, withActor } from '../db/scope.ts'
import { type CalendarDate, addDays, addMonths, monthEnd, monthStart } from '../shared/dates.ts'

export async function buildAccounts(tx: ScopedDb, regionId: number, holderId: number, providerIds: readonly number[], until: CalendarDate): Promise<number> {
  const regio = { ...systemActor(regionId, 'demo'), userId: holderId }
  return withActor(tx as unknown as Database, regio, async (trx) => {
    for (const account of await listAccounts(trx, regio, until)) await setHolders(trx, regio, account.providerId, { userIds: [holderId] })
    const heldOn = addMonths(until, -4)
    const periodTo = monthEnd(addMonths(heldOn, -1))
    const periodFrom = monthStart(addMonths(periodTo, -5))
    let conversations = 0
    for (const [index, providerId] of providerIds.entries()) {
      const planned = await planConversation(trx, regio, providerId, { plannedOn: heldOn, periodFrom, periodTo })
      const recorded = await recordConversation(
        trx,
        regio,
        planned.id,
        {
          heldOn,
          present: 'Accounthouder regio, directeur en controller van de aanbieder',
          notes: [
            { item: 'budget', note: 'De prognose loopt op; de aanbieder verwacht minder instroom in het tweede halfjaar.' },
            { item: 'prestaties', note: 'Uitval boven het segment besproken; oorzaak ligt volgens de aanbieder bij wachttijden.' },
          ],
          agreements: [
            { what: 'Cijfers over wachttijden per gemeente aanleveren', party: 'aanbieder', person: 'controller', dueOn: addDays(heldOn, 30), kpi: 'wachttijd_start' },
            { what: 'Verbeterplan uitval opstellen en bespreken', party: 'aanbieder', person: 'directeur', dueOn: addMonths(until, -1), kpi: 'uitval' },
            { what: 'Prognose per segment delen vóór het volgende gesprek', party: 'regio', person: 'accounthouder', dueOn: addMonths(until, 1) },
          ],
        },
        until,
      )
      await closeAgreement(trx, regio, recorded.agreements.find((a) => a.kpi === 'wachttijd_start')!.id, { note: 'Cijfers ontvangen en in het dashboard gezet.' }, addDays(heldOn, 28))
      conversations++
      if (index === 0) {
        await planConversation(trx, regio, providerId, { plannedOn: addDays(until, 14), periodFrom: monthStart(addMonths(until, -6)), periodTo: monthEnd(addMonths(until, -1)) })
        conversations++
      }
    }
    return conversations
  })
}
