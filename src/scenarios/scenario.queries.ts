/**
 * What-if scenarios per segment (issue 22, ADR 0034): the fitted model read from the facts in the
 * actor's scope, the outcome beside the baseline, and the kept scenarios (migration 0029) with
 * their inputs, model version, peildatum and outcome.
 */
import { sql } from 'kysely'
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import { realisatie } from '../budgets/realisation.queries.ts'
import { budgetYears } from '../budgets/voorliggend.queries.ts'
import { loadKpiFacts, segmentFamily } from '../kpis/kpi.queries.ts'
import { listGemeenten } from '../regions/region.queries.ts'
import { listSegments } from '../segments/segment.queries.ts'
import { type CalendarDate, monthStart } from '../shared/dates.ts'
import { AppError } from '../shared/errors.ts'
import { listTargets } from '../targets/target.queries.ts'
import type { Target } from '../targets/target.rules.ts'
import { MODEL_VERSION, defaultFitFrom, fitModel, monthDate } from './flow-model.rules.ts'
import { type ProductMoneyMonth, type TrajectDetail, historiesOf } from './history.rules.ts'
import { type ModelUitleg, type ProductNaam, explainModel } from './model-uitleg.rules.ts'
import { type Lever, leversSchema } from './levers.rules.ts'
import { MAX_YEARS, scenarioInputSchema } from './scenario.schema.ts'
import { type GemeenteInput, type ShownOutcome, computeOutcome, shownOutcome } from './scenario.rules.ts'


/** The fitted model of a segment (with sub-segments) for one gemeente or all the actor may see, with what the page shows beside it. */
export interface ScenarioModel {
  modelversie: string
  peildatum: CalendarDate
  segmentId: number
  gemeenteId: number | null
  gemeenten: GemeenteInput[]
  doelen: Target[]
  /** The products of the segment (with sub-segments), for the model's explanation. */
  producten: ProductNaam[]
}

/**
 * What the ledger knows of the toewijzingen of the segments beyond the traject facts: the
 * product, and the perspective of the beschikking (null where the beschikking was observed in a
 * back office's traffic: its profile is not known, ADR 0028). Read through `koers_traject_profiel`
 * (migration 0033): the region's team may not read beschikkingen, as it may not read the ledger the
 * traject facts are kept from; the function gives it the perspective and nothing else.
 */
export async function trajectDetails(trx: ScopedDb, segmentIds: readonly number[]): Promise<Map<number, TrajectDetail>> {
  const { rows } = await sql<{ toewijzing_id: number; product_id: number; perspectief: 'ontwikkeling' | 'stabiliteit' | null }>`select * from koers_traject_profiel(${[...segmentIds]}::int[])`.execute(trx)
  return new Map(rows.map((r) => [r.toewijzing_id, { productId: r.product_id, perspective: r.perspectief }]))
}

/** The realisation of the segments per gemeente, product and month from `van` to `tot` (a taakgericht payment has no product). */
export async function productMoney(trx: ScopedDb, actor: Actor, segmentIds: readonly number[], van: CalendarDate, tot: CalendarDate): Promise<ProductMoneyMonth[]> {
  const rows = await realisatie(trx, ['gemeente', 'product', 'maand'], { van: monthStart(van), tot, scope: actor, segmentIds })
  return rows.map((r) => ({ gemeenteId: r.gemeente!, productId: r.product ?? null, maand: r.maand!, cents: r.realisatieCents }))
}

/** A gemeente user models its own gemeente; the region any or all. */
function gemeenteOf(actor: Actor, asked: number | null): number | null {
  if (actor.gemeenteId !== null) {
    if (asked !== null && asked !== actor.gemeenteId) throw new AppError('budget.other_gemeente', 'a gemeente models its own gemeente only')
    return actor.gemeenteId
  }
  return asked
}

/**
 * The fitted models of the last minutes, per scope, segment, gemeente and peildatum: moving a
 * lever recomputes on them without the database (issue 22 §5). A model is at most
 * `MODEL_TTL_MS` old; new facts show in the next one.
 */
const fitted = new Map<string, { at: number; model: Promise<ScenarioModel> }>()
export const MODEL_TTL_MS = 5 * 60_000
const MODELS_KEPT = 50

/** The fitted model, from the models of the last minutes when there is one (loadScenarioModel otherwise). */
export function cachedScenarioModel(trx: ScopedDb, actor: Actor, segmentId: number, gemeenteId: number | null, peildatum: CalendarDate, now = Date.now()): Promise<ScenarioModel> {
  const key = [actor.regionId, actor.role, actor.gemeenteId, actor.providerId, segmentId, gemeenteId, peildatum].join('|')
  const hit = fitted.get(key)
  if (hit && now - hit.at < MODEL_TTL_MS) return hit.model
  const model = loadScenarioModel(trx, actor, segmentId, gemeenteId, peildatum)
  fitted.set(key, { at: now, model })
  model.catch(() => fitted.delete(key))
  for (const [k, v] of fitted) if (now - v.at >= MODEL_TTL_MS || fitted.size > MODELS_KEPT) fitted.delete(k)
  return model
}

/** Fits the model of a segment from the facts of the 24 months before `peildatum` (aggregates only: no client, no BSN). */
export async function loadScenarioModel(trx: ScopedDb, actor: Actor, segmentId: number, askedGemeente: number | null, peildatum: CalendarDate): Promise<ScenarioModel> {
  const gemeenteId = gemeenteOf(actor, askedGemeente)
  const segments = await listSegments(trx)
  if (!segments.some((s) => s.id === segmentId)) throw new AppError('segment.unknown', `segment ${segmentId} does not exist in this region`, [{ path: 'segmentId', message: 'unknown segment' }])
  const family = segmentFamily(segments, segmentId)
  const fitFrom = defaultFitFrom(peildatum)
  const year = Number(peildatum.slice(0, 4))
  const [facts, gemeenten, budgets, forecasts, doelen, details, byProduct, producten] = await Promise.all([
    loadKpiFacts(trx, actor, peildatum, fitFrom, family),
    listGemeenten(trx),
    budgetYears(trx, actor, year, year + MAX_YEARS - 1),
    trx.selectFrom('budget_prognose').select(['gemeente_id', (eb) => eb.fn.sum<number>('prognose_cents').as('cents')]).where('region_id', '=', actor.regionId).where('jaar', '=', year).where('segment_id', 'in', [...family]).groupBy('gemeente_id').execute(),
    listTargets(trx, actor.regionId, family),
    trajectDetails(trx, [...family]),
    productMoney(trx, actor, [...family], fitFrom, peildatum),
    trx.selectFrom('product').select(['id', 'name', 'productcode', 'productcategorie', 'variant']).where('region_id', '=', actor.regionId).where('segment_id', 'in', [...family]).orderBy('id').execute(),
  ])
  const ids = gemeenten.map((g) => g.id).filter((id) => gemeenteId === null || id === gemeenteId).sort((a, b) => a - b)
  const histories = historiesOf(facts.trajecten, facts.geld, ids, peildatum, fitFrom, { trajecten: details, byProduct })
  return {
    modelversie: MODEL_VERSION,
    peildatum,
    segmentId,
    gemeenteId,
    gemeenten: histories.map((h) => ({
      model: fitModel(h, fitFrom),
      forecastCents: Number(forecasts.find((f) => f.gemeente_id === h.gemeenteId)?.cents ?? 0),
      budgetCents: [...new Set(budgets.map((b) => b.jaar))].sort().map((jaar) => ({ jaar, cents: budgets.filter((b) => b.jaar === jaar && b.gemeenteId === h.gemeenteId && b.segmentId !== null && family.has(b.segmentId)).reduce((s, b) => s + b.cents, 0) })).filter((b) => b.cents > 0),
    })),
    doelen,
    producten: producten.map((p) => ({ productId: p.id, naam: p.name, code: p.productcode ?? p.productcategorie, variant: p.variant })),
  }
}

export interface Comparison {
  modelversie: string
  peildatum: CalendarDate
  baseline: ShownOutcome
  scenario: ShownOutcome
  /** How the model was fitted: durations per perspective, costs per product (absent in scenarios kept before stroommodel-2). */
  uitleg?: ModelUitleg
}

/** The scenario and the baseline (no levers) over the same years, in memory. */
export function compare(model: ScenarioModel, spec: { startdatum: CalendarDate; jaren: number; hefbomen: readonly Lever[] }): Comparison {
  const first = monthDate(Math.max(...model.gemeenten.map((g) => g.model.lastMonth), 0) + 1)
  if (monthStart(spec.startdatum) < first) throw new AppError('scenario.start_in_past', `a scenario starts after the peildatum's month (${first} or later)`, [{ path: 'startdatum', message: 'before the projected months' }])
  return {
    modelversie: model.modelversie,
    peildatum: model.peildatum,
    baseline: shownOutcome(computeOutcome(model.gemeenten, { ...spec, hefbomen: [] }, model.doelen)),
    scenario: shownOutcome(computeOutcome(model.gemeenten, spec, model.doelen)),
    uitleg: explainModel(model.gemeenten.map((g) => g.model), model.producten),
  }
}

export interface KeptScenario {
  id: number
  naam: string
  segmentId: number
  gemeenteId: number | null
  startdatum: CalendarDate
  jaren: number
  hefbomen: Lever[]
  modelversie: string
  peildatum: CalendarDate
  aangemaaktDoor: string
  aangemaaktOp: string
}

/** Keeps a scenario with its inputs, the model version, the peildatum and its outcome beside the baseline. */
export async function saveScenario(trx: ScopedDb, actor: Actor, raw: z.input<typeof scenarioInputSchema>, peildatum: CalendarDate): Promise<{ id: number; vergelijking: Comparison }> {
  const input = scenarioInputSchema.parse(raw)
  const model = await loadScenarioModel(trx, actor, input.segmentId, input.gemeenteId, peildatum)
  const vergelijking = compare(model, input)
  const row = await trx
    .insertInto('scenario')
    .values({ region_id: actor.regionId, gemeente_id: model.gemeenteId, segment_id: input.segmentId, naam: input.naam, hefbomen: JSON.stringify(input.hefbomen), startdatum: input.startdatum, jaren: input.jaren, modelversie: model.modelversie, peildatum, uitkomst: JSON.stringify(vergelijking), aangemaakt_door: actor.userId, aangemaakt_door_naam: actor.name })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, vergelijking }
}

type Row = { id: number; naam: string; segment_id: number; gemeente_id: number | null; startdatum: string; jaren: number; hefbomen: unknown; modelversie: string; peildatum: string; aangemaakt_door_naam: string; aangemaakt_op: Date }
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T))
const toKept = (r: Row): KeptScenario => ({ id: r.id, naam: r.naam, segmentId: r.segment_id, gemeenteId: r.gemeente_id, startdatum: r.startdatum, jaren: r.jaren, hefbomen: leversSchema.parse(json(r.hefbomen)), modelversie: r.modelversie, peildatum: r.peildatum, aangemaaktDoor: r.aangemaakt_door_naam, aangemaaktOp: new Date(r.aangemaakt_op).toISOString() })
const columns = ['id', 'naam', 'segment_id', 'gemeente_id', 'startdatum', 'jaren', 'hefbomen', 'modelversie', 'peildatum', 'aangemaakt_door_naam', 'aangemaakt_op'] as const

/** The kept scenarios in the actor's scope (a gemeente its own), newest first. */
export async function listScenarios(trx: ScopedDb, actor: Actor): Promise<KeptScenario[]> {
  const rows = await trx.selectFrom('scenario').select([...columns]).where('region_id', '=', actor.regionId).$if(actor.gemeenteId !== null, (q) => q.where('gemeente_id', '=', actor.gemeenteId!)).orderBy('id', 'desc').execute()
  return rows.map(toKept)
}

/** A kept scenario with its outcome as computed when it was kept. */
export async function getScenario(trx: ScopedDb, actor: Actor, id: number): Promise<KeptScenario & { vergelijking: Comparison }> {
  const row = await trx.selectFrom('scenario').select([...columns, 'uitkomst']).where('region_id', '=', actor.regionId).where('id', '=', id).$if(actor.gemeenteId !== null, (q) => q.where('gemeente_id', '=', actor.gemeenteId!)).executeTakeFirst()
  if (!row) throw new AppError('scenario.not_found', `no scenario ${id}`)
  return { ...toKept(row), vergelijking: json<Comparison>(row.uitkomst) }
}

/** Removes a kept scenario. */
export async function deleteScenario(trx: ScopedDb, actor: Actor, id: number): Promise<void> {
  const result = await trx.deleteFrom('scenario').where('region_id', '=', actor.regionId).where('id', '=', id).$if(actor.gemeenteId !== null, (q) => q.where('gemeente_id', '=', actor.gemeenteId!)).executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) throw new AppError('scenario.not_found', `no scenario ${id}`)
}
