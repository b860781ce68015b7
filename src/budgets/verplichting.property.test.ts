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
import { openCents, spreadCents } from './commitment.rules.ts'
import { rebuildCommitments } from './verplichting.rebuild.ts'
import { type VerplichtingDimension, verplichtingDimensions, verplichtingen } from './verplichting.queries.ts'

/** One step of a gemeente's history. */
const stepArb = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('issue' as const), newClient: fc.boolean(), provider: fc.integer({ min: 0, max: 1 }), day: fc.boolean(), start: fc.integer({ min: 0, max: 14 }), months: fc.integer({ min: 1, max: 10 }), volume: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('change' as const), pick: fc.nat(), months: fc.integer({ min: -6, max: 4 }), withdraw: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('declare' as const), pick: fc.nat(), month: fc.nat(), volume: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('credit' as const), pick: fc.nat() }) },
)

interface Issued { id: number; nummer: number; bsn: string; provider: number; day: boolean; ingangsdatum: string; einddatum: string }

describe.each(engines)('commitments on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let counter = 0

  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
  })
  afterAll(() => database.dispose())

  it('per toewijzing and year, and in every grouping, add up to the verplichting and what is not yet realised of it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 14 }), async (steps) => {
        const issued: Issued[] = []
        const debits: { regel: Regel; provider: number }[] = []
        const at = { date: '2026-11-20', time: '09:00:00' }
        let bsn = s.bsn
        let clientId = s.clientId
        for (const step of steps) {
          if (step.kind === 'issue') {
            const ingangsdatum = addMonths('2026-01-01', step.start)
            const einddatum = monthEnd(addMonths(ingangsdatum, step.months - 1))
            const product = step.day ? s.dayProductId : s.productId
            // A new client now and then, so that not every toewijzing overlaps an earlier one.
            if (step.newClient) {
              bsn = bsnOf(200_000 + ++counter * 20)
              clientId = (await withActor(database.db, s.team, (trx) => registerClient(trx, s.team, { bsn, birthDate: '2012-02-14', familyName: 'Test', namePrefix: '', initials: 'T', gender: '0', postcode: '3701AB', huisnummer: 12 }))).id
            }
            try {
              const t = await withActor(database.db, s.team, (trx) => issueToewijzing(trx, s.team, { clientId, assessment: { ...assessment, perspective: 'stabiliteit' }, providerId: s.providers[step.provider]!.id, productId: product, ingangsdatum, einddatum, omvang: { volume: step.volume, eenheid: step.day ? '16' : '04', frequentie: '4' } }, { at }))
              if (t.status === 'actief') issued.push({ id: t.id, nummer: t.toewijzingNummer, bsn, provider: step.provider, day: step.day, ingangsdatum, einddatum })
            } catch {
              // Refused by the toegang rules (an overlap, a period past the contract): nothing changed.
            }
          } else if (step.kind === 'change' && issued.length > 0) {
            const t = issued[step.pick % issued.length]!
            const einddatum = monthEnd(addMonths(t.einddatum, step.months))
            try {
              await withActor(database.db, s.team, (trx) => changeToewijzing(trx, s.team, t.id, step.withdraw ? { redenWijziging: '13', akkoordAanbieder: true } : { einddatum, redenWijziging: einddatum > t.einddatum ? '04' : '05', akkoordAanbieder: true }, { at: { ...at, time: `10:${String(counter++ % 60).padStart(2, '0')}:00` } }))
              if (!step.withdraw) t.einddatum = einddatum
            } catch {
              // Refused (withdrawing a declared toewijzing, a period before its start): nothing changed.
            }
          } else if (step.kind === 'declare' && issued.length > 0) {
            const t = issued[step.pick % issued.length]!
            const first = addMonths(t.ingangsdatum.slice(0, 7) + '-01', step.month % 12)
            const begin = laterDate(first, t.ingangsdatum)
            const eind = earlierDate(monthEnd(first), t.einddatum)
            if (begin > eind) continue
            const tarief = (begin < '2027-01-01' ? 9000 : 9270) * (t.day ? 3 : 1)
            const ref = `V${++counter}`
            const regel: Regel = t.day
              ? { ref, nummer: t.nummer, bsn: t.bsn, code: '45A53', eenheid: '16', begin, eind, volume: step.volume, tarief }
              : { ref, nummer: t.nummer, bsn: t.bsn, begin, eind, volume: step.volume, tarief }
            await declare(t.provider, [regel])
            debits.push({ regel, provider: t.provider })
          } else if (step.kind === 'credit' && debits.length > 0) {
            const d = debits[step.pick % debits.length]!
            await declare(d.provider, [{ ...d.regel, ref: `V${++counter}`, vorig: d.regel.ref, credit: true }])
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
            for (let y = Number(t.ingangsdatum.slice(0, 4)); y <= Number(t.einddatum.slice(0, 4)); y++) {
              const v = counts ? spreadCents(t.verplichting_cents, t.ingangsdatum, t.einddatum, `${y}-01-01`, `${y}-12-31`) : 0
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

  async function declare(provider: number, regels: Regel[]) {
    const maand = regels.map((r) => r.begin.slice(0, 7)).sort().at(-1)!
    const n = ++counter
    const r = await receiveMessage(database.db, s.region.regionId, declaratie323({ agb: s.providers[provider]!.agb, cbs: s.zeist.cbsCode, ident: `VD${n}`, nummer: `VDN${n}`, maand, dagtekening: '2027-12-05', regels }), { at: { date: '2027-12-05', time: '09:00:00' } })
    expect(['verwerkt', 'afgekeurd']).toContain(r.outcome)
  }
})
