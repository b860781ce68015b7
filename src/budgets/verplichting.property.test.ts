import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withActor } from '../db/scope.ts'
import { realisatie } from './realisation.queries.ts'
import { receiveMessage } from '../inbox/receive.ts'
import { addMonths, earlierDate, laterDate, monthEnd } from '../shared/dates.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { type Regel, declaratie323 } from '../test/declaratie-scenario.ts'
import { type ToegangScenario, assessment, toegangScenario } from '../test/toegang-scenario.ts'
import { registerClient } from '../clients/client.queries.ts'
import { bsnOf } from '../istandaarden/testing/generate-323.ts'
import { changeToewijzing, issueToewijzing } from '../toewijzingen/toewijzing.queries.ts'
import { sql } from 'kysely'
import { AppError } from '../shared/errors.ts'
import { openCents, spreadCents } from './commitment.rules.ts'
import { rebuildCommitments } from './verplichting.rebuild.ts'
import { type VerplichtingDimension, verplichtingDimensions, verplichtingen } from './verplichting.queries.ts'

/** An issue step: a toewijzing of 1–10 months from a month in 2026 or early 2027, hourly or per dagdeel. */
const issueArb = (newClient: fc.Arbitrary<boolean>) => fc.record({ kind: fc.constant('issue' as const), newClient, provider: fc.integer({ min: 0, max: 1 }), day: fc.boolean(), start: fc.integer({ min: 0, max: 14 }), months: fc.integer({ min: 1, max: 10 }), volume: fc.integer({ min: 1, max: 4 }) })

/** One step of a gemeente's history. */
const stepArb = fc.oneof(
  { weight: 3, arbitrary: issueArb(fc.boolean()) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('change' as const), pick: fc.nat(), months: fc.integer({ min: -6, max: 4 }), withdraw: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('declare' as const), pick: fc.nat(), month: fc.nat(), volume: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('credit' as const), pick: fc.nat() }) },
)

/** A history: it opens with a toewijzing for a new client, which the toegang rules always allow. */
const historyArb = fc.tuple(issueArb(fc.constant(true)), fc.array(stepArb, { maxLength: 13 })).map(([first, rest]) => [first, ...rest])

/** A toewijzing the run issued, as the run knows it. */
interface Issued { id: number; nummer: number; bsn: string; provider: number; day: boolean; volume: number; ingangsdatum: string; einddatum: string; withdrawn: boolean }

/** An approved debit line. */
interface Debit { regel: Regel; provider: number; toewijzing: Issued; credited: boolean }

/**
 * A refusal by the domain rules (an overlap, a period past the contract, shortening below what
 * was declared, withdrawing a declared toewijzing) changes nothing and is part of the history;
 * any other error is a failure.
 */
function refusedByRules(error: unknown): void {
  if (!(error instanceof AppError) || !['invalid_input', 'conflict'].includes(error.code)) throw error
}

describe.each(engines)('commitments on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let counter = 0

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
  })
  afterAll(() => database.dispose())

  /**
   * Mutations that fail it (each tried once): skip the `koers_realiseer` call in
   * declaratie.receive.ts (what was declared is never realised: `open` stays the whole
   * verplichting); make `issueToewijzing` throw on every call (the opening toewijzing must be
   * issued). Every declaration the run sends must be granted whole, so a 323 run that refuses
   * good lines fails it too.
   */
  it('per toewijzing and year, and in every grouping, add up to the verplichting and what is not yet realised of it', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (steps) => {
        const issued: Issued[] = []
        const debits: Debit[] = []
        /** The toewijzing months with a debit not credited: another debit there needs the credit first (9389). */
        const declared = new Set<string>()
        const monthOf = (t: Issued, begin: string) => `${t.id}/${begin.slice(0, 7)}`
        const at = { date: '2026-11-20', time: '09:00:00' }
        let bsn = s.bsn
        let clientId = s.clientId
        for (const [index, step] of steps.entries()) {
          if (step.kind === 'issue') {
            const ingangsdatum = addMonths('2026-01-01', step.start)
            const einddatum = monthEnd(addMonths(ingangsdatum, step.months - 1))
            const product = step.day ? s.dayProductId : s.productId
            // A new client now and then, so that not every toewijzing overlaps an earlier one.
            if (step.newClient) {
              bsn = bsnOf(200_000 + ++counter * 20)
              clientId = (await withActor(database.db, s.team, (trx) => registerClient(trx, s.team, { bsn, birthDate: '2012-02-14', familyName: 'Test', namePrefix: '', initials: 'T', gender: '0', postcode: '3701AB', huisnummer: 12 }))).id
            }
            const issue = () => withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId, assessment: { ...assessment, perspective: 'stabiliteit' }, providerId: s.providers[step.provider]!.id, productId: product, ingangsdatum, einddatum, omvang: { volume: step.volume, eenheid: step.day ? '16' : '04', frequentie: '4' } }, { at }))
            if (index === 0) {
              const t = await issue()
              expect(t.status).toBe('actief')
              issued.push({ id: t.id, nummer: t.toewijzingNummer, bsn, provider: step.provider, day: step.day, volume: step.volume, ingangsdatum, einddatum, withdrawn: false })
              continue
            }
            try {
              const t = await issue()
              if (t.status === 'actief') issued.push({ id: t.id, nummer: t.toewijzingNummer, bsn, provider: step.provider, day: step.day, volume: step.volume, ingangsdatum, einddatum, withdrawn: false })
            } catch (error) {
              refusedByRules(error)
            }
          } else if (step.kind === 'change' && issued.length > 0) {
            const t = issued[step.pick % issued.length]!
            if (t.withdrawn) continue
            const einddatum = monthEnd(addMonths(t.einddatum, step.months))
            try {
              await withActor(database.db, s.team, (trx) => changeToewijzing(trx, s.team, t.id, step.withdraw ? { redenWijziging: '13', akkoordAanbieder: true } : { einddatum, redenWijziging: einddatum > t.einddatum ? '04' : '05', akkoordAanbieder: true }, { at: { ...at, time: `10:${String(counter++ % 60).padStart(2, '0')}:00` } }))
              if (step.withdraw) t.withdrawn = true
              else t.einddatum = einddatum
            } catch (error) {
              refusedByRules(error)
            }
          } else if (step.kind === 'declare' && issued.length > 0) {
            const t = issued[step.pick % issued.length]!
            if (t.withdrawn) continue
            const first = addMonths(t.ingangsdatum.slice(0, 7) + '-01', step.month % 12)
            const begin = laterDate(first, t.ingangsdatum)
            const eind = earlierDate(monthEnd(first), t.einddatum)
            // Within the toewijzing's period and its volume for the month, once a month: the line must be granted.
            const volume = Math.min(step.volume, t.volume)
            if (begin > eind || declared.has(monthOf(t, begin))) continue
            const tarief = (begin < '2027-01-01' ? 9000 : 9270) * (t.day ? 3 : 1)
            const ref = `V${++counter}`
            const regel: Regel = t.day
              ? { ref, nummer: t.nummer, bsn: t.bsn, code: '45A53', eenheid: '16', begin, eind, volume, tarief }
              : { ref, nummer: t.nummer, bsn: t.bsn, begin, eind, volume, tarief }
            await declare(t.provider, [regel])
            declared.add(monthOf(t, begin))
            debits.push({ regel, provider: t.provider, toewijzing: t, credited: false })
          } else if (step.kind === 'credit') {
            // A debit not yet credited, whose period still lies within its toewijzing (a shortened one may have left it behind).
            const open = debits.filter((d) => !d.credited && d.regel.eind <= d.toewijzing.einddatum)
            if (open.length === 0) continue
            const d = open[step.pick % open.length]!
            await declare(d.provider, [{ ...d.regel, ref: `V${++counter}`, vorig: d.regel.ref, credit: true }])
            d.credited = true
            declared.delete(monthOf(d.toewijzing, d.regel.begin))
          }
        }

        await withActor(database.db, s.team, async (trx) => {
          // The oracle: from the toewijzingen and the approved lines themselves.
          const toewijzingen = await trx.selectFrom('toewijzing').select(['id', 'status', 'reden_wijziging', 'ingangsdatum', 'einddatum', 'verplichting_cents']).execute()
          const lines = await trx.selectFrom('declaratie_regel').select(['toewijzing_id', 'begindatum', 'bedrag_cents']).where('goedgekeurd', '=', true).execute()
          let verplichting = 0
          let open = 0
          let onToewijzingen = 0
          const perYear = new Map<number, number>()
          for (const t of toewijzingen) {
            const counts = t.status === 'actief' && t.reden_wijziging !== '13'
            // A verkorting may end the toewijzing before months already declared (OP345 keeps
            // those lines rechtmatig): their years count as realised, with no verplichting.
            const lineYears = lines.filter((l) => l.toewijzing_id === t.id).map((l) => Number(l.begindatum.slice(0, 4)))
            const firstYear = Math.min(Number(t.ingangsdatum.slice(0, 4)), ...lineYears)
            const lastYear = Math.max(Number(t.einddatum.slice(0, 4)), ...lineYears)
            for (let y = firstYear; y <= lastYear; y++) {
              const v = counts && y >= Number(t.ingangsdatum.slice(0, 4)) && y <= Number(t.einddatum.slice(0, 4)) ? spreadCents(t.verplichting_cents, t.ingangsdatum, t.einddatum, `${y}-01-01`, `${y}-12-31`) : 0
              const r = lines.filter((l) => l.toewijzing_id === t.id && Number(l.begindatum.slice(0, 4)) === y).reduce((sum, l) => sum + l.bedrag_cents, 0)
              verplichting += v
              open += openCents(v, r)
              onToewijzingen += r
              perYear.set(y, (perYear.get(y) ?? 0) + v)
            }
          }
          const [total] = await verplichtingen(trx, [])
          expect({ verplichting: total?.verplichtingCents ?? 0, open: total?.openCents ?? 0, realised: total?.gerealiseerdCents ?? 0 }).toEqual({ verplichting, open, realised: onToewijzingen })
          // What was realised on toewijzingen is all of the realisation (there are no taakgericht payments here).
          const [all] = await realisatie(trx, [])
          expect(all?.realisatieCents ?? 0).toBe(onToewijzingen)
          for (let mask = 1; mask < 1 << verplichtingDimensions.length; mask++) {
            const dims = verplichtingDimensions.filter((_, i) => mask & (1 << i)) as VerplichtingDimension[]
            const rows = await verplichtingen(trx, dims)
            expect([rows.reduce((sum, r) => sum + r.verplichtingCents, 0), rows.reduce((sum, r) => sum + r.openCents, 0), rows.reduce((sum, r) => sum + r.gerealiseerdCents, 0)]).toEqual([verplichting, open, onToewijzingen])
          }
          // The months of a year add up to the year, and every counted toewijzing starts and ends once.
          const months = await trx.selectFrom('verplichting_maand').select(['maand', 'verplichting_cents', 'nieuw', 'beeindigd']).execute()
          for (const [y, v] of perYear) expect(months.filter((m) => Number(m.maand.slice(0, 4)) === y).reduce((sum, m) => sum + m.verplichting_cents, 0)).toBe(v)
          const counted = toewijzingen.filter((t) => t.status === 'actief' && t.reden_wijziging !== '13').length
          expect(months.reduce((sum, m) => sum + m.nieuw, 0)).toBe(counted)
          expect(months.reduce((sum, m) => sum + m.beeindigd, 0)).toBe(counted)
        })
        // Rebuilding the tables in one pass gives what the triggers kept row by row.
        const before = await commitmentTables()
        await rebuildCommitments(database.db, s.region.regionId)
        expect(await commitmentTables()).toEqual(before)
      }),
      { numRuns: engine === 'pglite' ? 10 : 5 },
    )
  }, 240_000)

  /** The region's commitment tables without their all-zero rows (a trigger leaves those behind), in a stable order. */
  async function commitmentTables() {
    const regionId = s.region.regionId
    const { rows: jaar } = await sql`select toewijzing_id, jaar, actief, verplichting_cents, gerealiseerd_cents from toewijzing_jaar
      where region_id = ${regionId} and (actief or verplichting_cents <> 0 or gerealiseerd_cents <> 0) order by 1, 2`.execute(database.db)
    const { rows: totals } = await sql`select gemeente_id, provider_id, segment_id, product_id, jaar, verplichting_cents, open_cents, gerealiseerd_cents, toewijzingen from verplichting_jaar
      where region_id = ${regionId} and (verplichting_cents <> 0 or open_cents <> 0 or gerealiseerd_cents <> 0 or toewijzingen <> 0) order by 1, 2, 3, 4, 5`.execute(database.db)
    const { rows: months } = await sql`select gemeente_id, provider_id, segment_id, to_char(maand, 'YYYY-MM') as maand, verplichting_cents, nieuw, nieuw_verplichting_cents, nieuw_dagen, beeindigd, beeindigd_dagen from verplichting_maand
      where region_id = ${regionId} and (verplichting_cents <> 0 or nieuw <> 0 or beeindigd <> 0 or nieuw_dagen <> 0 or beeindigd_dagen <> 0 or nieuw_verplichting_cents <> 0) order by 1, 2, 3, 4`.execute(database.db)
    return { jaar, totals, months }
  }

  /**
   * Sends a 323 that must be granted whole. Its period is the latest month of its lines, or the
   * provider's last period when that is later: a line may be declared late, but a period never
   * goes back (TR318), and the database keeps every earlier run's declarations.
   */
  async function declare(provider: number, regels: Regel[]) {
    const { last } = await database.db.selectFrom('declaratie').select((eb) => eb.fn.max('periode_begin').as('last')).where('provider_id', '=', s.providers[provider]!.id).executeTakeFirstOrThrow()
    const maand = [...regels.map((r) => r.begin.slice(0, 7)), ...(last ? [String(last).slice(0, 7)] : [])].sort().at(-1)!
    const n = ++counter
    const r = await receiveMessage(database.db, s.region.regionId, declaratie323({ agb: s.providers[provider]!.agb, cbs: s.zeist.cbsCode, ident: `VD${n}`, nummer: `VDN${n}`, maand, dagtekening: '2027-12-05', regels }), { at: { date: '2027-12-05', time: '09:00:00' } })
    expect({ outcome: r.outcome, retourCodes: r.retourCodes }, JSON.stringify(r.problems)).toEqual({ outcome: 'verwerkt', retourCodes: ['8001'] })
  }
})
