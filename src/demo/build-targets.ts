/**
 * The demo's strategy targets, from the seeds' own examples (to configure, not to hard-code):
 * seed 004 "Vanaf 2027 willen we 20% minder instroom" and "in 2027 tot minstens 20% minder
 * kosten voor gespecialiseerde hulp" (Jeugd), its 10 % (2027) and 25 % (2030) of the budget
 * moved to voorliggende voorzieningen (read here as Wmo spending −10 % and −25 %), seed 001
 * "een afbouw van 20% van de bedden over vijf jaar" (Verblijf), and seed 002's doelrealisatie,
 * a fifth higher. The baseline is the last whole calendar year, measured by Koers; a target
 * whose baseline rests on fewer than 5 clients is left out, as the region would have to.
 */
import { systemActor } from '../auth/actor.ts'
import type { Database } from '../db/database.ts'
import { type ScopedDb, withActor } from '../db/scope.ts'
import { loadKpiFacts } from '../kpis/kpi.queries.ts'
import type { KpiCode } from '../kpis/kpi.rules.ts'
import { listSegments } from '../segments/segment.queries.ts'
import { type CalendarDate, addYears } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import { createTarget } from '../targets/target.queries.ts'

export async function buildTargets(tx: ScopedDb, regionId: number, until: CalendarDate): Promise<number> {
  const regio = systemActor(regionId, 'demo')
  const year = Number(until.slice(0, 4))
  const basisVan = `${year - 1}-01-01`
  const basisTot = `${year - 1}-12-31`
  return withActor(tx as unknown as Database, regio, async (trx) => {
    let made = 0
    const facts = await loadKpiFacts(trx, regio, until, basisVan)
    for (const segment of (await listSegments(trx)).filter((s) => s.parentId === null)) {
      const wanted: { kpi: KpiCode; naam: string; pct: number; datum: CalendarDate; richting: 'omlaag' | 'omhoog'; bron: string }[] = [
        { kpi: 'instroom', naam: '20 % minder instroom', pct: -20, datum: `${year + 1}-12-31`, richting: 'omlaag', bron: 'Seed 004: "Vanaf 2027 willen we 20% minder instroom hebben in aanvullende (gecontracteerde) zorg"' },
        { kpi: 'doelrealisatie', naam: 'Vaker doelen behaald', pct: 20, datum: `${year + 2}-12-31`, richting: 'omhoog', bron: 'Seed 002, fase 4: "Mate waarin overeengekomen doelen zijn bereikt"' },
        segment.wet === 'jeugdwet'
          ? { kpi: 'kosten', naam: '20 % minder kosten Jeugd', pct: -20, datum: `${year + 1}-12-31`, richting: 'omlaag', bron: 'Seed 004: "in 2027 tot minstens 20% minder kosten voor gespecialiseerde hulp"' }
          : { kpi: 'kosten', naam: '25 % naar voorliggende voorzieningen', pct: -25, datum: '2030-12-31', richting: 'omlaag', bron: 'Seed 004: "een inzet van 25% van het huidige budget voor aanvullende zorg in 2030"' },
        ...(segment.wet === 'wmo'
          ? [{ kpi: 'kosten' as const, naam: '10 % naar voorliggende voorzieningen', pct: -10, datum: '2027-12-31', richting: 'omlaag' as const, bron: 'Seed 004: "Vanaf 2027 zetten we minstens 10% van het totale budget voor aanvullende zorg in om deze beweging mogelijk te maken"' }]
          : []),
        ...(segment.code.includes('verblijf')
          ? [{ kpi: 'in_zorg_einde' as const, naam: '20 % minder bedden', pct: -20, datum: addYears(basisTot, 5), richting: 'omlaag' as const, bron: 'Seed 001: "een afbouw van 20% van de bedden over vijf jaar"' }]
          : []),
      ]
      for (const w of wanted) {
        try {
          await createTarget(trx, regio, { segmentId: segment.id, kpi: w.kpi, naam: w.naam, basisVan, basisTot, doelRelatiefPct: w.pct, doelDatum: w.datum, richting: w.richting, bron: w.bron }, until, facts)
          made++
        } catch (error) {
          // Too few clients in the baseline (or none): the region would choose another KPI or period.
          if (!(error instanceof AppError) || error.code !== 'invalid_input') throw error
        }
      }
    }
    return made
  })
}
