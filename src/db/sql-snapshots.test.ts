/**
 * The SQL of every migration and of the named query helpers, committed as `.sql` files beside
 * the code that writes it (ADR 0014, after Immich's server/src/queries), so that a review sees
 * the SQL a change produces. Each helper runs against a Kysely whose driver records the
 * compiled statements instead of sending them (PostgreSQL's compiler, no database), with fixed
 * arguments; a helper that needs rows to go on gets canned ones. A changed statement fails here
 * until its snapshot is updated: `npm run generate:sql` (vitest -u on this file) and commit the
 * `.sql` diff with the change.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type CompiledQuery, type DatabaseConnection, type Driver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type QueryResult, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Actor } from '../auth/actor.ts'
import { listAuditLines } from '../auth/audit.queries.ts'
import { deleteEndedSessions, findSession, findUserByUsername, trustedDeviceKey } from '../auth/session.queries.ts'
import { figuresBy } from '../budgets/budget-figures.queries.ts'
import { providerBudgetProposals } from '../budgets/budget-proposal.queries.ts'
import { budgetChanges, getBudgetOverview } from '../budgets/budget.queries.ts'
import { dashboard } from '../budgets/dashboard.queries.ts'
import { yearFigures } from '../budgets/figures.queries.ts'
import { forecastsDeferred, oldestPeildatum, refreshForecast, storedMonths } from '../budgets/forecast.queries.ts'
import { listBudgetSignals, possibleOwners, runningSignals } from '../budgets/signal.queries.ts'
import { realisatie } from '../budgets/realisation.queries.ts'
import { taakveldTotals } from '../budgets/taakveld.queries.ts'
import { verplichtingen } from '../budgets/verplichting.queries.ts'
import { listBestedingsruimte, onvoldoendeInzetLijst, stopsForSegment } from '../bestedingsruimte/bestedingsruimte.queries.ts'
import { countClientsPerGemeente } from '../clients/client.queries.ts'
import { loadGezag } from '../clients/gezag.queries.ts'
import { listContracts } from '../contracts/contract.queries.ts'
import { withinMessageFaults } from '../declaraties/declaratie-inhoud.queries.ts'
import { declaratieRegels, listDeclaraties, listTaakgerichtBetalingen } from '../declaraties/declaratie.queries.ts'
import { firstDayWithCare, knownReferenties, loadContractTariffs } from '../declaraties/prestatie.queries.ts'
import { listSteekproeven, rechtmatigheidSignalen, steekproefRegels } from '../declaraties/rechtmatigheid.queries.ts'
import { listJaarrekeningen, listRegistraties, segmentsOfProviders } from '../integriteit/register.queries.ts'
import { betalingOpgeschort, listIntegriteitSignalen, signaalEigenaren } from '../integriteit/signaal.queries.ts'
import { ToewijzingStore } from '../declaraties/toewijzing-store.ts'
import { currentStarts, taakgerichtLedger, toewijzingLedger } from '../delivery/delivery.queries.ts'
import { toewijzingenKnownToProvider } from '../exchange/known-to-provider.ts'
import { searchMessages } from '../exchange/mailbox.queries.ts'
import { loadKpiFacts } from '../kpis/kpi.queries.ts'
import { moneyMonths, recomputedTrajecten, segmentsWithCare, trajecten } from '../kpis/traject.queries.ts'
import { outcomeWorklist } from '../outcomes/measurement.queries.ts'
import { listProducts } from '../products/product.queries.ts'
import { listCombinations, listPreferredSuppliers, listProviders } from '../providers/provider.queries.ts'
import { nameLookup } from '../regions/names.queries.ts'
import { getHuisstijl, setHuisstijl } from '../regions/huisstijl.queries.ts'
import { listGemeenten } from '../regions/region.queries.ts'
import { listRequests } from '../requests/request.queries.ts'
import { listSegments } from '../segments/segment.queries.ts'
import { listTargets } from '../targets/target.queries.ts'
import { listAccounts } from '../accounts/account.queries.ts'
import { listOpenTermijnen, loadTermijnFeiten, termijnScore } from '../termijnen/termijn.queries.ts'
import { loadPgbs } from '../toewijzingen/pgb.queries.ts'
import { loadToegangFacts, toewijzingTotals } from '../toewijzingen/toewijzing.queries.ts'
import type { Database } from './database.ts'
import { migrations } from './migrations/index.ts'
import type { DB } from './schema.ts'
import { type ScopedDb, enterScope, partyCondition } from './scope.ts'
import { nextNumber } from './sequences.ts'

type Rows = (query: CompiledQuery) => readonly Record<string, unknown>[]

/** A driver that records each compiled statement and answers with `rows` (none by default). */
class RecordingDriver implements Driver {
  statements: CompiledQuery[] = []
  rows: Rows = () => []
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return {
      executeQuery: async <R,>(query: CompiledQuery): Promise<QueryResult<R>> => {
        this.statements.push(query)
        return { rows: this.rows(query) as R[] }
      },
      // eslint-disable-next-line require-yield
      streamQuery: async function* () {
        throw new Error('streaming is not recorded')
      },
    }
  }
  async beginTransaction() {}
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection() {}
  async destroy() {}
}

const driver = new RecordingDriver()
const recorder = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})

const actor = (role: Actor['role'], ids: { gemeenteId?: number; providerId?: number } = {}): Actor => ({ userId: 7, name: role, role, regionId: 1, gemeenteId: ids.gemeenteId ?? null, providerId: ids.providerId ?? null })
const regio = actor('regio')
const gemeente = actor('gemeente', { gemeenteId: 2 })
const aanbieder = actor('aanbieder', { providerId: 3 })

interface Entry {
  /** How the helper is called, as the snapshot shows it. */
  call: string
  run: (trx: ScopedDb) => Promise<unknown>
  rows?: Rows
}

const one = (row: Record<string, unknown>): Rows => () => [row]
/** `row` for a select from `table` (its first `from`), none for anything else. */
const from = (table: string, row: Record<string, unknown>): Rows => (q) => (new RegExp(`^select .*? from "${table}" `).test(q.sql) ? [row] : [])

/** The helpers whose SQL is kept, per module (the snapshot is `<module>.sql` beside it). */
const modules: Record<string, Entry[]> = {
  'db/scope': [
    { call: 'enterScope(trx, gemeente)', run: (trx) => enterScope(trx, gemeente) },
    ...[regio, gemeente, aanbieder].map((a) => ({ call: `partyCondition(${a.role}, 't')`, run: (trx: ScopedDb) => sql`select 1 from toewijzing t where ${partyCondition(a, 't')}`.execute(trx) })),
  ],
  'db/sequences': [{ call: "nextNumber(trx, 1, 'toewijzing|2|jeugdwet')", run: (trx) => nextNumber(trx, 1, 'toewijzing|2|jeugdwet'), rows: one({ last: 1 }) }],
  'auth/session.queries': [
    { call: "findUserByUsername(db, 'anna')", run: (trx) => findUserByUsername(trx as unknown as Database, 'anna') },
    {
      call: "findSession(db, 'token', { now: 2025-06-15T12:00Z, idleMinutes: 30 }) (last seen 10 minutes before)",
      run: (trx) => findSession(trx as unknown as Database, 'token', { now: new Date('2025-06-15T12:00:00Z'), idleMinutes: 30 }),
      rows: from('session', { id: 7, region_id: 1, username: 'anna', display_name: 'Anna', password_hash: 'x', role: 'regio', gemeente_id: null, provider_id: null, csrf_token: 'c', expires_at: new Date('2025-06-15T18:00:00Z'), last_seen_at: new Date('2025-06-15T11:50:00Z') }),
    },
    { call: "deleteEndedSessions(db, { now: 2025-06-15T12:00Z, idleMinutes: 30 })", run: (trx) => deleteEndedSessions(trx as unknown as Database, { now: new Date('2025-06-15T12:00:00Z'), idleMinutes: 30 }) },
    { call: "trustedDeviceKey(db, 'token', 7, 2025-06-15T12:00Z)", run: (trx) => trustedDeviceKey(trx as unknown as Database, 'token', 7, new Date('2025-06-15T12:00:00Z')) },
  ],
  'budgets/figures.queries': [
    { call: "yearFigures(trx, regio, 2025, '2025-06-15')", run: (trx) => yearFigures(trx, regio, 2025, '2025-06-15') },
  ],
  'budgets/budget-figures.queries': [
    { call: "figuresBy(trx, gemeente, 2025, ['gemeente', 'segment'])", run: (trx) => figuresBy(trx, gemeente, 2025, ['gemeente', 'segment']) },
    { call: "figuresBy(trx, regio, 2025, ['provider'], { segmentId: 4 })", run: (trx) => figuresBy(trx, regio, 2025, ['provider'], { segmentId: 4 }) },
    { call: 'figuresBy(trx, regio, 2025, [])', run: (trx) => figuresBy(trx, regio, 2025, []) },
  ],
  'budgets/forecast.queries': [
    { call: "refreshForecast(trx, gemeente, 2025, '2025-06-15', { providerId: 3 }) (no keys)", run: (trx) => refreshForecast(trx, gemeente, 2025, '2025-06-15', { providerId: 3 }), rows: (q) => (q.sql.startsWith('delete from budget_prognose') ? [{ gemeente_id: 2, segment_id: 4 }] : []) },
    { call: 'forecastsDeferred(trx)', run: (trx) => forecastsDeferred(trx), rows: one({ deferred: 'ja' }) },
    { call: 'storedMonths(trx, gemeente, 2025)', run: (trx) => storedMonths(trx, gemeente, 2025) },
    { call: 'storedMonths(trx, aanbieder, 2025)', run: (trx) => storedMonths(trx, aanbieder, 2025) },
    { call: 'oldestPeildatum(db, 2025)', run: (trx) => oldestPeildatum(trx, 2025) },
  ],
  'budgets/dashboard.queries': [
    { call: 'dashboard(run, regio, 2025)', run: (trx) => dashboard((work) => work(trx), regio, 2025) },
    { call: 'dashboard(run, gemeente, 2025, { segmentId: 4 })', run: (trx) => dashboard((work) => work(trx), gemeente, 2025, { segmentId: 4 }) },
  ],
  'regions/names.queries': [{ call: 'nameLookup(trx, 1)', run: (trx) => nameLookup(trx, 1) }],
  'budgets/signal.queries': [
    { call: 'runningSignals(trx, gemeente, 2025, 8)', run: (trx) => runningSignals(trx, gemeente, 2025, 8) },
    { call: 'listBudgetSignals(trx, gemeente)', run: (trx) => listBudgetSignals(trx, gemeente) },
    { call: 'possibleOwners(trx, regio, 2)', run: (trx) => possibleOwners(trx, regio, 2) },
  ],
  'budgets/taakveld.queries': [{ call: 'taakveldTotals(trx, gemeente, 2025)', run: (trx) => taakveldTotals(trx, gemeente, 2025) }],
  'budgets/verplichting.queries': [
    { call: "verplichtingen(trx, ['gemeente', 'taakveld'], { jaar: 2025, scope: gemeente })", run: (trx) => verplichtingen(trx, ['gemeente', 'taakveld'], { jaar: 2025, scope: gemeente }) },
    { call: 'verplichtingen(trx, [])', run: (trx) => verplichtingen(trx, []) },
  ],
  'budgets/budget-proposal.queries': [{ call: 'providerBudgetProposals(trx, regio, { jaar: 2025 })', run: (trx) => providerBudgetProposals(trx, regio, { jaar: 2025 }) }],
  'budgets/budget.queries': [
    { call: 'budgetChanges(trx, regio, { jaar: 2025 })', run: (trx) => budgetChanges(trx, regio, { jaar: 2025 }) },
    { call: 'getBudgetOverview(trx, gemeente, 2025)', run: (trx) => getBudgetOverview(trx, gemeente, 2025) },
  ],
  'declaraties/prestatie.queries': [
    { call: "loadContractTariffs(trx, { regionId: 1, gemeenteId: 2, providerId: 3, wet: 'jeugdwet' })", run: (trx) => loadContractTariffs(trx, { regionId: 1, gemeenteId: 2, providerId: 3, wet: 'jeugdwet' }) },
    { call: "knownReferenties(trx, { regionId: 1, gemeenteId: 2, providerId: 3, wet: 'jeugdwet' }, ['R1'])", run: (trx) => knownReferenties(trx, { regionId: 1, gemeenteId: 2, providerId: 3, wet: 'jeugdwet' }, ['R1']) },
    { call: "firstDayWithCare(trx, { regionId: 1, gemeenteId: 2, providerId: 3, wet: 'jeugdwet' }, '2026-02-01', '2026-03-31')", run: (trx) => firstDayWithCare(trx, { regionId: 1, gemeenteId: 2, providerId: 3, wet: 'jeugdwet' }, '2026-02-01', '2026-03-31') },
  ],
  'exchange/known-to-provider': [
    { call: 'toewijzingenKnownToProvider(trx).select(…).where(toewijzing_nummer = 7)', run: (trx) => toewijzingenKnownToProvider(trx).select(['toewijzing.id', 'bekend.ingangsdatum', 'bekend.einddatum', 'bekend.status']).where('toewijzing.toewijzing_nummer', '=', 7).execute() },
  ],
  'toewijzingen/pgb.queries': [
    { call: "loadPgbs(trx, 5, 'jeugdwet')", run: (trx) => loadPgbs(trx, 5, 'jeugdwet') },
    { call: 'loadPgbs(trx, 5)', run: (trx) => loadPgbs(trx, 5) },
  ],
  'declaraties/toewijzing-store': [
    { call: "ToewijzingStore.load(trx, 1, { gemeenteId: 2, providerId: 3 }, 'jeugdwet')", run: (trx) => ToewijzingStore.load(trx, 1, { gemeenteId: 2, providerId: 3 } as never, 'jeugdwet'), rows: (q) => (q.sql.trimStart().startsWith('select count(*)') ? [{ n: 0, text: null, last: null }] : []) },
  ],
  'budgets/realisation.queries': [
    { call: "realisatie(trx, ['gemeente', 'maand', 'taakveld'], { van: '2025-01-01', tot: '2025-12-01', scope: aanbieder })", run: (trx) => realisatie(trx, ['gemeente', 'maand', 'taakveld'], { van: '2025-01-01', tot: '2025-12-01', scope: aanbieder }) },
    { call: 'realisatie(trx, [])', run: (trx) => realisatie(trx, []) },
  ],
  'declaraties/declaratie.queries': [
    { call: 'listDeclaraties(trx)', run: (trx) => listDeclaraties(trx) },
    { call: 'declaratieRegels(trx, 5)', run: (trx) => declaratieRegels(trx, 5), rows: from('declaratie', { id: 5 }) },
    { call: 'listTaakgerichtBetalingen(trx)', run: (trx) => listTaakgerichtBetalingen(trx) },
  ],
  'declaraties/declaratie-inhoud.queries': [{ call: 'withinMessageFaults(trx, { from: 1, to: 10 })', run: (trx) => withinMessageFaults(trx, { from: 1, to: 10 }), rows: one({ TR101: null, TR315: null, TR316: null, TR416: null }) }],
  'declaraties/rechtmatigheid.queries': [
    { call: 'listSteekproeven(trx)', run: (trx) => listSteekproeven(trx) },
    { call: 'steekproefRegels(trx, 5)', run: (trx) => steekproefRegels(trx, 5), rows: from('steekproef', { id: 5 }) },
    { call: 'rechtmatigheidSignalen(trx)', run: (trx) => rechtmatigheidSignalen(trx) },
  ],
  'integriteit/register.queries': [
    { call: 'listRegistraties(trx, regio, 3)', run: (trx) => listRegistraties(trx, regio, 3) },
    { call: 'listJaarrekeningen(trx, regio, [3, 4])', run: (trx) => listJaarrekeningen(trx, regio, [3, 4]) },
    { call: 'segmentsOfProviders(trx, 1)', run: (trx) => segmentsOfProviders(trx, 1) },
  ],
  'integriteit/signaal.queries': [
    { call: "listIntegriteitSignalen(trx, regio, { status: 'lopend', providerId: 3 })", run: (trx) => listIntegriteitSignalen(trx, regio, { status: 'lopend', providerId: 3 }) },
    { call: 'signaalEigenaren(trx, regio)', run: (trx) => signaalEigenaren(trx, regio) },
    { call: 'betalingOpgeschort(trx, gemeente, [3])', run: (trx) => betalingOpgeschort(trx, gemeente, [3]) },
  ],
  'kpis/traject.queries': [
    { call: "trajecten(trx, '2025-06-15')", run: (trx) => trajecten(trx, '2025-06-15') },
    { call: "trajecten(trx, '2025-06-15', { segmentIds: [3, 4], providerId: 7 })", run: (trx) => trajecten(trx, '2025-06-15', { segmentIds: [3, 4], providerId: 7 }) },
    { call: "trajecten(trx, '2025-06-15', { segmentIds: [3, 4], clientsFrom: '2025-01-01' })", run: (trx) => trajecten(trx, '2025-06-15', { segmentIds: [3, 4], clientsFrom: '2025-01-01' }) },
    { call: "trajecten(trx, '2025-06-15', { segmentIds: [3, 4], clientsFrom: '2025-01-01', endedDetailsIn: { from: '2025-01-01', to: '2025-06-15' } })", run: (trx) => trajecten(trx, '2025-06-15', { segmentIds: [3, 4], clientsFrom: '2025-01-01', endedDetailsIn: { from: '2025-01-01', to: '2025-06-15' } }) },
    { call: "segmentsWithCare(trx, '2025-06-15', 7, { from: '2025-01-01', to: '2025-06-15' })", run: (trx) => segmentsWithCare(trx, '2025-06-15', 7, { from: '2025-01-01', to: '2025-06-15' }) },
    { call: "recomputedTrajecten(trx, '2025-06-15')", run: (trx) => recomputedTrajecten(trx, '2025-06-15') },
    { call: "moneyMonths(trx, gemeente, '2024-07-01', '2025-06-15')", run: (trx) => moneyMonths(trx, gemeente, '2024-07-01', '2025-06-15') },
    { call: "moneyMonths(trx, gemeente, '2024-07-01', '2025-06-15', [3, 4])", run: (trx) => moneyMonths(trx, gemeente, '2024-07-01', '2025-06-15', [3, 4]) },
  ],
  'kpis/kpi.queries': [
    { call: "loadKpiFacts(trx, regio, '2025-06-15', '2024-07-01')", run: (trx) => loadKpiFacts(trx, regio, '2025-06-15', '2024-07-01') },
    { call: "loadKpiFacts(trx, regio, '2025-06-15', '2024-07-01', new Set([3]))", run: (trx) => loadKpiFacts(trx, regio, '2025-06-15', '2024-07-01', new Set([3])) },
  ],
  'toewijzingen/toewijzing.queries': [
    {
      call: 'loadToegangFacts(trx, client 9, product 6)',
      run: (trx) => loadToegangFacts(trx, { id: 9, gemeente_id: 2, birth_date: '2012-05-01', wijk_code: null, family_name: 'Jansen' }, 6),
      rows: (q) => [from('product', { id: 6, segment_id: 4 }), from('segment', { id: 4 }), from('client', { gezag_bij_client: false })].flatMap((r) => r(q)),
    },
    { call: "toewijzingTotals(trx, '2025-06-15')", run: (trx) => toewijzingTotals(trx, '2025-06-15') },
  ],
  'bestedingsruimte/bestedingsruimte.queries': [
    {
      call: "listBestedingsruimte(trx, aanbieder, { jaar: 2025 }, '2025-06-15')",
      run: (trx) => listBestedingsruimte(trx, aanbieder, { jaar: 2025 }, '2025-06-15'),
      rows: from('bestedingsruimte', { id: 1, provider_id: 3, segment_id: null, jaar: 2025, ingangsdatum: '2025-01-01', bedrag_cents: 100_000_00, toelichting: '', voornemen_gemeld_op: null, besluit_gemeld_op: null }),
    },
    { call: 'stopsForSegment(trx, 4)', run: (trx) => stopsForSegment(trx, 4) },
    { call: "onvoldoendeInzetLijst(trx, regio, '2025-06-15', 10)", run: (trx) => onvoldoendeInzetLijst(trx, regio, '2025-06-15', 10), rows: from('contract_award', { provider_id: 3, start: '2024-01-01' }) },
  ],
  'termijnen/termijn.queries': [
    { call: "loadTermijnFeiten(trx, '2025-01-01', '2025-06-30')", run: (trx) => loadTermijnFeiten(trx, '2025-01-01', '2025-06-30') },
    { call: "listOpenTermijnen(trx, gemeente, '2025-06-15')", run: (trx) => listOpenTermijnen(trx, gemeente, '2025-06-15') },
    { call: "termijnScore(trx, regio, '2025-01-01', '2025-06-30', '2025-06-15')", run: (trx) => termijnScore(trx, regio, '2025-01-01', '2025-06-30', '2025-06-15') },
  ],
  'delivery/delivery.queries': [
    { call: 'currentStarts(trx, [5, 6])', run: (trx) => currentStarts(trx, [5, 6]) },
    { call: 'toewijzingLedger(trx, 5)', run: (trx) => toewijzingLedger(trx, 5) },
    { call: "taakgerichtLedger(trx, { gemeenteId: 2, providerId: 3, bsn: '111111110', productId: 6 })", run: (trx) => taakgerichtLedger(trx, { gemeenteId: 2, providerId: 3, bsn: '111111110', productId: 6 }) },
  ],
  'requests/request.queries': [{ call: 'listRequests(trx, gemeente)', run: (trx) => listRequests(trx, gemeente) }],
  'exchange/mailbox.queries': [{ call: "searchMessages(trx, aanbieder, { direction: 'out', code: '301', sort: 'dagtekening' }, { limit: 50, offset: 0 })", run: (trx) => searchMessages(trx, aanbieder, { direction: 'out', code: '301', sort: 'dagtekening' }, { limit: 50, offset: 0 }), rows: (q) => (q.sql.includes('count(*)') ? [{ n: 0 }] : []) }],
  'outcomes/measurement.queries': [{ call: "outcomeWorklist(trx, aanbieder, {}, '2025-06-15')", run: (trx) => outcomeWorklist(trx, aanbieder, {}, '2025-06-15') }],
  'auth/audit.queries': [
    {
      call: "listAuditLines(trx, gemeente, { from: '2025-01-01', to: '2025-06-30', client: 'K-1' }, { limit: 100, offset: 0 })",
      run: (trx) => listAuditLines(trx, gemeente, { from: '2025-01-01', to: '2025-06-30', client: 'K-1' }, { limit: 100, offset: 0 }),
      rows: (q) => (q.sql.includes('count(*)') ? [{ n: 0 }] : []),
    },
  ],
  'clients/client.queries': [{ call: 'countClientsPerGemeente(trx, regio)', run: (trx) => countClientsPerGemeente(trx, regio) }],
  'clients/gezag.queries': [{ call: 'loadGezag(trx, 9)', run: (trx) => loadGezag(trx, 9), rows: from('client', { gezag_bij_client: false }) }],
  'contracts/contract.queries': [{ call: 'listContracts(trx, { providerId: null })', run: (trx) => listContracts(trx, { providerId: null }) }],
  'products/product.queries': [{ call: 'listProducts(trx)', run: (trx) => listProducts(trx) }],
  'providers/provider.queries': [
    { call: 'listProviders(trx, { providerId: null })', run: (trx) => listProviders(trx, { providerId: null }) },
    { call: 'listCombinations(trx)', run: (trx) => listCombinations(trx) },
    { call: 'listPreferredSuppliers(trx)', run: (trx) => listPreferredSuppliers(trx) },
  ],
  'regions/huisstijl.queries': [
    { call: 'getHuisstijl(trx, 1)', run: (trx) => getHuisstijl(trx, 1), rows: one({ name: 'Zuidoost-Utrecht', logo: null, primary_colour: null, band_colour: null }) },
    {
      call: "setHuisstijl(trx, regio, { primaryColour: '#0b5b7a', bandColour: '#0b3d5c', logo: null })",
      run: (trx) => setHuisstijl(trx, regio, { primaryColour: '#0b5b7a', bandColour: '#0b3d5c', logo: null }),
      rows: one({ name: 'Zuidoost-Utrecht', logo: null, primary_colour: '#0b5b7a', band_colour: '#0b3d5c' }),
    },
  ],
  'regions/region.queries': [{ call: 'listGemeenten(trx)', run: (trx) => listGemeenten(trx) }],
  'segments/segment.queries': [{ call: 'listSegments(trx)', run: (trx) => listSegments(trx) }],
  'targets/target.queries': [{ call: 'listTargets(trx, 1)', run: (trx) => listTargets(trx, 1) }],
  'accounts/account.queries': [{ call: "listAccounts(trx, regio, '2025-06-15')", run: (trx) => listAccounts(trx, regio, '2025-06-15') }],
}

const HEADER = '-- NOTE: generated by src/db/sql-snapshots.test.ts; do not edit. Update with `npm run generate:sql`.'

/** Template SQL keeps its own lines, dedented; a query builder's comes on one line, so its clauses get lines of their own. */
function layout(text: string, builder: boolean): string {
  const trimmed = text.trim()
  if (builder) return trimmed.replace(/ (from|inner join|left join|right join|full join|cross join|where|group by|having|order by|limit|offset|returning|values|on conflict|union all|union) /g, '\n  $1 ')
  const [first, ...rest] = trimmed.split('\n')
  const indents = rest.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length)
  const cut = Math.max(0, (indents.length > 0 ? Math.min(...indents) : 0) - 2)
  return [first, ...rest.map((l) => l.slice(cut).trimEnd())].join('\n')
}

async function record(entries: readonly Entry[]): Promise<string> {
  const parts = [HEADER]
  for (const entry of entries) {
    driver.statements = []
    driver.rows = entry.rows ?? (() => [])
    await recorder.transaction().execute((trx) => entry.run(trx))
    parts.push(`-- ${entry.call}\n${driver.statements.map((q) => `${layout(q.sql, q.query.kind !== 'RawNode')};`).join('\n\n')}`)
  }
  return `${parts.join('\n\n')}\n`
}

const src = fileURLToPath(new URL('../', import.meta.url))
const migrationSnapshot = (name: string) => `migrations/${name}.sql`

describe('compiled SQL', () => {
  it.each(Object.keys(modules))('of %s is its committed snapshot', async (module) => {
    await expect(await record(modules[module]!)).toMatchFileSnapshot(`../${module}.sql`)
  })

  it.each(migrations.map((m) => m.name))('of migration %s is its committed snapshot', async (name) => {
    const migration = migrations.find((m) => m.name === name)!
    const text = [HEADER, `-- ${name}`, ...migration.statements.map((s) => `${layout(s, false)};`)].join('\n\n')
    await expect(`${text}\n`).toMatchFileSnapshot(migrationSnapshot(name))
  })

  it('leaves no snapshot that nothing writes any more', () => {
    const written = new Set([...Object.keys(modules).map((m) => `${m}.sql`), ...migrations.map((m) => `db/${migrationSnapshot(m.name)}`)])
    const found = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.sql') && readFileSync(`${src}/${f}`, 'utf8').startsWith(HEADER))
      .map((f) => relative(src, `${src}/${f}`))
    expect(found.filter((f) => !written.has(f))).toEqual([])
  })
})
