/**
 * The demo's bestedingsruimte (issue 20 §5, contractstandaard Wmo art. 1.5): for the demo's
 * year, a room over the whole agreement for the providers with the most usage, announced on time
 * (the intention on 15 June, the decision on 20 September of the year before; for the last of
 * them the decision came on 15 October, too late). The busiest
 * provider has used 75 % of its room: the written notice went out a week ago and the
 * consultation is planned. The second has a cliëntenstop in its largest segment since three
 * weeks. The others stay under 70 %. Everything through the feature's own functions, and
 * deterministic: the rooms follow the history's figures.
 */
import { systemActor } from '../auth/actor.ts'
import { figuresBy } from '../budgets/budget-figures.queries.ts'
import { crisisSegments, sendMelding, setBestedingsruimte, setClientenstop } from '../bestedingsruimte/bestedingsruimte.queries.ts'
import type { Database } from '../db/database.ts'
import { type ScopedDb, withActor } from '../db/scope.ts'
import { type CalendarDate, addDays } from '../shared/dates.ts'

/** How many providers get a room. */
const PROVIDERS = 5

export async function buildBestedingsruimte(tx: ScopedDb, regionId: number, until: CalendarDate): Promise<{ ruimtes: number; stops: number }> {
  const regio = systemActor(regionId, 'demo')
  const year = Number(until.slice(0, 4))
  return withActor(tx as unknown as Database, regio, async (trx) => {
    // A room over the whole agreement leaves crisis care out: so does the ranking.
    const crisis = await crisisSegments(trx, regionId)
    const bySegment = (await figuresBy(trx, regio, year, ['provider', 'segment'])).filter((l) => !crisis.has(l.segmentId!))
    const perProvider = new Map<number, { providerId: number; used: number; forecast: number }>()
    for (const l of bySegment) {
      const p = perProvider.get(l.providerId!) ?? { providerId: l.providerId!, used: 0, forecast: 0 }
      p.used += l.realisedCents + l.openCents
      p.forecast += l.forecastCents
      perProvider.set(p.providerId, p)
    }
    const ranked = [...perProvider.values()]
      .filter((p) => p.used > 0)
      .sort((a, b) => b.used - a.used || a.providerId - b.providerId)
      .slice(0, PROVIDERS)
    let stops = 0
    for (const [i, p] of ranked.entries()) {
      // The busiest at 75 %; the others under 70 % and above their forecast, so without a signal.
      const bedragCents = i === 0 ? Math.round(p.used / 0.75) : Math.max(Math.round(p.used / (0.45 + 0.05 * i)), Math.round(p.forecast * 1.1))
      // The last one's decision was announced two weeks late (after 1 October, art. 1.5.3 d), as happens.
      const late = i > 1 && i === ranked.length - 1
      const { id } = await setBestedingsruimte(trx, regio, { providerId: p.providerId, jaar: year, bedragCents, voornemenGemeldOp: `${year - 1}-06-15`, besluitGemeldOp: late ? `${year - 1}-10-15` : `${year - 1}-09-20`, toelichting: 'Vastgesteld op basis van de omzet van eerdere jaren en de verwachte groei (art. 1.5.4).' })
      if (i === 0) await sendMelding(trx, regio, id, { gemeldOp: addDays(until, -7), overlegGeplandOp: addDays(until, 3) }, until)
      if (i === 1) {
        const largest = bySegment.filter((l) => l.providerId === p.providerId).sort((a, b) => b.realisedCents + b.openCents - (a.realisedCents + a.openCents) || a.segmentId! - b.segmentId!)[0]
        if (largest) {
          await setClientenstop(trx, regio, { providerId: p.providerId, segmentId: largest.segmentId, van: addDays(until, -21), reden: 'Overschrijding van de bestedingsruimte verwacht; in overleg afgesproken en schriftelijk bevestigd (art. 1.5.9).' })
          stops++
        }
      }
    }
    return { ruimtes: ranked.length, stops }
  })
}
