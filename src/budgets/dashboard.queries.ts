/**
 * The regional dashboard (issue 6 §4): the first page for the region and the gemeenten.
 * Spending against budget per segment and gemeente, the forecast, open signals, the providers
 * that matter most, in- and outflow, and the indicators of BIDN's Regiemonitor as far as the
 * messages carry them (DOMAIN.md). Everything comes from the aggregates (migrations 0005 and
 * 0006) and is summed per key, so the figures reconcile; counts under 5 are suppressed here,
 * where the answer is built (`shown`), for the JSON, the CSV and the web app alike.
 */
import { sql } from 'kysely'
import type { Actor } from '../auth/actor.ts'
import { type ScopedRun, narrowTo } from '../db/scope.ts'
import { suppressSmallCount } from '../shared/suppress.ts'
import { type Figures, type GroupedFigures, type Shown, addKey, emptyFigures, figuresBy, shown, withPercentages } from './budget-figures.queries.ts'
import type { FiguresFilter } from './figures.queries.ts'
import { storedMonths } from './forecast.queries.ts'
import { nameLookup } from '../regions/names.queries.ts'
import { type BudgetSignal, runningSignals, segmentsOf } from './signal.queries.ts'

export interface Named {
  gemeente?: string
  aanbieder?: string
  segment?: string
}

/** A segment's figures summed over its gemeenten (segmentsOf), with its name, law and budget ceiling. */
export interface SegmentRow extends GroupedFigures {
  segmentId: number
  segment: string
  wet: string
  ceilingCents: number | null
}

export interface MonthRow {
  maand: string
  gerealiseerdCents: number
  verplichtingCents: number
  /** Realised plus expected, per month. */
  prognoseCents: number
  /** New and ended toewijzingen; null when 1–4. */
  nieuw: number | null
  beeindigd: number | null
}

export interface RegionSegmentTotal {
  segmentId: number
  segment: string
  gerealiseerdCents: number
  verplichtingCents: number
  openCents: number
  prognoseCents: number
  toewijzingen: number | null
}

export interface Indicators {
  /** Toewijzingen active in the year. */
  toewijzingen: number | null
  /** Providers with a contract award running in the year. */
  gecontracteerdeAanbieders: number
  /** Providers with toewijzingen in the year. */
  aanbiedersMetToewijzingen: number
  /** Mean toewijzingen per provider with toewijzingen. */
  trajectenPerAanbieder: number | null
  /** Mean length in days of the toewijzingen ending in the year. */
  gemiddeldeDuurDagen: number | null
  beeindigd: number | null
  /** Expected (verplichting) against actual use (realised on toewijzingen). */
  verplichtingCents: number
  gerealiseerdOpToewijzingenCents: number
  benuttingPct: number | null
  varianten: { variant: string; toewijzingen: number | null; verplichtingCents: number }[]
}

export interface Dashboard {
  jaar: number
  /** The reference date of the stored forecast (null when nothing is stored for the year). */
  peildatum: string | null
  /** 'regio' for the whole region; 'gemeente' for one gemeente's view. */
  bereik: 'regio' | 'gemeente'
  gemeente: string | null
  /** Every count in these (toewijzingen; beeindigd and its days where a row has them) is null when 1–4. */
  totaal: Shown<Figures>
  segmenten: Shown<SegmentRow>[]
  gemeenten: (Shown<GroupedFigures & { gemeenteId: number; segmentId: number }> & { gemeente: string; segment: string })[]
  maanden: MonthRow[]
  aanbieders: (Shown<GroupedFigures & { providerId: number }> & { aanbieder: string })[]
  /** For a gemeente's view: the region's totals per segment. */
  regio: RegionSegmentTotal[] | null
  signalen: { open: number; erkend: number; recent: Pick<BudgetSignal, 'id' | 'soort' | 'status' | 'titel' | 'gemeenteId' | 'segmentId' | 'providerId'>[] }
  indicatoren: Indicators
}

/**
 * The dashboard in two read transactions that run side by side on a server (one after the
 * other on PGlite's single connection): the figures — which must reconcile with each other,
 * so they share one snapshot — and their context (names, signals, contracts, variants).
 */
export async function dashboard(run: ScopedRun, actor: Actor, jaar: number, filter: FiguresFilter = {}): Promise<Dashboard> {
  const gemeenteId = actor.gemeenteId ?? filter.gemeenteId ?? null
  const figures = run((trx) => Promise.all([figuresBy(trx, actor, jaar, ['gemeente', 'segment'], filter), figuresBy(trx, actor, jaar, ['provider'], filter), storedMonths(trx, actor, jaar, filter)]))
  const context = run((trx) =>
    Promise.all([
      nameLookup(trx, actor.regionId),
      actor.providerId === null ? runningSignals(trx, actor, jaar, 8) : Promise.resolve(null),
      sql<{ n: number }>`
        select count(distinct a.provider_id)::int as n from contract_award a
        where a.region_id = ${actor.regionId} and a.valid_from <= ${`${jaar}-12-31`}::date and (a.valid_to is null or a.valid_to >= ${`${jaar}-01-01`}::date)
          and ${gemeenteId === null ? sql`true` : sql`exists (select 1 from contract_award_gemeente ag where ag.award_id = a.id and ag.gemeente_id = ${gemeenteId})`}`.execute(trx),
      // Summed per product first, then named by variant: a handful of products, not a lookup per row.
      sql<{ variant: string; n: number; v: number; g: number }>`
        with v as (
          select product_id, sum(toewijzingen)::int as n, sum(verplichting_cents)::bigint as v, sum(gerealiseerd_cents)::bigint as g
          from verplichting_jaar
          where region_id = ${actor.regionId} and jaar = ${jaar} and ${narrowTo('gemeente_id', gemeenteId)}
            and ${narrowTo('segment_id', filter.segmentId ?? null)}
            and ${narrowTo('provider_id', actor.providerId ?? filter.providerId ?? null)}
          group by product_id
        )
        select p.variant, sum(v.n)::int as n, sum(v.v)::bigint as v, sum(v.g)::bigint as g
        from v join product p on p.id = v.product_id
        group by p.variant order by p.variant`.execute(trx),
      actor.gemeenteId !== null
        ? sql<{ segment_id: number; gerealiseerd_cents: number; verplichting_cents: number; open_cents: number; prognose_cents: number; toewijzingen: number }>`
            select * from koers_regio_segment_totalen(${jaar})`.execute(trx)
        : Promise.resolve(null),
    ]),
  )
  const [[perGemeente, providers, stored], [names, signals, contracted, variants, regio]] = await Promise.all([figures, context])
  const segments = segmentsOf(names.segments, perGemeente)

  const inView = segments.filter((s) => (s.budgetCents > 0 || s.realisedCents !== 0 || s.committedCents > 0) && (filter.segmentId === undefined || s.segmentId === filter.segmentId))
  const totaal = emptyFigures()
  let ended = 0
  let endedDays = 0
  for (const s of inView) {
    addKey(totaal, s)
    totaal.budgetCents += s.budgetCents
    ended += s.beeindigd
    endedDays += s.beeindigdDagen
  }
  withPercentages(totaal)
  const providersWithCount = providers.filter((p) => p.toewijzingen > 0).length
  const onToewijzingen = variants.rows.reduce((sum, v) => sum + Number(v.g), 0)

  // The oldest reference date among the stored figures (the groupings carry it).
  const peildatum = perGemeente.concat(providers).reduce<string | null>((p, g) => (g.peildatum !== null && (p === null || g.peildatum < p) ? g.peildatum : p), null)
  return {
    jaar,
    peildatum,
    bereik: gemeenteId === null ? 'regio' : 'gemeente',
    gemeente: gemeenteId === null ? null : names.gemeente(gemeenteId),
    totaal: shown(totaal),
    segmenten: inView.map((s) => ({ ...shown(s), segment: names.segment(s.segmentId) })).sort((a, b) => b.budgetCents - a.budgetCents || a.segmentId - b.segmentId),
    gemeenten: (actor.providerId === null ? perGemeente : []).map((g) => ({ ...shown(g), gemeenteId: g.gemeenteId!, segmentId: g.segmentId!, gemeente: names.gemeente(g.gemeenteId!), segment: names.segment(g.segmentId!) })),
    maanden: stored.map((m) => ({ ...m, nieuw: suppressSmallCount(m.nieuw), beeindigd: suppressSmallCount(m.beeindigd) })),
    aanbieders: providers.sort((a, b) => b.realisedCents - a.realisedCents || a.providerId! - b.providerId!).map((p) => ({ ...shown(p), providerId: p.providerId!, aanbieder: names.provider(p.providerId!) })),
    regio: regio === null ? null : regio.rows.map((r) => ({ segmentId: r.segment_id, segment: names.segment(r.segment_id), gerealiseerdCents: Number(r.gerealiseerd_cents), verplichtingCents: Number(r.verplichting_cents), openCents: Number(r.open_cents), prognoseCents: Number(r.prognose_cents), toewijzingen: suppressSmallCount(r.toewijzingen) })),
    signalen: signals ?? { open: 0, erkend: 0, recent: [] },
    indicatoren: {
      toewijzingen: suppressSmallCount(totaal.toewijzingen),
      gecontracteerdeAanbieders: contracted.rows[0]?.n ?? 0,
      aanbiedersMetToewijzingen: providersWithCount,
      trajectenPerAanbieder: providersWithCount > 0 && totaal.toewijzingen >= 5 ? Math.round((totaal.toewijzingen / providersWithCount) * 10) / 10 : null,
      gemiddeldeDuurDagen: ended >= 5 ? Math.round(endedDays / ended) : null,
      beeindigd: suppressSmallCount(ended),
      verplichtingCents: totaal.committedCents,
      gerealiseerdOpToewijzingenCents: onToewijzingen,
      benuttingPct: totaal.committedCents > 0 ? Math.round((onToewijzingen / totaal.committedCents) * 1000) / 10 : null,
      varianten: variants.rows.map((v) => ({ variant: v.variant, toewijzingen: suppressSmallCount(v.n), verplichtingCents: Number(v.v) })),
    },
  }
}
