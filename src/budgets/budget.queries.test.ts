import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../auth/actor.ts'
import { withActor } from '../db/scope.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { declaratie323 } from '../test/declaratie-scenario.ts'
import { newUser } from '../test/factory.ts'
import { httpSessions } from '../test/http-sessions.ts'
import { monthEnd } from '../shared/dates.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { importGemeenteBudgets } from './budget-import.ts'
import { csvRows } from '../shared/spreadsheet.ts'
import { melding } from '../shared/meldingen.ts'
import { adoptProposals, providerBudgetProposals } from './budget-proposal.queries.ts'
import { budgetChanges, setYearBudget } from './budget.queries.ts'
import { figuresBy } from './budget-figures.queries.ts'
import { spreadCents } from './commitment.rules.ts'
import { dashboard } from './dashboard.queries.ts'
import { refreshAllForecasts } from './forecast.queries.ts'
import { acknowledgeSignal, acknowledgeSignals, closeSignal, listBudgetSignals, refreshBudgetSignals } from './signal.queries.ts'
import { taakveldTotals } from './taakveld.queries.ts'

const AS_OF = '2026-06-30'

describe.each(engines)('budgets, figures and signals on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let regio: Actor
  let zeist: Actor
  let bunnik: Actor
  let owner: number
  let toewijzingNummer: number
  let credentials: { username: string; password: string }[]

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    const users = await Promise.all([newUser(database.db, s.region, 'regio'), newUser(database.db, s.region, 'gemeente', { gemeenteId: s.zeist.id })])
    credentials = users
    const ids = await database.db.selectFrom('app_user').select(['id', 'username']).where('username', 'in', users.map((u) => u.username)).execute()
    regio = { ...s.region.actor('regio'), userId: ids.find((u) => u.username === users[0]!.username)!.id, name: 'Regioteam' }
    zeist = { ...s.region.actor('gemeente', { gemeenteId: s.zeist.id }), userId: ids.find((u) => u.username === users[1]!.username)!.id, name: 'Zeist' }
    bunnik = s.region.actor('gemeente', { gemeenteId: s.region.gemeenten[1]!.id })
    owner = zeist.userId!
    // 2026: Zeist's segment budget € 10,000; provider 0's share € 2,000.
    await withActor(database.db, regio, async (trx) => {
      await setYearBudget(trx, regio, { soort: 'gemeente', gemeenteId: s.zeist.id, segmentId: s.segmentId, jaar: 2026, amountCents: 10_000_00, reden: 'Begroting 2026' })
      await setYearBudget(trx, regio, { soort: 'aanbieder', gemeenteId: s.zeist.id, providerId: s.providers[0]!.id, segmentId: s.segmentId, jaar: 2026, amountCents: 2_000_00, reden: 'Raming 2026' })
    })
    // A toewijzing of 4 hours a month, January–December 2026 (€ 90 an hour): verplichting € 4,320.
    const t = await withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId: s.clientId, assessment: { ...assessment, perspective: 'stabiliteit' }, providerId: s.providers[0]!.id, productId: s.productId, ingangsdatum: '2026-01-01', einddatum: '2026-12-31', omvang: { volume: 4, eenheid: '04', frequentie: '4' } }, { at: { date: '2025-12-15', time: '09:00:00' } }))
    toewijzingNummer = t.toewijzingNummer
    // January–March declared in full: 3 × 4 × € 90 = € 1,080, more than half of € 2,000 by 30 June? No: by 31 March.
    for (const [i, maand] of ['2026-01', '2026-02', '2026-03'].entries()) {
      const r = await receiveMessage(database.db, s.region.regionId, declaratie323({ agb: s.providers[0]!.agb, cbs: s.zeist.cbsCode, ident: `B${i}`, nummer: `BD${i}`, maand, dagtekening: '2026-04-05', regels: [{ ref: `BR${i}`, nummer: toewijzingNummer, bsn: s.bsn, begin: `${maand}-01`, eind: monthEnd(`${maand}-01`), volume: 4, tarief: 9000 }] }), { at: { date: '2026-04-05', time: '09:00:00' } })
      expect(r, JSON.stringify(r.problems)).toMatchObject({ outcome: 'verwerkt' })
    }
    await refreshAllForecasts(database.db, AS_OF, [s.region.regionId])
  })
  afterAll(() => database.dispose())

  it('shows each budget with its realisation, open commitment, forecast and exhaustion', async () => {
    const [line] = await withActor(database.db, regio, (trx) => figuresBy(trx, regio, 2026, ['gemeente', 'provider', 'segment']))
    expect(line).toMatchObject({ gemeenteId: s.zeist.id, providerId: s.providers[0]!.id, budgetCents: 2_000_00, realisedCents: 1_080_00, committedCents: 4_320_00, openCents: 3_240_00, exhaustionPct: 54 })
    // No history (utilisation 1): January–March are closed two months after them, April–December are expected in full,
    // spread by days; the one start in the inflow history was in January, so no inflow is expected for July–December.
    const aprilToDecember = spreadCents(4_320_00, '2026-01-01', '2026-12-31', '2026-04-01', '2026-12-31')
    expect(aprilToDecember).toBe(3_254_80)
    expect(line!.forecastCents).toBe(1_080_00 + aprilToDecember)
    const [g] = await withActor(database.db, zeist, (trx) => figuresBy(trx, zeist, 2026, ['gemeente', 'segment']))
    expect(g).toMatchObject({ budgetCents: 10_000_00, realisedCents: 1_080_00, forecastPct: 43.3 })
  })

  it('raises a signal for a provider over half its annual budget by 30 June, and follows it open → erkend → gesloten', async () => {
    await refreshBudgetSignals(database.db, s.region.regionId, 2026, AS_OF)
    const signals = await withActor(database.db, zeist, (trx) => listBudgetSignals(trx, zeist, { jaar: 2026 }))
    const signal = signals.find((x) => x.soort === 'voor_op_budget')!
    expect(signal).toMatchObject({ status: 'open', gemeenteId: s.zeist.id, providerId: s.providers[0]!.id, actueel: true, bewijs: { budgetCents: 2_000_00, gerealiseerdCents: 1_080_00, proRataCents: 1_000_00 } })
    // The other gemeente neither sees nor acts on it; a provider sees no signals at all.
    expect(await withActor(database.db, bunnik, (trx) => listBudgetSignals(trx, bunnik, { jaar: 2026 }))).toEqual([])
    await expect(withActor(database.db, bunnik, (trx) => acknowledgeSignal(trx, bunnik, signal.id, { notitie: 'x', eigenaarId: owner }))).rejects.toMatchObject({ reason: 'signal.not_found' })
    const aanbieder = s.region.actor('aanbieder', { providerId: s.providers[0]!.id })
    expect(await withActor(database.db, aanbieder, (trx) => trx.selectFrom('budget_signaal').selectAll().execute())).toEqual([])
    // Closing comes after acknowledging; the owner is a person of the region or the gemeente; a note is required.
    await expect(withActor(database.db, zeist, (trx) => closeSignal(trx, zeist, signal.id, { notitie: 'klaar' }))).rejects.toMatchObject({ reason: 'signal.not_acknowledged' })
    await expect(withActor(database.db, zeist, (trx) => acknowledgeSignal(trx, zeist, signal.id, { notitie: 'gesprek plannen', eigenaarId: 999_999 }))).rejects.toMatchObject({ reason: 'signal.owner_invalid' })
    await expect(withActor(database.db, zeist, (trx) => acknowledgeSignal(trx, zeist, signal.id, { notitie: '  ', eigenaarId: owner }))).rejects.toThrow()
    await withActor(database.db, zeist, (trx) => acknowledgeSignal(trx, zeist, signal.id, { notitie: 'Accountgesprek in juli', eigenaarId: owner }))
    await withActor(database.db, zeist, (trx) => closeSignal(trx, zeist, signal.id, { notitie: 'Afspraak: instroom via wachtlijst' }))
    const [closed] = (await withActor(database.db, zeist, (trx) => listBudgetSignals(trx, zeist, { jaar: 2026, status: 'gesloten' })))
    expect(closed).toMatchObject({ id: signal.id, status: 'gesloten', eigenaar: expect.any(String), erkendNotitie: 'Accountgesprek in juli', geslotenNotitie: 'Afspraak: instroom via wachtlijst' })
    // Evaluating again does not reopen a closed signal.
    await refreshBudgetSignals(database.db, s.region.regionId, 2026, AS_OF)
    const again = await withActor(database.db, zeist, (trx) => listBudgetSignals(trx, zeist, { jaar: 2026, status: 'lopend' }))
    expect(again.some((x) => x.id === signal.id)).toBe(false)
  })

  it('acknowledges many signals at once, all or none: one out of scope or no longer open refuses the whole request', async () => {
    const signal = (jaar: number, gemeenteId: number | null) => ({ region_id: s.region.regionId, soort: 'voor_op_budget' as const, jaar, gemeente_id: gemeenteId, provider_id: null, segment_id: s.segmentId, titel: `Signaal ${jaar}`, bewijs: JSON.stringify({}) })
    const rows = await database.db.insertInto('budget_signaal').values([signal(2040, s.zeist.id), signal(2041, s.zeist.id), signal(2042, bunnik.gemeenteId), signal(2043, null)]).returning('id').execute()
    const [a, b, other, regional] = rows.map((r) => r.id) as [number, number, number, number]
    const statuses = async () => (await database.db.selectFrom('budget_signaal').select(['id', 'status']).where('id', 'in', [a, b, other, regional]).orderBy('id').execute()).map((r) => r.status)
    const ack = (actor: Actor, ids: number[]) => withActor(database.db, actor, (trx) => acknowledgeSignals(trx, actor, { ids, notitie: 'Samen oppakken', eigenaarId: owner }))
    // Zeist may not acknowledge Bunnik's signal (hidden from it) nor a regional one: nothing changes.
    await expect(ack(zeist, [a, b, other])).rejects.toMatchObject({ reason: 'signal.out_of_scope' })
    await expect(ack(zeist, [a, regional])).rejects.toMatchObject({ reason: 'signal.out_of_scope' })
    await expect(ack(zeist, [a, 999_999])).rejects.toMatchObject({ reason: 'signal.out_of_scope' })
    expect(await statuses()).toEqual(['open', 'open', 'open', 'open'])
    await expect(ack(zeist, [])).rejects.toThrow()
    await expect(ack(zeist, Array.from({ length: 501 }, (_, i) => i + 1))).rejects.toThrow()
    expect(await ack(zeist, [a, b, a])).toEqual({ acknowledged: 2 })
    expect(await statuses()).toEqual(['erkend', 'erkend', 'open', 'open'])
    // One already acknowledged refuses the rest too; Zeist's user cannot own Bunnik's signal.
    await expect(ack(regio, [a, other])).rejects.toMatchObject({ reason: 'signal.not_open' })
    await expect(ack(regio, [other, regional])).rejects.toMatchObject({ reason: 'signal.owner_invalid' })
    expect(await statuses()).toEqual(['erkend', 'erkend', 'open', 'open'])
    const regionOwner = regio.userId!
    expect(await withActor(database.db, regio, (trx) => acknowledgeSignals(trx, regio, { ids: [other, regional], notitie: 'Regio pakt op', eigenaarId: regionOwner }))).toEqual({ acknowledged: 2 })
    expect(await statuses()).toEqual(['erkend', 'erkend', 'erkend', 'erkend'])
  })

  it('does not raise a closed signal again within its year, whatever the date', async () => {
    await refreshBudgetSignals(database.db, s.region.regionId, 2026, '2026-03-31')
    // On 31 March pro rata is a quarter: € 500; realised € 1,080 — but the signal for 2026 was closed, so nothing new.
    // (The unique key allows one row per kind, year and budget: what must hold is that it stays closed, with its notes.)
    const all = await withActor(database.db, regio, (trx) => listBudgetSignals(trx, regio, { jaar: 2026 }))
    const ahead = all.filter((x) => x.soort === 'voor_op_budget')
    expect(ahead).toHaveLength(1)
    expect(ahead[0]).toMatchObject({ status: 'gesloten', geslotenNotitie: 'Afspraak: instroom via wachtlijst' })
  })

  it('keeps every budget change with who, when and why, and imports all rows or none', async () => {
    await withActor(database.db, zeist, (trx) => setYearBudget(trx, zeist, { soort: 'gemeente', gemeenteId: s.zeist.id, segmentId: s.segmentId, jaar: 2026, amountCents: 12_500_00, reden: 'Suppletoire begroting' }))
    const changes = await withActor(database.db, zeist, (trx) => budgetChanges(trx, zeist, { jaar: 2026 }))
    expect(changes[0]).toMatchObject({ soort: 'gemeente', oudCents: 10_000_00, nieuwCents: 12_500_00, reden: 'Suppletoire begroting', door: 'Zeist' })
    await expect(withActor(database.db, zeist, (trx) => setYearBudget(trx, zeist, { soort: 'gemeente', gemeenteId: bunnik.gemeenteId!, segmentId: s.segmentId, jaar: 2026, amountCents: 1, reden: 'x' }))).rejects.toMatchObject({ reason: 'budget.other_gemeente' })
    const segment = await database.db.selectFrom('segment').select('code').where('id', '=', s.segmentId).executeTakeFirstOrThrow()
    const csv = `gemeente;segment;jaar;bedrag;reden\n0355;${segment.code};2027;"11.000,00";Begroting 2027\nZeist;${segment.code};2027;elf;Fout\n`
    await expect(withActor(database.db, zeist, (trx) => importGemeenteBudgets(trx, zeist, csvRows(csv), 'begroting.csv'))).rejects.toMatchObject({ reason: 'import.row_invalid', details: [expect.objectContaining({ path: 'row 3/bedrag' })] })
    expect(await withActor(database.db, zeist, (trx) => budgetChanges(trx, zeist, { jaar: 2027 }))).toEqual([])
    // A row the rules refuse as a whole says why in Dutch, not "kolom row".
    const bunnikCbs = (await database.db.selectFrom('gemeente').select('cbs_code').where('id', '=', bunnik.gemeenteId!).executeTakeFirstOrThrow()).cbs_code
    await expect(withActor(database.db, zeist, (trx) => importGemeenteBudgets(trx, zeist, csvRows(`gemeente;segment;jaar;bedrag\n${bunnikCbs};${segment.code};2027;1000\n`), 'bunnik.csv'))).rejects.toMatchObject({
      reason: 'import.row_invalid',
      details: [expect.objectContaining({ path: 'row 2/row', melding: `Regel 2: ${melding('budget.other_gemeente')}` })],
    })
    const ok = await withActor(database.db, zeist, (trx) => importGemeenteBudgets(trx, zeist, csvRows(csv.split('\n').slice(0, 2).join('\n')), 'begroting.csv'))
    expect(ok).toEqual({ rows: 1, changed: 1 })
  })

  it("proposes provider budgets from last year's shares and takes them over with a reason", async () => {
    // 2027: the history is 2026 (only provider 0), the gemeente budget € 11,000 (imported above).
    const [p] = await withActor(database.db, regio, (trx) => providerBudgetProposals(trx, regio, { jaar: 2027 }))
    expect(p).toMatchObject({ providerId: s.providers[0]!.id, vorigJaarCents: 1_080_00, gemeenteBudgetCents: 11_000_00, huidigCents: null, voorstelCents: 11_000_00 })
    expect(await withActor(database.db, regio, (trx) => adoptProposals(trx, regio, { jaar: 2027 }))).toEqual({ changed: 1 })
    const [c] = await withActor(database.db, regio, (trx) => budgetChanges(trx, regio, { jaar: 2027, providerId: s.providers[0]!.id }))
    expect(c).toMatchObject({ soort: 'aanbieder', nieuwCents: 11_000_00, reden: 'Voorstel uit de realisatie van vorig jaar' })
  })

  it("gives a gemeente its own dashboard with the region's totals, and its totals per Iv3 taakveld", async () => {
    await refreshAllForecasts(database.db, AS_OF, [s.region.regionId])
    const d = await dashboard((work) => withActor(database.db, zeist, work), zeist, 2026)
    expect(d).toMatchObject({ bereik: 'gemeente', gemeente: 'Zeist', peildatum: AS_OF, totaal: { budgetCents: 12_500_00, realisedCents: 1_080_00 } })
    expect(d.maanden.slice(0, 3).map((m) => m.gerealiseerdCents)).toEqual([360_00, 360_00, 360_00])
    expect(d.regio).toEqual([expect.objectContaining({ segmentId: s.segmentId, gerealiseerdCents: 1_080_00, toewijzingen: null })])
    // One toewijzing: counts under 5 are not shown.
    expect(d.indicatoren.toewijzingen).toBeNull()
    const rows = await withActor(database.db, zeist, (trx) => taakveldTotals(trx, zeist, 2026))
    expect(rows.reduce((sum, r) => sum + r.gerealiseerdCents, 0)).toBe(1_080_00)
    expect(rows.reduce((sum, r) => sum + r.budgetCents, 0)).toBe(12_500_00)
    expect(rows.reduce((sum, r) => sum + r.verplichtingCents, 0)).toBe(4_320_00)
    // Every row a taakveld with its Iv3 name, none 'onbekend': the segment's products all map to one.
    expect(rows.map((r) => `${r.taakveld} ${r.taakveldNaam}`)).toEqual(['6.72a Jeugdhulp begeleiding'])
    // Row-level security: Bunnik's user reads none of Zeist's stored figures, even without the query's own filter.
    const { rows: seen } = await withActor(database.db, bunnik, (trx) => sql`select count(*)::int as n from budget_prognose`.execute(trx))
    expect(seen).toEqual([{ n: 0 }])
  })
  it('suppresses counts of 1–4 where the figures are built, so the JSON, the CSV and the web app get the same (issue 17 §8)', async () => {
    // One toewijzing, January–December 2026: it is active and it ends in the year (365 days).
    const http = httpSessions(database.db)
    await http.login('regio', credentials[0]!)
    await http.login('gemeente', credentials[1]!)
    /** Each count of 1–4 in an answer, and the days of ended toewijzingen beside a suppressed count. */
    const smallCounts = (value: unknown, path = ''): string[] => {
      if (Array.isArray(value)) return value.flatMap((v, i) => smallCounts(v, `${path}[${i}]`))
      if (value === null || typeof value !== 'object') return []
      const o = value as Record<string, unknown>
      const found = Object.entries(o).flatMap(([k, v]) => smallCounts(v, `${path}.${k}`))
      for (const k of ['toewijzingen', 'beeindigd', 'nieuw', 'clients', 'active']) {
        const n = o[k]
        if (typeof n === 'number' && n > 0 && n < 5) found.push(`${path}.${k}=${n}`)
      }
      if (o.beeindigd === null && typeof o.beeindigdDagen === 'number') found.push(`${path}.beeindigdDagen=${o.beeindigdDagen}`)
      return found
    }
    for (const [who, path] of [
      ['regio', '/api/budgets/dashboard?year=2026'],
      ['gemeente', '/api/budgets/dashboard?year=2026'],
      ['regio', '/api/budgets/figures?year=2026&level=gemeente'],
      ['regio', '/api/budgets/figures?year=2026&level=aanbieder'],
      ['gemeente', '/api/budgets/figures?year=2026'],
    ] as const) {
      const res = await http.get(who, path)
      expect(res.status, path).toBe(200)
      const answer = (await res.json()) as unknown
      expect(smallCounts(answer), `${who} ${path}`).toEqual([])
    }
    // The money stays, and so do the counts' fields (null, not gone).
    const [line] = (await (await http.get('regio', '/api/budgets/figures?year=2026&level=aanbieder')).json()) as Record<string, unknown>[]
    expect(line).toMatchObject({ realisedCents: 1_080_00, toewijzingen: null, beeindigd: null, beeindigdDagen: null })
    const csv = await (await http.get('regio', '/api/budgets/figures?year=2026&level=aanbieder&format=csv')).text()
    // In the CSV the suppressed count reads as the dashboard shows it, never as an empty "nothing".
    expect(csv.split('\n')[1]!.split(';').at(-1)!.trim()).toBe('< 5')
  })
})
