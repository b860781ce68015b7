/**
 * The demo's budgets at the scale of its history. The budgets first set from the Iv3 figures
 * (build-demo.ts) are the real gemeenten' spending, while the history follows a sample of
 * clients (40 per gemeente by default): against those budgets every figure would read 1–3 %.
 * So, as a gemeente would after its first year in Koers, the year's budgets are set again —
 * each gemeente's segment at its forecast, moved by −8 % to +12 %, next year's 3 % higher —
 * and the provider budgets follow the proposal method with some spread, each a change with
 * its reason in the history; the segments' bestedingsruimte follows. Some providers then run
 * ahead of pro rata, some segments over budget or at their ceiling: the signals have something
 * to say.
 */
import { sql } from 'kysely'
import { systemActor } from '../auth/actor.ts'
import { setYearBudget } from '../budgets/budget.queries.ts'
import { figuresBy } from '../budgets/budget-figures.queries.ts'
import { refreshAllForecasts } from '../budgets/forecast.queries.ts'
import type { Database } from '../db/database.ts'
import { type ScopedDb, withActor } from '../db/scope.ts'
import { divideCents } from '../shared/money.ts'
import type { Random } from './random.ts'

const REDEN = 'Begroting op de schaal van de demohistorie'

export async function scaleBudgetsToHistory(tx: ScopedDb, regionId: number, until: string, years: readonly number[], random: Random): Promise<{ changed: number }> {
  await refreshAllForecasts(tx, until, [regionId])
  const regio = systemActor(regionId, 'demo')
  return withActor(tx as unknown as Database, regio, async (trx) => {
    const base = Number(until.slice(0, 4))
    // Every key with stored figures (a budget alone carries no reference date).
    const keys = (await figuresBy(trx, regio, base, ['gemeente', 'provider', 'segment'])).filter((k) => k.peildatum !== null)
    // Forecast per gemeente × segment, and per provider within it.
    const groups = new Map<string, { gemeenteId: number; segmentId: number; forecast: number; providers: Map<number, number> }>()
    for (const k of keys) {
      const key = `${k.gemeenteId}|${k.segmentId}`
      let g = groups.get(key)
      if (!g) groups.set(key, (g = { gemeenteId: k.gemeenteId!, segmentId: k.segmentId!, forecast: 0, providers: new Map() }))
      g.forecast += k.forecastCents
      g.providers.set(k.providerId!, (g.providers.get(k.providerId!) ?? 0) + k.forecastCents)
    }
    const existing = await trx.selectFrom('budget_provider').select(['gemeente_id', 'segment_id', 'provider_id', 'valid_from']).execute()
    const existingGemeente = await trx.selectFrom('budget_gemeente').select(['gemeente_id', 'segment_id', 'valid_from']).execute()
    let changed = 0
    for (const year of years) {
      const growth = 1.03 ** (year - base)
      const inYear = (from: string) => from.startsWith(String(year))
      for (const g of groups.values()) {
        const amount = Math.max(0, Math.round(g.forecast * (0.92 + random.next() * 0.2) * growth))
        await setYearBudget(trx, regio, { soort: 'gemeente', gemeenteId: g.gemeenteId, segmentId: g.segmentId, jaar: year, amountCents: amount, reden: REDEN })
        const providers = [...g.providers.entries()].sort((a, b) => a[0] - b[0])
        const parts = divideCents(amount, providers.map(([, f]) => Math.max(0, f) * (0.85 + random.next() * 0.3)))
        for (const [i, [providerId]] of providers.entries()) {
          await setYearBudget(trx, regio, { soort: 'aanbieder', gemeenteId: g.gemeenteId, providerId, segmentId: g.segmentId, jaar: year, amountCents: parts[i]!, reden: REDEN })
          changed++
        }
        changed++
      }
      // The Iv3-sized budgets of keys without any history would dwarf the rest: they go to zero.
      for (const b of existingGemeente.filter((e) => inYear(e.valid_from) && !groups.has(`${e.gemeente_id}|${e.segment_id}`))) {
        await setYearBudget(trx, regio, { soort: 'gemeente', gemeenteId: b.gemeente_id, segmentId: b.segment_id, jaar: year, amountCents: 0, reden: REDEN })
        changed++
      }
      for (const b of existing.filter((e) => inYear(e.valid_from) && !groups.get(`${e.gemeente_id}|${e.segment_id}`)?.providers.has(e.provider_id))) {
        await setYearBudget(trx, regio, { soort: 'aanbieder', gemeenteId: b.gemeente_id, providerId: b.provider_id, segmentId: b.segment_id, jaar: year, amountCents: 0, reden: REDEN })
        changed++
      }
    }
    // The segments' bestedingsruimte at the same scale: their budgets of this year, −3 % to +8 %.
    const ceilings = await trx.selectFrom('segment').select(['id', 'bekostiging']).execute()
    for (const seg of ceilings.filter((c) => c.bekostiging.budgetCeilingCentsPerYear !== null)) {
      const budget = [...groups.values()].filter((g) => g.segmentId === seg.id).reduce((sum, g) => sum + g.forecast, 0)
      const ceiling = Math.round(budget * (0.97 + random.next() * 0.11))
      await sql`update segment set bekostiging = jsonb_set(bekostiging, '{budgetCeilingCentsPerYear}', to_jsonb(${ceiling}::bigint)) where id = ${seg.id}`.execute(trx)
    }
    return { changed }
  })
}
