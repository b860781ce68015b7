/**
 * A year of toegang history for the demo region, made the way it happens: providers send
 * 315s (through the inbox), the lokaal team approves most and refuses some (301/319),
 * providers report starts (305) — not always in time — and stops (307), and the lokaal
 * team extends some toewijzingen. Every step goes through the same functions as the web app
 * and the CLI, dated with a Moment so the history lies in the past.
 */
import { type Actor, systemActor } from '../auth/actor.ts'
import type { ClientInput } from '../clients/client.queries.ts'
import { listContracts } from '../contracts/contract.queries.ts'
import { type ScopedDb, withActor } from '../db/scope.ts'
import { receiveMessage } from '../exchange/receive.ts'
import { providerMessage } from '../exchange/provider-message.ts'
import { lawOf } from '../exchange/outbox.ts'
import { approveRequest, refuseRequest } from '../requests/request.queries.ts'
import { addDays, addMonths, type CalendarDate } from '../shared/dates.ts'
import type { Moment } from '../shared/moment.ts'
import { addWorkingDays } from '../shared/working-days.ts'
import { changeToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import type { Random } from './random.ts'

export interface HistoryOptions {
  /** Clients per gemeente that get a history. */
  clientsPerGemeente: number
  /** The first request date; the history runs a year from it. */
  from: CalendarDate
  /** The demo's "today": nothing is dated after it. */
  until: CalendarDate
}

export interface HistoryCounts {
  requests: number
  toewijzingen: number
  refused: number
  starts: number
  stops: number
  extensions: number
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

const at = (date: CalendarDate, hour: number): Moment => ({ date, time: `${String(hour).padStart(2, '0')}:00:00` })

/** Receives a demo message; the generator only writes what the rules accept, so anything else is a bug. */
async function accept(tx: ScopedDb, regionId: number, bytes: Uint8Array, moment: Moment): Promise<void> {
  const received = await receiveMessage(tx, regionId, bytes, { at: moment })
  if (received.outcome !== 'verwerkt') throw new Error(`demo ${received.message} was not accepted: ${received.problems.map((p) => `${p.rule} ${p.message}`).join('; ')}`)
}

export async function buildHistory(
  tx: ScopedDb,
  regionId: number,
  gemeenten: { id: number; cbsCode: string; clients: (ClientInput & { familyName: string })[] }[],
  random: Random,
  options: HistoryOptions,
): Promise<HistoryCounts> {
  const counts: HistoryCounts = { requests: 0, toewijzingen: 0, refused: 0, starts: 0, stops: 0, extensions: 0 }
  const regio = systemActor(regionId, 'demo')
  const { contracts, products, providers, segments, tariffs } = await withActor(tx, regio, async (trx) => ({
    contracts: await listContracts(trx, { providerId: null }),
    products: await trx.selectFrom('product').selectAll().where('variant', '<>', 'taakgericht').execute(),
    providers: await trx.selectFrom('provider').select(['id', 'agb_code']).execute(),
    segments: await trx.selectFrom('segment').select(['id', 'wet', 'toegang']).execute(),
    tariffs: await trx.selectFrom('tariff').select(['product_id', 'valid_from', 'valid_to', 'amount_cents']).execute(),
  }))
  // The contract in force on a day: its awards per segment and gemeente.
  const awardedOn = (day: CalendarDate, segmentId: number, gemeenteId: number, until: CalendarDate) =>
    contracts
      .filter((c) => c.startDate <= day && c.endDate >= until)
      .flatMap((c) => c.lots.filter((l) => l.segmentId === segmentId).flatMap((l) => l.awards))
      .filter((a) => a.gemeenteIds.includes(gemeenteId) && a.validFrom <= day)
      .map((a) => a.providerId)
  const agb = new Map(providers.map((p) => [p.id, p.agb_code]))
  let ident = 0

  for (const g of gemeenten) {
    const team: Actor = { userId: null, name: 'demo lokaal team', role: 'lokaal_team', regionId, gemeenteId: g.id, providerId: null }
    const candidates = g.clients.filter((_, i) => i % Math.max(1, Math.floor(g.clients.length / options.clientsPerGemeente)) === 0).slice(0, options.clientsPerGemeente)
    for (const client of candidates) {
      const age = Number(options.until.slice(0, 4)) - Number(client.birthDate.slice(0, 4))
      const wet = age < 18 ? 'jeugdwet' : 'wmo'
      const requestDate = addDays(options.from, random.int(0, 300))
      const ingangsdatum = addDays(requestDate, random.int(7, 21))
      const segmentPool = segments.filter((s) => s.wet === wet)
      const product = random.pick(products.filter((p) => segmentPool.some((s) => s.id === p.segment_id)))
      const segment = segments.find((s) => s.id === product.segment_id)!
      const months = Math.min(segment.toegang.maxMonths.ontwikkeling, random.pick([3, 6, 6, 9]))
      const einddatum = addDays(addMonths(ingangsdatum, months), -1)
      const holders = awardedOn(ingangsdatum, segment.id, g.id, einddatum)
      if (holders.length === 0 || ingangsdatum > options.until) continue
      const providerId = random.pick(holders)
      const tariff = tariffs.find((t) => t.product_id === product.id && t.valid_from <= ingangsdatum && t.valid_to >= ingangsdatum)
      if (!tariff) continue
      const law = lawOf(wet)
      const clientXml = {
        Bsn: client.bsn,
        Geboortedatum: { Datum: client.birthDate },
        Geslacht: client.gender ?? '0',
        Naam: { Geslachtsnaam: { Achternaam: client.familyName, Voorvoegsel: client.namePrefix || undefined }, Voorletters: client.initials || undefined },
      }
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
      await accept(tx, regionId, request, at(requestDate, 9))
      counts.requests++
      const decideOn = addWorkingDays(requestDate, random.int(1, 5))
      const requestId = await withActor(tx, team, async (trx) => (await trx.selectFrom('care_request').select('id').where('referentie_aanbieder', '=', referentie).executeTakeFirstOrThrow()).id)
      if (random.next() < 0.1) {
        await withActor(tx, team, (trx) => refuseRequest(trx, team, requestId, { reden: random.pick(['1', '6', '7'] as const), note: 'demo' }, at(decideOn, 14)))
        counts.refused++
        continue
      }
      const issued = await withActor(tx, team, (trx) =>
        approveRequest(
          trx,
          team,
          requestId,
          {
            assessment: { perspective: 'ontwikkeling', complexity: random.pick(['enkelvoudig', 'meervoudig', 'complex'] as const), intensity: random.pick(['licht', 'middel', 'zwaar'] as const), goals: [{ description: 'Zelfstandiger functioneren thuis en op school of werk', domain: wet === 'jeugdwet' ? 'ontwikkeling' : 'participatie', t1: random.int(1, 3) }] },
            productId: product.id,
            ingangsdatum,
            einddatum,
            omvang: { volume: Number(omvang.Volume), eenheid: omvang.Eenheid as never, frequentie: omvang.Frequentie as never },
          },
          at(decideOn, 14),
        ),
      )
      counts.toewijzingen++
      // Starts: most within a few days, some late, some never (the signals show them).
      const roll = random.next()
      if (roll > 0.92) continue
      const begindatum = addDays(ingangsdatum, random.int(0, 6))
      const startSent = roll > 0.82 ? addWorkingDays(begindatum, random.int(8, 15)) : addWorkingDays(begindatum, random.int(1, 4))
      if (startSent > options.until) continue
      const productXml = { ToewijzingNummer: String(issued.toewijzingNummer), Product: { Categorie: product.productcategorie, Code: product.productcode ?? undefined }, ToewijzingIngangsdatum: ingangsdatum, Begindatum: begindatum }
      await accept(tx, regionId, providerMessage(law, '305', agb.get(providerId)!, g.cbsCode, `D305${ident}`, startSent, { ...clientXml, StartProducten: { StartProduct: [{ ...productXml, StatusAanlevering: '1' }] } }), at(startSent, 11))
      counts.starts++
      let end = einddatum
      // Some are extended by the lokaal team before they end (RedenWijziging 04).
      const extendOn = addDays(einddatum, -20)
      if (random.next() < 0.25 && extendOn <= options.until && extendOn > decideOn) {
        const longer = addDays(addMonths(ingangsdatum, segment.toegang.maxMonths.ontwikkeling), -1)
        if (longer > einddatum && awardedOn(ingangsdatum, segment.id, g.id, longer).includes(providerId)) {
          await withActor(tx, team, (trx) => changeToewijzing(trx, team, issued.id, { redenWijziging: '04', einddatum: longer, note: 'verlengd na evaluatie' }, { at: at(extendOn, 15) }))
          end = longer
          counts.extensions++
        }
      }
      // Stops: most when care ends (some early), a few never (signal: ended without a 307).
      const early = random.next() < 0.2
      const stopDate = early ? addDays(begindatum, random.int(20, 60)) : end
      const stopSent = addWorkingDays(stopDate, random.int(1, 4))
      if (stopSent > options.until || random.next() < 0.1 || stopDate < begindatum) continue
      const reden = wet === 'jeugdwet' ? (early ? random.pick(['32', '33', '34', '35']) : '31') : early ? random.pick(['21', '22', '23']) : '19'
      await accept(tx, regionId, providerMessage(law, '307', agb.get(providerId)!, g.cbsCode, `D307${ident}`, stopSent, { ...clientXml, StopProducten: { StopProduct: [{ ...productXml, RedenBeeindiging: reden, Einddatum: stopDate > end ? end : stopDate, StatusAanlevering: '1' }] } }), at(stopSent, 12))
      counts.stops++
    }
  }
  return counts
}
