import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../auth/actor.ts'
import { withActor } from '../db/scope.ts'
import { engines, freshDatabase, type TestDatabase } from '../test/databases.ts'
import { newUser } from '../test/factory.ts'
import { type ToegangScenario, toegangScenario } from '../test/toegang-scenario.ts'
import type { JaarcijfersInput } from './integriteit.schema.ts'
import { listJaarrekeningen, listRegistraties, recordRegistratie, replaceSanctielijst, saveJaarrekening, segmentVergelijking } from './register.queries.ts'
import { acknowledgeIntegriteitSignaal, betalingOpgeschort, closeIntegriteitSignaal, listIntegriteitSignalen, refreshIntegriteitSignalen } from './signaal.queries.ts'

export const jaarcijfers = (providerId: number, jaar: number, over: Partial<JaarcijfersInput> = {}): JaarcijfersInput => ({
  providerId,
  jaar,
  omzetCents: 1_000_000_00,
  omzetRegioCents: 600_000_00,
  personeelskostenCents: 600_000_00,
  inhuurCents: 100_000_00,
  resultaatCents: 30_000_00,
  eigenVermogenCents: 150_000_00,
  balanstotaalCents: 500_000_00,
  vlottendeActivaCents: 300_000_00,
  kortlopendeSchuldenCents: 250_000_00,
  dividendCents: 0,
  verbondenPartijenCents: 0,
  ingediendOp: `${jaar + 1}-05-01`,
  bron: 'test',
  ...over,
})

describe.each(engines)('the integrity register and its signals on %s', (engine) => {
  let database: TestDatabase
  let s: ToegangScenario
  let regio: Actor
  let toezicht: Actor
  let p1: Actor
  let p2: Actor
  beforeAll(async () => {
    database = await freshDatabase(engine)
    s = await toegangScenario(database.db)
    const { username } = await newUser(database.db, s.region, 'regio')
    const user = await database.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()
    regio = { ...s.region.actor('regio'), userId: user.id, name: 'Inkoper' }
    toezicht = { ...s.region.actor('toezichthouder'), name: 'Toezichthouder' }
    p1 = { ...s.region.actor('aanbieder', { providerId: s.providers[0]!.id }), name: 'Aanbieder 1' }
    p2 = { ...s.region.actor('aanbieder', { providerId: s.providers[1]!.id }), name: 'Aanbieder 2' }
  })
  afterAll(() => database.dispose())

  it('lets a provider record its own UBO, VOG and annual account, but not another’s nor a Bibob outcome — also not past the query layer', async () => {
    const [own, other] = s.providers
    const ubo = { providerId: own!.id, soort: 'ubo' as const, datum: '2027-01-10', document: 'KvK-uittreksel 2027-01', gegevens: { identiteitVastgesteld: true, personen: [{ naam: 'Piet Post', geboortedatum: '1960-01-01' }] } }
    const { id } = await withActor(database.db, p1, (trx) => recordRegistratie(trx, p1, ubo))
    expect(id).toBeGreaterThan(0)
    await withActor(database.db, p1, (trx) => saveJaarrekening(trx, p1, jaarcijfers(own!.id, 2026, { resultaatCents: 80_000_00 })))
    await expect(withActor(database.db, p1, (trx) => recordRegistratie(trx, p1, { ...ubo, providerId: other!.id }))).rejects.toMatchObject({ reason: 'integriteit.not_own' })
    await expect(withActor(database.db, p1, (trx) => recordRegistratie(trx, p1, { providerId: own!.id, soort: 'bibob', datum: '2027-01-10', gegevens: { lbbAdvies: 'geen_gevaar', uitkomst: 'positief', zienswijze: '' } }))).rejects.toMatchObject({ reason: 'integriteit.kind_reserved' })
    await expect(withActor(database.db, p1, (trx) => saveJaarrekening(trx, p1, jaarcijfers(other!.id, 2026)))).rejects.toMatchObject({ reason: 'integriteit.not_own' })
    // Row-level security refuses the same when a query forgets.
    await expect(
      withActor(database.db, p1, (trx) => trx.insertInto('integriteit_registratie').values({ region_id: s.region.regionId, provider_id: own!.id, soort: 'bibob', datum: '2027-01-10', gegevens: '{}', recorded_by_name: 'x' }).execute()),
    ).rejects.toThrow(/row-level security/)
    await expect(
      withActor(database.db, p1, (trx) => trx.insertInto('integriteit_registratie').values({ region_id: s.region.regionId, provider_id: other!.id, soort: 'ubo', datum: '2027-01-10', gegevens: '{}', recorded_by_name: 'x' }).execute()),
    ).rejects.toThrow(/row-level security/)
    // Each provider sees only its own register and accounts; the entry says who recorded it.
    const seen = await withActor(database.db, p2, (trx) => trx.selectFrom('integriteit_registratie').select('id').execute())
    expect(seen).toEqual([])
    expect(await withActor(database.db, p2, (trx) => listJaarrekeningen(trx, p2))).toEqual([])
    const list = await withActor(database.db, regio, (trx) => listRegistraties(trx, regio, own!.id))
    expect(list).toEqual([expect.objectContaining({ soort: 'ubo', vastgelegdDoor: 'Aanbieder 1', document: 'KvK-uittreksel 2027-01' })])
  })

  it('raises every signal from its condition, suspends payments on a UBO signal, and keeps the signals from providers', async () => {
    const [a, b, c] = s.providers
    await withActor(database.db, toezicht, async (trx) => {
      await recordRegistratie(trx, toezicht, { providerId: b!.id, soort: 'bibob', datum: '2027-02-01', gegevens: { lbbAdvies: 'ernstige_mate', uitkomst: 'negatief', zienswijze: 'Geen zienswijze ingediend' } })
      await recordRegistratie(trx, toezicht, { providerId: a!.id, soort: 'toezicht', datum: '2027-03-01', gegevens: { bron: 'IGJ', maatregelDatum: '2027-03-01', gemeldOp: null, bevinding: 'Tekortkomingen dossiervorming', maatregel: 'Aanwijzing' } })
    })
    expect(await refreshIntegriteitSignalen(database.db, s.region.regionId, '2027-06-15')).toEqual({ raised: 6, current: 6 })
    const signals = await withActor(database.db, regio, (trx) => listIntegriteitSignalen(trx, regio))
    const kinds = signals.map((x) => `${x.soort}|${x.providerId}`).sort()
    expect(kinds).toEqual(
      [`bibob_negatief|${b!.id}`, `jaarrekening_ontbreekt|${b!.id}`, `maatregel_niet_gemeld|${a!.id}`, `ubo_ontbreekt|${b!.id}`, `ubo_ontbreekt|${c!.id}`, `winst_boven_maximum|${a!.id}`].sort(),
    )
    expect([...(await withActor(database.db, regio, (trx) => betalingOpgeschort(trx, regio)))].sort()).toEqual([b!.id, c!.id].sort())
    // The sanctions list names the UBO of provider 1 (name and date of birth).
    await withActor(database.db, regio, (trx) => replaceSanctielijst(trx, regio, [{ naam: 'PIET POST', geboortedatum: '1960-01-01', kvkNummer: null }], 'EU-lijst 2027-06'))
    await refreshIntegriteitSignalen(database.db, s.region.regionId, '2027-06-15')
    expect((await withActor(database.db, regio, (trx) => betalingOpgeschort(trx, regio))).has(a!.id)).toBe(true)
    // Providers see no signal and no flag; a gemeente reads them.
    expect(await withActor(database.db, p1, (trx) => trx.selectFrom('integriteit_signaal').select('id').execute())).toEqual([])
    expect((await withActor(database.db, p1, (trx) => betalingOpgeschort(trx, p1))).size).toBe(0)
    const gemeente = s.region.actor('gemeente', { gemeenteId: s.zeist.id })
    expect((await withActor(database.db, gemeente, (trx) => listIntegriteitSignalen(trx, gemeente))).length).toBe(7)
    // The same as of 31 May: the account of 2026 is not yet missing.
    await refreshIntegriteitSignalen(database.db, s.region.regionId, '2027-05-31')
    const missing = await withActor(database.db, regio, (trx) => listIntegriteitSignalen(trx, regio, { soort: 'jaarrekening_ontbreekt' }))
    expect(missing.map((m) => [m.sleutel, m.actueel])).toEqual([['2026', false]])
  })

  it('follows a signal through open → erkend → gesloten with an owner and notes', async () => {
    const [signal] = await withActor(database.db, regio, (trx) => listIntegriteitSignalen(trx, regio, { soort: 'bibob_negatief' }))
    await expect(withActor(database.db, regio, (trx) => closeIntegriteitSignaal(trx, regio, signal!.id, { notitie: 'x' }))).rejects.toMatchObject({ reason: 'signal.not_acknowledged' })
    await expect(withActor(database.db, regio, (trx) => acknowledgeIntegriteitSignaal(trx, regio, signal!.id, { notitie: 'Gesprek', eigenaarId: 999_999 }))).rejects.toMatchObject({ reason: 'integriteit.owner_invalid' })
    await withActor(database.db, regio, (trx) => acknowledgeIntegriteitSignaal(trx, regio, signal!.id, { notitie: 'Gesprek plannen', eigenaarId: regio.userId! }))
    await withActor(database.db, regio, (trx) => closeIntegriteitSignaal(trx, regio, signal!.id, { notitie: 'Overeenkomst ontbonden' }))
    const [after] = await withActor(database.db, regio, (trx) => listIntegriteitSignalen(trx, regio, { soort: 'bibob_negatief' }))
    expect(after).toMatchObject({ status: 'gesloten', eigenaar: expect.any(String), erkendNotitie: 'Gesprek plannen', geslotenNotitie: 'Overeenkomst ontbonden' })
    // A gemeente reads, and cannot act even when a query forgets.
    const gemeente = s.region.actor('gemeente', { gemeenteId: s.zeist.id })
    const changed = await withActor(database.db, gemeente, (trx) => trx.updateTable('integriteit_signaal').set({ titel: 'x' }).executeTakeFirst())
    expect(Number(changed.numUpdatedRows)).toBe(0)
  })

  it('compares an account with the providers of the same segment, not for a provider', async () => {
    const [a, b] = s.providers
    await withActor(database.db, regio, (trx) => saveJaarrekening(trx, regio, jaarcijfers(b!.id, 2026, { eigenVermogenCents: 50_000_00 })))
    const cmp = await withActor(database.db, regio, (trx) => segmentVergelijking(trx, regio, a!.id))
    // Solvency 30 % and 10 %: the mean is 20 %.
    expect(cmp).toEqual([expect.objectContaining({ jaar: 2026, aanbieders: 2, gemiddeld: expect.objectContaining({ solvabiliteit: expect.closeTo(0.2, 10) }) })])
    expect(await withActor(database.db, p1, (trx) => segmentVergelijking(trx, p1, a!.id))).toEqual([])
  })
})
