/**
 * The demo's integrity register (issue 21 §6): every provider gets a plausible register (UBO
 * report, VOG, quality mark, internal supervisory body, admission checks, a Bibob outcome for
 * some, a GGD finding for some) and three years of annual accounts sized from its demo revenue
 * (what it declared in the region), through the feature's own functions; a few providers trip
 * each kind of signal. Deterministic: its own seeded generator, so that the rest of the demo
 * draws the same numbers as before.
 */
import { type Actor, systemActor } from '../auth/actor.ts'
import type { Database } from '../db/database.ts'
import { type ScopedDb, withActor } from '../db/scope.ts'
import type { IntegriteitSignaalSoort } from '../db/schema.ts'
import { laatsteVerplichteJaar } from '../integriteit/integriteit.rules.ts'
import { openOnderzoek, addStap } from '../integriteit/onderzoek.queries.ts'
import { recordRegistratie, replaceSanctielijst, saveJaarrekening } from '../integriteit/register.queries.ts'
import type { JaarcijfersInput } from '../integriteit/integriteit.schema.ts'
import { listIntegriteitSignalen, refreshIntegriteitSignalen } from '../integriteit/signaal.queries.ts'
import { addDays, type CalendarDate } from '../shared/dates.ts'
import { seededRandom } from './random.ts'

// Invented persons (no real ones): UBO's and the sanctions list.
const firstNames = ['Anna', 'Bas', 'Carla', 'Daan', 'Eva', 'Frank', 'Greet', 'Hans', 'Ilse', 'Joris', 'Karin', 'Lucas', 'Marit', 'Niels', 'Olga', 'Pieter']
const lastNames = ['Aalders', 'Brink', 'Claassen', 'Dolman', 'Evers', 'Fokkema', 'Geerts', 'Hoekstra', 'IJzerman', 'Jonker', 'Kramer', 'Lammers', 'Mol', 'Nooren', 'Oosting', 'Prins']

/** The signal kind a provider trips in the demo. */
type Trip = IntegriteitSignaalSoort

export async function buildIntegriteit(tx: ScopedDb, regionId: number, until: CalendarDate, seed: number): Promise<{ providers: number; jaarrekeningen: number; signalen: number }> {
  const random = seededRandom(seed)
  const euros = (min: number, max: number) => Math.round(min + random.next() * (max - min)) * 100
  const between = (min: number, max: number) => min + random.next() * (max - min)
  const regio: Actor = { ...systemActor(regionId, 'Inkoop- en contractmanagement (demo)') }
  const toezicht: Actor = { ...regio, role: 'toezichthouder', name: 'Toezichthouder rechtmatigheid (demo)' }
  const lastYear = laatsteVerplichteJaar(until)
  const years = [lastYear - 2, lastYear - 1, lastYear]

  // Read on the builder's connection: the providers, what they declared per year, their awards and logins.
  const providers = await tx.selectFrom('provider').select(['id', 'name', 'kvk_number']).where('region_id', '=', regionId).orderBy('id').execute()
  const declaredRows = await tx
    .selectFrom('realisatie_maand')
    .select(['provider_id', 'maand', 'debet_cents', 'credit_cents'])
    .where('region_id', '=', regionId)
    .execute()
  const declared = new Map<number, Map<number, number>>()
  for (const r of declaredRows) {
    const y = Number(r.maand.slice(0, 4))
    const m = declared.get(r.provider_id) ?? new Map<number, number>()
    m.set(y, (m.get(y) ?? 0) + r.debet_cents - r.credit_cents)
    declared.set(r.provider_id, m)
  }
  const awarded = new Set(
    (await tx.selectFrom('contract_award').select('provider_id').where('region_id', '=', regionId).where('valid_from', '<=', `${lastYear}-12-31`).where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', `${lastYear}-01-01`)])).execute()).map((r) => r.provider_id),
  )
  const logins = (await tx.selectFrom('app_user').select(['provider_id', 'username']).where('region_id', '=', regionId).where('role', '=', 'aanbieder').orderBy('username').execute()).map((u) => u.provider_id!)

  // Who trips what: the first provider with a login misses its UBO report (the e2e test has it
  // complete it); the one that declared most in the last year reported too little revenue; the
  // missing annual account is one of a provider under contract; the rest in id order.
  const trips = new Map<number, Trip>()
  const free = (p: { id: number }) => !trips.has(p.id)
  if (logins[0] !== undefined) trips.set(logins[0], 'ubo_ontbreekt')
  const mostDeclared = providers.filter(free).sort((a, b) => (declared.get(b.id)?.get(lastYear) ?? 0) - (declared.get(a.id)?.get(lastYear) ?? 0) || a.id - b.id)[0]
  if (mostDeclared && (declared.get(mostDeclared.id)?.get(lastYear) ?? 0) > 0) trips.set(mostDeclared.id, 'declaraties_boven_omzet')
  const missing = providers.filter(free).find((p) => awarded.has(p.id))
  if (missing) trips.set(missing.id, 'jaarrekening_ontbreekt')
  for (const kind of ['ubo_op_sanctielijst', 'bibob_negatief', 'maatregel_niet_gemeld', 'winst_boven_maximum', 'solvabiliteit_laag', 'liquiditeit_laag', 'inhuur_hoog'] as const) {
    const p = providers.filter(free).find((x) => !logins.includes(x.id)) ?? providers.find(free)
    if (p) trips.set(p.id, kind)
  }

  const sanctions: { naam: string; geboortedatum: string | null; kvkNummer: string | null }[] = [
    { naam: 'Rutger Veldkamp', geboortedatum: '1968-02-14', kvkNummer: null },
    { naam: 'Holding Oostwaarts B.V.', geboortedatum: null, kvkNummer: '90000017' },
    { naam: 'Mira Zandvoort', geboortedatum: '1981-09-30', kvkNummer: null },
  ]
  let jaarrekeningen = 0
  for (const p of providers) {
    const trip = trips.get(p.id)
    const aanbieder: Actor = { ...regio, role: 'aanbieder', providerId: p.id, name: p.name }
    const ubo = [{ naam: `${random.pick(firstNames)} ${random.pick(lastNames)}`, geboortedatum: `19${random.int(55, 89)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}` }]
    if (trip === 'ubo_op_sanctielijst') sanctions.push({ naam: ubo[0]!.naam.toUpperCase(), geboortedatum: ubo[0]!.geboortedatum, kvkNummer: null })
    await withActor(tx as unknown as Database, aanbieder, async (trx) => {
      if (trip !== 'ubo_ontbreekt') await recordRegistratie(trx, aanbieder, { providerId: p.id, soort: 'ubo', datum: addDays(until, -random.int(60, 400)), document: `UBO-uittreksel KvK ${p.kvk_number}`, gegevens: { identiteitVastgesteld: true, personen: ubo } })
      await recordRegistratie(trx, aanbieder, { providerId: p.id, soort: 'vog', datum: addDays(until, -random.int(30, 300)), document: `VOG-verklaring ${p.name}`, gegevens: { aanwezig: true, toelichting: 'Alle medewerkers met cliëntcontact hebben een VOG.' } })
      if (random.next() < 0.6) await recordRegistratie(trx, aanbieder, { providerId: p.id, soort: 'keurmerk', datum: addDays(until, -random.int(100, 700)), document: 'Certificaat', gegevens: { naam: random.pick(['ISO 9001', 'HKZ', 'Kwaliteitskader Jeugd']), geldigTot: addDays(until, random.int(100, 900)) } })
      await recordRegistratie(trx, aanbieder, { providerId: p.id, soort: 'rvt', datum: addDays(until, -random.int(100, 700)), gegevens: { vereist: random.next() < 0.5, aanwezig: true } })
      if (trip === 'maatregel_niet_gemeld') {
        const measure = addDays(until, -75)
        await recordRegistratie(trx, aanbieder, { providerId: p.id, soort: 'toezicht', datum: addDays(measure, 12), document: 'IGJ-rapport, kenmerk IGJ-2026-0412', gegevens: { bron: 'IGJ', maatregelDatum: measure, gemeldOp: addDays(measure, 12), bevinding: 'Tekortkomingen in de dossiervoering en het veiligheidsbeleid.', maatregel: 'Aanwijzing' } })
      } else if (random.next() < 0.2) {
        const measure = addDays(until, -random.int(30, 300))
        await recordRegistratie(trx, aanbieder, { providerId: p.id, soort: 'toezicht', datum: addDays(measure, 3), document: 'GGD-rapport', gegevens: { bron: 'GGD', maatregelDatum: measure, gemeldOp: addDays(measure, 3), bevinding: 'Verbeterpunten in de cliëntdossiers.', maatregel: 'Verbeterplan binnen drie maanden' } })
      }
    })
    await withActor(tx as unknown as Database, toezicht, async (trx) => {
      await recordRegistratie(trx, toezicht, { providerId: p.id, soort: 'toelating', datum: addDays(until, -random.int(400, 900)), gegevens: { toets: 'Geschiktheidseisen toelatingsprocedure', resultaat: 'voldaan' } })
      if (trip === 'bibob_negatief') await recordRegistratie(trx, toezicht, { providerId: p.id, soort: 'bibob', datum: addDays(until, -40), document: 'LBB-advies, kenmerk LBB-2026-118', gegevens: { lbbAdvies: 'ernstige_mate', uitkomst: 'negatief', zienswijze: 'Zienswijze ontvangen; geeft geen aanleiding het besluit te wijzigen.' } })
      else if (random.next() < 0.15) await recordRegistratie(trx, toezicht, { providerId: p.id, soort: 'bibob', datum: addDays(until, -random.int(100, 600)), gegevens: { lbbAdvies: 'niet_gevraagd', uitkomst: 'positief', zienswijze: '' } })
    })

    // Three years of annual accounts, sized from what the provider declared in the region.
    const d = declared.get(p.id) ?? new Map<number, number>()
    const fallback = euros(150_000, 900_000)
    const base = Math.max(...years.map((y) => d.get(y) ?? 0), fallback)
    const share = between(0.35, 0.9)
    await withActor(tx as unknown as Database, aanbieder, async (trx) => {
      for (const [i, jaar] of years.entries()) {
        if (trip === 'jaarrekening_ontbreekt' && jaar === lastYear) continue
        const declaredY = d.get(jaar) ?? 0
        let regio = Math.max(Math.round(base * (0.85 + 0.07 * i)), Math.round(declaredY * between(1.05, 1.25)))
        if (trip === 'declaraties_boven_omzet' && jaar === lastYear) regio = Math.round(declaredY * 0.8)
        regio = Math.round(regio / 100) * 100
        const omzet = Math.round(regio / share / 100) * 100
        const margin = trip === 'winst_boven_maximum' ? between(0.08, 0.11) : between(0.005, 0.04)
        const balans = Math.round((omzet * between(0.35, 0.6)) / 100) * 100
        const solvency = trip === 'solvabiliteit_laag' ? between(0.05, 0.12) : between(0.25, 0.45)
        const vlottend = Math.round((balans * between(0.5, 0.75)) / 100) * 100
        const currentRatio = trip === 'liquiditeit_laag' ? between(0.6, 0.85) : between(1.2, 2)
        const personeel = Math.round((omzet * between(0.55, 0.7)) / 100) * 100
        const inhuurShare = trip === 'inhuur_hoog' ? between(0.6, 0.75) : between(0.05, 0.3)
        const input: JaarcijfersInput = {
          providerId: p.id,
          jaar,
          omzetCents: omzet,
          omzetRegioCents: regio,
          personeelskostenCents: personeel,
          inhuurCents: Math.round((personeel * inhuurShare) / (1 - inhuurShare) / 100) * 100,
          resultaatCents: Math.round((omzet * margin) / 100) * 100,
          eigenVermogenCents: Math.round((balans * solvency) / 100) * 100,
          balanstotaalCents: balans,
          vlottendeActivaCents: vlottend,
          kortlopendeSchuldenCents: Math.round(vlottend / currentRatio / 100) * 100,
          dividendCents: trip === 'winst_boven_maximum' ? Math.round((omzet * margin * 0.6) / 100) * 100 : 0,
          verbondenPartijenCents: random.next() < 0.3 ? euros(5_000, 60_000) : 0,
          ingediendOp: `${jaar + 1}-05-${String(random.int(1, 28)).padStart(2, '0')}`,
          bron: `DigiMV ${jaar} (demo)`,
        }
        await saveJaarrekening(trx, aanbieder, input)
        jaarrekeningen++
      }
    })
  }
  await withActor(tx as unknown as Database, regio, (trx) => replaceSanctielijst(trx, regio, sanctions, 'Geconsolideerde sanctielijst (demo)'))
  const { current } = await refreshIntegriteitSignalen(tx, regionId, until)

  // An investigation opened by the toezichthouder from the negative Bibob outcome.
  await withActor(tx as unknown as Database, toezicht, async (trx) => {
    const [bibob] = await listIntegriteitSignalen(trx, toezicht, { soort: 'bibob_negatief' })
    if (!bibob) return
    const { id } = await openOnderzoek(trx, toezicht, { providerId: bibob.providerId, titel: 'Rechtmatigheid na negatief Bibob-advies', signaalId: bibob.id, vraagAanAanbieder: 'Lever binnen 14 dagen de urenregistratie en de facturen van onderaannemers over het laatste halfjaar aan.' })
    await addStap(trx, toezicht, id, { soort: 'stap', tekst: 'Dossier opgevraagd bij de aanbieder; afstemming met het contractmanagement.' })
    await addStap(trx, toezicht, id, { soort: 'bevinding', tekst: 'Gedeclareerde uren van twee onderaannemers niet onderbouwd.' })
    await addStap(trx, toezicht, id, { soort: 'maatregel', tekst: 'Terugvordering van het niet onderbouwde deel.', terugvorderingCents: euros(4_000, 25_000) })
  })
  return { providers: providers.length, jaarrekeningen, signalen: current }
}
