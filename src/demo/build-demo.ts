/**
 * Builds a demo region through the same functions the API and CLI use, deterministic from
 * a seed: gemeenten with CBS figures, segments with their instruments, providers (some in
 * combinations), contracts of 4+1+1 years, products and tariffs, budgets sized from Iv3,
 * clients sized from CBS counts, and a demo user for every role. docs/demo-data.md says
 * which figure comes from which open-data file.
 */
import { sql } from 'kysely'
import { type Actor, type Role, systemActor } from '../auth/actor.ts'
import { createUser } from '../auth/session.queries.ts'
import { setGemeenteBudget, setProviderBudget } from '../budgets/budget.queries.ts'
import { type ClientInput, registerClients } from '../clients/client.queries.ts'
import { awardLot, createContract, decideExtension, listContracts } from '../contracts/contract.queries.ts'
import type { Database } from '../db/database.ts'
import { StatisticsAsItGrows } from '../db/statistics.ts'
import { withActor } from '../db/scope.ts'
import { createProduct, createTariff } from '../products/product.queries.ts'
import { createCombination, createProvider } from '../providers/provider.queries.ts'
import { findRegionByCode } from '../regions/region.queries.ts'
import { createSegment } from '../segments/segment.queries.ts'
import { addDays, addYears, today } from '../shared/dates.ts'
import { refreshAllForecasts } from '../budgets/forecast.queries.ts'
import { refreshBudgetSignals } from '../budgets/signal.queries.ts'
import { buildBestedingsruimte } from './build-bestedingsruimte.ts'
import { scaleBudgetsToHistory } from './build-budgets.ts'
import { buildHistory } from './build-history.ts'
import { buildDeclarations } from './build-declarations.ts'
import { buildTargets } from './build-targets.ts'
import { buildAccounts } from './build-accounts.ts'
import { refreshTargetSignals } from '../targets/target.queries.ts'
import { buildIntegriteit } from './build-integriteit.ts'
import { inSteps } from './steps.ts'
import { AppError } from '../shared/errors.ts'
import { indexTariff } from '../shared/money.ts'
import facts from './data/opendata-facts.json' with { type: 'json' }
import { type DemoRegionCode, demoRegions, instrumentsFor } from './regions.ts'
import { type Random, demoBsn, seededRandom } from './random.ts'

export const DEMO_PASSWORD = 'koers-demo'
/** The history's length: two and a half years, so that the last whole calendar year, the targets' baseline, is not the months in which the first clients arrive. */
const HISTORY_DAYS = 913

/** Yearly tariff indexation in the demo: 3.0 % (an example, not a seed figure). */
const INDEXATION_BP = 300
/** Budgets grow 3 % a year from the 2023 Iv3 realisation (example). */
const BUDGET_GROWTH_BP = 300

export interface DemoUser {
  username: string
  role: Role
  scope: string
}

export interface DemoResult {
  regionId: number
  regionName: string
  users: DemoUser[]
  counts: { gemeenten: number; segments: number; providers: number; products: number; clients: number; toewijzingen: number; messages: number; declaraties: number; prestaties: number; uitkomstmetingen: number; doelen: number }
}

export interface DemoOptions {
  seed?: number
  /** Fraction of the CBS client counts to generate (1 = full size). */
  clientScale?: number
  /** Budget years to generate. */
  budgetYears?: number[]
  /** Clients per gemeente with toegang history (0 for none). */
  historyClientsPerGemeente?: number
  /** The demo's today: the history ends here (default: today). */
  today?: string
  /** Told at each step of the build, in words, for a terminal (`koers start`, `koers demo`). */
  onProgress?: (line: string) => void
  /**
   * Only the region's own data (gemeenten, segments, providers, contracts, products, tariffs,
   * budgets) and its users: no clients, history or declarations, which an observing region takes
   * from its back office's archive (build-waarneming.ts). The same seed gives the same data.
   */
  zonderVerkeer?: boolean
  /**
   * Commit after each step instead of once at the end (src/demo/steps.ts): a tenth to a fifth
   * faster on the embedded engine (docs/benchmarks.md), but a failure leaves a half-built region behind. Only for a database that
   * is thrown away when the build fails.
   */
  perStep?: boolean
}

const words = ['Horizon', 'De Brug', 'Kompas', 'Lindenhof', 'Het Baken', 'Vitaal', 'Samen Verder', 'De Linde', 'Groeikracht', 'Zonnehuis', 'De Hoeve', 'Perspectief', 'Kwadrant', 'Anker', 'De Boog', 'Stroom', 'Veldzicht', 'Heuvelrug', 'Lekkerkerk', 'Eikenhof']
const kinds = ['Jeugdzorg', 'Zorggroep', 'Begeleiding', 'Ambulant', 'Jeugd & Gezin', 'Dagbesteding', 'GGZ', 'Wonen', 'Thuiszorg', 'Coaching']
// Invented names for demo clients (common Dutch family names; no real persons).
const familyNames: [string, string][] = [['', 'Jansen'], ['de', 'Vries'], ['van den', 'Berg'], ['', 'Bakker'], ['van', 'Dijk'], ['', 'Visser'], ['', 'Smit'], ['', 'Meijer'], ['de', 'Boer'], ['', 'Mulder'], ['de', 'Groot'], ['', 'Bos'], ['', 'Vos'], ['', 'Peters'], ['', 'Hendriks'], ['van', 'Leeuwen'], ['', 'Dekker'], ['', 'Brouwer'], ['de', 'Wit'], ['', 'Dijkstra']]
const initialsList = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'W', 'AM', 'JP']
const legalFormsWeighted = ['stichting', 'stichting', 'stichting', 'bv', 'bv', 'eenmanszaak', 'vof', 'cooperatie'] as const

export async function buildDemoRegion(db: Database, code: DemoRegionCode, options: DemoOptions = {}): Promise<DemoResult> {
  const spec = demoRegions[code]
  const random = seededRandom(options.seed ?? 2027)
  const clientScale = options.clientScale ?? 1
  const budgetYears = options.budgetYears ?? [2026, 2027]
  if (await findRegionByCode(db, spec.code)) {
    throw new AppError('demo.region_exists', `region ${spec.code} already exists; the demo is built once per database`)
  }

  const say = (step: number, text: string) => options.onProgress?.(`${step}/7 ${text}`)
  const gemeenteFacts = spec.gemeenteCodes.map((c) => {
    const f = facts.gemeenten.find((g) => g.cbsCode === c)
    if (!f) throw new Error(`no open-data facts for gemeente ${c}`)
    return f
  })
  // The budget figures are computed once at the end, not after every change of the history (inSteps).
  return inSteps(db, options.perStep ?? false, async (step) => {
    say(1, `${spec.name}: gemeenten, segments, providers, contracts and tariffs`)
    const { regionId, gemeenteIds, result } = await step(async (tx) => {
      const { id: regionId } = await tx.insertInto('region').values({ code: spec.code, name: spec.name }).returning('id').executeTakeFirstOrThrow()
      const gemeenteIds = new Map<string, number>()
      for (const g of gemeenteFacts) {
        const row = await tx.insertInto('gemeente').values({ region_id: regionId, cbs_code: g.cbsCode, name: g.name, population: g.population ?? 0 }).returning('id').executeTakeFirstOrThrow()
        gemeenteIds.set(g.cbsCode, row.id)
      }
      const regio = systemActor(regionId, 'demo')

      const result = await withActor(tx, regio, async (trx) => {
        // Budget of a segment for one gemeente in the base year 2023: its Iv3 taakvelden.
        const segmentBudget2023 = (seg: (typeof spec.segments)[number], g: (typeof gemeenteFacts)[number]) =>
          Object.entries(seg.taakvelden).reduce((sum, [tv, share]) => sum + Math.round(((g.iv3Jaarrekening2023EurosByTaakveld as Record<string, number>)[tv] ?? 0) * 100 * share), 0)

        // Segments.
        const segmentIds = new Map<string, number>()
        for (const seg of spec.segments) {
          const regionalBudget = gemeenteFacts.reduce((s, g) => s + segmentBudget2023(seg, g), 0)
          const id = await createSegment(trx, regionId, {
            wet: seg.wet,
            code: seg.code,
            name: seg.name,
            description: seg.description,
            parentId: seg.parentCode ? segmentIds.get(seg.parentCode)! : null,
            instruments: instrumentsFor(seg, spec.contract, regionalBudget),
          })
          segmentIds.set(seg.code, id)
        }

        // Providers: AGB codes start with the zorgsoort; names are invented.
        const providers: { id: number; name: string }[] = []
        const usedAgb = new Set<string>()
        for (let i = 0; i < spec.providerCount; i++) {
          let agb: string
          do agb = `${random.pick(['41', '75', '98', '90'])}${String(random.int(0, 999_999)).padStart(6, '0')}`
          while (usedAgb.has(agb))
          usedAgb.add(agb)
          let name: string
          do name = `${random.pick(words)} ${random.pick(kinds)}`
          while (providers.some((p) => p.name === name))
          const legalForm = random.pick(legalFormsWeighted)
          const id = await createProvider(trx, regionId, {
            agbCode: agb,
            kvkNumber: String(random.int(10_000_000, 99_999_999)),
            name: `${legalForm === 'stichting' ? 'Stichting ' : ''}${name}${legalForm === 'bv' ? ' B.V.' : ''}`,
            legalForm,
          })
          providers.push({ id, name })
        }
        // Two combinations of 2–3 providers with a main contractor (seed 004 §5.2).
        await createCombination(trx, regionId, { name: 'Combinatie Samen Thuis', leadProviderId: providers[0]!.id, subcontractorIds: [providers[1]!.id, providers[2]!.id] })
        await createCombination(trx, regionId, { name: 'Combinatie Gezin Centraal', leadProviderId: providers[3]!.id, subcontractorIds: [providers[4]!.id] })

        // Contracts: the previous one (all extensions taken) and the current strategy's.
        const contractSpecs = [...(spec.previousContract ? [spec.previousContract] : []), spec.contract]
        const segmentsWithProducts = spec.segments.filter((s) => s.products.length > 0 || s.parentCode === undefined)
        const contractIds: number[] = []
        for (const cs of contractSpecs) {
          const id = await createContract(trx, regionId, {
            reference: cs.reference,
            name: cs.name,
            startDate: cs.start,
            initialYears: cs.initialYears,
            extensionOptions: cs.extensionOptions,
            segmentIds: segmentsWithProducts.map((s) => segmentIds.get(s.code)!),
          })
          contractIds.push(id)
          if (cs !== spec.contract) {
            for (let n = 1; n <= cs.extensionOptions.length; n++) {
              await decideExtension(trx, regionId, { contractId: id, optionNumber: n, decision: 'verlengd', decidedOn: addYears(cs.start, cs.initialYears + n - 2), note: 'Verlengd: continuïteit van zorg tijdens de nieuwe inkoop.' })
            }
          }
        }

        // Awards: each provider in one to three segments, capped by the segment's maximum.
        const contracts = await listContracts(trx, { providerId: null })
        const awardedBySegment = new Map<string, number[]>()
        for (const [ci, contract] of contracts.entries()) {
          const cs = contractSpecs[ci]!
          for (const lot of contract.lots) {
            const seg = spec.segments.find((s) => segmentIds.get(s.code) === lot.segmentId)!
            const max = seg.maxProviders ?? Math.max(8, Math.round(spec.providerCount / 3))
            const chosen = pickDistinct(random, providers.length, Math.min(max, random.int(Math.min(max, 2), max)))
            for (const index of chosen) {
              const provider = providers[index]!
              const coversAll = random.next() < 0.7
              await awardLot(trx, regionId, {
                lotId: lot.id,
                providerId: provider.id,
                gemeenteIds: coversAll ? [...gemeenteIds.values()] : [...gemeenteIds.values()].filter(() => random.next() < 0.6).concat([...gemeenteIds.values()][0]!).filter((v, i, a) => a.indexOf(v) === i),
                validFrom: cs.start,
                validTo: null,
              })
              if (cs === spec.contract) awardedBySegment.set(seg.code, [...(awardedBySegment.get(seg.code) ?? []), provider.id])
            }
          }
        }

        // Products and a tariff per contract year, indexed yearly.
        let productCount = 0
        for (const seg of spec.segments) {
          for (const prod of seg.products) {
            const productId = await createProduct(trx, regionId, { segmentId: segmentIds.get(seg.code)!, ...prod })
            productCount++
            if (prod.variant === 'taakgericht') continue
            for (const [ci, cs] of contractSpecs.entries()) {
              const years = cs.initialYears + cs.extensionOptions.reduce((a, b) => a + b, 0)
              const firstYear = Number(cs.start.slice(0, 4))
              const base = indexTariff(prod.tariffCents, INDEXATION_BP, firstYear - Number(spec.contract.start.slice(0, 4)))
              for (let y = 0; y < years; y++) {
                const from = addYears(cs.start, y)
                await createTariff(trx, regionId, {
                  productId,
                  contractId: contractIds[ci]!,
                  validFrom: from,
                  validTo: addDays(addYears(from, 1), -1),
                  amountCents: indexTariff(base, INDEXATION_BP, y),
                  indexationBasisPoints: INDEXATION_BP,
                })
              }
            }
          }
        }

        // Budgets per gemeente × segment × year, and per provider (split over awarded providers).
        for (const year of budgetYears) {
          for (const seg of spec.segments) {
            const segmentId = segmentIds.get(seg.code)!
            const awarded = awardedBySegment.get(seg.code) ?? []
            for (const g of gemeenteFacts) {
              const base = segmentBudget2023(seg, g)
              if (base === 0) continue
              const amount = indexTariff(base, BUDGET_GROWTH_BP, year - 2023)
              const gemeenteId = gemeenteIds.get(g.cbsCode)!
              await setGemeenteBudget(trx, regio, { gemeenteId, segmentId, validFrom: `${year}-01-01`, validTo: `${year}-12-31`, amountCents: amount })
              if (awarded.length === 0) continue
              // Split the budget by random weights; the last provider takes the remainder so the parts add up to the cent.
              const weights = awarded.map(() => 0.5 + random.next())
              const total = weights.reduce((a, b) => a + b, 0)
              let left = amount
              for (const [i, providerId] of awarded.entries()) {
                const part = i === awarded.length - 1 ? left : Math.floor((amount * weights[i]!) / total)
                left -= part
                await setProviderBudget(trx, regio, { providerId, segmentId, gemeenteId, validFrom: `${year}-01-01`, validTo: `${year}-12-31`, amountCents: part })
              }
            }
          }
        }
        return { segmentIds, providers, productCount }
      })
      return { regionId, gemeenteIds, result }
    })

    if (options.zonderVerkeer) {
      const users = await step((tx) => addDemoUsers(tx, regionId, spec, gemeenteFacts.map((g) => ({ name: g.name, id: gemeenteIds.get(g.cbsCode)! }))))
      return { regionId, regionName: spec.name, users, counts: { gemeenten: gemeenteFacts.length, segments: result.segmentIds.size, providers: result.providers.length, products: result.productCount, clients: 0, toewijzingen: 0, messages: 0, declaraties: 0, prestaties: 0, uitkomstmetingen: 0, doelen: 0 } }
    }
    // Clients, registered by each gemeente's lokaal team.
    say(2, 'clients, sized from the CBS figures')
    let clientCount = 0
    const registered: { id: number; cbsCode: string; clients: (ClientInput & { familyName: string })[] }[] = []
    const usedBsn = new Set<string>()
    await step(async (tx) => {
      for (const g of gemeenteFacts) {
        const gemeenteId = gemeenteIds.get(g.cbsCode)!
        const youth = Math.round((g.youthWithCare2022 ?? 0) * clientScale)
        const adults = Math.round((g.wmoClients2021 ?? Math.round(((g.population ?? 0) * 60) / 1000)) * clientScale)
        const clients: ClientInput[] = []
        for (let i = 0; i < youth + adults; i++) {
          let bsn: string
          do bsn = demoBsn(random)
          while (usedBsn.has(bsn))
          usedBsn.add(bsn)
          const age = i < youth ? random.int(0, 22) : Math.min(99, 18 + Math.floor(Math.sqrt(random.next()) * 80))
          const birthYear = 2026 - age
          const [prefix, family] = random.pick(familyNames)
          clients.push({
            bsn,
            birthDate: `${birthYear}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
            familyName: family,
            namePrefix: prefix,
            initials: random.pick(initialsList),
            gender: random.pick(['1', '2'] as const),
            postcode: `${random.int(3400, 3999)}${random.pick(['AB', 'CD', 'EK', 'GH', 'LM', 'PR', 'ST', 'VW'])}`,
            huisnummer: random.int(1, 180),
          })
        }
        const lokaalTeam: Actor = { userId: null, name: 'demo', role: 'lokaal_team', regionId, gemeenteId, providerId: null }
        clientCount += await withActor(tx, lokaalTeam, (trx) => registerClients(trx, lokaalTeam, clients))
        registered.push({ id: gemeenteId, cbsCode: g.cbsCode, clients })
      }
    })

    // Two and a half years of requests, toewijzingen, starts, changes, stops and outcome measurements, through the inbox and the work queue.
    const until = options.today ?? today()
    // Statistics for what the build wrote (autovacuum sees only committed rows, and PGlite has
    // none), and again each time the history or the declarations doubled: without
    // them a look-up by the message key scans every message of the region (src/db/statistics.ts).
    await step((tx) => sql`analyze`.execute(tx))
    const gemeenteName = new Map(gemeenteFacts.map((g) => [g.cbsCode, g.name]))
    const history = await buildHistory(step, regionId, registered, random, {
      clientsPerGemeente: options.historyClientsPerGemeente ?? 150,
      from: addDays(until, -HISTORY_DAYS),
      until,
      onGemeente: (done, of, cbsCode) => say(3, `toegang history through the inbox: ${gemeenteName.get(cbsCode)} (${done + 1} of ${of} gemeenten)`),
      statistics: new StatisticsAsItGrows(),
    })
    // Each month's declarations (323) on the started toewijzingen, and the taakgericht payments.
    await step((tx) => sql`analyze`.execute(tx))
    const declared = await buildDeclarations(step, regionId, random, until, (done, of) => say(4, `monthly declarations (323) through the inbox: ${done} of ${of} sent`), new StatisticsAsItGrows())

    say(5, 'demo users, budgets, budget figures and signals')
    const users = await step(async (tx) => {
      // Demo users, one or more per role.
      const users = await addDemoUsers(tx, regionId, spec, gemeenteFacts.map((g) => ({ name: g.name, id: gemeenteIds.get(g.cbsCode)! })))
      // The budgets at the history's scale, then the live figures and signals as of the demo's today.
      await scaleBudgetsToHistory(tx, regionId, until, budgetYears, random)
      await refreshAllForecasts(tx, until, [regionId])
      await refreshBudgetSignals(tx, regionId, Number(until.slice(0, 4)), until)
      // Bestedingsruimte per provider for the year (art. 1.5): one past 70 % with its notice, one cliëntenstop.
      await buildBestedingsruimte(tx, regionId, until)
      return users
    })
    say(6, "the seeds' targets per segment, measured from the history, and their signals")
    const targets = await step(async (tx) => {
      // The strategy's targets per segment, measured from the history, and their signals.
      const targets = await buildTargets(tx, regionId, until)
      await refreshTargetSignals(tx, regionId, until)
      // Contract management: the region's team holds the accounts; the providers with a login had a conversation.
      const icm = await tx.selectFrom('app_user').where('region_id', '=', regionId).where('username', '=', `icm.${spec.slug}`).select('id').executeTakeFirstOrThrow()
      // The providers with a login (addDemoUsers: the three busiest, aanbieder1 … aanbieder3).
      const withLogin = await tx.selectFrom('app_user').where('region_id', '=', regionId).where('role', '=', 'aanbieder').where('provider_id', 'is not', null).select('provider_id').orderBy('username').execute()
      await buildAccounts(tx, regionId, icm.id, withLogin.map((u) => u.provider_id!), until)
      return targets
    })
    say(7, 'integrity registers, three years of annual accounts and their signals')
    await step((tx) => buildIntegriteit(tx, regionId, until, (options.seed ?? 2027) + 21))
    return {
      regionId,
      regionName: spec.name,
      users,
      counts: { gemeenten: gemeenteFacts.length, segments: result.segmentIds.size, providers: result.providers.length, products: result.productCount, clients: clientCount, toewijzingen: history.toewijzingen, messages: history.requests + history.starts + history.stops + declared.declaraties, declaraties: declared.declaraties, prestaties: declared.prestaties, uitkomstmetingen: history.measurements, doelen: targets },
    }
  })
}

/**
 * A demo user per role: the region's team, the supervisor, per gemeente its policy staff and
 * lokaal team, and the three providers with the most toewijzingen, so that a newcomer signing in
 * as a provider sees an inbox, clients and declarations (not one of the providers without
 * traffic). An observing region (without traffic yet) calls it again after its import for the
 * providers only. (Read on the builder's system connection: the region's team reads no client rows.)
 */
export async function addDemoUsers(tx: Database, regionId: number, spec: { slug: string; name: string }, gemeenten: { name: string; id: number }[], only: 'all' | 'aanbieders' = 'all'): Promise<DemoUser[]> {
  const users: DemoUser[] = []
  const addUser = async (username: string, displayName: string, role: Role, scope: string, gemeenteId: number | null = null, providerId: number | null = null) => {
    await createUser(tx, { regionId, username, displayName, password: DEMO_PASSWORD, role, gemeenteId, providerId })
    users.push({ username, role, scope })
  }
  const slug = spec.slug
  if (only === 'all') {
    await addUser(`icm.${slug}`, `Inkoop- en contractmanagement ${spec.name}`, 'regio', spec.name)
    await addUser(`toezicht.${slug}`, `Toezichthouder rechtmatigheid ${spec.name}`, 'toezichthouder', spec.name)
    for (const g of gemeenten) {
      const name = g.name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '')
      await addUser(`gemeente.${name}`, `Beleid en financiën ${g.name}`, 'gemeente', g.name, g.id)
      await addUser(`lokaalteam.${name}`, `Lokaal team ${g.name}`, 'lokaal_team', g.name, g.id)
    }
  }
  const busiest = await tx.selectFrom('toewijzing').innerJoin('provider', 'provider.id', 'toewijzing.provider_id').where('toewijzing.region_id', '=', regionId).select(['provider_id', 'provider.name', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['provider_id', 'provider.name']).orderBy('n', 'desc').orderBy('provider_id').limit(3).execute()
  for (const [index, p] of busiest.entries()) await addUser(`aanbieder${index + 1}.${slug}`, p.name, 'aanbieder', p.name, null, p.provider_id)
  return users
}

function pickDistinct(random: Random, n: number, k: number): number[] {
  const chosen = new Set<number>()
  while (chosen.size < Math.min(k, n)) chosen.add(random.int(0, n - 1))
  return [...chosen].sort((a, b) => a - b)
}
