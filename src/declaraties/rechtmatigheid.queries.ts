/**
 * Lawfulness (rechtmatigheid, seed 004 ch. 9): samples for a control and the signals that
 * point a controller at what to look at. A gemeente controls its own declarations.
 *
 * Signals, per provider, over the declared months in a period:
 * - `boven_toewijzing`: lines refused for exceeding the allocated volume or budget (9321,
 *   9322, 9369);
 * - `zonder_start`: approved lines on a toewijzing for which no start (305) was received;
 * - `aan_volumegrens`: of the provider's toewijzingen with a volume per month, the share of
 *   declared months that used the whole volume — claims piling up at the limit;
 * - `tariefafwijking`: lines refused because the tariff was not the contracted one (0611);
 * - `gemiddelde_per_client`: a provider's average per client in a segment far above the
 *   segment's average over all providers.
 * Each has a documented threshold (`DREMPELS`); counts are of lines, amounts in cents.
 */
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { z } from 'zod'
import type { Actor } from '../auth/actor.ts'
import type { ScopedDb } from '../db/scope.ts'
import type { SampleFinding } from '../db/schema.ts'
import { AppError } from '../shared/errors.ts'
import { formatDate, formatEuroCents, formatNumber, formatPercent } from '../shared/format-nl.ts'
import { monetaryUnitSample } from './steekproef.ts'
import { type SteekproefInput, sampleFindingSchema, steekproefInputSchema } from './rechtmatigheid.schema.ts'
import { maand } from '../shared/request.schema.ts'
import { today } from '../shared/dates.ts'

const firstOf = (m: string) => `${m}-01`
const prestaties = (n: number) => `${n} ${n === 1 ? 'prestatie' : 'prestaties'}`

/**
 * The population: the approved debit lines of the gemeente (and provider) whose ProductPeriode
 * falls in the months, not reversed by a credit.
 */
async function populatie(trx: ScopedDb, gemeenteId: number, input: z.infer<typeof steekproefInputSchema>) {
  let q = trx
    .selectFrom('declaratie_regel as r')
    .select(['r.id', 'r.bedrag_cents', 'r.provider_id'])
    .where('r.gemeente_id', '=', gemeenteId)
    .where('r.goedgekeurd', '=', true)
    .where('r.bedrag_cents', '>', 0)
    .where('r.begindatum', '>=', firstOf(input.maandVan))
    .where('r.begindatum', '<', sql<string>`(${firstOf(input.maandTot)}::date + interval '1 month')::date`)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('declaratie_regel as c').select('c.id').whereRef('c.crediteert_regel_id', '=', 'r.id').where('c.goedgekeurd', '=', true))))
    .orderBy('r.id')
  if (input.providerId !== undefined) q = q.where('r.provider_id', '=', input.providerId)
  return (await q.execute()).map((r) => ({ id: Number(r.id), bedragCents: Number(r.bedrag_cents), providerId: r.provider_id }))
}

/** The gemeente whose declarations are sampled: a gemeente's own; the one a region-wide actor (the toezichthouder) names. */
function sampledGemeente(actor: Actor, named: number | undefined): number {
  if (actor.gemeenteId !== null) {
    if (named !== undefined && named !== actor.gemeenteId) throw new AppError('steekproef.gemeente_only', 'a gemeente draws a sample only from its own declarations', [{ path: 'gemeenteId', message: 'not your gemeente' }])
    return actor.gemeenteId
  }
  if (named === undefined) throw new AppError('steekproef.gemeente_required', 'name the gemeente whose declarations are sampled', [{ path: 'gemeenteId', message: 'required' }])
  return named
}

/** Draws and stores a monetary-unit sample; returns its id and what was drawn. */
export async function createSteekproef(trx: ScopedDb, actor: Actor, raw: SteekproefInput): Promise<{ id: number; getrokken: number; populatieRegels: number; populatieCents: number }> {
  const input = steekproefInputSchema.parse(raw)
  const gemeenteId = sampledGemeente(actor, input.gemeenteId)
  const seed = input.seed ?? randomBytes(8).toString('hex')
  const lines = await populatie(trx, gemeenteId, input)
  if (lines.length === 0) throw new AppError('steekproef.population_empty', 'there are no approved lines in these months to sample', [{ path: 'maandVan', message: 'empty population' }])
  const draw = monetaryUnitSample(lines, input.omvang, seed)
  const providerOf = new Map(lines.map((l) => [l.id, l]))
  const { id } = await trx
    .insertInto('steekproef')
    .values({
      region_id: actor.regionId,
      gemeente_id: gemeenteId,
      provider_id: input.providerId ?? null,
      maand_van: firstOf(input.maandVan),
      maand_tot: firstOf(input.maandTot),
      methode: 'monetary-unit sampling',
      seed,
      omvang: input.omvang,
      populatie_regels: lines.length,
      populatie_cents: draw.populatieCents,
      populatie_sha256: draw.populatieSha256,
      interval_cents: draw.intervalCents,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (let i = 0; i < draw.getrokken.length; i += 1000) {
    await trx
      .insertInto('steekproef_regel')
      .values(draw.getrokken.slice(i, i + 1000).map((g) => ({ region_id: actor.regionId, steekproef_id: id, gemeente_id: gemeenteId, provider_id: providerOf.get(g.id)!.providerId, regel_id: g.id, trekking: g.trekking, bedrag_cents: providerOf.get(g.id)!.bedragCents })))
      .execute()
  }
  return { id, getrokken: draw.getrokken.length, populatieRegels: lines.length, populatieCents: draw.populatieCents }
}

export async function listSteekproeven(trx: ScopedDb) {
  // What was drawn and found, per sample, in one pass over the drawn lines.
  const found = trx
    .selectFrom('steekproef_regel')
    .select((eb) => ['steekproef_id', eb.fn.countAll<number>().as('getrokken'), eb.fn.count<number>('uitkomst').as('beoordeeld'), eb.fn.sum<number>('fout_cents').as('fout_cents')])
    .groupBy('steekproef_id')
    .as('f')
  const rows = await trx
    .selectFrom('steekproef as s')
    .innerJoin('gemeente as g', 'g.id', 's.gemeente_id')
    .leftJoin('provider as p', 'p.id', 's.provider_id')
    .leftJoin(found, 'f.steekproef_id', 's.id')
    .select(['s.id', 'g.name as gemeente', 's.maand_van', 's.maand_tot', 's.methode', 's.seed', 's.omvang', 's.populatie_regels', 's.populatie_cents', 's.populatie_sha256', 's.interval_cents', 's.created_at', 'p.name as aanbieder', 'f.getrokken', 'f.beoordeeld', 'f.fout_cents'])
    .orderBy('s.id', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    // The toezichthouder draws for any gemeente of the region: each sample says whose declarations it holds.
    gemeente: r.gemeente,
    aanbieder: r.aanbieder ?? 'alle aanbieders',
    maandVan: r.maand_van.slice(0, 7),
    maandTot: r.maand_tot.slice(0, 7),
    methode: r.methode,
    seed: r.seed,
    omvang: r.omvang,
    populatieRegels: r.populatie_regels,
    populatieCents: r.populatie_cents,
    populatieSha256: r.populatie_sha256,
    intervalCents: r.interval_cents,
    getrokken: Number(r.getrokken ?? 0),
    beoordeeld: Number(r.beoordeeld ?? 0),
    foutCents: Number(r.fout_cents ?? 0),
    aangemaakt: today(new Date(r.created_at)),
  }))
}

/** The drawn lines of sample `id`, per provider, with what the controller found. */
export async function steekproefRegels(trx: ScopedDb, id: number) {
  const exists = await trx.selectFrom('steekproef').select('id').where('id', '=', id).executeTakeFirst()
  if (!exists) throw new AppError('steekproef.not_found', 'steekproef not found')
  const rows = await trx
    .selectFrom('steekproef_regel as s')
    .innerJoin('declaratie_regel as r', 'r.id', 's.regel_id')
    .innerJoin('declaratie as d', 'd.id', 'r.declaratie_id')
    .innerJoin('provider as p', 'p.id', 's.provider_id')
    .leftJoin('client as c', 'c.id', 'r.client_id')
    .select(['s.id', 's.trekking', 's.bedrag_cents', 's.uitkomst', 's.fout_cents', 's.toelichting', 'p.name as aanbieder', 'c.pseudonym', 'd.declaratie_nummer', 'r.referentie_nummer', 'r.toewijzing_nummer', 'r.productcode', 'r.productcategorie', 'r.begindatum', 'r.einddatum', 'r.volume', 'r.eenheid'])
    .where('s.steekproef_id', '=', id)
    .orderBy('p.name')
    .orderBy('s.trekking')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    aanbieder: r.aanbieder,
    trekking: r.trekking,
    client: r.pseudonym,
    declaratieNummer: r.declaratie_nummer,
    referentieNummer: r.referentie_nummer,
    toewijzingNummer: Number(r.toewijzing_nummer),
    product: r.productcode ?? r.productcategorie,
    begindatum: r.begindatum,
    einddatum: r.einddatum,
    periode: `${formatDate(r.begindatum)} – ${formatDate(r.einddatum)}`,
    volume: Number(r.volume),
    eenheid: r.eenheid,
    bedragCents: r.bedrag_cents,
    uitkomst: r.uitkomst,
    foutCents: r.fout_cents,
    toelichting: r.toelichting,
  }))
}

/** Records the controller's finding on one drawn line; the error cannot exceed the line. */
export async function recordSampleFinding(trx: ScopedDb, actor: Actor, steekproefRegelId: number, raw: z.input<typeof sampleFindingSchema>): Promise<{ id: number; uitkomst: SampleFinding }> {
  const input = sampleFindingSchema.parse(raw)
  const line = await trx.selectFrom('steekproef_regel').select(['id', 'bedrag_cents']).where('id', '=', steekproefRegelId).executeTakeFirst()
  if (!line) throw new AppError('steekproef.line_not_found', 'steekproef line not found')
  if (input.foutCents > line.bedrag_cents) throw new AppError('steekproef.error_exceeds_line', `the error (${input.foutCents} cents) exceeds the line (${line.bedrag_cents} cents)`, [{ path: 'foutCents', message: 'more than the line' }])
  await trx
    .updateTable('steekproef_regel')
    .set({ uitkomst: input.uitkomst, fout_cents: input.foutCents, toelichting: input.toelichting, beoordeeld_door: actor.userId, beoordeeld_op: new Date() })
    .where('id', '=', steekproefRegelId)
    .execute()
  return { id: steekproefRegelId, uitkomst: input.uitkomst }
}

/** Thresholds of the signals. */
export const DREMPELS = {
  /** Share of a provider's month-volume toewijzing-months declared at exactly the limit. */
  aanVolumegrens: 0.8,
  /** A provider's average per client against the segment's. */
  gemiddeldePerClient: 1.5,
  /** Fewest toewijzing-months or clients before a share or average says anything. */
  minimum: 5,
} as const

export type SignaalSoort = 'boven_toewijzing' | 'zonder_start' | 'aan_volumegrens' | 'tariefafwijking' | 'gemiddelde_per_client'

export interface RechtmatigheidSignaal {
  soort: SignaalSoort
  providerId: number
  aanbieder: string
  segment: string | null
  regels: number
  bedragCents: number
  /** The measured value and the threshold it passed (shares and ratios as numbers). */
  waarde: number
  drempel: number
  toelichting: string
}

export const signaalFilterSchema = z.object({ maandVan: maand.optional(), maandTot: maand.optional() })

/** The lawfulness signals over the months (all when left out), for the actor's declarations. */
export async function rechtmatigheidSignalen(trx: ScopedDb, filter: z.infer<typeof signaalFilterSchema> = {}): Promise<RechtmatigheidSignaal[]> {
  const van = filter.maandVan ? firstOf(filter.maandVan) : '0001-01-01'
  const tot = filter.maandTot ? firstOf(filter.maandTot) : '9999-12-01'
  const inPeriod = sql`r.begindatum >= ${van}::date and r.begindatum < (${tot}::date + interval '1 month')::date`
  const out: RechtmatigheidSignaal[] = []
  const refused = await sql<{ provider_id: number; aanbieder: string; soort: string; regels: number; cents: number }>`
    select r.provider_id, p.name as aanbieder,
           case when r.retour_codes && array['0611'] then 'tariefafwijking' else 'boven_toewijzing' end as soort,
           count(*)::int as regels, sum(abs(r.bedrag_cents))::bigint as cents
    from declaratie_regel r join provider p on p.id = r.provider_id
    where not r.goedgekeurd and ${inPeriod}
      and (r.retour_codes && array['9321', '9322', '9369'] or r.retour_codes && array['0611'])
    group by 1, 2, 3 order by 2`.execute(trx)
  for (const r of refused.rows) {
    const soort = r.soort as SignaalSoort
    out.push({ soort, providerId: r.provider_id, aanbieder: r.aanbieder, segment: null, regels: r.regels, bedragCents: Number(r.cents), waarde: r.regels, drempel: 1, toelichting: soort === 'tariefafwijking' ? `${prestaties(r.regels)} afgewezen omdat het tarief niet het gecontracteerde is (0611)` : `${prestaties(r.regels)} afgewezen omdat het toegewezen volume of budget werd overschreden (9321, 9322, 9369)` })
  }
  const noStart = await sql<{ provider_id: number; aanbieder: string; regels: number; cents: number }>`
    select r.provider_id, p.name as aanbieder, count(*)::int as regels, sum(r.bedrag_cents)::bigint as cents
    from declaratie_regel r join provider p on p.id = r.provider_id
    where r.goedgekeurd and r.bedrag_cents > 0 and ${inPeriod}
      and not exists (select 1 from care_start s where s.toewijzing_id = r.toewijzing_id and s.removed_by_message_id is null)
    group by 1, 2 order by 2`.execute(trx)
  for (const r of noStart.rows) out.push({ soort: 'zonder_start', providerId: r.provider_id, aanbieder: r.aanbieder, segment: null, regels: r.regels, bedragCents: Number(r.cents), waarde: r.regels, drempel: 1, toelichting: `${prestaties(r.regels)} goedgekeurd op toewijzingen waarvoor geen start zorg (305) is ontvangen` })
  const atLimit = await sql<{ provider_id: number; aanbieder: string; maanden: number; vol: number; cents: number }>`
    with m as (
      select r.provider_id, r.toewijzing_id, date_trunc('month', r.begindatum) as maand, sum(sign(r.bedrag_cents) * r.volume) as volume, sum(r.bedrag_cents) as cents
      from declaratie_regel r where r.goedgekeurd and ${inPeriod} group by 1, 2, 3)
    select m.provider_id, p.name as aanbieder, count(*)::int as maanden,
           count(*) filter (where m.volume >= t.volume)::int as vol, sum(m.cents) filter (where m.volume >= t.volume)::bigint as cents
    from m join toewijzing t on t.id = m.toewijzing_id join provider p on p.id = m.provider_id
    where t.frequentie = '4' group by 1, 2 order by 2`.execute(trx)
  for (const r of atLimit.rows) {
    const share = r.maanden === 0 ? 0 : r.vol / r.maanden
    if (r.maanden >= DREMPELS.minimum && share >= DREMPELS.aanVolumegrens) {
      out.push({ soort: 'aan_volumegrens', providerId: r.provider_id, aanbieder: r.aanbieder, segment: null, regels: r.vol, bedragCents: Number(r.cents ?? 0), waarde: share, drempel: DREMPELS.aanVolumegrens, toelichting: `${formatPercent(share * 100, 0)} van ${r.maanden} toewijzingsmaanden precies tot het toegewezen volume gedeclareerd` })
    }
  }
  const perClient = await sql<{ provider_id: number; aanbieder: string; segment: string; clients: number; cents: number; segment_avg: number }>`
    with pc as (
      select r.provider_id, r.segment_id, count(distinct r.client_id)::int as clients, sum(r.bedrag_cents)::bigint as cents
      from declaratie_regel r where r.goedgekeurd and ${inPeriod} group by 1, 2),
    sg as (select segment_id, sum(cents)::float8 / nullif(sum(clients), 0) as avg from pc group by 1)
    select pc.provider_id, p.name as aanbieder, s.name as segment, pc.clients, pc.cents, sg.avg as segment_avg
    from pc join sg using (segment_id) join provider p on p.id = pc.provider_id join segment s on s.id = pc.segment_id
    order by 2`.execute(trx)
  for (const r of perClient.rows) {
    const avg = Number(r.cents) / r.clients
    const ratio = r.segment_avg > 0 ? avg / r.segment_avg : 0
    if (r.clients >= DREMPELS.minimum && ratio >= DREMPELS.gemiddeldePerClient) {
      out.push({ soort: 'gemiddelde_per_client', providerId: r.provider_id, aanbieder: r.aanbieder, segment: r.segment, regels: r.clients, bedragCents: Number(r.cents), waarde: ratio, drempel: DREMPELS.gemiddeldePerClient, toelichting: perClientToelichting(avg, ratio) })
    }
  }
  return out
}

/** The finding's explanation for a high average per client: `gemiddeld € 58.555,12 per cliënt, 2,3 × het gemiddelde van het segment`. */
export function perClientToelichting(averageCents: number, ratio: number): string {
  return `gemiddeld ${formatEuroCents(Math.round(averageCents))} per cliënt, ${formatNumber(ratio, 1)} × het gemiddelde van het segment`
}
