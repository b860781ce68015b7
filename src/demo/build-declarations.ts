/**
 * The demo history's declarations: every provider declares each month what it delivered on
 * its started toewijzingen (and now and then on one it never reported the start of), in one 323 per gemeente, sent early the next month — through the
 * same inbox as real ones (src/declaraties), so the 325s, the realisation and the lawfulness
 * signals are the system's own. Like real traffic it holds a few mistakes: now and then a
 * tariff a euro off (0611), a month declared again in the next month's message (9389), and a
 * credit with its correction. Volumes stay within what the toewijzing allows per period and in
 * total (TR321, TR322: maxVolumeInPeriod, maxVolumeOverToewijzing; a total, frequentie 6, spread
 * over its months) — until it is used up while care goes on: the provider then declares one unit
 * a month, which Koers refuses, for it declares every month it delivered care (TR318).
 * Taakgericht segments get a monthly lump sum per contracted provider instead.
 */
import type { Actor } from '../auth/actor.ts'
import { withActor } from '../db/scope.ts'
import { addTaakgerichtBetaling } from '../declaraties/declaratie.queries.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { lawOf } from '../exchange/outbox.ts'
import { type Regel, declaratie323 } from '../exchange/provider-message.ts'
import { type CalendarDate, addMonths, earlierDate, laterDate, monthEnd } from '../shared/dates.ts'
import { maxVolumeInPeriod, maxVolumeOverToewijzing } from '../declaraties/prestatie.rules.ts'
import { EENHEID_EURO } from '../toewijzingen/verplichting.ts'
import type { Random } from './random.ts'
import type { StatisticsAsItGrows } from '../db/statistics.ts'
import type { Step } from './steps.ts'

export interface DeclarationCounts {
  declaraties: number
  prestaties: number
  afgewezen: number
  taakgerichtBetalingen: number
}

type Line = Regel


/**
 * `onBatch`: told before each tenth of the declarations, how many of how many are sent;
 * `statistics`: told of each declaration's lines, so the planner learns how the tables grow.
 */
export async function buildDeclarations(step: Step, regionId: number, random: Random, until: CalendarDate, onBatch?: (done: number, of: number) => void, statistics?: StatisticsAsItGrows): Promise<DeclarationCounts> {
  const counts: DeclarationCounts = { declaraties: 0, prestaties: 0, afgewezen: 0, taakgerichtBetalingen: 0 }
  // The demo builder's own connection reads the whole ledger; declaring goes through the inbox.
  const { started, tariffs } = await step(async (tx) => ({
    started: await tx
      .selectFrom('toewijzing as t')
      .innerJoin('client as c', 'c.id', 't.client_id')
      .innerJoin('product as p', 'p.id', 't.product_id')
      .innerJoin('gemeente as g', 'g.id', 't.gemeente_id')
      .innerJoin('provider as a', 'a.id', 't.provider_id')
      .leftJoin('care_start as s', (j) => j.onRef('s.toewijzing_id', '=', 't.id').on('s.removed_by_message_id', 'is', null))
      .leftJoin('care_stop as e', (j) => j.onRef('e.start_id', '=', 's.id').on('e.removed_by_message_id', 'is', null))
      .select(['t.id', 't.toewijzing_nummer', 't.wet', 't.product_id', 't.ingangsdatum', 't.einddatum', 't.volume', 't.eenheid', 't.frequentie', 'c.bsn', 'p.productcategorie', 'p.productcode', 'g.cbs_code', 'a.agb_code', 's.begindatum', 'e.einddatum as gestopt'])
      .where('t.region_id', '=', regionId)
      .where('t.status', '=', 'actief')
      .where((eb) => eb.or([eb('t.reden_wijziging', 'is', null), eb('t.reden_wijziging', '<>', '13')]))
      .where('t.volume', 'is not', null)
      .orderBy('t.id')
      .execute(),
    tariffs: await tx.selectFrom('tariff').select(['product_id', 'valid_from', 'valid_to', 'amount_cents']).where('region_id', '=', regionId).execute(),
  }))
  const tariffOn = (productId: number, day: CalendarDate) => tariffs.find((t) => t.product_id === productId && t.valid_from <= day && day <= t.valid_to)?.amount_cents

  // Per provider, gemeente, law and month: the lines of one 323.
  const batches = new Map<string, { agb: string; cbs: string; law: 'ijw' | 'iwmo'; month: CalendarDate; lines: Line[] }>()
  let ref = 0
  const lastMonth = `${addMonths(`${until.slice(0, 7)}-01`, -1).slice(0, 7)}-01`
  const earlierLines: Line[] = []
  const twice: Line[] = []
  for (const t of started) {
    const omvang = { volume: t.volume === null ? null : Number(t.volume), eenheid: t.eenheid, frequentie: t.frequentie, productcategorie: t.productcategorie, ingangsdatum: t.ingangsdatum, einddatum: t.einddatum }
    let remaining = maxVolumeOverToewijzing(omvang) ?? 0
    // A provider now and then declares care it never reported the start of (a lawfulness signal).
    const begindatum = t.begindatum ?? (random.next() < 0.3 ? t.ingangsdatum : null)
    if (begindatum === null) continue
    const end = earlierDate(t.einddatum, t.gestopt ?? t.einddatum)
    for (let month = `${begindatum.slice(0, 7)}-01`; month <= lastMonth && month <= end; month = addMonths(month, 1)) {
      const begin = laterDate(month, t.ingangsdatum)
      const eind = earlierDate(monthEnd(month), t.einddatum)
      if (begin > eind) continue
      // A total (6) is spread over the toewijzing's months as it is delivered.
      const inPeriod = t.frequentie === '6' ? Math.ceil((maxVolumeOverToewijzing(omvang) ?? 0) / monthsOf(t.ingangsdatum, t.einddatum)) : (maxVolumeInPeriod(omvang, begin, eind) ?? 0)
      const allowed = Math.min(inPeriod, remaining)
      // TR318: a provider declares every month it delivered care, so the periods follow each
      // other; care beyond the toewijzing's volume is declared too (and refused, 9321/9322).
      const volume = allowed < 1 ? 1 : Math.max(1, Math.round(allowed * (0.7 + random.next() * 0.3)))
      remaining -= volume
      const contracted = tariffOn(t.product_id, begin)
      if (t.eenheid !== EENHEID_EURO && contracted === undefined) continue
      const mistake = random.next()
      const line: Line = {
        ref: `R${++ref}`,
        nummer: Number(t.toewijzing_nummer),
        bsn: t.bsn,
        categorie: t.productcategorie,
        code: t.productcode,
        begin,
        eind,
        volume,
        eenheid: t.eenheid!,
        tarief: t.eenheid === EENHEID_EURO ? null : contracted! + (mistake < 0.02 ? 100 : 0),
      }
      const key = `${t.agb_code}|${t.cbs_code}|${t.wet}|${month}`
      const batch = batches.get(key) ?? { agb: t.agb_code, cbs: t.cbs_code, law: lawOf(t.wet), month, lines: [] }
      batch.lines.push(line)
      batches.set(key, batch)
      // Now and then the same month again, in the next month's message (9389; in one message TR416 refuses it whole).
      if (mistake > 0.99) twice.push(line)
      if (mistake >= 0.02 && mistake < 0.03) earlierLines.push(line)
    }
  }
  // The next month's declaration of the same provider, gemeente and law.
  const nextBatch = (line: Line) => {
    const batch = [...batches.values()].find((b) => b.lines.includes(line))!
    return batches.get(`${batch.agb}|${batch.cbs}|${batch.law === 'ijw' ? 'jeugdwet' : 'wmo'}|${addMonths(batch.month, 1)}`)
  }
  for (const line of twice) nextBatch(line)?.lines.push({ ...line, ref: `R${++ref}` })
  // A credit with its correction (OP366: the credit is processed first).
  for (const wrong of earlierLines) nextBatch(wrong)?.lines.push({ ...wrong, ref: `R${++ref}`, vorig: wrong.ref, credit: true }, { ...wrong, ref: `R${++ref}`, volume: Math.max(1, wrong.volume - 1) })

  let ident = 0
  const ordered = [...batches.values()].sort((a, b) => a.month.localeCompare(b.month))
  const tenth = Math.max(1, Math.ceil(ordered.length / 10))
  // Each tenth of the declarations is one step of the build (src/demo/steps.ts).
  for (let from = 0; from < ordered.length; from += tenth) {
    onBatch?.(from, ordered.length)
    await step(async (tx) => {
      for (const batch of ordered.slice(from, from + tenth)) {
        const dagtekening = `${addMonths(batch.month, 1).slice(0, 8)}0${random.int(3, 9)}`
        if (dagtekening > until) continue
        const bytes = declaratie323({ law: batch.law, agb: batch.agb, cbs: batch.cbs, ident: `DD${++ident}`, nummer: `D${batch.month.slice(2, 4)}${batch.month.slice(5, 7)}${ident}`, maand: batch.month.slice(0, 7), dagtekening, regels: [...batch.lines].sort((a, b) => a.bsn.localeCompare(b.bsn)) })
        const r = await receiveMessage(tx, regionId, bytes, { at: { date: dagtekening, time: '10:00:00' } })
        if (!r.declaratie) throw new Error(`demo declaration was not processed: ${r.summary}`)
        counts.declaraties++
        counts.prestaties += r.declaratie.regels
        counts.afgewezen += r.declaratie.afgewezen
        await statistics?.did(tx, 1 + r.declaratie.regels)
      }
    })
  }

  // Taakgericht: a monthly lump sum per provider contracted in the segment for the gemeente, since January of last year.
  await step(async (tx) => {
    const taakgericht = await tx
      .selectFrom('contract_award as a')
      .innerJoin('contract_lot as l', 'l.id', 'a.lot_id')
      .innerJoin('contract_award_gemeente as ag', 'ag.award_id', 'a.id')
      .innerJoin('segment as s', 's.id', 'l.segment_id')
      .select(['a.provider_id', 'l.segment_id', 'ag.gemeente_id', 'a.valid_from'])
      .where('a.region_id', '=', regionId)
      .where(({ exists, selectFrom }) => exists(selectFrom('product as p').select('p.id').whereRef('p.segment_id', '=', 's.id').where('p.variant', '=', 'taakgericht')))
      .execute()
    for (const award of taakgericht) {
      const gemeente: Actor = { userId: null, name: 'demo financiën', role: 'gemeente', regionId, gemeenteId: award.gemeente_id, providerId: null }
      const monthly = random.int(15_000, 60_000) * 100
      // From January of last year on: the demo's targets take last year as their baseline, and a
      // baseline with one month of payments in twelve would compare a month with a year (ADR 0023).
      for (let month = `${Number(until.slice(0, 4)) - 1}-01-01`; month <= lastMonth; month = addMonths(month, 1)) {
        if (month < `${award.valid_from.slice(0, 7)}-01`) continue
        await withActor(tx, gemeente, (trx) => addTaakgerichtBetaling(trx, gemeente, { providerId: award.provider_id, segmentId: award.segment_id, maand: month.slice(0, 7), bedragCents: monthly, omschrijving: 'maandelijkse bekostiging' }))
        counts.taakgerichtBetalingen++
      }
    }
  })
  return counts
}

/** The calendar months a period touches. */
function monthsOf(from: CalendarDate, to: CalendarDate): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1
}
