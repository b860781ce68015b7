/**
 * Bench archive (a child process of run.ts): a region's traffic run through Koers in
 * answering mode in a PGlite in memory — per client a 315 approved with a 301 and a 305, then
 * per provider and month a 323 with a prestatie per client and week, answered with a 325 — and written
 * out in both directions as an archive: the gemeente's messages (301, 325 and the retours 306, 316) in a zip, the
 * providers' (315, 305, 323) in a directory per provider. Prints the counts as JSON.
 *
 *   tsx bench/archief/generate.ts --clients 500 --maanden 9 --dir /tmp/koers-bench-archief
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { registerClient } from '../../src/clients/client.queries.ts'
import { openDatabase } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { withActor } from '../../src/db/scope.ts'
import { declaratie323, providerMessage } from '../../src/exchange/provider-message.ts'
import { receiveMessage } from '../../src/inbox/receive.ts'
import { bsnOf } from '../../src/istandaarden/testing/generate-323.ts'
import { approveRequest } from '../../src/requests/request.queries.ts'
import { zipArchive } from '../../src/shared/zip.ts'
import { assessment, toegangScenario } from '../../src/test/toegang-scenario.ts'

const { values } = parseArgs({ options: { clients: { type: 'string', default: '500' }, maanden: { type: 'string', default: '9' }, dir: { type: 'string', default: '/tmp/koers-bench-archief' } } })
const clients = Number(values.clients)
const maanden = Math.min(Number(values.maanden), 9)
const { db, close } = await openDatabase({ memory: true })
await migrateToLatest(db)
const s = await toegangScenario(db)
const region = s.region.regionId
const at = (date: string) => ({ date, time: '12:00:00' })
const providers = s.providers.slice(0, 2)
const client = (i: number) => ({ Bsn: bsnOf(2 * i + 1000), Geboortedatum: { Datum: '2012-02-14' }, Geslacht: '1', Naam: { Geslachtsnaam: { Achternaam: `Client${i}` }, Voorletters: 'A' } })

// Per client: a 315, approved (the 301), and a 305.
const toewijzingen: { nummer: number; bsn: string; provider: number }[] = []
for (let i = 0; i < clients; i++) {
  // Known to the gemeente with the BRP address the 301 carries (CD034).
  await withActor(db, s.team, (trx) => registerClient(trx, s.team, { bsn: bsnOf(2 * i + 1000), birthDate: '2012-02-14', familyName: `Client${i}`, initials: 'A', gender: '1', postcode: '3701AB', huisnummer: i + 1 }))
  const p = i % providers.length
  const r315 = providerMessage('ijw', '315', providers[p]!.agb, s.zeist.cbsCode, `RQ${i}`, '2026-11-02', { ...client(i), AangevraagdeProducten: { AangevraagdProduct: [{ ReferentieAanbieder: `R${i}`, Product: { Categorie: '45', Code: '45A48' }, ToewijzingIngangsdatum: '2026-12-01', ToewijzingEinddatum: '2027-08-31', Omvang: { Volume: '3', Eenheid: '04', Frequentie: '2' }, Verwijzer: { Type: '02', ZorgverlenerCode: '01234567' } }] } })
  await receiveMessage(db, region, r315, { at: at('2026-11-02') })
}
const requests = await withActor(db, s.team, (trx) => trx.selectFrom('care_request').select(['id', 'bsn']).orderBy('id').execute())
for (const [i, r] of requests.entries()) {
  const t = await withActor(db, s.team, (trx) => approveRequest(trx, s.team, r.id, { productId: s.productId, ingangsdatum: '2026-12-01', einddatum: '2027-08-31', omvang: { volume: 3, eenheid: '04', frequentie: '2' }, assessment }, { date: '2026-11-03', time: '09:00:00' }))
  const p = i % providers.length
  toewijzingen.push({ nummer: t.toewijzingNummer, bsn: r.bsn!, provider: p })
  const start = providerMessage('ijw', '305', providers[p]!.agb, s.zeist.cbsCode, `ST${i}`, '2026-12-03', { ...client(i), StartProducten: { StartProduct: [{ ToewijzingNummer: String(t.toewijzingNummer), Product: { Categorie: '45', Code: '45A48' }, ToewijzingIngangsdatum: '2026-12-01', Begindatum: '2026-12-01', StatusAanlevering: '1' }] } })
  await receiveMessage(db, region, start, { at: at('2026-12-03') })
}
// Per provider and month a 323 with a prestatie per client; Koers answers each with a 325.
const months = Array.from({ length: maanden }, (_, m) => new Date(Date.UTC(2026, 11 + m, 1)).toISOString().slice(0, 7))
for (const [m, maand] of months.entries()) {
  const [y, mm] = maand.split('-').map(Number) as [number, number]
  const eind = new Date(Date.UTC(y, mm, 0)).toISOString().slice(0, 10)
  const dagtekening = new Date(Date.UTC(y, mm, 5)).toISOString().slice(0, 10)
  for (const [p, provider] of providers.entries()) {
    // A prestatie per client and week: 1–7, 8–14, 15–21, 22–end of the month.
    const weken = [['01', '07'], ['08', '14'], ['15', '21'], ['22', eind.slice(8)]] as const
    const regels = toewijzingen.filter((t) => t.provider === p).flatMap((t) => weken.map(([b, e], w) => ({ ref: `D${m}-${t.nummer}-${w}`, nummer: t.nummer, bsn: t.bsn, begin: `${maand}-${b}`, eind: `${maand}-${e}`, volume: 3, tarief: y === 2026 ? 9000 : 9270 })))
    await receiveMessage(db, region, declaratie323({ agb: provider.agb, cbs: s.zeist.cbsCode, ident: `DC${m}-${p}`, nummer: `DN${maand.replace('-', '')}${p}`, maand, dagtekening, regels }), { at: at(dagtekening) })
  }
}
const rows = await withActor(db, s.team, (trx) => trx.selectFrom('message').select(['direction', 'code', 'identificatie', 'sender_code', 'content']).execute())
const prestaties = await withActor(db, s.team, (trx) => trx.selectFrom('declaratie_regel').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow())
await close()

rmSync(values.dir, { recursive: true, force: true })
mkdirSync(values.dir, { recursive: true })
const gemeente = new Map<string, Buffer>()
for (const r of rows) {
  const name = `${r.code}-${r.identificatie}.xml`
  if (['301', '306', '308', '316', '318', '319', '325'].includes(r.code)) gemeente.set(name, Buffer.from(r.content))
  else {
    mkdirSync(join(values.dir, 'aanbieders', r.sender_code), { recursive: true })
    writeFileSync(join(values.dir, 'aanbieders', r.sender_code, name), r.content)
  }
}
// In reverse order of name: the import sorts.
writeFileSync(join(values.dir, 'gemeente.zip'), zipArchive(new Map([...gemeente].sort(([a], [b]) => b.localeCompare(a))), 8))
const perCode: Record<string, number> = {}
for (const r of rows) perCode[r.code] = (perCode[r.code] ?? 0) + 1
console.log(JSON.stringify({ berichten: rows.length, prestaties: Number(prestaties.n), perCode }))
