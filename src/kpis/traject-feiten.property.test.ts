/**
 * The kept traject facts (migration 0023, ADR 0029) against their recomputation from the
 * ledger (`koers_trajecten_herberekend`, 0007's function): after any sequence of writes to the
 * tables the facts are read from — issued, changed, moved, withdrawn and deleted toewijzingen,
 * several in one statement, versions, starts and stops added, removed and deleted, outcome
 * measurements, goals, request dates — every role reads the same rows at every peildatum, a
 * narrowed read is the full read's rows, and the segment page and scorecard are the same
 * whichever facts they read. The writes are plain SQL as the owner, so every way into these
 * tables (the application, an import, a repair) is covered by the triggers, not one code path.
 */
import fc from 'fast-check'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../auth/actor.ts'
import { providerScorecard } from '../app/scorecard.queries.ts'
import { segmentOverview } from '../app/segment-overview.queries.ts'
import type { DB } from '../db/schema.ts'
import { withActor } from '../db/scope.ts'
import { bsnOf } from '../istandaarden/testing/generate-323.ts'
import { addDays, addMonths } from '../shared/dates.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newSegment } from '../test/factory.ts'
import { type ToegangScenario, toegangScenario } from '../test/toegang-scenario.ts'
import { createProduct } from '../products/product.queries.ts'
import { recomputedKpiFacts } from './kpi.queries.ts'

const pick = fc.nat()
/** One write to the ledger. */
const stepArb = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('issue' as const), client: pick, gemeente: pick, provider: pick, segment: pick, wmo: fc.boolean(), start: fc.integer({ min: 0, max: 20 }), months: fc.integer({ min: 1, max: 8 }), cents: fc.integer({ min: 0, max: 900_000 }), status: fc.constantFrom('actief', 'actief', 'actief', 'wacht_op_akkoord', 'afgewezen'), request: fc.boolean(), two: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('change' as const), t: pick, what: fc.constantFrom('einddatum', 'verplichting', 'status', 'intrekken', 'gemeente', 'provider', 'client', 'segment', 'sent_version', 'alle'), n: fc.integer({ min: -3, max: 3 }), other: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), t: pick }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('start' as const), t: pick, days: fc.integer({ min: -5, max: 40 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('stop' as const), t: pick, days: fc.integer({ min: 0, max: 60 }), reden: fc.constantFrom('20', '02', '05', '07') }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove' as const), what: fc.constantFrom('care_start', 'care_stop', 'care_stop'), row: pick, hard: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('measure' as const), t: pick, moment: fc.constantFrom('T1', 'T2', 'T3'), score: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('goals' as const), client: pick, t1: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('received' as const), request: pick, days: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('version' as const), t: pick, days: fc.integer({ min: 0, max: 10 }), first: fc.boolean() }) },
)

const PEILDATA = ['2026-02-15', '2026-07-01', '2026-12-31', '2028-01-01']

describe.each(engines)('kept traject facts on %s', (engine) => {
  let database: TestDatabase
  let db: Kysely<DB>
  let s: ToegangScenario
  let segments: number[]
  let clients: { id: number; gemeenteId: number; beschikkingId: number }[]
  let messages: number[]
  let requests: number[]
  let nummer = 0

  beforeAll(async () => {
    database = await freshDatabase(engine)
    db = database.db
    s = await toegangScenario(db)
    const second = await newSegment(db, s.region)
    await withActor(db, s.region.actor('regio'), (trx) => createProduct(trx, s.region.regionId, { segmentId: second, productcategorie: '45', productcode: '45A49', name: 'Tweede', eenheid: '04', variant: 'inspanningsgericht' }))
    segments = [s.segmentId, second]
    const regionId = s.region.regionId
    clients = []
    for (let i = 0; i < 6; i++) {
      const gemeenteId = s.region.gemeenten[i % 2]!.id
      const c = await db.insertInto('client').values({ region_id: regionId, gemeente_id: gemeenteId, bsn: bsnOf(700_000 + i * 13), birth_date: '2012-01-01', pseudonym: `tf${String(i).padStart(10, '0')}` }).returning('id').executeTakeFirstOrThrow()
      const b = await db
        .insertInto('beschikking')
        .values({ region_id: regionId, gemeente_id: gemeenteId, client_id: c.id, wet: 'jeugdwet', beschikking_nummer: 9000 + i, perspective: 'ontwikkeling', complexity: 'enkelvoudig', intensity: 'middel', goals: JSON.stringify([{ description: 'Doel', domain: 'ontwikkeling', t1: 2 }]), issued_on: '2026-01-01' })
        .returning('id')
        .executeTakeFirstOrThrow()
      clients.push({ id: c.id, gemeenteId, beschikkingId: b.id })
    }
    messages = []
    requests = []
    for (const [i, p] of s.providers.entries()) {
      const m = await db
        .insertInto('message')
        .values({ region_id: regionId, direction: 'in', wet: 'jeugdwet', code: '305', sender_code: p.agb, receiver_code: s.zeist.cbsCode, gemeente_id: s.zeist.id, provider_id: p.id, identificatie: `TF${i}`, dagtekening: '2026-01-01', state: 'verwerkt', content: Buffer.from('x'), content_sha256: '0'.repeat(64) })
        .returning('id')
        .executeTakeFirstOrThrow()
      messages.push(m.id)
      const r = await db
        .insertInto('care_request')
        .values({ region_id: regionId, gemeente_id: s.zeist.id, provider_id: p.id, wet: 'jeugdwet', kind: '315', message_id: m.id, referentie_aanbieder: `TF-${i}`, client_id: clients[i]!.id, bsn: bsnOf(700_000 + i * 13), requested: '{}', received_on: '2025-12-01' })
        .returning('id')
        .executeTakeFirstOrThrow()
      requests.push(r.id)
    }
  })
  afterAll(() => database.dispose())

  /** Applies one step as the owner; a step that finds nothing to act on does nothing. */
  async function apply(step: Step): Promise<void> {
    const regionId = s.region.regionId
    const all = await db.selectFrom('toewijzing').select(['id', 'client_id', 'gemeente_id', 'ingangsdatum', 'einddatum', 'provider_id']).where('region_id', '=', regionId).orderBy('id').execute()
    const some = (n: number) => (all.length === 0 ? undefined : all[n % all.length]!)
    switch (step.kind) {
      case 'issue': {
        const client = clients[step.client % clients.length]!
        const row = (offset: number) => {
          const ingangsdatum = addMonths('2026-01-01', step.start + offset)
          return {
            region_id: regionId,
            gemeente_id: s.region.gemeenten[step.gemeente % 3 === 0 ? (client.gemeenteId === s.zeist.id ? 1 : 0) : client.gemeenteId === s.zeist.id ? 0 : 1]!.id,
            client_id: client.id,
            beschikking_id: client.beschikkingId,
            provider_id: s.providers[(step.provider + offset) % s.providers.length]!.id,
            segment_id: segments[(step.segment + offset) % segments.length]!,
            product_id: s.productId,
            wet: step.wmo ? ('wmo' as const) : ('jeugdwet' as const),
            toewijzing_nummer: ++nummer,
            request_id: step.request ? requests[step.provider % requests.length]! : null,
            status: step.status,
            version: 1,
            toewijzing_datum: addDays(ingangsdatum, -7),
            toewijzing_tijd: '09:00:00',
            ingangsdatum,
            einddatum: addDays(addMonths(ingangsdatum, step.months), -1),
            verplichting_cents: step.cents,
          }
        }
        // Two in one statement now and then: the triggers take a statement's rows together.
        const rows = step.two ? [row(0), row(step.months)] : [row(0)]
        const ids = await db.insertInto('toewijzing').values(rows).returning('id').execute()
        await db
          .insertInto('toewijzing_version')
          .values(ids.map(({ id }, i) => ({ region_id: regionId, toewijzing_id: id, gemeente_id: rows[i]!.gemeente_id, provider_id: rows[i]!.provider_id, version: 1, toewijzing_datum: rows[i]!.toewijzing_datum, toewijzing_tijd: '09:00:00', ingangsdatum: rows[i]!.ingangsdatum, einddatum: rows[i]!.einddatum, verplichting_cents: rows[i]!.verplichting_cents, status: rows[i]!.status })))
          .execute()
        return
      }
      case 'change': {
        const t = some(step.t)
        if (!t) return
        const q = db.updateTable('toewijzing').where('id', '=', t.id)
        const einddatum = [addMonths(t.einddatum, step.n), t.ingangsdatum].sort().at(-1)!
        if (step.what === 'einddatum') await q.set({ einddatum }).execute()
        else if (step.what === 'verplichting') await q.set({ verplichting_cents: 1000 * (step.n + 4) }).execute()
        else if (step.what === 'status') await q.set({ status: step.n > 0 ? 'actief' : 'wacht_op_akkoord' }).execute()
        else if (step.what === 'intrekken') await q.set({ reden_wijziging: step.n > 0 ? '13' : null }).execute()
        else if (step.what === 'gemeente') await q.set({ gemeente_id: s.region.gemeenten[step.other % 2]!.id }).execute()
        else if (step.what === 'provider') await q.set({ provider_id: s.providers[step.other % s.providers.length]!.id }).execute()
        else if (step.what === 'client') {
          const c = clients[step.other % clients.length]!
          await q.set({ client_id: c.id, beschikking_id: c.beschikkingId }).execute()
        } else if (step.what === 'segment') await q.set({ segment_id: segments[step.other % segments.length]! }).execute()
        else if (step.what === 'sent_version') await q.set({ sent_version: 1 }).execute()
        // Every toewijzing of the region at once: one statement, many clients.
        else await db.updateTable('toewijzing').set((eb) => ({ einddatum: sql`greatest(ingangsdatum, einddatum + ${step.n * 10}::int)`, verplichting_cents: eb('verplichting_cents', '+', 100) })).where('region_id', '=', regionId).execute()
        return
      }
      case 'delete': {
        const t = some(step.t)
        if (!t) return
        await db.deleteFrom('uitkomst_meting').where('toewijzing_id', '=', t.id).execute()
        await db.deleteFrom('care_stop').where('toewijzing_id', '=', t.id).execute()
        await db.deleteFrom('care_start').where('toewijzing_id', '=', t.id).execute()
        await db.deleteFrom('toewijzing_version').where('toewijzing_id', '=', t.id).execute()
        // The application never deletes a toewijzing (its commitments' trigger would refuse); a repair might.
        await db.deleteFrom('toewijzing_jaar').where('toewijzing_id', '=', t.id).execute()
        await sql`alter table toewijzing disable trigger toewijzing_verplichting`.execute(db)
        await db.deleteFrom('toewijzing').where('id', '=', t.id).execute()
        await sql`alter table toewijzing enable trigger toewijzing_verplichting`.execute(db)
        return
      }
      case 'start': {
        const t = some(step.t)
        if (!t) return
        await db.insertInto('care_start').values({ region_id: regionId, gemeente_id: t.gemeente_id, provider_id: t.provider_id, client_id: t.client_id, toewijzing_id: t.id, begindatum: addDays(t.ingangsdatum, step.days), message_id: messages[0]! }).execute()
        return
      }
      case 'stop': {
        // A stop of a current start.
        const starts = await db.selectFrom('care_start').select(['id', 'toewijzing_id', 'gemeente_id', 'provider_id', 'client_id', 'begindatum']).where('region_id', '=', regionId).where('removed_by_message_id', 'is', null).orderBy('id').execute()
        if (starts.length === 0) return
        const start = starts[step.t % starts.length]!
        await db.insertInto('care_stop').values({ region_id: regionId, gemeente_id: start.gemeente_id, provider_id: start.provider_id, client_id: start.client_id, toewijzing_id: start.toewijzing_id, start_id: start.id, einddatum: addDays(start.begindatum, step.days), reden_beeindiging: step.reden, message_id: messages[1]! }).execute()
        return
      }
      case 'remove': {
        // A current start or stop, removed as a StatusAanlevering 3 does, or deleted outright.
        const rows = await db.selectFrom(step.what).select('id').where('region_id', '=', regionId).where('removed_by_message_id', 'is', null).orderBy('id').execute()
        if (rows.length === 0) return
        const id = rows[step.row % rows.length]!.id
        if (!step.hard) await db.updateTable(step.what).set({ removed_by_message_id: messages[2]! }).where('id', '=', id).execute()
        else {
          if (step.what === 'care_start') await db.deleteFrom('care_stop').where('start_id', '=', id).execute()
          await db.deleteFrom(step.what).where('id', '=', id).execute()
        }
        return
      }
      case 'measure': {
        const t = some(step.t)
        if (!t) return
        const t1 = step.moment === 'T1'
        await db
          .insertInto('uitkomst_meting')
          .values({ region_id: regionId, gemeente_id: t.gemeente_id, provider_id: t.provider_id, client_id: t.client_id, toewijzing_id: t.id, moment: step.moment, gemeten_op: t.einddatum, zelfredzaamheid: JSON.stringify({ ontwikkeling: step.score }), doelen: t1 ? '[]' : JSON.stringify([{ doel: 0, resultaat: 'behaald' }]), tevredenheid: t1 ? null : step.score, zonder_hulp: t1 ? null : 'ja', vervolg: t1 ? null : 'geen', bron: 'lokaal_team' })
          .onConflict((oc) => oc.columns(['region_id', 'toewijzing_id', 'moment']).doUpdateSet({ tevredenheid: t1 ? null : step.score, zelfredzaamheid: JSON.stringify({ ontwikkeling: step.score }) }))
          .execute()
        return
      }
      case 'goals': {
        const c = clients[step.client % clients.length]!
        await db.updateTable('beschikking').set({ goals: JSON.stringify([{ description: 'Doel', domain: 'ontwikkeling', t1: step.t1 }, { description: 'Ander doel', domain: 'wonen', t1: 6 - step.t1 }]) }).where('id', '=', c.beschikkingId).execute()
        return
      }
      case 'received':
        await db.updateTable('care_request').set({ received_on: addDays('2025-12-01', step.days) }).where('id', '=', requests[step.request % requests.length]!).execute()
        return
      case 'version': {
        const t = some(step.t)
        if (!t) return
        if (step.first) await db.updateTable('toewijzing_version').set({ toewijzing_datum: addDays(t.ingangsdatum, -step.days) }).where('toewijzing_id', '=', t.id).where('version', '=', 1).execute()
        else {
          const { max } = await db.selectFrom('toewijzing_version').select((eb) => eb.fn.max('version').as('max')).where('toewijzing_id', '=', t.id).executeTakeFirstOrThrow()
          await db.insertInto('toewijzing_version').values({ region_id: regionId, toewijzing_id: t.id, gemeente_id: t.gemeente_id, provider_id: t.provider_id, version: (max ?? 0) + 1, toewijzing_datum: t.ingangsdatum, toewijzing_tijd: '10:00:00', ingangsdatum: t.ingangsdatum, einddatum: t.einddatum, verplichting_cents: 1, status: 'actief' }).execute()
        }
        return
      }
    }
  }

  const actors = (): Actor[] => {
    const [zeist, bunnik] = s.region.gemeenten
    return [
      s.region.actor('regio'),
      s.region.actor('toezichthouder'),
      s.region.actor('gemeente', { gemeenteId: zeist!.id }),
      s.region.actor('lokaal_team', { gemeenteId: bunnik!.id }),
      ...s.providers.map((p) => s.region.actor('aanbieder', { providerId: p.id })),
    ]
  }

  const rowsOf = (actor: Actor, query: ReturnType<typeof sql>) => withActor(db, actor, async (trx) => (await query.execute(trx)).rows as Record<string, unknown>[])

  /**
   * Mutations of migration 0023 that fail it (each tried once): no update trigger on care_stop
   * (a removed stop leaves its end date; caught by the check after each step); the gemeente's
   * follow-up taken over all the client's trajecten (a gemeente then pairs across gemeenten);
   * `herstart` compared with the peildatum by `<` (caught on a boundary day). And one it found
   * itself (seed 791347595 on both engines): a stop removed after its toewijzing moved to another
   * client recomputed the stop's own client, not the toewijzing's; the triggers now take both.
   */
  it('reads, for every role and peildatum, what the recomputation from the ledger gives, after any sequence of writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 14 }), async (steps) => {
        for (const step of steps) {
          await apply(step)
          // The kept rows are what one recomputation of every client writes: no trigger missed the change.
          const kept = await keptRows()
          await sql`select koers_traject_feiten_bijwerken(${s.region.regionId}::int, ${clients.map((c) => c.id)}::int[])`.execute(db)
          expect(await keptRows(), JSON.stringify(step)).toEqual(kept)
        }
        // Besides the fixed days, the days on which a follow-up, a re-entry or continuing care begins: the boundaries.
        const { rows: boundaries } = await sql<{ d: string }>`
          select distinct d from traject_feit, unnest(array[volgende_begin, herstart, doorlopend_vanaf, eigen_volgende_begin, eigen_herstart, eigen_doorlopend_vanaf]) d
          where region_id = ${s.region.regionId} and d is not null order by d limit 4`.execute(db)
        for (const actor of actors()) {
          for (const peildatum of [...PEILDATA, ...boundaries.map((b) => b.d)]) {
            const kept = await rowsOf(actor, sql`select * from koers_trajecten(${peildatum}::date) order by toewijzing_id`)
            const recomputed = await rowsOf(actor, sql`select * from koers_trajecten_herberekend(${peildatum}::date) order by toewijzing_id`)
            // The same facts; the client as a number that tells the same clients apart (the stored id, the reference a rank: 0025).
            const asked = `${actor.role} ${actor.gemeenteId ?? actor.providerId ?? ''} on ${peildatum}`
            expect(kept.map(withoutClient), asked).toEqual(recomputed.map(withoutClient))
            expect(sameClients(kept), asked).toEqual(sameClients(recomputed))
            // Narrowed to a segment: the same rows.
            const segment = segments[0]!
            const narrowed = await rowsOf(actor, sql`select * from koers_trajecten(${peildatum}::date, null, ${[segment]}::int[]) order by toewijzing_id`)
            const same = kept.filter((r) => r.segment_id === segment)
            expect(narrowed).toEqual(same)
          }
        }
      }),
      { numRuns: engine === 'pglite' ? 25 : 12, endOnFailure: true },
    )
  }, 600_000)

  it('gives the segment page and the scorecard the figures they had when every traject was recomputed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 10 }), async (steps) => {
        for (const step of steps) await apply(step)
        const periode = { from: '2026-01-01', to: '2026-11-30' }
        // A scorecard over a later period reads only the clients with care from its first day on
        // (TrajectNarrowing.clientsFrom): from a fixed day, and from the days on which a traject
        // ends and the day after, where a narrowing off by one day would leave out a client it needs
        // or the facts of a traject that ended on the first day (those of trajecten with such facts first).
        const { rows: ends } = await sql<{ d: string }>`
          select d from traject_feit, unnest(array[eind_datum, eind_datum + 1]) d
          where region_id = ${s.region.regionId} and d > '2026-01-01' and d < '2026-11-30'
          group by d order by bool_or(reden is not null or volgende_begin is not null or herstart is not null or metingen <> '{}') desc, d limit 4`.execute(db)
        const later = [{ from: '2026-07-01', to: '2026-11-30' }, ...ends.map((e) => ({ from: e.d, to: '2026-11-30' }))]
        // Both pages carry the facts read of ended trajecten only for those that ended within the measured days
        // (TrajectNarrowing.endedDetailsIn): periods that end on the day a traject ends, where a narrowing off by one day
        // would leave out its reason, follow-up or measurements. The segment page's trend then ends there too (its peildatum).
        const { rows: lastDays } = await sql<{ d: string }>`
          select eind_datum as d from traject_feit
          where region_id = ${s.region.regionId} and eind_datum > '2026-01-01' and eind_datum < '2026-11-30'
          group by eind_datum order by bool_or(reden is not null or volgende_begin is not null or herstart is not null or metingen <> '{}') desc, d limit 3`.execute(db)
        const earlier = lastDays.map((e) => ({ from: '2026-01-01', to: e.d }))
        for (const actor of actors().filter((a) => a.role !== 'toezichthouder')) {
          const run = <T>(work: Parameters<typeof withActor<T>>[2]) => withActor(db, actor, work)
          for (const segmentId of segments) {
            for (const [q, peildatum] of [[periode, '2026-11-30'] as const, ...earlier.slice(0, 2).map((q) => [q, q.to] as const)]) {
              const page = await segmentOverview(run, actor, segmentId, q, peildatum, null)
              const reference = await segmentOverview(run, actor, segmentId, q, peildatum, null, recomputedKpiFacts)
              expect(page).toEqual(reference)
            }
          }
          for (const p of s.providers) {
            if (actor.providerId !== null && actor.providerId !== p.id) continue
            for (const q of [periode, ...later, ...earlier]) {
              const card = await run((trx) => providerScorecard(trx, actor, p.id, q, '2026-11-30'))
              const reference = await run((trx) => providerScorecard(trx, actor, p.id, q, '2026-11-30', recomputedKpiFacts))
              expect(card).toEqual(reference)
            }
          }
        }
      }),
      { numRuns: engine === 'pglite' ? 6 : 4, endOnFailure: true },
    )
  }, 600_000)

  it('reads the kept rows like the toewijzingen they come from, and lets no role write them', async () => {
    await apply({ kind: 'issue', client: 0, gemeente: 1, provider: 0, segment: 0, wmo: false, start: 1, months: 3, cents: 1000, status: 'actief', request: false, two: true })
    await apply({ kind: 'issue', client: 1, gemeente: 1, provider: 1, segment: 1, wmo: false, start: 1, months: 3, cents: 1000, status: 'actief', request: false, two: false })
    const own = async (actor: Actor) => {
      const facts = await withActor(db, actor, (trx) => trx.selectFrom('traject_feit').select('toewijzing_id').orderBy('toewijzing_id').execute())
      const toewijzingen = await withActor(db, actor, (trx) => trx.selectFrom('toewijzing').select('id').where('status', '=', 'actief').where((eb) => eb.or([eb('reden_wijziging', 'is', null), eb('reden_wijziging', '<>', '13')])).orderBy('id').execute())
      return { facts: facts.map((r) => r.toewijzing_id), toewijzingen: toewijzingen.map((r) => r.id) }
    }
    for (const actor of actors()) {
      const { facts, toewijzingen } = await own(actor)
      expect(facts, actor.role).toEqual(toewijzingen)
      if (actor.role === 'regio') expect(facts).toEqual([])
      else if (actor.role !== 'aanbieder' || actor.providerId === s.providers[0]!.id) expect(facts.length, actor.role).toBeGreaterThan(0)
      const refused = { code: '42501' }
      const id = (await db.selectFrom('traject_feit').select('toewijzing_id').where('region_id', '=', s.region.regionId).executeTakeFirstOrThrow()).toewijzing_id
      await expect(withActor(db, actor, (trx) => trx.updateTable('traject_feit').set({ per_dag: 0 }).where('toewijzing_id', '=', id).execute())).rejects.toMatchObject(refused)
      await expect(withActor(db, actor, (trx) => trx.deleteFrom('traject_feit').where('toewijzing_id', '=', id).execute())).rejects.toMatchObject(refused)
      const row = await db.selectFrom('traject_feit').selectAll().where('toewijzing_id', '=', id).executeTakeFirstOrThrow()
      await expect(withActor(db, actor, (trx) => trx.insertInto('traject_feit').values({ ...row, toewijzing_id: id + 100_000, metingen: '{}', doelen_t1: '[]' }).execute())).rejects.toMatchObject(refused)
    }
  })

  async function keptRows() {
    const { rows } = await sql`select * from traject_feit where region_id = ${s.region.regionId} order by toewijzing_id`.execute(db)
    return rows
  }
})

type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never

/** The client of a row: koers_trajecten's stored id or the reference's rank within its call. */
const clientOf = (r: Record<string, unknown>) => r.client_id ?? r.client_key
const withoutClient = ({ client_id: _id, client_key: _key, ...r }: Record<string, unknown>) => r

/** Which rows share a client, as pairs of positions: the client numbers themselves mean nothing outside their call. */
function sameClients(rows: Record<string, unknown>[]): [number, number][] {
  const pairs: [number, number][] = []
  for (let i = 0; i < rows.length; i++) for (let j = i + 1; j < rows.length; j++) if (clientOf(rows[i]!) === clientOf(rows[j]!)) pairs.push([i, j])
  return pairs
}
