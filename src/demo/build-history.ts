/**
 * Two and a half years of toegang history for the demo region, made the way it happens: providers send
 * 315s (through the inbox), the lokaal team approves most and refuses some (301/319),
 * providers report starts (305) — not always in time — and stops (307), and the lokaal
 * team extends some toewijzingen. After a traject the client may go on with lighter help
 * (afschaling), switch to another provider, or come back months later (re-entry); providers
 * measure T1 at the start and T2 at the end, the lokaal team T3 six months after (issue 7).
 * Requests become fewer over the years, so the targets have a trend to follow, a few large
 * providers take most clients of a segment, and providers differ in how often care ends early and goals are reached. Every step goes
 * through the same functions as the web app and the CLI, dated with a Moment so the history
 * lies in the past.
 */
import { type Actor, systemActor } from '../auth/actor.ts'
import type { ClientInput } from '../clients/client.queries.ts'
import { setGezag } from '../clients/gezag.queries.ts'
import { listContracts } from '../contracts/contract.queries.ts'
import { type ScopedDb, withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { providerMessage } from '../exchange/provider-message.ts'
import { lawOf } from '../exchange/outbox.ts'
import { approveRequest, refuseRequest } from '../requests/request.queries.ts'
import { addDays, addMonths, ageOn, type CalendarDate, dayNumber, laterDate } from '../shared/dates.ts'
import type { Moment } from '../shared/moment.ts'
import { addWorkingDays } from '../shared/working-days.ts'
import { changeToewijzing, issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import type { lifeDomains } from '../toewijzingen/toewijzing.schema.ts'
import { recordMeasurement } from '../outcomes/measurement.queries.ts'
import type { Random } from './random.ts'
import type { StatisticsAsItGrows } from '../db/statistics.ts'
import type { Step } from './steps.ts'

export interface HistoryOptions {
  /** Clients per gemeente that get a history. */
  clientsPerGemeente: number
  /** The first request date; the history runs from it to `until`. */
  from: CalendarDate
  /** The demo's "today": nothing is dated after it. */
  until: CalendarDate
  /** Told as a gemeente's history begins: how many are done, of how many. */
  onGemeente?: (done: number, of: number, cbsCode: string) => void
  /** Told of each message received, so the planner learns how the tables grow (src/db/statistics.ts). */
  statistics?: StatisticsAsItGrows
}

export interface HistoryCounts {
  requests: number
  toewijzingen: number
  refused: number
  starts: number
  stops: number
  extensions: number
  measurements: number
}

/** Omvang per eenheid, as a provider would ask it. */
function omvangFor(eenheid: string, tariffCents: number, random: Random): { Volume: string; Eenheid: string; Frequentie: string } {
  switch (eenheid) {
    case '01':
      return { Volume: String(random.pick([60, 90, 120])), Eenheid: '01', Frequentie: '2' }
    case '04':
      return { Volume: String(random.int(1, 4)), Eenheid: '04', Frequentie: '2' }
    case '14':
      return { Volume: String(random.int(3, 7)), Eenheid: '14', Frequentie: '2' }
    case '16':
      return { Volume: String(random.int(1, 4)), Eenheid: '16', Frequentie: '2' }
    case '82':
      return { Volume: '1', Eenheid: '82', Frequentie: '6' }
    case '83':
      return { Volume: String(tariffCents), Eenheid: '83', Frequentie: '6' }
    default:
      return { Volume: String(random.int(2, 8)), Eenheid: '84', Frequentie: '4' }
  }
}

/** A verwijzer as a provider reports it: medical referrers with their AGB code, a GI by name (CD067). */
function verwijzer(type: string): { Type: string; ZorgverlenerCode?: string; Naam?: string } {
  if (['02', '03', '05'].includes(type)) return { Type: type, ZorgverlenerCode: '01000123' }
  if (type === '04') return { Type: type, Naam: 'Samen Veilig Midden-Nederland' }
  return { Type: type }
}

/** Inverse of the distribution with density 1.3 − 0.6 t on [0, 1]: a share of the history, more often early. */
const decliningShare = (u: number) => (1.3 - Math.sqrt(1.69 - 1.2 * u)) / 0.6

const at = (date: CalendarDate, hour: number): Moment => ({ date, time: `${String(hour).padStart(2, '0')}:00:00` })

/** Receives a demo message; the generator only writes what the rules accept, so anything else is a bug. */
async function accept(tx: ScopedDb, regionId: number, bytes: Uint8Array, moment: Moment, statistics: StatisticsAsItGrows | undefined): Promise<void> {
  const received = await receiveMessage(tx, regionId, bytes, { at: moment })
  if (received.outcome !== 'verwerkt') throw new Error(`demo ${received.message} was not accepted: ${received.problems.map((p) => `${p.rule} ${p.message}`).join('; ')}`)
  await statistics?.did(tx)
}

export async function buildHistory(
  step: Step,
  regionId: number,
  gemeenten: { id: number; cbsCode: string; clients: (ClientInput & { familyName: string })[] }[],
  random: Random,
  options: HistoryOptions,
): Promise<HistoryCounts> {
  const counts: HistoryCounts = { requests: 0, toewijzingen: 0, refused: 0, starts: 0, stops: 0, extensions: 0, measurements: 0 }
  const regio = systemActor(regionId, 'demo')
  const { contracts, products, providers, segments, tariffs } = await step((tx) => withActor(tx, regio, async (trx) => ({
    contracts: await listContracts(trx, { providerId: null }),
    products: await trx.selectFrom('product').selectAll().where('variant', '<>', 'taakgericht').execute(),
    providers: await trx.selectFrom('provider').select(['id', 'agb_code']).execute(),
    segments: await trx.selectFrom('segment').select(['id', 'wet', 'toegang']).execute(),
    tariffs: await trx.selectFrom('tariff').select(['product_id', 'valid_from', 'valid_to', 'amount_cents']).execute(),
  })))
  // The contract in force on a day: its awards per segment and gemeente.
  const awardedOn = (day: CalendarDate, segmentId: number, gemeenteId: number, until: CalendarDate) =>
    contracts
      .filter((c) => c.startDate <= day && c.endDate >= until)
      .flatMap((c) => c.lots.filter((l) => l.segmentId === segmentId).flatMap((l) => l.awards))
      .filter((a) => a.gemeenteIds.includes(gemeenteId) && a.validFrom <= day)
      .map((a) => a.providerId)
  // A toewijzing ends when the contract in force at its start ends (the next contract's awards are another matter).
  const withinContract = (from: CalendarDate, to: CalendarDate) => contracts.filter((c) => c.startDate <= from && c.endDate >= from).reduce((end, c) => (c.endDate < end ? c.endDate : end), to)
  const agb = new Map(providers.map((p) => [p.id, p.agb_code]))
  // How well each provider does: the chance that care ends early, and that goals are reached.
  const quality = new Map(providers.map((p) => [p.id, 0.75 + random.next() * 0.5]))
  const tariffOn = (productId: number, day: CalendarDate) => tariffs.find((t) => t.product_id === productId && t.valid_from <= day && t.valid_to >= day)
  let ident = 0
  const span = dayNumber(options.until) - dayNumber(options.from)

  for (const [index, g] of gemeenten.entries()) {
    options.onGemeente?.(index, gemeenten.length, g.cbsCode)
    const team: Actor = { userId: null, name: 'demo lokaal team', role: 'lokaal_team', regionId, gemeenteId: g.id, providerId: null }
    // Six in ten from the youth (five Jeugdwet segments against three Wmo), spread over the list.
    // Only clients born before the history starts: no message may name a birth after its Dagtekening (TR134).
    const youth = g.clients.filter((c) => ageOn(c.birthDate, options.until) < 18 && c.birthDate < options.from)
    const adults = g.clients.filter((c) => ageOn(c.birthDate, options.until) >= 18)
    const every = <T,>(list: T[], n: number) => list.filter((_, i) => i % Math.max(1, Math.floor(list.length / n)) === 0).slice(0, n)
    const candidates = [...every(youth, Math.round(options.clientsPerGemeente * 0.6)), ...every(adults, options.clientsPerGemeente - Math.round(options.clientsPerGemeente * 0.6))]
    // A gemeente's history is one step of the build (src/demo/steps.ts).
    await step(async (tx) => {
      for (const client of candidates) {
        const wet = ageOn(client.birthDate, options.until) < 18 ? 'jeugdwet' : 'wmo'
        const law = lawOf(wet)
        if (wet === 'jeugdwet') {
          // OP001/OP002: who holds the gezag over a jeugdige — here a parent at the client's address, so the 301 carries it.
          await withActor(tx, team, async (trx) => {
            const { id } = await trx.selectFrom('client').select('id').where('bsn', '=', client.bsn).executeTakeFirstOrThrow()
            await setGezag(trx, team, id, { gezagsdragers: [{ soort: '10', achternaam: client.familyName, voorvoegsel: client.namePrefix ?? '', voorletters: 'A', postcode: client.postcode ?? undefined, huisnummer: client.huisnummer ?? undefined }] }, options.from)
          })
        }
        const clientXml = {
          Bsn: client.bsn,
          Geboortedatum: { Datum: client.birthDate },
          Geslacht: client.gender ?? '0',
          Naam: { Geslachtsnaam: { Achternaam: client.familyName, Voorvoegsel: client.namePrefix || undefined }, Voorletters: client.initials || undefined },
        }
        const domain: (typeof lifeDomains)[number] = wet === 'jeugdwet' ? 'ontwikkeling' : 'participatie'
        const t1 = random.int(1, 3)

        /**
         * A toewijzing's life after it was issued: the 305 (and T1), perhaps a verlenging, the
         * 307 (and T2, and six months later T3). What the follow-up needs is returned.
         */
        const live = async (issued: { id: number; toewijzingNummer: number }, t: { providerId: number; product: (typeof products)[number]; segmentId: number; ingangsdatum: CalendarDate; einddatum: CalendarDate; decidedOn: CalendarDate; followUp: boolean }) => {
          const provider: Actor = { userId: null, name: 'demo aanbieder', role: 'aanbieder', regionId, gemeenteId: null, providerId: t.providerId }
          const measure = async (actor: Actor, input: Parameters<typeof recordMeasurement>[2]) => {
            await withActor(tx, actor, (trx) => recordMeasurement(trx, actor, input, options.until))
            counts.measurements++
          }
          // Starts: most within a few days, some late, some never (the signals show them).
          const roll = random.next()
          if (roll > 0.92) return null
          const begindatum = addDays(t.ingangsdatum, random.int(0, 6))
          const startSent = roll > 0.82 ? addWorkingDays(begindatum, random.int(8, 15)) : addWorkingDays(begindatum, random.int(1, 4))
          if (startSent > options.until) return null
          const productXml = { ToewijzingNummer: String(issued.toewijzingNummer), Product: { Categorie: t.product.productcategorie, Code: t.product.productcode ?? undefined }, ToewijzingIngangsdatum: t.ingangsdatum, Begindatum: begindatum }
          await accept(tx, regionId, providerMessage(law, '305', agb.get(t.providerId)!, g.cbsCode, `D305${++ident}`, startSent, { ...clientXml, StartProducten: { StartProduct: [{ ...productXml, StatusAanlevering: '1' }] } }), at(startSent, 11), options.statistics)
          counts.starts++
          const q = quality.get(t.providerId)!
          if (random.next() < 0.6) await measure(provider, { toewijzingId: issued.id, moment: 'T1', gemetenOp: laterDate(startSent, begindatum), zelfredzaamheid: { [domain]: t1, sociaal_netwerk: random.int(1, 4) } })
          let end = t.einddatum
          // Some are extended by the lokaal team before they end (RedenWijziging 04).
          const segment = segments.find((s) => s.id === t.segmentId)!
          const extendOn = addDays(t.einddatum, -20)
          if (!t.followUp && random.next() < 0.25 && extendOn <= options.until && extendOn > t.decidedOn) {
            const longer = addDays(addMonths(t.ingangsdatum, segment.toegang.maxMonths.ontwikkeling), -1)
            if (longer > t.einddatum && awardedOn(t.ingangsdatum, segment.id, g.id, longer).includes(t.providerId)) {
              await withActor(tx, team, (trx) => changeToewijzing(trx, team, issued.id, { redenWijziging: '04', einddatum: longer, note: 'verlengd na evaluatie' }, { at: at(extendOn, 15) }))
              end = longer
              counts.extensions++
            }
          }
          // Stops: most when care ends (some early, more so at weaker providers), a few never (signal: ended without a 307).
          const early = random.next() < 0.22 / q
          const stopDate = early ? addDays(begindatum, random.int(20, 60)) : end
          const stopSent = addWorkingDays(stopDate, random.int(1, 4))
          if (stopSent > options.until || random.next() < 0.1 || stopDate < begindatum || stopDate > end) return { end, stopped: null, early: false, begindatum }
          const reden = wet === 'jeugdwet' ? (early ? random.pick(['32', '33', '34', '35']) : '31') : early ? random.pick(['21', '22', '23']) : '19'
          await accept(tx, regionId, providerMessage(law, '307', agb.get(t.providerId)!, g.cbsCode, `D307${++ident}`, stopSent, { ...clientXml, StopProducten: { StopProduct: [{ ...productXml, RedenBeeindiging: reden, Einddatum: stopDate, StatusAanlevering: '1' }] } }), at(stopSent, 12), options.statistics)
          counts.stops++
          // T2 by the provider at the end; goals reached more often when care ended as planned and at better providers.
          const reached = early ? random.next() < 0.12 * q : random.next() < 0.62 * q
          const partly = !reached && random.next() < 0.6
          const gain = reached ? random.int(1, 2) : partly ? random.int(0, 1) : 0
          const t2On = addWorkingDays(stopDate, random.int(1, 8))
          if (t2On <= options.until && random.next() < 0.85) {
            await measure(provider, {
              toewijzingId: issued.id,
              moment: 'T2',
              gemetenOp: t2On,
              doelen: [{ doel: 0, resultaat: reached ? 'behaald' : partly ? 'deels' : 'niet' }],
              zelfredzaamheid: { [domain]: Math.min(5, t1 + gain) },
              tevredenheid: early ? random.int(1, 4) : Math.min(5, random.int(3, 5) + (q > 1.05 ? 1 : 0)),
              zonderHulp: reached ? random.pick(['ja', 'ja', 'deels'] as const) : partly ? random.pick(['deels', 'nee'] as const) : 'nee',
              vervolg: !reached ? 'aanvullend' : random.pick(['geen', 'voorliggend', 'voorliggend'] as const),
            })
          }
          // T3 by the lokaal team half a year later (seed 002: "eventueel na afloopt").
          const t3On = addMonths(stopDate, 6)
          if (t3On <= options.until && random.next() < 0.6) {
            await measure(team, { toewijzingId: issued.id, moment: 'T3', gemetenOp: t3On, doelen: [{ doel: 0, resultaat: reached ? 'behaald' : partly ? 'deels' : 'niet' }], zelfredzaamheid: { [domain]: Math.min(5, t1 + gain) }, zonderHulp: reached ? 'ja' : random.pick(['deels', 'nee'] as const) })
          }
          return { end, stopped: stopDate, early, begindatum }
        }

        // Requests become fewer over the history, from 1.3 to 0.7 times the average (seed 004: "Vanaf 2027 willen we 20% minder instroom").
        const requestDate = addDays(options.from, Math.floor(decliningShare(random.next()) * (span - 30)))
        const ingangsdatum = addDays(requestDate, random.int(7, 21))
        const segmentPool = segments.filter((s) => s.wet === wet)
        const product = random.pick(products.filter((p) => segmentPool.some((s) => s.id === p.segment_id)))
        const segment = segments.find((s) => s.id === product.segment_id)!
        const months = Math.min(segment.toegang.maxMonths.ontwikkeling, random.pick([3, 6, 6, 9]))
        const einddatum = withinContract(ingangsdatum, addDays(addMonths(ingangsdatum, months), -1))
        const holders = awardedOn(ingangsdatum, segment.id, g.id, einddatum)
        if (holders.length === 0 || ingangsdatum > options.until) continue
        // A few large providers take most clients, as in a real segment.
        const providerId = holders[Math.floor(holders.length * random.next() ** 1.8)]!
        const tariff = tariffOn(product.id, ingangsdatum)
        if (!tariff) continue
        const referentie = `DEMO${g.cbsCode}${String(++ident).padStart(5, '0')}`
        const omvang = omvangFor(product.eenheid!, tariff.amount_cents, random)
        const request = providerMessage(law, '315', agb.get(providerId)!, g.cbsCode, `D315${ident}`, requestDate, {
          ...clientXml,
          AangevraagdeProducten: {
            AangevraagdProduct: [
              {
                ReferentieAanbieder: referentie,
                Product: { Categorie: product.productcategorie, Code: product.productcode ?? undefined },
                ToewijzingIngangsdatum: ingangsdatum,
                ToewijzingEinddatum: einddatum,
                Omvang: omvang,
                Verwijzer: verwijzer(random.pick(segment.toegang.allowedReferrers)),
              },
            ],
          },
        })
        await accept(tx, regionId, request, at(requestDate, 9), options.statistics)
        counts.requests++
        const decideOn = addWorkingDays(requestDate, random.int(1, 5))
        // The lokaal team finds the request in its queue and decides on it: one scope for both.
        const issued = await withActor(tx, team, async (trx) => {
          const requestId = (await trx.selectFrom('care_request').select('id').where('referentie_aanbieder', '=', referentie).executeTakeFirstOrThrow()).id
          if (random.next() < 0.1) {
            await refuseRequest(trx, team, requestId, { reden: random.pick(['1', '6', '7'] as const), note: 'demo' }, at(decideOn, 14))
            return null
          }
          return approveRequest(
            trx,
            team,
            requestId,
            {
              assessment: { perspective: 'ontwikkeling', complexity: random.pick(['enkelvoudig', 'meervoudig', 'complex'] as const), intensity: random.pick(['licht', 'middel', 'zwaar'] as const), goals: [{ description: 'Zelfstandiger functioneren thuis en op school of werk', domain, t1 }] },
              productId: product.id,
              ingangsdatum,
              einddatum,
              omvang: { volume: Number(omvang.Volume), eenheid: omvang.Eenheid as never, frequentie: omvang.Frequentie as never },
            },
            at(decideOn, 14),
          )
        })
        if (issued === null) {
          counts.refused++
          continue
        }
        counts.toewijzingen++
        const first = await live(issued, { providerId, product, segmentId: segment.id, ingangsdatum, einddatum, decidedOn: decideOn, followUp: false })
        if (first === null || first.stopped === null) continue

        // What follows: lighter help with the same provider, a switch after an early end, or new help months later.
        const next = random.next()
        const volume = Number(omvang.Volume)
        const reducible = ['01', '04', '14', '16', '84'].includes(omvang.Eenheid) && volume >= 2
        const { beschikking_id: beschikkingId, client_id: clientId } = await withActor(tx, team, (trx) => trx.selectFrom('toewijzing').select(['beschikking_id', 'client_id']).where('id', '=', issued.id).executeTakeFirstOrThrow())
        let plan: { providerId: number; start: CalendarDate; volume: number; shorten: boolean; newAssessment: boolean } | null = null
        if (!first.early && reducible && next < 0.3) plan = { providerId, start: addDays(first.end, 1), volume: Math.max(1, Math.floor(volume / 2)), shorten: false, newAssessment: false }
        else if (first.early && next < 0.45) {
          const others = holders.filter((h) => h !== providerId)
          if (others.length > 0) plan = { providerId: random.pick(others), start: addDays(first.stopped, random.int(3, 20)), volume, shorten: true, newAssessment: false }
        } else if (next > 0.88) plan = { providerId, start: addDays(first.stopped, random.int(60, 300)), volume, shorten: first.stopped < first.end, newAssessment: true }
        if (plan === null || plan.start > options.until) continue
        const followEnd = withinContract(plan.start, addDays(addMonths(plan.start, random.pick([3, 4, 6])), -1))
        const followTariff = tariffOn(product.id, plan.start)
        if (!followTariff || !awardedOn(plan.start, segment.id, g.id, followEnd).includes(plan.providerId)) continue
        const decidedOn = addDays(plan.start, -random.int(2, 8))
        if (decidedOn <= first.stopped) continue
        // The old toewijzing is shortened to its real end first (RedenWijziging 09 overstap, 05 verkorting): a client has one toewijzing per product at a time.
        if (plan.shorten) await withActor(tx, team, (trx) => changeToewijzing(trx, team, issued.id, { redenWijziging: plan.newAssessment ? '05' : '09', einddatum: first.stopped!, note: 'beëindigd' }, { at: at(decidedOn, 10) }))
        const followOmvang = { volume: plan.volume, eenheid: omvang.Eenheid as never, frequentie: omvang.Frequentie as never }
        const follow = await withActor(tx, team, (trx) =>
          issueToewijzing(
            trx,
            team,
            {
              clientId,
              ...(plan.newAssessment ? { assessment: { perspective: 'ontwikkeling' as const, complexity: 'enkelvoudig' as const, intensity: 'middel' as const, goals: [{ description: 'Terugval voorkomen', domain, t1: random.int(1, 3) }] } } : { beschikkingId }),
              providerId: plan.providerId,
              productId: product.id,
              ingangsdatum: plan.start,
              einddatum: followEnd,
              omvang: omvang.Eenheid === '83' ? null : followOmvang,
            },
            { at: at(decidedOn, 11) },
          ),
        )
        counts.toewijzingen++
        await live(follow, { providerId: plan.providerId, product, segmentId: segment.id, ingangsdatum: plan.start, einddatum: followEnd, decidedOn, followUp: true })
      }
    })
  }
  return counts
}
