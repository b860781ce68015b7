import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findUserByUsername } from '../auth/session.queries.ts'
import { verifyPassword } from '../auth/password.ts'
import { addDays } from '../shared/dates.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { DEMO_BUILD_LIMIT, DEMO_OPTIONS, DEMO_REGION, DEMO_TODAY, demoDatabase } from '../test/demo-database.ts'
import { measuredTargets } from '../targets/target.queries.ts'
import { listBestedingsruimte, listClientenstops } from '../bestedingsruimte/bestedingsruimte.queries.ts'
import { withActor } from '../db/scope.ts'
import { DEMO_PASSWORD, type DemoResult, buildDemoRegion } from './build-demo.ts'

/** The history is two and a half years (913 days) up to the demo's today; the targets' baseline is the last whole year. */
const HISTORY_FROM = addDays(DEMO_TODAY, -913)
const BASELINE_YEAR = Number(DEMO_TODAY.slice(0, 4)) - 1

describe.each(engines)('the demo region on %s', (engine) => {
  let database: TestDatabase
  let result: DemoResult
  // The demo the other tests use too (src/test/demo-database.ts); this file may be the one that builds it.
  beforeAll(async () => {
    ;({ database, demo: result } = await demoDatabase(engine))
  }, DEMO_BUILD_LIMIT)
  afterAll(() => database.dispose())

  it('builds Zuidoost-Utrecht from the CBS figures', async () => {
    expect(result.counts).toMatchObject({ gemeenten: 5, segments: 8, providers: 40, products: 12 })
    const gemeenten = await database.db.selectFrom('gemeente').select(['cbs_code', 'name', 'population']).orderBy('cbs_code').execute()
    expect(gemeenten).toContainEqual({ cbs_code: '0355', name: 'Zeist', population: 65_987 })
    // 2 % of (2,345 youths + 4,635 Wmo clients) in Zeist.
    const zeist = await database.db.selectFrom('client').innerJoin('gemeente', 'gemeente.id', 'client.gemeente_id').where('gemeente.cbs_code', '=', '0355').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(zeist.n)).toBe(Math.round(2345 * 0.02) + Math.round(4635 * 0.02))
  })

  it('splits every gemeente budget over providers to the cent', async () => {
    const gemeente = await database.db.selectFrom('budget_gemeente').select(['gemeente_id', 'segment_id', 'valid_from', 'amount_cents']).execute()
    const providers = await database.db.selectFrom('budget_provider').select(['gemeente_id', 'segment_id', 'valid_from', 'amount_cents']).execute()
    const key = (r: { gemeente_id: number; segment_id: number; valid_from: string }) => `${r.gemeente_id}/${r.segment_id}/${r.valid_from}`
    const sums = new Map<string, number>()
    for (const p of providers) sums.set(key(p), (sums.get(key(p)) ?? 0) + p.amount_cents)
    expect(gemeente.length).toBeGreaterThan(0)
    for (const g of gemeente) expect(sums.get(key(g))).toBe(g.amount_cents)
  })

  it('carries two and a half years of toegang history, made through the inbox and the work queue', async () => {
    expect(result.counts.toewijzingen).toBeGreaterThan(20)
    const count = async (table: 'care_request' | 'toewijzing' | 'care_start' | 'care_stop') => Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    expect(await count('toewijzing')).toBe(result.counts.toewijzingen)
    // Most toewijzingen answer a provider's 315; follow-ups (afschaling, a switch, re-entry) the lokaal team issues itself.
    const direct = Number((await database.db.selectFrom('toewijzing').where('request_id', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    expect(direct).toBeGreaterThan(0)
    expect(await count('care_request')).toBeGreaterThanOrEqual(await count('toewijzing') - direct)
    expect(await count('care_start')).toBeGreaterThan(0)
    expect(await count('care_stop')).toBeGreaterThan(0)
    const messages = await database.db.selectFrom('message').select(['direction', 'code', 'state', 'dagtekening']).execute()
    expect(messages.filter((m) => m.direction === 'in').length).toBe(result.counts.messages)
    expect(messages.every((m) => m.dagtekening <= DEMO_TODAY && m.dagtekening >= HISTORY_FROM)).toBe(true)
    // A declaration of one line with a wrong tariff is refused whole; everything else is processed.
    expect(messages.filter((m) => m.direction === 'in' && m.code !== '323').every((m) => m.state === 'verwerkt')).toBe(true)
    expect(new Set(messages.filter((m) => m.direction === 'out').map((m) => m.code))).toEqual(new Set(['301', '306', '308', '316', '319', '325']))
  })

  it('declares every month on the started toewijzingen, with a few mistakes, through the inbox', async () => {
    expect(result.counts.declaraties).toBeGreaterThan(20)
    const lines = await database.db.selectFrom('declaratie_regel').select(['goedgekeurd', 'retour_codes', 'bedrag_cents']).execute()
    expect(lines.length).toBe(result.counts.prestaties)
    const refused = new Set(lines.flatMap((l) => l.retour_codes))
    expect(refused).toContain('0611')
    expect(refused).toContain('9389')
    expect(lines.filter((l) => l.goedgekeurd).length / lines.length).toBeGreaterThan(0.9)
    const realised = await database.db.selectFrom('realisatie_maand').select((eb) => [eb.fn.sum<number>('debet_cents').as('d'), eb.fn.sum<number>('credit_cents').as('c')]).executeTakeFirstOrThrow()
    expect(Number(realised.d) - Number(realised.c)).toBe(lines.filter((l) => l.goedgekeurd).reduce((sum, l) => sum + l.bedrag_cents, 0))
  })

  it('measures outcomes at T1, T2 and T3 and sets the seeds\' targets with a measured baseline', async () => {
    const moments = await database.db.selectFrom('uitkomst_meting').select(['moment', 'bron']).execute()
    expect(moments.length).toBe(result.counts.uitkomstmetingen)
    expect(new Set(moments.map((m) => `${m.moment} ${m.bron}`))).toEqual(new Set(['T1 aanbieder', 'T2 aanbieder', 'T3 lokaal_team']))
    const targets = await database.db.selectFrom('strategie_doel').select(['kpi', 'basis_van', 'basis_tot', 'basis_waarde', 'doel_waarde', 'richting']).execute()
    expect(targets.length).toBe(result.counts.doelen)
    expect(targets.length).toBeGreaterThan(0)
    for (const t of targets) {
      expect([t.basis_van, t.basis_tot]).toEqual([`${BASELINE_YEAR}-01-01`, `${BASELINE_YEAR}-12-31`])
      expect(t.richting === 'omlaag' ? t.doel_waarde < t.basis_waarde : t.doel_waarde > t.basis_waarde).toBe(true)
    }
  })

  it("measures every target against a complete baseline, over windows as long as the baseline (the Wmo's taakgericht payments run since January of the baseline year)", async () => {
    const measured = await measuredTargets(database.db, result.regionId, DEMO_TODAY)
    expect(measured.length).toBe(result.counts.doelen)
    for (const t of measured) {
      expect(t.voortgang.reden).toBeNull()
      expect(t.voortgang.toelichting).toContain('12 maanden')
    }
    // "10 % naar voorliggende voorzieningen": a year against a year, not a month against a year.
    const voorliggend = measured.filter((t) => t.naam === '10 % naar voorliggende voorzieningen' && t.voortgang.laatste?.waarde != null)
    expect(voorliggend.length).toBeGreaterThan(0)
    for (const t of voorliggend) expect(t.voortgang.laatste!.waarde! / t.basisWaarde).toBeLessThan(2)
  })

  it('gives providers a bestedingsruimte for the year: the busiest past 70 % with its notice sent and the consultation planned, one cliëntenstop (art. 1.5)', async () => {
    const regio = { userId: null, name: 'test', role: 'regio' as const, regionId: result.regionId, gemeenteId: null, providerId: null }
    const rooms = await withActor(database.db, regio, (trx) => listBestedingsruimte(trx, regio, { jaar: Number(DEMO_TODAY.slice(0, 4)) }, DEMO_TODAY))
    expect(rooms.length).toBeGreaterThan(1)
    const signalled = rooms.filter((r) => r.status.signalen.length > 0)
    expect(signalled).toHaveLength(1)
    expect(signalled[0]!.status.benutPct).toBeCloseTo(75, 0)
    expect(signalled[0]!.melding).toMatchObject({ soort: 'zeventig_procent', gemeldOp: addDays(DEMO_TODAY, -7), overlegGeplandOp: addDays(DEMO_TODAY, 3), klokken: { fase: 'overleg', overlegTeLaat: false } })
    expect(rooms.filter((r) => r.aankondiging.bevindingen.length > 0).map((r) => r.aankondiging.besluitOpTijd)).toEqual([false])
    const stops = await withActor(database.db, regio, (trx) => listClientenstops(trx, regio, {}, DEMO_TODAY))
    expect(stops).toEqual([expect.objectContaining({ van: addDays(DEMO_TODAY, -21), tot: null, actief: true })])
  })

  it('makes a demo user for every role, with the printed password', async () => {
    expect(new Set(result.users.map((u) => u.role))).toEqual(new Set(['regio', 'gemeente', 'lokaal_team', 'aanbieder', 'toezichthouder']))
    const user = await findUserByUsername(database.db, 'lokaalteam.zeist')
    expect(user && (await verifyPassword(user.passwordHash, DEMO_PASSWORD))).toBe(true)
  })

  it('gives the demo provider users the providers with the most traffic, so a newcomer signing in as one sees work', async () => {
    const perProvider = await database.db.selectFrom('toewijzing').select(['provider_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('provider_id').execute()
    const counts = perProvider.map((r) => Number(r.n)).sort((a, b) => b - a)
    const providerUsers = await database.db.selectFrom('app_user').where('role', '=', 'aanbieder').select(['username', 'provider_id']).orderBy('username').execute()
    expect(providerUsers.map((u) => u.username)).toEqual(['aanbieder1.zou', 'aanbieder2.zou', 'aanbieder3.zou'])
    const theirs = providerUsers.map((u) => Number(perProvider.find((r) => r.provider_id === u.provider_id)?.n ?? 0))
    expect(theirs).toEqual(counts.slice(0, 3))
    expect(theirs.every((n) => n > 0)).toBe(true)
  })

  // On PGlite a second build must equal the first; on PostgreSQL the build must equal PGlite's, so
  // the seed gives the same demo on both engines (and a second build is not paid for twice).
  it(engine === 'pglite' ? 'is the same for the same seed' : 'is the same on both engines for the same seed', async () => {
    const rebuild = async () => {
      const database = await freshDatabase('pglite')
      return { database, demo: await buildDemoRegion(database.db, DEMO_REGION, DEMO_OPTIONS) }
    }
    const { database: other, demo: again } = engine === 'pglite' ? await rebuild() : await demoDatabase('pglite')
    const names = (db: TestDatabase) => db.db.selectFrom('provider').select(['agb_code', 'name']).orderBy('agb_code').execute()
    expect(await names(other)).toEqual(await names(database))
    expect(again.users.map((u) => u.username)).toEqual(result.users.map((u) => u.username))
    // A ToewijzingNummer is unique per gemeente and law; the order of rows on disk may differ (the shared demo is built step by step).
    const ledger = (db: TestDatabase) => db.db.selectFrom('toewijzing').select(['gemeente_id', 'toewijzing_nummer', 'ingangsdatum', 'einddatum', 'verplichting_cents']).orderBy('gemeente_id').orderBy('wet').orderBy('toewijzing_nummer').execute()
    expect(await ledger(other)).toEqual(await ledger(database))
    expect(again.counts).toEqual(result.counts)
    await other.dispose()
  }, DEMO_BUILD_LIMIT)

  it('gives every provider an integrity register and annual accounts, and shows each kind of integrity signal at least once', async () => {
    const registers = await database.db.selectFrom('integriteit_registratie').select('provider_id').distinct().execute()
    expect(registers).toHaveLength(40)
    const accounts = await database.db.selectFrom('jaarrekening').select(['provider_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('provider_id').execute()
    expect(accounts).toHaveLength(40)
    // Three years each, but the one whose last account is missing.
    expect(accounts.map((a) => Number(a.n)).sort()).toEqual([2, ...Array(39).fill(3)])
    const kinds = await database.db.selectFrom('integriteit_signaal').select('soort').distinct().orderBy('soort').execute()
    expect(kinds.map((k) => k.soort)).toEqual(['bibob_negatief', 'declaraties_boven_omzet', 'inhuur_hoog', 'jaarrekening_ontbreekt', 'liquiditeit_laag', 'maatregel_niet_gemeld', 'solvabiliteit_laag', 'ubo_ontbreekt', 'ubo_op_sanctielijst', 'winst_boven_maximum'])
    // The first demo provider user misses its UBO report: payments to be suspended.
    const first = await database.db.selectFrom('app_user').where('username', '=', 'aanbieder1.zou').select('provider_id').executeTakeFirstOrThrow()
    const ubo = await database.db.selectFrom('integriteit_signaal').where('soort', '=', 'ubo_ontbreekt').select('provider_id').execute()
    expect(ubo.map((u) => u.provider_id)).toEqual([first.provider_id])
    expect(await database.db.selectFrom('rechtmatigheid_onderzoek').select('id').execute()).toHaveLength(1)
  })

  it('refuses to build the same region twice', async () => {
    await expect(buildDemoRegion(database.db, DEMO_REGION, { clientScale: 0.02 })).rejects.toMatchObject({ reason: 'demo.region_exists' })
  })
})

/**
 * The demo's ledger as a digest, built on a fixed day: a change that is meant to make the build
 * faster must leave what it builds alone (issue 19 §4). Toewijzingen as they stand (dates,
 * status, last RedenWijziging, version, commitment), requests and their status, every message's
 * type, identificatie, state and retourcodes — which carries the answers, starts and stops —
 * and declarations and their prestaties with what was granted, by their numbers, not by
 * surrogate ids. Not in it: beschikkingen, outcome measurements, taakgericht payments, budgets.
 * When the demo is changed on purpose, the new digest is written here with the reason in the commit.
 */
const LEDGER = { lines: 2591, digest: '9a8e299753a2654e21c8a19731f4d638ea793737448365f9337bcb1ca78d353c' }

/** The ledger as one line per row, sorted (see LEDGER). */
async function ledgerDigest(db: TestDatabase['db']): Promise<{ lines: number; digest: string }> {
  const { rows } = await sql<{ line: string }>`
    select concat_ws('|', 'toewijzing', g.cbs_code, t.wet, t.toewijzing_nummer, p.agb_code, pr.productcode, t.ingangsdatum, t.einddatum, t.status, t.reden_wijziging, t.version, t.verplichting_cents) as line
      from toewijzing t join gemeente g on g.id = t.gemeente_id join provider p on p.id = t.provider_id join product pr on pr.id = t.product_id
    union all
    select concat_ws('|', 'verzoek', r.referentie_aanbieder, r.kind, r.status, r.received_on) from care_request r
    union all
    select concat_ws('|', 'bericht', m.direction, m.wet, m.code, m.sender_code, m.receiver_code, m.identificatie, m.dagtekening, m.state, array_to_string(m.retour_codes, ',')) from message m
    union all
    select concat_ws('|', 'declaratie', g.cbs_code, p.agb_code, d.declaratie_nummer, d.periode_begin, d.ingediend_cents, d.toegekend_cents, d.goedgekeurd, d.afgewezen)
      from declaratie d join gemeente g on g.id = d.gemeente_id join provider p on p.id = d.provider_id
    union all
    select concat_ws('|', 'prestatie', d.declaratie_nummer, r.referentie_nummer, r.toewijzing_nummer, r.begindatum, r.einddatum, r.bedrag_cents, r.goedgekeurd, array_to_string(r.retour_codes, ','))
      from declaratie_regel r join declaratie d on d.id = r.declaratie_id
    order by 1`.execute(db)
  return { lines: rows.length, digest: createHash('sha256').update(rows.map((r) => r.line).join('\n')).digest('hex') }
}

describe('the demo ledger', () => {
  // In one transaction (`koers demo`), and committed step by step (`koers start`'s first build, src/demo/steps.ts).
  it.each([false, true])('is what the demo built before the build was made faster (digest of the ledger on a fixed day; per step: %s)', async (perStep) => {
    const database = await freshDatabase('pglite')
    try {
      await buildDemoRegion(database.db, DEMO_REGION, { ...DEMO_OPTIONS, today: '2026-11-30', budgetYears: [2026, 2027], perStep })
      expect(await ledgerDigest(database.db)).toEqual(LEDGER)
    } finally {
      await database.dispose()
    }
  }, DEMO_BUILD_LIMIT)
})
